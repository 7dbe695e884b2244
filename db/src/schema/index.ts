export * from './auth';
export * from './boundaries';
export * from './catalog';
export * from './check';
export * from './consulting';
export * from './meta';
export * from './regions';
export * from './status';
