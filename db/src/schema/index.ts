export * from './auth';
export * from './boundaries';
export * from './catalog';
export * from './consulting';
export * from './meta';
export * from './regions';
export * from './status';
export * from './maturity';
