/**
 * Proving who you are in chat: the account number (户号) and the last four digits of the phone
 * on the account. Pure rules; the flow in api/assistant/flows/account.ts applies them.
 */

export const IDENTITY_POLICY = {
  /** A channel user stays bound to a verified account this long. */
  bindingMs: 30 * 24 * 60 * 60 * 1000,
  /** Failures by one user on one account that lock that user out of it … */
  userMaxFailures: 3,
  /** … when they fall within this window … */
  userWindowMs: 15 * 60 * 1000,
  /** … for this long after the last of them. */
  userLockMs: 15 * 60 * 1000,
  /** Failures on one account by anyone, across users, that pause all checks on it. */
  accountMaxFailures: 10,
  accountWindowMs: 60 * 60 * 1000,
  accountLockMs: 60 * 60 * 1000,
} as const;

/**
 * The end of a lock-out, if these failure times (oldest first) contain `max` failures within
 * `windowMs` whose last one is less than `lockMs` ago.
 */
export function lockedUntil(
  failures: readonly Date[],
  max: number,
  windowMs: number,
  lockMs: number,
  now: Date,
): Date | undefined {
  let until: number | undefined;
  for (let i = max - 1; i < failures.length; i++) {
    const last = failures[i]?.getTime() ?? 0;
    const first = failures[i - max + 1]?.getTime() ?? 0;
    if (last - first <= windowMs) until = Math.max(until ?? 0, last + lockMs);
  }
  return until !== undefined && until > now.getTime() ? new Date(until) : undefined;
}

export function findAccountNumber(text: string): string | undefined {
  return /(?<!\d)(\d{10})(?!\d)/.exec(text)?.[1];
}

/** The four digits of a reply such as "1234", "后四位是1234", "1234。". */
export function findLastFour(text: string): string | undefined {
  const digits = text.match(/\d+/g);
  return digits?.length === 1 && digits[0]?.length === 4 ? digits[0] : undefined;
}

export function phoneMatches(phone: string, lastFour: string): boolean {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 && digits.endsWith(lastFour);
}

/** 张三 → 张*, 李四便利店 → 李****. */
export function maskName(name: string): string {
  const chars = [...name];
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** 13800001234 → 138****1234. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}
