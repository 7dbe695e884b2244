export { createApi, createApp } from './app';
export type { AppType } from './client';
export { type ApiEnv, logLevel, readApiEnv } from './env';
export {
  createJobRunner,
  DEFAULT_SCHEDULES,
  type JobContext,
  type JobHandler,
  type JobOptions,
  type JobRunner,
  registerAppJobs,
} from './jobs/index';
export { AppError } from './lib/errors';
export { poolSize } from './lib/load-gate';
export { createLogger, type Logger } from './lib/logger';
export { createMetrics, type Metrics } from './lib/metrics';
export { type RunningServer, startServer } from './server';
export { updateStatuses } from './services/statuses';
export { createUser, setPassword } from './services/users';
