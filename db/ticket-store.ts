import { and, asc, desc, eq, like, ne } from 'drizzle-orm';
import type { CaseStatus } from '../api/cases/cases.js';
import type { SqliteDb } from './client.js';
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

export function createSqliteTicketStore(db: SqliteDb): TicketStore {
  return {
    async create(ticket, numberPrefix, numberFor) {
      return db.transaction((tx) => {
        const today = tx
          .select({ number: tickets.number })
          .from(tickets)
          .where(like(tickets.number, `${numberPrefix}%`))
          .orderBy(desc(tickets.number))
          .limit(1)
          .get();
        const sequence = today ? Number(today.number.slice(-4)) + 1 : 1;
        const row = tx
          .insert(tickets)
          .values({ ...ticket, number: numberFor(sequence) })
          .returning()
          .get();
        tx.insert(ticketEvents)
          .values({
            ticketId: row.id,
            type: 'status',
            status: 'accepted',
            actor: 'system',
            at: ticket.acceptedAt,
          })
          .run();
        return row;
      });
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
      db.transaction((tx) => {
        tx.update(tickets).set({ status }).where(eq(tickets.id, id)).run();
        tx.insert(ticketEvents).values({ ticketId: id, type: 'status', status, note, actor, at }).run();
      });
    },
    async followedUp() {
      const rows = db
        .select({ id: ticketEvents.ticketId })
        .from(ticketEvents)
        .where(eq(ticketEvents.type, 'follow_up'))
        .all();
      return new Set(rows.map((r) => r.id));
    },
    async recordFollowUp(ticketId, note, at) {
      db.insert(ticketEvents).values({ ticketId, type: 'follow_up', note, actor: 'system', at }).run();
    },
    async escalate(ticketId, type, deadline, at) {
      const result = db
        .insert(ticketEvents)
        .values({ ticketId, type, deadline, actor: 'scanner', at })
        .onConflictDoNothing()
        .run();
      return result.changes > 0;
    },
  };
}
