import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from '../knowledge/content.js';
import { loadKnowledgeContent } from '../knowledge/load.js';
import { replyText, startTestServices, type TestServices, webUser } from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** Sunday 2026-12-06 10:00 Beijing time. */
const START = Date.parse('2026-12-06T02:00:00Z');
let now = START;
const clock = () => new Date(now);

let service: TestServices;
let admin: StaffSession;
beforeEach(async () => {
  now = START;
  service = await startTestServices({}, { clock });
  admin = await staffSession(service.app);
});
afterEach(() => service.dispose());

type Body = Record<string, unknown> & { error?: { code: string; field?: string } };
async function call(method: string, path: string, body?: unknown, session: StaffSession = admin) {
  const response = await staffCall(service.app, session, method, path, body);
  return { status: response.status, body: (await response.json()) as Body };
}
const rows = <T>(query: string, ...params: unknown[]) =>
  service.database.sqlite.prepare(query).all(...params) as T[];
const count = (query: string, ...params: unknown[]) =>
  (service.database.sqlite.prepare(query).get(...params) as { n: number }).n;
const audit = (action: string) =>
  rows<{ target: string; username: string }>(
    'select a.target, s.username from audit_log a join staff_users s on s.id = a.staff_id where a.action = ? order by a.id',
    action,
  );

/** An agent (not a supervisor) signed in. */
async function agentSession(): Promise<StaffSession> {
  const created = await call('POST', '/v1/staff/users', {
    username: 'agent1',
    password: 'agent-password-123',
    role: 'agent',
  });
  expect(created.status).toBe(201);
  return staffSession(service.app, 'agent1', 'agent-password-123');
}

const ask = async (text: string, user = webUser()) => service.say(text, user);

describe('knowledge base versions', () => {
  it('seeds version 1 with exactly the shipped YAML and builds nothing more for it', async () => {
    const versions = rows<{ number: number; hash: string; created_by: string }>('select * from kb_versions');
    const { content } = loadKnowledgeContent();
    expect(versions).toEqual([
      expect.objectContaining({ number: 1, hash: contentHash(content), created_by: 'system' }),
    ]);
    expect(count('select count(*) as n from kb_version_entries where version = 1')).toBe(
      content.entries.length,
    );
    expect(count('select count(*) as n from kb_version_out_of_scope where version = 1')).toBe(
      content.outOfScope.length,
    );
    // The version in use is the knowledge the process started with, not a rebuild of it.
    const current = await service.currentKnowledge();
    expect(current.number).toBe(1);
    expect(current.parts.knowledge).toBe(service.knowledge);

    const list = await call('GET', '/v1/kb/entries');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ version: 1, draft: false });
    const items = list.body.items as { id: string; examples: string[]; status: string; updatedBy: string }[];
    expect(items.map((i) => i.id)).toEqual(content.entries.map(({ entry }) => entry.id));
    expect(
      items.every((i) => i.status === 'published' && i.updatedBy === 'system' && i.examples.length >= 3),
    ).toBe(true);
  });

  it('edits an entry in the draft, publishes it to the next turn without a restart, and rolls back', async () => {
    const user = webUser();
    const before = replyText(await ask('投诉以后多久有人联系我', user));
    expect(before).toContain('7个工作日');
    const entry = await call('GET', '/v1/kb/entries/complaint-time-limits');
    expect(entry.status).toBe(200);
    const answer = String(entry.body.answer);

    now += 60_000;
    const edited = await call('PUT', '/v1/kb/entries/complaint-time-limits', {
      answer: `${answer}（本所另设绿色通道）`,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'changed', draft: true, updatedBy: 'admin' });
    const draftList = await call('GET', '/v1/kb/entries');
    expect(draftList.body.draft).toBe(true);
    // Still the published text until it is published.
    expect(replyText(await ask('投诉以后多久有人联系我'))).not.toContain('绿色通道');

    // Turns asked while the new version is being built are answered, from the version in use.
    let publishDone = false;
    const publishing = call('POST', '/v1/kb/publish', { note: '加上绿色通道' }).then((response) => {
      publishDone = true;
      return response;
    });
    const during = await ask('投诉以后多久有人联系我');
    expect(publishDone).toBe(false);
    expect(replyText(during)).not.toContain('绿色通道');
    const published = await publishing;
    expect(published).toEqual({ status: 200, body: { version: 2 } });
    expect(replyText(await ask('投诉以后多久有人联系我', user))).toContain('绿色通道');
    expect((await call('GET', '/v1/kb/entries')).body).toMatchObject({ version: 2, draft: false });

    const rolled = await call('POST', '/v1/kb/rollback', { version: 1 });
    expect(rolled).toEqual({ status: 200, body: { version: 3 } });
    const back = replyText(await ask('投诉以后多久有人联系我', user));
    expect(back).not.toContain('绿色通道');
    expect(back).toContain('7个工作日');
    // Version 3 is version 1's content: the process answers from the knowledge it started with.
    expect((await service.currentKnowledge()).parts.knowledge).toBe(service.knowledge);

    const versions = (await call('GET', '/v1/kb/versions')).body.items as { version: number; note: string }[];
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(versions[1]?.note).toBe('加上绿色通道');
    expect(audit('kb_entry_updated')).toEqual([{ target: 'complaint-time-limits', username: 'admin' }]);
    expect(audit('kb_published')).toEqual([{ target: '2', username: 'admin' }]);
    expect(audit('kb_rolled_back')).toEqual([{ target: '1→3', username: 'admin' }]);
  });

  it('adds and removes entries in the draft; a new entry is answered once published', async () => {
    const created = await call('POST', '/v1/kb/entries', {
      title: '营业厅便民雨伞',
      category: '便民服务',
      answer: '各营业厅备有便民雨伞，凭身份证可免费借用，7日内归还即可。',
      examples: ['营业厅能借雨伞吗', '下雨了营业厅有伞借吗', '供电营业厅借伞要押金吗'],
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect(id).toMatch(/^ying-ye-ting-bian-min-yu-san/);
    expect((await call('GET', `/v1/kb/entries/${id}`)).body).toMatchObject({ status: 'added', clause: '' });

    expect((await call('DELETE', '/v1/kb/entries/staff-training')).status).toBe(200);
    expect((await call('GET', '/v1/kb/entries/staff-training')).body).toMatchObject({ status: 'removed' });
    expect((await call('DELETE', '/v1/kb/entries/staff-training')).status).toBe(404);
    expect((await call('DELETE', '/v1/kb/entries/no-such-entry')).status).toBe(404);

    expect((await call('POST', '/v1/kb/publish', { note: '便民雨伞' })).body).toEqual({ version: 2 });
    const reply = await ask('请问营业厅可以借把雨伞吗');
    expect(reply.sources.map((s) => s.id)).toContain(id);
    expect(replyText(reply)).toContain('便民雨伞');
    expect(replyText(reply)).not.toContain('依据');
    const items = (await call('GET', '/v1/kb/entries')).body.items as { id: string }[];
    expect(items.some((i) => i.id === id)).toBe(true);
    expect(items.some((i) => i.id === 'staff-training')).toBe(false);
    expect(audit('kb_entry_created')).toEqual([{ target: id, username: 'admin' }]);
    expect(audit('kb_entry_removed')).toHaveLength(1);
  });

  it('answers a topic that was out of scope once an operator adds an entry for it', async () => {
    const before = await ask('燃气费在哪里交');
    expect(before.intent).toBe('unknown');
    const created = await call('POST', '/v1/kb/entries', {
      title: '代收燃气费',
      category: '便民服务',
      answer: '本公司营业厅可代收燃气费，请携带燃气卡到柜台办理。',
      examples: ['燃气费在哪交', '燃气费可以在供电营业厅交吗', '去哪里交燃气费', '燃气费怎么缴纳'],
    });
    expect(created.status).toBe(201);
    expect((await call('POST', '/v1/kb/publish', { note: '代收燃气费' })).status).toBe(200);
    const after = await ask('燃气费在哪里交');
    expect(after.intent).toBe('faq');
    expect(after.sources.map((s) => s.id)).toEqual([created.body.id]);
    // Other foreign topics stay out of scope.
    expect((await ask('自来水费在哪交')).intent).toBe('unknown');
  });
});

describe('knowledge base API: who may do what, and bad input', () => {
  it('refuses without a session (401) and a change without the CSRF token (403)', async () => {
    for (const [method, path] of [
      ['GET', '/v1/kb/entries'],
      ['GET', '/v1/kb/entries/complaint-time-limits'],
      ['GET', '/v1/kb/unanswered'],
      ['GET', '/v1/kb/versions'],
      ['GET', '/v1/kb/suggest?text=电费'],
      ['POST', '/v1/kb/publish'],
      ['POST', '/v1/kb/preview'],
    ] as const) {
      const response = await service.app.request(path, { method });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    const noCsrf = await service.app.request('/v1/kb/entries/complaint-time-limits', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: admin.cookie },
      body: JSON.stringify({ answer: '改了' }),
    });
    expect(noCsrf.status).toBe(403);
    expect(count('select count(*) as n from kb_draft_entries')).toBe(0);
  });

  it('lets an agent edit but only a supervisor publish or roll back', async () => {
    const agent = await agentSession();
    expect(
      (await call('PUT', '/v1/kb/entries/complaint-time-limits', { title: '投诉处理时限' }, agent)).status,
    ).toBe(200);
    expect((await call('POST', '/v1/kb/publish', { note: '试试' }, agent)).status).toBe(403);
    expect((await call('POST', '/v1/kb/rollback', { version: 1 }, agent)).status).toBe(403);
    expect(count('select count(*) as n from kb_versions')).toBe(1);
    expect(audit('kb_entry_updated')).toEqual([{ target: 'complaint-time-limits', username: 'agent1' }]);
  });

  it('answers bad input with 400 naming the field, and changes nothing', async () => {
    const cases: [string, string, unknown, string | undefined][] = [
      ['PUT', '/v1/kb/entries/complaint-time-limits', { examples: ['一', '二'] }, 'examples'],
      ['PUT', '/v1/kb/entries/complaint-time-limits', { answer: '' }, 'answer'],
      ['PUT', '/v1/kb/entries/complaint-time-limits', { answer: '见{{no_such_fact}}' }, 'answer'],
      ['PUT', '/v1/kb/entries/complaint-time-limits', { classAnswers: { martian: '不' } }, 'classAnswers'],
      ['PUT', '/v1/kb/entries/complaint-time-limits', { colour: 'red' }, undefined],
      ['POST', '/v1/kb/entries', { category: '便民', answer: '答', examples: ['a', 'b', 'c'] }, 'title'],
      [
        'POST',
        '/v1/kb/entries',
        { title: '题', category: '便民', answer: '答', examples: ['a', 'b'] },
        'examples',
      ],
      ['POST', '/v1/kb/publish', {}, 'note'],
      ['POST', '/v1/kb/rollback', { version: 'one' }, 'version'],
      ['POST', '/v1/kb/rollback', { version: 99 }, 'version'],
      ['GET', '/v1/kb/suggest', undefined, 'text'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await call(method, path, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error?.field, JSON.stringify(body)).toBe(field);
    }
    expect(count('select count(*) as n from kb_draft_entries')).toBe(0);
    expect(count('select count(*) as n from kb_versions')).toBe(1);
    expect((await call('PUT', '/v1/kb/entries/no-such-entry', { title: 'x' })).status).toBe(404);
    expect((await call('POST', '/v1/kb/publish', { note: '没有改动' })).status).toBe(409);
  });
});

describe('the review queue', () => {
  it('keeps unanswered questions grouped, digits masked, and learns from them (the Done-when test)', async () => {
    const first = await ask('供电所的停车场晚上开放吗？');
    expect(first.intent).toBe('unknown');
    now += 60_000;
    await ask('供电所的停车场晚上开放吗！13812345678');
    await ask('能不能帮我换个灯泡 138 1234 5678');
    const queue = await call('GET', '/v1/kb/unanswered');
    expect(queue.status).toBe(200);
    const items = queue.body.items as {
      id: number;
      text: string;
      count: number;
      reason: string;
      lastAt: string;
    }[];
    const item = items.find((i) => i.text.includes('停车场'));
    expect(item).toMatchObject({ count: 2, reason: 'unknown', lastAt: new Date(now).toISOString() });
    expect(item?.text).toBe('供电所的停车场晚上开放吗！***********');
    expect(items.find((i) => i.text.includes('灯泡'))?.text).toBe('能不能帮我换个灯泡 *** **** ****');
    expect(JSON.stringify(rows('select * from kb_unanswered'))).not.toMatch(/1381234|1234 5678/);
    // Most frequent first on request.
    const frequent = (await call('GET', '/v1/kb/unanswered?order=frequent&limit=1')).body.items as {
      id: number;
    }[];
    expect(frequent.map((i) => i.id)).toEqual([item?.id]);

    // Attached to a new entry, published: a differently worded question is answered by it.
    const created = await call('POST', '/v1/kb/entries', {
      title: '供电所停车场开放时间',
      category: '便民服务',
      answer: '供电所停车场每天7:00至21:00开放，办理业务的客户可免费停车。',
      examples: ['供电所停车场几点开放', '营业厅的停车场可以停车吗', '供电所停车场收费吗'],
    });
    const entryId = String(created.body.id);
    const resolved = await call('POST', `/v1/kb/unanswered/${item?.id}/resolve`, { entryId });
    expect(resolved).toMatchObject({ status: 200, body: { entryId } });
    const draft = await call('GET', `/v1/kb/entries/${entryId}`);
    expect(draft.body.examples).toContain(item?.text);
    expect(((await call('GET', '/v1/kb/unanswered')).body.items as unknown[]).length).toBe(items.length - 1);
    expect((await call('POST', '/v1/kb/publish', { note: '光纤猫' })).body).toEqual({ version: 2 });

    const again = await ask('你们供电所的停车场夜里能停车吗');
    expect(again.intent).toBe('faq');
    expect(again.sources.map((s) => s.id)).toEqual([entryId]);
    // An agent is offered the same entry first for such a message.
    const suggested = await call('GET', `/v1/kb/suggest?text=${encodeURIComponent('停车场晚上能停吗')}`);
    expect(suggested.status).toBe(200);
    const suggestions = suggested.body.items as { id: string; answer: string }[];
    expect(suggested.body.version).toBe(2);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions[0]).toMatchObject({ id: entryId, answer: expect.stringContaining('7:00至21:00') });
  });

  it('keeps the question before a request for a person or a low rating; resolves out of scope', async () => {
    const user = webUser();
    const answered = await ask('投诉以后多久有人联系我', user);
    expect(answered.intent).toBe('faq');
    await ask('转人工', user);
    const items = (await call('GET', '/v1/kb/unanswered')).body.items as {
      id: number;
      text: string;
      reason: string;
    }[];
    expect(items).toEqual([
      expect.objectContaining({ text: '投诉以后多久有人联系我', reason: 'handoff_after_answer' }),
    ]);

    const resolved = await call('POST', `/v1/kb/unanswered/${items[0]?.id}/resolve`, { outOfScope: true });
    expect(resolved).toMatchObject({ status: 200, body: { outOfScope: true } });
    expect(rows('select text from kb_draft_out_of_scope')).toEqual([{ text: '投诉以后多久有人联系我' }]);
    expect(((await call('GET', '/v1/kb/unanswered')).body.items as unknown[]).length).toBe(0);
    expect(audit('kb_question_resolved')).toHaveLength(1);

    // A low rating keeps the last question answered before it.
    const rater = webUser();
    await ask('投诉以后多久有人联系我', rater);
    await ask('我要评价', rater);
    await ask('2', rater);
    const rated = (await call('GET', '/v1/kb/unanswered')).body.items as { text: string; reason: string }[];
    expect(rated).toEqual([
      expect.objectContaining({ text: '投诉以后多久有人联系我', reason: 'low_rating' }),
    ]);
    const pleased = webUser();
    await ask('营业厅几点开门', pleased);
    await ask('我要评价', pleased);
    await ask('5', pleased);
    expect(((await call('GET', '/v1/kb/unanswered')).body.items as unknown[]).length).toBe(1);

    for (const body of [{}, { entryId: 5 }, { outOfScope: false }, { entryId: 'no-such-entry' }]) {
      const bad = await call('POST', `/v1/kb/unanswered/${items[0]?.id}/resolve`, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call('POST', '/v1/kb/unanswered/9999/resolve', { outOfScope: true })).status).toBe(404);
    expect((await call('GET', '/v1/kb/unanswered?order=sideways')).body.error?.field).toBe('order');
  });
});

describe('the preview', () => {
  // Previews every regression question (about 13,000) with both versions: up to a minute on a busy machine.
  it('answers every regression question with the published version and the draft, and lists what changes', async () => {
    const text = '受理投诉后1个工作日内联系您，5个工作日内答复处理意见（预览测试）。';
    expect((await call('PUT', '/v1/kb/entries/complaint-time-limits', { answer: text })).status).toBe(200);
    // Removing an entry: its questions stop reaching it and are flagged.
    expect((await call('DELETE', '/v1/kb/entries/staff-training')).status).toBe(200);
    const preview = await call('POST', '/v1/kb/preview');
    expect(preview.status).toBe(200);
    const body = preview.body as unknown as {
      checked: number;
      changed: {
        question: string;
        before: { entryId: string | null; text: string };
        after: { entryId: string | null; text: string };
        lost?: boolean;
      }[];
    };
    expect(body.checked).toBeGreaterThan(4000);
    const complaint = body.changed.find((c) => c.question === '投诉以后多久有人联系我');
    expect(complaint?.before).toMatchObject({ entryId: 'complaint-time-limits' });
    expect(complaint?.before.text).toContain('7个工作日');
    expect(complaint?.after).toMatchObject({ entryId: 'complaint-time-limits' });
    expect(complaint?.after.text).toContain('预览测试');
    expect(complaint?.lost).toBeUndefined();
    const lost = body.changed.filter((c) => c.lost);
    // Every example of the removed entry that reached it is flagged; a flag is always a real loss.
    const trainingExamples = (await call('GET', '/v1/kb/entries/staff-training')).body.examples as string[];
    const reachedBefore = body.changed.filter(
      (c) => trainingExamples.includes(c.question) && c.before.entryId === 'staff-training',
    );
    expect(reachedBefore.length).toBeGreaterThan(trainingExamples.length / 2);
    expect(reachedBefore.every((c) => c.lost)).toBe(true);
    expect(lost.every((c) => c.before.entryId !== null && c.after.entryId !== c.before.entryId)).toBe(true);
    // Questions that stop reaching their entry come first.
    expect(body.changed.slice(0, lost.length).every((c) => c.lost)).toBe(true);
    // The same draft again: answered from the cache.
    const started = performance.now();
    expect((await call('POST', '/v1/kb/preview')).body).toEqual(preview.body);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(count('select count(*) as n from kb_versions')).toBe(1);
  }, 90_000);
});
