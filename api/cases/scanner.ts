import type { Logger } from 'pino';
import type { Ticket, TicketStore } from '../../db/ticket-store.js';
import { deadlineMet } from '../../vocabulary/case-kinds.js';
import type { DueSoonRule } from '../standard/working-hours.js';

export interface Escalation {
  ticket: Ticket;
  type: 'due_soon' | 'overdue';
  deadline: string;
  dueAt: Date;
}

export interface ScanOptions {
  /** Whether a deadline still ahead is due soon (the service: DUE_SOON_HOURS working hours). */
  isDueSoon?: DueSoonRule;
}

/** Without a rule: 4 clock hours. */
export const DEFAULT_DUE_SOON_MS = 4 * 3600_000;
const withinClockHours: DueSoonRule = (dueAt, now) => dueAt.getTime() - now.getTime() <= DEFAULT_DUE_SOON_MS;

/**
 * One pass of the deadline scanner: every open case's unmet deadlines that are due soon or past
 * get an escalation event, once per case, deadline and threshold, however often the scan runs.
 * Returns the escalations new in this pass (for notifying staff).
 */
export async function scanDeadlines(
  tickets: TicketStore,
  now: Date,
  options: ScanOptions = {},
): Promise<Escalation[]> {
  const isDueSoon = options.isDueSoon ?? withinClockHours;
  const fresh: Escalation[] = [];
  for (const ticket of await tickets.listOpen()) {
    for (const [deadline, ms] of Object.entries(ticket.deadlines)) {
      if (deadlineMet(deadline, ticket.status)) continue;
      const type = now.getTime() >= ms ? 'overdue' : isDueSoon(new Date(ms), now) ? 'due_soon' : undefined;
      if (!type) continue;
      if (await tickets.escalate(ticket.id, type, deadline, now))
        fresh.push({ ticket, type, deadline, dueAt: new Date(ms) });
    }
  }
  return fresh;
}

export interface ScanPassDeps {
  tickets: TicketStore;
  isDueSoon: DueSoonRule;
  logger: Pick<Logger, 'warn'>;
  /** Where staff hear of the escalations (their Telegram chat, through the outbox). */
  notify: (escalations: Escalation[]) => Promise<void>;
}

/**
 * The scanner's pass as the service runs it (Node's timer, the Workers cron): scan, log each new
 * escalation (case number, kind, deadline; nothing the customer said), tell staff.
 */
export async function scanAndNotify(deps: ScanPassDeps, now: Date): Promise<Escalation[]> {
  const escalations = await scanDeadlines(deps.tickets, now, { isDueSoon: deps.isDueSoon });
  for (const e of escalations) {
    deps.logger.warn(
      { case: e.ticket.number, kind: e.ticket.kind, escalation: e.type, deadline: e.deadline },
      'case deadline',
    );
  }
  await deps.notify(escalations);
  return escalations;
}
