// Change events between server processes sharing one PostgreSQL database: each process publishes its
// events with NOTIFY and LISTENs for the others', so a device streaming from one process hears of a
// push another process took. Without it the device would still get the change, but only at its next
// pull (reconnect, return to the app, "Sync now"), not at once.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import * as z from 'zod';
import { CollectionParam } from '../../domain/api';
import type { CollectionName } from '../../domain/schemas';
import type { ChangeNotifier } from '../sync/change-notifier';

const CHANNEL = 'tanfang_changes';
const RECONNECT_MS = 1_000;

/** What goes over the channel; a collection this version does not know is left out, not refused. */
const Message = z.object({
  origin: z.string(),
  event: z.object({
    collections: z
      .array(z.string())
      .transform(
        (names) => names.filter((name) => CollectionParam.safeParse(name).success) as CollectionName[],
      ),
    towns: z.array(z.string()),
    workers: z.optional(z.array(z.string())),
  }),
});
type Message = z.infer<typeof Message>;

function parseMessage(payload: string | undefined): Message | undefined {
  try {
    return Message.safeParse(JSON.parse(payload ?? '')).data;
  } catch {
    return undefined; // not JSON
  }
}

/**
 * Relays `notifier`'s events through the database at `url` until the returned function is called.
 * Resolves once listening. A lost listening connection is opened again after a second.
 */
export async function relayChanges(notifier: ChangeNotifier, url: string): Promise<() => Promise<void>> {
  const origin = randomUUID();
  const sender = new pg.Pool({ connectionString: url, max: 1 });
  let listener: pg.Client | undefined;
  let closed = false;

  const listenAgainLater = () => {
    if (!closed) setTimeout(() => void listen().catch(listenAgainLater), RECONNECT_MS);
  };
  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', ({ channel, payload }) => {
      if (channel !== CHANNEL) return;
      const message = parseMessage(payload);
      if (message && message.origin !== origin) notifier.deliver(message.event);
    });
    let lost = false;
    const onLost = (reason: string) => {
      if (lost || closed) return;
      lost = true;
      console.error(`the change relay lost its database connection (${reason}); listening again shortly`);
      void client.end().catch(() => undefined);
      listenAgainLater();
    };
    // Until it listens, a failure ends in the rejection below, which tries again (one attempt at a
    // time); after that, losing the connection does.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      void client.end().catch(() => undefined);
      throw error;
    }
    client.on('error', (error) => onLost(error.message));
    client.on('end', () => onLost('closed'));
    listener = client;
  };
  await listen();

  const stopRelaying = notifier.relayTo((event) => {
    const payload = JSON.stringify({ origin, event } satisfies Message);
    sender.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch((error: Error) => {
      console.error('a change event was not relayed to the other server processes', error.message);
    });
  });
  return async () => {
    closed = true;
    stopRelaying();
    await listener?.end();
    await sender.end();
  };
}
