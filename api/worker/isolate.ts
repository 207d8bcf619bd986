import type { UserFromGetMe } from 'grammy/types';
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

export const isolateCache: IsolateCache = {
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
