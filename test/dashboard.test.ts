import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCase } from '../api/cases/open-case.js';
import { acceptedWindows } from '../api/cases/stats.js';
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
  it('takes each period as Beijing calendar days [from, until), today included', () => {
    const windows = acceptedWindows(new Date('2026-11-25T16:30:00Z')); // 00:30 on the 26th in Beijing
    expect(windows.today).toEqual({
      from: new Date('2026-11-25T16:00:00Z'),
      until: new Date('2026-11-26T16:00:00Z'),
    });
    expect(windows.days7.from).toEqual(new Date('2026-11-19T16:00:00Z'));
    expect(windows.days30.from).toEqual(new Date('2026-10-27T16:00:00Z'));
    expect(windows.days30.until).toEqual(windows.today.until);
  });

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
    // Accepted tomorrow by Beijing time (a clock ahead of this one): not today, not in any period.
    await fileCase(Date.parse('2026-11-26T16:30:00Z'));
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
    // Every tile's caption names its period.
    const labels = [...html.matchAll(/<div class="label">([^<]*)/g)].map((m) => m[1] ?? '');
    expect(labels.length).toBeGreaterThanOrEqual(8);
    for (const label of labels) expect(label, label).toMatch(/今天|近 \d+ 天|累计|当前/);
  });
});
