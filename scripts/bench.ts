import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseConfig } from '../api/config.js';
import { createServices } from '../api/services.js';
import { readQuestions } from '../test/support/eval.js';

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
  const config = parseConfig({ DATABASE_PATH: join(dir, 'turns.db'), LOG_LEVEL: 'silent' });
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
};
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
rmSync(dir, { recursive: true, force: true });

console.log(`| measure | value | target |
| --- | --- | --- |
| start-up to ready (no model, fresh database, includes tsx) | ${startupMs} ms | ≤ 3000 ms |
| one text turn in-process, p50 (${turns.turns} turns over ${turns.questions} questions, warm) | ${turns.p50} ms | |
| one text turn in-process, p99 | ${turns.p99} ms | ≤ 10 ms |

machine: ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGb} GiB, Node ${result.machine.node}; JSON in ${out}`);
