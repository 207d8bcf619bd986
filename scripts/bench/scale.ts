import { join } from 'node:path';
import { scanDeadlines } from '../../api/cases/scanner.js';
import { createDefaultWorkdayCalendar } from '../../api/standard/calendar.js';
import { createDueSoonRule, parseOfficeHours } from '../../api/standard/working-hours.js';
import { openDatabase } from '../../db/client.js';
import { createSqliteTicketStore } from '../../db/ticket-store.js';
import { type BenchServer, caseLoad, messageLoad, run, startServer, summarise } from './http.js';
import { seedScaleDatabase } from './scale-seed.js';
import { percentile, round } from './stats.js';

const CASES = 100_000;
const MESSAGES = 200_000;
/** Timed requests of each kind of staff read (after a few to warm up). */
const SAMPLES = 40;
/** Web-form cases per round of the durable-case comparison, and its rounds. */
const CASES_PER_ROUND = 2000;
const CASE_ROUNDS = 2;
/** Seconds of chat turns per round, with and without a staff member reading lists meanwhile. */
const TURN_SECONDS = 4;
const TURN_ROUNDS = 2;
/** The bench server's bootstrap admin (scripts/bench/server.ts). */
const ADMIN = { username: 'admin', password: 'not-used-by-this-script' };

export interface ScaleResult {
  cases: number;
  openCases: number;
  overdueCases: number;
  messages: number;
  seedSeconds: number;
  /** `GET /v1/tickets`, first page (50 cases, overdue first). */
  listP95Ms: number;
  firstPageKiB: number;
  /** The pages after it, following nextCursor. */
  nextPageP95Ms: number;
  /** `q` by case number and by contact phone, together and each. */
  searchP95Ms: number;
  searchByNumberP95Ms: number;
  searchByPhoneP95Ms: number;
  /** `GET /v1/stats` (p95 of its samples). */
  statsMs: number;
  /** `/console/cases`, the page as a browser gets it. */
  consoleCasesP95Ms: number;
  /** One scanner pass on the seeded state (escalating what is due soon), and one with nothing new. */
  scanMs: number;
  scanEscalations: number;
  idleScanMs: number;
  /** Durable cases per second over HTTP: on an empty database, with the history behind, and a bare route's rows. */
  casesPerSecondEmpty: number;
  casesPerSecondAtScale: number;
  bareCommitPerSecond: number;
  /** At scale ÷ empty. */
  createRatio: number;
  /** At scale ÷ the bare route committing one row per request through the same group commit. */
  durableRatio: number;
  /** POST /v1/messages p99 (worst round) alone, and while a staff member reads lists in a loop. */
  turnP99Ms: number;
  turnP99WhileListingMs: number;
  turnP99Ratio: number;
  /** Peak resident memory of the service on the big database, after all of it. */
  rssMb: number;
}

/**
 * The staff side at scale: a fresh database seeded by direct inserts with 100,000 cases and 200,000
 * messages, served as `npm start` serves it (built JavaScript under node, its own process), and
 * the staff's reads timed over HTTP one after another; one scanner pass in-process; durable cases
 * per second against an empty database and a bare committing route; chat turns with and without
 * staff reading lists.
 */
export async function benchScale(
  buildDir: string,
  dir: string,
  questions: readonly string[],
): Promise<ScaleResult> {
  const path = join(dir, 'scale.db');
  const seed = seedScaleDatabase({ path, cases: CASES, messages: MESSAGES, now: Date.now() });
  const scan = await scannerPasses(path);
  const server = await startServer(buildDir, ['ours', path]);
  const servers: BenchServer[] = [server];
  try {
    const staff = await signIn(server.port);
    const reads = await timeStaffReads(server.port, staff, seed);
    const turns = await turnsWhileListing(server.port, staff, questions);
    const empty = await startServer(buildDir, ['ours', join(dir, 'scale-empty.db')]);
    servers.push(empty);
    const bare = await startServer(buildDir, ['bare-commit', join(dir, 'bare-commit.db')]);
    servers.push(bare);
    const rates = await durableCaseRates({ empty, scale: server, bare });
    const { maxRssMb } = await server.memory();
    return {
      cases: seed.cases,
      openCases: seed.openCases,
      overdueCases: reads.overdueCases,
      messages: seed.messages,
      seedSeconds: seed.seconds,
      listP95Ms: reads.listP95Ms,
      firstPageKiB: reads.firstPageKiB,
      nextPageP95Ms: reads.nextPageP95Ms,
      searchP95Ms: reads.searchP95Ms,
      searchByNumberP95Ms: reads.searchByNumberP95Ms,
      searchByPhoneP95Ms: reads.searchByPhoneP95Ms,
      statsMs: reads.statsMs,
      consoleCasesP95Ms: reads.consoleCasesP95Ms,
      ...scan,
      ...rates,
      ...turns,
      rssMb: round(maxRssMb, 1),
    };
  } finally {
    for (const s of servers) await s.kill();
  }
}

/** Two passes of the scanner as the service runs it (working-hour rule, default settings). */
async function scannerPasses(path: string) {
  const database = openDatabase(path);
  try {
    const calendar = createDefaultWorkdayCalendar();
    const isDueSoon = createDueSoonRule(4, calendar, parseOfficeHours('08:30-17:30'));
    const tickets = createSqliteTicketStore(database.db);
    const timed = async () => {
      const started = performance.now();
      const escalations = await scanDeadlines(tickets, new Date(), { isDueSoon });
      return { ms: round(performance.now() - started, 1), escalations: escalations.length };
    };
    const first = await timed();
    const idle = await timed();
    return { scanMs: first.ms, scanEscalations: first.escalations, idleScanMs: idle.ms };
  } finally {
    database.close();
  }
}

interface Staff {
  cookie: string;
}

async function signIn(port: number): Promise<Staff> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`bench staff login answered ${response.status}`);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

/** One staff GET, timed from sending to the whole body read. */
async function timedGet(port: number, staff: Staff, path: string) {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie: staff.cookie } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 200)}`);
  return { ms, body };
}

const p95 = (samples: number[]) =>
  round(
    percentile(
      [...samples].sort((a, b) => a - b),
      95,
    ),
    1,
  );

async function timeStaffReads(
  port: number,
  staff: Staff,
  seed: { sampleNumbers: string[]; samplePhones: string[] },
) {
  const get = (path: string) => timedGet(port, staff, path);
  for (let i = 0; i < 20; i++) await get('/v1/tickets');
  const first: number[] = [];
  let firstPage = '';
  for (let i = 0; i < SAMPLES; i++) {
    const { ms, body } = await get('/v1/tickets');
    first.push(ms);
    firstPage = body;
  }
  // Page after page from the first, following nextCursor: through the overdue part and beyond.
  const next: number[] = [];
  const overdueOf = (page: { items: { overdue: string[] }[] }) =>
    page.items.filter((c) => c.overdue.length > 0).length;
  const opening = JSON.parse(firstPage) as { items: { overdue: string[] }[]; nextCursor?: string };
  let overdueCases = overdueOf(opening);
  let cursor = opening.nextCursor;
  for (let i = 0; i < 3 * SAMPLES && cursor; i++) {
    const { ms, body } = await get(`/v1/tickets?cursor=${cursor}`);
    next.push(ms);
    const page = JSON.parse(body) as { items: { overdue: string[] }[]; nextCursor?: string };
    overdueCases += overdueOf(page);
    cursor = page.nextCursor;
  }
  const byNumber: number[] = [];
  const byPhone: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const number = seed.sampleNumbers[i % seed.sampleNumbers.length] ?? '';
    const phone = seed.samplePhones[i % seed.samplePhones.length] ?? '';
    byNumber.push((await get(`/v1/tickets?q=${encodeURIComponent(number)}`)).ms);
    byPhone.push((await get(`/v1/tickets?q=${encodeURIComponent(phone)}`)).ms);
  }
  const stats: number[] = [];
  for (let i = 0; i < SAMPLES / 2; i++) stats.push((await get('/v1/stats')).ms);
  const console: number[] = [];
  for (let i = 0; i < SAMPLES / 2; i++) console.push((await get('/console/cases')).ms);
  return {
    listP95Ms: p95(first),
    firstPageKiB: round(Buffer.byteLength(firstPage) / 1024, 1),
    nextPageP95Ms: p95(next),
    overdueCases,
    searchP95Ms: p95([...byNumber, ...byPhone]),
    searchByNumberP95Ms: p95(byNumber),
    searchByPhoneP95Ms: p95(byPhone),
    statsMs: p95(stats),
    consoleCasesP95Ms: p95(console),
  };
}

/**
 * Chat turns over HTTP (20 connections), alone and while one staff member reads lists in a loop
 * (first pages, the next pages, searches, the statistics), taking turns so a neighbour's load hits
 * both alike: the worst round's p99 of each.
 */
async function turnsWhileListing(port: number, staff: Staff, questions: readonly string[]) {
  const load = messageLoad(questions);
  await run(port, load, { seconds: 2 });
  const alone = [];
  const listing = [];
  for (let r = 0; r < TURN_ROUNDS; r++) {
    alone.push(await run(port, load, { seconds: TURN_SECONDS }));
    let reading = true;
    const reader = (async () => {
      let cursor: string | undefined;
      for (let i = 0; reading; i++) {
        const path =
          i % 4 === 3 ? '/v1/stats' : cursor && i % 4 === 1 ? `/v1/tickets?cursor=${cursor}` : '/v1/tickets';
        const { body } = await timedGet(port, staff, path);
        if (path === '/v1/tickets') cursor = (JSON.parse(body) as { nextCursor?: string }).nextCursor;
      }
    })();
    listing.push(await run(port, load, { seconds: TURN_SECONDS }));
    reading = false;
    await reader;
  }
  const turnP99Ms = summarise(alone).p99Ms;
  const turnP99WhileListingMs = summarise(listing).p99Ms;
  return {
    turnP99Ms,
    turnP99WhileListingMs,
    turnP99Ratio: round(turnP99WhileListingMs / Math.max(1, turnP99Ms), 2),
  };
}

/**
 * Web-form cases over HTTP, 20 connections, a fixed number a round, timed to the last answer: on
 * an empty database, on the 100,000 cases, and on the bare committing route, taking turns.
 */
async function durableCaseRates(servers: { empty: BenchServer; scale: BenchServer; bare: BenchServer }) {
  const rate = async (server: BenchServer) => {
    let last = 0;
    let failed = 0;
    const load = caseLoad((status) => {
      last = performance.now();
      if (status !== 201) failed++;
    });
    const started = performance.now();
    await run(server.port, load, { requests: CASES_PER_ROUND });
    if (failed) throw new Error(`${failed} web-form cases were refused in the bench`);
    return CASES_PER_ROUND / ((last - started) / 1000);
  };
  const sides = { empty: [] as number[], scale: [] as number[], bare: [] as number[] };
  for (const side of ['empty', 'scale', 'bare'] as const) await rate(servers[side]); // warm-up
  for (let r = 0; r < CASE_ROUNDS; r++) {
    for (const side of ['empty', 'scale', 'bare'] as const) sides[side].push(await rate(servers[side]));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const [empty, scale, bare] = [mean(sides.empty), mean(sides.scale), mean(sides.bare)];
  return {
    casesPerSecondEmpty: round(empty, 0),
    casesPerSecondAtScale: round(scale, 0),
    bareCommitPerSecond: round(bare, 0),
    createRatio: round(scale / empty, 2),
    durableRatio: round(scale / bare, 2),
  };
}
