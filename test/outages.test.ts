import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../db/import.js';
import { loadAreas } from '../knowledge/areas.js';
import { replyText, startTestServices, type TestServices, webUser } from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** Sunday 2026-12-06 10:00 Beijing time. */
const START = Date.parse('2026-12-06T02:00:00Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
let now = START;
const clock = () => new Date(now);

let service: TestServices;
let staff: StaffSession;
beforeEach(async () => {
  now = START;
  service = await startTestServices({}, { clock });
  staff = await staffSession(service.app);
});
afterEach(() => service.dispose());

const sql = <T>(query: string, ...params: unknown[]) =>
  service.database.sqlite.prepare(query).get(...params) as T;
const count = (query: string, ...params: unknown[]) => sql<{ n: number }>(query, ...params).n;
const repairCases = () => count("select count(*) as n from tickets where kind = 'repair'");

async function call(method: string, path: string, body?: unknown) {
  const response = await staffCall(service.app, staff, method, path, body);
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; field?: string } },
  };
}

/** Beijing wall-clock time as an ISO instant with its offset. */
const beijing = (day: string, time: string) => `${day}T${time}:00+08:00`;

async function recordFault(areas = ['城东片区'], extra: Record<string, unknown> = {}) {
  const { status, body } = await call('POST', '/v1/outages', {
    kind: 'fault',
    areas,
    startsAt: beijing('2026-12-06', '09:30'),
    expectedRestoreAt: beijing('2026-12-06', '14:00'),
    reason: '10千伏幸福线电缆故障',
    ...extra,
  });
  expect(status).toBe(201);
  return body as { id: string; number: string };
}

type PushChannel = 'telegram' | 'wechat' | 'wechat_oa';

/** A verified customer of the demo account 1000000001 (城东片区), on Telegram unless told otherwise. */
async function verifiedCustomer(
  userId: string,
  account = '1000000001',
  lastFour = '1234',
  channel: PushChannel = 'telegram',
) {
  await service.say('查电费', userId, channel);
  await service.say(account, userId, channel);
  const verified = await service.say(lastFour, userId, channel);
  expect(replyText(verified)).toContain('电费');
}

const deliveriesTo = (userId: string, channel: PushChannel = 'telegram') =>
  service.database.sqlite
    .prepare('select text from deliveries where address = ? and channel = ? order by id')
    .all(userId, channel)
    .map((row) => (row as { text: string }).text);

describe('supply areas', () => {
  it('gives the demo accounts their areas, and finds an area from an address typed any way', () => {
    const areaOf = (account: string) =>
      sql<{ area: string }>('select area from accounts where account_number = ?', account).area;
    expect([areaOf('1000000001'), areaOf('2000000002'), areaOf('3000000003')]).toEqual([
      '城东片区',
      '城东片区',
      '开发区片区',
    ]);
    const areas = loadAreas();
    expect(areas.example).toBe(true);
    expect(areas.find('我住幸福路 12 号3栋')).toBe('城东片区');
    expect(areas.find('创业大道88号')).toBe('开发区片区');
    expect(areas.find('城东那边')).toBe('城东片区');
    expect(areas.find('人民广场')).toBeUndefined();
  });

  it('imports the area column of a customer export, and rejects an area areas.yaml does not know', () => {
    const csv = [
      'account_number,customer_class,name,phone,address,area',
      '4000000004,resident,赵六,13600001111,西湖路5号,城西片区',
      '5000000005,resident,钱七,13600002222,某某路1号,月球片区',
    ].join('\n');
    const report = importCsv(service.database.db, csv, clock(), { knownArea: loadAreas().has });
    expect(report.imported).toBe(1);
    expect(report.rejected).toEqual([{ line: 3, reason: expect.stringContaining('月球片区') }]);
    expect(sql<{ area: string }>("select area from accounts where account_number = '4000000004'").area).toBe(
      '城西片区',
    );
  });
});

describe('the staff API of outages', () => {
  it('records a planned outage with its number, and lists it among the active ones of its area', async () => {
    const { status, body } = await call('POST', '/v1/outages', {
      kind: 'planned',
      areas: ['城东片区'],
      startsAt: beijing('2026-12-10', '08:00'),
      endsAt: beijing('2026-12-10', '12:00'),
      reason: '线路检修',
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ number: 'TD20261206-0001', kind: 'planned', status: 'active', linked: 0 });
    const list = await call('GET', '/v1/outages?active=true&area=城东片区');
    expect((list.body.items as { id: string }[]).map((o) => o.id)).toEqual([body.id]);
    const elsewhere = await call('GET', `/v1/outages?active=true&area=${encodeURIComponent('开发区片区')}`);
    expect(elsewhere.body.items).toEqual([]);
  });

  it('refuses a planned outage without its end, naming the field', async () => {
    const { status, body } = await call('POST', '/v1/outages', {
      kind: 'planned',
      areas: ['城东片区'],
      startsAt: beijing('2026-12-10', '08:00'),
      reason: '线路检修',
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'missing_field', field: 'endsAt' });
  });

  it('refuses contradictory and overlapping outages and areas that do not exist', async () => {
    const endsFirst = await call('POST', '/v1/outages', {
      kind: 'planned',
      areas: ['城东片区'],
      startsAt: beijing('2026-12-10', '12:00'),
      endsAt: beijing('2026-12-10', '08:00'),
      reason: '线路检修',
    });
    expect(endsFirst.status).toBe(400);
    expect(endsFirst.body.error).toMatchObject({ code: 'ends_before_start', field: 'endsAt' });
    const nowhere = await call('POST', '/v1/outages', {
      kind: 'fault',
      areas: ['月球片区'],
      startsAt: beijing('2026-12-06', '09:00'),
      reason: '故障',
    });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error).toMatchObject({ code: 'unknown_area', field: 'areas.0' });
    await recordFault();
    const again = await call('POST', '/v1/outages', {
      kind: 'fault',
      areas: ['城东片区'],
      startsAt: beijing('2026-12-06', '09:45'),
      reason: '又一次故障',
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'overlapping_outage', field: 'areas' });
  });

  it('needs a staff session, and the CSRF token to change anything', async () => {
    const anonymous = await service.app.request('/v1/outages');
    expect(anonymous.status).toBe(401);
    const noCsrf = await service.app.request('/v1/outages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: staff.cookie },
      body: JSON.stringify({
        kind: 'fault',
        areas: ['城东片区'],
        startsAt: beijing('2026-12-06', '09:00'),
        reason: 'x',
      }),
    });
    expect(noCsrf.status).toBe(403);
  });

  it('pages the list by cursor, latest start first', async () => {
    for (let day = 10; day < 15; day++) {
      const created = await call('POST', '/v1/outages', {
        kind: 'planned',
        areas: ['开发区片区'],
        startsAt: beijing(`2026-12-${day}`, '08:00'),
        endsAt: beijing(`2026-12-${day}`, '12:00'),
        reason: `检修${day}`,
      });
      expect(created.status).toBe(201);
    }
    const first = await call('GET', '/v1/outages?limit=2');
    expect((first.body.items as { reason: string }[]).map((o) => o.reason)).toEqual(['检修14', '检修13']);
    const second = await call('GET', `/v1/outages?limit=2&cursor=${first.body.nextCursor as string}`);
    expect((second.body.items as { reason: string }[]).map((o) => o.reason)).toEqual(['检修12', '检修11']);
    const last = await call('GET', `/v1/outages?limit=2&cursor=${second.body.nextCursor as string}`);
    expect((last.body.items as { reason: string }[]).map((o) => o.reason)).toEqual(['检修10']);
    expect(last.body.nextCursor).toBeUndefined();
  });
});

describe('outage answers in chat', () => {
  it('tells a verified customer the planned outages of their account area, in Beijing time', async () => {
    await call('POST', '/v1/outages', {
      kind: 'planned',
      areas: ['城东片区'],
      startsAt: beijing('2026-12-08', '08:00'),
      endsAt: beijing('2026-12-08', '12:30'),
      reason: '配电变压器更换',
    });
    const user = 'tg-zhang';
    await verifiedCustomer(user);
    const answer = replyText(await service.say('最近有停电计划吗', user, 'telegram'));
    expect(answer).toContain('城东片区');
    expect(answer).toContain('12月8日 08:00—12:30');
    expect(answer).toContain('配电变压器更换');
  });

  it('gives an unverified visitor the area of a typed address, and nothing about any account', async () => {
    const fault = await recordFault();
    const user = webUser();
    const asked = await service.say('为什么停电了', user);
    expect(replyText(asked)).toContain('地址');
    const answer = replyText(await service.say('幸福路20号', user));
    expect(answer).toContain('城东片区目前有一起已知的故障停电');
    expect(answer).toContain('10千伏幸福线电缆故障');
    expect(answer).toContain('预计12月6日 14:00恢复供电');
    expect(answer).not.toMatch(/张三|1000000001|幸福路12号/);
    // Asked why their power is off, they are one of those the fault cut off: told when it is back.
    expect((await call('GET', `/v1/outages/${fault.id}`)).body.linked).toBe(1);
    const typedAccount = replyText(await service.say('1000000001明天停电吗', webUser()));
    expect(typedAccount).toContain('地址');
    expect(typedAccount).not.toMatch(/张三|城东|幸福路/);
  });

  it('answers a question about tomorrow with the area report, without linking the asker', async () => {
    const fault = await recordFault();
    const answer = replyText(await service.say('和平路明天停电吗', webUser()));
    expect(answer).toContain('城东片区目前有一起故障停电');
    expect((await call('GET', `/v1/outages/${fault.id}`)).body.linked).toBe(0);
  });

  it('says clearly when no outage is known, with the next step', async () => {
    const answer = replyText(await service.say('创业大道明天停电吗', webUser()));
    expect(answer).toContain('开发区片区目前没有已知的停电计划或故障停电');
    expect(answer).toContain('95598');
  });
});

describe('fault reports absorbed by a known outage', () => {
  it('links 500 reports from the area instead of opening 500 repair cases, and tells all 500 once of the restoration', async () => {
    const fault = await recordFault();
    const users = Array.from({ length: 500 }, (_, i) => `tg-${i}`);
    for (const user of users) {
      const first = await service.say('家里停电了', user, 'telegram');
      expect(replyText(first)).toContain('地址');
      const told = replyText(
        await service.say(`幸福路${(users.indexOf(user) % 90) + 1}号`, user, 'telegram'),
      );
      expect(told).toContain(fault.number);
      expect(told).toContain('预计12月6日 14:00恢复供电');
    }
    expect(repairCases()).toBe(0);
    expect((await call('GET', `/v1/outages/${fault.id}`)).body.linked).toBe(500);
    expect((await call('GET', '/v1/stats')).body.outageReportsAbsorbed).toBe(500);

    now += 3 * HOUR;
    const restored = await call('PATCH', `/v1/outages/${fault.id}`, {
      status: 'restored',
      note: '电缆已修复',
    });
    expect(restored.status).toBe(200);
    // Two passes at once (the timer's and the one the change started) tell each customer once.
    await Promise.all([service.outagePass(), service.outagePass()]);
    await service.outagePass();
    const told = count("select count(*) as n from deliveries where text like '【恢复供电】%'");
    expect(told).toBe(500);
    for (const user of [users[0] as string, users[499] as string]) {
      expect(deliveriesTo(user).filter((text) => text.startsWith('【恢复供电】'))).toHaveLength(1);
    }
    expect((await call('GET', `/v1/outages/${fault.id}`)).body.notified).toBe(500);
  });

  it('tells a web visitor of the restoration in the transcript they poll, asking them to report if still off', async () => {
    const fault = await recordFault();
    const user = webUser();
    await service.say('停电了', user);
    await service.say('和平路7号', user);
    now += HOUR;
    await call('PATCH', `/v1/outages/${fault.id}`, { status: 'restored' });
    await service.outagePass();
    const polled = await service.app.request(`/v1/messages?channel=web&userId=${encodeURIComponent(user)}`);
    const { items } = (await polled.json()) as { items: { role: string; text: string }[] };
    const restored = items.filter((m) => m.text.startsWith('【恢复供电】'));
    expect(restored).toHaveLength(1);
    expect(restored[0]?.text).toContain('仍然没有电');
    // Reported again once it is restored: the outage no longer absorbs it, a repair case is taken.
    expect(replyText(await service.say('家里还是没电', user))).toContain('地址');
    expect(replyText(await service.say('和平路7号', user))).toContain('电话');
  });

  it('opens a repair case for a report from another area', async () => {
    await recordFault();
    const user = webUser();
    await service.say('家里停电了', user);
    const asked = replyText(await service.say('创业大道66号', user));
    expect(asked).not.toContain('已知');
    expect(asked).toContain('电话');
    await service.say('13912345678', user);
    await service.say('确认', user);
    expect(repairCases()).toBe(1);
  });

  it('opens a repair case when the customer says theirs is different', async () => {
    await recordFault();
    const user = webUser();
    await service.say('家里停电了', user);
    expect(replyText(await service.say('幸福路3号', user))).toContain('我家情况不一样');
    const asked = replyText(await service.say('我家情况不一样，邻居家都有电', user));
    expect(asked).toContain('电话');
    const confirm = replyText(await service.say('13912345678', user));
    expect(confirm).toContain('幸福路3号');
    const accepted = replyText(await service.say('确认', user));
    expect(accepted).toMatch(/BX\d{8}-\d{4}/);
    expect(repairCases()).toBe(1);
  });

  it('links a verified customer at once by the account area, and tells them a new restoration time on Telegram', async () => {
    const fault = await recordFault();
    const user = 'tg-zhang';
    await verifiedCustomer(user);
    const told = replyText(await service.say('家里停电了', user, 'telegram'));
    expect(told).toContain(fault.number);
    expect(repairCases()).toBe(0);
    const later = await call('PATCH', `/v1/outages/${fault.id}`, {
      expectedRestoreAt: beijing('2026-12-06', '18:00'),
    });
    expect(later.status).toBe(200);
    await service.outagePass();
    expect(deliveriesTo(user).filter((t) => t.startsWith('【停电进展】'))).toEqual([
      expect.stringContaining('预计12月6日 18:00恢复供电'),
    ]);
  });
});

describe('every push channel', () => {
  it('tells WeChat and Official Account customers through the outbox as it tells Telegram ones', async () => {
    const users: [PushChannel, string][] = [
      ['telegram', 'tg-zhang'],
      ['wechat', 'wx-zhang'],
      ['wechat_oa', 'oa-zhang'],
    ];
    for (const [channel, user] of users) await verifiedCustomer(user, '1000000001', '1234', channel);
    const fault = await recordFault();
    for (const [channel, user] of users)
      expect(replyText(await service.say('家里停电了', user, channel))).toContain(fault.number);
    expect(repairCases()).toBe(0);
    now += 2 * HOUR;
    expect((await call('PATCH', `/v1/outages/${fault.id}`, { status: 'restored' })).status).toBe(200);
    const startsAt = new Date(START + 5 * DAY);
    const planned = await call('POST', '/v1/outages', {
      kind: 'planned',
      areas: ['城东片区'],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 4 * HOUR).toISOString(),
      reason: '线路检修',
    });
    expect(planned.status).toBe(201);
    await service.outagePass();
    await service.outagePass();
    for (const [channel, user] of users) {
      const texts = deliveriesTo(user, channel);
      expect(
        texts.filter((t) => t.startsWith('【恢复供电】')),
        channel,
      ).toHaveLength(1);
      expect(
        texts.filter((t) => t.startsWith('【停电通知】')),
        channel,
      ).toHaveLength(1);
    }
  });
});

describe('planned-outage notices', () => {
  async function planned(daysAhead: number) {
    const startsAt = new Date(START + daysAhead * DAY);
    const { status, body } = await call('POST', '/v1/outages', {
      kind: 'planned',
      areas: ['城东片区'],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 4 * HOUR).toISOString(),
      reason: '线路检修',
    });
    expect(status).toBe(201);
    return body as { id: string; number: string };
  }

  it('goes out once 7 days before and once the day before, across a restart', async () => {
    const user = 'tg-zhang';
    await verifiedCustomer(user);
    await planned(10);
    const notices = () => deliveriesTo(user).filter((t) => /^【停电(通知|提醒)】/.test(t));
    await service.outagePass();
    expect(notices()).toHaveLength(0);
    now += 3 * DAY + HOUR; // 6 days 23 hours before
    await service.outagePass();
    await service.outagePass();
    expect(notices()).toHaveLength(1);
    expect(notices()[0]).toMatch(/^【停电通知】/);

    // A restart: a new process on the same database file.
    const dir = service.dir;
    service.close();
    service = await startTestServices({}, { clock, dir });
    await service.outagePass();
    expect(notices()).toHaveLength(1);
    now += 6 * DAY; // 23 hours before
    await service.outagePass();
    await service.outagePass();
    expect(notices()).toHaveLength(2);
    expect(notices()[1]).toMatch(/^【停电提醒】/);
    now += 12 * HOUR;
    await service.outagePass();
    expect(notices()).toHaveLength(2);
  });

  it('sends a cancellation to those already told, and nothing to those who unsubscribed', async () => {
    const told = 'tg-zhang';
    const quiet = 'tg-li';
    await verifiedCustomer(told);
    await verifiedCustomer(quiet, '2000000002', '5678');
    expect(replyText(await service.say('退订停电通知', quiet, 'telegram'))).toContain('退订');
    const outage = await planned(5);
    await service.outagePass();
    expect(deliveriesTo(told).filter((t) => t.startsWith('【停电通知】'))).toHaveLength(1);
    expect(deliveriesTo(quiet).filter((t) => t.startsWith('【停电'))).toHaveLength(0);
    const cancelled = await call('PATCH', `/v1/outages/${outage.id}`, { status: 'cancelled' });
    expect(cancelled.status).toBe(200);
    await service.outagePass();
    await service.outagePass();
    expect(deliveriesTo(told).filter((t) => t.startsWith('【停电取消】'))).toHaveLength(1);
    expect(deliveriesTo(quiet).filter((t) => t.startsWith('【停电'))).toHaveLength(0);
  });
});
