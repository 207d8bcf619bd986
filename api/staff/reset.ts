import { randomBytes } from 'node:crypto';
import type { StaffStore, StaffUser } from '../../db/staff-store.js';
import { hashPassword } from './auth.js';

/**
 * Gives the account a generated password, to be changed at its next login, and ends its sessions:
 * a supervisor's reset (POST /v1/staff/users/:username/reset-password) and the way back in when the
 * only supervisor's password is lost (`npm run staff -- reset-password <username>`).
 */
export async function resetStaffPassword(staff: StaffStore, user: StaffUser): Promise<string> {
  const temporaryPassword = randomBytes(12).toString('base64url');
  await staff.resetPassword(user.id, await hashPassword(temporaryPassword));
  return temporaryPassword;
}
