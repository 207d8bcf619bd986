import {
  applyD1Migrations,
  createExecutionContext,
  createScheduledController,
  reset,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import data from '../../api/worker/data.generated.json';
import type { WorkerData } from '../../api/worker/data.js';
import { buildWorkerKnowledge, workerCalendar } from '../../api/worker/statics.js';
import worker from '../../bot/worker.js';
import { openD1 } from '../../db/d1.js';
import { accounts } from '../../db/schema.js';
import { createStores } from '../../db/stores.js';
import { parityAssistantOn, probeAnswer, probeUser, turnAnswer } from '../support/answer-probe.js';

/**
 * The Worker (bot/worker.ts) inside workerd, on a local D1 with the drizzle-kit migrations applied:
 * its fetch and scheduled handlers as Cloudflare calls them, with the settings as bindings.
 */
const ADMIN_PASSWORD = 'workers-admin-password-42';
const WEBHOOK_SECRET = 'workers-webhook-secret';
const BOT_TOKEN = '123456:workers-test-token';
const STAFF_CHAT = '-1001234567890';
const SERVICE_TOKEN = 'workers-service-token-0123456789';

const workerEnv = {
  ...env,
  STAFF_BOOTSTRAP_PASSWORD: ADMIN_PASSWORD,
  TELEGRAM_BOT_TOKEN: BOT_TOKEN,
  TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
  TELEGRAM_STAFF_CHAT_ID: STAFF_CHAT,
  API_SERVICE_TOKEN: SERVICE_TOKEN,
  STAFFED_HOURS: 'always',
  LOG_LEVEL: 'silent',
};

async function call(
  path: string,
  init: RequestInit = {},
  settings: Record<string, string> = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request(`https://worker.test${path}`, init);
  const response = await worker.fetch(request, { ...workerEnv, ...settings }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A JSON request from a client as Cloudflare's edge hands it over (CF-Connecting-IP). */
const from = (
  address: string,
  body: unknown,
  settings: Record<string, string> = {},
): RequestInit & {
  settings: Record<string, string>;
} => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'cf-connecting-ip': address },
  body: JSON.stringify(body),
  settings,
});

/** Requests one after another (each one a fresh core, as separate isolates would build). */
async function statusesOf(path: string, requests: (RequestInit & { settings: Record<string, string> })[]) {
  const statuses: number[] = [];
  for (const { settings, ...init } of requests) statuses.push((await call(path, init, settings)).status);
  return statuses;
}

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** Telegram's Bot API, answered here: every call the Worker makes is recorded. */
function telegramStandIn() {
  const calls: { method: string; body: Record<string, unknown> }[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = url.pathname.split('/').at(-1) ?? '';
    const body = init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
    calls.push({ method, body });
    const result =
      method === 'getMe'
        ? { id: 42, is_bot: true, first_name: '供电客服', username: 'power_service_bot' }
        : { message_id: calls.length, date: 0, chat: { id: Number(body.chat_id), type: 'private' } };
    return Response.json({ ok: true, result });
  });
  return { calls, spy };
}

beforeAll(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Worker on D1', () => {
  it('serves /healthz with the database and the knowledge', async () => {
    const response = await call('/healthz');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; knowledgeEntries: number };
    expect(body.status).toBe('ok');
    expect(body.knowledgeEntries).toBeGreaterThan(20);
  });

  it('answers the supply plan question with 3个工作日 and its source', async () => {
    const response = await postJson('/v1/messages', {
      channel: 'web',
      userId: 'workers-visitor-0123456789',
      text: '居民客户供电方案答复期限是多少',
    });
    expect(response.status).toBe(200);
    const turn = (await response.json()) as {
      intent: string;
      replies: { text: string }[];
      sources: { id: string }[];
    };
    expect(turn.intent).toBe('faq');
    expect(turn.replies.map((r) => r.text).join('\n')).toContain('3个工作日');
    expect(turn.sources.map((s) => s.id)).toContain('supply-plan-reply');
  });

  let caseNumber = '';
  it('stores a POST /v1/tickets case in D1 before answering 201', async () => {
    const response = await postJson('/v1/tickets', {
      kind: 'complaint',
      description: '抄表员态度很差',
      contactPhone: '13800001234',
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as { number: string; deadlines: Record<string, string> };
    caseNumber = created.number;
    expect(caseNumber).toMatch(/^TS\d{8}-\d{4}$/);
    const { results } = await env.DB.prepare('select number from tickets').all<{ number: string }>();
    expect(results.map((r) => r.number)).toContain(caseNumber);
  });

  it('lets the bootstrap admin sign in and list the cases', async () => {
    const login = await postJson('/v1/staff/session', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^staff_session=/);
    expect(login.headers.get('set-cookie')).toMatch(/Secure/i);
    const list = await call('/v1/tickets', { headers: { cookie } });
    expect(list.status).toBe(200);
    const { items } = (await list.json()) as { items: { number: string }[] };
    expect(items.map((t) => t.number)).toContain(caseNumber);
    expect((await call('/v1/tickets')).status).toBe(401);
    // Searched and paged in D1 as on SQLite.
    const found = await call(`/v1/tickets?q=${caseNumber.toLowerCase()}&limit=1`, { headers: { cookie } });
    expect(((await found.json()) as { items: { number: string }[] }).items.map((t) => t.number)).toEqual([
      caseNumber,
    ]);
    const stats = await call('/v1/stats', { headers: { cookie } });
    expect(stats.status).toBe(200);
  });

  it('renders the console login page and serves its assets from the bundle', async () => {
    const page = await call('/console/login');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('登录');
    const chart = await call('/console/assets/chart.umd.min.js');
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toMatch(/javascript/);
    expect((await chart.text()).length).toBeGreaterThan(100_000);
    expect((await call('/console/assets/console.css')).status).toBe(200);
  });

  it('refuses a Telegram webhook call without the right secret, without asking Telegram anything', async () => {
    const telegram = telegramStandIn();
    const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 7, type: 'private' } } };
    const wrong = await postJson('/telegram/webhook', update, { 'x-telegram-bot-api-secret-token': 'wrong' });
    expect(wrong.status).toBe(401);
    expect((await postJson('/telegram/webhook', update)).status).toBe(401);
    expect(telegram.calls).toEqual([]);
  });

  it('answers a Telegram update that carries the secret, through the Bot API', async () => {
    const telegram = telegramStandIn();
    const update = {
      update_id: 1001,
      message: {
        message_id: 5,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 777, type: 'private', first_name: '张' },
        from: { id: 777, is_bot: false, first_name: '张' },
        text: '居民客户供电方案答复期限是多少',
      },
    };
    const response = await postJson('/telegram/webhook', update, {
      'x-telegram-bot-api-secret-token': WEBHOOK_SECRET,
    });
    expect(response.status).toBe(200);
    const sent = telegram.calls.filter((c) => c.method === 'sendMessage');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body.chat_id).toBe(777);
    expect(String(sent[0]?.body.text)).toContain('3个工作日');
    // The same update again (Telegram retries) is not answered twice.
    await postJson('/telegram/webhook', update, { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET });
    expect(telegram.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('serves the WeChat process: its turns with the service token, and its outbox', async () => {
    const turn = { channel: 'wechat', userId: 'wxid_customer', text: '居民客户供电方案答复期限是多少' };
    expect((await postJson('/v1/messages', turn)).status).toBe(401);
    const bearer = { authorization: `Bearer ${SERVICE_TOKEN}` };
    const answered = await postJson('/v1/messages', turn, bearer);
    expect(answered.status).toBe(200);
    expect(JSON.stringify(await answered.json())).toContain('3个工作日');
    // A staff reply to a WeChat customer waits in the outbox until the WeChat process takes it.
    const { deliveries } = createStores(openD1(env.DB));
    await deliveries.enqueue(
      { channel: 'wechat', address: 'wxid_customer', text: '您好，已为您处理。' },
      new Date(),
    );
    expect((await call('/v1/outbox?channel=wechat')).status).toBe(401);
    const taken = await call('/v1/outbox?channel=wechat', { headers: bearer });
    expect(taken.status).toBe(200);
    const { items } = (await taken.json()) as { items: { id: string; address: string; text: string }[] };
    expect(items.map((d) => d.address)).toEqual(['wxid_customer']);
    const result = await postJson(`/v1/outbox/${items[0]?.id}/result`, { sent: true }, bearer);
    expect(await result.json()).toMatchObject({ status: 'sent' });
  });

  // Every request builds its core afresh, as another isolate would: a limit kept in memory would
  // never hold. The counters are in D1. (A minute may turn during a test: the checks allow for it.)
  it('holds one client address to the web form limit across requests', async () => {
    const statuses = await statusesOf(
      '/v1/tickets',
      Array.from({ length: 5 }, (_, i) =>
        from(
          '198.51.100.7',
          { kind: 'report', description: `举报${i}` },
          { TICKET_FORM_LIMIT_PER_MINUTE: '2' },
        ),
      ),
    );
    expect(statuses.slice(0, 2)).toEqual([201, 201]);
    expect(statuses).toContain(429);
    const other = await call(
      '/v1/tickets',
      from('198.51.100.8', { kind: 'report', description: '另一个地址' }),
      { TICKET_FORM_LIMIT_PER_MINUTE: '2' },
    );
    expect(other.status).toBe(201);
  });

  it('throttles logins per user name and address, never for the account as a whole', async () => {
    const login = (password: string, address: string) => from(address, { username: 'admin', password });
    const statuses = await statusesOf(
      '/v1/staff/session',
      Array.from({ length: 6 }, (_, i) => login(`wrong-${i}`, '203.0.113.40')),
    );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const { settings, ...right } = login(ADMIN_PASSWORD, '203.0.113.41');
    expect((await call('/v1/staff/session', right, settings)).status).toBe(200);
  });

  it('opens no more handoffs from one address than the limit', async () => {
    telegramStandIn(); // each handoff is told to the staff chat
    const settings = { CHAT_HANDOFF_LIMIT_PER_MINUTE: '2' };
    const before = await env.DB.prepare(
      "select count(*) as n from conversations where mode = 'handoff'",
    ).first<{
      n: number;
    }>();
    const statuses = await statusesOf(
      '/v1/messages',
      Array.from({ length: 5 }, (_, i) =>
        from(
          '203.0.113.60',
          { channel: 'web', userId: `workers-flood-${i}-0123456789`, text: '转人工' },
          settings,
        ),
      ),
    );
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses).toContain(429);
    const after = await env.DB.prepare(
      "select count(*) as n from conversations where mode = 'handoff'",
    ).first<{
      n: number;
    }>();
    expect((after?.n ?? 0) - (before?.n ?? 0)).toBe(statuses.filter((s) => s === 200).length);
  });

  it('answers a Telegram update that is not JSON with 400', async () => {
    const telegram = telegramStandIn();
    const response = await call('/telegram/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: 'not json',
    });
    expect(response.status).toBe(400);
    expect(telegram.calls).toEqual([]);
  });

  it('runs the deadline scanner and the Telegram outbox on the cron trigger', async () => {
    const telegram = telegramStandIn();
    // An open case list polls GET /v1/events (one check a request on Workers) with the signal it showed.
    const login = await postJson('/v1/staff/session', { username: 'admin', password: ADMIN_PASSWORD });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const poll = async () => (await call('/v1/events?overdue=0', { headers: { cookie } })).text();
    expect(await poll()).not.toContain('event: overdue');
    const later = Date.now() + 60 * 86_400_000; // every deadline of the case is past by then
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: later, cron: '* * * * *' }),
      workerEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const { results } = await env.DB.prepare("select type from ticket_events where type = 'overdue'").all<{
      type: string;
    }>();
    expect(results.length).toBeGreaterThan(0);
    // The cron's escalations moved the signal in their write: the next poll hears of them.
    const told = await poll();
    expect(told).toContain('event: overdue');
    expect(told).toContain(`"signal":${results.length}`);
    const notices = telegram.calls.filter((c) => c.method === 'sendMessage');
    expect(notices.map((c) => String(c.body.chat_id))).toContain(STAFF_CHAT);
    expect(notices.map((c) => String(c.body.text)).join('\n')).toContain(caseNumber);
    const sent = await env.DB.prepare("select count(*) as n from deliveries where status = 'sent'").first<{
      n: number;
    }>();
    expect(sent?.n).toBeGreaterThan(0);
  });
});

describe('outages on the Worker', () => {
  it('sends a planned-outage notice from the cron, once, through the Telegram outbox', async () => {
    const db = openD1(env.DB);
    const stores = createStores(db);
    const now = new Date();
    await db.insert(accounts).values({
      accountNumber: '7000000007',
      customerClass: 'resident',
      classLabel: '居民',
      name: '周八',
      phone: '13500007777',
      address: '科技路9号',
      area: '开发区片区',
      createdAt: now,
    });
    await stores.store.openConversation('telegram', '7770007', 'conversation-7770007', now);
    await stores.accounts.bind(
      { channel: 'telegram', userId: '7770007' },
      '7000000007',
      now,
      new Date(now.getTime() + 86_400_000),
    );
    const startsAt = new Date(now.getTime() + 5 * 86_400_000);
    await stores.outages.create(
      {
        id: 'outage-worker',
        kind: 'planned',
        areas: ['开发区片区'],
        startsAt,
        endsAt: new Date(startsAt.getTime() + 4 * 3_600_000),
        expectedRestoreAt: null,
        reason: '开发区线路检修',
        createdBy: 'admin',
      },
      'TD20990101',
      now,
    );
    const telegram = telegramStandIn();
    // Two cron events: the notice goes out on the first, and not again on the second.
    for (let event = 0; event < 2; event++) {
      const ctx = createExecutionContext();
      await worker.scheduled(
        createScheduledController({ scheduledTime: Date.now(), cron: '* * * * *' }),
        workerEnv,
        ctx,
      );
      await waitOnExecutionContext(ctx);
    }
    const notices = telegram.calls.filter(
      (c) => c.method === 'sendMessage' && String(c.body.chat_id) === '7770007',
    );
    expect(notices.map((c) => String(c.body.text))).toEqual([expect.stringContaining('开发区线路检修')]);
  });
});

describe('the same answers as on Node', () => {
  const reference = env.TEST_NODE_REFERENCE;

  it('segments, ranks, scores and classifies the sample as Node did', async () => {
    const parts = await buildWorkerKnowledge(data as WorkerData);
    expect(reference.questions.length).toBeGreaterThan(100);
    for (const [i, q] of reference.questions.entries()) {
      expect(await probeAnswer(parts, q), q).toEqual(reference.probes[i]);
    }
  });

  it('gives the sample the same chat turns as an assistant on SQLite in Node', async () => {
    await reset();
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
    const parts = {
      ...(await buildWorkerKnowledge(data as WorkerData)),
      calendar: workerCalendar(data as WorkerData),
    };
    const assistant = parityAssistantOn(parts, createStores(openD1(env.DB)));
    for (const [i, text] of reference.questions.entries()) {
      const turn = turnAnswer(await assistant.handle({ channel: 'web', userId: probeUser(i), text }));
      expect(turn, text).toEqual(reference.turns[i]);
    }
  });
});
