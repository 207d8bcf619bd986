import type { AccountStore, ChannelUser } from '../../../db/account-store.js';
import type { Source } from '../../../db/store.js';
import {
  findAccountNumber,
  findLastFour,
  lockedUntil,
  maskName,
  IDENTITY_POLICY as POLICY,
  phoneMatches,
} from '../../accounts/identity.js';
import { answerBills, describeApplication, parseBillQuery } from '../../accounts/statements.js';
import { shanghaiDate, shanghaiTime } from '../../standard/beijing-time.js';
import type { WorkdayCalendar } from '../../standard/calendar.js';
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

const APPLICATION_NUMBER = /yk\d{6,}/i;

/**
 * Bills and application progress for a verified customer. A channel user proves ownership once
 * (account number, then the last four digits of the account's phone) and stays bound for 30 days;
 * until then nothing about any account is shown, and a wrong answer never says whether the
 * account exists.
 */
export async function startAccountRequest(
  purpose: AccountPurpose,
  message: CustomerText,
  deps: AccountFlowDeps,
): Promise<FlowStep> {
  const request = message.normalized;
  const bound = await deps.accounts.boundAccounts(deps.user, deps.now);
  const named = findAccountNumber(request);
  if (named && bound.includes(named)) return answer(purpose, request, named, deps);
  if (named)
    return askLastFour({ flow: 'account', purpose, step: 'phone', request, accountNumber: named, misses: 0 });
  if (bound.length === 1) return answer(purpose, request, bound[0] as string, deps);
  if (bound.length > 1) {
    const application = APPLICATION_NUMBER.exec(request)?.[0]?.toUpperCase();
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
  const retry = (reply: string): FlowStep | typeof NOT_FOR_ME =>
    state.misses >= 1
      ? NOT_FOR_ME
      : { intent: state.purpose, replies: [reply], state: { ...state, misses: state.misses + 1 } };

  if (state.step === 'choose') {
    const bound = await deps.accounts.boundAccounts(deps.user, deps.now);
    const index = /^\s*(\d)\s*$/.exec(text)?.[1];
    const chosen = findAccountNumber(text) ?? (index ? bound[Number(index) - 1] : undefined);
    if (chosen && bound.includes(chosen)) return answer(state.purpose, state.request, chosen, deps);
    return retry(REPLIES.identityChooseAgain);
  }

  const accountNumber = findAccountNumber(text);
  if (state.step === 'account' || (accountNumber && accountNumber !== state.accountNumber)) {
    if (!accountNumber) return retry(REPLIES.identityAccountInvalid);
    return askLastFour({ ...state, step: 'phone', accountNumber, misses: 0 });
  }

  const lastFour = findLastFour(text);
  if (!lastFour || !state.accountNumber) return retry(REPLIES.identityPhoneInvalid);
  return verify(state, state.accountNumber, lastFour, deps);
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
    return {
      intent: state.purpose,
      replies: [REPLIES.identityFailed],
      state: { ...state, step: 'account', accountNumber: undefined, misses: 0 },
    };
  }
  await accounts.bind(user, accountNumber, now, new Date(now.getTime() + POLICY.bindingMs));
  const step = await answer(state.purpose, state.request, accountNumber, deps);
  return { ...step, replies: [REPLIES.identityVerified, ...step.replies] };
}

async function lockOut(
  accountNumber: string,
  { accounts, user, now }: AccountFlowDeps,
): Promise<Date | undefined> {
  const since = new Date(
    now.getTime() -
      Math.max(POLICY.userWindowMs + POLICY.userLockMs, POLICY.accountWindowMs + POLICY.accountLockMs),
  );
  const failures = await accounts.recentFailures(user, accountNumber, since);
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
    if (asksAboutBalance && bills.some((b) => b.status === 'unpaid')) {
      replies.push(deps.paymentMethods.text);
      return { intent: purpose, replies, state: null, sources: [deps.paymentMethods.source] };
    }
    return { intent: purpose, replies, state: null };
  }
  const wanted = APPLICATION_NUMBER.exec(request)?.[0]?.toUpperCase();
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

function beijingTime(instant: Date): string {
  const day = shanghaiDate(instant);
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日${shanghaiTime(instant)}`;
}
