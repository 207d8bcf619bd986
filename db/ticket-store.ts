import { and, asc, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { CaseStatus } from '../vocabulary/case-kinds.js';
import { type GroupCommit, groupCommit } from './group-commit.js';
import { atomic, type Db, isUniqueViolation, onlyRow, syncDriver } from './handle.js';
import { createKeyedLock } from './keyed-lock.js';
import { ticketEvents, tickets } from './schema.js';

export type Ticket = typeof tickets.$inferSelect;
export type TicketEvent = typeof ticketEvents.$inferSelect;
export type NewTicket = Omit<Ticket, 'number'>;

export interface TicketStore {
  /**
   * Stores a case with its acceptance event in one durable transaction and gives it the day's next
   * number (`numberFor(sequence)`). When this resolves, the case is on disk.
   */
  create(ticket: NewTicket, numberPrefix: string, numberFor: (sequence: number) => string): Promise<Ticket>;
  get(id: string): Promise<Ticket | undefined>;
  findByNumber(number: string): Promise<Ticket | undefined>;
  listForUser(channel: string, userId: string): Promise<Ticket[]>;
  listForAccount(accountNumber: string): Promise<Ticket[]>;
  listOpen(): Promise<Ticket[]>;
  list(): Promise<Ticket[]>;
  events(ticketId: string): Promise<TicketEvent[]>;
  setStatus(id: string, status: CaseStatus, actor: string, note: string | null, at: Date): Promise<void>;
  /** Records an escalation once; false when it was already recorded. */
  escalate(ticketId: string, type: 'due_soon' | 'overdue', deadline: string, at: Date): Promise<boolean>;
  recordFollowUp(ticketId: string, note: string, at: Date): Promise<void>;
  /** Ids of the cases that have been followed up. */
  followedUp(): Promise<Set<string>>;
}

/**
 * How many times `create` takes the next number again after another writer took it first. Each
 * lost race means someone else's case was stored, so this bounds a burst, not a wait.
 */
const NUMBER_ATTEMPTS = 50;

interface CreateRequest {
  ticket: NewTicket;
  numberPrefix: string;
  numberFor: (sequence: number) => string;
}

/** The ticket store on either driver (better-sqlite3 or D1): see `Db` in ./handle.ts. */
export function createSqliteTicketStore(db: Db): TicketStore {
  // D1: in one isolate, cases of one kind and day are numbered one at a time, so a burst never
  // races itself; the unique index and the retry below settle races between isolates.
  const oneAtATime = createKeyedLock();

  /**
   * The last number given with this prefix: a range on the number index (not LIKE, which SQLite
   * cannot use it for); longer numbers first, so …-10000 comes after …-9999 although it sorts
   * before it as text.
   */
  function lastNumber(on: Db, numberPrefix: string) {
    return on
      .select({ number: tickets.number })
      .from(tickets)
      .where(and(gte(tickets.number, numberPrefix), lt(tickets.number, `${numberPrefix}~`)))
      .orderBy(desc(sql`length(${tickets.number})`), desc(tickets.number))
      .limit(1);
  }
  function nextSequence(last: { number: string } | undefined, numberPrefix: string): number {
    return last ? Number(last.number.slice(numberPrefix.length).replace(/^\D+/, '')) + 1 : 1;
  }
  function acceptance(ticket: NewTicket) {
    return {
      ticketId: ticket.id,
      type: 'status' as const,
      status: 'accepted' as const,
      actor: 'system',
      at: ticket.acceptedAt,
    };
  }

  async function createNumbered(request: CreateRequest): Promise<Ticket> {
    const { ticket, numberPrefix, numberFor } = request;
    // D1: the day's next number is read, then the case and its acceptance event are written as one
    // unit. D1 has no interactive transactions to hold the read and the write together, so the
    // unique index on tickets.number decides:
    // a writer that lost the race gets a UNIQUE violation, nothing of its unit is stored, and
    // it reads the number again. Numbers stay unique and without gaps.
    for (let attempt = 1; ; attempt++) {
      const sequence = nextSequence(await lastNumber(db, numberPrefix).get(), numberPrefix);
      try {
        const [rows] = await atomic(db, [
          db
            .insert(tickets)
            .values({ ...ticket, number: numberFor(sequence) })
            .returning(),
          db.insert(ticketEvents).values(acceptance(ticket)),
        ]);
        return onlyRow(rows);
      } catch (error) {
        if (attempt >= NUMBER_ATTEMPTS || !isUniqueViolation(error, 'tickets.number')) throw error;
      }
    }
  }
  const sync = syncDriver(db);
  const group = sync && groupCommit(sync);
  /**
   * better-sqlite3: the read of the last number and the writes in one transaction that holds the
   * write lock (see ./group-commit.ts), committed together with whatever else arrived meanwhile.
   */
  function createInGroup(request: CreateRequest, on: GroupCommit): Promise<Ticket> {
    const { ticket, numberPrefix, numberFor } = request;
    return on.run((tx) => {
      // Synchronous on this driver: the row itself, not a promise.
      const last = lastNumber(tx, numberPrefix).get() as unknown as { number: string } | undefined;
      const row = tx
        .insert(tickets)
        .values({ ...ticket, number: numberFor(nextSequence(last, numberPrefix)) })
        .returning()
        .get();
      tx.insert(ticketEvents).values(acceptance(ticket)).run();
      return row;
    });
  }
  const create = (request: CreateRequest) =>
    group ? createInGroup(request, group) : oneAtATime(request.numberPrefix, () => createNumbered(request));

  return {
    create(ticket, numberPrefix, numberFor) {
      return create({ ticket, numberPrefix, numberFor });
    },
    async get(id) {
      return db.select().from(tickets).where(eq(tickets.id, id)).get();
    },
    async findByNumber(number) {
      return db.select().from(tickets).where(eq(tickets.number, number)).get();
    },
    async listForUser(channel, userId) {
      return db
        .select()
        .from(tickets)
        .where(and(eq(tickets.channel, channel as Ticket['channel']), eq(tickets.userId, userId)))
        .orderBy(desc(tickets.acceptedAt))
        .all();
    },
    async listForAccount(accountNumber) {
      return db
        .select()
        .from(tickets)
        .where(eq(tickets.accountNumber, accountNumber))
        .orderBy(desc(tickets.acceptedAt))
        .all();
    },
    async listOpen() {
      return db
        .select()
        .from(tickets)
        .where(ne(tickets.status, 'closed'))
        .orderBy(asc(tickets.acceptedAt))
        .all();
    },
    async list() {
      return db.select().from(tickets).orderBy(asc(tickets.acceptedAt)).all();
    },
    async events(ticketId) {
      return db
        .select()
        .from(ticketEvents)
        .where(eq(ticketEvents.ticketId, ticketId))
        .orderBy(asc(ticketEvents.id))
        .all();
    },
    async setStatus(id, status, actor, note, at) {
      await atomic(db, [
        db.update(tickets).set({ status }).where(eq(tickets.id, id)),
        db.insert(ticketEvents).values({ ticketId: id, type: 'status', status, note, actor, at }),
      ]);
    },
    async followedUp() {
      const rows = await db
        .select({ id: ticketEvents.ticketId })
        .from(ticketEvents)
        .where(eq(ticketEvents.type, 'follow_up'))
        .all();
      return new Set(rows.map((r) => r.id));
    },
    async recordFollowUp(ticketId, note, at) {
      await db.insert(ticketEvents).values({ ticketId, type: 'follow_up', note, actor: 'system', at }).run();
    },
    async escalate(ticketId, type, deadline, at) {
      const inserted = await db
        .insert(ticketEvents)
        .values({ ticketId, type, deadline, actor: 'scanner', at })
        .onConflictDoNothing()
        .returning({ id: ticketEvents.id })
        .all();
      return inserted.length > 0;
    },
  };
}
