import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { FORM_CASE_KINDS } from '../../vocabulary/case-kinds.js';
import type { ServerMessage } from './server.js';
import { round } from './stats.js';

const CONNECTIONS = 20;
const WARM_UP_SECONDS = 2;
/** Ours and bare take turns, ROUNDS times each, so that a neighbour's burst of load hits both alike. */
const ROUNDS = 3;
const ROUND_SECONDS = 3;
/** Cases are counted, not timed, so that every request sent is answered before the rows are counted. */
const CASES_WARM_UP = 1000;
const CASES_MEASURED = 8000;
/** Distinct web visitors the message load cycles through: no per-conversation lock is ever contended. */
const VISITORS = 2000;

export interface LoadSummary {
  rps: number;
  /** The rounds' medians, weighted by their requests, where a load ran in rounds. */
  p50Ms: number;
  /** The worst round's p99 where a load ran in rounds. */
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface HttpResult {
  oursRps: number;
  bareHonoRps: number;
  ratio: number;
  p99Ms: number;
  connections: number;
  /** Measured seconds of each side (ROUNDS rounds, after a warm-up). */
  seconds: number;
  ours: LoadSummary;
  bare: LoadSummary;
}

export interface CasesResult {
  casesPerSecond: number;
  p99Ms: number;
  connections: number;
  /** Cases posted in the measured run (after a warm-up of CASES_WARM_UP). */
  measured: number;
  /** 201s answered over the whole run (warm-up included)… */
  created: number;
  /** …and form cases found in the database file after the server was killed with SIGKILL. */
  rowsOnDisk: number;
  non201: number;
  errors: number;
}

export interface MemoryResult {
  /** Resident memory of the service process once ready, before any load. */
  readyRssMb: number;
  /** Peak resident memory of the service process over its life, read after all the load. */
  peakRssMb: number;
}

export interface ServiceBench {
  http: HttpResult;
  cases: CasesResult;
  memory: MemoryResult;
}

export interface BenchServer {
  port: number;
  readyRssMb: number;
  memory(): Promise<Extract<ServerMessage, { type: 'memory' }>>;
  kill(): Promise<void>;
}

export interface Load {
  path: string;
  body: () => string;
  onStatus?: (status: number) => void;
}

/** How long a run lasts: a number of seconds, or a number of requests (all answered when it ends). */
export type Span = { seconds: number } | { requests: number };

/**
 * The service over HTTP, each server in a child process of its own (autocannon runs here, so client
 * and server each have a core): chat turns on ours and on a bare Hono route, taking turns; then
 * web-form cases on ours; then ours's peak memory, and the cases on disk once it is killed.
 */
export async function benchService(
  /** Where `buildService` put the service and `scripts/bench/server.ts`. */
  buildDir: string,
  databasePath: string,
  questions: readonly string[],
): Promise<ServiceBench> {
  const ours = await startServer(buildDir, ['ours', databasePath]);
  try {
    const http = await compareWithBare(buildDir, ours, questions);
    const cases = await measureCases(ours, databasePath);
    const { maxRssMb } = await ours.memory();
    await ours.kill();
    return {
      http,
      cases: { ...cases.result, rowsOnDisk: countFormCases(databasePath) - cases.formCasesBefore },
      memory: { readyRssMb: round(ours.readyRssMb, 1), peakRssMb: round(maxRssMb, 1) },
    };
  } finally {
    await ours.kill();
  }
}

async function compareWithBare(
  buildDir: string,
  ours: BenchServer,
  questions: readonly string[],
): Promise<HttpResult> {
  const bare = await startServer(buildDir, ['bare']);
  try {
    const sides = [
      { server: ours, load: messageLoad(questions), runs: [] as autocannon.Result[] },
      { server: bare, load: messageLoad(questions), runs: [] as autocannon.Result[] },
    ];
    for (const side of sides) await run(side.server.port, side.load, { seconds: WARM_UP_SECONDS });
    for (let i = 0; i < ROUNDS; i++) {
      for (const side of sides)
        side.runs.push(await run(side.server.port, side.load, { seconds: ROUND_SECONDS }));
    }
    const [oursSummary, bareSummary] = sides.map((side) => summarise(side.runs)) as [
      LoadSummary,
      LoadSummary,
    ];
    return {
      oursRps: oursSummary.rps,
      bareHonoRps: bareSummary.rps,
      ratio: round(oursSummary.rps / bareSummary.rps, 3),
      p99Ms: oursSummary.p99Ms,
      connections: CONNECTIONS,
      seconds: ROUNDS * ROUND_SECONDS,
      ours: oursSummary,
      bare: bareSummary,
    };
  } finally {
    await bare.kill();
  }
}

/** Chat turns: the held-out questions in turn, from many distinct web visitors (userId ≥ 16 characters). */
export function messageLoad(questions: readonly string[]): Load {
  let n = 0;
  return {
    path: '/v1/messages',
    body: () => {
      const i = n++;
      const userId = `bench-visitor-${String(i % VISITORS).padStart(5, '0')}-web`;
      return JSON.stringify({ channel: 'web', userId, text: questions[i % questions.length] });
    },
  };
}

/** Web-form cases of every kind in turn (a case number's daily sequence is per kind). */
export function caseLoad(onStatus: (status: number) => void): Load {
  let n = 0;
  return {
    path: '/v1/tickets',
    onStatus,
    body: () => {
      const i = n++;
      const kind = FORM_CASE_KINDS[i % FORM_CASE_KINDS.length];
      return JSON.stringify({
        kind,
        description: `压力测试工单 ${i}：家里停电了`,
        contactPhone: '13800138000',
      });
    },
  };
}

async function measureCases(server: BenchServer, databasePath: string) {
  const formCasesBefore = countFormCases(databasePath);
  let created = 0;
  let non201 = 0;
  let lastAnswerAt = 0;
  const load = caseLoad((status) => {
    lastAnswerAt = performance.now();
    if (status === 201) created++;
    else non201++;
  });
  await run(server.port, load, { requests: CASES_WARM_UP });
  // Timed here, from the start to the last answer: with a fixed amount of requests autocannon ends
  // its run on its next one-second tick, which would count up to a second of idling.
  const started = performance.now();
  const summary = summarise([await run(server.port, load, { requests: CASES_MEASURED })]);
  const seconds = (lastAnswerAt - started) / 1000;
  return {
    formCasesBefore,
    result: {
      casesPerSecond: round(summary.requests / seconds, 0),
      p99Ms: summary.p99Ms,
      connections: CONNECTIONS,
      measured: CASES_MEASURED,
      created,
      non201,
      errors: summary.errors + summary.timeouts,
    },
  };
}

export function summarise(runs: readonly autocannon.Result[]): LoadSummary {
  const sum = (pick: (r: autocannon.Result) => number) => runs.reduce((total, r) => total + pick(r), 0);
  const requests = sum((r) => r.requests.total);
  return {
    // From the run's start and finish times (autocannon's `duration` is rounded); for timed runs.
    rps: round(requests / sum((r) => (new Date(r.finish).getTime() - new Date(r.start).getTime()) / 1000), 0),
    p50Ms: round(sum((r) => r.latency.p50 * r.requests.total) / Math.max(1, requests), 1),
    p99Ms: Math.max(...runs.map((r) => r.latency.p99)),
    requests,
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  };
}

export function run(port: number, load: Load, span: Span): Promise<autocannon.Result> {
  const onStatus = load.onStatus;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    ...('seconds' in span ? { duration: span.seconds } : { amount: span.requests }),
    requests: [
      {
        method: 'POST',
        path: load.path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: load.body() }),
        ...(onStatus ? { onResponse: (status: number) => onStatus(status) } : {}),
      },
    ],
  });
}

function countFormCases(databasePath: string): number {
  const db = new Database(databasePath);
  try {
    const row = db.prepare("select count(*) as n from tickets where channel = 'form'").get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

export async function startServer(buildDir: string, args: string[]): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', join(buildDir, 'scripts/bench/server.js'), ...args],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const ready = await nextMessage(child, 'ready', 60_000);
  return {
    port: ready.port,
    readyRssMb: ready.rssMb,
    async memory() {
      const reply = nextMessage(child, 'memory', 10_000);
      child.send('memory');
      return reply;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL'); // no graceful shutdown: what is on disk got there before its 201
      await exited;
    },
  };
}

function nextMessage<T extends ServerMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`bench server sent no ${type} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: ServerMessage) => {
      if (message.type === type) done(undefined, message as Extract<ServerMessage, { type: T }>);
    };
    const onExit = (code: number | null) => done(new Error(`bench server exited (${code}) before ${type}`));
    function done(error?: Error, message?: Extract<ServerMessage, { type: T }>) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (message) resolve(message);
      else reject(error);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
