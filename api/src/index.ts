export { createApi, createApp } from './app';
export type { AppType } from './client';
export { type ApiEnv, readApiEnv } from './env';
export { startServer } from './server';
