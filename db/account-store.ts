import { and, asc, desc, eq, gt, gte } from 'drizzle-orm';
import type { Db } from './handle.js';
import {
  accountBindings,
  accounts,
  applicationEvents,
  applications,
  bills,
  conversations,
  verificationAttempts,
} from './schema.js';
import type { Channel } from './store.js';

export type Account = typeof accounts.$inferSelect;
export type Bill = typeof bills.$inferSelect;
export type Application = typeof applications.$inferSelect;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;

export interface ChannelUser {
  channel: Channel;
  userId: string;
}

/** A conversation of one of an account's chat users (the console's earlier conversations). */
export interface AccountConversation {
  id: string;
  channel: Channel;
  userId: string;
  mode: 'bot' | 'handoff';
  updatedAt: Date;
  /** When that chat user proved to own the account (most recently). */
  verifiedAt: Date;
}

/** Customer accounts, bills and applications, and who has proved to own which account. */
export interface AccountStore {
  findAccount(accountNumber: string): Promise<Account | undefined>;
  /** Newest first; at most `limit` when given (the console's side panel reads the latest few). */
  listBills(accountNumber: string, limit?: number): Promise<Bill[]>;
  /** Newest first; at most `limit` when given. */
  listApplications(accountNumber: string, limit?: number): Promise<Application[]>;
  findApplication(number: string): Promise<Application | undefined>;
  listApplicationEvents(number: string): Promise<ApplicationEvent[]>;
  /** Accounts this channel user has proved to own and whose binding has not expired. */
  boundAccounts(user: ChannelUser, now: Date): Promise<string[]>;
  bind(user: ChannelUser, accountNumber: string, verifiedAt: Date, expiresAt: Date): Promise<void>;
  /**
   * The conversations of the chat users who proved to own the account (expired bindings too), the
   * latest verified first, at most `limit`: a range of the (account, verified) index, each joined
   * to its conversation on the (channel, user) index.
   */
  conversationsOfAccount(accountNumber: string, limit: number): Promise<AccountConversation[]>;
  /** Removes the user's bindings (one account, or all); returns how many were removed. */
  unbind(user: ChannelUser, accountNumber?: string): Promise<number>;
  recordAttempt(user: ChannelUser, accountNumber: string, succeeded: boolean, at: Date): Promise<void>;
  /** When the failed attempts since `since` happened: by this user on this account, and by anyone on it. */
  recentFailures(
    user: ChannelUser,
    accountNumber: string,
    since: Date,
  ): Promise<{ byUser: Date[]; byAnyone: Date[] }>;
}

/** The account store on either driver (better-sqlite3 or D1): see `Db` in ./handle.ts. */
export function createSqliteAccountStore(db: Db): AccountStore {
  return {
    async findAccount(accountNumber) {
      return db.select().from(accounts).where(eq(accounts.accountNumber, accountNumber)).get();
    },
    async listBills(accountNumber, limit) {
      const query = db
        .select()
        .from(bills)
        .where(eq(bills.accountNumber, accountNumber))
        .orderBy(desc(bills.period));
      return (limit === undefined ? query : query.limit(limit)).all();
    },
    async listApplications(accountNumber, limit) {
      const query = db
        .select()
        .from(applications)
        .where(eq(applications.accountNumber, accountNumber))
        .orderBy(desc(applications.acceptedOn));
      return (limit === undefined ? query : query.limit(limit)).all();
    },
    async findApplication(number) {
      return db.select().from(applications).where(eq(applications.number, number)).get();
    },
    async listApplicationEvents(number) {
      return db
        .select()
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationNumber, number))
        .orderBy(asc(applicationEvents.startedOn), asc(applicationEvents.id))
        .all();
    },
    async boundAccounts({ channel, userId }, now) {
      const rows = await db
        .select({ accountNumber: accountBindings.accountNumber })
        .from(accountBindings)
        .where(
          and(
            eq(accountBindings.channel, channel),
            eq(accountBindings.userId, userId),
            gt(accountBindings.expiresAt, now),
          ),
        )
        .orderBy(asc(accountBindings.verifiedAt))
        .all();
      return rows.map((row) => row.accountNumber);
    },
    async conversationsOfAccount(accountNumber, limit) {
      // The account's chat users, the latest verified first (the (account, verified) index), each
      // joined to its conversation on the (channel, user) unique index: `limit` rows at most.
      return db
        .select({
          id: conversations.id,
          channel: conversations.channel,
          userId: conversations.userId,
          mode: conversations.mode,
          updatedAt: conversations.updatedAt,
          verifiedAt: accountBindings.verifiedAt,
        })
        .from(accountBindings)
        .innerJoin(
          conversations,
          and(
            eq(conversations.channel, accountBindings.channel),
            eq(conversations.userId, accountBindings.userId),
          ),
        )
        .where(eq(accountBindings.accountNumber, accountNumber))
        .orderBy(desc(accountBindings.verifiedAt))
        .limit(limit)
        .all();
    },
    async bind({ channel, userId }, accountNumber, verifiedAt, expiresAt) {
      await db
        .insert(accountBindings)
        .values({ channel, userId, accountNumber, verifiedAt, expiresAt })
        .onConflictDoUpdate({
          target: [accountBindings.channel, accountBindings.userId, accountBindings.accountNumber],
          set: { verifiedAt, expiresAt },
        })
        .run();
    },
    async unbind({ channel, userId }, accountNumber) {
      const conditions = [eq(accountBindings.channel, channel), eq(accountBindings.userId, userId)];
      if (accountNumber) conditions.push(eq(accountBindings.accountNumber, accountNumber));
      const removed = await db
        .delete(accountBindings)
        .where(and(...conditions))
        .returning({ accountNumber: accountBindings.accountNumber })
        .all();
      return removed.length;
    },
    async recordAttempt({ channel, userId }, accountNumber, succeeded, at) {
      await db.insert(verificationAttempts).values({ channel, userId, accountNumber, succeeded, at }).run();
    },
    async recentFailures({ channel, userId }, accountNumber, since) {
      const rows = await db
        .select({
          channel: verificationAttempts.channel,
          userId: verificationAttempts.userId,
          at: verificationAttempts.at,
        })
        .from(verificationAttempts)
        .where(
          and(
            eq(verificationAttempts.accountNumber, accountNumber),
            eq(verificationAttempts.succeeded, false),
            gte(verificationAttempts.at, since),
          ),
        )
        .orderBy(asc(verificationAttempts.at))
        .all();
      return {
        byUser: rows.filter((r) => r.channel === channel && r.userId === userId).map((r) => r.at),
        byAnyone: rows.map((r) => r.at),
      };
    },
  };
}
