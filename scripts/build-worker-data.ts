/**
 * Writes api/worker/data.generated.json, the build-time data of the Cloudflare Worker (see
 * api/worker/data.ts): `npm run build:worker`, and wrangler's `[build] command`, so `wrangler deploy`
 * and `wrangler dev` always bundle fresh data. The file is generated and git-ignored; it is only
 * rewritten when its content changes (wrangler dev watches it).
 */
import { writeWorkerData } from './worker-data.js';

const { path, written, bytes } = writeWorkerData();
console.log(written ? `wrote ${path} (${(bytes / 1024 / 1024).toFixed(1)} MiB)` : `${path} is up to date`);
