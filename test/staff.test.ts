import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  replyText,
  startTestServices,
  type TestServices,
  webUser,
} from './support/services.js';

let now = Date.parse('2026-11-26T02:00:00Z');
const clock = () => new Date(now);

let service: TestServices;
beforeEach(async () => {
  now = Date.parse('2026-11-26T02:00:00Z');
  service = await startTestServices({}, { clock });
});
afterEach(() => service.dispose());

interface Session {
  cookie: string;
  csrf: string;
}

async function login(password = ADMIN_PASSWORD, username = 'admin') {
  return service.app.request('/v1/staff/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

async function session(): Promise<Session> {
  const response = await login();
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

function call(
  path: string,
  s: Session | undefined,
  init: { method?: string; body?: unknown; csrf?: boolean } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (s) headers.cookie = s.cookie;
  if (s && init.csrf !== false) headers['x-csrf-token'] = s.csrf;
  return service.app.request(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

describe('staff sessions', () => {
  it('logs in with an httpOnly, SameSite=Strict cookie and a CSRF token', async () => {
    const response = await login();
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/staff_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(((await response.json()) as { csrfToken: string }).csrfToken.length).toBeGreaterThan(20);
  });

  it('refuses a wrong password, and makes the next try wait after five (test/login-throttle.test.ts)', async () => {
    for (let i = 0; i < 5; i++) expect((await login('wrong-password')).status).toBe(401);
    const waiting = await login();
    expect(waiting.status).toBe(429);
    expect(((await waiting.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
    now += 1000;
    expect((await login()).status).toBe(200);
  });

  /** Every staff endpoint that changes something. */
  const STATE_CHANGES: [method: string, path: string][] = [
    ['PATCH', '/v1/tickets/x'],
    ['POST', '/v1/handoffs/x/replies'],
    ['POST', '/v1/handoffs/x/release'],
    ['POST', '/v1/handoffs/x/close'],
    ['POST', '/v1/handoffs/x/transfer'],
    ['POST', '/v1/deliveries/1/retry'],
    ['POST', '/v1/staff/users'],
    ['DELETE', '/v1/staff/session'],
  ];

  it.each<[method: string, path: string]>([
    ['GET', '/v1/handoffs'],
    ['GET', '/v1/tickets'],
    ['GET', '/v1/tickets/x'],
    ['GET', '/v1/conversations/x/messages'],
    ['GET', '/v1/stats'],
    ...STATE_CHANGES,
  ])('answers %s %s with 401 without a session, and with a forged cookie', async (method, path) => {
    expect((await call(path, undefined, { method })).status).toBe(401);
    expect(
      (await call(path, { cookie: 'staff_session=forged-token-value', csrf: 'x' }, { method })).status,
    ).toBe(401);
  });

  it.each(STATE_CHANGES)('answers %s %s without the right CSRF token with 403', async (method, path) => {
    const s = await session();
    expect((await call(path, s, { method, csrf: false, body: {} })).status).toBe(403);
    expect((await call(path, { ...s, csrf: 'not-the-token' }, { method, body: {} })).status).toBe(403);
  });

  it('ends the session on logout', async () => {
    const s = await session();
    expect((await call('/v1/staff/session', s, { method: 'DELETE' })).status).toBe(204);
    expect((await call('/v1/handoffs', s)).status).toBe(401);
  });
});

describe('handoff', () => {
  it('queues the customer, keeps the bot silent, and lets staff reply and release', async () => {
    const user = webUser();
    const ask = await service.say('转人工', user);
    expect(ask).toMatchObject({ intent: 'handoff', handoff: true });
    expect(replyText(ask)).toContain('前面还有0位');

    const silent = await service.say('居民供电方案多久答复', user);
    expect(silent).toMatchObject({ handoff: true, replies: [] });

    const s = await session();
    const queue = (await (await call('/v1/handoffs', s)).json()) as {
      items: {
        conversationId: string;
        channel: string;
        waitingSince: string;
        lastMessage: { text: string };
      }[];
    };
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      conversationId: ask.conversationId,
      channel: 'web',
      waitingSince: '2026-11-26T02:00:00.000Z',
      lastMessage: { text: '居民供电方案多久答复' },
    });

    const reply = await call(`/v1/handoffs/${ask.conversationId}/replies`, s, {
      method: 'POST',
      body: { text: '您好，我是客服小王，居民客户3个工作日内答复。' },
    });
    expect(reply.status).toBe(201);
    const polled = (await (await service.app.request(`/v1/messages?channel=web&userId=${user}`)).json()) as {
      items: { role: string; text: string }[];
    };
    expect(polled.items.at(-1)).toMatchObject({ role: 'staff', text: expect.stringContaining('客服小王') });

    const transcript = (await (await call(`/v1/conversations/${ask.conversationId}/messages`, s)).json()) as {
      items: { role: string }[];
    };
    expect(transcript.items.map((m) => m.role)).toEqual(['customer', 'assistant', 'customer', 'staff']);
    const audits = service.database.sqlite.prepare('select action from audit_log order by id').all();
    expect(audits).toEqual([{ action: 'reply' }, { action: 'open_conversation' }]);

    expect((await call(`/v1/handoffs/${ask.conversationId}/release`, s, { method: 'POST' })).status).toBe(
      200,
    );
    const back = await service.say('居民供电方案多久答复', user);
    expect(back).toMatchObject({ intent: 'faq', handoff: false });
  });

  it('still gives safety advice while handed off', async () => {
    const user = webUser();
    await service.say('人工客服', user);
    const danger = await service.say('家里插座冒烟了', user);
    expect(danger.replies[0]?.text).toContain('远离');
  });

  it('hands over after two questions in a row it could not answer', async () => {
    const user = webUser();
    expect((await service.say('股票明天会涨吗', user)).handoff).toBe(false);
    const second = await service.say('今天天气怎么样', user);
    expect(second).toMatchObject({ intent: 'unknown', handoff: true });
  });

  it('lets the customer leave the queue', async () => {
    const user = webUser();
    await service.say('转人工', user);
    expect(replyText(await service.say('取消人工', user))).toContain('已取消人工');
    expect((await service.say('投诉后多久联系我', user)).intent).toBe('faq');
  });
});

describe('cases for staff', () => {
  it('lists overdue cases first, filters, and moves a case forward with a note and who did it', async () => {
    const post = (kind: string) =>
      service.app.request('/v1/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind, description: `${kind}情况` }),
      });
    const repair = (await (await post('repair')).json()) as { id: string };
    const complaint = (await (await post('complaint')).json()) as { id: string };
    now += 2 * 3600_000; // the repair's 45 minutes have passed; the complaint is within its day
    const s = await session();
    const list = (await (await call('/v1/tickets', s)).json()) as {
      items: { id: string; overdue: string[] }[];
    };
    expect(list.items.map((i) => i.id)).toEqual([repair.id, complaint.id]);
    expect(list.items[0]?.overdue).toEqual(['arriveDueAt']);
    const overdueOnly = (await (await call('/v1/tickets?overdue=true', s)).json()) as { items: unknown[] };
    expect(overdueOnly.items).toHaveLength(1);
    const complaints = (await (await call('/v1/tickets?kind=complaint', s)).json()) as {
      items: { id: string }[];
    };
    expect(complaints.items.map((i) => i.id)).toEqual([complaint.id]);

    const patched = await call(`/v1/tickets/${complaint.id}`, s, {
      method: 'PATCH',
      body: { status: 'contacted', note: '已电话联系客户' },
    });
    expect(patched.status).toBe(200);
    const backwards = await call(`/v1/tickets/${complaint.id}`, s, {
      method: 'PATCH',
      body: { status: 'accepted', note: '撤回' },
    });
    expect(backwards.status).toBe(400);
    const detail = (await (await call(`/v1/tickets/${complaint.id}`, s)).json()) as {
      status: string;
      history: { status: string; actor: string; note: string | null }[];
    };
    expect(detail.status).toBe('contacted');
    expect(detail.history).toEqual([
      expect.objectContaining({ status: 'accepted', actor: 'system' }),
      expect.objectContaining({ status: 'contacted', actor: 'admin', note: '已电话联系客户' }),
    ]);
  });
});

describe('follow-up of closed cases', () => {
  it('asks the chat customer for a rating when a complaint is closed, and counts it', async () => {
    const user = webUser();
    await service.say('我要投诉', user);
    await service.say('抄表员态度很差', user);
    await service.say('13912345678', user);
    await service.say('确认', user);
    const s = await session();
    const list = (await (await call('/v1/tickets', s)).json()) as { items: { id: string; number: string }[] };
    const id = list.items[0]?.id ?? '';
    for (const status of ['contacted', 'replied', 'closed']) {
      expect(
        (await call(`/v1/tickets/${id}`, s, { method: 'PATCH', body: { status, note: status } })).status,
      ).toBe(200);
    }
    const before = (await (await call('/v1/stats', s)).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ closedCases: 1, followedUp: 1, answered: 0, followUpCoverage: 1 });
    expect(before.unanswered).toEqual([list.items[0]?.number]);

    const polled = (await (await service.app.request(`/v1/messages?channel=web&userId=${user}`)).json()) as {
      items: { role: string; text: string }[];
    };
    expect(polled.items.at(-1)?.text).toContain('已办结');
    const rated = await service.say('5', user);
    expect(rated.intent).toBe('rating');
    const after = (await (await call('/v1/stats', s)).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ answered: 1, unanswered: [], ratings: 1, satisfactionRate: 1 });
  });

  it('marks a closed web-form case for a follow-up by phone', async () => {
    const response = await service.app.request('/v1/tickets', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'repair', description: '停电', contactPhone: '13912345678' }),
    });
    const { id } = (await response.json()) as { id: string };
    const s = await session();
    await call(`/v1/tickets/${id}`, s, { method: 'PATCH', body: { status: 'closed', note: '已修复' } });
    const detail = (await (await call(`/v1/tickets/${id}`, s)).json()) as {
      history: { type: string; note: string }[];
    };
    expect(detail.history.at(-1)).toMatchObject({ type: 'follow_up', note: 'by_phone' });
  });
});

describe('staff accounts and ownership', () => {
  async function loginAs(username: string, password: string): Promise<Session> {
    const response = await login(password, username);
    expect(response.status).toBe(200);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
  }

  it('lets a supervisor create staff, and nobody else', async () => {
    const admin = await session();
    const created = await call('/v1/staff/users', admin, {
      method: 'POST',
      body: { username: 'wang', password: 'agent-password-1', role: 'agent' },
    });
    expect(created.status).toBe(201);
    const again = await call('/v1/staff/users', admin, {
      method: 'POST',
      body: { username: 'wang', password: 'agent-password-1', role: 'agent' },
    });
    expect(again.status).toBe(409);
    const wang = await loginAs('wang', 'agent-password-1');
    const byAgent = await call('/v1/staff/users', wang, {
      method: 'POST',
      body: { username: 'li', password: 'agent-password-2', role: 'supervisor' },
    });
    expect(byAgent.status).toBe(403);
  });

  it('gives a conversation to the first agent who replies, and moves it only by an explicit transfer', async () => {
    const admin = await session();
    for (const [username, password] of [
      ['wang', 'agent-password-1'],
      ['zhao', 'agent-password-2'],
    ]) {
      await call('/v1/staff/users', admin, { method: 'POST', body: { username, password, role: 'agent' } });
    }
    const wang = await loginAs('wang', 'agent-password-1');
    const zhao = await loginAs('zhao', 'agent-password-2');
    const { conversationId } = await service.say('转人工', webUser());

    expect(
      (
        await call(`/v1/handoffs/${conversationId}/replies`, wang, {
          method: 'POST',
          body: { text: '我来处理' },
        })
      ).status,
    ).toBe(201);
    const taken = await call(`/v1/handoffs/${conversationId}/replies`, zhao, {
      method: 'POST',
      body: { text: '我也来' },
    });
    expect(taken.status).toBe(409);

    const transfer = await call(`/v1/handoffs/${conversationId}/transfer`, wang, {
      method: 'POST',
      body: { to: 'zhao' },
    });
    expect(transfer.status).toBe(200);
    expect(
      (
        await call(`/v1/handoffs/${conversationId}/replies`, zhao, {
          method: 'POST',
          body: { text: '已转给我' },
        })
      ).status,
    ).toBe(201);
    const audit = service.database.sqlite
      .prepare("select action from audit_log where action like 'transfer%'")
      .all();
    expect(audit).toEqual([{ action: 'transfer_to:zhao' }]);
  });
});

describe('outside staffed hours', () => {
  it('queues the customer, says when someone will call, and opens a callback case', async () => {
    const evening = Date.parse('2026-11-26T14:00:00Z'); // 22:00 Beijing time
    const night = await startTestServices(
      { STAFFED_HOURS: '09:00-17:00' },
      { clock: () => new Date(evening) },
    );
    try {
      const turn = await night.say('转人工', webUser());
      expect(turn).toMatchObject({ intent: 'handoff', handoff: true });
      expect(replyText(turn)).toContain('明天09:00');
      expect(replyText(turn)).toContain('HD20261126-0001');
      const row = night.database.sqlite.prepare('select kind, deadlines from tickets').get() as {
        kind: string;
        deadlines: string;
      };
      expect(row.kind).toBe('callback');
      expect(JSON.parse(row.deadlines)).toEqual({ callbackDueAt: Date.parse('2026-11-27T02:00:00Z') });
      expect((await night.store.listHandoffs()).items).toMatchObject([{ handoffReason: 'after_hours' }]);
    } finally {
      night.dispose();
    }
  });
});
