import { asc, count, eq, lt } from 'drizzle-orm';
import { atomic, type Db } from './handle.js';
import { auditLog, staffSessions, staffUsers } from './schema.js';

export type StaffUser = typeof staffUsers.$inferSelect;
export type StaffSession = typeof staffSessions.$inferSelect;

export interface StaffStore {
  count(): Promise<number>;
  create(
    user: Omit<StaffUser, 'mustChangePassword' | 'disabledAt'> & { mustChangePassword?: boolean },
  ): Promise<void>;
  findByUsername(username: string): Promise<StaffUser | undefined>;
  findById(id: string): Promise<StaffUser | undefined>;
  /** Every staff member by user name (a transfer picks a colleague from it; a small table). */
  list(): Promise<Pick<StaffUser, 'id' | 'username' | 'role' | 'disabledAt'>[]>;
  /** A new password hash, chosen by its owner (no longer to be changed). */
  setPassword(id: string, passwordHash: string): Promise<void>;
  /**
   * A password someone else set (a supervisor's reset, `npm run staff -- reset-password`): to be
   * changed at the next login; every session of the account ends in the same write.
   */
  resetPassword(id: string, passwordHash: string): Promise<void>;
  /** Disables the account (`at`) and ends all its sessions at once, or enables it again (null). */
  setDisabled(id: string, at: Date | null): Promise<void>;
  createSession(session: StaffSession): Promise<void>;
  findSession(tokenHash: string): Promise<StaffSession | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: Date): Promise<void>;
  audit(staffId: string, action: string, target: string, at: Date): Promise<void>;
}

/** The staff store on either driver (better-sqlite3 or D1): see `Db` in ./handle.ts. */
export function createSqliteStaffStore(db: Db): StaffStore {
  return {
    async count() {
      return (await db.select({ n: count() }).from(staffUsers).get())?.n ?? 0;
    },
    async create(user) {
      await db.insert(staffUsers).values(user).run();
    },
    async findByUsername(username) {
      return db.select().from(staffUsers).where(eq(staffUsers.username, username)).get();
    },
    async findById(id) {
      return db.select().from(staffUsers).where(eq(staffUsers.id, id)).get();
    },
    async list() {
      return db
        .select({
          id: staffUsers.id,
          username: staffUsers.username,
          role: staffUsers.role,
          disabledAt: staffUsers.disabledAt,
        })
        .from(staffUsers)
        .orderBy(asc(staffUsers.username))
        .all();
    },
    async setPassword(id, passwordHash) {
      await db
        .update(staffUsers)
        .set({ passwordHash, mustChangePassword: false })
        .where(eq(staffUsers.id, id))
        .run();
    },
    async resetPassword(id, passwordHash) {
      await atomic(db, [
        db.update(staffUsers).set({ passwordHash, mustChangePassword: true }).where(eq(staffUsers.id, id)),
        db.delete(staffSessions).where(eq(staffSessions.staffId, id)),
      ]);
    },
    async setDisabled(id, at) {
      await atomic(db, [
        db.update(staffUsers).set({ disabledAt: at }).where(eq(staffUsers.id, id)),
        ...(at ? [db.delete(staffSessions).where(eq(staffSessions.staffId, id))] : []),
      ]);
    },
    async createSession(session) {
      await db.insert(staffSessions).values(session).run();
    },
    async findSession(tokenHash) {
      return db.select().from(staffSessions).where(eq(staffSessions.tokenHash, tokenHash)).get();
    },
    async deleteSession(tokenHash) {
      await db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash)).run();
    },
    async deleteExpiredSessions(now) {
      await db.delete(staffSessions).where(lt(staffSessions.expiresAt, now)).run();
    },
    async audit(staffId, action, target, at) {
      await db.insert(auditLog).values({ staffId, action, target, at }).run();
    },
  };
}
