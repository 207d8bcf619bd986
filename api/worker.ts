import type { UserFromGetMe } from 'grammy/types';
import data from './worker/data.generated.json' with { type: 'json' };
import type { WorkerData } from './worker/data.js';
import { type Background, createWorkerServices, type Env, type IsolateCache } from './worker/services.js';
import { buildWorkerKnowledge, type WorkerKnowledge, workerCalendar } from './worker/statics.js';

export type { Env } from './worker/services.js';

/**
 * The Cloudflare Worker (wrangler.toml `main`): the same Hono app as `npm start` (chat contract,
 * standards and deadlines, cases, staff API and console, Telegram webhook) on D1, and the
 * every-minute cron running the deadline scanner and the delivery outbox.
 *
 * Bindings reach the code per event (`env`), never through module globals: the stores are built
 * on each request's D1 binding. What this module keeps for the isolate comes from build-time data
 * only (api/worker/data.generated.json, written by `npm run build:worker`): the knowledge (built on
 * the first request, about a second of CPU), the calendar and the console assets.
 */
const buildData = data as WorkerData;

let knowledge: Promise<WorkerKnowledge> | undefined;
let calendar: ReturnType<typeof workerCalendar> | undefined;

const cache: IsolateCache = {
  calendar: () => {
    calendar ??= workerCalendar(buildData);
    return calendar;
  },
  knowledge: () => {
    knowledge ??= buildWorkerKnowledge(buildData).catch((error: unknown) => {
      knowledge = undefined;
      throw error;
    });
    return knowledge;
  },
  consoleAssets: buildData.consoleAssets,
  botInfo: new Map<string, UserFromGetMe>(),
  adminChecked: new WeakSet<object>(),
};

/** Where staff sign in (every other staff path needs a session from there): the admin must exist first. */
const STAFF_SIGN_IN = /^\/(console|v1\/staff)(\/|$)/;

/** The cron event's details the scanner needs. */
interface ScheduledEvent {
  scheduledTime: number;
}

export default {
  async fetch(request: Request, env: Env, ctx: Background): Promise<Response> {
    const services = createWorkerServices(env, ctx, cache);
    if (STAFF_SIGN_IN.test(new URL(request.url).pathname)) await services.ensureAdmin();
    return (await services.app()).fetch(request);
  },

  /** Every minute (wrangler.toml `[triggers]`): the deadline scanner, then the Telegram outbox. */
  async scheduled(event: ScheduledEvent, env: Env, ctx: Background): Promise<void> {
    const services = createWorkerServices(env, ctx, cache);
    ctx.waitUntil(
      (async () => {
        await services.scanOnce(new Date(event.scheduledTime));
        const { sent, failed } = await services.deliveryWorker.runOnce();
        if (sent || failed) services.logger.info({ sent, failed }, 'delivery pass');
      })().catch((error: unknown) => services.logger.error({ err: error }, 'scheduled pass failed')),
    );
  },
};
