import type { TurnClient, TurnResult } from '../../api/channel/contract.js';

/**
 * Turns answered by a remote API (the Workers deployment), with the bots' service token. Errors
 * carry the HTTP status, never the message text. (In the API's own process, turns are answered
 * in place: see `localTurns` in api/core.ts.)
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
