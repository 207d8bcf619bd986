import { applyD1Migrations, createExecutionContext, reset, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { rollBack } from '../../api/kb/versions.js';
import data from '../../api/worker/data.generated.json';
import worker from '../../bot/worker.js';
import { openD1 } from '../../db/d1.js';
import { createStores } from '../../db/stores.js';
import { conceptsFrom } from '../../knowledge/concepts.js';

/** The knowledge base's versions on the Worker: a publish on one request is what the next one answers from. */
const ADMIN_PASSWORD = 'workers-admin-password-42';
const workerEnv = {
  ...env,
  STAFF_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD,
  STAFFED_HOURS: 'always',
  LOG_LEVEL: 'silent',
};

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://worker.test${path}`, init), workerEnv, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}
const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
async function signIn() {
  const login = await call(
    '/v1/staff/session',
    json('POST', { username: 'admin', password: ADMIN_PASSWORD }),
  );
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}
async function replies(text: string) {
  const response = await call(
    '/v1/messages',
    json('POST', { channel: 'web', userId: `kb-visitor-${crypto.randomUUID()}`, text }),
  );
  expect(response.status).toBe(200);
  const turn = (await response.json()) as { replies: { text: string }[]; sources: { id: string }[] };
  return turn.replies.map((r) => r.text);
}
const ask = async (text: string) => (await replies(text)).join('\n');
/** The answer the question is read as (a second, nearly as good entry may follow it). */
const answerTo = async (text: string) => (await replies(text))[0] ?? '';

beforeAll(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

describe('the knowledge base on the Worker', () => {
  it('answers from a version published on one request at the next request, and from one written by another isolate', async () => {
    const question = '投诉以后多久有人联系我';
    const staff = await signIn();
    // Staff may come before any customer: the empty database gets its version 1 then.
    const list = await call('/v1/kb/entries', { headers: staff });
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ version: 1, draft: false });
    const { results } = await env.DB.prepare('select number, created_by from kb_versions').all();
    expect(results).toEqual([{ number: 1, created_by: 'system' }]);
    expect(await ask(question)).toContain('7个工作日');

    const edited = await call(
      '/v1/kb/entries/complaint-time-limits',
      json('PUT', { answer: '受理投诉后1个工作日内联系您，5个工作日内答复处理意见（本地承诺）。' }, staff),
    );
    expect(edited.status).toBe(200);
    const published = await call('/v1/kb/publish', json('POST', { note: '本地承诺' }, staff));
    expect(await published.json()).toEqual({ version: 2 });
    expect(await ask(question)).toContain('本地承诺');

    // Another isolate rolls back (written straight to D1): this isolate sees it on its next request.
    const rolled = await rollBack(createStores(openD1(env.DB)).kb, {
      to: 1,
      by: 'admin',
      now: new Date(),
      shipped: conceptsFrom(data.concepts),
    });
    expect(rolled).toEqual({ version: 3 });
    const back = await ask(question);
    expect(back).not.toContain('本地承诺');
    expect(back).toContain('7个工作日');
  });

  it('answers with concept words published in the console (a new variant of 时限)', async () => {
    const staff = await signIn();
    const question = '居民新装猴年马月才能用上电';
    expect(await answerTo(question)).not.toContain('3个工作日内装表接电');
    const listed = (await (await call('/v1/kb/concepts', { headers: staff })).json()) as {
      version: number;
      items: { term: string; variants: string[] }[];
    };
    const timeLimit = listed.items.find((i) => i.term === '时限');
    expect(timeLimit).toBeDefined();
    const put = await call(
      `/v1/kb/concepts/${encodeURIComponent('时限')}`,
      json('PUT', { variants: [...(timeLimit?.variants ?? []), '猴年马月'] }, staff),
    );
    expect(put.status).toBe(200);
    const published = await call('/v1/kb/publish', json('POST', { note: '时限：猴年马月' }, staff));
    expect(await published.json()).toEqual({ version: listed.version + 1 });
    expect(await answerTo(question)).toContain('3个工作日内装表接电');
    const health = (await (await call('/healthz')).json()) as { knowledgeVersion: number };
    expect(health.knowledgeVersion).toBe(listed.version + 1);
  });
});
