import { parseConfig } from '../api/config.js';
import { resetStaffPassword } from '../api/staff/reset.js';
import { openDatabase } from '../db/client.js';
import { createSqliteStaffStore } from '../db/staff-store.js';

/**
 * `npm run staff -- reset-password <username>`: a new generated password for a staff account in
 * DATABASE_PATH (to be changed at the next login; its sessions end; a disabled account is enabled
 * again), shown once on standard output. For when the only supervisor's password is lost.
 */
const [command, username] = process.argv.slice(2);
if (command !== 'reset-password' || !username) {
  console.error('usage: npm run staff -- reset-password <username>');
  process.exit(2);
}
const config = parseConfig(process.env);
const database = openDatabase(config.DATABASE_PATH);
try {
  const staff = createSqliteStaffStore(database.db);
  const user = await staff.findByUsername(username);
  if (!user) {
    console.error(`no staff account ${username} in ${config.DATABASE_PATH}`);
    process.exitCode = 1;
  } else {
    const password = await resetStaffPassword(staff, user);
    if (user.disabledAt) await staff.setDisabled(user.id, null);
    await staff.audit('cli', 'reset_password', user.username, new Date());
    console.log(`${user.username}: new password ${password} (shown once; to be changed at the next login)`);
  }
} finally {
  database.close();
}
