import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/client.js';
import { storeSuite } from './store-suite.js';

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
