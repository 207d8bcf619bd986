import * as crypto from 'node:crypto';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_PASSWORD, startTestServices, type TestServices } from './support/services.js';

// Every password check is one scrypt call: counted here, so a test can tell how many were made.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const passwordChecks = () => vi.mocked(crypto.scrypt).mock.calls.length;

let now = Date.parse('2026-11-26T02:00:00Z');
const clock = () => new Date(now);
let lines: Record<string, unknown>[] = [];

let service: TestServices;
beforeEach(async () => {
  now = Date.parse('2026-11-26T02:00:00Z');
  lines = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  service = await startTestServices({ STAFF_LOGIN_LIMIT_PER_MINUTE: '30' }, { clock, logger });
  vi.mocked(crypto.scrypt).mockClear();
});
afterEach(() => service.dispose());

/** A login attempt from a client address (as @hono/node-server hands the app its socket). */
function login(
  username: string,
  password: string,
  address = '203.0.113.10',
  contentType = 'application/json',
) {
  return service.app.request(
    '/v1/staff/session',
    {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: JSON.stringify({ username, password }),
    },
    { incoming: { socket: { remoteAddress: address } } },
  );
}

async function answer(response: Response) {
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as { error?: { code: string } },
  };
}

describe('staff login throttling', () => {
  it('lets the right password in from another address after 20 wrong ones from one', async () => {
    for (let i = 0; i < 20; i++) await login('admin', `wrong-password-${i}`, '203.0.113.66');
    expect((await login('admin', ADMIN_PASSWORD, '198.51.100.20')).status).toBe(200);
  });

  it('checks no more passwords for 60 guesses fired at once than for 60 one after another', async () => {
    for (let i = 0; i < 60; i++) await login('admin', `serial-guess-${i}`, '203.0.113.1');
    const serial = passwordChecks();
    vi.mocked(crypto.scrypt).mockClear();
    now += 3600_000;
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => login('admin', `parallel-guess-${i}`, '203.0.113.2')),
    );
    const parallel = passwordChecks();
    expect(serial).toBeGreaterThan(0);
    expect(parallel).toBeLessThanOrEqual(serial);
    expect(serial).toBeLessThanOrEqual(5);
  });

  it('delays further guesses more and more, never refusing a guess once its delay has passed', async () => {
    for (let i = 0; i < 5; i++) expect((await login('admin', `guess-${i}`)).status).toBe(401);
    const refused = await answer(await login('admin', ADMIN_PASSWORD));
    expect(refused).toMatchObject({
      status: 429,
      retryAfter: '1',
      body: { error: { code: 'too_many_attempts' } },
    });
    now += 1000;
    expect((await login('admin', 'guess-5')).status).toBe(401);
    expect((await answer(await login('admin', ADMIN_PASSWORD))).retryAfter).toBe('2');
    now += 2000;
    expect((await login('admin', ADMIN_PASSWORD)).status).toBe(200);
    // A success starts the count again.
    expect((await login('admin', 'guess-after')).status).toBe(401);
  });

  it('answers an unknown user name exactly as it answers a known one, delayed or not', async () => {
    const first = [await answer(await login('admin', 'wrong')), await answer(await login('nobody', 'wrong'))];
    expect(first[0]).toEqual(first[1]);
    expect(first[0]).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });
    for (let i = 0; i < 5; i++) {
      await login('admin', `guess-${i}`);
      await login('nobody', `guess-${i}`);
    }
    const delayed = [
      await answer(await login('admin', 'wrong')),
      await answer(await login('nobody', 'wrong')),
    ];
    expect(delayed[0]).toEqual(delayed[1]);
    expect(delayed[0]?.status).toBe(429);
    // An unknown name costs a password check like a known one (the same time to answer).
    vi.mocked(crypto.scrypt).mockClear();
    now += 3600_000;
    await login('admin', 'wrong');
    await login('someone-else', 'wrong');
    expect(passwordChecks()).toBe(2);
  });

  it('holds one client address to STAFF_LOGIN_LIMIT_PER_MINUTE attempts, whatever the names', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await login(`name-${i}`, 'wrong', '203.0.113.77')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    const over = await answer(await login('admin', ADMIN_PASSWORD, '203.0.113.77'));
    expect(over).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect((await login('admin', ADMIN_PASSWORD, '203.0.113.78')).status).toBe(200);
    now += 60_000;
    expect((await login('admin', ADMIN_PASSWORD, '203.0.113.77')).status).toBe(200);
  });

  it('logs failed and refused logins with the user name and address, never the password', async () => {
    for (let i = 0; i < 6; i++) await login('admin', `secret-guess-${i}`, '203.0.113.9');
    const logins = lines.filter((l) => String(l.msg).startsWith('staff login'));
    expect(logins.filter((l) => l.msg === 'staff login failed')).toHaveLength(5);
    expect(logins.find((l) => l.msg === 'staff login failed')).toMatchObject({
      username: 'admin',
      address: '203.0.113.9',
    });
    expect(logins.some((l) => l.msg === 'staff login delayed')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('secret-guess');
  });

  it('takes a login only as application/json (no cross-site form or text/plain login)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const refused = await login('admin', ADMIN_PASSWORD, '203.0.113.5', type);
      expect(refused.status).toBe(415);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
        'unsupported_media_type',
      );
    }
    expect(
      (await login('admin', ADMIN_PASSWORD, '203.0.113.5', 'application/json; charset=utf-8')).status,
    ).toBe(200);
  });
});
