import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { PUSH_CHANNELS, type PushChannel } from '../vocabulary/channels.js';
import { atomic, type Db, isUniqueViolation, onlyRow, type Statement } from './handle.js';
import {
  accountBindings,
  accounts,
  conversations,
  deliveries,
  messages,
  type OUTAGE_KINDS,
  type OUTAGE_STATUSES,
  outageAreas,
  outageLinks,
  outageNotices,
  outageOptOuts,
  outages,
  tallies,
} from './schema.js';
import { addToTally } from './tallies.js';

export type Outage = typeof outages.$inferSelect;
export type OutageKind = (typeof OUTAGE_KINDS)[number];
export type OutageStatus = (typeof OUTAGE_STATUSES)[number];
export type NoticeStage = (typeof outageNotices.$inferSelect)['stage'];

/** Far ahead: the `until` of an outage whose end nobody knows yet. */
export const OPEN_END = new Date(Date.UTC(9999, 0, 1));

/** Reports absorbed by a known outage instead of opening a repair case (db/tallies.ts). */
export const ABSORBED_TALLY = 'outage_reports_absorbed';

export interface NewOutage {
  id: string;
  kind: OutageKind;
  areas: string[];
  startsAt: Date;
  endsAt: Date | null;
  expectedRestoreAt: Date | null;
  reason: string;
  createdBy: string;
}

export interface OutageChange {
  endsAt?: Date;
  expectedRestoreAt?: Date;
  status?: Exclude<OutageStatus, 'active'>;
  note?: string;
}

/** Where a page of the outage list ended: the last one's start and id. */
export interface OutagePosition {
  startsAt: number;
  id: string;
}

/** A customer's chat: where a message to them goes. */
export interface Recipient {
  conversationId: string;
  channel: string;
  userId: string;
}

/** A message to a customer outside a turn: into the transcript, and the outbox on push channels. */
export interface Telling {
  recipient: Recipient;
  text: string;
}

/** Rows a batch writes at most (D1 binds at most 100 parameters to a statement, and a batch stays small). */
export const OUTAGE_BATCH = 100;

/**
 * Outages (planned and faults) by area and time; the customers a fault absorbed; the notices of
 * planned ones. Every read is a range of an index: an area's open outages, a page of the list, a
 * batch of customers still to tell. Nothing reads the history.
 */
export interface OutageStore {
  create(outage: NewOutage, numberPrefix: string, at: Date): Promise<Outage>;
  get(id: string): Promise<Outage | undefined>;
  /** A page of the list, latest start first: all, active only, of one area. */
  page(request: {
    active?: boolean;
    area?: string;
    after?: OutagePosition;
    limit: number;
  }): Promise<{ items: Outage[]; next?: OutagePosition }>;
  /** The active outages of an area that are not over at `now` and start by `horizon`, soonest first. */
  activeIn(area: string, now: Date, horizon: Date): Promise<Outage[]>;
  /**
   * Changes an outage; a change customers are told of (a new expected restoration or end, restored,
   * cancelled) starts a new version, to be told to its linked customers.
   */
  update(id: string, change: OutageChange, at: Date): Promise<Outage | undefined>;
  /** Links a customer's report to the outage (once per conversation); counts the absorbed report. */
  link(outage: Outage, conversationId: string, at: Date): Promise<void>;
  /** Outages with something still to tell (a change to linked customers, a cancellation), a few at a time. */
  withTellingPending(limit: number): Promise<Outage[]>;
  /** Linked customers not yet told of `version`, a batch. */
  linkedToTell(outageId: string, version: number, limit: number): Promise<Recipient[]>;
  /** Tells linked customers (message + outbox in one write) and marks them told of `version`. */
  tellLinked(outageId: string, version: number, tellings: Telling[], at: Date): Promise<void>;
  /** Nothing more to tell of `version` (a newer version keeps the outage pending). */
  doneTelling(outageId: string, version: number): Promise<void>;
  /** Planned outages still active that start in (now, horizon] and have a notice stage not done. */
  plannedStartingBy(now: Date, horizon: Date, limit: number): Promise<Outage[]>;
  /**
   * Chat users of push channels with an account bound in `area`, who have not opted out and have
   * not had this notice: a batch, by account number from `fromAccount` (a user with two accounts
   * there may come twice; callers keep the first).
   */
  noticeRecipients(
    outage: Outage,
    area: string,
    stage: NoticeStage,
    fromAccount: string,
    limit: number,
  ): Promise<(Recipient & { accountNumber: string })[]>;
  /**
   * Those told of the planned outage by the notice `told` and not yet of its cancellation: a batch,
   * by conversation after `after`.
   */
  cancellationRecipients(
    outageId: string,
    told: 'days_before' | 'day_before',
    after: string,
    limit: number,
  ): Promise<Recipient[]>;
  /** Sends notices (message + outbox + notice row in one write): each recipient once per stage. */
  sendNotices(outageId: string, stage: NoticeStage, tellings: Telling[], at: Date): Promise<void>;
  markNoticeStageDone(outageId: string, stage: 'days_before' | 'day_before'): Promise<void>;
  /** 退订停电通知 / 订阅停电通知. */
  setOptOut(channel: PushChannel | 'web', userId: string, optOut: boolean, at: Date): Promise<void>;
  isOptedOut(channel: string, userId: string): Promise<boolean>;
  /** Fault reports linked to a known outage instead of opening a repair case, ever (a tally). */
  absorbedReports(): Promise<number>;
}

const NUMBER_ATTEMPTS = 5;
/** The cancellation notices, beside the notices they follow. */
const cancelled = alias(outageNotices, 'cancelled');

/** The outage's span in its areas' rows: open while active; until its end, expected restoration or the close. */
function areaSpan(outage: Pick<Outage, 'status' | 'endsAt' | 'expectedRestoreAt' | 'closedAt'>) {
  const open = outage.status === 'active';
  const until = open
    ? (outage.endsAt ?? outage.expectedRestoreAt ?? OPEN_END)
    : (outage.closedAt ?? OPEN_END);
  return { open, until };
}

/** The outage store on either driver (better-sqlite3 or D1): see `Db` in ./handle.ts. */
export function createSqliteOutageStore(db: Db): OutageStore {
  const get = async (id: string): Promise<Outage | undefined> =>
    db.select().from(outages).where(eq(outages.id, id)).get();

  /**
   * A message and, on a push channel, its delivery, written only when the statement just before
   * them changed a row (`changes() = 1`: this customer's link moved to the new version, or this
   * notice row is new). Two passes that picked the same customers (a timer and a staff change at
   * once, a cron event beside a request) thus tell each once: the second finds nothing to change.
   * The columns are the tables' in their order (drizzle's insert … select takes them all).
   */
  function tellingStatements(telling: Telling, at: Date): Statement[] {
    const { recipient, text } = telling;
    const ms = at.getTime();
    const conversation = recipient.conversationId;
    const statements: Statement[] = [
      db
        .insert(messages)
        .select(
          sql`select null, ${conversation}, 'assistant', ${text}, 'faq', null, ${ms} where changes() = 1`,
        ),
    ];
    if ((PUSH_CHANNELS as readonly string[]).includes(recipient.channel)) {
      statements.push(
        db
          .insert(deliveries)
          .select(
            sql`select null, ${recipient.channel}, ${recipient.userId}, ${conversation}, (select max(${messages.id}) from ${messages} where ${messages.conversationId} = ${conversation}), ${text}, 'pending', 0, ${ms}, null, ${ms}, null where changes() = 1`,
          ),
      );
    }
    return statements;
  }

  async function run(statements: Statement[]) {
    const [first, ...rest] = statements;
    if (first) await atomic(db, [first, ...rest]);
  }

  return {
    async create(outage, numberPrefix, at) {
      const span = areaSpan({ ...outage, status: 'active', closedAt: null });
      for (let attempt = 1; ; attempt++) {
        const last = await db
          .select({ number: outages.number })
          .from(outages)
          .where(and(sql`${outages.number} >= ${numberPrefix}`, lt(outages.number, `${numberPrefix}~`)))
          .orderBy(desc(sql`length(${outages.number})`), desc(outages.number))
          .limit(1)
          .get();
        const sequence = last ? Number(last.number.slice(numberPrefix.length).replace(/^\D+/, '')) + 1 : 1;
        const number = `${numberPrefix}-${String(sequence).padStart(4, '0')}`;
        try {
          const [inserted] = await atomic(db, [
            db
              .insert(outages)
              .values({ ...outage, number, status: 'active', createdAt: at, updatedAt: at })
              .returning(),
            ...outage.areas.map((area) =>
              db
                .insert(outageAreas)
                .values({ area, outageId: outage.id, startsAt: outage.startsAt, ...span }),
            ),
          ]);
          return onlyRow(inserted as Outage[]);
        } catch (error) {
          if (attempt >= NUMBER_ATTEMPTS || !isUniqueViolation(error, 'outages.number')) throw error;
        }
      }
    },
    get,
    async page({ active, area, after, limit }) {
      const rows: Outage[] = [];
      if (area) {
        const keyset = after
          ? or(
              lt(outageAreas.startsAt, new Date(after.startsAt)),
              and(eq(outageAreas.startsAt, new Date(after.startsAt)), lt(outageAreas.outageId, after.id)),
            )
          : undefined;
        const ids = await db
          .select({ id: outageAreas.outageId })
          .from(outageAreas)
          .where(and(eq(outageAreas.area, area), active ? eq(outageAreas.open, true) : undefined, keyset))
          .orderBy(desc(outageAreas.startsAt), desc(outageAreas.outageId))
          .limit(limit + 1)
          .all();
        const found =
          ids.length === 0
            ? []
            : await db
                .select()
                .from(outages)
                .where(
                  inArray(
                    outages.id,
                    ids.map((r) => r.id),
                  ),
                )
                .all();
        const byId = new Map(found.map((o) => [o.id, o]));
        for (const { id } of ids) {
          const outage = byId.get(id);
          if (outage) rows.push(outage);
        }
      } else {
        const keyset = after
          ? or(
              lt(outages.startsAt, new Date(after.startsAt)),
              and(eq(outages.startsAt, new Date(after.startsAt)), lt(outages.id, after.id)),
            )
          : undefined;
        rows.push(
          ...(await db
            .select()
            .from(outages)
            .where(and(active ? eq(outages.status, 'active') : undefined, keyset))
            .orderBy(desc(outages.startsAt), desc(outages.id))
            .limit(limit + 1)
            .all()),
        );
      }
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return rows.length > limit && last
        ? { items, next: { startsAt: last.startsAt.getTime(), id: last.id } }
        : { items };
    },
    async activeIn(area, now, horizon) {
      const ids = await db
        .select({ id: outageAreas.outageId })
        .from(outageAreas)
        .where(
          and(
            eq(outageAreas.area, area),
            eq(outageAreas.open, true),
            gt(outageAreas.until, now),
            lte(outageAreas.startsAt, horizon),
          ),
        )
        .limit(50)
        .all();
      if (ids.length === 0) return [];
      const found = await db
        .select()
        .from(outages)
        .where(
          and(
            inArray(
              outages.id,
              ids.map((r) => r.id),
            ),
            eq(outages.status, 'active'),
          ),
        )
        .all();
      return found.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    },
    async update(id, change, at) {
      const current = await get(id);
      if (!current) return undefined;
      const told =
        change.status !== undefined ||
        (change.endsAt !== undefined && change.endsAt.getTime() !== current.endsAt?.getTime()) ||
        (change.expectedRestoreAt !== undefined &&
          change.expectedRestoreAt.getTime() !== current.expectedRestoreAt?.getTime());
      const next = {
        endsAt: change.endsAt ?? current.endsAt,
        expectedRestoreAt: change.expectedRestoreAt ?? current.expectedRestoreAt,
        status: change.status ?? current.status,
        closedAt: change.status ? at : current.closedAt,
      };
      // Linked customers are told; a cancelled planned outage's notices are taken back.
      const pending =
        told && (current.linked > 0 || (change.status === 'cancelled' && current.kind === 'planned'));
      const [updated] = await atomic(db, [
        db
          .update(outages)
          .set({
            ...next,
            ...(change.note !== undefined ? { note: change.note } : {}),
            updatedAt: at,
            ...(told ? { version: sql`${outages.version} + 1` } : {}),
            ...(pending ? { tellPending: true } : {}),
          })
          .where(eq(outages.id, id))
          .returning(),
        db.update(outageAreas).set(areaSpan(next)).where(eq(outageAreas.outageId, id)),
      ]);
      return (updated as Outage[])[0];
    },
    async link(outage, conversationId, at) {
      // `changes()`: 1 when this conversation was not linked yet, so the count moves only then. An
      // outage changed since it was read (restored meanwhile) has news for this customer already.
      await atomic(db, [
        db
          .insert(outageLinks)
          .values({ outageId: outage.id, conversationId, linkedAt: at, toldVersion: outage.version })
          .onConflictDoNothing(),
        db
          .update(outages)
          .set({
            linked: sql`${outages.linked} + changes()`,
            tellPending: sql`case when ${outages.version} > ${outage.version} then 1 else ${outages.tellPending} end`,
          })
          .where(eq(outages.id, outage.id)),
        addToTally(db, ABSORBED_TALLY),
      ]);
    },
    async withTellingPending(limit) {
      return db
        .select()
        .from(outages)
        .where(eq(outages.tellPending, true))
        .orderBy(asc(outages.updatedAt))
        .limit(limit)
        .all();
    },
    async linkedToTell(outageId, version, limit) {
      return db
        .select({
          conversationId: outageLinks.conversationId,
          channel: conversations.channel,
          userId: conversations.userId,
        })
        .from(outageLinks)
        .innerJoin(conversations, eq(conversations.id, outageLinks.conversationId))
        .where(and(eq(outageLinks.outageId, outageId), lt(outageLinks.toldVersion, version)))
        .orderBy(asc(outageLinks.toldVersion), asc(outageLinks.conversationId))
        .limit(limit)
        .all();
    },
    async tellLinked(outageId, version, tellings, at) {
      await run(
        tellings.flatMap((t) => [
          db
            .update(outageLinks)
            .set({ toldVersion: version })
            .where(
              and(
                eq(outageLinks.outageId, outageId),
                eq(outageLinks.conversationId, t.recipient.conversationId),
                lt(outageLinks.toldVersion, version),
              ),
            ),
          ...tellingStatements(t, at),
          // 1 when the customer was told just now (the message or its delivery was written).
          db
            .update(outages)
            .set({ notified: sql`${outages.notified} + changes()` })
            .where(eq(outages.id, outageId)),
        ]),
      );
    },
    async doneTelling(outageId, version) {
      await db
        .update(outages)
        .set({ tellPending: false })
        .where(and(eq(outages.id, outageId), eq(outages.version, version)))
        .run();
    },
    async plannedStartingBy(now, horizon, limit) {
      return db
        .select()
        .from(outages)
        .where(
          and(
            eq(outages.status, 'active'),
            gt(outages.startsAt, now),
            lte(outages.startsAt, horizon),
            eq(outages.kind, 'planned'),
            or(eq(outages.daysBeforeDone, false), eq(outages.dayBeforeDone, false)),
          ),
        )
        .orderBy(asc(outages.startsAt), asc(outages.id))
        .limit(limit)
        .all();
    },
    async noticeRecipients(outage, area, stage, fromAccount, limit) {
      return db
        .select({
          conversationId: conversations.id,
          channel: conversations.channel,
          userId: conversations.userId,
          accountNumber: accounts.accountNumber,
        })
        .from(accounts)
        .innerJoin(accountBindings, eq(accountBindings.accountNumber, accounts.accountNumber))
        .innerJoin(
          conversations,
          and(
            eq(conversations.channel, accountBindings.channel),
            eq(conversations.userId, accountBindings.userId),
          ),
        )
        .leftJoin(
          outageOptOuts,
          and(
            eq(outageOptOuts.channel, accountBindings.channel),
            eq(outageOptOuts.userId, accountBindings.userId),
          ),
        )
        .where(
          and(
            eq(accounts.area, area),
            gte(accounts.accountNumber, fromAccount),
            // Unary +: the channel is checked on each binding found, never used to search them all.
            inArray(sql`+${accountBindings.channel}`, [...PUSH_CHANNELS]),
            isNull(outageOptOuts.userId),
            notExists(
              db
                .select({ one: sql`1` })
                .from(outageNotices)
                .where(
                  and(
                    eq(outageNotices.outageId, outage.id),
                    eq(outageNotices.stage, stage),
                    eq(outageNotices.conversationId, conversations.id),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(accounts.accountNumber))
        .limit(limit)
        .all();
    },
    async cancellationRecipients(outageId, told, after, limit) {
      return db
        .select({
          conversationId: conversations.id,
          channel: conversations.channel,
          userId: conversations.userId,
        })
        .from(outageNotices)
        .innerJoin(conversations, eq(conversations.id, outageNotices.conversationId))
        .where(
          and(
            eq(outageNotices.outageId, outageId),
            eq(outageNotices.stage, told),
            gt(outageNotices.conversationId, after),
            notExists(
              db
                .select({ one: sql`1` })
                .from(cancelled)
                .where(
                  and(
                    eq(cancelled.outageId, outageId),
                    eq(cancelled.stage, 'cancelled'),
                    eq(cancelled.conversationId, conversations.id),
                  ),
                ),
            ),
          ),
        )
        .orderBy(asc(outageNotices.conversationId))
        .limit(limit)
        .all();
    },
    async sendNotices(outageId, stage, tellings, at) {
      await run(
        tellings.flatMap((t) => [
          db
            .insert(outageNotices)
            .values({ outageId, stage, conversationId: t.recipient.conversationId, at })
            .onConflictDoNothing(),
          ...tellingStatements(t, at),
        ]),
      );
    },
    async markNoticeStageDone(outageId, stage) {
      await db
        .update(outages)
        .set(stage === 'days_before' ? { daysBeforeDone: true } : { dayBeforeDone: true })
        .where(eq(outages.id, outageId))
        .run();
    },
    async setOptOut(channel, userId, optOut, at) {
      if (optOut) {
        await db.insert(outageOptOuts).values({ channel, userId, at }).onConflictDoNothing().run();
      } else {
        await db
          .delete(outageOptOuts)
          .where(and(eq(outageOptOuts.channel, channel), eq(outageOptOuts.userId, userId)))
          .run();
      }
    },
    async absorbedReports() {
      const row = await db
        .select({ n: tallies.n })
        .from(tallies)
        .where(eq(tallies.name, ABSORBED_TALLY))
        .get();
      return row?.n ?? 0;
    },
    async isOptedOut(channel, userId) {
      const row = await db
        .select({ userId: outageOptOuts.userId })
        .from(outageOptOuts)
        .where(and(eq(outageOptOuts.channel, channel as PushChannel), eq(outageOptOuts.userId, userId)))
        .get();
      return row !== undefined;
    },
  };
}
