import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveRoutes } from '../api/routes/live.js';
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
  const once = liveRoutes({ store: service.store, staff: service.staff, clock: () => new Date(), holdMs: 0 });
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
    expect(told.find((e) => e.event === 'message')?.data).toEqual({ conversationId, newest: after + 1 });
  });

  it('needs a staff session, and says which field is wrong', async () => {
    expect((await service.app.request('/v1/events?waiting=0')).status).toBe(401);
    const bad = await staffCall(service.app, admin, 'GET', '/v1/events?waiting=many');
    expect(bad.status).toBe(400);
  });
});
