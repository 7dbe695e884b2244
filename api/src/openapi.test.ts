import type { Database } from '@ozg/db';
import { createTestDatabase } from '@ozg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './testing';

type Operation = {
  summary?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

let database: Database;
let doc: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

beforeAll(async () => {
  database = await createTestDatabase();
  doc = (await (await testApp(database).request('/api/v1/openapi.json')).json()) as typeof doc;
});
afterAll(async () => {
  await database.close();
});

describe('OpenAPI document', () => {
  it('describes every route with a summary, its success schema and its error responses', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(20);
    for (const { name, operation } of operations) {
      expect(operation.summary, name).toBeTruthy();
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect(success.length, name).toBeGreaterThan(0);
      for (const [status, response] of success) {
        if (status !== '204')
          expect(Object.keys(response.content ?? {}).length, `${name} ${status}`).toBeGreaterThan(0);
      }
      if (operation.security) expect(operation.responses['401'], `${name} 401`).toBeDefined();
      if (operation.requestBody) {
        expect(Object.keys(operation.requestBody.content).length, name).toBeGreaterThan(0);
        expect(operation.responses['400'] ?? operation.responses['422'], `${name} 400`).toBeDefined();
      }
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Error', 'Status', 'StatusPatch', 'CsvImportResult']),
    );
  });
});
