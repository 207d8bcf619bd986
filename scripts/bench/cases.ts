import { openCase } from '../../api/cases/open-case.js';
import type { Services } from '../../bot/services.js';
import { round } from './stats.js';

const COUNT = 3000;

/** Durable case creation in-process, one after another: each one synchronous=FULL transaction. */
export async function inProcessCasesPerSecond(services: Services): Promise<number> {
  const deps = { tickets: services.tickets, calendar: services.calendar, newId: () => crypto.randomUUID() };
  const started = performance.now();
  for (let i = 0; i < COUNT; i++) {
    await openCase(
      { kind: 'complaint', description: `基准投诉${i}`, channel: 'form' },
      { ...deps, now: new Date() },
    );
  }
  return round(COUNT / ((performance.now() - started) / 1000), 0);
}
