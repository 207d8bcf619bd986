import type { Assistant, InboundMessage, TurnResult } from '../../api/assistant/assistant.js';

/** How a chat adapter gets a turn answered: in this process, or by the API over HTTP. */
export interface TurnClient {
  handle(inbound: InboundMessage): Promise<TurnResult>;
  /**
   * Writes a message the bot could not read (an unrecognised voice note, a sticker) into the
   * conversation with the reply it got, so staff see it arrived. Remote clients cannot.
   */
  recordUnreadable?(inbound: InboundMessage, reply: string): Promise<void>;
}

export function localTurns(assistant: Assistant): TurnClient {
  return {
    handle: (inbound) => assistant.handle(inbound),
    recordUnreadable: (inbound, reply) => assistant.recordUnreadable(inbound, reply),
  };
}

/**
 * Turns answered by a remote API (the Workers deployment), with the bots' service token. Errors
 * carry the HTTP status, never the message text.
 */
export function remoteTurns(options: {
  apiUrl: string;
  serviceToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): TurnClient {
  const doFetch = options.fetch ?? fetch;
  const url = new URL('/v1/messages', options.apiUrl);
  return {
    async handle(inbound) {
      const response = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${options.serviceToken}`,
        },
        body: JSON.stringify(inbound),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      if (!response.ok) throw new Error(`the API answered ${response.status} to a ${inbound.channel} turn`);
      return (await response.json()) as TurnResult;
    },
  };
}
