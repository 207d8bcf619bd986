import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices, webUser } from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** The queue as an agent's worklist: who the customer is, why they wait, how long, and who has them. */
let now = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 Beijing time
const clock = () => new Date(now);

let service: TestServices;
let admin: StaffSession;
let wang: StaffSession;
beforeEach(async () => {
  now = Date.parse('2026-11-26T02:00:00Z');
  service = await startTestServices({}, { clock });
  admin = await staffSession(service.app);
  const created = await staffCall(service.app, admin, 'POST', '/v1/staff/users', {
    username: 'wang',
    password: 'agent-password-1',
    role: 'agent',
  });
  expect(created.status).toBe(201);
  wang = await staffSession(service.app, 'wang', 'agent-password-1');
});
afterEach(() => service.dispose());

interface QueueEntry {
  conversationId: string;
  owner: string | null;
  reason: string | null;
  lastMessage: { role: string; text: string } | null;
  lastCustomerMessage: { role: string; text: string } | null;
}

async function queue(session: StaffSession, owner?: 'unowned' | 'mine'): Promise<QueueEntry[]> {
  const response = await staffCall(
    service.app,
    session,
    'GET',
    `/v1/handoffs${owner ? `?owner=${owner}` : ''}`,
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: QueueEntry[] }).items;
}

/** A customer proves to own account 1000000001 (张三, demo data), then asks for a person. */
async function verifiedCustomerAsksForAPerson() {
  const user = webUser('zhang');
  await service.say('查电费', user);
  await service.say('1000000001', user);
  await service.say('1234', user);
  const asked = await service.say('转人工', user);
  expect(asked.handoff).toBe(true);
  return { user, conversationId: asked.conversationId };
}

/** The queue row of a conversation in a console page. */
function rowOf(html: string, conversationId: string): string {
  return html.split('<tr').find((row) => row.includes(`data-conversation-id="${conversationId}"`)) ?? '';
}

describe('the queue as a worklist', () => {
  it("shows the customer's last message (not the bot's) and why the conversation was handed over", async () => {
    const asked = await verifiedCustomerAsksForAPerson();
    now += 60_000;
    const puzzled = webUser('puzzled');
    await service.say('股票明天会涨吗', puzzled);
    const unanswered = await service.say('今天天气怎么样', puzzled);
    expect(unanswered.handoff).toBe(true);

    const items = await queue(admin);
    expect(items.map((h) => [h.conversationId, h.reason])).toEqual([
      [asked.conversationId, 'asked'],
      [unanswered.conversationId, 'unanswered'],
    ]);
    // The bot spoke last (the queue notice); the agent reads what the customer said.
    expect(items[0]?.lastMessage?.role).toBe('assistant');
    expect(items[0]?.lastCustomerMessage).toMatchObject({ role: 'customer', text: '转人工' });
    expect(items[1]?.lastCustomerMessage?.text).toBe('今天天气怎么样');
  });

  it('keeps the reason when the conversation changes hands, and forgets it when the bot answers again', async () => {
    const { conversationId } = await verifiedCustomerAsksForAPerson();
    await staffCall(service.app, admin, 'POST', `/v1/handoffs/${conversationId}/take`);
    const nobody = await staffCall(service.app, admin, 'POST', `/v1/handoffs/${conversationId}/transfer`, {
      to: 'nobody',
    });
    expect(nobody.status).toBe(400);
    expect(((await nobody.json()) as { error: { code: string } }).error.code).toBe('unknown_staff');
    await staffCall(service.app, admin, 'POST', `/v1/handoffs/${conversationId}/transfer`, { to: 'wang' });
    expect((await service.store.getConversation(conversationId))?.handoffReason).toBe('asked');
    await staffCall(service.app, wang, 'POST', `/v1/handoffs/${conversationId}/release`);
    expect((await service.store.getConversation(conversationId))?.handoffReason).toBeNull();
  });

  it('lets an agent take (接入) a waiting conversation: the owner is set and colleagues see it taken', async () => {
    const first = await verifiedCustomerAsksForAPerson();
    now += 60_000;
    const second = await service.say('转人工', webUser());

    const take = await staffCall(service.app, wang, 'POST', `/v1/handoffs/${first.conversationId}/take`);
    expect(take.status).toBe(200);
    expect(await take.json()).toEqual({ conversationId: first.conversationId, owner: 'wang' });
    // Taking again is harmless; a colleague cannot take it from under the owner.
    expect(
      (await staffCall(service.app, wang, 'POST', `/v1/handoffs/${first.conversationId}/take`)).status,
    ).toBe(200);
    const stolen = await staffCall(service.app, admin, 'POST', `/v1/handoffs/${first.conversationId}/take`);
    expect(stolen.status).toBe(409);
    expect(((await stolen.json()) as { error: { code: string } }).error.code).toBe('owned_by_other');

    // Tabs: 待接入 (nobody's), 我的会话 (mine), 全部.
    expect((await queue(admin, 'unowned')).map((h) => h.conversationId)).toEqual([second.conversationId]);
    expect((await queue(wang, 'mine')).map((h) => h.conversationId)).toEqual([first.conversationId]);
    expect(await queue(admin, 'mine')).toEqual([]);
    expect((await queue(admin)).map((h) => h.owner !== null)).toEqual([true, false]);

    const audits = service.database.sqlite
      .prepare("select action, target from audit_log where action = 'take'")
      .all();
    expect(audits).toEqual([{ action: 'take', target: first.conversationId }]);
  });

  it('refuses to take a conversation the bot has, an unknown one, or without the CSRF token', async () => {
    const user = webUser();
    const bot = await service.say('电费怎么交', user);
    const notHanded = await staffCall(service.app, admin, 'POST', `/v1/handoffs/${bot.conversationId}/take`);
    expect(notHanded.status).toBe(409);
    expect(((await notHanded.json()) as { error: { code: string } }).error.code).toBe('not_handed_off');
    expect((await staffCall(service.app, admin, 'POST', '/v1/handoffs/nobody/take')).status).toBe(404);

    const { conversationId } = await service.say('转人工', webUser());
    const noCsrf = await service.app.request(`/v1/handoffs/${conversationId}/take`, {
      method: 'POST',
      headers: { cookie: admin.cookie },
    });
    expect(noCsrf.status).toBe(403);
    const badTab = await staffCall(service.app, admin, 'GET', '/v1/handoffs?owner=someone');
    expect(badTab.status).toBe(400);
  });

  it('renders the console queue with the masked verified customer, the reason, the wait and its SLA mark', async () => {
    const asked = await verifiedCustomerAsksForAPerson();
    now += 11 * 60_000;
    const later = await service.say('转人工', webUser());
    now += 6 * 60_000;

    const html = await (
      await service.app.request('/console/queue', { headers: { cookie: admin.cookie } })
    ).text();
    const row = (id: string) => rowOf(html, id);
    expect(row(asked.conversationId)).toContain('sla-red');
    expect(row(asked.conversationId)).toContain('张*');
    expect(row(asked.conversationId)).not.toContain('张三');
    expect(row(asked.conversationId)).toContain('户号 1000000001');
    expect(row(asked.conversationId)).toContain('客户要求人工');
    expect(row(asked.conversationId)).toContain('17 分钟');
    expect(row(later.conversationId)).toContain('sla-amber');
    expect(row(later.conversationId)).toContain('未验证身份');
    expect(html).toContain('class="take"');

    // Taken, it leaves 待接入 and shows in 我的会话 with its owner, unmarked.
    await staffCall(service.app, admin, 'POST', `/v1/handoffs/${asked.conversationId}/take`);
    const waiting = await (
      await service.app.request('/console/queue', { headers: { cookie: wang.cookie } })
    ).text();
    expect(waiting).not.toContain(asked.conversationId);
    const all = await (
      await service.app.request('/console/queue?tab=all', { headers: { cookie: wang.cookie } })
    ).text();
    const taken = rowOf(all, asked.conversationId);
    expect(taken).toContain('sla-ok');
    expect(taken).toContain('admin');
    const mine = await (
      await service.app.request('/console/queue?tab=mine', { headers: { cookie: admin.cookie } })
    ).text();
    expect(mine).toContain(asked.conversationId);
    expect(mine).not.toContain(later.conversationId);
  });
});
