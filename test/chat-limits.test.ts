import { afterEach, describe, expect, it } from 'vitest';
import {
  replyText,
  SERVICE_TOKEN,
  startTestServices,
  type TestServices,
  webUser,
} from './support/services.js';

/** Thursday 2026-11-26 10:00 Beijing time (staffed hours). */
let now = Date.parse('2026-11-26T02:00:00Z');
const clock = () => new Date(now);

let service: TestServices | undefined;
afterEach(() => {
  service?.dispose();
  service = undefined;
});

async function start(env: Record<string, string> = {}, at = '2026-11-26T02:00:00Z') {
  now = Date.parse(at);
  service = await startTestServices(
    {
      CHAT_CONVERSATION_LIMIT_PER_MINUTE: '20',
      CHAT_HANDOFF_LIMIT_PER_MINUTE: '5',
      CHAT_CASE_LIMIT_PER_MINUTE: '3',
      ...env,
    },
    { clock },
  );
  return service;
}

/** A web visitor's message from a client address (as @hono/node-server hands the app its socket). */
function say(s: TestServices, text: string, userId: string, address = '203.0.113.50') {
  return s.app.request(
    '/v1/messages',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'web', userId, text }),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );
}

const count = (s: TestServices, sql: string) => (s.database.sqlite.prepare(sql).get() as { n: number }).n;
const handoffs = (s: TestServices) =>
  count(s, "select count(*) as n from conversations where mode = 'handoff'");
const cases = (s: TestServices, kind: string) =>
  count(s, `select count(*) as n from tickets where kind = '${kind}'`);
/** A tally of the statistics (issue 17), kept in the same write as the case it counts. */
const tally = (s: TestServices, name: string) =>
  count(s, `select coalesce((select n from tallies where name = '${name}'), 0) as n`);

describe('what the chat may create, per client address and per chat user', () => {
  it('opens at most the configured handoffs for 60 visitors from one address asking for a person', async () => {
    const s = await start();
    const answers = await Promise.all(Array.from({ length: 60 }, () => say(s, '转人工', webUser('flood'))));
    expect(handoffs(s)).toBe(5);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(55);
    for (const response of refused) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    }
    // New conversations stop at their own limit: the visitors past it left nothing behind.
    expect(count(s, 'select count(*) as n from conversations')).toBe(20);
    // Another address is not held back, and the next minute this one may again.
    expect((await say(s, '转人工', webUser('neighbour'), '198.51.100.9')).status).toBe(200);
    now += 60_000;
    expect((await say(s, '转人工', webUser('later'))).status).toBe(200);
    expect(handoffs(s)).toBe(7);
  });

  it('opens at most the configured callback cases after hours', async () => {
    const s = await start({ STAFFED_HOURS: '09:00-17:00' }, '2026-11-26T14:00:00Z');
    await Promise.all(Array.from({ length: 30 }, () => say(s, '转人工', webUser('night'))));
    expect(cases(s, 'callback')).toBe(5);
    // The refused ones left nothing in the statistics' counts either.
    expect(tally(s, 'cases:callback:accepted')).toBe(5);
  });

  it('opens at most the configured complaints for 30 complaint conversations from one address', async () => {
    const s = await start({ CHAT_CONVERSATION_LIMIT_PER_MINUTE: '100' });
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const visitor = webUser('complainer');
        await say(s, '我要投诉', visitor);
        await say(s, `抄表员态度很差，第${i}次`, visitor);
        await say(s, '13912345678', visitor);
        return (await say(s, '确认', visitor)).status;
      }),
    );
    expect(cases(s, 'complaint')).toBe(3);
    expect(tally(s, 'cases:complaint:accepted')).toBe(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(27);
  });

  it('answers new conversations past the limit with 429 and Retry-After, and the address alone counts', async () => {
    const s = await start({ CHAT_CONVERSATION_LIMIT_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) expect((await say(s, '你好', webUser('greeter'))).status).toBe(200);
    const over = await say(s, '你好', webUser('greeter'));
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
    // A visitor already talking goes on.
    const known = webUser('regular');
    now += 60_000;
    expect((await say(s, '你好', known)).status).toBe(200);
    for (let i = 0; i < 3; i++) await say(s, '你好', webUser('greeter'));
    expect((await say(s, '居民报装多久能答复供电方案？', known)).status).toBe(200);
  });

  it('tells a Telegram or WeChat user politely, in the chat, when they ask for a person too often', async () => {
    const s = await start();
    const user = 'tg-user-1001';
    for (let i = 0; i < 5; i++) {
      expect((await s.say('转人工', user, 'telegram')).handoff).toBe(true);
      await s.say('取消人工', user, 'telegram');
    }
    const refused = await s.say('转人工', user, 'telegram');
    expect(refused.handoff).toBe(false);
    expect(replyText(refused)).toContain('过于频繁');
    expect(replyText(refused)).toContain('95598');
    // Per platform user: another Telegram user is not held back.
    expect((await s.say('转人工', 'tg-user-1002', 'telegram')).handoff).toBe(true);
    // Through a bot process over HTTP the answer is the same polite reply, not a 429.
    const overHttp = await s.post(
      { channel: 'wechat', userId: 'wxid_one', text: '转人工' },
      { authorization: `Bearer ${SERVICE_TOKEN}` },
    );
    expect(overHttp.status).toBe(200);
  });

  it('asks a chat user to confirm a case again later rather than opening one too many', async () => {
    const s = await start({ CHAT_CASE_LIMIT_PER_MINUTE: '1' });
    const user = 'wx-user-2001';
    const complain = async (what: string) => {
      await s.say('我要投诉', user, 'wechat');
      await s.say(what, user, 'wechat');
      await s.say('13912345678', user, 'wechat');
      return s.say('确认', user, 'wechat');
    };
    expect(replyText(await complain('抄表员态度很差'))).toMatch(/TS\d{8}-\d{4}/);
    const refused = await complain('营业厅排队太久');
    expect(replyText(refused)).toContain('过于频繁');
    expect(cases(s, 'complaint')).toBe(1);
    now += 60_000;
    // The case was kept waiting at its confirmation: one more 确认 opens it.
    expect(replyText(await s.say('确认', user, 'wechat'))).toMatch(/TS\d{8}-\d{4}/);
    expect(cases(s, 'complaint')).toBe(2);
    expect(tally(s, 'cases:complaint:accepted')).toBe(2);
  });
});

describe('web visitor ids', () => {
  it.each([
    ['sixteen times the same letter', 'a'.repeat(16)],
    ['spaces', ' '.repeat(16)],
    ['zero-width spaces', '\u200b'.repeat(16)],
    ['few distinct characters', 'abababababababab1212'],
  ])('refuses %s as a visitor secret', async (_, userId) => {
    const s = await start();
    for (const response of [
      await say(s, '你好', userId),
      await s.app.request(`/v1/messages?channel=web&userId=${encodeURIComponent(userId)}`),
    ]) {
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('user_id_too_weak');
    }
  });

  it('takes a random id', async () => {
    const s = await start();
    expect((await say(s, '你好', crypto.randomUUID())).status).toBe(200);
  });
});
