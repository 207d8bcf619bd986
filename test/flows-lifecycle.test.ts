/**
 * Probes of the flows that involve staff and time: a handoff taken, answered and closed, the
 * rating that follows, handoffs outside staffed hours, cases closed by staff, an identity binding
 * that expires, and one customer on two channels. Written as a customer and a staff member would
 * expect, through the real service and staff API with an injectable clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ChatResponse,
  replyText,
  startTestServices,
  type TestServices,
  webUser,
} from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** Thursday 2026-11-26, 10:00 Beijing time (a working day, inside 08:00-20:00). */
const DAYTIME = Date.parse('2026-11-26T02:00:00Z');
/** Thursday 2026-11-26, 22:00 Beijing time (outside 08:00-20:00). */
const NIGHT = Date.parse('2026-11-26T14:00:00Z');

let now = DAYTIME;
const clock = () => new Date(now);
let service: TestServices | undefined;

afterEach(() => {
  service?.dispose();
  service = undefined;
});

async function start(env: Record<string, string> = {}, at = DAYTIME) {
  now = at;
  service = await startTestServices(env, { clock });
  const staff = await staffSession(service.app);
  return { service, staff };
}

interface Transcript {
  items: { id: number; role: string; text: string; at: string }[];
  cursor: string | null;
}

async function transcript(s: TestServices, userId: string): Promise<Transcript> {
  const response = await s.app.request(`/v1/messages?channel=web&userId=${encodeURIComponent(userId)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Transcript;
}

async function lastAssistantText(s: TestServices, userId: string): Promise<string> {
  const items = (await transcript(s, userId)).items.filter((i) => i.role === 'assistant');
  return items.at(-1)?.text ?? '';
}

async function handoffIds(s: TestServices, staff: StaffSession): Promise<string[]> {
  const response = await staffCall(s.app, staff, 'GET', '/v1/handoffs');
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: { conversationId: string }[] };
  return body.items.map((i) => i.conversationId);
}

/** Customer hands over mid-complaint; staff take it, reply and close it. */
async function handOffAndClose(s: TestServices, staff: StaffSession, user: string) {
  const opened = await s.say('我要投诉', user);
  expect(opened.intent).toBe('complaint');
  const handed = await s.say('转人工', user);
  expect(handed.handoff).toBe(true);
  expect(await handoffIds(s, staff)).toContain(handed.conversationId);

  const reply = await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/replies`, {
    text: '您好，我是客服小王，请问有什么可以帮您？',
  });
  expect(reply.status).toBe(201);
  const seen = await transcript(s, user);
  expect(seen.items.some((i) => i.role === 'staff' && i.text.includes('客服小王'))).toBe(true);

  // While a person has it, the bot stays silent.
  const meanwhile = await s.say('抄表员态度很差', user);
  expect(meanwhile.replies).toEqual([]);

  const closed = await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/close`);
  expect(closed.status).toBeLessThan(300);
  expect(await handoffIds(s, staff)).not.toContain(handed.conversationId);
  const question = await lastAssistantText(s, user);
  expect(question).toMatch(/评|满意/);
  expect(question).toMatch(/1.*5/);
  return handed.conversationId;
}

function expectNoScoreQuestion(response: ChatResponse) {
  expect(replyText(response)).not.toMatch(/1\s*[-–~到至]\s*5|请.*打分|请.*评分/);
}

describe('handoff lifecycle: taken, answered, closed, rated', () => {
  it('stores "4分 还行吧" as a 4 and does not ask for the score again', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    await handOffAndClose(s, staff, user);
    const rated = await s.say('4分 还行吧', user);
    expect(rated.replies.length).toBeGreaterThan(0);
    expectNoScoreQuestion(rated);
    expect((await s.store.listRatings()).map((r) => r.score)).toEqual([4]);
  });

  it('a question asked instead of a comment is answered, the score kept', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    await handOffAndClose(s, staff, user);
    await s.say('4分', user);
    const asked = await s.say('居民客户供电方案答复期限是多久', user);
    expect(replyText(asked)).toContain('3个工作日');
    expect((await s.store.listRatings()).map((r) => r.score)).toEqual([4]);
  });

  it('while a person has the conversation, "有人吗" is left to them (silence)', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    const handed = await s.say('转人工', user);
    await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/replies`, { text: '在的' });
    const asked = await s.say('有人吗', user);
    expect(asked.replies).toEqual([]);
    expect(asked.handoff).toBe(true);
  });

  it('stores "★★★" as a 3', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    await handOffAndClose(s, staff, user);
    const rated = await s.say('★★★', user);
    expectNoScoreQuestion(rated);
    expect((await s.store.listRatings()).map((r) => r.score)).toEqual([3]);
  });

  it('takes "不想评" as a polite skip: nothing stored, and the bot answers the next question', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    await handOffAndClose(s, staff, user);
    const skipped = await s.say('不想评', user);
    expect(skipped.replies.length).toBeGreaterThan(0);
    expectNoScoreQuestion(skipped);
    expect(replyText(skipped)).toMatch(/好的|没关系|感谢|谢谢/);
    expect(await s.store.listRatings()).toEqual([]);
    const next = await s.say('居民客户供电方案答复期限是多久', user);
    expect(next.intent).toBe('faq');
    expect(replyText(next)).toContain('3个工作日');
  });

  it('answers a new question given instead of a score, and stores no rating', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    await handOffAndClose(s, staff, user);
    const asked = await s.say('居民客户供电方案答复期限是多久', user);
    expect(replyText(asked)).toContain('3个工作日');
    expect(await s.store.listRatings()).toEqual([]);
  });

  it('does not open a complaint from the flow that was interrupted by the handoff', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    await handOffAndClose(s, staff, user);
    await s.say('5', user);
    await s.say('13912345678', user);
    const tickets = (await (await staffCall(s.app, staff, 'GET', '/v1/tickets')).json()) as {
      items: unknown[];
    };
    expect(tickets.items).toEqual([]);
  });

  it('after release, the bot answers again (no rating asked)', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    const handed = await s.say('转人工', user);
    await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/replies`, { text: '在的' });
    const released = await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/release`);
    expect(released.status).toBeLessThan(300);
    const asked = await s.say('居民客户供电方案答复期限是多久', user);
    expect(replyText(asked)).toContain('3个工作日');
  });
});

describe('handoff outside staffed hours', () => {
  const NIGHT_ENV = { STAFFED_HOURS: '08:00-20:00' };

  async function nightHandoff() {
    const { service: s, staff } = await start(NIGHT_ENV, NIGHT);
    const user = webUser();
    const handed = await s.say('转人工', user);
    return { s, staff, user, handed };
  }

  it('opens a callback case due one hour after staffed hours next begin, said in Beijing time', async () => {
    const { s, staff, handed } = await nightHandoff();
    expect(handed.handoff).toBe(true);
    const text = replyText(handed);
    expect(text).toMatch(/HD\d/);
    expect(text).toMatch(/09:00/);
    expect(text).not.toMatch(/01:00/);
    const list = (await (await staffCall(s.app, staff, 'GET', '/v1/tickets')).json()) as {
      items: { number: string; deadlines: Record<string, string> }[];
    };
    const callback = list.items.find((t) => t.number.startsWith('HD'));
    expect(callback).toBeDefined();
    expect(Object.values(callback?.deadlines ?? {})).toContain('2026-11-27T01:00:00.000Z');
  });

  it('after midnight, says today (not tomorrow) for the callback', async () => {
    const { service: s } = await start(NIGHT_ENV, Date.parse('2026-11-26T17:00:00Z'));
    const handed = await s.say('转人工', webUser());
    expect(replyText(handed)).toMatch(/今天08:00/);
    expect(replyText(handed)).toMatch(/09:00/);
  });

  it('answers "什么时候有人联系我" with the callback time', async () => {
    const { s, user } = await nightHandoff();
    const asked = await s.say('什么时候有人联系我', user);
    expect(asked.replies.length).toBeGreaterThan(0);
    expect(replyText(asked)).toMatch(/09:00/);
  });

  it('"取消人工" leaves the queue and the callback case is not left open', async () => {
    const { s, staff, user, handed } = await nightHandoff();
    const cancelled = await s.say('取消人工', user);
    expect(cancelled.handoff).toBe(false);
    expect(cancelled.replies.length).toBeGreaterThan(0);
    expect(await handoffIds(s, staff)).not.toContain(handed.conversationId);
    const list = (await (await staffCall(s.app, staff, 'GET', '/v1/tickets')).json()) as {
      items: { number: string; status: string }[];
    };
    const callback = list.items.find((t) => t.number.startsWith('HD'));
    expect(callback?.status).toBe('closed');
    // The bot answers again.
    const asked = await s.say('居民客户供电方案答复期限是多久', user);
    expect(replyText(asked)).toContain('3个工作日');
  });

  it('inside staffed hours, "什么时候有人联系我" while queued gets an answer, not silence', async () => {
    const { service: s } = await start(NIGHT_ENV, DAYTIME);
    const user = webUser();
    const handed = await s.say('转人工', user);
    expect(handed.handoff).toBe(true);
    expect(replyText(handed)).not.toMatch(/HD\d/);
    const asked = await s.say('还要等多久', user);
    expect(replyText(asked)).toContain('前面还有0位');
    expect(asked.handoff).toBe(true);
  });
});

describe('case closed by staff, then the follow-up', () => {
  async function openComplaint(s: TestServices, user: string) {
    await s.say('我要投诉', user);
    await s.say('抄表员态度很差', user);
    await s.say('13912345678', user);
    const done = await s.say('确认', user);
    const number = replyText(done).match(/TS\d{8}-\d{4}/)?.[0];
    expect(number).toBeDefined();
    return number as string;
  }

  async function closeCase(s: TestServices, staff: StaffSession, number: string) {
    const list = (await (await staffCall(s.app, staff, 'GET', '/v1/tickets')).json()) as {
      items: { id: string; number: string }[];
    };
    const ticket = list.items.find((t) => t.number === number);
    expect(ticket).toBeDefined();
    for (const status of ['contacted', 'replied', 'closed']) {
      now += 60 * 60_000;
      const response = await staffCall(s.app, staff, 'PATCH', `/v1/tickets/${ticket?.id}`, {
        status,
        note: `已${status}`,
      });
      expect(response.status).toBe(200);
    }
    return ticket?.id as string;
  }

  async function closedCase() {
    const { service: s, staff } = await start();
    const user = webUser();
    const number = await openComplaint(s, user);
    const id = await closeCase(s, staff, number);
    const question = await lastAssistantText(s, user);
    expect(question).toContain(number);
    expect(question).toMatch(/1.*5/);
    return { s, staff, user, number, id };
  }

  it('stores "4分 还行吧" linked to the case', async () => {
    const { s, user, id } = await closedCase();
    const rated = await s.say('4分 还行吧', user);
    expectNoScoreQuestion(rated);
    expect(await s.store.listRatings()).toEqual([{ score: 4, ticketId: id }]);
  });

  it('stores "★★★" linked to the case', async () => {
    const { s, user, id } = await closedCase();
    const rated = await s.say('★★★', user);
    expectNoScoreQuestion(rated);
    expect(await s.store.listRatings()).toEqual([{ score: 3, ticketId: id }]);
  });

  it('"不想评" is a polite skip', async () => {
    const { s, user } = await closedCase();
    const skipped = await s.say('不想评', user);
    expect(skipped.replies.length).toBeGreaterThan(0);
    expectNoScoreQuestion(skipped);
    expect(await s.store.listRatings()).toEqual([]);
  });

  it('a question instead of a score is answered; "我的投诉处理得怎么样了" shows 已办结', async () => {
    const { s, user, number } = await closedCase();
    const progress = await s.say('我的投诉处理得怎么样了', user);
    expect(replyText(progress)).toContain(number);
    expect(replyText(progress)).toContain('已办结');
    expect(await s.store.listRatings()).toEqual([]);
  });

  it('a knowledge question instead of a score is answered', async () => {
    const { s, user } = await closedCase();
    const asked = await s.say('居民客户供电方案答复期限是多久', user);
    expect(replyText(asked)).toContain('3个工作日');
  });

  it('a case closed while the customer is in the identity check does not swallow their answer', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    const number = await openComplaint(s, user);
    await s.say('查电费', user);
    await s.say('1000000001', user);
    await closeCase(s, staff, number);
    const answered = await s.say('1234', user);
    expect(replyText(answered)).toContain('203.15');
  });

  it('a case closed while a person has the chat: the rating waits for the person to close', async () => {
    const { service: s, staff } = await start();
    const user = webUser();
    const number = await openComplaint(s, user);
    const handed = await s.say('转人工', user);
    await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/replies`, { text: '在的' });
    const id = await closeCase(s, staff, number);
    expect((await s.say('好的谢谢', user)).replies).toEqual([]);
    await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/close`);
    await s.say('5', user);
    const ratings = await s.store.listRatings();
    expect(ratings.map((r) => r.score)).toEqual([5]);
    expect(ratings[0]?.ticketId).toBe(id);
  });

  it('shows 已办结 after the rating too', async () => {
    const { s, user, number } = await closedCase();
    await s.say('5', user);
    await s.say('没有了', user);
    const progress = await s.say('我的投诉处理得怎么样了', user);
    expect(replyText(progress)).toContain(number);
    expect(replyText(progress)).toContain('已办结');
  });
});

describe('identity binding expiry', () => {
  it('asks for identity again after 30 days, showing nothing before', async () => {
    const { service: s } = await start();
    const user = webUser();
    await s.say('查电费', user);
    await s.say('1000000001', user);
    const bills = await s.say('1234', user);
    expect(replyText(bills)).toContain('203.15');
    const again = await s.say('我欠费了吗', user);
    expect(replyText(again)).toContain('203.15');

    now += 31 * 24 * 60 * 60_000;
    const expired = await s.say('查电费', user);
    expect(expired.intent).toBe('bill');
    const text = replyText(expired);
    expect(text).not.toMatch(/203\.15|186\.40|张|1000000001/);
    expect(text).toMatch(/户号/);
    const half = await s.say('1000000001', user);
    expect(replyText(half)).not.toMatch(/203\.15|186\.40|张\*/);
    const back = await s.say('1234', user);
    expect(replyText(back)).toContain('203.15');
  });

  it('an expired binding does not answer "我欠费了吗" either', async () => {
    const { service: s } = await start();
    const user = webUser();
    await s.say('查电费', user);
    await s.say('1000000001 1234', user);
    now += 31 * 24 * 60 * 60_000;
    const asked = await s.say('我欠费了吗', user);
    expect(replyText(asked)).not.toMatch(/203\.15|186\.40|张\*/);
  });
});

describe('one customer on two channels', () => {
  it('web and telegram conversations keep their own flows, bindings and handoffs', async () => {
    const { service: s, staff } = await start();
    const web = webUser();
    const tg = '777000111';

    const complaint = await s.say('我要投诉', web);
    const bill = await s.say('查电费', tg, 'telegram');
    expect(complaint.conversationId).not.toBe(bill.conversationId);
    await s.say('1000000001', tg, 'telegram');
    const verified = await s.say('1234', tg, 'telegram');
    expect(replyText(verified)).toContain('203.15');

    // The web visitor is not verified by the Telegram binding.
    const webBill = await s.say('我欠费了吗', web);
    expect(replyText(webBill)).not.toMatch(/203\.15|张\*/);
    await s.say('取消', web);

    // A handoff on the web leaves Telegram with the bot.
    const handed = await s.say('转人工', web);
    expect(handed.handoff).toBe(true);
    const tgAsk = await s.say('居民客户供电方案答复期限是多久', tg, 'telegram');
    expect(tgAsk.handoff).toBe(false);
    expect(replyText(tgAsk)).toContain('3个工作日');
    expect(await handoffIds(s, staff)).toEqual([handed.conversationId]);

    // Closing the web handoff asks only the web visitor for a rating.
    await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/replies`, { text: '好的' });
    await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/close`);
    expect(await lastAssistantText(s, web)).toMatch(/1.*5/);
    const tgMessages = (await (
      await staffCall(s.app, staff, 'GET', `/v1/conversations/${bill.conversationId}/messages`)
    ).json()) as { items: { text: string }[] };
    expect(tgMessages.items.some((i) => i.text.includes('本次人工服务已结束'))).toBe(false);
    // The web visitor's score goes to the web conversation; Telegram goes on with its own business.
    await s.say('4', web);
    expect((await s.store.listRatings()).map((r) => r.score)).toEqual([4]);
    const tgAgain = await s.say('我欠费了吗', tg, 'telegram');
    expect(replyText(tgAgain)).toContain('203.15');
  });

  it('a telegram handoff closed by staff queues the rating question for delivery', async () => {
    const { service: s, staff } = await start();
    const tg = '777000222';
    const handed = await s.say('转人工', tg, 'telegram');
    const reply = await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/replies`, {
      text: '您好',
    });
    expect(((await reply.json()) as { delivery: string }).delivery).toBe('queued');
    await staffCall(s.app, staff, 'POST', `/v1/handoffs/${handed.conversationId}/close`);
    const messages = (await (
      await staffCall(s.app, staff, 'GET', `/v1/conversations/${handed.conversationId}/messages`)
    ).json()) as { items: { role: string; text: string; delivery?: { status: string } }[] };
    const last = messages.items.at(-1);
    expect(last?.role).toBe('assistant');
    expect(last?.text).toMatch(/1.*5/);
    expect(last?.delivery).toBeDefined();
    const rated = await s.say('★★★★', tg, 'telegram');
    expectNoScoreQuestion(rated);
    expect((await s.store.listRatings()).map((r) => r.score)).toEqual([4]);
  });
});
