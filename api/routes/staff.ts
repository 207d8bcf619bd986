import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { StaffStore, StaffUser } from '../../db/staff-store.js';
import { ApiError, badRequest } from '../errors.js';
import {
  hashPassword,
  hashToken,
  newToken,
  requireStaff,
  SESSION_COOKIE,
  SESSION_MS,
  staffOf,
  verifyPassword,
} from '../staff/auth.js';
import type { LoginThrottle } from '../staff/login-throttle.js';
import { resetStaffPassword } from '../staff/reset.js';
import { parseOrThrow, readJsonObject, saysJson } from './validation.js';

const loginSchema = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
const newStaffSchema = z.object({
  username: z.string().regex(/^[a-z0-9_.-]{3,32}$/, 'username: 3-32 lower-case letters, digits, _ . -'),
  password: z.string().min(12).max(200),
  role: z.enum(['agent', 'supervisor']),
});
const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(12).max(200),
});
// A hash to compare against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = hashPassword('not-a-real-password');

/** Staff accounts: a supervisor creates them, disables and enables them, and resets a password. */
export function staffUserRoutes({ staff, clock }: { staff: StaffStore; clock: () => Date }) {
  const supervisorOnly = (c: Context) => {
    const me = staffOf(c);
    if (me.role !== 'supervisor')
      throw new ApiError(403, 'supervisor_only', 'only a supervisor can manage staff accounts');
    return me;
  };
  const target = async (c: Context) => {
    const username = c.req.param('username') ?? '';
    const user = await staff.findByUsername(username);
    if (!user) throw new ApiError(404, 'not_found', `no staff member ${username}`);
    return user;
  };
  const view = (user: StaffUser) => ({
    username: user.username,
    role: user.role,
    disabled: user.disabledAt !== null,
    mustChangePassword: user.mustChangePassword,
  });
  return new Hono()
    .post('/:username/disable', requireStaff(staff, clock), async (c) => {
      const me = supervisorOnly(c);
      const user = await target(c);
      if (user.id === me.id)
        throw badRequest('cannot_disable_self', 'a supervisor cannot disable their own account');
      const now = clock();
      // Its sessions end in the same write: an open console page gets 401 on its next request.
      await staff.setDisabled(user.id, now);
      await staff.audit(me.id, 'disable_staff', user.username, now);
      return c.json(view({ ...user, disabledAt: now }));
    })
    .post('/:username/enable', requireStaff(staff, clock), async (c) => {
      const me = supervisorOnly(c);
      const user = await target(c);
      await staff.setDisabled(user.id, null);
      await staff.audit(me.id, 'enable_staff', user.username, clock());
      return c.json(view({ ...user, disabledAt: null }));
    })
    .post('/:username/reset-password', requireStaff(staff, clock), async (c) => {
      const me = supervisorOnly(c);
      const user = await target(c);
      const temporaryPassword = await resetStaffPassword(staff, user);
      await staff.audit(me.id, 'reset_password', user.username, clock());
      return c.json({ ...view({ ...user, mustChangePassword: true }), temporaryPassword });
    })
    .post('/', requireStaff(staff, clock), async (c) => {
      const me = supervisorOnly(c);
      const input = parseOrThrow(newStaffSchema, await readJsonObject(c.req.raw), { role: 'unknown_role' });
      if (await staff.findByUsername(input.username))
        throw new ApiError(409, 'username_taken', 'that username exists');
      const now = clock();
      const id = crypto.randomUUID();
      await staff.create({
        id,
        username: input.username,
        passwordHash: await hashPassword(input.password),
        role: input.role,
        createdAt: now,
      });
      await staff.audit(me.id, 'create_staff', input.username, now);
      return c.json({ id, username: input.username, role: input.role }, 201);
    });
}

/**
 * Console sessions: log in (httpOnly, SameSite=Strict cookie + CSRF token), log out. A login is a
 * JSON request only (a cross-site form or `text/plain` post cannot log a browser in), and is
 * throttled per user name and client address before its password is checked.
 */
export function staffSessionRoutes({
  staff,
  clock,
  secureCookies,
  loginThrottle,
}: {
  staff: StaffStore;
  clock: () => Date;
  secureCookies: boolean;
  loginThrottle: LoginThrottle;
}) {
  return new Hono()
    .post('/', async (c) => {
      if (!saysJson(c.req.header('content-type'))) {
        throw new ApiError(415, 'unsupported_media_type', 'a login is sent as application/json');
      }
      const { username, password } = parseOrThrow(loginSchema, await readJsonObject(c.req.raw));
      const attempt = await loginThrottle.attempt(username, c.get('clientAddress'));
      // An unknown user name costs the same password check as a known one.
      const user = await staff.findByUsername(username);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
      // A disabled account answers as a wrong password does: nothing to learn by trying.
      if (!user || !ok || user.disabledAt) {
        await attempt.failed();
        throw new ApiError(401, 'invalid_credentials', 'wrong username or password');
      }
      await attempt.succeeded();
      const now = clock();
      await staff.deleteExpiredSessions(now);
      const token = newToken();
      const csrfToken = newToken();
      await staff.createSession({
        tokenHash: hashToken(token),
        staffId: user.id,
        csrfToken,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_MS),
      });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: secureCookies,
        path: '/',
        maxAge: SESSION_MS / 1000,
      });
      return c.json({
        csrfToken,
        username: user.username,
        role: user.role,
        mustChangePassword: user.mustChangePassword,
      });
    })
    .delete('/', requireStaff(staff, clock, { beforePasswordChange: true }), async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await staff.deleteSession(hashToken(token));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    });
}

/**
 * A staff member changes their own password (the current one, and a new one of at least 12
 * characters); a generated first password must be changed this way before anything else. The
 * current password is checked under the login's throttle.
 */
export function staffPasswordRoutes({
  staff,
  clock,
  loginThrottle,
}: {
  staff: StaffStore;
  clock: () => Date;
  loginThrottle: LoginThrottle;
}) {
  return new Hono().post('/', requireStaff(staff, clock, { beforePasswordChange: true }), async (c) => {
    const me = staffOf(c);
    const input = parseOrThrow(passwordChangeSchema, await readJsonObject(c.req.raw));
    const attempt = await loginThrottle.attempt(me.username, c.get('clientAddress'));
    if (!(await verifyPassword(input.currentPassword, me.passwordHash))) {
      await attempt.failed();
      throw badRequest('wrong_password', 'currentPassword is not the current password');
    }
    await attempt.succeeded();
    if (input.newPassword === input.currentPassword)
      throw badRequest('same_password', 'newPassword must differ from the current password');
    await staff.setPassword(me.id, await hashPassword(input.newPassword));
    await staff.audit(me.id, 'change_password', me.username, clock());
    return c.json({ username: me.username, mustChangePassword: false });
  });
}
