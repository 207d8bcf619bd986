import { and, asc, count, desc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { groupCommit } from './group-commit.js';
import { atomic, type Db, onlyRow, type SyncDb, syncDriver } from './handle.js';
import {
  accounts,
  conversations,
  deliveries,
  type HandoffReason,
  messages,
  ratings,
  staffNotes,
  tickets,
} from './schema.js';
import { addToTally, addToTallyIf, SATISFIED_FROM, TALLY } from './tallies.js';

export type { Channel } from '../vocabulary/channels.js';
export type { HandoffReason } from './schema.js';

import { type Channel, isPushChannel } from '../vocabulary/channels.js';
export type Role = 'customer' | 'assistant' | 'staff';
export type ConversationMode = 'bot' | 'handoff';
/** A knowledge entry a reply was drawn from, with the clause of the standard it rests on. */
export interface Source {
  id: string;
  title: string;
  /** Absent on replies stored before sources carried their clause. */
  clause?: string;
}

export interface ConversationRecord {
  id: string;
  channel: Channel;
  userId: string;
  flowState: unknown;
  mode: ConversationMode;
  handoffSince: Date | null;
  handoffOwner: string | null;
  /** Why it was handed over (null while the bot answers). */
  handoffReason: HandoffReason | null;
  unansweredStreak: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface MessageRecord {
  id: number;
  conversationId: string;
  role: Role;
  text: string;
  intent: string | null;
  sources: Source[] | null;
  createdAt: Date;
}

export interface NewMessage {
  role: Role;
  text: string;
  intent?: string;
  sources?: Source[];
}

/**
 * A handed-off conversation with its last message and its customer's last message (what the agent
 * reads first: not the bot's words), as the staff queue lists it.
 */
export type HandoffRecord = ConversationRecord & {
  lastMessage: MessageRecord | undefined;
  lastCustomerMessage: MessageRecord | undefined;
};

/** An internal note on a conversation: staff only, never sent to the customer. */
export interface StaffNoteRecord {
  id: number;
  conversationId: string;
  staffId: string;
  text: string;
  createdAt: Date;
}

/** Which handed-off conversations: all, those nobody has taken (null), or one staff member's. */
export type HandoffOwnerFilter = string | null | undefined;

/** Where a page of the handoff queue ended: the last one's queueing instant and id. */
export interface HandoffPosition {
  since: number;
  id: string;
}

export interface TurnRecord {
  conversationId: string;
  flowState: unknown;
  mode: ConversationMode;
  /** When the turn handed the conversation to a person; unchanged where absent. */
  handoffSince?: Date | null;
  /** Why (written with `handoffSince`). */
  handoffReason?: HandoffReason | null;
  unansweredStreak: number;
  messages: NewMessage[];
  at: Date;
}

/**
 * What the assistant and the API need from storage. Async so that a driver without synchronous
 * access (D1 on Workers) can implement the same interface.
 */
export interface Store {
  findConversation(channel: Channel, userId: string): Promise<ConversationRecord | undefined>;
  /** The conversation of this channel user, created with `newId` if there is none yet. */
  openConversation(channel: Channel, userId: string, newId: string, at: Date): Promise<ConversationRecord>;
  getConversation(id: string): Promise<ConversationRecord | undefined>;
  /** Updates the conversation's state and appends the turn's messages, in one transaction. */
  recordTurn(turn: TurnRecord): Promise<MessageRecord[]>;
  listMessages(conversationId: string, afterId?: number, limit?: number): Promise<MessageRecord[]>;
  /**
   * The conversation's last `limit` messages (before the message `beforeId`, when given), newest
   * first (one read on its index).
   */
  latestMessages(conversationId: string, limit: number, beforeId?: number): Promise<MessageRecord[]>;
  /** The id of the conversation's newest customer message (one seek on its role index), if any. */
  newestCustomerMessageId(conversationId: string): Promise<number | undefined>;
  /** Stores a rating and counts it (and the follow-up it answers) in the same write. */
  addRating(conversationId: string, score: number, at: Date, ticketId?: string): Promise<number>;
  /** Opens a flow in a conversation from outside a turn (a case follow-up). */
  setFlowState(conversationId: string, flowState: unknown, at: Date): Promise<void>;
  /** Every rating given, with the case it follows up where it does (for tests and tools: reads them all). */
  listRatings(): Promise<{ score: number; ticketId: string | null }[]>;
  setRatingComment(ratingId: number, comment: string): Promise<void>;
  countAccounts(): Promise<number>;
  ping(): Promise<boolean>;
  /**
   * A page of the conversations waiting for or being worked by a person, longest waiting first, each
   * with its last message: by keyset on the queue's index, after `after`.
   */
  listHandoffs(page?: {
    after?: HandoffPosition;
    limit?: number;
    /** Unset: all; null: nobody has taken them; a staff id: theirs. */
    owner?: HandoffOwnerFilter;
  }): Promise<{ items: HandoffRecord[]; next?: HandoffPosition }>;
  /**
   * Handed-off conversations no staff member has taken yet: the queue a new one joins; with
   * `before`, only those waiting since earlier (the ones ahead of a customer already in it).
   */
  countWaitingHandoffs(before?: Date): Promise<number>;
  /**
   * 接入: the staff member takes the handed-off conversation if nobody has it yet, in one conditional
   * write (two agents taking at once: one gets it). False when it is not waiting for a person.
   */
  takeHandoff(conversationId: string, staffId: string, at: Date): Promise<boolean>;
  /** Adds an internal note (staff only) to the conversation. */
  addNote(conversationId: string, staffId: string, text: string, at: Date): Promise<StaffNoteRecord>;
  /**
   * The conversation's notes written from `from` (and before `to`, when given), oldest first, at
   * most `limit`: the ones among a page of its transcript (one range read on their index).
   */
  notesBetween(
    conversationId: string,
    from: Date,
    to: Date | undefined,
    limit: number,
  ): Promise<StaffNoteRecord[]>;
  /** Gives the conversation back to the bot (or to a person with `since`). */
  setMode(
    conversationId: string,
    mode: ConversationMode,
    since: Date | null,
    owner: string | null,
    at: Date,
  ): Promise<void>;
  /**
   * Adds a message outside a customer's turn. On Telegram and WeChat it is also queued for
   * delivery (the web customer reads it by polling).
   */
  appendMessage(conversationId: string, message: NewMessage, at: Date): Promise<MessageRecord>;
}

/** The store on either driver (better-sqlite3 or D1): see `Db` in ./handle.ts. */
export function createSqliteStore(db: Db): Store {
  const toConversation = (row: typeof conversations.$inferSelect): ConversationRecord => ({ ...row });
  const toMessage = (row: typeof messages.$inferSelect): MessageRecord => ({ ...row });
  const sync = syncDriver(db);
  const group = sync && groupCommit(sync);
  const prepared = sync && prepareTurnStatements(sync);
  const insertMessage = (on: Db, conversationId: string, message: NewMessage, at: Date) =>
    on
      .insert(messages)
      .values({
        conversationId,
        role: message.role,
        text: message.text,
        intent: message.intent ?? null,
        sources: message.sources ?? null,
        createdAt: at,
      })
      .returning();

  async function findConversation(channel: Channel, userId: string) {
    if (prepared) {
      const found = prepared.findConversation.get({ channel, userId });
      return found && toConversation(found);
    }
    const row = await db
      .select()
      .from(conversations)
      .where(and(eq(conversations.channel, channel), eq(conversations.userId, userId)))
      .get();
    return row && toConversation(row);
  }

  return {
    findConversation,
    async openConversation(channel, userId, newId, at) {
      // Most turns find their conversation: read first, and write only for a new customer.
      const found = await findConversation(channel, userId);
      if (found) return found;
      if (group && prepared) {
        await group.run(() => prepared.openConversation.run({ id: newId, channel, userId, at }));
      } else {
        await db
          .insert(conversations)
          .values({ id: newId, channel, userId, createdAt: at, updatedAt: at })
          .onConflictDoNothing()
          .run();
      }
      const row = await findConversation(channel, userId);
      if (!row) throw new Error('conversation vanished right after it was opened');
      return row;
    },
    async getConversation(id) {
      const row = await db.select().from(conversations).where(eq(conversations.id, id)).get();
      return row && toConversation(row);
    },
    async recordTurn(turn) {
      const id = turn.conversationId;
      const update = (on: Db) =>
        on
          .update(conversations)
          .set({
            flowState: turn.flowState ?? null,
            mode: turn.mode,
            ...(turn.handoffSince !== undefined
              ? { handoffSince: turn.handoffSince, handoffReason: turn.handoffReason ?? null }
              : {}),
            unansweredStreak: turn.unansweredStreak,
            updatedAt: turn.at,
          })
          .where(eq(conversations.id, id));
      if (group && prepared) {
        // better-sqlite3: prepared once, committed with the other turns and cases of the moment
        // (one fsync).
        const setState = turn.handoffSince === undefined ? prepared.setState : prepared.setStateAndHandoff;
        return group.run(() => {
          setState.run({
            id,
            flowState: encodeJson(turn.flowState ?? null),
            mode: turn.mode,
            handoffSince: turn.handoffSince?.getTime() ?? null,
            handoffReason: turn.handoffReason ?? null,
            unansweredStreak: turn.unansweredStreak,
            updatedAt: turn.at.getTime(),
          });
          return turn.messages.map((message) =>
            toMessage(
              prepared.insertMessage.get({
                conversationId: id,
                role: message.role,
                text: message.text,
                intent: message.intent ?? null,
                sources: encodeJson(message.sources ?? null),
                at: turn.at,
              }) as typeof messages.$inferSelect,
            ),
          );
        });
      }
      const [, ...inserted] = await atomic(db, [
        update(db),
        ...turn.messages.map((message) => insertMessage(db, id, message, turn.at)),
      ]);
      return inserted.map((rows) => toMessage(onlyRow(rows)));
    },
    async listMessages(conversationId, afterId = 0, limit = 200) {
      const rows = await db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), gt(messages.id, afterId)))
        .orderBy(asc(messages.id))
        .limit(limit)
        .all();
      return rows.map(toMessage);
    },
    async newestCustomerMessageId(conversationId) {
      const row = await db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.role, 'customer')))
        .orderBy(desc(messages.id))
        .limit(1)
        .get();
      return row?.id;
    },
    async latestMessages(conversationId, limit, beforeId) {
      const rows = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, conversationId),
            beforeId === undefined ? undefined : lt(messages.id, beforeId),
          ),
        )
        .orderBy(desc(messages.id))
        .limit(limit)
        .all();
      return rows.map(toMessage);
    },
    async setFlowState(conversationId, flowState, at) {
      await db
        .update(conversations)
        .set({ flowState, updatedAt: at })
        .where(eq(conversations.id, conversationId))
        .run();
    },
    async listRatings() {
      return db.select({ score: ratings.score, ticketId: ratings.ticketId }).from(ratings).all();
    },
    async addRating(conversationId, score, at, ticketId) {
      const [rows] = await atomic(db, [
        db
          .insert(ratings)
          .values({ conversationId, score, createdAt: at, ticketId: ticketId ?? null })
          .returning({ id: ratings.id }),
        addToTally(db, TALLY.ratings),
        ...(score >= SATISFIED_FROM ? [addToTally(db, TALLY.ratingsSatisfied)] : []),
        // The first rating of a followed-up case answers its follow-up (counted before it is marked).
        ...(ticketId
          ? [
              addToTallyIf(db, TALLY.followUpsAnswered, ticketId, 'unanswered'),
              db
                .update(tickets)
                .set({ ratedAt: at })
                .where(and(eq(tickets.id, ticketId), isNull(tickets.ratedAt))),
            ]
          : []),
      ]);
      return onlyRow(rows as { id: number }[]).id;
    },
    async setRatingComment(ratingId, comment) {
      await db.update(ratings).set({ comment }).where(eq(ratings.id, ratingId)).run();
    },
    async countAccounts() {
      return (await db.select({ n: count() }).from(accounts).get())?.n ?? 0;
    },
    async listHandoffs({ after, limit = 50, owner } = {}) {
      // Each one's last message and last customer message joined on the newest id of its
      // conversation (one index seek each): the page reads its own rows and nothing more.
      const fromCustomer = alias(messages, 'customer_message');
      const rows = await db
        .select({ conversation: conversations, lastMessage: messages, lastCustomerMessage: fromCustomer })
        .from(conversations)
        .leftJoin(
          messages,
          eq(
            messages.id,
            sql`(select max(m.id) from messages m where m.conversation_id = ${conversations.id})`,
          ),
        )
        .leftJoin(
          fromCustomer,
          eq(
            fromCustomer.id,
            sql`(select max(m.id) from messages m where m.conversation_id = ${conversations.id} and m.role = 'customer')`,
          ),
        )
        .where(
          and(
            eq(conversations.mode, 'handoff'),
            owner === undefined
              ? undefined
              : owner === null
                ? isNull(conversations.handoffOwner)
                : eq(conversations.handoffOwner, owner),
            after
              ? sql`(${conversations.handoffSince}, ${conversations.id}) > (${after.since}, ${after.id})`
              : undefined,
          ),
        )
        .orderBy(asc(conversations.handoffSince), asc(conversations.id))
        .limit(limit + 1)
        .all();
      const items = rows.slice(0, limit).map((row) => ({
        ...toConversation(row.conversation),
        lastMessage: row.lastMessage ? toMessage(row.lastMessage) : undefined,
        lastCustomerMessage: row.lastCustomerMessage ? toMessage(row.lastCustomerMessage) : undefined,
      }));
      const last = items.at(-1);
      return rows.length > limit && last
        ? { items, next: { since: last.handoffSince?.getTime() ?? 0, id: last.id } }
        : { items };
    },
    async countWaitingHandoffs(before) {
      const row = await db
        .select({ n: count() })
        .from(conversations)
        .where(
          and(
            eq(conversations.mode, 'handoff'),
            isNull(conversations.handoffOwner),
            before ? lt(conversations.handoffSince, before) : undefined,
          ),
        )
        .get();
      return row?.n ?? 0;
    },
    async addNote(conversationId, staffId, text, at) {
      const rows = await db
        .insert(staffNotes)
        .values({ conversationId, staffId, text, createdAt: at })
        .returning()
        .all();
      return onlyRow(rows);
    },
    async notesBetween(conversationId, from, to, limit) {
      return db
        .select()
        .from(staffNotes)
        .where(
          and(
            eq(staffNotes.conversationId, conversationId),
            gte(staffNotes.createdAt, from),
            to ? lt(staffNotes.createdAt, to) : undefined,
          ),
        )
        .orderBy(asc(staffNotes.createdAt), asc(staffNotes.id))
        .limit(limit)
        .all();
    },
    async takeHandoff(conversationId, staffId, at) {
      const taken = await db
        .update(conversations)
        .set({ handoffOwner: staffId, updatedAt: at })
        .where(
          and(
            eq(conversations.id, conversationId),
            eq(conversations.mode, 'handoff'),
            isNull(conversations.handoffOwner),
          ),
        )
        .returning({ id: conversations.id })
        .all();
      return taken.length > 0;
    },
    async setMode(conversationId, mode, since, owner, at) {
      await db
        .update(conversations)
        .set({
          mode,
          handoffSince: since,
          handoffOwner: owner,
          // A handoff keeps its reason when it changes hands; the bot answering again clears it.
          ...(mode === 'bot' ? { handoffReason: null } : {}),
          updatedAt: at,
          flowState: null,
          unansweredStreak: 0,
        })
        .where(eq(conversations.id, conversationId))
        .run();
    },
    async appendMessage(conversationId, message, at) {
      // A message outside a turn (staff reply, follow-up) to a customer on a push channel is put
      // in the delivery outbox in the same write: it cannot be stored and then forgotten. A
      // conversation's channel and user never change, so reading them first is safe; the delivery
      // finds its message's id in SQL (the newest message of the conversation, inside the unit).
      const conversation = await db
        .select({ channel: conversations.channel, userId: conversations.userId })
        .from(conversations)
        .where(eq(conversations.id, conversationId))
        .get();
      const insert = insertMessage(db, conversationId, message, at);
      if (!conversation || !isPushChannel(conversation.channel)) {
        return toMessage(onlyRow(await insert.all()));
      }
      const [rows] = await atomic(db, [
        insert,
        db.insert(deliveries).values({
          channel: conversation.channel,
          address: conversation.userId,
          conversationId,
          messageId: sql`(select max(${messages.id}) from ${messages} where ${messages.conversationId} = ${conversationId})`,
          text: message.text,
          status: 'pending',
          nextAttemptAt: at,
          createdAt: at,
        }),
      ]);
      return toMessage(onlyRow(rows));
    },
    async ping() {
      return (await db.select({ n: count() }).from(conversations).get()) !== undefined;
    },
  };
}

/** A JSON column's value as stored (drizzle would store a null given to a placeholder as "null"). */
function encodeJson(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

/**
 * The statements of every turn, prepared once on better-sqlite3: building a query costs drizzle
 * ~60 µs, running a prepared one ~5 µs. The update takes its values as stored (`encodeJson`, epoch
 * milliseconds: drizzle's update types take no placeholder for a column), and so do the nullable
 * JSON columns (drizzle would store a null given to a placeholder as "null").
 */
function prepareTurnStatements(db: SyncDb) {
  const p = sql.placeholder;
  const encoded = (name: string) => sql`${p(name)}`;
  const setState = (withHandoff: boolean) =>
    db
      .update(conversations)
      .set({
        flowState: encoded('flowState'),
        mode: encoded('mode'),
        ...(withHandoff
          ? { handoffSince: encoded('handoffSince'), handoffReason: encoded('handoffReason') }
          : {}),
        unansweredStreak: encoded('unansweredStreak'),
        updatedAt: encoded('updatedAt'),
      })
      .where(eq(conversations.id, p('id')))
      .prepare();
  return {
    findConversation: db
      .select()
      .from(conversations)
      .where(and(eq(conversations.channel, p('channel')), eq(conversations.userId, p('userId'))))
      .prepare(),
    openConversation: db
      .insert(conversations)
      .values({
        id: p('id'),
        channel: p('channel'),
        userId: p('userId'),
        createdAt: p('at'),
        updatedAt: p('at'),
      })
      .onConflictDoNothing()
      .prepare(),
    setState: setState(false),
    setStateAndHandoff: setState(true),
    insertMessage: db
      .insert(messages)
      .values({
        conversationId: p('conversationId'),
        role: p('role'),
        text: p('text'),
        intent: p('intent'),
        sources: encoded('sources'),
        createdAt: p('at'),
      })
      .returning()
      .prepare(),
  };
}
