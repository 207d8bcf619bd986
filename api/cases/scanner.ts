import type { Logger } from 'pino';
import type { Ticket, TicketStore } from '../../db/ticket-store.js';
import { clockDueSoonRule, type DueSoonRule } from '../standard/working-hours.js';

export interface Escalation {
  ticket: Ticket;
  type: 'due_soon' | 'overdue';
  deadline: string;
  dueAt: Date;
}

export interface ScanOptions {
  /** Whether a deadline still ahead is due soon (the service: DUE_SOON_HOURS working hours). */
  isDueSoon?: DueSoonRule;
  /** At most this many deadlines a pass (the rest wait for the next pass, soonest first). */
  batch?: number;
}

/** Without a rule: 4 clock hours. */
export const DEFAULT_DUE_SOON_MS = 4 * 3600_000;
const withinClockHours = clockDueSoonRule(DEFAULT_DUE_SOON_MS);
const DEFAULT_BATCH = 200;

/**
 * One pass of the deadline scanner: the unmet deadlines that are due soon or past get an
 * escalation event, once per case, deadline and threshold, however often the scan runs. It reads
 * only the deadlines due by the end of the due-soon window and not yet escalated that far (the
 * store's index on the due instant), so a pass costs what is due, not what is open. Returns the
 * escalations new in this pass (for notifying staff).
 */
export async function scanDeadlines(
  tickets: TicketStore,
  now: Date,
  options: ScanOptions = {},
): Promise<Escalation[]> {
  const isDueSoon = options.isDueSoon ?? withinClockHours;
  const found: Escalation[] = [];
  for (const due of await tickets.dueDeadlines(now, isDueSoon.horizon(now), options.batch ?? DEFAULT_BATCH)) {
    const type = now >= due.dueAt ? 'overdue' : isDueSoon(due.dueAt, now) ? 'due_soon' : undefined;
    if (!type || (type === 'due_soon' && due.escalated !== 'none')) continue;
    found.push({ ticket: due.ticket, type, deadline: due.name, dueAt: due.dueAt });
  }
  // All of the pass's escalations in one write; those recorded already (another pass, another
  // process) are not new.
  const fresh = await tickets.escalate(
    found.map((e) => ({ ticketId: e.ticket.id, type: e.type, deadline: e.deadline })),
    now,
  );
  return found.filter((_, i) => fresh[i]);
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
