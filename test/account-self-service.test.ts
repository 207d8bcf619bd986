import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../db/import.js';
import {
  type ChatResponse,
  replyText,
  startTestServices,
  type TestServices,
  webUser,
} from './support/services.js';

/** Thursday 2026-11-26 10:00 Beijing time. */
const START = Date.parse('2026-11-26T02:00:00Z');
let now = START;
const clock = () => new Date(now);
const minutes = (n: number) => n * 60_000;

let service: TestServices;
beforeEach(async () => {
  now = START;
  service = await startTestServices({}, { clock });
});
afterEach(() => service.dispose());

async function verify(user: string, account = '1000000001', digits = '1234'): Promise<ChatResponse> {
  await service.say('查电费', user);
  await service.say(account, user);
  return service.say(digits, user);
}

describe('the identity check', () => {
  it('shows nothing about an account before the check', async () => {
    const user = webUser();
    const ask = await service.say('我这个月电费多少', user);
    expect(ask.intent).toBe('bill');
    expect(replyText(ask)).toContain('户号');
    const digits = await service.say('1000000001', user);
    expect(replyText(digits)).toContain('后四位');
    for (const turn of [ask, digits]) expect(replyText(turn)).not.toMatch(/张|203\.15|元|居民/);
  });

  it('shows the bills, with the name masked, after 1000000001 + 1234', async () => {
    const turn = await verify(webUser());
    const text = replyText(turn);
    expect(text).toContain('验证成功');
    expect(text).toContain('203.15元');
    expect(text).toContain('未缴');
    expect(text).toContain('张*');
    expect(text).not.toContain('张三');
    expect(text).not.toContain('13800001234');
  });

  it('answers wrong digits and an unknown account in the very same words', async () => {
    const wrongDigits = await verify(webUser(), '1000000001', '9999');
    const noSuchAccount = await verify(webUser(), '1999999999', '1234');
    expect(replyText(wrongDigits)).toBe(replyText(noSuchAccount));
    expect(replyText(wrongDigits)).not.toMatch(/203|张|不存在/);
  });

  it('locks a user out of an account after three failures, even for the right digits', async () => {
    const user = webUser();
    await service.say('查电费', user);
    for (const digits of ['1111', '2222', '3333']) {
      await service.say('1000000001', user);
      await service.say(digits, user);
    }
    const fourth = await verify(user);
    expect(replyText(fourth)).toContain('锁定');
    expect(replyText(fourth)).not.toContain('203.15');

    now += minutes(16);
    const later = await verify(user);
    expect(replyText(later)).toContain('203.15');
  });

  it('does not lock other users out of the account', async () => {
    const attacker = webUser('attacker');
    for (let i = 0; i < 3; i++) await verify(attacker, '1000000001', '0000');
    expect(replyText(await verify(webUser('owner')))).toContain('203.15');
  });

  it('pauses checks on an account that many users fail on', async () => {
    for (let i = 0; i < 10; i++) await verify(webUser(`guess${i}`), '1000000001', String(1000 + i));
    const owner = await verify(webUser('owner'));
    expect(replyText(owner)).toContain('锁定');
    now += minutes(61);
    expect(replyText(await verify(webUser('owner2')))).toContain('203.15');
  });

  it('lets a verified user ask again without re-proving, for 30 days', async () => {
    const user = webUser();
    await verify(user);
    const again = await service.say('我欠费了吗', user);
    expect(replyText(again)).toContain('合计203.15元');
    now += 31 * 24 * 60 * minutes(1);
    const expired = await service.say('我欠费了吗', user);
    expect(replyText(expired)).toContain('请输入您的户号');
  });

  it('forgets the account on 解绑', async () => {
    const user = webUser();
    await verify(user);
    expect(replyText(await service.say('解绑', user))).toContain('已解除');
    expect(replyText(await service.say('查电费', user))).toContain('请输入您的户号');
  });

  it('lets a customer with several accounts pick one', async () => {
    const user = webUser();
    await verify(user);
    const second = await service.say('查电费，户号2000000002', user);
    expect(replyText(second)).toContain('后四位');
    await service.say('5678', user);
    const choose = await service.say('查电费', user);
    expect(replyText(choose)).toContain('多个户号');
    const picked = await service.say('2', user);
    expect(replyText(picked)).toContain('1,520.00元');
  });

  it('keeps accepting the flow after 取消 with nothing shown', async () => {
    const user = webUser();
    await service.say('查电费', user);
    const cancelled = await service.say('取消', user);
    expect(replyText(cancelled)).toContain('已取消');
  });
});

describe('bills', () => {
  it.each([
    ['9月的电费多少', ['2026年9月', '186.40元', '已缴清']],
    ['上个月电费', ['2026年10月', '203.15元', '372度', '2026年11月25日']],
    ['我还欠多少钱', ['合计203.15元']],
  ])('answers %s', async (question, facts) => {
    const user = webUser();
    await verify(user);
    const text = replyText(await service.say(question, user));
    for (const fact of facts) expect(text).toContain(fact);
  });

  it('estimates a fee from the tariff file, showing the working per tier', async () => {
    const turn = await service.say('用了450度电大概多少钱', webUser());
    expect(turn.intent).toBe('bill');
    const text = replyText(turn);
    expect(text).toContain('第一档：200度 × 0.5283元/度 = 105.66元');
    expect(text).toContain('第二档：200度 × 0.5783元/度 = 115.66元');
    expect(text).toContain('第三档：50度 × 0.8283元/度 = 41.42元');
    expect(text).toContain('合计约262.74元');
    expect(text).toContain('示例');
  });
});

describe('application progress', () => {
  it('reports YK20260001 at 供电方案答复, due 2026-11-25 and overdue', async () => {
    const user = webUser();
    await service.say('YK20260001 到哪一步了', user);
    await service.say('1000000001', user);
    const text = replyText(await service.say('1234', user));
    expect(text).toContain('供电方案答复');
    expect(text).toContain('3个工作日');
    expect(text).toContain('2026年11月25日');
    expect(text).toContain('已超期');
  });

  it('is not overdue the day before its deadline', async () => {
    now = Date.parse('2026-11-24T02:00:00Z');
    const user = webUser();
    await verify(user);
    const text = replyText(await service.say('我的报装进度', user));
    expect(text).toContain('最迟2026年11月25日');
    expect(text).not.toContain('超期');
  });

  it('does not show an application of an account the user has not proved', async () => {
    const user = webUser();
    await verify(user);
    const text = replyText(await service.say('YK20260002 进度', user));
    expect(text).toContain('没有找到申请编号YK20260002');
    expect(text).not.toContain('装表接电');
  });

  it('counts the connection deadline from passing inspection for a dual-supply customer', async () => {
    const user = webUser();
    await service.say('报装进度', user);
    await service.say('3000000003', user);
    const text = replyText(await service.say('9012', user));
    expect(text).toContain('装表接电');
    expect(text).toContain('5个工作日');
    expect(text).toContain('2026年11月30日');
  });
});

it('writes no account data to the logs during a whole session', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logged = await startTestServices({}, { clock, logger: pino({ level: 'trace' }, sink) });
  try {
    const user = webUser();
    for (const text of [
      '查电费',
      '1000000001',
      '1234',
      '我欠费了吗',
      'YK20260001进度',
      '用了300度电多少钱',
    ]) {
      await logged.say(text, user);
    }
    await logged.app.request(`/v1/messages?channel=web&userId=${user}`);
    // pino's own fields (the wall-clock time, the process id) are numbers that may hold "1234".
    const log = lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const { time: _time, pid: _pid, hostname: _hostname, ...logged } = JSON.parse(line);
        return JSON.stringify(logged);
      })
      .join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of ['1000000001', '1234', '张', '13800001234', '203.15', 'YK20260001', user]) {
      expect(log).not.toContain(secret);
    }
  } finally {
    logged.dispose();
  }
});

describe('importing billing-system exports', () => {
  it('keeps good rows, reports bad ones by line, and is idempotent', () => {
    const db = service.database.db;
    const customers = [
      'account_number,customer_class,name,phone,address',
      '4000000004,resident,王五,13600001111,示例路1号',
      '40000000,resident,短户号,13600002222,',
      '5000000005,martian,赵六,13600003333,',
      '6000000006,low_voltage,孙七小店,13600004444,',
    ].join('\n');
    const first = importCsv(db, customers, new Date(now));
    expect(first).toEqual({
      kind: 'customers',
      imported: 2,
      rejected: [
        { line: 3, reason: expect.stringContaining('account_number') },
        { line: 4, reason: expect.stringContaining('customer_class') },
      ],
    });
    expect(importCsv(db, customers, new Date(now)).imported).toBe(2);
    const count = service.database.sqlite.prepare(
      "select count(*) as n from accounts where account_number in ('4000000004','6000000006')",
    );
    expect(count.get()).toEqual({ n: 2 });

    const bills = [
      'account_number,period,amount_yuan,usage_kwh,due_date,status',
      '4000000004,2026-10,99.50,180,2026-11-25,unpaid',
      '4000000004,2026-13,10.00,1,2026-11-25,unpaid',
      '7000000007,2026-10,10.00,1,2026-11-25,paid',
    ].join('\n');
    const billReport = importCsv(db, bills, new Date(now));
    expect(billReport.imported).toBe(1);
    expect(billReport.rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(billReport.rejected[1]?.reason).toContain('import customers first');
  });

  it('refuses a file whose header it does not recognise, writing nothing', () => {
    expect(() => importCsv(service.database.db, 'foo,bar\n1,2', new Date(now))).toThrow(
      /unrecognised header/,
    );
  });
});
