import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseConfig } from '../api/config.js';
import { createServices, type Services } from '../bot/services.js';
import { readQuestions } from '../test/support/eval.js';
import { inProcessCasesPerSecond } from './bench/cases.js';
import { benchService } from './bench/http.js';
import { benchPublish } from './bench/publish.js';
import { markdownTable } from './bench/report.js';
import { type BenchResult, evaluateTargets } from './bench/result.js';
import { compareRetrieval } from './bench/retrieval.js';
import { benchScale } from './bench/scale.js';
import { startupToReady } from './bench/startup.js';
import { round } from './bench/stats.js';
import { heldOutQuality, turnLatency } from './bench/turns.js';
import { buildService } from './build.js';

/**
 * `npm run bench`: answer quality against two baselines, turn latency, HTTP throughput against a
 * bare Hono route, the service's memory and durable cases per second, and the staff side at
 * 100,000 cases, and publishing a knowledge version while turns go on, all in one run on this machine; printed as a Markdown table, the JSON written to
 * BENCH_OUT (default bench-results.json).
 */
const out = process.env.BENCH_OUT ?? 'bench-results.json';
const dir = mkdtempSync(join(tmpdir(), 'bench-'));

/** A fresh service on its own SQLite file for one phase, closed afterwards. */
async function withServices<T>(name: string, use: (services: Services) => Promise<T>): Promise<T> {
  const config = parseConfig({
    DATABASE_PATH: join(dir, `${name}.db`),
    LOG_LEVEL: 'silent',
    STAFF_BOOTSTRAP_PASSWORD: 'not-used-by-this-script',
    // The turns' fixed visitors ask for a person and open cases more often than a minute's limit.
    CHAT_HANDOFF_LIMIT_PER_MINUTE: String(1_000_000_000),
    CHAT_CASE_LIMIT_PER_MINUTE: String(1_000_000_000),
  });
  const services = await createServices(config, { logger: pino({ level: 'silent' }) });
  try {
    return await use(services);
  } finally {
    services.close();
  }
}

function machine(): BenchResult['machine'] {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverage: loadavg().map((n) => round(n, 2)),
  };
}

async function main(): Promise<void> {
  const heldOut = readQuestions('bench/questions.jsonl');
  const host = machine();
  // The service runs as `npm start` runs it: built to JavaScript, under plain node. The build goes
  // below node_modules so the built modules resolve their packages from the project's node_modules.
  const build = await buildService('node_modules/.cache/power-service-bench', ['scripts/bench/server.ts']);
  const startupToReadyMs = await startupToReady(build.outdir, dir);
  const retrieval = await withServices('retrieval', (s) => compareRetrieval(s.knowledge, heldOut));
  const turns = await withServices('turns', turnLatency);
  const quality = await withServices('quality', heldOutQuality);
  const casesPerSecondInProcess = await withServices('cases', inProcessCasesPerSecond);
  const publish = await withServices('publish', benchPublish);
  const service = await benchService(
    build.outdir,
    join(dir, 'service.db'),
    heldOut.map((q) => q.q),
  );
  const scale = await benchScale(
    build.outdir,
    dir,
    heldOut.map((q) => q.q),
  );
  const measured = {
    machine: host,
    startupToReadyMs,
    retrieval,
    turnLatencyMs: { p50: turns.p50, p99: turns.p99 },
    turns: turns.turns,
    questions: turns.questions,
    http: service.http,
    rssMb: service.memory.peakRssMb,
    memory: service.memory,
    casesPerSecond: service.cases.casesPerSecond,
    cases: service.cases,
    casesPerSecondInProcess,
    heldOut: quality,
    scale,
    publish,
  };
  const result: BenchResult = { ...measured, targets: evaluateTargets(measured) };
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(markdownTable(result, out));
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
