import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../api/config.js';
import { SERVICE_TOKEN, startTestServices, type TestServices, webUser } from './support/services.js';
import { staffCall, staffSession } from './support/staff-session.js';
import { startTelegramStandIn, type TelegramStandIn } from './support/telegram-stand-in.js';

const TOKEN = '123456:hardening-test-token';
const SECRET = 'hardening-webhook-secret';
const LIMIT = 64 * 1024;

let service: TestServices | undefined;
let telegram: TelegramStandIn | undefined;
let lines: Record<string, unknown>[] = [];
afterEach(async () => {
  service?.dispose();
  service = undefined;
  await telegram?.close();
  telegram = undefined;
});

async function start(env: Record<string, string> = {}) {
  lines = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  telegram = await startTelegramStandIn(TOKEN);
  service = await startTestServices(
    {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      ...env,
    },
    { logger },
  );
  return service;
}

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

/** A body that never ends, counting what the server pulled from it. */
function endlessBody() {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(16 * 1024).fill(0x7b);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

describe('release of a handed-off conversation', () => {
  it('is for its owner or a supervisor only, like close and transfer', async () => {
    const s = await start();
    const admin = await staffSession(s.app);
    for (const username of ['wang', 'zhao']) {
      await staffCall(s.app, admin, 'POST', '/v1/staff/users', {
        username,
        password: `${username}-password-1234`,
        role: 'agent',
      });
    }
    const wang = await staffSession(s.app, 'wang', 'wang-password-1234');
    const zhao = await staffSession(s.app, 'zhao', 'zhao-password-1234');
    const { conversationId } = await s.say('转人工', webUser());
    await staffCall(s.app, wang, 'POST', `/v1/handoffs/${conversationId}/replies`, { text: '我来处理' });

    const byOther = await staffCall(s.app, zhao, 'POST', `/v1/handoffs/${conversationId}/release`);
    expect(byOther.status).toBe(403);
    expect(await errorCode(byOther)).toBe('not_owner');
    expect((await s.store.getConversation(conversationId))?.mode).toBe('handoff');
    expect((await staffCall(s.app, wang, 'POST', `/v1/handoffs/${conversationId}/release`)).status).toBe(200);

    const second = await s.say('转人工', webUser());
    await staffCall(s.app, wang, 'POST', `/v1/handoffs/${second.conversationId}/replies`, { text: '您好' });
    expect(
      (await staffCall(s.app, admin, 'POST', `/v1/handoffs/${second.conversationId}/release`)).status,
    ).toBe(200);
  });
});

describe('the Telegram webhook, with the right secret', () => {
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    service?.app.request(
      new Request('http://localhost/telegram/webhook', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': SECRET,
          ...headers,
        },
        body,
        duplex: 'half',
      } as RequestInit),
    ) as Promise<Response>;

  it('answers a body that is not JSON with 400, as JSON, and logs no error', async () => {
    await start();
    const response = await post('this is not json');
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('invalid_json');
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
    // The secret is still checked first.
    expect((await post('this is not json', { 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(401);
  });

  it('answers a body over the limit with 413, reading no further than the limit', async () => {
    await start();
    const { stream, pulled } = endlessBody();
    const response = await post(stream);
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('payload_too_large');
    expect(pulled.bytes).toBeLessThan(LIMIT + 64 * 1024);
    // Declared too large up front: refused before anything is read.
    const declared = endlessBody();
    expect((await post(declared.stream, { 'content-length': String(100 * 1024 * 1024) })).status).toBe(413);
    expect(declared.pulled.bytes).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('every route that takes a body', () => {
  /** Each route, who may call it, and whether it finds its record (404) before it reads the body. */
  const ROUTES: [
    method: string,
    path: string,
    auth: 'none' | 'staff' | 'service' | 'telegram',
    lookup: boolean,
  ][] = [
    ['POST', '/v1/messages', 'none', false],
    ['POST', '/v1/tickets', 'none', false],
    ['POST', '/v1/deadlines', 'none', false],
    ['POST', '/v1/staff/session', 'none', false],
    ['POST', '/v1/staff/users', 'staff', false],
    ['POST', '/v1/handoffs/x/replies', 'staff', true],
    ['POST', '/v1/handoffs/x/transfer', 'staff', true],
    ['PATCH', '/v1/tickets/x', 'staff', true],
    ['POST', '/v1/outages', 'staff', false],
    ['PATCH', '/v1/outages/x', 'staff', false],
    ['POST', '/v1/outbox/1/result', 'service', true],
    ['POST', '/telegram/webhook', 'telegram', false],
  ];

  it.each(ROUTES)('%s %s: 413 over 64 KiB, 400 when it is not JSON', async (method, path, auth, lookup) => {
    const s = await start();
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth === 'staff') {
      const session = await staffSession(s.app);
      Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
    }
    if (auth === 'service') headers.authorization = `Bearer ${SERVICE_TOKEN}`;
    if (auth === 'telegram') headers['x-telegram-bot-api-secret-token'] = SECRET;
    const big = await s.app.request(path, { method, headers, body: `{"text":"${'电'.repeat(LIMIT)}"}` });
    expect(big.status).toBe(413);
    expect(await errorCode(big)).toBe('payload_too_large');
    if (lookup) return; // no such conversation, case or delivery: 404 before the body is read
    const broken = await s.app.request(path, { method, headers, body: '{"text": "unfinished' });
    expect(broken.status).toBe(400);
    expect(await errorCode(broken)).toBe('invalid_json');
  });
});

describe('responses with personal data', () => {
  it('are never kept by a cache', async () => {
    const s = await start();
    const user = webUser();
    const posted = await s.post({ channel: 'web', userId: user, text: '我要投诉' });
    const { conversationId } = (await posted.clone().json()) as { conversationId: string };
    const ticket = await s.app.request('/v1/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'repair', description: '停电了', contactPhone: '13912345678' }),
    });
    const { id } = (await ticket.clone().json()) as { id: string };
    const another = await s.app.request('/v1/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'complaint', description: '营业厅排队太久' }),
    });
    expect(another.status).toBe(201);
    const admin = await staffSession(s.app);
    // The paged lists (issue 17): their first and next pages alike.
    const firstPage = await staffCall(s.app, admin, 'GET', '/v1/tickets?limit=1');
    const { nextCursor: nextCases } = (await firstPage.clone().json()) as { nextCursor?: string };
    const firstMessages = await staffCall(
      s.app,
      admin,
      'GET',
      `/v1/conversations/${conversationId}/messages?limit=1`,
    );
    const { nextCursor: nextMessages } = (await firstMessages.clone().json()) as { nextCursor?: string };
    expect(nextCases).toBeDefined();
    expect(nextMessages).toBeDefined();
    // The outages (issue 20): recorded, listed page by page, and one read.
    const outage = (area: string) =>
      staffCall(s.app, admin, 'POST', '/v1/outages', {
        kind: 'fault',
        areas: [area],
        startsAt: new Date().toISOString(),
        reason: '10千伏线路故障',
      });
    const recorded = await outage('城东片区');
    expect(await outage('开发区片区')).toHaveProperty('status', 201);
    const { id: outageId } = (await recorded.clone().json()) as { id: string };
    const firstOutages = await staffCall(s.app, admin, 'GET', '/v1/outages?active=true&limit=1');
    const { nextCursor: nextOutages } = (await firstOutages.clone().json()) as { nextCursor?: string };
    expect(nextOutages).toBeDefined();
    const responses = [
      posted,
      ticket,
      await s.app.request(`/v1/messages?channel=web&userId=${user}`),
      await staffCall(s.app, admin, 'GET', '/v1/tickets'),
      firstPage,
      await staffCall(s.app, admin, 'GET', `/v1/tickets?limit=1&cursor=${nextCases}`),
      await staffCall(s.app, admin, 'GET', '/v1/tickets?q=13912345678&status=accepted'),
      await staffCall(s.app, admin, 'GET', `/v1/tickets/${id}`),
      await staffCall(s.app, admin, 'GET', `/v1/conversations/${conversationId}/messages`),
      firstMessages,
      await staffCall(
        s.app,
        admin,
        'GET',
        `/v1/conversations/${conversationId}/messages?limit=1&cursor=${nextMessages}`,
      ),
      await staffCall(s.app, admin, 'GET', '/v1/handoffs?limit=1'),
      await staffCall(s.app, admin, 'GET', '/v1/stats'),
      recorded,
      firstOutages,
      await staffCall(s.app, admin, 'GET', `/v1/outages?active=true&limit=1&cursor=${nextOutages}`),
      await staffCall(s.app, admin, 'GET', `/v1/outages/${outageId}`),
      await staffCall(s.app, admin, 'PATCH', `/v1/outages/${outageId}`, { status: 'restored' }),
    ];
    for (const response of responses) {
      expect(response.status, response.url).toBeLessThan(300);
      expect(response.headers.get('cache-control'), response.url).toBe('no-store');
    }
    // Refusals too.
    const refused = await staffCall(s.app, admin, 'GET', '/v1/tickets?cursor=not-a-cursor');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the client address behind a proxy', () => {
  /** A web-form case through a proxy at `peer`, which says the client is `forwarded`. */
  const submit = (s: TestServices, peer: string, forwarded: Record<string, string> = {}) =>
    s.app.request(
      '/v1/tickets',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...forwarded },
        body: JSON.stringify({ kind: 'complaint', description: '营业厅排队太久' }),
      },
      { incoming: { socket: { remoteAddress: peer } } },
    );

  it('ignores X-Forwarded-For from anyone not listed in TRUSTED_PROXIES', async () => {
    const s = await start({ TICKET_FORM_LIMIT_PER_MINUTE: '1' });
    expect((await submit(s, '10.0.0.2', { 'x-forwarded-for': '203.0.113.1' })).status).toBe(201);
    expect((await submit(s, '10.0.0.2', { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429);
  });

  it('counts each client behind a trusted proxy apart, by the address the proxy saw', async () => {
    const s = await start({ TICKET_FORM_LIMIT_PER_MINUTE: '1', TRUSTED_PROXIES: '10.0.0.0/8, ::1' });
    expect((await submit(s, '10.0.0.2', { 'x-forwarded-for': '203.0.113.1' })).status).toBe(201);
    expect((await submit(s, '10.0.0.2', { 'x-forwarded-for': '203.0.113.2, 10.1.1.1' })).status).toBe(201);
    // What a client writes on the left of the header does not make it someone else.
    expect(
      (await submit(s, '::ffff:10.0.0.3', { 'x-forwarded-for': '198.51.100.99, 203.0.113.1' })).status,
    ).toBe(429);
    expect((await submit(s, '10.0.0.2', { 'cf-connecting-ip': '203.0.113.3' })).status).toBe(201);
    expect((await submit(s, '::1', { 'cf-connecting-ip': '203.0.113.3' })).status).toBe(429);
  });

  it('refuses a TRUSTED_PROXIES entry that is no address, naming the setting', () => {
    expect(() => parseConfig({ TRUSTED_PROXIES: '10.0.0.0/8, proxy.example.com' })).toThrow(
      /TRUSTED_PROXIES: "proxy\.example\.com"/,
    );
  });
});
