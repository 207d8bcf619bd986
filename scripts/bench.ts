import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openCase } from '../api/cases/open-case.js';
import { parseConfig } from '../api/config.js';
import { createServices } from '../api/services.js';
import { judge, readQuestions } from '../test/support/eval.js';

/**
 * `npm run bench`: speed and memory, measured on this machine and printed as a Markdown table;
 * the JSON goes to BENCH_OUT (default bench-results.json).
 */
const out = process.env.BENCH_OUT ?? 'bench-results.json';
const dir = mkdtempSync(join(tmpdir(), 'bench-'));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function turnLatency() {
  const questionFiles = [
    '../shared/eval/dev-questions.jsonl',
    'test/eval/tuning-questions.jsonl',
    'bench/questions.jsonl',
  ];
  const questions = questionFiles
    .filter((f) => existsSync(f))
    .flatMap((f) => readQuestions(f).map((q) => q.q));
  const config = parseConfig({
    DATABASE_PATH: join(dir, 'turns.db'),
    LOG_LEVEL: 'silent',
    STAFF_BOOTSTRAP_PASSWORD: 'not-used-by-this-script',
  });
  const services = await createServices(config, { logger: pino({ level: 'silent' }) });
  const say = (text: string, i: number) =>
    services.assistant.handle({ channel: 'web', userId: `bench-user-${i % 50}-xxxxxxxx`, text });
  for (const [i, q] of questions.entries()) await say(q, i); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const [i, q] of questions.entries()) {
      const started = performance.now();
      await say(q, i);
      samples.push(performance.now() - started);
    }
  }
  services.close();
  samples.sort((a, b) => a - b);
  return {
    questions: questions.length,
    turns: samples.length,
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
  };
}

/** Answer quality on the held-out question set, through the whole turn (intent rules, flows, retrieval). */
async function heldOutQuality() {
  const questions = readQuestions('bench/questions.jsonl');
  const config = parseConfig({
    DATABASE_PATH: join(dir, 'quality.db'),
    LOG_LEVEL: 'silent',
    STAFF_BOOTSTRAP_PASSWORD: 'not-used-by-this-script',
  });
  const services = await createServices(config, { logger: pino({ level: 'silent' }) });
  let top1 = 0;
  let top3 = 0;
  const tally = { faq: [0, 0], action: [0, 0], unknown: [0, 0] };
  for (const [i, question] of questions.entries()) {
    const turn = await services.assistant.handle({
      channel: 'web',
      userId: `quality-${i}-0123456789`,
      text: question.q,
    });
    const verdict = judge(question, {
      intent: turn.intent,
      text: turn.replies.map((r) => r.text).join('\n'),
    });
    const group =
      question.kind === 'faq' ? tally.faq : question.intent === 'unknown' ? tally.unknown : tally.action;
    group[0] = (group[0] ?? 0) + (verdict.ok ? 1 : 0);
    group[1] = (group[1] ?? 0) + 1;
    if (question.kind === 'faq') {
      const hits = await services.knowledge.search.search(question.q, 3);
      if (hits[0]?.entry.id === question.entry) top1++;
      if (hits.some((h) => h.entry.id === question.entry)) top3++;
    }
  }
  services.close();
  const pct = ([ok, all]: number[]) => round((100 * (ok ?? 0)) / Math.max(1, all ?? 0), 1);
  const faqCount = tally.faq[1] ?? 0;
  return {
    questions: questions.length,
    retrieval: { top1: round((100 * top1) / faqCount, 1), top3: round((100 * top3) / faqCount, 1) },
    faqFactsPct: pct(tally.faq),
    actionIntentPct: pct(tally.action),
    unknownPct: pct(tally.unknown),
    intentPct: pct([
      (tally.action[0] ?? 0) + (tally.unknown[0] ?? 0),
      (tally.action[1] ?? 0) + (tally.unknown[1] ?? 0),
    ]),
  };
}

/** Durable case creation: each case one synchronous=FULL transaction, committed before it returns. */
async function durableCasesPerSecond() {
  const config = parseConfig({
    DATABASE_PATH: join(dir, 'cases.db'),
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'off',
    STAFF_BOOTSTRAP_PASSWORD: 'not-used-by-this-script',
  });
  const services = await createServices(config, { logger: pino({ level: 'silent' }) });
  const deps = { tickets: services.tickets, calendar: services.calendar, newId: () => crypto.randomUUID() };
  const count = 3000;
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    await openCase(
      { kind: 'complaint', description: `基准投诉${i}`, channel: 'form' },
      { ...deps, now: new Date() },
    );
  }
  const seconds = (performance.now() - started) / 1000;
  services.close();
  return round(count / seconds, 0);
}

async function startupToReady(): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: { ...process.env, PORT: String(port), DATABASE_PATH: join(dir, 'startup.db'), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (performance.now() - started > 30_000) throw new Error('service did not become ready in 30 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return round(performance.now() - started, 0);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    child.kill('SIGTERM');
  }
}

const startupMs = await startupToReady();
const turns = await turnLatency();
const quality = await heldOutQuality();
const casesPerSecond = await durableCasesPerSecond();
const result = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
  },
  startupToReadyMs: startupMs,
  turnLatencyMs: { p50: turns.p50, p99: turns.p99 },
  turns: turns.turns,
  questions: turns.questions,
  heldOut: quality,
  casesPerSecond,
};
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
rmSync(dir, { recursive: true, force: true });

console.log(`| measure | value | target |
| --- | --- | --- |
| start-up to ready (no model, fresh database, includes tsx) | ${startupMs} ms | ≤ 3000 ms |
| one text turn in-process, p50 (${turns.turns} turns over ${turns.questions} questions, warm) | ${turns.p50} ms | |
| one text turn in-process, p99 | ${turns.p99} ms | ≤ 10 ms |
| held-out set (${quality.questions} questions): knowledge questions answered with the right facts | ${quality.faqFactsPct} % | ≥ 90 % |
| held-out set: retrieval top-1 / top-3 (right entry ranked first / in the first three) | ${quality.retrieval.top1} % / ${quality.retrieval.top3} % | |
| held-out set: right intent (actions ${quality.actionIntentPct} %, out of scope ${quality.unknownPct} %) | ${quality.intentPct} % | ≥ 90 % |
| durable case creation, in-process, one fsync'd transaction each | ${casesPerSecond} cases/s | ≥ 1000 |

machine: ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGb} GiB, Node ${result.machine.node}; JSON in ${out}`);
