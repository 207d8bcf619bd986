import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ChatResponse,
  replyText,
  startTestServices,
  type TestServices,
  webUser,
} from './support/services.js';

/**
 * Multi-turn flows as real customers answer follow-up questions: on phones (full-width digits,
 * spaces inside numbers, +86), in Simplified or Traditional Chinese, Cantonese or English, with
 * words around the number, changing their mind half-way, or asking something else in the middle.
 */

/** Thursday 2026-11-26 10:00 Beijing time. */
const START = Date.parse('2026-11-26T02:00:00Z');
let now = START;
const clock = () => new Date(now);

let service: TestServices;
beforeEach(async () => {
  now = START;
  service = await startTestServices({}, { clock });
});
afterEach(() => service.dispose());

/** Says each message in turn as one customer; returns every response. */
async function talk(user: string, ...texts: string[]): Promise<ChatResponse[]> {
  const turns: ChatResponse[] = [];
  for (const text of texts) turns.push(await service.say(text, user));
  return turns;
}
async function last(user: string, ...texts: string[]): Promise<ChatResponse> {
  const turns = await talk(user, ...texts);
  return turns[turns.length - 1] as ChatResponse;
}
const text = (turn: ChatResponse) => replyText(turn);
/** Nothing about account 1000000001 (name, bills, usage) in these turns. */
function expectNoAccountData(turns: ChatResponse[]) {
  for (const turn of turns) expect(text(turn)).not.toMatch(/张|203\.15|186\.40|372度|居民|未缴|已缴/);
}
const ticketCount = () =>
  (service.database.sqlite.prepare('select count(*) as n from tickets').get() as { n: number }).n;
const tickets = () =>
  service.database.sqlite
    .prepare('select kind, description, contact_phone as phone, address from tickets order by number')
    .all() as { kind: string; description: string; phone: string; address: string | null }[];
const ratings = () => service.database.sqlite.prepare('select score, comment from ratings order by id').all();
/** No Traditional-only characters or English sentences in a reply meant for a Chinese customer. */
function expectSimplified(turn: ChatResponse) {
  expect(text(turn)).not.toMatch(/[帳單電費戶號驗證請輸務]/);
}

describe('the identity check, as customers type it', () => {
  it.each([
    ['我的户号是１０００ ０００ ００１'],
    ['1000 0000 01'],
    ['1000-000-001'],
    ['户号：1000000001。'],
    ['戶號 1000000001 😊'],
    ['account no. 1000000001'],
  ])('takes an account number typed as %s and asks for the last four digits', async (typed) => {
    const user = webUser();
    const [, account] = await talk(user, '查电费', typed);
    expect(text(account as ChatResponse)).toContain('户号1000000001登记的手机号码后四位');
    expectNoAccountData([account as ChatResponse]);
  });

  it.each([['１２３４'], ['后四位是1234'], ['尾号 1234 谢谢'], ['12 34'], ['13800001234']])(
    'takes the last four digits typed as %s',
    async (typed) => {
      const user = webUser();
      const turn = await last(user, '查电费', '1000000001', typed);
      expect(text(turn)).toContain('验证成功');
      expect(text(turn)).toContain('203.15元');
    },
  );

  it('takes the account number and the last four digits in one message', async () => {
    const user = webUser();
    const [ask, both] = await talk(user, '查电费', '户号1000000001 后四位1234');
    expectNoAccountData([ask as ChatResponse]);
    expect(text(both as ChatResponse)).toContain('验证成功');
    expect(text(both as ChatResponse)).toContain('203.15元');
  });

  it('takes both in the very first message', async () => {
    const turn = await last(webUser(), '查电费 户号1000000001 手机尾号1234');
    expect(text(turn)).toContain('验证成功');
    expect(text(turn)).toContain('203.15元');
  });

  it('asks again politely, showing nothing, for a number that is too short', async () => {
    const user = webUser();
    const turns = await talk(user, '查电费', '100000001');
    const reply = text(turns[1] as ChatResponse);
    expect(reply).toContain('10位');
    expectNoAccountData(turns);
    const ok = await last(user, '1000000001', '1234');
    expect(text(ok)).toContain('203.15元');
  });

  it('recovers from wrong digits when the customer tries again', async () => {
    const user = webUser();
    const turns = await talk(user, '查电费', '1000000001', '4321');
    expect(text(turns[2] as ChatResponse)).toContain('验证未通过');
    expectNoAccountData(turns);
    const right = await last(user, '1000000001', '1234');
    expect(text(right)).toContain('203.15元');
  });

  it('takes the corrected last four digits right after a failure without the account number again', async () => {
    const user = webUser();
    await talk(user, '查电费', '1000000001', '4321');
    const right = await last(user, '1234');
    expect(text(right)).toContain('203.15元');
  });

  it.each([['取消'], ['算了'], ['cancel'], ['算了，不查了'], ['不用了谢谢'], ['Cancel.']])(
    'leaves the check on %s, at either question, showing nothing',
    async (word) => {
      for (const before of [['查电费'], ['查电费', '1000000001']]) {
        const user = webUser();
        const turns = await talk(user, ...before, word);
        const cancelled = turns[turns.length - 1] as ChatResponse;
        expect(text(cancelled)).toContain('已取消');
        expectNoAccountData(turns);
        const after = await last(user, '1234');
        expect(text(after)).not.toContain('203.15');
      }
    },
  );

  it('answers a knowledge question asked in the middle of the check and keeps the check open', async () => {
    const user = webUser();
    const [, question] = await talk(user, '查电费', '交电费有哪些方式');
    expect((question as ChatResponse).intent).toBe('faq');
    expect(text(question as ChatResponse)).toContain('户号');
    expectNoAccountData([question as ChatResponse]);
    const done = await last(user, '1000000001', '1234');
    expect(text(done)).toContain('203.15元');
  });

  it('asks its own question again for a greeting or an off-topic remark in the middle of the check', async () => {
    const user = webUser();
    const [, hello, stocks] = await talk(user, '查电费', '好的', '股票明天会涨吗');
    expect(text(hello as ChatResponse)).toContain('户号');
    expect((stocks as ChatResponse).handoff).toBe(false);
    expectNoAccountData([hello as ChatResponse, stocks as ChatResponse]);
  });

  it('gives the safety advice first to a danger reported in the middle of the check', async () => {
    const turn = await last(webUser(), '查电费', '门口电线掉地上了在冒火花');
    expect(turn.intent).toBe('repair');
    expect(turn.replies[0]?.text).toMatch(/^安全第一/);
  });

  it('hands over to a person when asked in the middle of the check', async () => {
    const user = webUser();
    const turn = await last(user, '查电费', '1000000001', '转人工');
    expect(turn.intent).toBe('handoff');
    expect(turn.handoff).toBe(true);
  });

  it('starts a complaint when the customer turns to one in the middle of the check', async () => {
    const user = webUser();
    const turn = await last(user, '查电费', '我要投诉');
    expect(turn.intent).toBe('complaint');
    expect(text(turn)).toContain('描述');
  });

  it('forgets the account on 解绑, even in the middle of a question', async () => {
    const user = webUser();
    await talk(user, '查电费', '1000000001', '1234');
    const unbound = await last(user, '解绑');
    expect(text(unbound)).toContain('已解除');
    const again = await last(user, '我欠费吗');
    expect(text(again)).toContain('请输入您的户号');
    expectNoAccountData([again]);
  });

  it('replies in Simplified Chinese to a Traditional Chinese customer', async () => {
    const user = webUser();
    const turns = await talk(user, '查詢電費', '戶號1000000001', '後四位1234');
    for (const turn of turns) expectSimplified(turn);
    expect(text(turns[2] as ChatResponse)).toContain('203.15元');
  });
});

describe('bills, as customers ask for them', () => {
  async function verified(): Promise<string> {
    const user = webUser();
    await talk(user, '查电费', '1000000001', '1234');
    return user;
  }

  it.each([
    ['上个月的电费', '2026年10月', '203.15元'],
    ['9月的电费', '2026年9月', '186.40元'],
    ['九月电费多少', '2026年9月', '186.40元'],
    ['September bill', '2026年9月', '186.40元'],
    ['2026年9月的账单', '2026年9月', '186.40元'],
    ['查一下２０２６-０９电费', '2026年9月', '186.40元'],
    ['我欠费吗', '合计203.15元', '未缴'],
    ['欠费吗', '合计203.15元', '未缴'],
    ['上个月用了多少度电', '372度', '2026年10月'],
  ])('answers %s for a verified customer', async (question, a, b) => {
    const user = await verified();
    const turn = await last(user, question);
    expect(turn.intent).toBe('bill');
    expect(text(turn)).toContain(a);
    expect(text(turn)).toContain(b);
  });

  it('answers a month named in the message that started the check', async () => {
    const turn = await last(webUser(), '九月的电费多少', '1000000001', '1234');
    expect(text(turn)).toContain('2026年9月');
    expect(text(turn)).toContain('186.40元');
  });

  it('answers 这个月多少钱 with the latest bill when this month has none yet', async () => {
    const user = await verified();
    const turn = await last(user, '这个月电费多少钱');
    expect(text(turn)).toContain('2026年11月');
    expect(text(turn)).toContain('203.15元');
  });

  it('takes a short follow-up about another month right after a bill answer', async () => {
    const user = await verified();
    const turn = await last(user, '那九月呢');
    expect(turn.intent).toBe('bill');
    expect(text(turn)).toContain('186.40元');
  });
});

describe('application progress', () => {
  it('takes the number from the first message and asks for the identity check', async () => {
    const user = webUser();
    const turns = await talk(user, 'YK20260001到哪一步了', '户号１０００００００01', '1234');
    expectNoAccountData(turns.slice(0, 2));
    expect(text(turns[2] as ChatResponse)).toContain('供电方案答复');
    expect(text(turns[2] as ChatResponse)).toContain('已超期');
  });

  it('takes an application number typed with spaces', async () => {
    const turn = await last(webUser(), '申请编号 YK 2026 0001 进度', '1000000001', '1234');
    expect(text(turn)).toContain('YK20260001');
    expect(text(turn)).toContain('供电方案答复');
  });

  it('tells a customer who gives the application number instead of the account number what is needed', async () => {
    const user = webUser();
    const [, reply] = await talk(user, '查一下报装进度', 'YK20260001');
    expect(text(reply as ChatResponse)).toContain('户号');
    expectNoAccountData([reply as ChatResponse]);
    const done = await last(user, '1000000001', '1234');
    expect(text(done)).toContain('YK20260001');
  });

  it('asks for the check and then lists the applications when no number is given', async () => {
    const turn = await last(webUser(), '我的报装申请办得怎么样了', '1000000001', '1234');
    expect(text(turn)).toContain('YK20260001');
  });
});

describe('cases: phone numbers', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['+86 13800138000', '13800138000'],
    ['+86-138-0013-8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['我的电话是13800138000，谢谢', '13800138000'],
    ['0086 138 0013 8000', '13800138000'],
    ['0571-12345678', '057112345678'],
    ['(0571) 1234 5678', '057112345678'],
    ['010-12345678', '01012345678'],
  ])('takes the phone %s', async (typed, stored) => {
    const user = webUser();
    const [, , phone] = await talk(user, '我要投诉', '营业厅的人一直不理我', typed);
    expect(text(phone as ChatResponse)).toContain(`联系电话：${stored}`);
    await last(user, '确认');
    expect(tickets()[0]?.phone).toBe(stored);
  });

  it.each([
    ['12345', '手机'],
    ['12345678', '区号'],
    ['+852 9123 4567', '大陆'],
    ['1380013800', '手机'],
  ])('asks politely again for the unusable phone %s, keeping everything else', async (typed, hint) => {
    const user = webUser();
    const [, , bad] = await talk(user, '我要投诉', '营业厅的人一直不理我', typed);
    expect(bad?.intent).toBe('complaint');
    expect(text(bad as ChatResponse)).toContain(hint);
    const good = await last(user, '13800138000');
    expect(text(good)).toContain('营业厅的人一直不理我');
    expect(text(good)).toContain('联系电话：13800138000');
    expect(ticketCount()).toBe(0);
  });

  it('takes a phone given along with the address, without asking for it again', async () => {
    const user = webUser();
    const [, confirm] = await talk(user, '家里停电了', '幸福路1号3单元502，电话139 1234 5678');
    expect(text(confirm as ChatResponse)).toContain('地址：幸福路1号3单元502\n');
    expect(text(confirm as ChatResponse)).toContain('联系电话：13912345678');
    await last(user, '确认');
    expect(tickets()[0]?.phone).toBe('13912345678');
  });

  it('takes a phone given in the first message of a complaint', async () => {
    const user = webUser();
    const confirm = await last(user, '我要投诉抄表员态度差，我的手机是13800138000');
    expect(text(confirm)).toContain('请确认投诉信息');
    expect(text(confirm)).toContain('联系电话：13800138000');
  });
});

describe('cases: confirmation', () => {
  async function atConfirm(user: string) {
    await talk(user, '我要投诉', '抄表员态度很差', '13912345678');
  }

  it.each([
    ['好的'],
    ['对'],
    ['是的'],
    ['yes'],
    ['ok'],
    ['確認'],
    ['没问题'],
    ['对的，提交吧'],
    ['OK 👍'],
    ['嗯嗯'],
  ])('opens the case on %s', async (word) => {
    const user = webUser();
    await atConfirm(user);
    const done = await last(user, word);
    expect(text(done)).toContain('TS20261126-0001');
    expect(ticketCount()).toBe(1);
  });

  it('goes back to the phone on 不对，改一下电话, then confirms the new one', async () => {
    const user = webUser();
    await atConfirm(user);
    const change = await last(user, '不对，改一下电话');
    expect(text(change)).toContain('电话');
    expect(ticketCount()).toBe(0);
    const summary = await last(user, '13800138000');
    expect(text(summary)).toContain('联系电话：13800138000');
    await last(user, '确认');
    expect(tickets()[0]?.phone).toBe('13800138000');
  });

  it('takes a new phone given with the correction', async () => {
    const user = webUser();
    await atConfirm(user);
    const summary = await last(user, '电话写错了，应该是13800138000');
    expect(text(summary)).toContain('联系电话：13800138000');
    expect(ticketCount()).toBe(0);
  });

  it('goes back to the address of a repair on 地址错了', async () => {
    const user = webUser();
    await talk(user, '家里停电了', '幸福路1号3单元', '13912345678');
    const change = await last(user, '地址不对');
    expect(text(change)).toContain('地址');
    const summary = await last(user, '幸福路2号5单元301');
    expect(text(summary)).toContain('地址：幸福路2号5单元301');
    await last(user, '确认');
    expect(tickets()[0]?.address).toBe('幸福路2号5单元301');
  });

  it('asks what to change on a bare 不对', async () => {
    const user = webUser();
    await atConfirm(user);
    const turn = await last(user, '不对');
    expect(text(turn)).toMatch(/修改|改/);
    expect(ticketCount()).toBe(0);
  });

  it.each([
    [['我要投诉']],
    [['我要投诉', '抄表员态度很差']],
    [['我要投诉', '抄表员态度很差', '13912345678']],
    [['家里停电了']],
    [['家里停电了', '幸福路1号3单元']],
  ])('stores nothing when the customer cancels after %j', async (before) => {
    for (const word of ['取消', '算了', '不投诉了', 'cancel']) {
      const user = webUser();
      const turn = await last(user, ...before, word);
      expect(text(turn), word).toContain('已取消');
      expect(ticketCount()).toBe(0);
    }
  });
});

describe('cases: looking one up', () => {
  async function openComplaint(user: string) {
    await talk(user, '我要投诉', '抄表员态度很差', '13912345678', '确认');
  }

  it('shows the customer their complaint when asked 我的投诉处理得怎么样了', async () => {
    const user = webUser();
    await openComplaint(user);
    const turn = await last(user, '我的投诉处理得怎么样了');
    expect(text(turn)).toContain('TS20261126-0001：已受理');
  });

  it.each([['TS20261126-0001 进度'], ['ts20261126-0001'], ['ＴＳ２０２６１１２６－０００１到哪了']])(
    'shows a case by its number %s in the same chat',
    async (asked) => {
      const user = webUser();
      await openComplaint(user);
      const turn = await last(user, asked);
      expect(text(turn)).toContain('TS20261126-0001：已受理');
    },
  );

  it('shows a case from another chat once the customer gives the phone on it', async () => {
    await openComplaint(webUser());
    const other = webUser();
    const ask = await last(other, 'TS20261126-0001 进度');
    expect(text(ask)).toContain('电话');
    expect(text(ask)).not.toContain('已受理');
    const turn = await last(other, '139 1234 5678');
    expect(text(turn)).toContain('TS20261126-0001：已受理');
    expect(text(turn)).not.toContain('抄表员');
  });

  it('takes the case number and the phone in one message', async () => {
    await openComplaint(webUser());
    const turn = await last(webUser(), '查询TS20261126-0001，电话13912345678');
    expect(text(turn)).toContain('TS20261126-0001：已受理');
  });

  it('shows nothing for the wrong phone, in the same words as for an unknown number', async () => {
    await openComplaint(webUser());
    const wrong = await last(webUser(), 'TS20261126-0001 进度', '13800138000');
    const unknown = await last(webUser(), 'TS20261126-0009 进度', '13800138000');
    expect(text(wrong)).not.toContain('已受理');
    expect(text(wrong)).toBe(text(unknown));
  });
});

describe('the rating flow', () => {
  it.each([
    ['5分', 5],
    ['五星', 5],
    ['非常满意', 5],
    ['★★★★★', 5],
    ['⭐⭐⭐⭐', 4],
    ['5/5', 5],
    ['给个好评', 5],
    ['不满意', 1],
    ['打3分吧', 3],
    ['４', 4],
    ['满分', 5],
    ['一般般', 3],
  ])('takes %s as a score of %i', async (answer, score) => {
    const user = webUser();
    const turn = await last(user, '我要评价', answer);
    expect(turn.intent).toBe('rating');
    expect(text(turn)).toContain('意见或建议');
    expect(ratings()).toEqual([{ score, comment: null }]);
  });

  it.each([['6分'], ['0'], ['10分'], ['100']])(
    'asks again politely for the out-of-range %s',
    async (answer) => {
      const user = webUser();
      const turn = await last(user, '我要评价', answer);
      expect(turn.intent).toBe('rating');
      expect(text(turn)).toContain('1到5');
      expect(ratings()).toEqual([]);
      await last(user, '5');
      expect(ratings()).toEqual([{ score: 5, comment: null }]);
    },
  );

  it('answers a knowledge question asked instead of the phone and keeps the case open', async () => {
    const user = webUser();
    const [, , question] = await talk(user, '我要投诉', '抄表员态度很差', '投诉后多久联系我');
    expect((question as ChatResponse).intent).toBe('faq');
    expect(text(question as ChatResponse)).toContain('联系电话');
    const summary = await last(user, '13912345678');
    expect(text(summary)).toContain('抄表员态度很差');
  });

  it('keeps the score and thanks the customer who declines to comment with 不用了', async () => {
    const user = webUser();
    const turn = await last(user, '我要评价', '5', '不用了');
    expect(text(turn)).toContain('感谢');
    expect(ratings()).toEqual([{ score: 5, comment: null }]);
  });
});

describe('handing over to a person', () => {
  it.each([
    ['转人工'],
    ['人工'],
    ['真人'],
    ['talk to a human'],
    ['叫你们领导来接电话'],
    ['我要找你们领导'],
    ['轉人工'],
  ])('hands over on %s', async (asked) => {
    const turn = await last(webUser(), asked);
    expect(turn.intent).toBe('handoff');
    expect(turn.handoff).toBe(true);
  });

  it('hands over when 转人工 comes where a case asks for its description', async () => {
    const user = webUser();
    const turn = await last(user, '我要投诉', '转人工');
    expect(turn.handoff).toBe(true);
    expect(ticketCount()).toBe(0);
  });

  it('hands over from the middle of a case, keeping nothing half-done', async () => {
    const user = webUser();
    const turn = await last(user, '我要投诉', '抄表员态度很差', '转人工');
    expect(turn.handoff).toBe(true);
    expect(ticketCount()).toBe(0);
  });

  it.each([['取消人工'], ['不用人工了'], ['算了'], ['不需要人工了'], ['cancel']])(
    'leaves the queue on %s and answers again',
    async (word) => {
      const user = webUser();
      await last(user, '转人工');
      const back = await last(user, word);
      expect(back.handoff).toBe(false);
      expect(text(back)).toContain('已取消人工');
      const answer = await last(user, '居民供电方案多久答复');
      expect(text(answer)).toContain('3个工作日');
    },
  );
});
