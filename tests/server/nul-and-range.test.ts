// Input PostgreSQL cannot hold, or counters past the change feed's column, is refused with 400 on
// both databases before it reaches them, and writes nothing: a NUL in a query, a sign-in or a
// record, a checkpoint past the highest seq.
import { describe, expect, it } from 'vitest';
import { MAX_SEQ } from '../../src/domain/api';
import { makeVisit, PASSWORD, twoTowns } from '../support/fixtures';
import { create, databases, startTestServer } from '../support/test-servers';

const fixture = twoTowns();
const { workerA1 } = fixture.users;

describe.each(databases)('NUL and out-of-range input ($name)', (database) => {
  const start = () => startTestServer(database, fixture);

  it.each([
    ['a checkpoint id', '/api/sync/visits/pull?limit=5&seq=0&id=%00'],
    ['a checkpoint id, among other text', '/api/sync/visits/pull?limit=5&seq=0&id=ab%00cd'],
    ['a path', '/api/sync/vis%00its/pull?limit=5'],
  ])('refuses a NUL in %s with 400', async (_where, path) => {
    const server = await start();
    const token = await server.login(workerA1);
    const result = await server.call<{ error: string }>('GET', path, { token });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'invalid_query' });
  });

  it('refuses a NUL in a sign-in’s username with 400, not a database error', async () => {
    const server = await start();
    const result = await server.call<{ error: string }>('POST', '/api/auth/login', {
      body: { username: `worker\u0000-a1`, password: PASSWORD },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: 'invalid_body' });
  });

  it('refuses a record whose text holds a NUL, and writes nothing', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const before = await server.dump();
    const result = await server.push(token, 'visits', [
      create(makeVisit(fixture.elders.a1, { notes: 'a\u0000b' })),
    ]);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ message: 'text may not contain the NUL character' });
    expect(await server.dump()).toEqual(before);
  });

  it.each([String(MAX_SEQ + 1), '2147483648', '9007199254740993', '99999999999999999999'])(
    'refuses a pull from seq %s with 400 naming seq',
    async (seq) => {
      const server = await start();
      const token = await server.login(workerA1);
      const result = await server.call<{ field: string }>(
        'GET',
        `/api/sync/visits/pull?limit=5&seq=${seq}&id=x`,
        {
          token,
        },
      );
      expect(result.status).toBe(400);
      expect(result.body).toMatchObject({ field: 'seq' });
    },
  );

  it('takes a pull from the highest seq, which finds nothing after it', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const result = await server.pull(token, 'visits', { limit: 5, checkpoint: { seq: MAX_SEQ, id: '' } });
    expect(result.status).toBe(200);
    expect(result.body.documents).toEqual([]);
  });

  it('refuses a batch pull whose checkpoint is past the highest seq, naming it', async () => {
    const server = await start();
    const token = await server.login(workerA1);
    const result = await server.pullBatch(token, {
      pulls: [{ collection: 'visits', checkpoint: { seq: MAX_SEQ + 1, id: '' }, limit: 5 }],
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ field: 'pulls.0.checkpoint.seq' });
  });
});
