import { Hono } from 'hono';
import { z } from 'zod';
import type { LimitStore } from '../../db/limit-store.js';
import type { OutageStore } from '../../db/outage-store.js';
import type { StaffStore } from '../../db/staff-store.js';
import type { Store } from '../../db/store.js';
import type { Ticket, TicketStore } from '../../db/ticket-store.js';
import { CASE_STATUSES, FORM_CASE_KINDS } from '../../vocabulary/case-kinds.js';
import { assignCases, MAX_BULK_ASSIGN } from '../cases/assignment.js';
import { parseCaseListQuery, readCaseList } from '../cases/case-list.js';
import { overdueDeadlines } from '../cases/cases.js';
import { followUpClosedCase } from '../cases/follow-up.js';
import { historyItem, readHistory } from '../cases/history.js';
import { caseView, openCase } from '../cases/open-case.js';
import { readStats } from '../cases/stats.js';
import { ApiError, badRequest } from '../errors.js';
import { rateLimit } from '../middleware/rate-limit.js';
import { requireStaff, staffOf } from '../staff/auth.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import { parseOrThrow, readJsonObject } from './validation.js';

export const PHONE = /^(1\d{10}|0\d{2,3}\d{7,8})$/;

const ticketSchema = z.object({
  kind: z.enum(FORM_CASE_KINDS),
  description: z.string().min(1).max(2000),
  contactPhone: z.string().min(1).max(20).optional(),
  accountNumber: z.string().min(1).max(20).optional(),
});

export interface TicketRouteDeps {
  tickets: TicketStore;
  store: Store;
  staff: StaffStore;
  limits: LimitStore;
  calendar: WorkdayCalendar;
  clock: () => Date;
  newId: () => string;
  /** Web-form submissions per client address per minute. */
  formLimitPerMinute?: number;
  /** A follow-up was queued for a chat platform: send it now. */
  onOutbound?: () => void;
  /** For the statistics' count of fault reports absorbed by known outages. */
  outages?: Pick<OutageStore, 'absorbedReports'>;
}

const patchSchema = z.object({ status: z.enum(CASE_STATUSES), note: z.string().min(1).max(1000) });
const noteSchema = z.object({ note: z.string().min(1).max(1000) });
const assignSchema = z.object({
  numbers: z.array(z.string().min(1).max(40)).min(1).max(MAX_BULK_ASSIGN),
  assignee: z.string().min(1).max(64),
});

/** Follow-up coverage and satisfaction (standard 四、2), for staff: from counts, never from the cases. */
export function statsRoutes(deps: TicketRouteDeps) {
  return new Hono().get('/', requireStaff(deps.staff, deps.clock), async (c) => {
    const [{ stats }, absorbed] = await Promise.all([
      readStats(deps.tickets, deps.clock()),
      deps.outages?.absorbedReports() ?? 0,
    ]);
    return c.json({ ...stats, outageReportsAbsorbed: absorbed });
  });
}

/**
 * Cases: the web complaint form (open to anyone, rate-limited, 201 only once the case is on disk),
 * and the staff side (a page of the list with filters and search, overdue first; one case with
 * its history; status changes).
 */
export function ticketRoutes(deps: TicketRouteDeps) {
  const guard = requireStaff(deps.staff, deps.clock);
  /** Staff user names by id (a small table), for the cases' assignees. */
  const staffNames = async () => new Map((await deps.staff.list()).map((s) => [s.id, s.username]));
  const view = (ticket: Ticket, now: Date, names: Map<string, string>) => ({
    ...caseView(ticket),
    overdue: overdueDeadlines(ticket, now),
    description: ticket.description,
    contactPhone: ticket.contactPhone,
    accountNumber: ticket.accountNumber,
    address: ticket.address,
    channel: ticket.channel,
    assignee: ticket.assignee ? (names.get(ticket.assignee) ?? ticket.assignee) : null,
  });
  const caseOr404 = async (id: string) => {
    const ticket = await deps.tickets.get(id);
    if (!ticket) throw new ApiError(404, 'not_found', 'no such case');
    return ticket;
  };
  return new Hono()
    .get('/', guard, async (c) => {
      const now = deps.clock();
      const page = await readCaseList(deps.tickets, parseCaseListQuery(c.req.query()), now);
      const names = await staffNames();
      return c.json({ ...page, items: page.items.map((t) => view(t, now, names)) });
    })
    .post('/assign', guard, async (c) => {
      // Bulk assignment from the case list: all the cases or none (see assignCases for who may).
      const input = parseOrThrow(assignSchema, await readJsonObject(c.req.raw));
      const me = staffOf(c);
      const now = deps.clock();
      const result = await assignCases(input, me, { tickets: deps.tickets, staff: deps.staff, now });
      for (const number of result.numbers) await deps.staff.audit(me.id, 'assign_case', number, now);
      return c.json(result);
    })
    .get('/:id', guard, async (c) => {
      const ticket = await caseOr404(c.req.param('id'));
      const now = deps.clock();
      await deps.staff.audit(staffOf(c).id, 'open_case', ticket.id, now);
      // The latest page of its history, oldest first; older pages from GET /v1/tickets/:id/history.
      const history = await readHistory(deps.tickets, ticket.id, {});
      return c.json({
        ...view(ticket, now, await staffNames()),
        history: history.items.map(historyItem).reverse(),
        ...(history.nextCursor ? { olderHistoryCursor: history.nextCursor } : {}),
      });
    })
    .get('/:id/history', guard, async (c) => {
      const ticket = await caseOr404(c.req.param('id'));
      const page = await readHistory(deps.tickets, ticket.id, c.req.query());
      return c.json({
        items: page.items.map(historyItem),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      });
    })
    .post('/:id/notes', guard, async (c) => {
      const ticket = await caseOr404(c.req.param('id'));
      const { note } = parseOrThrow(noteSchema, await readJsonObject(c.req.raw));
      if (!note.trim()) throw badRequest('empty_note', 'note must contain something other than spaces');
      const now = deps.clock();
      const me = staffOf(c);
      await deps.tickets.addNote(ticket.id, note.trim(), me.username, now);
      await deps.staff.audit(me.id, 'case_note', ticket.id, now);
      return c.json({ ticketId: ticket.id, at: now.toISOString() }, 201);
    })
    .patch('/:id', guard, async (c) => {
      const ticket = await deps.tickets.get(c.req.param('id'));
      if (!ticket) throw new ApiError(404, 'not_found', 'no such case');
      const { status, note } = parseOrThrow(patchSchema, await readJsonObject(c.req.raw), {
        status: 'unknown_status',
      });
      if (!note.trim()) throw badRequest('empty_note', 'note must contain something other than spaces');
      if (ticket.status === 'closed') throw new ApiError(409, 'case_closed', 'a closed case cannot change');
      if (CASE_STATUSES.indexOf(status) <= CASE_STATUSES.indexOf(ticket.status)) {
        throw badRequest('status_not_forward', `a case moves forward only: ${CASE_STATUSES.join(' → ')}`);
      }
      const now = deps.clock();
      const me = staffOf(c);
      await deps.tickets.setStatus(ticket.id, status, me.username, note.trim(), now);
      await deps.staff.audit(me.id, `case_${status}`, ticket.id, now);
      const updated = await deps.tickets.get(ticket.id);
      if (status === 'closed' && updated) {
        await followUpClosedCase(updated, { store: deps.store, tickets: deps.tickets, now });
        deps.onOutbound?.();
      }
      return c.json(view(updated ?? ticket, now, await staffNames()));
    })
    .post(
      '/',
      rateLimit({
        name: 'ticket-form',
        perMinute: deps.formLimitPerMinute ?? 10,
        limits: deps.limits,
        clock: deps.clock,
      }),
      async (c) => {
        const input = parseOrThrow(ticketSchema, await readJsonObject(c.req.raw), { kind: 'unknown_kind' });
        const description = input.description.trim();
        if (!description)
          throw badRequest('empty_description', 'description must contain something other than spaces');
        const contactPhone = input.contactPhone?.replace(/[\s-]/g, '');
        if (contactPhone !== undefined && !PHONE.test(contactPhone)) {
          throw badRequest(
            'invalid_phone',
            'contactPhone must be a mainland mobile (11 digits) or landline number',
          );
        }
        if (input.accountNumber !== undefined && !/^\d{10}$/.test(input.accountNumber)) {
          throw badRequest('invalid_account_number', 'accountNumber must be 10 digits');
        }
        const ticket = await openCase(
          { ...input, description, contactPhone, channel: 'form' },
          { tickets: deps.tickets, calendar: deps.calendar, now: deps.clock(), newId: deps.newId },
        );
        return c.json(caseView(ticket), 201);
      },
    );
}
