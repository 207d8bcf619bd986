import type { Ticket, TicketStore } from '../../../db/ticket-store.js';
import { beijingDue, CASE_KIND_NAMES, type CaseKind, DEADLINE_NAMES } from '../../cases/cases.js';
import { openCase } from '../../cases/open-case.js';
import { PHONE } from '../../routes/tickets.js';
import type { WorkdayCalendar } from '../../standard/calendar.js';
import { type CaseState, type FlowStep, NOT_FOR_ME } from './flow.js';
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
}

type Intent = CaseState['intent'];

const TRIGGERS =
  /我要投诉|我想投诉|我要举报|我想举报|投诉|举报|检举|报修|我要报修|申请校验|校验电表|我要|我想|一下|你们|complain|complaint|report|i want to|i'd like to/g;
const STATUS_OF = /(ts|bx|jy|cb|jb)\d{8}-\d{4}/i;
const CONFIRM = /^(确认|确定|是|是的|对|对的|好|好的|可以|提交|没问题|yes|y|ok|okay|confirm)[!！.。\s]*$/;

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
  return next(state, prefix);
}

export async function resumeCase(
  state: CaseState,
  message: CustomerText,
  deps: CaseFlowDeps,
): Promise<FlowStep | typeof NOT_FOR_ME> {
  const text = message.raw.trim();
  const retry = (reply: string): FlowStep | typeof NOT_FOR_ME =>
    state.misses >= 1
      ? NOT_FOR_ME
      : { intent: state.intent, replies: [reply], state: { ...state, misses: state.misses + 1 } };
  switch (state.step) {
    case 'description':
      if ([...text].length < 2) return retry('请简单描述一下情况（发生了什么、什么时间），方便我们处理。');
      return next({ ...state, description: text.slice(0, 2000), misses: 0 });
    case 'address':
      if ([...text].length < 4) return retry('请提供详细地址（小区、楼栋、门牌号），抢修人员才能找到您。');
      return next({ ...state, address: text.slice(0, 300), misses: 0 });
    case 'phone': {
      const phone = text.replace(/[\s-]/g, '');
      if (!PHONE.test(phone)) return retry('请输入可以联系到您的手机号码（11位）或固定电话。');
      return next({ ...state, phone, misses: 0 });
    }
    case 'confirm': {
      if (!CONFIRM.test(message.normalized)) return retry('请回复“确认”提交，或回复“取消”放弃。');
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
  if (!state.phone) return ask('phone', '请留下联系电话（手机号码），方便工作人员与您联系：');
  const summary = [
    `请确认${CASE_KIND_NAMES[state.kind]}信息：`,
    `情况：${state.description}`,
    ...(state.address ? [`地址：${state.address}`] : []),
    `联系电话：${state.phone}`,
    '回复“确认”提交，回复“取消”放弃。',
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

/** "我的投诉处理得怎么样了": the cases this channel user opened, or one named by number. */
export async function lookUpCases(
  message: CustomerText,
  deps: CaseFlowDeps,
  intent: Intent,
): Promise<FlowStep> {
  const number = STATUS_OF.exec(message.normalized)?.[0]?.toUpperCase();
  const mine = await deps.tickets.listForUser(deps.channel, deps.userId);
  const fromAccount = deps.accountNumber ? await deps.tickets.listForAccount(deps.accountNumber) : [];
  const visible = [...mine, ...fromAccount.filter((t) => !mine.some((m) => m.id === t.id))];
  const chosen = number ? visible.filter((t) => t.number === number) : visible.slice(0, 3);
  if (chosen.length > 0)
    return { intent, replies: chosen.map((t) => describeCase(t, deps.now)), state: null };
  return {
    intent,
    replies: [
      number
        ? `没有找到您名下编号为${number}的记录。请在提交该记录的同一聊天中查询，或拨打95598并提供编号和联系电话查询。`
        : '没有找到您在本渠道提交的投诉或报修记录。如果是通过电话或其他渠道提交的，请拨打95598并提供编号查询。',
    ],
    state: null,
  };
}
