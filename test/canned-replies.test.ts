import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** Canned replies (快捷回复): every staff member reads them; supervisors keep them; every change audited. */
let service: TestServices;
let admin: StaffSession;
let agent: StaffSession;
beforeAll(async () => {
  service = await startTestServices({}, { clock: () => new Date('2026-11-26T02:00:00Z') });
  admin = await staffSession(service.app);
  const made = await staffCall(service.app, admin, 'POST', '/v1/staff/users', {
    username: 'xiaoli',
    password: 'xiaoli-password-01',
    role: 'agent',
  });
  expect(made.status).toBe(201);
  agent = await staffSession(service.app, 'xiaoli', 'xiaoli-password-01');
});
afterAll(() => service.dispose());

const GREETING = { title: '问候', text: '您好，我是供电服务客服，请问有什么可以帮您？' };

describe('canned replies API', () => {
  it('is for staff only, with the CSRF token on changes', async () => {
    expect((await service.app.request('/v1/canned-replies')).status).toBe(401);
    const withoutToken = await service.app.request('/v1/canned-replies', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify(GREETING),
    });
    expect(withoutToken.status).toBe(403);
    expect(((await withoutToken.json()) as { error: { code: string } }).error.code).toBe(
      'csrf_token_invalid',
    );
  });

  it('names the field of bad input and changes nothing', async () => {
    const cases: [unknown, string, string][] = [
      [{ text: GREETING.text }, 'missing_field', 'title'],
      [{ title: '   ', text: GREETING.text }, 'field_too_short', 'title'],
      [{ title: '问候', text: 'x'.repeat(2001) }, 'field_too_long', 'text'],
      [{ ...GREETING, extra: 1 }, 'unknown_field', ''],
    ];
    for (const [body, code, field] of cases) {
      const response = await staffCall(service.app, admin, 'POST', '/v1/canned-replies', body);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; field?: string } };
      expect(error.code).toBe(code);
      if (field) expect(error.field).toBe(field);
    }
    const list = (await (await staffCall(service.app, admin, 'GET', '/v1/canned-replies')).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
  });

  it('lets a supervisor add, change and remove a reply, audited; an agent reads them and may not change them', async () => {
    const created = await staffCall(service.app, admin, 'POST', '/v1/canned-replies', {
      title: ' 问候 ',
      text: GREETING.text,
    });
    expect(created.status).toBe(201);
    const reply = (await created.json()) as { id: string; title: string; updatedBy: string };
    expect(reply).toMatchObject({ title: '问候', updatedBy: 'admin', updatedAt: '2026-11-26T02:00:00.000Z' });

    // The agent sees it and may not change it.
    const seen = (await (await staffCall(service.app, agent, 'GET', '/v1/canned-replies')).json()) as {
      items: { id: string; text: string }[];
    };
    expect(seen.items).toEqual([expect.objectContaining({ id: reply.id, text: GREETING.text })]);
    for (const [method, path] of [
      ['POST', '/v1/canned-replies'],
      ['PUT', `/v1/canned-replies/${reply.id}`],
      ['DELETE', `/v1/canned-replies/${reply.id}`],
    ] as const) {
      const refused = await staffCall(
        service.app,
        agent,
        method,
        path,
        method === 'DELETE' ? undefined : GREETING,
      );
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('supervisor_only');
    }

    const changed = await staffCall(service.app, admin, 'PUT', `/v1/canned-replies/${reply.id}`, {
      text: '您好，请问您的户号是多少？',
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ title: '问候', text: '您好，请问您的户号是多少？' });
    expect((await staffCall(service.app, admin, 'PUT', `/v1/canned-replies/${reply.id}`, {})).status).toBe(
      400,
    );
    expect((await staffCall(service.app, admin, 'PUT', '/v1/canned-replies/nope', GREETING)).status).toBe(
      404,
    );

    expect((await staffCall(service.app, admin, 'DELETE', `/v1/canned-replies/${reply.id}`)).status).toBe(
      204,
    );
    expect((await staffCall(service.app, admin, 'DELETE', `/v1/canned-replies/${reply.id}`)).status).toBe(
      404,
    );
    const audits = service.database.sqlite
      .prepare("select action, target from audit_log where action like 'canned_reply_%' order by id")
      .all();
    expect(audits).toEqual([
      { action: 'canned_reply_created', target: reply.id },
      { action: 'canned_reply_updated', target: reply.id },
      { action: 'canned_reply_deleted', target: reply.id },
    ]);
  });
});
