import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { streamName } from '../bus/nats-wake-bus.ts';

/** The NATS server the integration tests use: the one development machines and CI run. */
export const TEST_NATS_URL = 'nats://127.0.0.1:4222';

/** Null when a NATS server with JetStream answers at `url`; otherwise why the tests that need one are skipped. */
export async function natsUnavailable(url: string = TEST_NATS_URL): Promise<string | null> {
  let nc;
  try {
    nc = await connect({ servers: url, timeout: 1_000, reconnect: false });
  } catch (e) {
    return `no NATS server at ${url} (${e instanceof Error ? e.message : String(e)})`;
  }
  try {
    await (await jetstreamManager(nc)).getAccountInfo();
    return null;
  } catch (e) {
    return `the NATS server at ${url} has no JetStream (${e instanceof Error ? e.message : String(e)})`;
  } finally {
    await nc.close();
  }
}

/** Removes the stream a test's subject created, so test runs leave nothing on the shared server. */
export async function deleteWakeStream(subject: string, url: string = TEST_NATS_URL): Promise<void> {
  const nc = await connect({ servers: url, timeout: 1_000, reconnect: false });
  try {
    await (await jetstreamManager(nc)).streams.delete(streamName(subject)).catch(() => false);
  } finally {
    await nc.close();
  }
}
