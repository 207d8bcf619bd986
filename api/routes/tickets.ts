import { Hono } from 'hono';
import { z } from 'zod';
import type { TicketStore } from '../../db/ticket-store.js';
import { CASE_KINDS } from '../cases/cases.js';
import { caseView, openCase } from '../cases/open-case.js';
import { badRequest } from '../errors.js';
import { rateLimit } from '../middleware/rate-limit.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import { parseOrThrow, readJsonObject } from './validation.js';

export const PHONE = /^(1\d{10}|0\d{2,3}\d{7,8})$/;

const ticketSchema = z.object({
  kind: z.enum(CASE_KINDS),
  description: z.string().min(1).max(2000),
  contactPhone: z.string().min(1).max(20).optional(),
  accountNumber: z.string().min(1).max(20).optional(),
});

export interface TicketRouteDeps {
  tickets: TicketStore;
  calendar: WorkdayCalendar;
  clock: () => Date;
  newId: () => string;
  /** Web-form submissions per client address per minute. */
  formLimitPerMinute?: number;
}

/** The web complaint form: open to anyone, rate-limited, 201 only once the case is on disk. */
export function ticketRoutes(deps: TicketRouteDeps) {
  return new Hono().post(
    '/',
    rateLimit({ windowMs: 60_000, max: deps.formLimitPerMinute ?? 10 }),
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
