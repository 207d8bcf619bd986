import type { AccountStore, ChannelUser } from '../../../db/account-store.js';
import type { Source } from '../../../db/store.js';
import {
  findAccountNumber,
  findLastFour,
  joinDigitGroups,
  lockedUntil,
  maskName,
  IDENTITY_POLICY as POLICY,
  phoneMatches,
} from '../../accounts/identity.js';
import {
  answerBills,
  compareBills,
  describeApplication,
  dueDates,
  parseBillQuery,
} from '../../accounts/statements.js';
import { monthDay, shanghaiTime } from '../../standard/beijing-time.js';
import type { WorkdayCalendar } from '../../standard/calendar.js';
import { detectActionIntent } from '../intents.js';
import { REPLIES } from '../replies.js';
import { type AccountState, type FlowStep, NOT_FOR_ME } from './flow.js';
import type { CustomerText } from './rating.js';

export type AccountPurpose = AccountState['purpose'];

export interface AccountFlowDeps {
  accounts: AccountStore;
  calendar: WorkdayCalendar;
  user: ChannelUser;
  now: Date;
  /** The ways to pay, from the knowledge base, added where a bill is unpaid. */
  paymentMethods: { text: string; source: Source };
}

/** YK20260001, also typed "YK 2026 0001" or with full-width digits. */
function findApplicationNumber(text: string): string | undefined {
  const match = /yk[\s\-_]*((?:\d[\s-]?){5,}\d)/i.exec(text.normalize('NFKC'));
  return match?.[1] ? `YK${match[1].replace(/\D/g, '')}` : undefined;
}

/** The request without the application number, so its digits are never read as an account number. */
function withoutApplicationNumber(text: string): string {
  return text.normalize('NFKC').replace(/yk[\s\-_]*((?:\d[\s-]?){5,}\d)/gi, ' ');
}

/**
 * A short follow-up after a bill was shown ("那九月呢", "上个月的呢", "欠费吗", "用了多少度"):
 * a month, the balance or usage, and nothing that is another request.
 */
function isBillFollowUp(text: string, now: Date): boolean {
  // A request in its own right ("查电费，户号2000000002", "欠费吗") goes the usual way, which also
  // asks which account when several are bound; only what needs the last answer's context is taken.
  if ([...text].length > 16 || detectActionIntent(text) || findAccountNumber(text)) return false;
  const query = parseBillQuery(text, now);
  return (
    query.period !== undefined ||
    query.unpaid ||
    /用了?多少(度|电)|用电量|几度电|电费|账单|多少钱|usage|bill/.test(text)
  );
}

/** "为什么10月比9月贵", "怎么这么贵": the bill just shown, compared with the one before. */
const WHY_MORE =
  /(为什么|为啥|怎么|咋|点解|why).{0,12}(贵|高|多|涨|more|higher|expensive)|(贵|高|多)(了)?(这么多|那么多|好多|很多)/;
/** "那我怎么交最快", "在哪交": the ways to pay, for the bill just shown. */
const HOW_TO_PAY =
  /(怎么|如何|在哪|哪里|咋|点样|how|where).{0,6}(交|缴|付|pay)|(交|缴)费(方式|渠道)|最快|最方便/;
/** "过了截止日期会停电吗", "逾期会怎样": what the due date means for the bill just shown. */
const PAST_DUE =
  /(过了|超过|错过|逾期|过期|迟交|晚交|没按时|没及时|after the due|overdue|late).{0,10}|会(不会)?(停电|断电|拉闸)/;

/**
 * A question read against the bill just shown: why it is higher than the one before, how to pay
 * it, what its due date means. Undefined for anything else.
 */
async function aboutTheBillShown(
  text: string,
  state: AccountState,
  accountNumber: string,
  deps: AccountFlowDeps,
): Promise<FlowStep | undefined> {
  if (state.purpose !== 'bill') return undefined;
  const keep = { ...state, misses: 0 };
  if (WHY_MORE.test(text)) {
    const compared = compareBills(await deps.accounts.listBills(accountNumber));
    if (compared) return { intent: 'bill', replies: [compared], state: keep };
  }
  if (PAST_DUE.test(text)) {
    const due = dueDates(await deps.accounts.listBills(accountNumber));
    return {
      intent: 'bill',
      replies: [REPLIES.billPastDue(due), deps.paymentMethods.text],
      state: keep,
      sources: [deps.paymentMethods.source],
    };
  }
  if (HOW_TO_PAY.test(text))
    return {
      intent: 'bill',
      replies: [deps.paymentMethods.text],
      state: keep,
      sources: [deps.paymentMethods.source],
    };
  return undefined;
}

/**
 * Bills and application progress for a verified customer. A channel user proves ownership once
 * (account number, then the last four digits of the account's phone) and stays bound for 30 days;
 * until then nothing about any account is shown, and a wrong answer never says whether the
 * account exists. Numbers are read however they are typed (full-width digits, spaces, dashes,
 * words around them), and the account number and last four may come in one message.
 */
export async function startAccountRequest(
  purpose: AccountPurpose,
  message: CustomerText,
  deps: AccountFlowDeps,
): Promise<FlowStep> {
  const request = message.normalized;
  const bound = await deps.accounts.boundAccounts(deps.user, deps.now);
  const digits = withoutApplicationNumber(request);
  const named = findAccountNumber(digits);
  if (named && bound.includes(named)) return answer(purpose, request, named, deps);
  if (named) {
    const state: AccountState = {
      flow: 'account',
      purpose,
      step: 'phone',
      request,
      accountNumber: named,
      misses: 0,
    };
    const lastFour = findLastFour(digits, named);
    return lastFour ? verify(state, named, lastFour, deps) : askLastFour(state);
  }
  if (bound.length === 1) return answer(purpose, request, bound[0] as string, deps);
  if (bound.length > 1) {
    const application = findApplicationNumber(request);
    const owner = application ? (await deps.accounts.findApplication(application))?.accountNumber : undefined;
    if (owner && bound.includes(owner)) return answer(purpose, request, owner, deps);
    return askWhich({ flow: 'account', purpose, step: 'choose', request, misses: 0 }, bound, deps);
  }
  return {
    intent: purpose,
    replies: [REPLIES.identityAskAccount],
    state: { flow: 'account', purpose, step: 'account', request, misses: 0 },
  };
}

export async function resumeAccount(
  state: AccountState,
  message: CustomerText,
  deps: AccountFlowDeps,
): Promise<FlowStep | typeof NOT_FOR_ME> {
  const text = message.normalized;
  // Not understood: ask again once (the conversation may answer it as a question instead).
  const retry = (reply: string): FlowStep | typeof NOT_FOR_ME =>
    state.misses >= 1
      ? NOT_FOR_ME
      : {
          intent: state.purpose,
          replies: [reply],
          state: { ...state, misses: state.misses + 1 },
          unclear: true,
        };

  if (state.step === 'answered') {
    const bound = await deps.accounts.boundAccounts(deps.user, deps.now);
    if (!state.accountNumber || !bound.includes(state.accountNumber)) return NOT_FOR_ME;
    const inContext = await aboutTheBillShown(text, state, state.accountNumber, deps);
    if (inContext) return inContext;
    if (!isBillFollowUp(text, deps.now)) return NOT_FOR_ME;
    return answer(state.purpose, text, state.accountNumber, deps);
  }

  if (state.step === 'choose') {
    const bound = await deps.accounts.boundAccounts(deps.user, deps.now);
    const index = /^\D{0,4}(\d)\D{0,4}$/.exec(text.normalize('NFKC'))?.[1];
    const chosen = findAccountNumber(text) ?? (index ? bound[Number(index) - 1] : undefined);
    if (chosen && bound.includes(chosen)) return answer(state.purpose, state.request, chosen, deps);
    return retry(REPLIES.identityChooseAgain);
  }

  // An application number given while the account number is asked for: keep it for the answer,
  // and say that the account number is still needed (an application belongs to one account).
  const application = findApplicationNumber(text);
  const digits = withoutApplicationNumber(text);
  const accountNumber = findAccountNumber(digits);
  const request =
    application && !findApplicationNumber(state.request) ? `${state.request} ${application}` : state.request;
  if (state.step === 'account' || (accountNumber && accountNumber !== state.accountNumber)) {
    if (!accountNumber) {
      if (application)
        return {
          intent: state.purpose,
          replies: [REPLIES.identityApplicationNumberGiven(application)],
          state: { ...state, request },
        };
      // Four digits alone at this question: the last four came before the account number.
      if (/^\D*\d{4}\D*$/.test(joinDigitGroups(text))) return retry(REPLIES.identityAccountFirst);
      return retry(hasDigits(text) ? REPLIES.identityAccountInvalid : REPLIES.identityAskAccountAgain);
    }
    const lastFour = findLastFour(digits, accountNumber);
    const next: AccountState = { ...state, request, step: 'phone', accountNumber, misses: 0 };
    return lastFour ? verify(next, accountNumber, lastFour, deps) : askLastFour(next);
  }

  const lastFour = findLastFour(digits, state.accountNumber);
  if (!state.accountNumber) return retry(REPLIES.identityAccountInvalid);
  // The account number typed again at this question: ask for the four digits again.
  if (!lastFour && accountNumber === state.accountNumber)
    return askLastFour({ ...state, request, misses: 0 });
  if (!lastFour) return retry(REPLIES.identityPhoneInvalid);
  return verify({ ...state, request }, state.accountNumber, lastFour, deps);
}

function hasDigits(text: string): boolean {
  return /\d/.test(text.normalize('NFKC'));
}

async function verify(
  state: AccountState,
  accountNumber: string,
  lastFour: string,
  deps: AccountFlowDeps,
): Promise<FlowStep> {
  const { accounts, user, now } = deps;
  const locked = await lockOut(accountNumber, deps);
  if (locked)
    return { intent: state.purpose, replies: [REPLIES.identityLocked(beijingTime(locked))], state: null };
  const account = await accounts.findAccount(accountNumber);
  const ok = account !== undefined && phoneMatches(account.phone, lastFour);
  await accounts.recordAttempt(user, accountNumber, ok, now);
  if (!ok) {
    const lockedNow = await lockOut(accountNumber, deps);
    if (lockedNow)
      return {
        intent: state.purpose,
        replies: [REPLIES.identityLocked(beijingTime(lockedNow))],
        state: null,
      };
    // Same sentence for wrong digits and an unknown account. The account number is kept, so the
    // next message may be the four digits again or another account number; the lock-out counts
    // every failure either way.
    return {
      intent: state.purpose,
      replies: [REPLIES.identityFailed],
      state: { ...state, step: 'phone', misses: 0 },
    };
  }
  await accounts.bind(user, accountNumber, now, new Date(now.getTime() + POLICY.bindingMs));
  const step = await answer(state.purpose, state.request, accountNumber, deps);
  return { ...step, replies: [REPLIES.identityVerified, ...step.replies] };
}

/**
 * When the identity checks on `key` are locked for this user (their own failures) or for everyone
 * (failures across users). `key` is the account number, or `case:<number>` for the contact-phone
 * check of a case looked up from another chat: the same attempts table and policy guard both.
 */
export async function lockOut(
  key: string,
  { accounts, user, now }: Pick<AccountFlowDeps, 'accounts' | 'user' | 'now'>,
): Promise<Date | undefined> {
  const since = new Date(
    now.getTime() -
      Math.max(POLICY.userWindowMs + POLICY.userLockMs, POLICY.accountWindowMs + POLICY.accountLockMs),
  );
  const failures = await accounts.recentFailures(user, key, since);
  const byUser = lockedUntil(
    failures.byUser,
    POLICY.userMaxFailures,
    POLICY.userWindowMs,
    POLICY.userLockMs,
    now,
  );
  const byAnyone = lockedUntil(
    failures.byAnyone,
    POLICY.accountMaxFailures,
    POLICY.accountWindowMs,
    POLICY.accountLockMs,
    now,
  );
  if (!byUser) return byAnyone;
  if (!byAnyone) return byUser;
  return new Date(Math.max(byUser.getTime(), byAnyone.getTime()));
}

function askLastFour(state: AccountState): FlowStep {
  return { intent: state.purpose, replies: [REPLIES.identityAskPhone(state.accountNumber ?? '')], state };
}

async function askWhich(state: AccountState, bound: string[], deps: AccountFlowDeps): Promise<FlowStep> {
  const lines = await Promise.all(
    bound.map(async (number, i) => {
      const account = await deps.accounts.findAccount(number);
      return `${i + 1}. 户号${number}${account ? `（${maskName(account.name)}）` : ''}`;
    }),
  );
  return { intent: state.purpose, replies: [`${REPLIES.identityChoose}\n${lines.join('\n')}`], state };
}

async function answer(
  purpose: AccountPurpose,
  request: string,
  accountNumber: string,
  deps: AccountFlowDeps,
): Promise<FlowStep> {
  const account = await deps.accounts.findAccount(accountNumber);
  if (!account) return { intent: purpose, replies: [REPLIES.accountGone], state: null };
  if (purpose === 'bill') {
    const bills = await deps.accounts.listBills(accountNumber);
    const query = parseBillQuery(request, deps.now);
    const replies = [answerBills(account, bills, query)];
    const asksAboutBalance = query.unpaid || !query.period;
    // Kept open for a short follow-up about another month ("那九月呢").
    const followUp: AccountState = {
      flow: 'account',
      purpose,
      step: 'answered',
      request,
      accountNumber,
      misses: 0,
    };
    if (asksAboutBalance && bills.some((b) => b.status === 'unpaid')) {
      replies.push(deps.paymentMethods.text);
      return { intent: purpose, replies, state: followUp, sources: [deps.paymentMethods.source] };
    }
    return { intent: purpose, replies, state: followUp };
  }
  const wanted = findApplicationNumber(request);
  const applications = (await deps.accounts.listApplications(accountNumber)).filter(
    (a) => !wanted || a.number === wanted,
  );
  if (applications.length === 0) {
    return {
      intent: purpose,
      replies: [
        wanted ? REPLIES.applicationNotFound(wanted, accountNumber) : REPLIES.noApplications(accountNumber),
      ],
      state: null,
    };
  }
  const replies = await Promise.all(
    applications.slice(0, 3).map(async (application) => {
      const events = await deps.accounts.listApplicationEvents(application.number);
      return describeApplication(application, events, account, deps.calendar, deps.now);
    }),
  );
  return { intent: purpose, replies, state: null };
}

export function beijingTime(instant: Date): string {
  return `${monthDay(instant)}${shanghaiTime(instant)}`;
}
