import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Services } from '../../bot/services.js';
import { knowledgeBaseOf } from '../../knowledge/content.js';
import { createKnowledge } from '../../knowledge/index.js';
import { readQuestions } from '../../test/support/eval.js';
import { percentile, round } from './stats.js';

export interface PublishResult {
  publishes: number;
  /** POST /v1/kb/publish until it answers: the version written, built in slices and swapped in. */
  publishMs: { p50: number; max: number };
  /** The same build done at once (not in slices): how long it would block every turn. */
  blockingBuildMs: number;
  /** The longest the event loop was held up during the publishes (sliced build). */
  maxEventLoopDelayMs: number;
  /** Turns one after another with no publish going on. */
  idle: { turns: number; p50: number; p99: number };
  /** Turns one after another while a publish was in progress. */
  duringPublish: { turns: number; p50: number; p99: number; max: number };
  /** POST /v1/kb/preview of a one-entry draft: first (draft built) and again (cached). */
  preview: {
    checked: number;
    firstMs: number;
    againMs: number;
    /** Turns one after another while the first preview ran. */
    turnsDuring: { turns: number; p50: number; p99: number; max: number };
  };
}

const PUBLISHES = 3;
const IDLE_ROUNDS = 2;
const ADMIN_PASSWORD = 'not-used-by-this-script';

const latencyOf = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    turns: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? 0),
  };
};

/**
 * Publishing a knowledge version while turns go on: how long a publish takes (the version written,
 * its index and classifiers built in slices, swapped in), and the latency of turns asked one after
 * another during it against turns with no publish going on; plus the preview of a small draft.
 */
export async function benchPublish(services: Services): Promise<PublishResult> {
  const { app } = services;
  const login = await app.request('/v1/staff/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`bench login answered ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const staff = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const questions = readQuestions('test/eval/dev-questions.jsonl').map((q) => q.q);
  let asked = 0;
  const turn = async () => {
    const text = questions[asked % questions.length] as string;
    const started = performance.now();
    await services.assistant.handle({
      channel: 'web',
      userId: `publish-bench-${asked++ % 50}-xxxxxxxx`,
      text,
    });
    return performance.now() - started;
  };
  for (const _ of questions) await turn(); // warm-up
  const idle: number[] = [];
  for (let r = 0; r < IDLE_ROUNDS; r++) for (const _ of questions) idle.push(await turn());

  const entry = (await (await staff('GET', '/v1/kb/entries/complaint-time-limits')).json()) as {
    answer: string;
  };
  const edit = (n: number) =>
    staff('PUT', '/v1/kb/entries/complaint-time-limits', { answer: `${entry.answer}（第${n}次修改）` });

  // The preview of a one-entry draft: the draft's knowledge is built, then every question asked twice.
  await edit(0);
  let started = performance.now();
  const duringPreview: number[] = [];
  let previewed = false;
  const previewing = Promise.resolve(staff('POST', '/v1/kb/preview')).then(async (response) => {
    previewed = true;
    return (await response.json()) as { checked: number };
  });
  while (!previewed) duringPreview.push(await turn());
  const preview = await previewing;
  const previewFirst = performance.now() - started;
  started = performance.now();
  await staff('POST', '/v1/kb/preview');
  const previewAgain = performance.now() - started;

  const during: number[] = [];
  const publishMs: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  for (let n = 1; n <= PUBLISHES; n++) {
    if (n > 1) await edit(n);
    loop.enable();
    const begun = performance.now();
    let done = false;
    const publish = Promise.resolve(staff('POST', '/v1/kb/publish', { note: `bench ${n}` })).then(
      async (response) => {
        if (response.status !== 200)
          throw new Error(`publish answered ${response.status}: ${await response.text()}`);
        publishMs.push(performance.now() - begun);
        done = true;
      },
    );
    while (!done) during.push(await turn());
    await publish;
    loop.disable();
  }

  // The same build at once, as it would run without slices.
  const { parts } = await services.currentKnowledge();
  started = performance.now();
  const built = await createKnowledge(knowledgeBaseOf(parts.content, parts.facts), {
    outOfScope: parts.content.outOfScope,
    shared: parts.knowledge,
  });
  parts.intentClassifier.forKnowledge(built);
  const blockingBuildMs = performance.now() - started;

  const publishSorted = [...publishMs].sort((a, b) => a - b);
  const duringLatency = latencyOf(during);
  const idleLatency = latencyOf(idle);
  return {
    publishes: PUBLISHES,
    publishMs: { p50: round(percentile(publishSorted, 50)), max: round(publishSorted.at(-1) ?? 0) },
    blockingBuildMs: round(blockingBuildMs),
    maxEventLoopDelayMs: round(loop.max / 1e6),
    idle: { turns: idleLatency.turns, p50: idleLatency.p50, p99: idleLatency.p99 },
    duringPublish: duringLatency,
    preview: {
      checked: preview.checked,
      firstMs: round(previewFirst),
      againMs: round(previewAgain),
      turnsDuring: latencyOf(duringPreview),
    },
  };
}
