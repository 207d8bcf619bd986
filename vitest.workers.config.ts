import { join } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { writeWorkerData } from './scripts/worker-data.js';
import { probeAnswer, probeUser, turnAnswer } from './test/support/answer-probe.js';
import { nodeParts, parityAssistant, tuningQuestions } from './test/support/runtime-parity.js';

/** Node-only packages, replaced in workerd as in the bundle (wrangler.toml `[alias]`). */
const NODE_ONLY = join(import.meta.dirname, 'api/worker/node-only.ts');

/**
 * The sample of calibration questions asked inside workerd, with what Node answers (native jieba,
 * knowledge from the files, an assistant on SQLite): computed here, in Node, when the tests start.
 */
async function nodeReference() {
  const questions = tuningQuestions().filter((_, i) => i % 4 === 0);
  const parts = await nodeParts();
  const probes = [];
  for (const q of questions) probes.push(await probeAnswer(parts, q));
  const { assistant, close } = parityAssistant(parts);
  const turns = [];
  try {
    for (const [i, text] of questions.entries())
      turns.push(turnAnswer(await assistant.handle({ channel: 'web', userId: probeUser(i), text })));
  } finally {
    close();
  }
  return { questions, probes, turns };
}

/**
 * Tests that run inside workerd (the Workers runtime) with a local D1 from wrangler.toml's `DB`
 * binding: `npm run test:workers`. The main `vitest run` leaves test/workers/ out.
 */
export default defineConfig(async () => {
  // The Worker imports its build-time data (api/worker/data.generated.json): made fresh here.
  writeWorkerData();
  // The drizzle-kit migrations, read here in Node and handed to the tests, which apply them to D1.
  const migrations = await readD1Migrations(join(import.meta.dirname, 'db/migrations'));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, TEST_NODE_REFERENCE: await nodeReference() },
        },
      }),
    ],
    resolve: {
      alias: {
        '@node-rs/jieba/dict.js': NODE_ONLY,
        '@node-rs/jieba': NODE_ONLY,
        '@xenova/transformers': NODE_ONLY,
      },
    },
    test: {
      include: ['test/workers/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
});
