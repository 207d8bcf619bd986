import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import {
  CASE_KINDS,
  CASE_STATUSES,
  type CaseKind,
  type CaseStatus,
  DEADLINE_TABLE,
  deadlineMet,
} from '../vocabulary/case-kinds.js';
import { type GroupCommit, groupCommit } from './group-commit.js';
import {
  atomic,
  type Db,
  isUniqueViolation,
  onlyRow,
  type Statement,
  type SyncDb,
  syncDriver,
} from './handle.js';
import { createKeyedLock } from './keyed-lock.js';
import { caseDeadlines, type ESCALATION_LEVELS, tallies, ticketEvents, tickets } from './schema.js';
import { addToTally, addToTallyIf, joinCaseTally, leaveCaseTally, readTallies, TALLY } from './tallies.js';

export type Ticket = typeof tickets.$inferSelect;
export type TicketEvent = typeof ticketEvents.$inferSelect;
/** A case as it is opened: the columns the store keeps for it (deadline state, follow-up, assignee) are its own. */
export type NewTicket = Omit<Ticket, 'number' | 'nextDueAt' | 'followedUpAt' | 'ratedAt' | 'assignee'>;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** What the staff list is narrowed to. */
export interface CaseFilter {
  status?: CaseStatus;
  kind?: CaseKind;
  /** true: only overdue cases; false: only the others. */
  overdue?: boolean;
  /** A case number, contact phone or account number, matched exactly. */
  q?: string;
}

/**
 * Where a page of the staff list ended. The list is the overdue cases (soonest deadline first),
 * then the others, newest first; each part is read by keyset on its index.
 */
export type CasePosition =
  | { part: 'overdue'; dueAt: number; id: string }
  | { part: 'newest'; acceptedAt: number; id: string };

export interface CasePageRequest {
  filter: CaseFilter;
  /**
   * The instant that tells overdue from not: fixed for a walk through the pages (the cursor keeps
   * it), so that a case stays in one part however long the walk takes.
   */
  asOf: Date;
  after?: CasePosition;
  limit: number;
}

export interface CasePage {
  items: Ticket[];
  /** Where the next page starts; absent on the last page. */
  next?: CasePosition;
}

/** An unmet deadline the scanner may have to escalate. */
export interface DueDeadline {
  ticket: Ticket;
  name: string;
  dueAt: Date;
  escalated: EscalationLevel;
}

/** An escalation of a case's deadline to record. */
export interface EscalationRecord {
  ticketId: string;
  type: 'due_soon' | 'overdue';
  deadline: string;
}

/** A page of a case's history, newest first; `next` is the id to read on from (older events). */
export interface HistoryPage {
  items: TicketEvent[];
  next?: number;
}

/** A bulk assignment: the cases (by id), to whom, by whom. */
export interface AssignmentRequest {
  ticketIds: readonly string[];
  /** The staff member's id (kept on the case) and user name (kept in its history). */
  assignee: { id: string; username: string };
  actor: string;
  at: Date;
}

/** The counts behind the statistics: from the tallies and the overdue index, never from the cases. */
export interface CaseCounts {
  /** Cases of each kind in each status. */
  byKind: Record<CaseKind, Record<CaseStatus, number>>;
  /** Cases of each kind with a deadline passed and unmet. */
  overdueByKind: Record<CaseKind, number>;
  followUps: number;
  followUpsAnswered: number;
  ratings: number;
  ratingsSatisfied: number;
}

export interface TicketStore {
  /**
   * Stores a case with its acceptance event in one durable transaction and gives it the day's next
   * number (`numberFor(sequence)`). When this resolves, the case is on disk.
   */
  create(ticket: NewTicket, numberPrefix: string, numberFor: (sequence: number) => string): Promise<Ticket>;
  get(id: string): Promise<Ticket | undefined>;
  findByNumber(number: string): Promise<Ticket | undefined>;
  /** Newest first; at most `limit` when given (the console's side panel reads the latest few). */
  listForUser(channel: string, userId: string, limit?: number): Promise<Ticket[]>;
  /** Newest first; at most `limit` when given. */
  listForAccount(accountNumber: string, limit?: number): Promise<Ticket[]>;
  /** One page of the staff list (overdue first, then newest), read on indexes by keyset. */
  page(request: CasePageRequest): Promise<CasePage>;
  /** Cases by number (the unique index), at most as many as asked for. */
  findByNumbers(numbers: readonly string[]): Promise<Ticket[]>;
  /** A page of a case's history, newest first, before the event `before` when given. */
  history(ticketId: string, limit: number, before?: number): Promise<HistoryPage>;
  /**
   * Assigns the cases to a staff member in one write: each case whose assignee changes gets an
   * `assigned` event with who did it. Returns how many changed.
   */
  assign(request: AssignmentRequest): Promise<number>;
  /** A staff note in a case's history (no status change). */
  addNote(ticketId: string, note: string, actor: string, at: Date): Promise<void>;
  /** The live updates' signal of newly overdue cases: a count the scanner moves (see TALLY). */
  overdueSignal(): Promise<number>;
  /** Moves a case on, meeting the deadlines its new status meets, in one write with its counts. */
  setStatus(id: string, status: CaseStatus, actor: string, note: string | null, at: Date): Promise<void>;
  /**
   * Unmet deadlines that may need escalating: not yet escalated and due by `horizon` (the end of
   * the due-soon window), or escalated as due soon and past `now`; soonest first, at most `limit`.
   */
  dueDeadlines(now: Date, horizon: Date, limit: number): Promise<DueDeadline[]>;
  /**
   * Records escalations, each once per case, deadline and threshold, in one write (one fsync for a
   * pass, however many are due): for each, whether it is new.
   */
  escalate(escalations: readonly EscalationRecord[], at: Date): Promise<boolean[]>;
  recordFollowUp(ticketId: string, note: string, at: Date): Promise<void>;
  /** The latest follow-ups still waiting for their rating, newest first. */
  unansweredFollowUps(limit: number): Promise<Ticket[]>;
  /** The counts behind the statistics, at `now`. */
  counts(now: Date): Promise<CaseCounts>;
  /** Cases accepted in [from, until): one range count on the acceptance index (a window, not history). */
  countAccepted(from: Date, until: Date): Promise<number>;
}

/**
 * How many times `create` takes the next number again after another writer took it first. Each
 * lost race means someone else's case was stored, so this bounds a burst, not a wait.
 */
const NUMBER_ATTEMPTS = 50;

/** Escalations recorded in one write (two statements each). */
const ESCALATIONS_PER_WRITE = 100;

interface CreateRequest {
  ticket: NewTicket;
  numberPrefix: string;
  numberFor: (sequence: number) => string;
}

/** A deadline is met once the case reaches the status that meets it, and every one once it is closed. */
function isMet(name: string, status: CaseStatus): boolean {
  return status === 'closed' || deadlineMet(name, status);
}

/** The deadline names a case in `status` has met (all of them for a closed case: undefined). */
function metNames(status: CaseStatus): string[] | undefined {
  return status === 'closed'
    ? undefined
    : Object.keys(DEADLINE_TABLE).filter((name) => deadlineMet(name, status));
}

/** A new case's deadlines as rows, and the soonest unmet one. */
function deadlineRowsOf(ticket: NewTicket) {
  const rows = Object.entries(ticket.deadlines).map(([name, ms]) => ({
    ticketId: ticket.id,
    name,
    dueAt: new Date(ms),
    met: isMet(name, ticket.status),
  }));
  const unmet = rows.filter((row) => !row.met).map((row) => row.dueAt.getTime());
  return { rows, nextDueAt: unmet.length ? new Date(Math.min(...unmet)) : null };
}

/**
 * The staff search: a case number (any case of letters), a contact phone (spaces and dashes as
 * the form strips them) or an account number, each matched exactly on its index.
 */
function searchCondition(q: string): SQL | undefined {
  const text = q.trim();
  return or(
    eq(tickets.number, text.toUpperCase()),
    eq(tickets.contactPhone, text.replace(/[\s-]/g, '')),
    eq(tickets.accountNumber, text),
  );
}

/**
 * The filters in SQL. In the overdue part the status and kind are checked on the rows the index of
 * unmet deadlines gives (`+column` keeps SQLite from reading every case of a status instead and
 * sorting them); in the rest their indexes give the order.
 */
function filterConditions(filter: CaseFilter, part: CasePosition['part']): (SQL | undefined)[] {
  const overdue = part === 'overdue';
  const { status, kind } = filter;
  return [
    status ? (overdue ? sql`+${tickets.status} = ${status}` : eq(tickets.status, status)) : undefined,
    kind ? (overdue ? sql`+${tickets.kind} = ${kind}` : eq(tickets.kind, kind)) : undefined,
    filter.q?.trim() ? searchCondition(filter.q) : undefined,
  ];
}

/** The statements of every new case on better-sqlite3, prepared once per connection. */
function prepareCaseStatements(db: SyncDb) {
  const p = sql.placeholder;
  // A nullable instant as stored (epoch milliseconds or null): drizzle maps a placeholder of a
  // timestamp column through Date, which null is not.
  const stored = (name: string) => sql`${p(name)}`;
  return {
    lastNumber: db
      .select({ number: tickets.number })
      .from(tickets)
      .where(and(gte(tickets.number, p('from')), lt(tickets.number, p('to'))))
      .orderBy(desc(sql`length(${tickets.number})`), desc(tickets.number))
      .limit(1)
      .prepare(),
    insertTicket: db
      .insert(tickets)
      .values({
        id: p('id'),
        number: p('number'),
        kind: p('kind'),
        status: p('status'),
        description: p('description'),
        contactPhone: p('contactPhone'),
        accountNumber: p('accountNumber'),
        address: p('address'),
        channel: p('channel'),
        userId: p('userId'),
        conversationId: p('conversationId'),
        acceptedAt: p('acceptedAt'),
        deadlines: p('deadlines'),
        calendarConfirmed: p('calendarConfirmed'),
        nextDueAt: stored('nextDueAt'),
      })
      .returning()
      .prepare(),
    insertEvent: db
      .insert(ticketEvents)
      .values({
        ticketId: p('ticketId'),
        type: p('type'),
        status: p('status'),
        actor: p('actor'),
        at: p('at'),
      })
      .prepare(),
    insertDeadline: db
      .insert(caseDeadlines)
      .values({ ticketId: p('ticketId'), name: p('name'), dueAt: p('dueAt'), met: p('met') })
      .prepare(),
    countCase: db
      .insert(tallies)
      .values({ name: p('name'), n: 1 })
      .onConflictDoUpdate({ target: tallies.name, set: { n: sql`${tallies.n} + 1` } })
      .prepare(),
  };
}
type CaseStatements = ReturnType<typeof prepareCaseStatements>;

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
      status: ticket.status,
      actor: 'system',
      at: ticket.acceptedAt,
    };
  }
  /** The writes that come with a new case: its deadline rows and its tally. */
  function companions(
    on: Db,
    ticket: NewTicket,
    rows: ReturnType<typeof deadlineRowsOf>['rows'],
  ): Statement[] {
    return [
      ...(rows.length ? [on.insert(caseDeadlines).values(rows)] : []),
      addToTally(on, TALLY.cases(ticket.kind, ticket.status)),
    ];
  }

  async function createNumbered(request: CreateRequest): Promise<Ticket> {
    const { ticket, numberPrefix, numberFor } = request;
    const { rows, nextDueAt } = deadlineRowsOf(ticket);
    // D1: the day's next number is read, then the case and its acceptance event are written as one
    // unit. D1 has no interactive transactions to hold the read and the write together, so the
    // unique index on tickets.number decides:
    // a writer that lost the race gets a UNIQUE violation, nothing of its unit is stored, and
    // it reads the number again. Numbers stay unique and without gaps.
    for (let attempt = 1; ; attempt++) {
      const sequence = nextSequence(await lastNumber(db, numberPrefix).get(), numberPrefix);
      try {
        const [inserted] = await atomic(db, [
          db
            .insert(tickets)
            .values({ ...ticket, number: numberFor(sequence), nextDueAt })
            .returning(),
          db.insert(ticketEvents).values(acceptance(ticket)),
          ...companions(db, ticket, rows),
        ]);
        return onlyRow(inserted as Ticket[]);
      } catch (error) {
        if (attempt >= NUMBER_ATTEMPTS || !isUniqueViolation(error, 'tickets.number')) throw error;
      }
    }
  }
  const sync = syncDriver(db);
  const group = sync && groupCommit(sync);
  const prepared = sync && prepareCaseStatements(sync);
  /**
   * better-sqlite3: the read of the last number and the writes in one transaction that holds the
   * write lock (see ./group-commit.ts), committed together with whatever else arrived meanwhile;
   * every statement prepared once (building a drizzle query costs more than running it).
   */
  function createInGroup(
    request: CreateRequest,
    on: GroupCommit,
    statements: CaseStatements,
  ): Promise<Ticket> {
    const { ticket, numberPrefix, numberFor } = request;
    const { rows, nextDueAt } = deadlineRowsOf(ticket);
    return on.run(() => {
      const last = statements.lastNumber.get({ from: numberPrefix, to: `${numberPrefix}~` });
      const row = statements.insertTicket.get({
        ...ticket,
        number: numberFor(nextSequence(last, numberPrefix)),
        nextDueAt: nextDueAt?.getTime() ?? null,
      }) as Ticket;
      statements.insertEvent.run(acceptance(ticket));
      for (const deadline of rows) statements.insertDeadline.run(deadline);
      statements.countCase.run({ name: TALLY.cases(ticket.kind, ticket.status) });
      return row;
    });
  }
  const create = (request: CreateRequest) =>
    group && prepared
      ? createInGroup(request, group, prepared)
      : oneAtATime(request.numberPrefix, () => createNumbered(request));

  /** The overdue part of the list: soonest deadline first, on the partial index of unmet deadlines. */
  function overduePart(request: CasePageRequest, limit: number) {
    const { filter, asOf, after } = request;
    return db
      .select()
      .from(tickets)
      .where(
        and(
          ...filterConditions(filter, 'overdue'),
          lte(tickets.nextDueAt, asOf),
          after?.part === 'overdue'
            ? sql`(${tickets.nextDueAt}, ${tickets.id}) > (${after.dueAt}, ${after.id})`
            : undefined,
        ),
      )
      .orderBy(asc(tickets.nextDueAt), asc(tickets.id))
      .limit(limit)
      .all();
  }
  /** The rest of the list: newest first, on the index of the acceptance instant (by status, by kind). */
  function newestPart(request: CasePageRequest, limit: number) {
    const { filter, asOf, after } = request;
    return db
      .select()
      .from(tickets)
      .where(
        and(
          ...filterConditions(filter, 'newest'),
          or(isNull(tickets.nextDueAt), gt(tickets.nextDueAt, asOf)),
          after?.part === 'newest'
            ? sql`(${tickets.acceptedAt}, ${tickets.id}) < (${after.acceptedAt}, ${after.id})`
            : undefined,
        ),
      )
      .orderBy(desc(tickets.acceptedAt), desc(tickets.id))
      .limit(limit)
      .all();
  }

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
    async listForUser(channel, userId, limit) {
      const query = db
        .select()
        .from(tickets)
        .where(and(eq(tickets.channel, channel as Ticket['channel']), eq(tickets.userId, userId)))
        .orderBy(desc(tickets.acceptedAt));
      return (limit === undefined ? query : query.limit(limit)).all();
    },
    async listForAccount(accountNumber, limit) {
      const query = db
        .select()
        .from(tickets)
        .where(eq(tickets.accountNumber, accountNumber))
        .orderBy(desc(tickets.acceptedAt));
      return (limit === undefined ? query : query.limit(limit)).all();
    },
    async page(request) {
      // One row more than asked for tells whether another page follows.
      const wanted = request.limit + 1;
      const found: { ticket: Ticket; part: CasePosition['part'] }[] = [];
      if (request.filter.overdue !== false && request.after?.part !== 'newest') {
        for (const ticket of await overduePart(request, wanted)) found.push({ ticket, part: 'overdue' });
      }
      if (request.filter.overdue !== true && found.length < wanted) {
        for (const ticket of await newestPart(request, wanted - found.length))
          found.push({ ticket, part: 'newest' });
      }
      const items = found.slice(0, request.limit);
      const last = items.at(-1);
      if (found.length <= request.limit || !last) return { items: items.map((f) => f.ticket) };
      const next: CasePosition =
        last.part === 'overdue'
          ? { part: 'overdue', dueAt: last.ticket.nextDueAt?.getTime() ?? 0, id: last.ticket.id }
          : { part: 'newest', acceptedAt: last.ticket.acceptedAt.getTime(), id: last.ticket.id };
      return { items: items.map((f) => f.ticket), next };
    },
    async setStatus(id, status, actor, note, at) {
      const met = metNames(status);
      await atomic(db, [
        leaveCaseTally(db, id),
        db
          .update(caseDeadlines)
          .set({ met: true })
          .where(
            and(
              eq(caseDeadlines.ticketId, id),
              eq(caseDeadlines.met, false),
              met ? inArray(caseDeadlines.name, met) : undefined,
            ),
          ),
        db
          .update(tickets)
          .set({
            status,
            nextDueAt: sql`(select min(d.due_at) from case_deadlines d where d.ticket_id = ${id} and d.met = 0)`,
          })
          .where(eq(tickets.id, id)),
        joinCaseTally(db, id),
        db.insert(ticketEvents).values({ ticketId: id, type: 'status', status, note, actor, at }),
      ]);
    },
    async dueDeadlines(now, horizon, limit) {
      // Two ranges of the (escalation, due instant) index over unmet deadlines: nothing else is read.
      const due = (level: EscalationLevel, until: Date) =>
        db
          .select({ deadline: caseDeadlines, ticket: tickets })
          .from(caseDeadlines)
          .innerJoin(tickets, eq(tickets.id, caseDeadlines.ticketId))
          .where(
            and(
              sql`${caseDeadlines.met} = 0`,
              eq(caseDeadlines.escalated, level),
              lte(caseDeadlines.dueAt, until),
            ),
          )
          .orderBy(asc(caseDeadlines.dueAt))
          .limit(limit)
          .all();
      const rows = [...(await due('none', horizon)), ...(await due('due_soon', now))];
      return rows
        .sort((a, b) => a.deadline.dueAt.getTime() - b.deadline.dueAt.getTime())
        .slice(0, limit)
        .map(({ deadline, ticket }) => ({
          ticket,
          name: deadline.name,
          dueAt: deadline.dueAt,
          escalated: deadline.escalated,
        }));
    },
    async escalate(escalations, at) {
      const fresh: boolean[] = [];
      // In writes of ESCALATIONS_PER_WRITE: one fsync each on SQLite, a D1 batch of bounded size.
      for (let i = 0; i < escalations.length; i += ESCALATIONS_PER_WRITE) {
        const slice = escalations.slice(i, i + ESCALATIONS_PER_WRITE);
        const statements = slice.flatMap(({ ticketId, type, deadline }) => [
          db
            .insert(ticketEvents)
            .values({ ticketId, type, deadline, actor: 'scanner', at })
            .onConflictDoNothing()
            .returning({ id: ticketEvents.id }),
          // The live updates' signal: one more only when the overdue event above is new.
          db
            .update(tallies)
            .set({ n: sql`${tallies.n} + changes()` })
            .where(and(eq(tallies.name, TALLY.overdueEscalations), sql`${type === 'overdue' ? 1 : 0} = 1`)),
          db
            .update(caseDeadlines)
            .set({ escalated: type })
            .where(
              and(
                eq(caseDeadlines.ticketId, ticketId),
                eq(caseDeadlines.name, deadline),
                type === 'due_soon' ? eq(caseDeadlines.escalated, 'none') : undefined,
              ),
            ),
        ]);
        const [first, ...rest] = statements;
        if (!first) continue;
        const results = await atomic(db, [first, ...rest]);
        // Each escalation's event insert answers whether it is new (the signal and level updates, nothing).
        fresh.push(...slice.map((_, j) => (results[3 * j] as unknown[]).length > 0));
      }
      return fresh;
    },
    async recordFollowUp(ticketId, note, at) {
      await atomic(db, [
        addToTallyIf(db, TALLY.followUps, ticketId, 'not_followed_up'),
        db
          .update(tickets)
          .set({ followedUpAt: at })
          .where(and(eq(tickets.id, ticketId), isNull(tickets.followedUpAt))),
        db.insert(ticketEvents).values({ ticketId, type: 'follow_up', note, actor: 'system', at }),
      ]);
    },
    async unansweredFollowUps(limit) {
      return db
        .select()
        .from(tickets)
        .where(and(isNotNull(tickets.followedUpAt), isNull(tickets.ratedAt)))
        .orderBy(desc(tickets.followedUpAt))
        .limit(limit)
        .all();
    },
    async countAccepted(from, until) {
      const row = await db
        .select({ n: count() })
        .from(tickets)
        .where(and(gte(tickets.acceptedAt, from), lt(tickets.acceptedAt, until)))
        .get();
      return row?.n ?? 0;
    },
    async findByNumbers(numbers) {
      // In slices: D1 binds at most 100 parameters to a statement.
      const found: Ticket[] = [];
      for (let k = 0; k < numbers.length; k += 90) {
        const slice = numbers.slice(k, k + 90);
        found.push(...(await db.select().from(tickets).where(inArray(tickets.number, slice)).all()));
      }
      return found;
    },
    async history(ticketId, limit, before) {
      // One more than asked for tells whether older events remain; a range of (ticket, id).
      const rows = await db
        .select()
        .from(ticketEvents)
        .where(
          and(
            eq(ticketEvents.ticketId, ticketId),
            before === undefined ? undefined : lt(ticketEvents.id, before),
          ),
        )
        .orderBy(desc(ticketEvents.id))
        .limit(limit + 1)
        .all();
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return rows.length > limit && last ? { items, next: last.id } : { items };
    },
    async assign({ ticketIds, assignee, actor, at }) {
      // Per case: its event only where the assignee changes (read before the update in the same
      // write), then the update; closed cases are left as they are.
      const changing = (id: string) =>
        and(
          eq(tickets.id, id),
          sql`${tickets.status} != 'closed'`,
          sql`${tickets.assignee} is not ${assignee.id}`,
        );
      const statements = ticketIds.flatMap((id) => [
        db.insert(ticketEvents).select(
          db
            .select({
              id: sql<null>`null`.as('id'),
              ticketId: tickets.id,
              type: sql<string>`'assigned'`.as('type'),
              status: sql<null>`null`.as('status'),
              assignee: sql<string>`${assignee.username}`.as('assignee'),
              deadline: sql<null>`null`.as('deadline'),
              note: sql<null>`null`.as('note'),
              actor: sql<string>`${actor}`.as('actor'),
              at: sql<number>`${at.getTime()}`.as('at'),
            })
            .from(tickets)
            .where(changing(id)),
        ),
        db.update(tickets).set({ assignee: assignee.id }).where(changing(id)).returning({ id: tickets.id }),
      ]);
      const [first, ...rest] = statements;
      if (!first) return 0;
      const results = await atomic(db, [first, ...rest]);
      return results.filter((rows, i) => i % 2 === 1 && (rows as unknown[]).length > 0).length;
    },
    async addNote(ticketId, note, actor, at) {
      await db.insert(ticketEvents).values({ ticketId, type: 'note', note, actor, at }).run();
    },
    async overdueSignal() {
      const row = await db
        .select({ n: tallies.n })
        .from(tallies)
        .where(eq(tallies.name, TALLY.overdueEscalations))
        .get();
      return row?.n ?? 0;
    },
    async counts(now) {
      const [tally, overdue] = await Promise.all([
        readTallies(db),
        // Grouped by `+kind`, so SQLite reads the overdue rows on their index instead of every case
        // in the order of the kind index.
        db
          .select({ kind: tickets.kind, n: count() })
          .from(tickets)
          .where(lte(tickets.nextDueAt, now))
          .groupBy(sql`+${tickets.kind}`)
          .all(),
      ]);
      const byKind = Object.fromEntries(
        CASE_KINDS.map((kind) => [
          kind,
          Object.fromEntries(
            CASE_STATUSES.map((status) => [status, tally.get(TALLY.cases(kind, status)) ?? 0]),
          ),
        ]),
      ) as CaseCounts['byKind'];
      const overdueByKind = Object.fromEntries(
        CASE_KINDS.map((kind) => [kind, overdue.find((row) => row.kind === kind)?.n ?? 0]),
      ) as CaseCounts['overdueByKind'];
      return {
        byKind,
        overdueByKind,
        followUps: tally.get(TALLY.followUps) ?? 0,
        followUpsAnswered: tally.get(TALLY.followUpsAnswered) ?? 0,
        ratings: tally.get(TALLY.ratings) ?? 0,
        ratingsSatisfied: tally.get(TALLY.ratingsSatisfied) ?? 0,
      };
    },
  };
}
