import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices, webUser } from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** Supervisors disable accounts (their sessions end at once) and reset passwords; a CLI for the last resort. */
let service: TestServices;
let admin: StaffSession;
beforeEach(async () => {
  service = await startTestServices();
  admin = await staffSession(service.app);
  const created = await staffCall(service.app, admin, 'POST', '/v1/staff/users', {
    username: 'wang',
    password: 'agent-password-1',
    role: 'agent',
  });
  expect(created.status).toBe(201);
});
afterEach(() => service.dispose());

const code = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

describe('staff accounts', () => {
  it('ends a disabled agent’s sessions at once, refuses their login, and lets them back when enabled', async () => {
    const wang = await staffSession(service.app, 'wang', 'agent-password-1');
    const { conversationId } = await service.say('转人工', webUser());
    expect((await staffCall(service.app, wang, 'GET', '/v1/handoffs')).status).toBe(200);

    const disabled = await staffCall(service.app, admin, 'POST', '/v1/staff/users/wang/disable');
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ username: 'wang', disabled: true });
    // The open session's next action: 401, whatever it is.
    expect((await staffCall(service.app, wang, 'POST', `/v1/handoffs/${conversationId}/take`)).status).toBe(
      401,
    );
    expect((await service.app.request('/console/queue', { headers: { cookie: wang.cookie } })).status).toBe(
      302,
    );
    await expect(staffSession(service.app, 'wang', 'agent-password-1')).rejects.toThrow('401');

    expect((await staffCall(service.app, admin, 'POST', '/v1/staff/users/wang/enable')).status).toBe(200);
    const back = await staffSession(service.app, 'wang', 'agent-password-1');
    expect((await staffCall(service.app, back, 'GET', '/v1/handoffs')).status).toBe(200);
    const audits = service.database.sqlite
      .prepare("select action, target from audit_log where action like '%able_staff'")
      .all();
    expect(audits).toEqual([
      { action: 'disable_staff', target: 'wang' },
      { action: 'enable_staff', target: 'wang' },
    ]);
  });

  it('resets a password: a generated one, to be changed at the next login, and the old sessions end', async () => {
    const wang = await staffSession(service.app, 'wang', 'agent-password-1');
    const reset = await staffCall(service.app, admin, 'POST', '/v1/staff/users/wang/reset-password');
    expect(reset.status).toBe(200);
    const body = (await reset.json()) as { temporaryPassword: string; mustChangePassword: boolean };
    expect(body.mustChangePassword).toBe(true);
    expect(body.temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect((await staffCall(service.app, wang, 'GET', '/v1/handoffs')).status).toBe(401);
    await expect(staffSession(service.app, 'wang', 'agent-password-1')).rejects.toThrow('401');
    const fresh = await staffSession(service.app, 'wang', body.temporaryPassword);
    const before = await staffCall(service.app, fresh, 'GET', '/v1/handoffs');
    expect(before.status).toBe(403);
    expect(await code(before)).toBe('password_change_required');
  });

  it('is for supervisors only, not on oneself, and 404 for nobody', async () => {
    const wang = await staffSession(service.app, 'wang', 'agent-password-1');
    const byAgent = await staffCall(service.app, wang, 'POST', '/v1/staff/users/admin/disable');
    expect(byAgent.status).toBe(403);
    expect(await code(byAgent)).toBe('supervisor_only');
    expect((await staffCall(service.app, wang, 'POST', '/v1/staff/users/admin/reset-password')).status).toBe(
      403,
    );
    const self = await staffCall(service.app, admin, 'POST', '/v1/staff/users/admin/disable');
    expect(self.status).toBe(400);
    expect(await code(self)).toBe('cannot_disable_self');
    expect((await staffCall(service.app, admin, 'POST', '/v1/staff/users/nobody/disable')).status).toBe(404);
    const noCsrf = await service.app.request('/v1/staff/users/wang/disable', {
      method: 'POST',
      headers: { cookie: admin.cookie },
    });
    expect(noCsrf.status).toBe(403);
  });

  it('`npm run staff -- reset-password admin` gives the only supervisor a way back in', async () => {
    const database = join(service.dir, 'assistant.db');
    const run = spawnSync('npx', ['tsx', 'scripts/staff.ts', 'reset-password', 'admin'], {
      env: { ...process.env, DATABASE_PATH: database, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const password = /new password (\S+)/.exec(run.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    const signedIn = await service.app.request('/v1/staff/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({ mustChangePassword: true });

    const usage = spawnSync('npx', ['tsx', 'scripts/staff.ts', 'reset-password'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    const unknown = spawnSync('npx', ['tsx', 'scripts/staff.ts', 'reset-password', 'nobody'], {
      env: { ...process.env, DATABASE_PATH: database },
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(1);
  });
});
