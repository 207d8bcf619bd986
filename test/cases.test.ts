import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanDeadlines } from '../api/cases/scanner.js';
import { replyText, startTestServices, type TestServices, webUser } from './support/services.js';

/** Thursday 2026-11-26 10:00 Beijing time. */
let now = Date.parse('2026-11-26T02:00:00Z');
const clock = () => new Date(now);

let service: TestServices;
beforeEach(async () => {
  now = Date.parse('2026-11-26T02:00:00Z');
  service = await startTestServices({ TICKET_FORM_LIMIT_PER_MINUTE: '5' }, { clock });
});
afterEach(() => service.dispose());

/** The web form sent from a client address (as @hono/node-server hands the app its socket). */
async function postTicket(body: unknown, address = '203.0.113.20') {
  const response = await service.app.request(
    '/v1/tickets',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const ticketCount = () =>
  (service.database.sqlite.prepare('select count(*) as n from tickets').get() as { n: number }).n;

describe('POST /v1/tickets', () => {
  it('accepts a complaint with its number and both deadlines', async () => {
    const { status, body } = await postTicket({
      kind: 'complaint',
      description: '抄表员态度恶劣',
      contactPhone: '139 1234 5678',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      kind: 'complaint',
      status: 'accepted',
      number: 'TS20261126-0001',
      acceptedAt: '2026-11-26T02:00:00.000Z',
      deadlines: { contactDueAt: '2026-11-27T16:00:00.000Z', replyDueAt: '2026-12-07T16:00:00.000Z' },
    });
    expect(ticketCount()).toBe(1);
    const second = await postTicket({ kind: 'complaint', description: '又一次' });
    expect(second.body.number).toBe('TS20261126-0002');
  });

  it.each([
    ['meter_test', { resultDueAt: '2026-12-03T16:00:00.000Z' }],
    ['reading_dispute', { replyDueAt: '2026-12-07T16:00:00.000Z' }],
    ['report', { contactDueAt: '2026-11-27T16:00:00.000Z', replyDueAt: '2026-12-07T16:00:00.000Z' }],
    ['repair', { arriveDueAt: '2026-11-26T02:45:00.000Z' }],
  ])('gives a %s case the deadlines of the standard', async (kind, deadlines) => {
    const { status, body } = await postTicket({ kind, description: '情况说明' });
    expect(status).toBe(201);
    expect(body.deadlines).toEqual(deadlines);
  });

  it.each([
    ['not JSON', '{', 'invalid_json'],
    ['an unknown kind', { kind: 'praise', description: 'x' }, 'unknown_kind'],
    ['no description', { kind: 'complaint' }, 'missing_field'],
    ['a blank description', { kind: 'complaint', description: '   ' }, 'empty_description'],
    ['a bad phone', { kind: 'complaint', description: 'x', contactPhone: '12345' }, 'invalid_phone'],
    [
      'a bad account number',
      { kind: 'complaint', description: 'x', accountNumber: '12' },
      'invalid_account_number',
    ],
  ])('rejects %s with 400 and stores nothing', async (_, body, code) => {
    const response = await postTicket(body);
    expect(response.status).toBe(400);
    expect((response.body.error as { code: string }).code).toBe(code);
    expect(ticketCount()).toBe(0);
  });

  it('limits how often one client address can submit the form', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await postTicket({ kind: 'complaint', description: `第${i}次` })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect(ticketCount()).toBe(5);
    expect((await postTicket({ kind: 'complaint', description: '邻居' }, '198.51.100.4')).status).toBe(201);
    now += 60_000;
    expect((await postTicket({ kind: 'complaint', description: '一分钟后' })).status).toBe(201);
  });
});

describe('cases in chat', () => {
  it('takes a complaint and replies with its number and deadlines in Beijing time', async () => {
    const user = webUser();
    expect(replyText(await service.say('我要投诉', user))).toContain('描述');
    expect(replyText(await service.say('抄表员态度很差', user))).toContain('联系电话');
    expect(replyText(await service.say('13912345678', user))).toContain('确认');
    const done = await service.say('确认', user);
    expect(done.intent).toBe('complaint');
    expect(replyText(done)).toContain('TS20261126-0001');
    expect(replyText(done)).toContain('2026年11月27日24:00前联系您');
    expect(replyText(done)).toContain('2026年12月7日24:00前答复处理意见');
    const row = service.database.sqlite
      .prepare('select channel, description, contact_phone from tickets')
      .get();
    expect(row).toEqual({ channel: 'web', description: '抄表员态度很差', contact_phone: '13912345678' });
    const status = await service.say('我的投诉处理得怎么样了', user);
    expect(replyText(status)).toContain('TS20261126-0001：已受理');
  });

  it('gives safety advice before any question for a danger report, then takes the repair', async () => {
    const user = webUser();
    const first = await service.say('小区门口电线掉地上了还在冒火花', user);
    expect(first.intent).toBe('repair');
    expect(first.replies[0]?.text).toContain('远离');
    expect(first.replies[1]?.text).toContain('地址');
    await service.say('幸福路1号3单元门口', user);
    await service.say('13912345678', user);
    expect(replyText(await service.say('确认', user))).toContain('BX20261126-0001');
  });

  it('stores nothing when the customer cancels', async () => {
    const user = webUser();
    await service.say('我要投诉', user);
    await service.say('营业员不理人', user);
    await service.say('取消', user);
    expect(ticketCount()).toBe(0);
  });

  it('shows another user nothing about a case by its number without the phone on it', async () => {
    const { body } = await postTicket({
      kind: 'complaint',
      description: '私密内容',
      contactPhone: '13912345678',
    });
    const user = webUser();
    const ask = replyText(await service.say(`查询${body.number as string}`, user));
    expect(ask).toContain('联系电话');
    expect(ask).not.toMatch(/私密内容|已受理/);
    const wrong = replyText(await service.say('13800138000', user));
    expect(wrong).toContain('没有找到');
    expect(wrong).not.toMatch(/私密内容|已受理/);
    const owner = webUser();
    await service.say(`查询${body.number as string}`, owner);
    const right = replyText(await service.say('139-1234-5678', owner));
    expect(right).toContain('已受理');
    expect(right).not.toContain('私密内容');
  });

  it('locks a chat out of a case number after three wrong phones, even before the right one', async () => {
    const { body } = await postTicket({
      kind: 'complaint',
      description: '私密内容',
      contactPhone: '13912345678',
    });
    const guesser = webUser();
    for (const phone of ['13800138000', '13800138001', '13800138002']) {
      await service.say(`查询${body.number as string}`, guesser);
      await service.say(phone, guesser);
    }
    await service.say(`查询${body.number as string}`, guesser);
    const locked = replyText(await service.say('13912345678', guesser));
    expect(locked).toContain('锁定');
    expect(locked).not.toContain('已受理');
    // Someone else, with the right phone, is not locked out by the guesser's three failures.
    const owner = webUser();
    await service.say(`查询${body.number as string}`, owner);
    expect(replyText(await service.say('13912345678', owner))).toContain('已受理');
  });
});

describe('the deadline scanner', () => {
  it('flags a case due soon and then overdue, each exactly once', async () => {
    await postTicket({ kind: 'meter_test', description: '电表走得快' });
    const at = (iso: string) => new Date(iso);
    expect(await scanDeadlines(service.tickets, at('2026-12-03T10:00:00Z'))).toEqual([]);
    const soon = await scanDeadlines(service.tickets, at('2026-12-03T13:00:00Z'));
    expect(soon.map((e) => [e.type, e.deadline])).toEqual([['due_soon', 'resultDueAt']]);
    expect(await scanDeadlines(service.tickets, at('2026-12-03T14:00:00Z'))).toEqual([]);
    const late = await scanDeadlines(service.tickets, at('2026-12-03T16:00:00Z'));
    expect(late.map((e) => [e.type, e.deadline])).toEqual([['overdue', 'resultDueAt']]);
    expect(await scanDeadlines(service.tickets, at('2026-12-04T16:00:00Z'))).toEqual([]);
    const events = service.database.sqlite
      .prepare("select type from ticket_events where type != 'status'")
      .all();
    expect(events).toEqual([{ type: 'due_soon' }, { type: 'overdue' }]);
  });

  it('works through a backlog a batch at a time, the soonest deadline first', async () => {
    const filed = [];
    for (const kind of ['repair', 'meter_test', 'repair']) {
      filed.push((await postTicket({ kind, description: '积压' })).body.id);
      now += 60_000;
    }
    const late = new Date('2026-12-10T00:00:00Z');
    const first = await scanDeadlines(service.tickets, late, { batch: 2 });
    expect(first.map((e) => [e.ticket.id, e.deadline])).toEqual([
      [filed[0], 'arriveDueAt'],
      [filed[2], 'arriveDueAt'],
    ]);
    const second = await scanDeadlines(service.tickets, late, { batch: 2 });
    expect(second.map((e) => [e.ticket.id, e.type])).toEqual([[filed[1], 'overdue']]);
    expect(await scanDeadlines(service.tickets, late, { batch: 2 })).toEqual([]);
  });

  it('does not flag a deadline the case has already met', async () => {
    const { body } = await postTicket({ kind: 'complaint', description: '投诉' });
    await service.tickets.setStatus(body.id as string, 'contacted', 'agent1', '已电话联系', new Date(now));
    const late = await scanDeadlines(service.tickets, new Date('2026-11-28T00:00:00Z'));
    expect(late).toEqual([]);
  });
});

it('keeps every acknowledged case when the service is killed right after acknowledging', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kill9-'));
  const port = 21000 + Math.floor(Math.random() * 20000);
  const database = join(dir, 'assistant.db');
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: database,
      LOG_LEVEL: 'silent',
      TICKET_FORM_LIMIT_PER_MINUTE: '1000',
    },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 200) throw new Error('service did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const acknowledged: string[] = [];
    const posts = Array.from({ length: 60 }, (_, i) =>
      fetch(`${base}/v1/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'complaint', description: `并发投诉${i}` }),
      })
        .then(async (response) => {
          if (response.status === 201) {
            acknowledged.push(((await response.json()) as { id: string }).id);
            if (acknowledged.length === 40) child.kill('SIGKILL');
          }
        })
        .catch(() => undefined),
    );
    await Promise.all(posts);
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null)
      await new Promise((resolve) => child.once('exit', resolve));
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    const db = new Database(database, { readonly: true });
    const stored = new Set((db.prepare('select id from tickets').all() as { id: string }[]).map((r) => r.id));
    db.close();
    for (const id of acknowledged) expect(stored.has(id)).toBe(true);
  } finally {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
