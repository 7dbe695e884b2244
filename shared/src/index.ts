export * from './progress';
export * from './applicability';
export * from './catalog';
export * from './maturity';
export * from './regions';
export * from './status-rules';
export * from './wire';
export * from './wire-tracking';
