import { z } from 'zod';
import { OPEN_END, type Outage, type OutageChange, type OutageStore } from '../../db/outage-store.js';
import { OUTAGE_KINDS } from '../../db/schema.js';
import type { Areas } from '../../knowledge/areas.js';
import { ApiError, badRequest } from '../errors.js';
import { parseOrThrow } from '../routes/validation.js';
import { shanghaiDate } from '../standard/beijing-time.js';

/** An instant as ISO 8601 with its offset ("2026-12-08T08:00:00+08:00" or "…Z"). */
const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));

export const newOutageSchema = z.strictObject({
  kind: z.enum(OUTAGE_KINDS),
  areas: z.array(z.string().min(1).max(50)).min(1).max(20),
  startsAt: instant,
  endsAt: instant.optional(),
  expectedRestoreAt: instant.optional(),
  reason: z.string().min(1).max(500),
});

export const outageChangeSchema = z.strictObject({
  expectedRestoreAt: instant.optional(),
  endsAt: instant.optional(),
  status: z.enum(['restored', 'cancelled']).optional(),
  note: z.string().min(1).max(1000).optional(),
});

/** Outages a staff member records: checked, numbered by the Beijing day (TD20261206-0001). */
export async function createOutage(
  body: unknown,
  deps: { outages: OutageStore; areas: Areas; now: Date; newId: () => string; staff: string },
): Promise<Outage> {
  const input = parseOrThrow(newOutageSchema, body, { kind: 'unknown_kind' });
  const reason = input.reason.trim();
  if (!reason) throw badRequest('empty_reason', 'reason must contain something other than spaces', 'reason');
  const areas = [...new Set(input.areas.map((a) => a.trim()))];
  areas.forEach((area, i) => {
    if (!deps.areas.has(area))
      throw badRequest(
        'unknown_area',
        `areas.${i}: ${area} is not a supply area (knowledge/areas.yaml)`,
        `areas.${i}`,
      );
  });
  if (input.kind === 'planned' && !input.endsAt)
    throw badRequest('missing_field', 'endsAt is required for a planned outage', 'endsAt');
  if (input.endsAt && input.endsAt.getTime() <= input.startsAt.getTime())
    throw badRequest('ends_before_start', 'endsAt must be after startsAt', 'endsAt');
  if (input.expectedRestoreAt && input.expectedRestoreAt.getTime() <= input.startsAt.getTime())
    throw badRequest(
      'restores_before_start',
      'expectedRestoreAt must be after startsAt',
      'expectedRestoreAt',
    );
  const end = input.endsAt ?? input.expectedRestoreAt ?? OPEN_END;
  for (const area of areas) {
    // An outage of the same kind already recorded for this area and time: update that one instead.
    const clash = (await deps.outages.activeIn(area, input.startsAt, new Date(end.getTime() - 1))).find(
      (other) => other.kind === input.kind,
    );
    if (clash)
      throw badRequest(
        'overlapping_outage',
        `areas: ${area} already has ${clash.kind} outage ${clash.number} at that time; update it instead`,
        'areas',
      );
  }
  return deps.outages.create(
    {
      id: deps.newId(),
      kind: input.kind,
      areas,
      startsAt: input.startsAt,
      endsAt: input.endsAt ?? null,
      expectedRestoreAt: input.expectedRestoreAt ?? null,
      reason,
      createdBy: deps.staff,
    },
    `TD${shanghaiDate(deps.now).replaceAll('-', '')}`,
    deps.now,
  );
}

/** A change staff make: a new expected restoration or end, restored, cancelled, a note. */
export async function changeOutage(
  id: string,
  body: unknown,
  deps: { outages: OutageStore; now: Date },
): Promise<Outage> {
  const outage = await deps.outages.get(id);
  if (!outage) throw new ApiError(404, 'not_found', 'no such outage');
  const input = parseOrThrow(outageChangeSchema, body, { status: 'unknown_status' });
  const note = input.note?.trim();
  if (input.note !== undefined && !note)
    throw badRequest('empty_note', 'note must contain something other than spaces', 'note');
  if (Object.keys(input).length === 0)
    throw badRequest('empty_change', 'give expectedRestoreAt, endsAt, status or note', 'body');
  if (outage.status !== 'active')
    throw new ApiError(409, 'outage_closed', `the outage is already ${outage.status}`);
  if (input.endsAt && input.endsAt.getTime() <= outage.startsAt.getTime())
    throw badRequest('ends_before_start', 'endsAt must be after the outage starts', 'endsAt');
  if (input.expectedRestoreAt && input.expectedRestoreAt.getTime() <= outage.startsAt.getTime())
    throw badRequest(
      'restores_before_start',
      'expectedRestoreAt must be after the outage starts',
      'expectedRestoreAt',
    );
  if (input.status === 'restored' && outage.startsAt.getTime() > deps.now.getTime())
    throw badRequest('not_started', 'an outage that has not started cannot be restored; cancel it', 'status');
  const change: OutageChange = {
    ...(input.endsAt ? { endsAt: input.endsAt } : {}),
    ...(input.expectedRestoreAt ? { expectedRestoreAt: input.expectedRestoreAt } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(note ? { note } : {}),
  };
  const updated = await deps.outages.update(id, change, deps.now);
  if (!updated) throw new ApiError(404, 'not_found', 'no such outage');
  return updated;
}

/** An outage as the staff API shows it. */
export function outageView(outage: Outage) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: outage.id,
    number: outage.number,
    kind: outage.kind,
    status: outage.status,
    areas: outage.areas,
    startsAt: outage.startsAt.toISOString(),
    endsAt: iso(outage.endsAt),
    expectedRestoreAt: iso(outage.expectedRestoreAt),
    reason: outage.reason,
    note: outage.note,
    closedAt: iso(outage.closedAt),
    /** Customers whose fault reports it absorbed, and how many were told of its changes. */
    linked: outage.linked,
    notified: outage.notified,
    createdBy: outage.createdBy,
    createdAt: outage.createdAt.toISOString(),
    updatedAt: outage.updatedAt.toISOString(),
  };
}
