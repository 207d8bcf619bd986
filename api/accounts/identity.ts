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

/**
 * Digits as customers type them on phones: full-width (１２３４) and other compatibility forms
 * folded by NFKC, and the separators people put inside a number ("1000 000 001", "138-0013-8000",
 * "(0571) 1234 5678") taken out, so each number is one run of digits.
 */
export function joinDigitGroups(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[()（）]/g, ' ')
    .replace(/(?<=\d)[\s\-‐‑–—_.·・/]+(?=\d)/g, '');
}

/**
 * The account number (10 digits) in a message: "1000000001", "我的户号是１０００ ０００ ００１",
 * "1000-000-001". A 10-digit run typed as one piece wins, so "1000000001 1234" (account number and
 * last four in one message) still finds the account; otherwise groups split by spaces or dashes
 * are joined. Longer runs (a phone number, a case number) are not account numbers.
 */
export function findAccountNumber(text: string): string | undefined {
  const folded = text.normalize('NFKC');
  return (
    /(?<![\d-])(\d{10})(?![\d-])/.exec(folded)?.[1] ??
    /(?<!\d)(\d{10})(?!\d)/.exec(joinDigitGroups(folded))?.[1]
  );
}

/**
 * The four digits of a reply such as "1234", "后四位是１２３４", "12 34", "尾号1234谢谢"; the whole
 * mobile number ("13800001234", "+86 138 0000 1234") gives its last four too (the customer knows
 * it, so it proves no less). The account number, when the same message carries it, is not the
 * answer; several candidate numbers are ambiguous and give none.
 */
export function findLastFour(text: string, accountNumber?: string): string | undefined {
  const folded = text.normalize('NFKC');
  let withoutAccount = joinDigitGroups(accountNumber ? folded.replace(accountNumber, ' ') : folded);
  if (accountNumber) withoutAccount = withoutAccount.replace(accountNumber, ' ');
  const runs = (withoutAccount.match(/\+?\d+/g) ?? []).map(nationalNumber);
  if (runs.length !== 1) return undefined;
  const [run] = runs as [string];
  if (run.length === 4) return run;
  if (/^1[3-9]\d{9}$/.test(run)) return run.slice(-4);
  return undefined;
}

/** "+8613800001234", "008613800001234", "8613800001234" → "13800001234"; anything else as it is. */
export function nationalNumber(run: string): string {
  const digits = run.replace(/^\+/, '');
  const mobile = /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits)?.[1];
  if (mobile) return mobile;
  const landline = /^(?:0086|86)(\d{9,11})$/.exec(digits)?.[1];
  if (landline && run.startsWith('+')) return `0${landline}`;
  return digits;
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
