import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../db/client.js';
import { createSqliteTicketStore } from '../db/ticket-store.js';
import { newTicket, storeSuite } from './store-suite.js';

// The store suite on better-sqlite3: a migrated database file of its own per case, opened as the
// service opens it (WAL, synchronous=FULL, foreign keys). test/workers/store.d1.test.ts runs the
// same cases on D1.
storeSuite('better-sqlite3', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-suite-'));
  const database = openDatabase(join(dir, 'test.sqlite'));
  return {
    db: database.db,
    close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

it('numbers bursts from two connections to one file (two processes) without a clash or a refusal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-two-'));
  const first = openDatabase(join(dir, 'test.sqlite'));
  const second = openDatabase(join(dir, 'test.sqlite'));
  try {
    const stores = [createSqliteTicketStore(first.db), createSqliteTicketStore(second.db)];
    const numberFor = (sequence: number) => `TS20261126-${String(sequence).padStart(4, '0')}`;
    const created = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        (stores[i % 2] as (typeof stores)[number]).create(newTicket(`c${i}`), 'TS20261126-', numberFor),
      ),
    );
    expect(created.map((t) => t.number).sort()).toEqual(
      Array.from({ length: 120 }, (_, i) => numberFor(i + 1)),
    );
  } finally {
    first.close();
    second.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
