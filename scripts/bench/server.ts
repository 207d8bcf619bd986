import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { Hono } from 'hono';
import pino from 'pino';
import { parseConfig } from '../../api/config.js';
import { createServices } from '../../bot/services.js';
import { groupCommit } from '../../db/group-commit.js';

/**
 * A bench server in a process of its own: `ours <database path>` (the real service, as bot/main.ts
 * wires it, minus the deadline scanner), `bare` (one Hono JSON route) or `bare-commit <database
 * path>` (one Hono route that commits a row per request through the service's group commit: the
 * limit of a durable write over HTTP here), on @hono/node-server at an ephemeral port. It tells its
 * parent the port over IPC and, when asked, its peak resident memory.
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
  if (mode === 'bare-commit' && databasePath) return bareCommitApp(databasePath);
  if (mode !== 'ours' || !databasePath)
    throw new Error('usage: server.ts bare | ours <database path> | bare-commit <database path>');
  const config = parseConfig({
    DATABASE_PATH: databasePath,
    LOG_LEVEL: 'silent',
    STAFF_BOOTSTRAP_PASSWORD: 'not-used-by-this-script',
    // The per-address and per-visitor limits would otherwise answer 429 to a single load generator.
    ...UNLIMITED,
  });
  return (await createServices(config, { logger: pino({ level: 'silent' }) })).app;
}

/** POST /v1/tickets stores its body as one row, committed (WAL, synchronous=FULL) before the 201. */
function bareCommitApp(databasePath: string) {
  const sqlite = new Database(databasePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec(
    'create table if not exists rows (id integer primary key, body text not null, at integer not null)',
  );
  const group = groupCommit(drizzle(sqlite));
  return new Hono().post('/v1/tickets', async (c) => {
    const body = await c.req.text();
    await group.run((tx) => tx.run(sql`insert into rows (body, at) values (${body}, ${Date.now()})`));
    return c.json({ ok: true }, 201);
  });
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
