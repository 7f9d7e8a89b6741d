import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { Turns } from '../../src/server/http/turns';

it('starts waiting requests in arrival order, each on a turn of the event loop of its own', async () => {
  const turns = new Turns();
  const order: string[] = [];
  // A request whose work takes many microtasks (as a request's chain of queries does) is done before
  // the next one starts: the next waits for another turn, after the loop has polled for I/O.
  const first = turns.wait().then(async () => {
    order.push('first starts');
    for (let step = 0; step < 100; step++) await Promise.resolve();
    order.push('first done');
  });
  const second = turns.wait().then(() => order.push('second starts'));
  const third = turns.wait().then(() => order.push('third starts'));
  await Promise.all([first, second, third]);
  expect(order).toEqual(['first starts', 'first done', 'second starts', 'third starts']);
});

it('lets the loop poll for I/O between two turns, as it must to accept a new connection', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const client = connect(port, '127.0.0.1');
  const socket = await accepted;
  try {
    const turns = new Turns();
    const order: string[] = [];
    socket.on('data', () => order.push('data'));
    const first = turns.wait().then(() => {
      order.push('first');
      client.write('x');
    });
    const second = turns.wait().then(() => order.push('second'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'data', 'second']);
  } finally {
    client.destroy();
    socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});
