import type { Logger } from 'pino';
import { type ChannelSender, PermanentDeliveryError, type PushChannel } from '../../api/channel/contract.js';

export interface RemoteOutboxOptions {
  apiUrl: string;
  serviceToken: string;
  channel: PushChannel;
  sender: ChannelSender;
  logger: Logger;
  fetch?: typeof fetch;
}

/**
 * The delivery outbox seen from a bot process of its own: takes what the API has due for this
 * channel (`GET /v1/outbox`), sends it through the adapter, and reports each result, so staff
 * replies and follow-ups reach WeChat customers in the Workers deployment too.
 */
export function createRemoteOutbox(options: RemoteOutboxOptions) {
  const doFetch = options.fetch ?? fetch;
  const headers = { authorization: `Bearer ${options.serviceToken}`, 'content-type': 'application/json' };
  let running: Promise<{ sent: number; failed: number }> | undefined;

  async function report(id: string, result: unknown) {
    const response = await doFetch(new URL(`/v1/outbox/${encodeURIComponent(id)}/result`, options.apiUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify(result),
      signal: AbortSignal.timeout(15_000),
    });
    // A lost report only means the delivery is handed out again after its lease.
    if (!response.ok)
      options.logger.warn({ delivery: id, status: response.status }, 'delivery result not recorded');
  }

  async function pass() {
    const totals = { sent: 0, failed: 0 };
    const url = new URL('/v1/outbox', options.apiUrl);
    url.searchParams.set('channel', options.channel);
    const response = await doFetch(url, { headers, signal: AbortSignal.timeout(15_000) });
    if (!response.ok) throw new Error(`the API answered ${response.status} to the outbox poll`);
    const { items } = (await response.json()) as { items: { id: string; address: string; text: string }[] };
    for (const item of items) {
      try {
        await options.sender.send(item.address, item.text);
        totals.sent += 1;
        await report(item.id, { sent: true });
      } catch (error) {
        totals.failed += 1;
        const message = error instanceof Error ? error.message : String(error);
        options.logger.warn({ delivery: item.id, reason: message }, 'delivery failed');
        await report(item.id, {
          sent: false,
          error: message.slice(0, 500) || 'send failed',
          permanent: error instanceof PermanentDeliveryError,
        });
      }
    }
    return totals;
  }

  const outbox = {
    /** One poll: send everything due now. Overlapping calls share the pass. */
    runOnce() {
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
    /** Polls every `intervalMs`; returns the stop function. */
    start(intervalMs = 3_000) {
      const timer = setInterval(() => {
        outbox.runOnce().catch((error: unknown) => options.logger.warn({ err: error }, 'outbox poll failed'));
      }, intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
  return outbox;
}
