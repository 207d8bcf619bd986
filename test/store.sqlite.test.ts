import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { expect, it } from 'vitest';
import { openDatabase } from '../db/client.js';
import * as schema from '../db/schema.js';
import { createStores } from '../db/stores.js';
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

it('reads the staff lists, search, counts, the scanner’s deadlines and the outage look-ups on indexes, never by reading a whole table', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'store-plans-'));
  const opened = openDatabase(join(dir, 'test.sqlite'));
  try {
    // The same file through a drizzle handle that notes every query, to ask SQLite how it runs each.
    const recorded: { query: string; params: unknown[] }[] = [];
    const db = drizzle(opened.sqlite, {
      schema,
      logger: { logQuery: (query, params) => void recorded.push({ query, params }) },
    });
    const stores = createStores(db);
    const T0 = Date.parse('2026-11-26T02:00:00Z');
    for (let i = 0; i < 20; i++) {
      await stores.tickets.create(
        newTicket(`t${i}`, {
          kind: i % 2 ? 'complaint' : 'repair',
          acceptedAt: new Date(T0 + i * 1000),
          deadlines: { contactDueAt: T0 + i * 3600_000 },
        }),
        'TS20261126-',
        (n) => `TS20261126-${n}`,
      );
    }
    const outage = await stores.outages.create(
      {
        id: 'o1',
        kind: 'planned',
        areas: ['城东片区'],
        startsAt: new Date(T0 + 86_400_000),
        endsAt: new Date(T0 + 90_000_000),
        expectedRestoreAt: null,
        reason: '检修',
        createdBy: 'admin',
      },
      'TD20261126',
      new Date(T0),
    );
    recorded.length = 0;
    const asOf = new Date(T0 + 5 * 3600_000);
    const reads = [
      stores.tickets.page({ filter: {}, asOf, limit: 3 }),
      stores.tickets.page({
        filter: {},
        asOf,
        limit: 3,
        after: { part: 'newest', acceptedAt: T0, id: 't9' },
      }),
      stores.tickets.page({ filter: {}, asOf, limit: 3, after: { part: 'overdue', dueAt: T0, id: 't0' } }),
      stores.tickets.page({ filter: { status: 'accepted' }, asOf, limit: 3 }),
      stores.tickets.page({ filter: { kind: 'repair', status: 'accepted' }, asOf, limit: 3 }),
      stores.tickets.page({ filter: { kind: 'complaint', overdue: false }, asOf, limit: 3 }),
      stores.tickets.page({ filter: { q: '13912345678' }, asOf, limit: 3 }),
      stores.tickets.dueDeadlines(asOf, asOf, 10),
      stores.tickets.counts(asOf),
      stores.tickets.unansweredFollowUps(10),
      stores.tickets.history('t1', 50),
      stores.tickets.history('t1', 50, 100),
      stores.tickets.findByNumbers(['TS20261126-1', 'TS20261126-2']),
      stores.tickets.countAccepted(new Date(T0), asOf),
      stores.tickets.overdueSignal(),
      stores.accounts.conversationsOfAccount('1000000001', 11),
      stores.store.listHandoffs({ limit: 10 }),
      stores.store.latestMessages('c1', 51, 100),
      stores.store.newestCustomerMessageId('c1'),
      stores.outages.page({ limit: 3 }),
      stores.outages.page({ active: true, limit: 3, after: { startsAt: T0, id: 'o1' } }),
      stores.outages.page({ area: '城东片区', limit: 3, after: { startsAt: T0, id: 'o1' } }),
      stores.outages.page({ area: '城东片区', active: true, limit: 3 }),
      stores.outages.activeIn('城东片区', asOf, asOf),
      stores.outages.withTellingPending(10),
      stores.outages.linkedToTell('o1', 2, 100),
      stores.outages.plannedStartingBy(asOf, new Date(T0 + 7 * 86_400_000), 100),
      stores.outages.noticeRecipients(outage, '城东片区', 'days_before', '1000000001', 100),
      stores.outages.cancellationRecipients('o1', 'days_before', 'c1', 100),
    ];
    for (const read of reads) await read;
    expect(recorded.length).toBeGreaterThan(reads.length);
    for (const { query, params } of recorded) {
      const plan = (
        opened.sqlite.prepare(`explain query plan ${query}`).all(...(params as never[])) as {
          detail: string;
        }[]
      ).map((row) => row.detail);
      const searched = plan.some((step) => step.startsWith('MULTI-INDEX OR'));
      for (const step of plan) {
        const allowed =
          /^(SEARCH|INDEX \d|MULTI-INDEX OR|CORRELATED SCALAR SUBQUERY|USE TEMP B-TREE FOR GROUP BY)/.test(
            step,
          ) ||
          step === 'SCAN tallies' ||
          // The newest-first lists: a keyset walk of their index, stopped at the page's limit.
          step === 'SCAN tickets USING INDEX tickets_newest' ||
          step === 'SCAN outages USING INDEX outages_newest' ||
          // A partial index of only the outages with something still to tell.
          step === 'SCAN outages USING INDEX outages_to_tell' ||
          (searched && step === 'USE TEMP B-TREE FOR ORDER BY');
        expect(allowed, `${step} in\n${query}`).toBe(true);
      }
    }
  } finally {
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
