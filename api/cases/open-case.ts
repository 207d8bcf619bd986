import type { Ticket, TicketStore } from '../../db/ticket-store.js';
import { CASE_KIND_TABLE, type CaseKind } from '../../vocabulary/case-kinds.js';
import { shanghaiDate } from '../standard/beijing-time.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import { caseDeadlines, caseNumber } from './cases.js';

export interface CaseInput {
  kind: CaseKind;
  description: string;
  contactPhone?: string;
  accountNumber?: string;
  address?: string;
  channel: Ticket['channel'];
  userId?: string;
  conversationId?: string;
  /**
   * The due instants of a kind the standard sets no limits for (vocabulary `timeLimits: null`): a
   * callback's `callbackDueAt`, from the staffed hours.
   */
  deadlines?: Record<string, Date>;
}

export interface CaseDeps {
  tickets: TicketStore;
  calendar: WorkdayCalendar;
  now: Date;
  newId: () => string;
}

/** Accepts a case: its deadlines from the standard, a number, stored durably before it returns. */
export async function openCase(input: CaseInput, deps: CaseDeps): Promise<Ticket> {
  const ownClock = CASE_KIND_TABLE[input.kind].timeLimits === null;
  if (ownClock && !input.deadlines) throw new Error(`a ${input.kind} case needs its deadlines given`);
  const { deadlines, calendarConfirmed } =
    ownClock && input.deadlines
      ? { deadlines: input.deadlines, calendarConfirmed: true }
      : caseDeadlines(input.kind, deps.now, deps.calendar);
  const day = shanghaiDate(deps.now);
  return deps.tickets.create(
    {
      id: deps.newId(),
      kind: input.kind,
      status: 'accepted',
      description: input.description,
      contactPhone: input.contactPhone ?? null,
      accountNumber: input.accountNumber ?? null,
      address: input.address ?? null,
      channel: input.channel,
      userId: input.userId ?? null,
      conversationId: input.conversationId ?? null,
      acceptedAt: deps.now,
      deadlines: Object.fromEntries(Object.entries(deadlines).map(([name, at]) => [name, at.getTime()])),
      calendarConfirmed,
    },
    caseNumber(input.kind, day, 0).slice(0, -4),
    (sequence) => caseNumber(input.kind, day, sequence),
  );
}

/** The case as the API shows it. */
export function caseView(ticket: Ticket) {
  return {
    id: ticket.id,
    number: ticket.number,
    kind: ticket.kind,
    status: ticket.status,
    acceptedAt: ticket.acceptedAt.toISOString(),
    deadlines: Object.fromEntries(
      Object.entries(ticket.deadlines).map(([name, ms]) => [name, new Date(ms).toISOString()]),
    ),
    calendarConfirmed: ticket.calendarConfirmed,
  };
}
