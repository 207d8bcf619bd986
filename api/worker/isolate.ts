import type { UserFromGetMe } from 'grammy/types';
import { createLiveVersion } from '../kb/live.js';
import data from './data.generated.json' with { type: 'json' };
import type { WorkerData } from './data.js';
import type { IsolateCache } from './platform.js';
import { buildWorkerKnowledge, type WorkerKnowledge, workerCalendar } from './statics.js';

/**
 * What this module keeps for the isolate comes from build-time data only
 * (api/worker/data.generated.json, written by `npm run build:worker`): the knowledge (built on the
 * first request, about a second of CPU), the calendar and the console assets.
 */
const buildData = data as WorkerData;

let knowledge: Promise<WorkerKnowledge> | undefined;
let calendar: ReturnType<typeof workerCalendar> | undefined;

function shippedKnowledge(): Promise<WorkerKnowledge> {
  knowledge ??= buildWorkerKnowledge(buildData).catch((error: unknown) => {
    knowledge = undefined;
    throw error;
  });
  return knowledge;
}

export const isolateCache: IsolateCache = {
  calendar: () => {
    calendar ??= workerCalendar(buildData);
    return calendar;
  },
  knowledge: shippedKnowledge,
  // Another isolate may have published: the current version is read (one indexed query) on every use.
  liveKnowledge: createLiveVersion({
    shipped: shippedKnowledge,
    shippedHash: async () => (await shippedKnowledge()).contentHash,
    checkEachUse: true,
  }),
  consoleAssets: buildData.consoleAssets,
  botInfo: new Map<string, UserFromGetMe>(),
  adminChecked: new WeakSet<object>(),
};
