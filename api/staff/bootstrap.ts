import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { StaffStore } from '../../db/staff-store.js';
import { hashPassword } from './auth.js';

/**
 * The first staff account, `admin` (a supervisor), on an empty staff table: its password is
 * STAFF_BOOTSTRAP_PASSWORD, or a random one printed once to the terminal (never to the log).
 */
export async function bootstrapAdmin(
  staff: StaffStore,
  password: string | undefined,
  now: Date,
  logger: Logger,
): Promise<void> {
  if ((await staff.count()) > 0) return;
  const chosen = password ?? randomBytes(12).toString('base64url');
  await staff.create({
    id: crypto.randomUUID(),
    username: 'admin',
    passwordHash: await hashPassword(chosen),
    role: 'supervisor',
    createdAt: now,
  });
  if (password) logger.info('staff account admin created from STAFF_BOOTSTRAP_PASSWORD');
  else
    process.stdout.write(
      `\nStaff account created: admin / ${chosen}  (shown once; set STAFF_BOOTSTRAP_PASSWORD to choose it)\n\n`,
    );
}
