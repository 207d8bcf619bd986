import type { Hono } from 'hono';
import { ADMIN_PASSWORD } from './services.js';

export interface StaffSession {
  cookie: string;
  csrf: string;
}

/** Logs a staff member in through the API; throws when the login is refused. */
export async function staffSession(
  app: Hono,
  username = 'admin',
  password = ADMIN_PASSWORD,
): Promise<StaffSession> {
  const response = await app.request('/v1/staff/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`staff login answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

/** A staff API call on a session, with the CSRF header. */
export function staffCall(app: Hono, session: StaffSession, method: string, path: string, body?: unknown) {
  return app.request(path, {
    method,
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
