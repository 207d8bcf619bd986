import type { BenchResult } from './result.js';

const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const mark = (met: boolean | undefined) => (met === undefined ? '' : met ? 'met' : '**missed**');

/** The run as a Markdown table (as in docs/benchmarks.md), one measure a row, each with its target and verdict. */
export function markdownTable(r: BenchResult, out: string): string {
  const met = (name: string) => mark(r.targets.find((t) => t.name === name)?.met);
  const { retrieval: q, http, cases } = r;
  const pair = (t: { top1: number; top3: number }) => `${t.top1} % / ${t.top3} %`;
  const rows = [
    row(['measure', 'value', 'target', '']),
    row(['---', '---', '---', '---']),
    row([
      `retrieval top-1 / top-3, ours (${q.questions} held-out knowledge questions)`,
      pair(q.ours),
      '≥ better baseline + 20 points, or ≥ 98 %',
      met('retrieval top-1'),
    ]),
    row(['retrieval, LangChain BM25Retriever as it comes', pair(q.langchainBm25), 'baseline', '']),
    row(['retrieval, MiniSearch on our normaliser and segmenter', pair(q.minisearch), 'baseline', '']),
    row([
      `one text turn in-process, p50 (${r.turns} warm turns over ${r.questions} questions)`,
      `${r.turnLatencyMs.p50} ms`,
      '',
      '',
    ]),
    row(['one text turn in-process, p99', `${r.turnLatencyMs.p99} ms`, '≤ 10 ms', met('turn p99')]),
    row([
      `POST /v1/messages over HTTP, ${http.connections} connections, ${http.seconds} s: ours`,
      `${http.oursRps} req/s, p99 ${http.p99Ms} ms`,
      '',
      '',
    ]),
    row([
      'same, bare Hono route on the same server stack',
      `${http.bareHonoRps} req/s, p99 ${http.bare.p99Ms} ms`,
      '',
      '',
    ]),
    row(['HTTP ratio ours / bare', http.ratio, '≥ 0.3', met('HTTP ratio')]),
    row([
      'HTTP non-2xx / errors / timeouts (ours)',
      `${http.ours.non2xx} / ${http.ours.errors} / ${http.ours.timeouts}`,
      '0',
      met('HTTP errors'),
    ]),
    row([
      'peak RSS of the service process after the load',
      `${r.rssMb} MB (${r.memory.readyRssMb} MB when ready)`,
      '≤ 150 MB',
      met('peak RSS'),
    ]),
    row([
      `durable cases: POST /v1/tickets over HTTP, ${cases.connections} connections, ${cases.measured} cases`,
      `${r.casesPerSecond} cases/s, p99 ${cases.p99Ms} ms; ${cases.created} × 201, ${cases.rowsOnDisk} on disk after SIGKILL, ${cases.non201} other`,
      '≥ 1000 cases/s',
      met('durable cases'),
    ]),
    row(['durable cases in-process, one after another', `${r.casesPerSecondInProcess} cases/s`, '', '']),
    row([
      'start-up to ready (fresh database, built service under node, as npm start runs it)',
      `${r.startupToReadyMs} ms`,
      '≤ 3000 ms',
      met('start-up'),
    ]),
    row([
      `held-out set (${r.heldOut.questions} questions), whole turn: knowledge answers with the right facts`,
      `${r.heldOut.faqFactsPct} %`,
      '≥ 90 %',
      met('held-out facts'),
    ]),
    row([
      `held-out set, whole turn: right intent (actions ${r.heldOut.actionIntentPct} %, out of scope ${r.heldOut.unknownPct} %)`,
      `${r.heldOut.intentPct} %`,
      '≥ 90 %',
      met('held-out intent'),
    ]),
  ];
  const p = r.publish;
  rows.push(
    row([
      `publish a knowledge version (POST /v1/kb/publish: written, built in slices, swapped), ${p.publishes} times`,
      `p50 ${p.publishMs.p50} ms, max ${p.publishMs.max} ms`,
      '',
      '',
    ]),
    row([
      'the same build done at once (how long it would block every turn)',
      `${p.blockingBuildMs} ms`,
      '',
      '',
    ]),
    row([
      `one text turn in-process, no publish going on (${p.idle.turns} turns)`,
      `p50 ${p.idle.p50} ms, p99 ${p.idle.p99} ms`,
      '',
      '',
    ]),
    row([
      `one text turn in-process during a publish (${p.duringPublish.turns} turns); longest event-loop stall ${p.maxEventLoopDelayMs} ms`,
      `p50 ${p.duringPublish.p50} ms, p99 ${p.duringPublish.p99} ms, max ${p.duringPublish.max} ms`,
      '≤ 100 ms p99',
      met('turn p99 during a publish'),
    ]),
    row([
      `preview of a one-entry draft (${p.preview.checked} questions, each answered by both versions)`,
      `${p.preview.firstMs} ms, again ${p.preview.againMs} ms; turns meanwhile p50 ${p.preview.turnsDuring.p50} ms, p99 ${p.preview.turnsDuring.p99} ms`,
      '',
      '',
    ]),
  );
  const s = r.scale;
  rows.push(
    row([
      `staff side at scale: ${s.cases.toLocaleString('en')} cases (${s.openCases.toLocaleString('en')} open, ${s.overdueCases.toLocaleString('en')} overdue), ${s.messages.toLocaleString('en')} messages, seeded in ${s.seedSeconds} s`,
      '',
      '',
      '',
    ]),
    row([
      'GET /v1/tickets first page (50 cases), p95',
      `${s.listP95Ms} ms, ${s.firstPageKiB} KiB`,
      '≤ 50 ms',
      met('scale first page'),
    ]),
    row(['next pages (following nextCursor), p95', `${s.nextPageP95Ms} ms`, '', '']),
    row([
      'search by case number / by phone, p95',
      `${s.searchP95Ms} ms (${s.searchByNumberP95Ms} / ${s.searchByPhoneP95Ms} ms)`,
      '≤ 50 ms',
      met('scale search'),
    ]),
    row(['GET /v1/stats, p95', `${s.statsMs} ms`, '≤ 100 ms', met('scale stats')]),
    row(['/console/cases, p95', `${s.consoleCasesP95Ms} ms`, '', '']),
    row([
      'one scanner pass (escalating what is due soon) / with nothing new',
      `${s.scanMs} ms (${s.scanEscalations} escalations) / ${s.idleScanMs} ms`,
      '≤ 100 ms',
      met('scale scanner pass'),
    ]),
    row([
      'durable cases/s over HTTP at 100,000 ÷ on an empty database (createRatio)',
      `${s.createRatio} (${s.casesPerSecondAtScale} / ${s.casesPerSecondEmpty} cases/s)`,
      '≥ 0.8',
      met('scale createRatio'),
    ]),
    row([
      'durable cases/s at 100,000 ÷ a bare Hono route committing one row per request through the same group commit',
      `${s.durableRatio} (${s.casesPerSecondAtScale} / ${s.bareCommitPerSecond} /s)`,
      '',
      '',
    ]),
    row([
      'POST /v1/messages p99 while staff read lists in a loop ÷ without',
      `${s.turnP99Ratio} (${s.turnP99WhileListingMs} / ${s.turnP99Ms} ms)`,
      '≤ 2',
      met('scale turn p99 while listing'),
    ]),
    row(['peak RSS of the service on the 100,000 cases', `${s.rssMb} MB`, '', '']),
  );
  const m = r.machine;
  return `${rows.join('\n')}

machine: ${m.cpus} × ${m.cpu}, ${m.memoryGb} GiB, Node ${m.node}, load average at start ${m.loadAverage.join(' ')}; JSON in ${out}`;
}
