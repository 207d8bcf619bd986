import { type AnyD1Database, type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.js';

export type D1Db = DrizzleD1Database<typeof schema>;

/**
 * The store handle on Cloudflare D1: the same kind of drizzle SQLite database as `openDatabase`
 * gives on Node, for the same stores. The binding is passed in (from the request's or the cron
 * event's `env`), never kept in a module global. D1 is migrated by wrangler from db/migrations
 * (`wrangler d1 migrations apply DB`), not here; it enforces foreign keys by default.
 */
export function openD1(binding: AnyD1Database): D1Db {
  return drizzle(binding, { schema });
}
