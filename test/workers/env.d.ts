// The bindings the Workers tests see: wrangler.toml's, plus the migrations vitest.workers.config.ts adds.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
}
