import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/**/*.test.ts',
      'api/**/*.test.ts',
      'knowledge/**/*.test.ts',
      'db/**/*.test.ts',
      'bot/**/*.test.ts',
    ],
    // Run inside workerd by `npm run test:workers` (vitest.workers.config.ts), not here.
    exclude: [...configDefaults.exclude, 'test/workers/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
