import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pino from 'pino';
import { parseConfig } from '../../api/config.js';
import { createServices } from '../../bot/services.js';

/**
 * A bench server in a process of its own: `ours <database path>` (the real service, as bot/main.ts
 * wires it, minus the deadline scanner) or `bare` (one Hono JSON route), on @hono/node-server at an
 * ephemeral port. It tells its parent the port over IPC and, when asked, its peak resident memory.
 */
export type ServerMessage =
  | { type: 'ready'; port: number; rssMb: number }
  | { type: 'memory'; rssMb: number; maxRssMb: number };

const MB = 1024 * 1024;

/** The abuse limits (issue 18), raised out of the way of a load generator on one address. */
const UNLIMITED = Object.fromEntries(
  [
    'TICKET_FORM_LIMIT_PER_MINUTE',
    'CHAT_CONVERSATION_LIMIT_PER_MINUTE',
    'CHAT_HANDOFF_LIMIT_PER_MINUTE',
    'CHAT_CASE_LIMIT_PER_MINUTE',
  ].map((name) => [name, String(1_000_000_000)]),
);

async function buildApp(mode: string, databasePath: string | undefined) {
  if (mode === 'bare') return new Hono().post('/v1/messages', (c) => c.json({ ok: true }));
  if (mode !== 'ours' || !databasePath) throw new Error('usage: server.ts bare | ours <database path>');
  const config = parseConfig({
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'silent',
    STAFF_BOOTSTRAP_PASSWORD: 'not-used-by-this-script',
    // The per-address and per-visitor limits would otherwise answer 429 to a single load generator.
    ...UNLIMITED,
  });
  return (await createServices(config, { logger: pino({ level: 'silent' }) })).app;
}

function send(message: ServerMessage): void {
  process.send?.(message);
}

function memory(): ServerMessage {
  return {
    type: 'memory',
    rssMb: process.memoryUsage().rss / MB,
    // resourceUsage().maxRSS is in KiB: the peak over the process's whole life.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

const app = await buildApp(process.argv[2] ?? '', process.argv[3]);
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
  send({ type: 'ready', port: info.port, rssMb: process.memoryUsage().rss / MB }),
);
process.on('message', (message) => {
  if (message === 'memory') send(memory());
});
process.on('disconnect', () => process.exit(0));
