import { Hono } from 'hono';
import { z } from 'zod';
import { badRequest } from '../errors.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import { computeDeadlines, DeadlineInputError } from '../standard/deadlines.js';
import { TIME_LIMITS } from '../standard/time-limits.js';
import { parseOrThrow, readJsonObject } from './validation.js';

const deadlineSchema = z.object({
  kind: z.string().min(1).max(64),
  customerClass: z.string().min(1).max(64).optional(),
  area: z.string().min(1).max(16).optional(),
  acceptedAt: z.string().min(1).max(64),
});

// 2025-09-30T10:00:00Z, 2025-09-30T10:00:00.000+08:00, 2025-09-30T10:00 (read as Beijing time), 2025-09-30
const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO-8601 instant. A date-time without an offset, or a bare date, is read in Asia/Shanghai time:
 * the standard's clocks run on Beijing time.
 */
export function parseInstant(value: string): Date | undefined {
  const match = ISO_8601.exec(value.trim());
  if (!match) return undefined;
  const [, date, time = '00:00', offset = '+08:00'] = match;
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const instant = new Date(`${date}T${time}${zone}`);
  if (Number.isNaN(instant.getTime())) return undefined;
  // Reject dates that JavaScript silently rolls over (2025-02-30 → 2025-03-02).
  const [y, m, d] = (date ?? '').split('-').map(Number);
  const check = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 0));
  if (check.getUTCMonth() + 1 !== m || check.getUTCDate() !== d) return undefined;
  return instant;
}

/** The service standard's time limits as data, and the due instants of a case accepted at a moment. */
export function standardsRoutes({ calendar }: { calendar: WorkdayCalendar }) {
  return new Hono()
    .get('/standards', (c) => c.json({ items: TIME_LIMITS }))
    .post('/deadlines', async (c) => {
      const input = parseOrThrow(deadlineSchema, await readJsonObject(c.req.raw));
      const acceptedAt = parseInstant(input.acceptedAt);
      if (!acceptedAt) {
        throw badRequest(
          'invalid_date',
          'acceptedAt must be an ISO-8601 date-time, e.g. 2025-09-30T10:00:00+08:00',
        );
      }
      try {
        const result = computeDeadlines({ ...input, acceptedAt }, calendar);
        const deadlines = Object.fromEntries(
          Object.entries(result.deadlines).map(([name, at]) => [name, at.toISOString()]),
        );
        return c.json({ deadlines, calendarConfirmed: result.calendarConfirmed });
      } catch (error) {
        if (error instanceof DeadlineInputError) throw badRequest(error.code, error.message);
        throw error;
      }
    });
}
