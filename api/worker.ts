import type { AnyD1Database } from 'drizzle-orm/d1';
import { Hono } from 'hono';
import { openD1 } from '../db/d1.js';
import { createSqliteStore } from '../db/store.js';

/**
 * Placeholder Cloudflare Worker entry (wrangler.toml `main`): answers /healthz against D1 so the
 * bundle, the binding and the migrations can be checked. The full app (chat contract, cases,
 * staff, Telegram webhook, the cron deadline scanner) is wired here later.
 */
export interface Env {
  DB: AnyD1Database;
}

const app = new Hono<{ Bindings: Env }>();

app.get('/healthz', async (c) => {
  // Bindings reach the code per request: the store is built on this request's D1 binding.
  const store = createSqliteStore(openD1(c.env.DB));
  const database = await store.ping().catch(() => false);
  return c.json(
    { status: database ? 'ok' : 'degraded', database: database ? 'ok' : 'unavailable' },
    database ? 200 : 503,
  );
});

export default {
  fetch: app.fetch,
  /** The every-minute cron trigger (deadline scanner, delivery outbox): not wired yet. */
  async scheduled(): Promise<void> {},
};
