import { validate } from '@readme/openapi-parser';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import { CreateUserRequest } from '../../src/domain/accounts';
import type { PullResponse, PushPartAnswer } from '../../src/domain/api';
import type * as responses from '../../src/domain/responses';
import { COLLECTIONS } from '../../src/domain/schemas';
import { PASSWORD, twoTowns } from '../support/fixtures';
import { databases, startTestServer, type TestDatabase } from '../support/test-servers';

// The document is made from the routes and schemas, not the data: one kind of database is enough.
const sqlite = ((): TestDatabase => {
  const found = databases.find((database) => database.name === 'SQLite');
  if (found === undefined) throw new Error('no SQLite in the test databases');
  return found;
})();
const fixture = twoTowns();

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
  security?: unknown[];
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

async function serverAndDocument() {
  const server = await startTestServer(sqlite, fixture);
  const answer = await server.call<Document>('GET', '/api/openapi.json');
  expect(answer.status).toBe(200);
  return { server, document: answer.body, answer };
}

/** `METHOD /path/{param}` of every operation of the document. */
function operationsOf(document: Document): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/** The schema a `$ref` names, or the schema itself. */
function resolved(document: Document, schema: { $ref?: string }): Record<string, unknown> {
  const name = schema.$ref?.replace('#/components/schemas/', '');
  return name === undefined ? schema : (document.components.schemas[name] ?? {});
}

describe('the API description at GET /api/openapi.json', () => {
  it('describes every /api route of the app, with its method and path, and nothing else', async () => {
    const { server, document } = await serverAndDocument();
    const routes = server.app.routes
      .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(0);
    expect(operationsOf(document).sort()).toEqual([...new Set(routes)].sort());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const { document } = await serverAndDocument();
    expect(document.openapi).toBe('3.1.0');
    // A copy: the parser resolves $refs in place.
    const result = await validate(JSON.parse(JSON.stringify(document)));
    expect(result.valid, JSON.stringify(result, null, 2)).toBe(true);
  });

  it('describes POST /api/users with the body CreateUserRequest checks, and every answer it can give', async () => {
    const { document } = await serverAndDocument();
    const operation = document.paths['/api/users']?.post;
    if (operation === undefined) throw new Error('POST /api/users is not described');
    const body = resolved(document, operation.requestBody?.content['application/json']?.schema ?? {});
    // The very schema the route checks with, converted.
    expect(body).toMatchObject(
      JSON.parse(
        JSON.stringify(z.toJSONSchema(CreateUserRequest, { io: 'input', target: 'draft-2020-12' })),
        (key, value) => (key === '$schema' ? undefined : value),
      ),
    );
    expect(body).toMatchObject({
      properties: {
        username: { pattern: '^[A-Za-z0-9._-]+$' },
        password: { minLength: 8 },
      },
      required: expect.arrayContaining(['username', 'displayName', 'role', 'towns', 'password']),
      additionalProperties: false,
    });
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '403', '409', '413', '500']),
    );
    expect(operation.responses['200']).toBeUndefined();
    for (const status of ['400', '401', '403', '409', '413', '500']) {
      expect(operation.responses[status]?.content?.['application/json']?.schema, status).toEqual({
        $ref: '#/components/schemas/ApiError',
      });
    }
    expect(document.components.schemas.ApiError).toMatchObject({
      properties: { error: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
      required: ['error', 'message'],
    });
  });

  it('describes the pull of one collection: the five collections in the path, limit, seq and id in the query', async () => {
    const { document } = await serverAndDocument();
    const operation = document.paths['/api/sync/{collection}/pull']?.get;
    const parameters = Object.fromEntries(
      (operation?.parameters ?? []).map(({ in: where, name, required, schema }) => [
        `${where} ${name}`,
        { required: required === true, schema },
      ]),
    );
    expect(Object.keys(parameters).sort()).toEqual([
      'path collection',
      'query id',
      'query limit',
      'query seq',
    ]);
    expect(parameters['path collection']).toEqual({
      required: true,
      schema: { type: 'string', enum: [...COLLECTIONS] },
    });
    expect(parameters['query limit']).toMatchObject({
      required: true,
      schema: { type: 'string', pattern: '^\\d+$' },
    });
    expect(parameters['query seq']?.required).toBe(false);
    expect(parameters['query id']).toMatchObject({ required: false, schema: { maxLength: 64 } });
    expect(Object.keys(operation?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '500']),
    );
  });

  it('needs a session for every route but sign-in and the description itself', async () => {
    const { document } = await serverAndDocument();
    const open = operationsOf(document).filter((operation) => {
      const [method, path] = operation.split(' ') as [string, string];
      return document.paths[path]?.[method.toLowerCase()]?.security === undefined;
    });
    expect(open.sort()).toEqual(['GET /api/openapi.json', 'POST /api/auth/login']);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (operation.security === undefined) continue;
        expect(operation.security, `${method} ${path}`).toEqual([{ session: [] }]);
        expect(operation.responses['401'], `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('is answered without a session, as JSON no cache may keep, like every /api answer', async () => {
    const { answer } = await serverAndDocument();
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('describes the answers with schemas that agree with the types the app reads them as', () => {
    expectTypeOf<z.infer<typeof responses.PullResponse>>().toEqualTypeOf<PullResponse>();
    expectTypeOf<z.infer<typeof responses.PushPartAnswer>>().toEqualTypeOf<PushPartAnswer>();
  });
});

describe('the routes as they were before they were described', () => {
  it('takes the first value of a repeated query parameter', async () => {
    const server = await startTestServer(sqlite, fixture);
    const token = await server.login(fixture.users.workerA1);
    const first = await server.call('GET', '/api/sync/elders/pull?limit=5&limit=abc', { token });
    expect(first.status).toBe(200);
    const refused = await server.call('GET', '/api/sync/elders/pull?limit=abc&limit=5', { token });
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_query', field: 'limit' } });
  });

  it('reads a JSON body whatever its Content-Type, and answers malformed JSON with an ApiError', async () => {
    const server = await startTestServer(sqlite, fixture);
    const { username } = fixture.users.workerA1;
    const asText = await server.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(asText.status).toBe(200);
    const malformed = await server.call('POST', '/api/auth/login', { rawBody: '{not json' });
    expect(malformed).toMatchObject({
      status: 400,
      body: { error: 'invalid_body', message: 'the body is not valid JSON' },
    });
  });

  it('refuses a worker managing accounts with 403 before it reads the body', async () => {
    const server = await startTestServer(sqlite, fixture);
    const token = await server.login(fixture.users.workerA1);
    const result = await server.call('POST', '/api/users', { token, rawBody: '{not json' });
    expect(result).toMatchObject({ status: 403, body: { error: 'forbidden' } });
  });
});
