import type { AccountStore } from '../../../db/account-store.js';
import type { Channel } from '../../../db/store.js';
import type { Ticket, TicketStore } from '../../../db/ticket-store.js';
import {
  CASE_KIND_NAMES,
  CASE_KIND_TABLE,
  CASE_STATUS_TABLE,
  chatCaseKindOf,
  deadlineCustomerName,
  LOOKUP_PREFIXES,
} from '../../../vocabulary/case-kinds.js';
import { beijingDue } from '../../cases/cases.js';
import { openCase } from '../../cases/open-case.js';
import type { WorkdayCalendar } from '../../standard/calendar.js';
import { REPLIES } from '../replies.js';
import { beijingTime, lockOut } from './account.js';
import { type CaseField, correctionOf, isConfirmation, readPhone } from './answers.js';
import { CASE_REPLIES } from './case-replies.js';
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
  /** Counts a case about to be opened: the seconds to wait when that is over the limit. */
  mayOpenCase?: () => Promise<number | undefined>;
}

type Intent = CaseState['intent'];

const TRIGGERS =
  /我要投诉|我想投诉|我要举报|我想举报|投诉|举报|检举|报修|我要报修|申请校验|校验电表|我要|我想|一下|你们|complain|complaint|report|i want to|i'd like to/g;

/**
 * A complaint, report, repair call or meter case taken in chat: what happened, where (repairs),
 * a contact phone, a confirmation; then the case is stored and its number and deadlines given.
 */
export function startCase(intent: Intent, message: CustomerText, prefix: string[] = []): FlowStep {
  const kind = chatCaseKindOf(intent, message.normalized);
  const remainder = message.normalized.replace(TRIGGERS, '').replace(/[\s\p{P}]/gu, '');
  // A repair report or a meter problem is itself the description; "我要投诉" alone is not.
  const description =
    CASE_KIND_TABLE[kind].describedByFirstMessage || remainder.length >= 6 ? message.raw : undefined;
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
      if ([...text].length < 2 || remainder.length < 2) return retry(CASE_REPLIES.descriptionTooShort);
      return next(withPhoneFrom({ ...state, description: text.slice(0, 2000), misses: 0 }, message));
    }
    case 'address': {
      const address = withoutPhone(text);
      if ([...address].length < 4) return retry(CASE_REPLIES.addressTooShort);
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
      // Too many cases a minute: the case waits at its confirmation for a 确认 a little later.
      const wait = await deps.mayOpenCase?.();
      if (wait !== undefined)
        return { intent: state.intent, replies: [CASE_REPLIES.tooOften], state, limited: wait };
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

const PHONE_PROBLEMS = CASE_REPLIES.phoneProblems;

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
  if (!correction) return retry(CASE_REPLIES.confirmOrCorrect);
  const field =
    correction.field === 'address' && !CASE_KIND_TABLE[state.kind].needsAddress
      ? undefined
      : correction.field;
  if (!field)
    return {
      intent: state.intent,
      replies: [CASE_REPLIES.whichItem(CASE_KIND_TABLE[state.kind].needsAddress)],
      state: { ...state, misses: 0 },
    };
  const ask: Record<CaseField, string> = CASE_REPLIES.askAgain;
  return {
    intent: state.intent,
    replies: [ask[field]],
    state: { ...state, step: field, [field]: undefined, misses: 0 },
  };
}

/** A case flow taken up from a state built elsewhere (a report an outage had absorbed). */
export function continueCase(state: CaseState): FlowStep {
  return next(state);
}

function next(state: CaseState, prefix: string[] = []): FlowStep {
  const ask = (step: CaseState['step'], question: string): FlowStep => ({
    intent: state.intent,
    replies: [...prefix, question],
    state: { ...state, step },
  });
  if (!state.description) return ask('description', CASE_REPLIES.askDescription(CASE_KIND_NAMES[state.kind]));
  if (CASE_KIND_TABLE[state.kind].needsAddress && !state.address)
    return ask('address', CASE_REPLIES.askAddress);
  if (!state.phone) return ask('phone', CASE_REPLIES.askPhone);
  return ask(
    'confirm',
    CASE_REPLIES.confirmation(CASE_KIND_NAMES[state.kind], state.description, state.address, state.phone),
  );
}

export function acknowledgement(ticket: Ticket): string {
  const clocks = Object.entries(ticket.deadlines)
    .sort((a, b) => a[1] - b[1])
    .map(([name, ms]) => `${beijingDue(new Date(ms))}${deadlineCustomerName(name)}`)
    .join('，');
  return CASE_REPLIES.accepted(CASE_KIND_NAMES[ticket.kind], ticket.number, clocks, ticket.calendarConfirmed);
}

export function describeCase(ticket: Ticket, now: Date): string {
  const open = Object.entries(ticket.deadlines)
    .sort((a, b) => a[1] - b[1])
    .map(
      ([name, ms]) =>
        `${deadlineCustomerName(name)}：${beijingDue(new Date(ms))}${ms <= now.getTime() && ticket.status !== 'closed' ? '（已到期）' : ''}`,
    )
    .join('；');
  return CASE_REPLIES.status(
    CASE_KIND_NAMES[ticket.kind],
    ticket.number,
    CASE_STATUS_TABLE[ticket.status].customerName,
    open,
  );
}

/**
 * A case number however typed: "TS20261126-0001", "ts 20261126 0001", full-width; of the kinds
 * customers look up in chat.
 */
export const CASE_NUMBER = new RegExp(
  `(${LOOKUP_PREFIXES.join('|')})[\\s_]*(\\d{8})[\\s\\-‐‑–—_]*(\\d{4})(?!\\d)`,
  'i',
);

export function findCaseNumber(text: string): string | undefined {
  const match = CASE_NUMBER.exec(text.normalize('NFKC'));
  return match ? `${match[1]?.toUpperCase()}${match[2]}-${match[3]}` : undefined;
}

const NOT_FOUND = CASE_REPLIES.notFound;

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
      replies: [CASE_REPLIES.askLookupPhone(number)],
      state: { flow: 'case-lookup', intent, number, misses: 0 },
    };
  }
  return {
    intent,
    replies: [CASE_REPLIES.noneHere],
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
    replies: [CASE_REPLIES.askLookupPhoneAgain],
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
