import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** Bulk assignment of cases (POST /v1/tickets/assign) and a case's history of who did what, paged. */
let service: TestServices;
let admin: StaffSession;
let wang: StaffSession;
beforeEach(async () => {
  service = await startTestServices();
  admin = await staffSession(service.app);
  for (const username of ['wang', 'zhao']) {
    const created = await staffCall(service.app, admin, 'POST', '/v1/staff/users', {
      username,
      password: 'agent-password-1',
      role: 'agent',
    });
    expect(created.status).toBe(201);
  }
  wang = await staffSession(service.app, 'wang', 'agent-password-1');
});
afterEach(() => service.dispose());

interface CaseBody {
  id: string;
  number: string;
  assignee: string | null;
  history: { type: string; actor: string; assignee: string | null; note: string | null; at: string }[];
  olderHistoryCursor?: string;
}

async function fileCase(description = '抄表员态度恶劣') {
  const response = await service.app.request('/v1/tickets', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'complaint', description, contactPhone: '13912345678' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; number: string };
}

const readCase = async (id: string) =>
  (await (await staffCall(service.app, admin, 'GET', `/v1/tickets/${id}`)).json()) as CaseBody;
const assign = (session: StaffSession, body: unknown) =>
  staffCall(service.app, session, 'POST', '/v1/tickets/assign', body);
const code = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('bulk assignment of cases', () => {
  it('assigns several cases to a colleague in one request, each with who did it in its history', async () => {
    const a = await fileCase();
    const b = await fileCase();
    const response = await assign(admin, { numbers: [a.number, b.number.toLowerCase()], assignee: 'wang' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ assignee: 'wang', numbers: [a.number, b.number], changed: 2 });
    for (const { id } of [a, b]) {
      const body = await readCase(id);
      expect(body.assignee).toBe('wang');
      expect(body.history.map((e) => [e.type, e.actor, e.assignee])).toEqual([
        ['status', 'system', null],
        ['assigned', 'admin', 'wang'],
      ]);
    }
    const list = (await (await staffCall(service.app, admin, 'GET', '/v1/tickets')).json()) as {
      items: { number: string; assignee: string | null }[];
    };
    expect(list.items.map((t) => t.assignee)).toEqual(['wang', 'wang']);
    // The same assignee again changes nothing and writes no event.
    const again = await assign(admin, { numbers: [a.number], assignee: 'wang' });
    expect(await again.json()).toMatchObject({ changed: 0 });
    expect((await readCase(a.id)).history).toHaveLength(2);
  });

  it('refuses bad input with a 400 and changes nothing, not even the cases that were fine', async () => {
    const a = await fileCase();
    const cases = [
      [{ numbers: [], assignee: 'wang' }, 'field_too_short'],
      [{ numbers: [a.number] }, 'missing_field'],
      [{ numbers: a.number, assignee: 'wang' }, 'invalid_field'],
      [{ numbers: [a.number], assignee: 'nobody' }, 'unknown_staff'],
      [{ numbers: [a.number, 'TS20990101-0001'], assignee: 'wang' }, 'unknown_case'],
      [{ numbers: Array.from({ length: 101 }, (_, i) => `TS-${i}`), assignee: 'wang' }, 'field_too_long'],
    ] as const;
    for (const [body, expected] of cases) {
      const response = await assign(admin, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await code(response)).toBe(expected);
    }
    const body = await readCase(a.id);
    expect(body.assignee).toBeNull();
    expect(body.history.map((e) => e.type)).toEqual(['status']);
  });

  it('needs the CSRF token; refuses closed cases; an agent never takes a colleague’s case', async () => {
    const a = await fileCase();
    const b = await fileCase();
    const noToken = await service.app.request('/v1/tickets/assign', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify({ numbers: [a.number], assignee: 'wang' }),
    });
    expect(noToken.status).toBe(403);

    // An agent may take unassigned cases (or hand on their own).
    expect((await assign(wang, { numbers: [a.number], assignee: 'wang' })).status).toBe(200);
    expect((await assign(admin, { numbers: [b.number], assignee: 'zhao' })).status).toBe(200);
    const refused = await assign(wang, { numbers: [a.number, b.number], assignee: 'wang' });
    expect(refused.status).toBe(403);
    expect(await code(refused)).toBe('not_owner');
    expect((await readCase(b.id)).assignee).toBe('zhao');
    // Handing on one's own case is fine.
    expect((await assign(wang, { numbers: [a.number], assignee: 'zhao' })).status).toBe(200);
    expect((await readCase(a.id)).assignee).toBe('zhao');

    for (const status of ['contacted', 'replied', 'closed']) {
      const moved = await staffCall(service.app, admin, 'PATCH', `/v1/tickets/${a.id}`, {
        status,
        note: '已处理',
      });
      expect(moved.status).toBe(200);
    }
    const closed = await assign(admin, { numbers: [a.number, b.number], assignee: 'wang' });
    expect(closed.status).toBe(409);
    expect(await code(closed)).toBe('case_closed');
    expect((await readCase(b.id)).assignee).toBe('zhao');
  });
});

describe('a case’s history', () => {
  it('records notes and status changes with the staff member, and is read a page at a time', async () => {
    const a = await fileCase();
    const note = await staffCall(service.app, wang, 'POST', `/v1/tickets/${a.id}/notes`, {
      note: '已电话联系客户',
    });
    expect(note.status).toBe(201);
    expect(
      (await staffCall(service.app, wang, 'POST', `/v1/tickets/${a.id}/notes`, { note: '   ' })).status,
    ).toBe(400);
    await staffCall(service.app, admin, 'PATCH', `/v1/tickets/${a.id}`, {
      status: 'contacted',
      note: '已联系',
    });
    expect((await readCase(a.id)).history.map((e) => [e.type, e.actor, e.note])).toEqual([
      ['status', 'system', null],
      ['note', 'wang', '已电话联系客户'],
      ['status', 'admin', '已联系'],
    ]);

    for (let i = 0; i < 57; i++) await service.tickets.addNote(a.id, `备注 ${i}`, 'wang', new Date());
    // 60 events: the case shows the latest 50 (oldest first) and where the older ones are.
    const body = await readCase(a.id);
    expect(body.history).toHaveLength(50);
    expect(body.history.at(-1)?.note).toBe('备注 56');
    expect(body.olderHistoryCursor).toBeDefined();
    const first = (await (
      await staffCall(service.app, admin, 'GET', `/v1/tickets/${a.id}/history?limit=25`)
    ).json()) as { items: { note: string | null }[]; nextCursor?: string };
    expect(first.items).toHaveLength(25);
    expect(first.items[0]?.note).toBe('备注 56');
    let cursor = first.nextCursor;
    const seen = [...first.items];
    while (cursor) {
      const page = (await (
        await staffCall(service.app, admin, 'GET', `/v1/tickets/${a.id}/history?limit=25&cursor=${cursor}`)
      ).json()) as { items: { note: string | null }[]; nextCursor?: string };
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(60);
    expect(seen.at(-1)).toMatchObject({ note: null });
    const bad = await staffCall(service.app, admin, 'GET', `/v1/tickets/${a.id}/history?cursor=nonsense`);
    expect(bad.status).toBe(400);

    // The console's case page: the latest 50, newest first, and a link to the older ones.
    const consolePage = async (path: string) =>
      (await service.app.request(path, { headers: { cookie: admin.cookie } })).text();
    const latest = await consolePage(`/console/cases/${a.id}`);
    expect(latest.match(/<li class="event-/g)).toHaveLength(50);
    expect(latest.indexOf('备注 56')).toBeLessThan(latest.indexOf('备注 55'));
    const older = /id="older-history" href="([^"]+)"|href="([^"]+)" id="older-history"/.exec(latest);
    const href = (older?.[1] ?? older?.[2] ?? '').replaceAll('&amp;', '&');
    expect(href).toMatch(/^\/console\/cases\/.+\?cursor=/);
    const rest = await consolePage(href);
    expect(rest.match(/<li class="event-/g)).toHaveLength(10);
    expect(rest).toContain('受理');
    expect(rest).toContain('← 最新记录');
    expect(rest).not.toContain('id="older-history"');
  });
});
