import { join } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * Tests that run inside workerd (the Workers runtime) with a local D1 from wrangler.toml's `DB`
 * binding: `npm run test:workers`. The main `vitest run` leaves test/workers/ out.
 */
export default defineConfig(async () => {
  // The drizzle-kit migrations, read here in Node and handed to the tests, which apply them to D1.
  const migrations = await readD1Migrations(join(import.meta.dirname, 'db/migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
      }),
    ],
    test: {
      include: ['test/workers/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
});
