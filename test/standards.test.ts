import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServices, type TestServices } from './support/services.js';

let service: TestServices;
beforeAll(async () => {
  service = await startTestServices();
});
afterAll(() => service.dispose());

async function deadlines(body: unknown) {
  const response = await service.app.request('/v1/deadlines', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, never> };
}

describe('GET /v1/standards', () => {
  it('lists every time limit of the standard with its unit and clause', async () => {
    const response = await service.app.request('/v1/standards');
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Record<string, unknown>[] };
    const row = (kind: string, customerClass?: string) =>
      items.find(
        (i) => i.kind === kind && (customerClass === undefined || i.customerClass === customerClass),
      );
    expect(row('supply_plan_reply', 'resident')).toMatchObject({
      limit: 3,
      unit: 'working_days',
      clause: '三、1',
    });
    expect(row('supply_plan_reply', 'high_voltage_dual')).toMatchObject({ limit: 30, unit: 'working_days' });
    expect(row('connection', 'low_voltage')).toMatchObject({ limit: 5, clause: '三、2' });
    expect(row('meter_test')).toMatchObject({ limit: 5, clause: '三、4' });
    expect(row('reading_dispute')).toMatchObject({ limit: 7, clause: '三、4' });
    expect(items.filter((i) => i.kind === 'complaint').map((i) => i.limit)).toEqual([1, 7]);
    expect(items.some((i) => i.unit === 'minutes' && i.limit === 5)).toBe(true);
  });
});

describe('POST /v1/deadlines', () => {
  it('counts a complaint on the official calendar across National Day', async () => {
    const { status, body } = await deadlines({ kind: 'complaint', acceptedAt: '2025-09-30T10:00:00+08:00' });
    expect(status).toBe(200);
    expect(body.deadlines).toEqual({
      contactDueAt: '2025-10-09T16:00:00.000Z',
      replyDueAt: '2025-10-16T16:00:00.000Z',
    });
  });

  it.each([
    ['resident', '2026-11-25T16:00:00.000Z'],
    ['low_voltage', '2026-12-01T16:00:00.000Z'],
    ['high_voltage_single', '2026-12-11T16:00:00.000Z'],
  ])('gives the supply-plan reply deadline of class %s', async (customerClass, replyDueAt) => {
    const { status, body } = await deadlines({
      kind: 'supply_plan_reply',
      customerClass,
      acceptedAt: '2026-11-20T09:00:00+08:00',
    });
    expect(status).toBe(200);
    expect(body).toEqual({ deadlines: { replyDueAt }, calendarConfirmed: true });
  });

  it('flags a deadline counted into a year the calendar does not know yet', async () => {
    const { body } = await deadlines({
      kind: 'supply_plan_reply',
      customerClass: 'high_voltage_dual',
      acceptedAt: '2026-11-20T09:00:00+08:00',
    });
    // 30 working days run into 2027, whose holidays are not published yet: weekdays count, flagged.
    expect(body).toEqual({ deadlines: { replyDueAt: '2027-01-01T16:00:00.000Z' }, calendarConfirmed: false });
  });

  it('reads a date-time without an offset as Beijing time', async () => {
    const { body } = await deadlines({ kind: 'meter_test', acceptedAt: '2025-09-30T10:00:00' });
    expect(body.deadlines).toEqual({ resultDueAt: '2025-10-14T16:00:00.000Z' });
  });

  it.each([
    [{ kind: 'supply_plan_reply', acceptedAt: '2026-11-20T09:00:00Z' }, 'missing_customer_class'],
    [{ kind: 'connection', acceptedAt: '2026-11-20T09:00:00Z' }, 'missing_customer_class'],
    [{ kind: 'teleport', acceptedAt: '2026-11-20T09:00:00Z' }, 'unknown_kind'],
    [
      { kind: 'connection', customerClass: 'martian', acceptedAt: '2026-11-20T09:00:00Z' },
      'unknown_customer_class',
    ],
    [{ kind: 'complaint', acceptedAt: 'yesterday' }, 'invalid_date'],
    [{ kind: 'complaint', acceptedAt: '2025-02-30T10:00:00Z' }, 'invalid_date'],
    [{ kind: 'complaint' }, 'missing_field'],
  ])('rejects %j with 400 %s', async (body, code) => {
    const response = await deadlines(body);
    expect(response.status).toBe(400);
    expect((response.body.error as unknown as { code: string }).code).toBe(code);
  });
});
