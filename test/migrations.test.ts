import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../db/client.js';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}
const readJournal = (dir = MIGRATIONS_DIR) =>
  JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;

/** The committed migrations in order, each as the statements drizzle's migrator runs one by one. */
function migrations(): { tag: string; statements: string[] }[] {
  return readJournal().entries.map(({ tag }) => ({
    tag,
    statements: readFileSync(join(MIGRATIONS_DIR, `${tag}.sql`), 'utf8')
      .split('--> statement-breakpoint')
      .filter((statement) => statement.trim()),
  }));
}

function apply(db: Database.Database, tags: (tag: string) => boolean) {
  for (const migration of migrations().filter((m) => tags(m.tag))) {
    for (const statement of migration.statements) db.prepare(statement).run();
  }
}

const T0 = Date.parse('2026-11-26T02:00:00Z');
const HOUR = 3600_000;

it('carries the cases of a database from before the staff-side migration over to its rows and tallies', () => {
  const db = new Database(':memory:');
  apply(db, (tag) => tag < '0007');
  const ticket = db.prepare(
    `insert into tickets (id, number, kind, status, description, channel, accepted_at, deadlines, calendar_confirmed)
     values (?, ?, ?, ?, '说明', 'form', ?, ?, 1)`,
  );
  const event = db.prepare(
    `insert into ticket_events (ticket_id, type, status, deadline, actor, at) values (?, ?, ?, ?, 'system', ?)`,
  );
  // Contacted: its contact deadline is met and was escalated as due soon; the reply one is not.
  ticket.run(
    'a',
    'TS20261126-0001',
    'complaint',
    'contacted',
    T0,
    JSON.stringify({ contactDueAt: T0 + HOUR, replyDueAt: T0 + 100 * HOUR }),
  );
  event.run('a', 'due_soon', null, 'contactDueAt', T0);
  // Closed, followed up in chat and rated 5.
  ticket.run('b', 'BX20261126-0001', 'repair', 'closed', T0, JSON.stringify({ arriveDueAt: T0 + HOUR }));
  event.run('b', 'overdue', null, 'arriveDueAt', T0 + 2 * HOUR);
  event.run('b', 'follow_up', null, null, T0 + 3 * HOUR);
  db.prepare(
    `insert into conversations (id, channel, user_id, created_at, updated_at) values ('c', 'web', 'w', ?, ?)`,
  ).run(T0, T0);
  db.prepare(
    `insert into ratings (conversation_id, ticket_id, score, created_at) values ('c', 'b', 5, ?), ('c', null, 2, ?)`,
  ).run(T0 + 4 * HOUR, T0);

  apply(db, (tag) => tag >= '0007');

  expect(
    db
      .prepare('select ticket_id, name, due_at, met, escalated from case_deadlines order by ticket_id, name')
      .all(),
  ).toEqual([
    { ticket_id: 'a', name: 'contactDueAt', due_at: T0 + HOUR, met: 1, escalated: 'due_soon' },
    { ticket_id: 'a', name: 'replyDueAt', due_at: T0 + 100 * HOUR, met: 0, escalated: 'none' },
    { ticket_id: 'b', name: 'arriveDueAt', due_at: T0 + HOUR, met: 1, escalated: 'overdue' },
  ]);
  expect(
    db.prepare('select id, next_due_at, followed_up_at, rated_at from tickets order by id').all(),
  ).toEqual([
    { id: 'a', next_due_at: T0 + 100 * HOUR, followed_up_at: null, rated_at: null },
    { id: 'b', next_due_at: null, followed_up_at: T0 + 3 * HOUR, rated_at: T0 + 4 * HOUR },
  ]);
  expect(
    Object.fromEntries(
      (db.prepare('select name, n from tallies').all() as { name: string; n: number }[]).map((r) => [
        r.name,
        r.n,
      ]),
    ),
  ).toEqual({
    'cases:complaint:contacted': 1,
    'cases:repair:closed': 1,
    follow_ups: 1,
    follow_ups_answered: 1,
    ratings: 2,
    ratings_satisfied: 1,
    // The live updates' signal (migration 0012) starts at nought: escalations before it were told.
    overdue_escalations: 0,
  });
  db.close();
});

it('chains the migrations: one file and snapshot per entry, in order, each after the one before', () => {
  const { entries } = readJournal();
  const sqlFiles = readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql'));
  expect(sqlFiles.sort()).toEqual(entries.map(({ tag }) => `${tag}.sql`));
  let previousId = '00000000-0000-0000-0000-000000000000';
  entries.forEach(({ idx, when, tag }, i) => {
    expect(idx).toBe(i);
    expect(tag.slice(0, 4)).toBe(String(i).padStart(4, '0'));
    // drizzle's migrator applies only what was written after the last migration a database has.
    if (i > 0) expect(when, tag).toBeGreaterThan(entries[i - 1]?.when ?? 0);
    const snapshot = JSON.parse(
      readFileSync(join(MIGRATIONS_DIR, 'meta', `${tag.slice(0, 4)}_snapshot.json`), 'utf8'),
    ) as { id: string; prevId: string };
    expect(snapshot.prevId, tag).toBe(previousId);
    previousId = snapshot.id;
  });
  // The staff side (issue 17) was released first; the abuse limits (issue 18) come after it, then
  // the outages (issue 20), then the console for a shift (issue 16), then its case assignment and
  // the customer's earlier conversations, then the knowledge base's versions (issue 15), then canned
  // replies (issue 15, the console), then the concept words as data of the versions (issue 15).
  expect(entries.map(({ tag }) => tag).slice(7)).toEqual([
    '0007_staff_side_at_scale',
    '0008_abuse_limits',
    '0009_first_password_change',
    '0010_outages',
    '0011_queue_notes_disabled',
    '0012_case_assignment_earlier_conversations',
    '0013_knowledge_versions',
    '0014_canned_replies',
    '0015_knowledge_concepts',
  ]);
});

it('brings a database migrated through the staff side up to the abuse limits, keeping its staff', () => {
  // The migrations as they were released with the staff side (through 0007), applied by drizzle.
  const released = mkdtempSync(join(tmpdir(), 'migrations-'));
  try {
    cpSync(MIGRATIONS_DIR, released, { recursive: true });
    const journal = readJournal(released);
    journal.entries = journal.entries.filter(({ tag }) => tag < '0008');
    writeFileSync(join(released, 'meta', '_journal.json'), JSON.stringify(journal));
    const sqlite = new Database(':memory:');
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: released });
    sqlite
      .prepare(
        `insert into staff_users (id, username, password_hash, role, failed_logins, created_at)
         values ('s1', 'agent1', 'hash', 'agent', 2, ?)`,
      )
      .run(T0);

    migrate(db, { migrationsFolder: MIGRATIONS_DIR });

    const columns = (table: string) =>
      (sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(sqlite.prepare('select id, username, must_change_password from staff_users').all()).toEqual([
      { id: 's1', username: 'agent1', must_change_password: 0 },
    ]);
    expect(columns('staff_users')).not.toContain('failed_logins');
    expect(columns('staff_users')).not.toContain('locked_until');
    expect(columns('login_attempts')).toEqual(['key', 'attempts', 'next_allowed_at', 'last_at']);
    expect(columns('rate_counters')).toEqual(['key', 'window_start', 'count']);
    // The staff side's tables are still there, beside them.
    expect(columns('tallies')).toEqual(['name', 'n']);
    expect((sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n).toBe(
      readJournal().entries.length,
    );
    sqlite.close();
  } finally {
    rmSync(released, { recursive: true, force: true });
  }
});

it('brings a database migrated through the first password change up to the outages, giving the demo accounts their areas', () => {
  const db = new Database(':memory:');
  apply(db, (tag) => tag < '0010');
  const account = db.prepare(
    `insert into accounts (account_number, customer_class, class_label, name, phone, address, created_at)
     values (?, 'resident', '居民', ?, '13800000000', ?, ?)`,
  );
  account.run('1000000001', '张三', '幸福路12号3栋201', T0);
  account.run('3000000003', '某公司', '创业大道88号', T0);
  // A demo number at another address is not the demo account: it keeps no area (staff or the import give one).
  account.run('2000000002', '李四', '别处路1号', T0);

  apply(db, (tag) => tag >= '0010');

  expect(db.prepare('select account_number, area from accounts order by account_number').all()).toEqual([
    { account_number: '1000000001', area: '城东片区' },
    { account_number: '2000000002', area: null },
    { account_number: '3000000003', area: '开发区片区' },
  ]);
  for (const table of ['outages', 'outage_areas', 'outage_links', 'outage_notices', 'outage_opt_outs'])
    expect(
      db.prepare("select count(*) as n from sqlite_master where type = 'table' and name = ?").get(table),
    ).toEqual({
      n: 1,
    });
  db.close();
});
