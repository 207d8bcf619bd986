import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase } from '../api/cases/open-case.js';
import { scanDeadlines } from '../api/cases/scanner.js';
import { liveRoutes } from '../api/routes/live.js';
import { createDefaultWorkdayCalendar } from '../api/standard/calendar.js';
import { startTestServices, type TestServices, webUser } from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** GET /v1/events: what an open console page is told, one check at a time (as on Workers). */
let service: TestServices;
let admin: StaffSession;
beforeEach(async () => {
  service = await startTestServices();
  admin = await staffSession(service.app);
});
afterEach(() => service.dispose());

async function events(query: string): Promise<{ event: string; data: unknown }[]> {
  const once = liveRoutes({
    store: service.store,
    staff: service.staff,
    tickets: service.tickets,
    deliveries: service.deliveries,
    clock: () => new Date(),
    holdMs: 0,
  });
  const response = await once.request(`/events?${query}`, { headers: { cookie: admin.cookie } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  return (await response.text())
    .split('\n\n')
    .filter((block) => block.includes('event:'))
    .map((block) => ({
      event: /event: (\w+)/.exec(block)?.[1] ?? '',
      data: JSON.parse(/data: (.*)/.exec(block)?.[1] ?? 'null'),
    }));
}

describe('live events', () => {
  it('tells an open queue that a handoff arrived, and an open conversation that a message did', async () => {
    expect((await events('waiting=0')).map((e) => e.event)).toEqual(['hello']);
    const user = webUser();
    const { conversationId } = await service.say('转人工', user);
    expect(await events('waiting=0')).toContainEqual({ event: 'queue', data: { waiting: 1, was: 0 } });

    const [newest] = await service.store.latestMessages(conversationId, 1);
    const after = newest?.id ?? 0;
    expect((await events(`conversation=${conversationId}&after=${after}`)).map((e) => e.event)).toEqual([
      'hello',
    ]);
    await service.say('还在吗', user);
    const told = await events(`conversation=${conversationId}&after=${after}`);
    expect(told.find((e) => e.event === 'message')?.data).toEqual({
      conversationId,
      newest: after + 1,
      fromCustomer: true,
    });
    // An agent's reply is news for the page, but not from the customer (no sound for it).
    const reply = await staffCall(service.app, admin, 'POST', `/v1/handoffs/${conversationId}/replies`, {
      text: '您好，我在',
    });
    expect(reply.status).toBe(201);
    const replied = await events(`conversation=${conversationId}&after=${after + 1}`);
    expect(replied.find((e) => e.event === 'message')?.data).toMatchObject({ fromCustomer: false });
    // A bot's answer after a customer's question: the newest is the bot's, and the customer wrote.
    const asker = webUser();
    const { conversationId: asked } = await service.say('你好', asker);
    const [before] = await service.store.latestMessages(asked, 1);
    await service.say('电费怎么交', asker);
    const answered = await events(`conversation=${asked}&after=${before?.id}`);
    expect(answered.find((e) => e.event === 'message')?.data).toMatchObject({ fromCustomer: true });
  });

  it('tells an open conversation that a reply it shows as being sent failed', async () => {
    const { conversationId } = await service.say('转人工', 'tg-live', 'telegram');
    const reply = await staffCall(service.app, admin, 'POST', `/v1/handoffs/${conversationId}/replies`, {
      text: '您好，请问您的户号是多少？',
    });
    expect(reply.status).toBe(201);
    const [delivery] = await service.deliveries.forConversation(conversationId);
    if (!delivery) throw new Error('the staff reply was not queued');
    const query = `conversation=${conversationId}&after=${(await service.store.latestMessages(conversationId, 1))[0]?.id}&pending=${delivery.id}`;
    expect((await events(query)).map((e) => e.event)).toEqual(['hello']);
    await service.deliveries.markFailed(
      delivery.id,
      'telegram 403: Forbidden: bot was blocked by the user',
      null,
    );
    expect(await events(query)).toContainEqual({
      event: 'delivery',
      data: { id: delivery.id, status: 'failed' },
    });
  });

  it('tells an open case list that a case became overdue: the scanner moves the signal with its escalation', async () => {
    expect((await events('overdue=0')).map((e) => e.event)).toEqual(['hello']);
    const accepted = new Date(Date.now() - 3 * 3600_000);
    await openCase(
      { kind: 'repair', description: '整栋楼停电', contactPhone: '13700001234', channel: 'form' },
      {
        tickets: service.tickets,
        calendar: createDefaultWorkdayCalendar(),
        now: accepted,
        newId: () => 'late',
      },
    );
    expect((await events('overdue=0')).map((e) => e.event)).toEqual(['hello']);
    expect((await scanDeadlines(service.tickets, new Date())).map((e) => e.type)).toContain('overdue');
    expect(await events('overdue=0')).toContainEqual({ event: 'overdue', data: { signal: 1, was: 0 } });
    // Scanned again, nothing new: the page that shows 1 hears nothing.
    await scanDeadlines(service.tickets, new Date());
    expect((await events('overdue=1')).map((e) => e.event)).toEqual(['hello']);
  });

  it('needs a staff session, and says which field is wrong', async () => {
    expect((await service.app.request('/v1/events?waiting=0')).status).toBe(401);
    for (const query of [
      'waiting=many',
      'pending=1,x',
      `pending=${Array.from({ length: 51 }, (_, i) => i + 1).join(',')}`,
    ]) {
      const bad = await staffCall(service.app, admin, 'GET', `/v1/events?${query}`);
      expect(bad.status, query).toBe(400);
    }
  });
});
