export * from './applicability';
export * from './catalog';
export * from './maturity';
export * from './progress';
export * from './regions';
export * from './status-rules';
export * from './wire';
export * from './wire-tracking';
