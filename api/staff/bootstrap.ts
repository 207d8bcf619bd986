import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { StaffStore } from '../../db/staff-store.js';
import { hashPassword } from './auth.js';

/**
 * The first staff account, `admin` (a supervisor), on an empty staff table: its password is
 * STAFF_BOOTSTRAP_PASSWORD (at least 12 characters, checked with the settings), or a random one
 * shown once on the terminal (`show`: standard error, never the log's stream) that must be changed
 * at the first login. Without either nothing is created.
 */
export async function bootstrapAdmin(
  staff: StaffStore,
  password: string | undefined,
  now: Date,
  logger: Logger,
  show?: (text: string) => void,
): Promise<void> {
  if ((await staff.count()) > 0) return;
  if (!password && !show) return;
  const chosen = password ?? randomBytes(12).toString('base64url');
  await staff.create({
    id: crypto.randomUUID(),
    username: 'admin',
    passwordHash: await hashPassword(chosen),
    role: 'supervisor',
    mustChangePassword: !password,
    createdAt: now,
  });
  if (password) logger.info('staff account admin created from STAFF_BOOTSTRAP_PASSWORD');
  else {
    show?.(
      `\nStaff account created: admin / ${chosen}  (shown once; change it at the first login, or set STAFF_BOOTSTRAP_PASSWORD to choose it)\n\n`,
    );
    logger.info('staff account admin created with a generated password, shown on the terminal');
  }
}
