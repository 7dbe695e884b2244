export * from './auth';
export * from './boundaries';
export * from './catalog';
export * from './consulting';
export * from './maturity';
export * from './meta';
export * from './regions';
export * from './status';
