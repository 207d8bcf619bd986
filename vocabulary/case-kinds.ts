/**
 * The kinds of case, their statuses and their deadlines, one row each. The schema's enums, the
 * API's zod enums, case numbers, the chat intents that open and look up a case, the follow-up rule
 * and the names shown to customers and staff all derive from these tables: a new kind is a row
 * here (plus, where it has limits of its own, rows in the standard's time-limit table).
 */

import { keysWhere, type NonEmpty } from './table.js';

/** The chat intents a case belongs to (the intent that opens it and answers questions about it). */
export type CaseIntent = 'complaint' | 'repair' | 'meter' | 'handoff';

export interface CaseKindRow {
  /** The chat intent that opens this kind of case and looks it up. */
  intent: CaseIntent;
  /** Two letters at the head of its numbers: TS20261126-0001. */
  prefix: string;
  /** Its name as customers and staff see it. */
  name: string;
  /**
   * Whose time limits it runs on, in the service standard's table (a report, 举报, on the
   * complaint's: the standard names them together); null when its due time is set when it is
   * opened (a callback is due an hour after staffed hours begin).
   */
  timeLimits: string | null;
  /** The clause of the standard its deadlines come from (null: none sets them). */
  clause: string | null;
  /** Opened by anyone through the web complaint form (`POST /v1/tickets`). */
  form: boolean;
  /** Opened in chat by a customer (the case flow asks what, where, a phone, a confirmation). */
  chat: boolean;
  /**
   * Among the kinds of one intent, the words that make a message open this kind ("举报" a report,
   * not a complaint); null for the intent's default kind.
   */
  words: RegExp | null;
  /**
   * The knowledge entry whose answer is given before the chat flow's first question (what to check
   * during an outage, how a meter test works); null where the flow says its own first words.
   */
  openingAnswer: string | null;
  /** The chat flow asks where (a repair crew must find it). */
  needsAddress: boolean;
  /** The customer's first message, naming the problem, is already the description. */
  describedByFirstMessage: boolean;
  /** Closing it asks its customer for a 1–5 rating (100 % follow-up, standard 四、2). */
  followUp: boolean;
  /** A customer may ask about it by number in chat ("查询TS20261126-0001"). */
  lookUp: boolean;
  /** Its details are personal: never shown in a group chat, only in a private one. */
  private: boolean;
}

export const CASE_KIND_TABLE = {
  complaint: {
    intent: 'complaint',
    prefix: 'TS',
    name: '投诉',
    timeLimits: 'complaint',
    clause: '三、5',
    form: true,
    chat: true,
    words: null,
    openingAnswer: null,
    needsAddress: false,
    describedByFirstMessage: false,
    followUp: true,
    lookUp: true,
    private: true,
  },
  repair: {
    intent: 'repair',
    prefix: 'BX',
    name: '故障报修',
    timeLimits: 'repair',
    clause: null,
    form: true,
    chat: true,
    words: null,
    openingAnswer: 'outage-what-to-do',
    needsAddress: true,
    describedByFirstMessage: true,
    followUp: true,
    lookUp: true,
    private: true,
  },
  meter_test: {
    intent: 'meter',
    prefix: 'JY',
    name: '电能表校验',
    timeLimits: 'meter_test',
    clause: '三、4',
    form: true,
    chat: true,
    words: null,
    openingAnswer: 'meter-test',
    needsAddress: false,
    describedByFirstMessage: true,
    followUp: false,
    lookUp: true,
    private: true,
  },
  reading_dispute: {
    intent: 'meter',
    prefix: 'CB',
    name: '抄表数据异常核实',
    timeLimits: 'reading_dispute',
    clause: '三、4',
    form: true,
    chat: true,
    words: /抄表|读数|示数|表码|底数|电量|度数|reading|bill/,
    openingAnswer: 'reading-dispute',
    needsAddress: false,
    describedByFirstMessage: true,
    followUp: false,
    lookUp: true,
    private: true,
  },
  report: {
    intent: 'complaint',
    prefix: 'JB',
    name: '举报',
    timeLimits: 'complaint',
    clause: '三、5',
    form: true,
    chat: true,
    words: /举报|检举|揭发|report/,
    openingAnswer: null,
    needsAddress: false,
    describedByFirstMessage: false,
    followUp: true,
    lookUp: true,
    private: true,
  },
  callback: {
    intent: 'handoff',
    prefix: 'HD',
    name: '人工回电',
    timeLimits: null,
    clause: null,
    form: false,
    chat: false,
    words: null,
    openingAnswer: null,
    needsAddress: false,
    describedByFirstMessage: false,
    followUp: false,
    lookUp: false,
    private: true,
  },
} as const satisfies Record<string, CaseKindRow>;

export type CaseKind = keyof typeof CASE_KIND_TABLE;

type BooleanField = {
  [F in keyof CaseKindRow]: CaseKindRow[F] extends boolean ? F : never;
}[keyof CaseKindRow];
type KindsWhere<F extends BooleanField> = {
  [K in CaseKind]: (typeof CASE_KIND_TABLE)[K][F] extends true ? K : never;
}[CaseKind];

function kindsWhere(keep: (row: CaseKindRow) => boolean): CaseKind[] {
  return keysWhere<CaseKind, CaseKindRow>(CASE_KIND_TABLE, keep);
}

export const CASE_KINDS = kindsWhere(() => true) as unknown as NonEmpty<CaseKind>;
/** The kinds of the web complaint form (and of the outside contract). */
export const FORM_CASE_KINDS = kindsWhere((row) => row.form) as unknown as NonEmpty<KindsWhere<'form'>>;
export type FormCaseKind = KindsWhere<'form'>;
/** The kinds a customer opens in chat. */
export type ChatCaseKind = KindsWhere<'chat'>;
export const CHAT_CASE_KINDS = kindsWhere((row) => row.chat) as ChatCaseKind[];
/** The intents of the kinds a customer opens in chat: complaint, repair, meter. */
export type ChatCaseIntent = (typeof CASE_KIND_TABLE)[ChatCaseKind]['intent'];

export const CASE_KIND_NAMES = Object.fromEntries(
  CASE_KINDS.map((kind) => [kind, CASE_KIND_TABLE[kind].name]),
) as Record<CaseKind, string>;

/**
 * Which kind of case a chat message with this intent opens: the kind whose words it has, else the
 * intent's default kind.
 */
export function chatCaseKindOf(intent: ChatCaseIntent, text: string): ChatCaseKind {
  const kinds = CHAT_CASE_KINDS.filter((kind) => CASE_KIND_TABLE[kind].intent === intent);
  const worded = kinds.find((kind) => CASE_KIND_TABLE[kind].words?.test(text));
  const fallback = kinds.find((kind) => CASE_KIND_TABLE[kind].words === null);
  const kind = worded ?? fallback;
  if (!kind) throw new Error(`no case kind opens in chat for intent ${intent}`);
  return kind;
}

/** True when a closed case of this kind asks for a rating. */
export function followsUp(kind: CaseKind): boolean {
  return CASE_KIND_TABLE[kind].followUp;
}

/** The kind whose number starts with this prefix (TS → complaint), if any. */
export function kindOfPrefix(prefix: string): CaseKind | undefined {
  const upper = prefix.toUpperCase();
  return CASE_KINDS.find((kind) => CASE_KIND_TABLE[kind].prefix === upper);
}

/** The prefixes of the kinds customers look up in chat by number. */
export const LOOKUP_PREFIXES = kindsWhere((row) => row.lookUp).map((kind) => CASE_KIND_TABLE[kind].prefix);

/** A case's statuses, in the only order it moves: accepted → contacted → replied → closed. */
export const CASE_STATUS_TABLE = {
  accepted: { staffName: '已受理', customerName: '已受理，等待联系' },
  contacted: { staffName: '已联系', customerName: '已联系您，正在处理' },
  replied: { staffName: '已答复', customerName: '已答复处理意见' },
  closed: { staffName: '已办结', customerName: '已办结' },
} as const satisfies Record<string, { staffName: string; customerName: string }>;

export type CaseStatus = keyof typeof CASE_STATUS_TABLE;
export const CASE_STATUSES = Object.keys(CASE_STATUS_TABLE) as unknown as NonEmpty<CaseStatus>;

/** A case's deadlines by name: as customers and staff read them, and the status that meets each. */
export const DEADLINE_TABLE = {
  contactDueAt: { customerName: '联系您', staffName: '联系客户期限', metFrom: 'contacted' },
  replyDueAt: { customerName: '答复处理意见', staffName: '答复期限', metFrom: 'replied' },
  resultDueAt: { customerName: '出具检测结果', staffName: '出具检测结果期限', metFrom: 'replied' },
  arriveDueAt: { customerName: '安排抢修人员到达现场', staffName: '到达现场期限', metFrom: 'contacted' },
  callbackDueAt: { customerName: '人工客服与您联系', staffName: '回电期限', metFrom: 'contacted' },
} as const satisfies Record<string, { customerName: string; staffName: string; metFrom: CaseStatus }>;

export type DeadlineName = keyof typeof DEADLINE_TABLE;

function isDeadline(name: string): name is DeadlineName {
  return Object.hasOwn(DEADLINE_TABLE, name);
}

/** True when a case in `status` has met the deadline `name` (the status reached or passed it). */
export function deadlineMet(name: string, status: CaseStatus): boolean {
  if (!isDeadline(name)) return false;
  return CASE_STATUSES.indexOf(status) >= CASE_STATUSES.indexOf(DEADLINE_TABLE[name].metFrom);
}

/** A deadline's name for customers ('联系您'), or the raw name for one the table lacks. */
export function deadlineCustomerName(name: string): string {
  return isDeadline(name) ? DEADLINE_TABLE[name].customerName : name;
}

/** A deadline's name for staff ('联系客户期限'), or the raw name for one the table lacks. */
export function deadlineStaffName(name: string): string {
  return isDeadline(name) ? DEADLINE_TABLE[name].staffName : name;
}
