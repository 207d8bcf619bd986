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
  const m = r.machine;
  return `${rows.join('\n')}

machine: ${m.cpus} × ${m.cpu}, ${m.memoryGb} GiB, Node ${m.node}, load average at start ${m.loadAverage.join(' ')}; JSON in ${out}`;
}
