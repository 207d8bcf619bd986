import type { AccountStore } from '../../../db/account-store.js';
import type { Channel } from '../../../db/store.js';
import type { Ticket, TicketStore } from '../../../db/ticket-store.js';
import { beijingDue, CASE_KIND_NAMES, type CaseKind, DEADLINE_NAMES } from '../../cases/cases.js';
import { openCase } from '../../cases/open-case.js';
import type { WorkdayCalendar } from '../../standard/calendar.js';
import { REPLIES } from '../replies.js';
import { beijingTime, lockOut } from './account.js';
import { type CaseField, correctionOf, isConfirmation, readPhone } from './answers.js';
import { type CaseLookupState, type CaseState, type FlowStep, NOT_FOR_ME } from './flow.js';
import type { CustomerText } from './rating.js';

export interface CaseFlowDeps {
  tickets: TicketStore;
  calendar: WorkdayCalendar;
  now: Date;
  newId: () => string;
  channel: Ticket['channel'];
  userId: string;
  conversationId: string;
  /** The account the customer has proved, when exactly one. */
  accountNumber?: string;
  /** Where failed contact-phone checks are counted, for the same lock-out as identity checks. */
  accounts: AccountStore;
}

type Intent = CaseState['intent'];

const TRIGGERS =
  /我要投诉|我想投诉|我要举报|我想举报|投诉|举报|检举|报修|我要报修|申请校验|校验电表|我要|我想|一下|你们|complain|complaint|report|i want to|i'd like to/g;

/** Which kind of case a message opens. */
export function caseKindOf(intent: Intent, text: string): Exclude<CaseKind, 'callback'> {
  if (intent === 'repair') return 'repair';
  if (intent === 'meter')
    return /抄表|读数|示数|表码|底数|电量|度数|reading|bill/.test(text) ? 'reading_dispute' : 'meter_test';
  return /举报|检举|揭发|report/.test(text) ? 'report' : 'complaint';
}

/**
 * A complaint, report, repair call or meter case taken in chat: what happened, where (repairs),
 * a contact phone, a confirmation; then the case is stored and its number and deadlines given.
 */
export function startCase(intent: Intent, message: CustomerText, prefix: string[] = []): FlowStep {
  const kind = caseKindOf(intent, message.normalized);
  const remainder = message.normalized.replace(TRIGGERS, '').replace(/[\s\p{P}]/gu, '');
  // A repair report or a meter problem is itself the description; "我要投诉" alone is not.
  const description =
    kind === 'repair' || kind === 'meter_test' || kind === 'reading_dispute' || remainder.length >= 6
      ? message.raw
      : undefined;
  const state: CaseState = { flow: 'case', intent, kind, step: 'description', misses: 0, description };
  return next(withPhoneFrom(state, message), prefix);
}

/**
 * A usable phone number given along with another answer ("幸福路1号3单元，电话13912345678",
 * "我要投诉抄表员，我电话139…") is taken at once, so the customer is not asked for it again.
 */
function withPhoneFrom(state: CaseState, message: CustomerText): CaseState {
  if (state.phone) return state;
  const reading = readPhone(message.normalized);
  return reading && 'phone' in reading ? { ...state, phone: reading.phone } : state;
}

/** The answer without the phone number and its label, for an address given with the phone. */
function withoutPhone(text: string): string {
  return text
    .replace(
      /[，,;；\s]*(联系)?(电话|手机|手机号|号码|联系方式|tel|phone)?[:：\s]*\+?\d[\d\s\-()（）]{6,}\d/gi,
      '',
    )
    .trim();
}

export async function resumeCase(
  state: CaseState,
  message: CustomerText,
  deps: CaseFlowDeps,
): Promise<FlowStep | typeof NOT_FOR_ME> {
  const text = message.raw.trim();
  // Not understood: ask again once (the conversation may answer it as a question instead).
  const retry = (reply: string): FlowStep | typeof NOT_FOR_ME =>
    state.misses >= 1
      ? NOT_FOR_ME
      : {
          intent: state.intent,
          replies: [reply],
          state: { ...state, misses: state.misses + 1 },
          unclear: true,
        };
  // An attempt at the answer that cannot be used (a short phone number): said politely, asked
  // again, not counted as a miss; nothing is stored and the rest of the case is kept.
  const askAgain = (reply: string): FlowStep => ({ intent: state.intent, replies: [reply], state });
  switch (state.step) {
    case 'description': {
      const remainder = message.normalized.replace(TRIGGERS, '').replace(/[\s\p{P}\p{S}]/gu, '');
      if ([...text].length < 2 || remainder.length < 2)
        return retry('请简单描述一下情况（发生了什么、什么时间），方便我们处理。');
      return next(withPhoneFrom({ ...state, description: text.slice(0, 2000), misses: 0 }, message));
    }
    case 'address': {
      const address = withoutPhone(text);
      if ([...address].length < 4) return retry('请提供详细地址（小区、楼栋、门牌号），抢修人员才能找到您。');
      return next(withPhoneFrom({ ...state, address: address.slice(0, 300), misses: 0 }, message));
    }
    case 'phone': {
      const reading = readPhone(message.normalized);
      if (!reading) return retry(PHONE_PROBLEMS.missing);
      if ('problem' in reading) return askAgain(PHONE_PROBLEMS[reading.problem]);
      return next({ ...state, phone: reading.phone, misses: 0 });
    }
    case 'confirm': {
      if (!isConfirmation(message.normalized)) return correct(state, message, retry);
      const ticket = await openCase(
        {
          kind: state.kind,
          description: state.description ?? '',
          contactPhone: state.phone,
          address: state.address,
          accountNumber: deps.accountNumber,
          channel: deps.channel,
          userId: deps.userId,
          conversationId: deps.conversationId,
        },
        deps,
      );
      return { intent: state.intent, replies: [acknowledgement(ticket)], state: null };
    }
  }
}

/** Why a phone cannot be taken, said politely. Mainland mobiles and landlines with area code only. */
const PHONE_PROBLEMS = {
  missing: '请留下联系电话（11位手机号码或带区号的固定电话），方便工作人员与您联系；回复“取消”可放弃。',
  invalid:
    '这个号码好像不完整。请留下11位手机号码，或带区号的固定电话（如0571-12345678），方便工作人员与您联系。',
  no_area_code: '固定电话请加上区号（如0571-12345678），或留下11位手机号码，方便工作人员与您联系。',
  foreign:
    '抱歉，目前只能登记中国大陆的手机号码或带区号的固定电话，方便工作人员回电。如没有大陆号码，可拨打95598（24小时）由人工为您登记。',
} as const;

/**
 * Anything but a yes at the confirmation: a correction ("不对，改一下电话", "地址错了") goes back to
 * that question; a new phone number given with it ("电话写错了，应该是138…") is taken at once; a
 * bare "不对" asks which item to change. Nothing is stored until the customer confirms.
 */
function correct(
  state: CaseState,
  message: CustomerText,
  retry: (reply: string) => FlowStep | typeof NOT_FOR_ME,
): FlowStep | typeof NOT_FOR_ME {
  const correction = correctionOf(message.normalized);
  const reading = readPhone(message.normalized);
  const newPhone = reading && 'phone' in reading ? reading.phone : undefined;
  if (newPhone && (!correction?.field || correction.field === 'phone'))
    return next({ ...state, phone: newPhone, misses: 0 });
  if (!correction) return retry('请回复“确认”提交；需要修改请说明要改哪一项（如“改电话”），回复“取消”放弃。');
  const field = correction.field === 'address' && state.kind !== 'repair' ? undefined : correction.field;
  if (!field)
    return {
      intent: state.intent,
      replies: [
        `请问需要修改哪一项？可以回复“改描述”${state.kind === 'repair' ? '、“改地址”' : ''}或“改电话”；信息无误请回复“确认”，回复“取消”放弃。`,
      ],
      state: { ...state, misses: 0 },
    };
  const ask: Record<CaseField, string> = {
    description: '好的，请重新描述一下具体情况：',
    address: '好的，请重新输入故障地点的详细地址（小区、楼栋、门牌号）：',
    phone: '好的，请重新输入联系电话（11位手机号码或带区号的固定电话）：',
  };
  return {
    intent: state.intent,
    replies: [ask[field]],
    state: { ...state, step: field, [field]: undefined, misses: 0 },
  };
}

function next(state: CaseState, prefix: string[] = []): FlowStep {
  const ask = (step: CaseState['step'], question: string): FlowStep => ({
    intent: state.intent,
    replies: [...prefix, question],
    state: { ...state, step },
  });
  if (!state.description)
    return ask('description', `好的，我来为您登记${CASE_KIND_NAMES[state.kind]}。请描述一下具体情况：`);
  if (state.kind === 'repair' && !state.address)
    return ask('address', '请告诉我故障地点的详细地址（小区、楼栋、门牌号）：');
  if (!state.phone)
    return ask('phone', '请留下联系电话（11位手机号码或带区号的固定电话），方便工作人员与您联系：');
  const summary = [
    `请确认${CASE_KIND_NAMES[state.kind]}信息：`,
    `情况：${state.description}`,
    ...(state.address ? [`地址：${state.address}`] : []),
    `联系电话：${state.phone}`,
    '信息无误请回复“确认”提交；需要修改请说明（如“改电话”）；回复“取消”放弃。',
  ].join('\n');
  return ask('confirm', summary);
}

export function acknowledgement(ticket: Ticket): string {
  const clocks = Object.entries(ticket.deadlines)
    .sort((a, b) => a[1] - b[1])
    .map(([name, ms]) => `${beijingDue(new Date(ms))}${DEADLINE_NAMES[name] ?? name}`)
    .join('，');
  const unconfirmed = ticket.calendarConfirmed ? '' : '（所在年份节假日安排尚未公布，日期按工作日推算）';
  return `已受理您的${CASE_KIND_NAMES[ticket.kind]}，编号${ticket.number}。我们将在${clocks}（北京时间）${unconfirmed}。您可以随时发送“查询${ticket.number}”了解进度。`;
}

const STATUS_NAMES: Record<Ticket['status'], string> = {
  accepted: '已受理，等待联系',
  contacted: '已联系您，正在处理',
  replied: '已答复处理意见',
  closed: '已办结',
};

export function describeCase(ticket: Ticket, now: Date): string {
  const open = Object.entries(ticket.deadlines)
    .sort((a, b) => a[1] - b[1])
    .map(
      ([name, ms]) =>
        `${DEADLINE_NAMES[name] ?? name}：${beijingDue(new Date(ms))}${ms <= now.getTime() && ticket.status !== 'closed' ? '（已到期）' : ''}`,
    )
    .join('；');
  return `${CASE_KIND_NAMES[ticket.kind]}${ticket.number}：${STATUS_NAMES[ticket.status]}。时限：${open}。`;
}

/** A case number however typed: "TS20261126-0001", "ts 20261126 0001", full-width. */
export const CASE_NUMBER = /(ts|bx|jy|cb|jb)[\s_]*(\d{8})[\s\-‐‑–—_]*(\d{4})(?!\d)/i;

export function findCaseNumber(text: string): string | undefined {
  const match = CASE_NUMBER.exec(text.normalize('NFKC'));
  return match ? `${match[1]?.toUpperCase()}${match[2]}-${match[3]}` : undefined;
}

/** The same words whether the number is unknown or the phone is wrong. */
const NOT_FOUND = '没有找到编号和联系电话都相符的记录。请核对编号和提交时留下的联系电话，或拨打95598查询。';

/**
 * "我的投诉处理得怎么样了": the cases this channel user opened (or of the account they proved).
 * A case named by number that is not among them (opened by phone, on the web form, in another
 * chat) is shown once the customer gives the contact phone stored on it, status and deadlines
 * only (never the description); a wrong phone and an unknown number get the same sentence.
 */
export async function lookUpCases(
  message: CustomerText,
  deps: CaseFlowDeps,
  intent: Intent,
): Promise<FlowStep> {
  const number = findCaseNumber(message.normalized);
  const mine = await deps.tickets.listForUser(deps.channel, deps.userId);
  const fromAccount = deps.accountNumber ? await deps.tickets.listForAccount(deps.accountNumber) : [];
  const visible = [...mine, ...fromAccount.filter((t) => !mine.some((m) => m.id === t.id))];
  const chosen = number ? visible.filter((t) => t.number === number) : visible.slice(0, 3);
  if (chosen.length > 0)
    return { intent, replies: chosen.map((t) => describeCase(t, deps.now)), state: null };
  if (number) {
    const reading = readPhone(message.normalized.replace(CASE_NUMBER, ' '));
    if (reading && 'phone' in reading) return checkCasePhone(number, reading.phone, intent, deps);
    return {
      intent,
      replies: [
        `为保护您的信息，请输入提交编号${number}时留下的联系电话（手机号码或带区号的固定电话）；回复“取消”可退出。`,
      ],
      state: { flow: 'case-lookup', intent, number, misses: 0 },
    };
  }
  return {
    intent,
    replies: [
      '没有找到您在本渠道提交的投诉或报修记录。如果是通过电话或其他渠道提交的，请发送编号（如TS20261126-0001），我核对联系电话后为您查询；也可拨打95598查询。',
    ],
    state: null,
  };
}

export async function resumeCaseLookup(
  state: CaseLookupState,
  message: CustomerText,
  deps: CaseFlowDeps,
): Promise<FlowStep | typeof NOT_FOR_ME> {
  const reading = readPhone(message.normalized);
  if (reading && 'phone' in reading) return checkCasePhone(state.number, reading.phone, state.intent, deps);
  if (state.misses >= 1) return NOT_FOR_ME;
  return {
    intent: state.intent,
    replies: ['请输入提交该记录时留下的联系电话（11位手机号码或带区号的固定电话）；回复“取消”可退出。'],
    state: { ...state, misses: state.misses + 1 },
    unclear: !reading,
  };
}

async function checkCasePhone(
  number: string,
  phone: string,
  intent: Intent,
  deps: CaseFlowDeps,
): Promise<FlowStep> {
  // Guessing phones for a known case number is an identity check like any other: failures are
  // counted and locked out as for account numbers (3 per user in 15 minutes, 10 by anyone in an hour).
  // A chat user: never the web form's `form` channel here.
  const user = { channel: deps.channel as Channel, userId: deps.userId };
  const guard = { accounts: deps.accounts, user, now: deps.now };
  const key = `case:${number}`;
  const locked = await lockOut(key, guard);
  if (locked) return { intent, replies: [REPLIES.identityLocked(beijingTime(locked))], state: null };
  const ticket = await deps.tickets.findByNumber(number);
  const stored = ticket?.contactPhone?.replace(/\D/g, '');
  const ok = ticket !== undefined && stored !== undefined && stored === phone;
  await deps.accounts.recordAttempt(guard.user, key, ok, deps.now);
  if (!ticket || !ok) {
    const lockedNow = await lockOut(key, guard);
    if (lockedNow) return { intent, replies: [REPLIES.identityLocked(beijingTime(lockedNow))], state: null };
    return { intent, replies: [NOT_FOUND], state: null };
  }
  return { intent, replies: [describeCase(ticket, deps.now)], state: null };
}
