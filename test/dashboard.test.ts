import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase } from '../api/cases/open-case.js';
import { createDefaultWorkdayCalendar } from '../api/standard/calendar.js';
import { startTestServices, type TestServices } from './support/services.js';
import { type StaffSession, staffCall, staffSession } from './support/staff-session.js';

/** The dashboard says what each number counts and over which period, and never a rate over nothing. */
let now = Date.parse('2026-11-26T02:00:00Z'); // Thursday 10:00 Beijing time
const clock = () => new Date(now);

let service: TestServices;
let admin: StaffSession;
beforeEach(async () => {
  now = Date.parse('2026-11-26T02:00:00Z');
  service = await startTestServices({}, { clock });
  admin = await staffSession(service.app);
});
afterEach(() => service.dispose());

const dashboard = async () =>
  (await service.app.request('/console/dashboard', { headers: { cookie: admin.cookie } })).text();

const fileCase = (at: number) =>
  openCase(
    { kind: 'complaint', description: '服务态度差', contactPhone: '13700001234', channel: 'form' },
    {
      tickets: service.tickets,
      calendar: createDefaultWorkdayCalendar(),
      now: new Date(at),
      newId: () => crypto.randomUUID(),
    },
  );

describe('dashboard honesty', () => {
  it('shows "—" for a rate over no items, in the API (null) and on the page', async () => {
    const stats = await (await staffCall(service.app, admin, 'GET', '/v1/stats')).json();
    expect(stats).toMatchObject({
      closedCases: 0,
      followUpCoverage: null,
      ratings: 0,
      satisfactionRate: null,
    });
    const html = await dashboard();
    expect(html).toContain('<div class="value" id="coverage">—</div>');
    expect(html).toContain('<div class="value" id="satisfaction">—</div>');
    expect(html).not.toContain('>100%<');
  });

  it('counts the cases accepted today, in 7 days and in 30 days, and says the period of every tile', async () => {
    await fileCase(now - 20 * 86_400_000);
    await fileCase(now - 3 * 86_400_000);
    await fileCase(Date.parse('2026-11-25T15:30:00Z')); // 23:30 Beijing time yesterday
    await fileCase(Date.parse('2026-11-25T16:30:00Z')); // 00:30 Beijing time today
    await fileCase(now);
    const html = await dashboard();
    expect(html).toContain('<div class="value" id="accepted-today">2</div>');
    expect(html).toContain('<div class="value" id="accepted-days7">4</div>');
    expect(html).toContain('<div class="value" id="accepted-days30">5</div>');
    for (const caption of [
      '受理工单（今天',
      '受理工单（近 7 天',
      '受理工单（近 30 天',
      '累计，自系统启用起',
      '（当前）',
    ]) {
      expect(html).toContain(caption);
    }
  });
});
