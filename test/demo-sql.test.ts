import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.js';
import { demoDataSql, seedDemoData } from '../db/demo.js';

/** Every row of the demo tables, the `created_at` columns set aside (they are the time of seeding). */
function demoRows(sqlite: ReturnType<typeof openDatabase>['sqlite']) {
  const rows = (sql: string) => sqlite.prepare(sql).all() as Record<string, unknown>[];
  const withoutCreatedAt = (list: Record<string, unknown>[]) =>
    list.map(({ created_at: _createdAt, ...rest }) => rest);
  return {
    accounts: withoutCreatedAt(rows('select * from accounts order by account_number')),
    bills: rows('select * from bills order by account_number, period'),
    applications: withoutCreatedAt(rows('select * from applications order by number')),
    events: rows('select * from application_events order by application_number, started_on, id'),
  };
}

describe('the demo data for D1 (db/seed/demo.sql)', () => {
  it('is the file npm run build:demo-sql writes from db/demo.ts', () => {
    expect(readFileSync(new URL('../db/seed/demo.sql', import.meta.url), 'utf8')).toBe(demoDataSql());
  });

  it('gives a fresh database the rows seedDemoData gives, and changes nothing when run again', () => {
    const seeded = openDatabase(':memory:');
    const fromSql = openDatabase(':memory:');
    try {
      const before = Date.now();
      expect(seedDemoData(seeded.db, new Date())).toBe(true);
      fromSql.sqlite.exec(demoDataSql());
      const expected = demoRows(seeded.sqlite);
      expect(expected.accounts).toHaveLength(3);
      expect(expected.events.length).toBeGreaterThan(0);
      expect(demoRows(fromSql.sqlite)).toEqual(expected);
      // created_at is the time of seeding, in milliseconds as the schema stores it.
      for (const { created_at } of fromSql.sqlite.prepare('select created_at from accounts').all() as {
        created_at: number;
      }[]) {
        expect(created_at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
        expect(created_at).toBeLessThanOrEqual(Date.now());
      }
      fromSql.sqlite.exec(demoDataSql());
      expect(demoRows(fromSql.sqlite)).toEqual(expected);
    } finally {
      seeded.close();
      fromSql.close();
    }
  });
});
