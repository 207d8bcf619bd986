import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseConfig } from '../api/config.js';
import { createServices } from '../bot/services.js';
import { judge, readQuestions } from '../test/support/eval.js';

/** `npx tsx scripts/eval.ts <questions.jsonl>`: answers every question and lists the misses. */
const file = process.argv[2] ?? 'test/eval/tuning-questions.jsonl';
const dir = mkdtempSync(join(tmpdir(), 'eval-'));
const services = await createServices(
  parseConfig({
    DATABASE_PATH: join(dir, 'eval.db'),
    LOG_LEVEL: 'silent',
    STAFF_BOOTSTRAP_PASSWORD: 'not-used-by-this-script',
  }),
  {
    logger: pino({ level: 'silent' }),
  },
);
const tally: Record<string, { ok: number; all: number }> = {};
for (const [i, question] of readQuestions(file).entries()) {
  const turn = await services.assistant.handle({
    channel: 'web',
    userId: `eval-${i}-0123456789abcdef`,
    text: question.q,
  });
  const verdict = judge(question, { intent: turn.intent, text: turn.replies.map((r) => r.text).join('\n') });
  const group = question.kind === 'faq' ? 'faq' : `intent:${question.intent}`;
  tally[group] ??= { ok: 0, all: 0 };
  tally[group].all++;
  if (verdict.ok) tally[group].ok++;
  else {
    const [top] = await services.knowledge.search.search(question.q, 1);
    console.log(
      `✗ ${question.id} ${question.q} → ${verdict.why} [want ${question.entry ?? question.intent}; top ${top?.entry.id} ${top?.confidence.toFixed(2)}]`,
    );
  }
}
services.close();
rmSync(dir, { recursive: true, force: true });
for (const [group, { ok, all }] of Object.entries(tally)) console.log(`${group}: ${ok}/${all}`);
