import { Hono } from 'hono';
import { z } from 'zod';
import type { OutageStore } from '../../db/outage-store.js';
import type { StaffStore } from '../../db/staff-store.js';
import type { Areas } from '../../knowledge/areas.js';
import { ApiError, badRequest } from '../errors.js';
import { changeOutage, createOutage, outageView } from '../outages/outages.js';
import { requireStaff, staffOf } from '../staff/auth.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, pageBody, pageQuery } from './paging.js';
import { parseOrThrow, readJsonObject } from './validation.js';

export interface OutageRouteDeps {
  outages: OutageStore;
  staff: StaffStore;
  areas: Areas;
  clock: () => Date;
  newId: () => string;
  /** An outage was recorded or changed: tell whom it concerns soon (the outage pass, then the outbox). */
  onOutageChange?: () => void;
}

export const outageListQuery = z.strictObject({
  active: z.enum(['true', 'false']).optional(),
  area: z.string().min(1).max(50).optional(),
  ...pageQuery,
});
export const outageCursor = z.object({ startsAt: z.number().int(), id: z.string().max(200) });

/**
 * Outages for staff (session; CSRF on changes): record one (planned or fault), list them (latest
 * start first, by keyset, active only or of one area), change one (expected restoration, end,
 * restored, cancelled). Customers concerned are told by the outage pass (api/outages/notifier.ts).
 */
export function outageRoutes(deps: OutageRouteDeps) {
  const guard = requireStaff(deps.staff, deps.clock);
  return new Hono()
    .get('/', guard, async (c) => {
      const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
      const query = parseOrThrow(outageListQuery, given);
      if (query.area && !deps.areas.has(query.area))
        throw badRequest('unknown_area', `area: ${query.area} is not a supply area`, 'area');
      const page = await deps.outages.page({
        active: query.active === 'true',
        area: query.area,
        after: query.cursor ? decodeCursor(query.cursor, outageCursor) : undefined,
        limit: query.limit ?? DEFAULT_PAGE_SIZE,
      });
      return c.json(pageBody(page.items.map(outageView), page.next));
    })
    .get('/:id', guard, async (c) => {
      const outage = await deps.outages.get(c.req.param('id'));
      if (!outage) throw new ApiError(404, 'not_found', 'no such outage');
      return c.json(outageView(outage));
    })
    .post('/', guard, async (c) => {
      const now = deps.clock();
      const me = staffOf(c);
      const outage = await createOutage(await readJsonObject(c.req.raw), {
        outages: deps.outages,
        areas: deps.areas,
        now,
        newId: deps.newId,
        staff: me.username,
      });
      await deps.staff.audit(me.id, 'outage_created', outage.id, now);
      deps.onOutageChange?.();
      return c.json(outageView(outage), 201);
    })
    .patch('/:id', guard, async (c) => {
      const now = deps.clock();
      const me = staffOf(c);
      const outage = await changeOutage(c.req.param('id'), await readJsonObject(c.req.raw), {
        outages: deps.outages,
        now,
      });
      await deps.staff.audit(me.id, `outage_${outage.status}`, outage.id, now);
      deps.onOutageChange?.();
      return c.json(outageView(outage));
    });
}
