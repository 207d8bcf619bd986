import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices, webUser } from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** Internal notes: staff write them on a conversation; the customer never gets one, on any channel. */
let now = Date.parse('2026-11-26T02:00:00Z');
const clock = () => new Date(now);

let service: TestServices;
let admin: StaffSession;
beforeEach(async () => {
  now = Date.parse('2026-11-26T02:00:00Z');
  service = await startTestServices({}, { clock });
  admin = await staffSession(service.app);
});
afterEach(() => service.dispose());

const NOTE = '内部：客户已第三次来电，请班长回电';

describe('internal notes', () => {
  it('keeps a note in the console transcript, never in the web customer’s message list', async () => {
    const user = webUser();
    const { conversationId } = await service.say('转人工', user);
    const added = await staffCall(service.app, admin, 'POST', `/v1/conversations/${conversationId}/notes`, {
      text: ` ${NOTE} `,
    });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ at: '2026-11-26T02:00:00.000Z', author: 'admin' });

    const customer = await (await service.app.request(`/v1/messages?channel=web&userId=${user}`)).text();
    expect(customer).not.toContain(NOTE);
    const staffTranscript = await (
      await staffCall(service.app, admin, 'GET', `/v1/conversations/${conversationId}/messages`)
    ).text();
    expect(staffTranscript).not.toContain(NOTE);
    const page = await (
      await service.app.request(`/console/conversations/${conversationId}`, {
        headers: { cookie: admin.cookie },
      })
    ).text();
    expect(page).toContain(NOTE);
    expect(page).toContain('内部备注 · admin');
    const audits = service.database.sqlite
      .prepare("select action from audit_log where action = 'note'")
      .all();
    expect(audits).toHaveLength(1);
  });

  it('never queues a note for delivery to a Telegram customer', async () => {
    const { conversationId } = await service.say('转人工', '5550101', 'telegram');
    await staffCall(service.app, admin, 'POST', `/v1/handoffs/${conversationId}/replies`, { text: '您好' });
    await staffCall(service.app, admin, 'POST', `/v1/conversations/${conversationId}/notes`, { text: NOTE });
    const queued = await service.deliveries.forConversation(conversationId);
    expect(queued.map((d) => d.text)).toEqual(['您好']);
  });

  it('refuses an empty note, an unknown conversation, and a note without the CSRF token', async () => {
    const { conversationId } = await service.say('转人工', webUser());
    const empty = await staffCall(service.app, admin, 'POST', `/v1/conversations/${conversationId}/notes`, {
      text: '   ',
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe('empty_text');
    const missing = await staffCall(
      service.app,
      admin,
      'POST',
      `/v1/conversations/${conversationId}/notes`,
      {},
    );
    expect(missing.status).toBe(400);
    expect(
      (await staffCall(service.app, admin, 'POST', '/v1/conversations/nobody/notes', { text: NOTE })).status,
    ).toBe(404);
    const noCsrf = await service.app.request(`/v1/conversations/${conversationId}/notes`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ text: NOTE }),
    });
    expect(noCsrf.status).toBe(403);
    expect((await service.store.notesBetween(conversationId, new Date(0), undefined, 10)).length).toBe(0);
  });
});
