export * from './applicability';
export * from './catalog';
export * from './maturity';
export * from './regions';
export * from './wire';
