// The bindings the Workers tests see: wrangler.toml's, plus what vitest.workers.config.ts adds.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    /** Calibration questions and what Node answers to them (vitest.workers.config.ts). */
    TEST_NODE_REFERENCE: {
      questions: string[];
      probes: import('../support/answer-probe.js').AnswerProbe[];
      turns: import('../support/answer-probe.js').TurnAnswer[];
    };
  }
}
