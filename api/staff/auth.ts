import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { StaffStore, StaffUser } from '../../db/staff-store.js';
import { ApiError } from '../errors.js';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
) => Promise<Buffer>;

export const SESSION_COOKIE = 'staff_session';
export const SESSION_MS = 12 * 3600_000;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface StaffContext {
  staff: StaffUser;
  csrfToken: string;
}

/** The staff member whose unexpired session cookie the request carries, with the session's CSRF token. */
export async function signedInStaff(
  c: Context,
  staffStore: StaffStore,
  now: Date,
): Promise<StaffContext | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await staffStore.findSession(hashToken(token)) : undefined;
  if (!session || session.expiresAt.getTime() <= now.getTime()) return undefined;
  const staff = await staffStore.findById(session.staffId);
  // A disabled account's sessions were ended with it; this refuses any that slipped past.
  return staff && !staff.disabledAt ? { staff, csrfToken: session.csrfToken } : undefined;
}

/**
 * Staff endpoints: a valid session cookie or 401; every state-changing request also carries the
 * session's CSRF token in `x-csrf-token`, or 403; a staff member whose password must be changed (a
 * generated first password) may do nothing else until it is (403 `password_change_required`),
 * except where `beforePasswordChange` (changing it, logging out).
 */
export function requireStaff(
  staffStore: StaffStore,
  clock: () => Date,
  options: { beforePasswordChange?: boolean } = {},
): MiddlewareHandler<{ Variables: { staff: StaffContext } }> {
  return async function staffOnly(c, next) {
    const signedIn = await signedInStaff(c, staffStore, clock());
    if (!signedIn)
      throw new ApiError(401, 'unauthorized', 'staff session required: log in at POST /v1/staff/session');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const given = Buffer.from(c.req.header('x-csrf-token') ?? '');
      const expected = Buffer.from(signedIn.csrfToken);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new ApiError(
          403,
          'csrf_token_invalid',
          'state-changing staff requests need the x-csrf-token of the session',
        );
      }
    }
    if (signedIn.staff.mustChangePassword && !options.beforePasswordChange) {
      throw new ApiError(
        403,
        'password_change_required',
        'the first password must be changed before anything else: POST /v1/staff/password',
      );
    }
    c.set('staff', signedIn);
    await next();
  };
}

export function staffOf(c: Context): StaffUser {
  return (c.get('staff') as StaffContext).staff;
}
