import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../db/group-commit.js';
import type { SyncDb } from '../db/handle.js';

let dir: string;
let sqlite: Database.Database;
let db: SyncDb;
let begins: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  begins = 0;
  sqlite = new Database(join(dir, 'test.sqlite'), {
    verbose: (statement) => {
      if (/^begin/i.test(String(statement))) begins++;
    },
  });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.exec('create table notes (id integer primary key, text text not null unique)');
  db = drizzle(sqlite) as unknown as SyncDb;
});
afterEach(() => {
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (text: string) => (tx: SyncDb) => {
  tx.run(sql`insert into notes (text) values (${text})`);
  return text;
};
function storedTexts(): string[] {
  const reader = new Database(join(dir, 'test.sqlite'), { readonly: true });
  try {
    return (reader.prepare('select text from notes order by id').all() as { text: string }[]).map(
      (row) => row.text,
    );
  } finally {
    reader.close();
  }
}

describe('group commit', () => {
  it('commits the units of a burst in one transaction, and each promise resolves once they are stored', async () => {
    const group = groupCommit(db);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((text) => group.run(insert(text))));
    expect(results).toEqual(['a', 'b', 'c', 'd']);
    expect(begins).toBe(1);
    // Another connection (another process) sees all of them.
    expect(storedTexts()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('rejects only the unit that fails, and stores the others', async () => {
    const group = groupCommit(db);
    await group.run(insert('taken'));
    const outcomes = await Promise.allSettled(['x', 'taken', 'y'].map((text) => group.run(insert(text))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(storedTexts()).toEqual(['taken', 'x', 'y']);
  });

  it('is one per connection, so every store on it shares the fsyncs', () => {
    expect(groupCommit(db)).toBe(groupCommit(db));
  });
});
