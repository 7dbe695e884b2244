export { createApi, createApp } from './app';
export type { AppType } from './client';
export { type ApiEnv, readApiEnv } from './env';
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
export { startServer } from './server';
export { updateStatuses } from './services/statuses';
export { createUser, setPassword } from './services/users';
