import { hc } from 'hono/client';
import type { ApiRouter } from './app';

/** The API's type for the typed client; the web app imports only this type. */
export type AppType = ApiRouter;

export const createApiClient = (baseUrl: string, init?: Parameters<typeof hc>[1]) =>
  hc<AppType>(baseUrl, init);
