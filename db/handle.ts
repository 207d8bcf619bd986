import { is } from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import { DrizzleD1Database } from 'drizzle-orm/d1';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema.js';

/**
 * The database handle every store takes: a drizzle SQLite database on either driver, better-sqlite3
 * (synchronous, Node) or D1 (asynchronous, Workers). Stores `await` every query, which works on both
 * (a synchronous result is simply awaited), and never read the driver's run result (`changes` on
 * better-sqlite3, `meta.changes` on D1): counts come from `returning()` instead.
 */
// biome-ignore lint/suspicious/noExplicitAny: the run result differs per driver and no store reads it
export type Db = BaseSQLiteDatabase<'sync' | 'async', any, typeof schema>;

/**
 * A query built on a `Db` and not yet executed: `db.insert(…)…`, `db.update(…)…`, `db.delete(…)…` or
 * `db.select()…`. Not `db.run(sql…)`: on better-sqlite3 that executes at once, outside the unit.
 */
export type Statement = BatchItem<'sqlite'>;

export type SyncDb = BaseSQLiteDatabase<'sync', unknown, typeof schema>;

/** The handle as a synchronous driver (better-sqlite3), or undefined on D1. */
export function syncDriver(db: Db): SyncDb | undefined {
  return (db as unknown as { resultKind: string }).resultKind === 'sync'
    ? (db as unknown as SyncDb)
    : undefined;
}
type Executable = { prepare(): { execute(): { sync(): unknown } } };

/**
 * Runs the statements in order as one atomic unit and gives each one's result (an array of rows for
 * selects and `returning()`, the driver's run result otherwise), on either driver:
 * - D1 has no interactive transactions; `batch` runs the statements as one SQL transaction.
 * - better-sqlite3 runs them inside one synchronous transaction: nothing else on the connection can
 *   interleave, since no `await` happens inside it.
 * A statement that needs something an earlier one wrote (an autoincrement id) must get it in SQL,
 * e.g. a subquery, since nothing comes back to the caller between statements.
 */
export async function atomic<U extends Statement, T extends Readonly<[U, ...U[]]>>(
  db: Db,
  statements: T,
): Promise<BatchResponse<T>> {
  if (is(db, DrizzleD1Database)) return (db as DrizzleD1Database<typeof schema>).batch(statements);
  const sync = syncDriver(db);
  if (!sync) throw new Error('atomic(): the database is neither D1 nor a synchronous SQLite driver');
  return sync.transaction(() =>
    statements.map((statement) => (statement as unknown as Executable).prepare().execute().sync()),
  ) as BatchResponse<T>;
}

/** True when `error` (or what it wraps) is a UNIQUE violation on `target` ("table.column"). */
export function isUniqueViolation(error: unknown, target: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes(`UNIQUE constraint failed: ${target}`)) return true;
  }
  return false;
}

/** The one row a `returning()` of a single-row insert gives. */
export function onlyRow<T>(rows: T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('expected a row back from the database');
  return row;
}
