import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  replyText,
  SERVICE_TOKEN,
  startTestServices,
  type TestServices,
  webUser,
} from './support/services.js';

/** A web visitor's secret (random-looking, so only the field under test is wrong). */
const VISITOR = 'contract-visitor-0123456789';

let service: TestServices;
beforeEach(async () => {
  service = await startTestServices();
});
afterEach(() => service.dispose());

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

async function messageCount() {
  return service.database.sqlite.prepare('select count(*) as n from messages').get() as { n: number };
}

describe('GET /healthz', () => {
  it('reports the database and the loaded knowledge base', async () => {
    const response = await service.app.request('/healthz');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', database: 'ok', semanticSearch: false });
    expect(body.knowledgeEntries).toBeGreaterThan(25);
  });
});

describe('POST /v1/messages', () => {
  it('answers a knowledge question with the contract shape and its source', async () => {
    const response = await service.post({
      channel: 'web',
      userId: webUser(),
      text: '居民客户供电方案答复期限是多久',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['conversationId', 'handoff', 'intent', 'replies', 'sources']);
    expect(body).toMatchObject({
      intent: 'faq',
      handoff: false,
      sources: [{ id: 'supply-plan-reply', title: '供电方案答复期限' }],
    });
    expect(typeof body.conversationId).toBe('string');
    expect((body.replies as { text: string }[])[0]?.text).toContain('3个工作日');
  });

  it('keeps one conversation per channel and userId', async () => {
    const user = webUser();
    const first = await service.say('您好', user);
    const second = await service.say('投诉后多久联系我', user);
    const other = await service.say('您好', webUser());
    expect(second.conversationId).toBe(first.conversationId);
    expect(other.conversationId).not.toBe(first.conversationId);
  });

  it('stores who said what, with intent and sources', async () => {
    const user = webUser();
    const turn = await service.say('电能表校验多久出结果', user);
    const rows = service.database.sqlite
      .prepare('select role, text, intent, sources from messages where conversation_id = ? order by id')
      .all(turn.conversationId) as { role: string; text: string; intent: string; sources: string | null }[];
    expect(rows.map((r) => r.role)).toEqual(['customer', 'assistant']);
    expect(rows[0]).toMatchObject({ text: '电能表校验多久出结果', intent: 'faq' });
    expect(JSON.parse(rows[1]?.sources ?? '[]')).toEqual([
      { id: 'meter-test', title: '电能表校验（检测）时限', clause: '三、4' },
    ]);
  });

  it.each([
    ['not JSON', '{"channel":', 'invalid_json'],
    ['a JSON array', '[]', 'invalid_body'],
    ['a missing text', { channel: 'web', userId: VISITOR }, 'missing_field'],
    ['a missing userId', { channel: 'web', text: '你好' }, 'missing_field'],
    ['an empty text', { channel: 'web', userId: VISITOR, text: '' }, 'field_too_short'],
    ['a text of spaces', { channel: 'web', userId: VISITOR, text: '   ' }, 'empty_text'],
    [
      'a text over 2000 characters',
      { channel: 'web', userId: VISITOR, text: '电'.repeat(2001) },
      'field_too_long',
    ],
    [
      'a userId over 128 characters',
      { channel: 'web', userId: 'x'.repeat(129), text: '你好' },
      'field_too_long',
    ],
    ['a number as text', { channel: 'web', userId: VISITOR, text: 42 }, 'invalid_field'],
    ['an unknown channel', { channel: 'sms', userId: VISITOR, text: '你好' }, 'unknown_channel'],
    ['a short web userId', { channel: 'web', userId: 'abc', text: '你好' }, 'user_id_too_short'],
    [
      'a web userId of one letter',
      { channel: 'web', userId: 'x'.repeat(20), text: '你好' },
      'user_id_too_weak',
    ],
  ])('rejects %s with 400 and changes nothing', async (_, body, code) => {
    const response = await service.post(body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(5);
    expect((await messageCount()).n).toBe(0);
  });

  it('accepts exactly 2000 characters of text', async () => {
    const response = await service.post({ channel: 'web', userId: webUser(), text: '电'.repeat(2000) });
    expect(response.status).toBe(200);
  });

  it.each(['telegram', 'wechat', 'wechat_oa'])(
    'refuses channel %s without the service token, with 401',
    async (channel) => {
      const body = { channel, userId: '123456', text: '查电费' };
      const none = await service.post(body);
      const wrong = await service.post(body, { authorization: 'Bearer not-the-token-at-all!!' });
      expect(none.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect((await errorOf(none)).code).toBe('unauthorized');
      expect((await messageCount()).n).toBe(0);
    },
  );

  it.each(['telegram', 'wechat', 'wechat_oa'])(
    'accepts channel %s with the service token',
    async (channel) => {
      const response = await service.post(
        { channel, userId: '123456', text: '您好' },
        { authorization: `Bearer ${SERVICE_TOKEN}` },
      );
      expect(response.status).toBe(200);
    },
  );

  it('closes the bot channels entirely when no service token is configured', async () => {
    const open = await startTestServices({ API_SERVICE_TOKEN: '' });
    try {
      const response = await open.post(
        { channel: 'telegram', userId: '1', text: '你好' },
        { authorization: 'Bearer ' },
      );
      expect(response.status).toBe(401);
    } finally {
      open.dispose();
    }
  });

  it.each([
    ['HTML', '<script>alert(1)</script><b>电费</b>'],
    ['SQL', "'; DROP TABLE messages; --"],
    ['emoji', '😡😡😡⚡️'],
    ['control characters', '\u0000\u0007\u001b[31m'],
    ['only zero-width characters', '\u200b\u200b\u200b'],
    ['a right-to-left override', '\u202e电费多少'],
    ['mixed scripts', 'Привет مرحبا 안녕하세요'],
  ])('answers odd text (%s) politely instead of failing', async (_, text) => {
    const response = await service.post({ channel: 'web', userId: webUser(), text });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { replies: { text: string }[] };
    expect(body.replies.length).toBeGreaterThan(0);
    expect(body.replies[0]?.text).toMatch(/[\u4e00-\u9fff]/);
    const tables = service.database.sqlite
      .prepare("select count(*) as n from sqlite_master where name = 'messages'")
      .get();
    expect(tables).toEqual({ n: 1 });
  });

  it('answers a 404 with the error shape for unknown routes', async () => {
    const response = await service.app.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const response = await service.post({ channel: 'web', userId: webUser(), text: 'x'.repeat(70_000) });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
  });
});

describe('GET /v1/messages', () => {
  it('returns what was said since the cursor, for polling web clients', async () => {
    const user = webUser();
    await service.say('您好', user);
    const all = await service.app.request(`/v1/messages?channel=web&userId=${user}`);
    expect(all.status).toBe(200);
    const page = (await all.json()) as {
      items: { id: string; role: string; text: string; at: string }[];
      cursor: string;
    };
    expect(page.items.map((i) => i.role)).toEqual(['customer', 'assistant']);
    expect(page.items[0]?.text).toBe('您好');
    expect(new Date(page.items[0]?.at ?? '').toISOString()).toBe(page.items[0]?.at);

    await service.say('95598是什么', user);
    const next = await service.app.request(`/v1/messages?channel=web&userId=${user}&after=${page.cursor}`);
    const later = (await next.json()) as { items: { role: string; text: string }[] };
    expect(later.items.map((i) => i.text)).toEqual(['95598是什么', expect.stringContaining('24小时')]);
  });

  it('gives an unknown visitor an empty list, and needs the token for bot channels', async () => {
    const empty = await service.app.request(`/v1/messages?channel=web&userId=${webUser()}`);
    expect(((await empty.json()) as { items: unknown[] }).items).toEqual([]);
    const telegram = await service.app.request('/v1/messages?channel=telegram&userId=42');
    expect(telegram.status).toBe(401);
  });

  it('rejects a malformed cursor with 400', async () => {
    const response = await service.app.request(`/v1/messages?channel=web&userId=${webUser()}&after=abc`);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe('invalid_field');
  });
});

it('offers a person instead of inventing an answer for out-of-scope questions', async () => {
  const turn = await service.say('股票明天会涨吗', webUser());
  expect(turn.intent).toBe('unknown');
  expect(turn.sources).toEqual([]);
  expect(replyText(turn)).toContain('95598');
});
