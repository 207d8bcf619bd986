import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { openD1 } from '../../db/d1.js';
import { storeSuite } from '../store-suite.js';

// The store suite on D1, inside workerd: before each case every binding's storage is wiped and the
// drizzle-kit migrations are applied afresh, as `wrangler d1 migrations apply` would.
storeSuite('D1', async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  return { db: openD1(env.DB), close() {} };
});
