import { serve } from '@hono/node-server';
import { type Config, parseConfig } from '../api/config.js';
import { createServices } from './services.js';

/**
 * `npm start`: the HTTP API and staff console, the deadline scanner, the delivery outbox, and each
 * chat channel whose settings are present.
 */
const started = performance.now();
let settings: Config;
try {
  settings = parseConfig(process.env);
} catch (error) {
  // A bad setting stops the service with a sentence naming it, not a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
// The published knowledge version is loaded (built where it is not the shipped one) before serving.
const services = await createServices(settings);
const { config, logger, knowledge, telegram, wechat } = services;
const inUse = await services.currentKnowledge();

const server = serve({ fetch: services.app.fetch, port: config.PORT }, (info) => {
  logger.info(
    {
      port: info.port,
      database: config.DATABASE_PATH,
      knowledgeVersion: inUse.number,
      knowledgeEntries: inUse.parts.knowledge.base.entries.length,
      semanticSearch: knowledge.search.semantic,
      voice: services.inbound.recognizer?.kind ?? 'off',
      telegram: telegram ? (config.TELEGRAM_WEBHOOK_SECRET ? 'webhook' : 'polling') : 'off',
      wechat: config.WECHATY_PUPPET ?? 'off',
      wechatOfficial: config.WECHAT_OA_TOKEN
        ? `/wechat/official${config.WECHAT_OA_AES_KEY ? ' (safe mode)' : ''}${config.WECHAT_OA_APPID ? '' : ', no AppID: passive replies only'}`
        : 'off',
      readyMs: Math.round(performance.now() - started),
    },
    'service ready',
  );
});

// The deadline scanner: every SCAN_INTERVAL_SECONDS, open cases near or past a deadline are
// escalated once each, logged, and posted to the staff chat where one is set. Then the outage
// pass: customers linked to an outage told of its changes, planned-outage notices.
const scanner = setInterval(() => {
  services.scanOnce().catch((error: unknown) => logger.error({ err: error }, 'deadline scan failed'));
  services.outagePass().catch((error: unknown) => logger.error({ err: error }, 'outage pass failed'));
}, config.SCAN_INTERVAL_SECONDS * 1000);
scanner.unref();

// Messages outside a turn (staff replies, follow-ups, staff notices): sent now, retried until sent.
const stopDeliveries = services.deliveryWorker.start(5_000);
services.deliveryWorker.kick();

// Platforms stop redelivering within a day; older event ids, and the abuse limits' counters of
// past minutes, are forgotten hourly.
const pruner = setInterval(() => {
  services.inbound.events
    .prune(new Date(Date.now() - 2 * 86_400_000))
    .catch((error: unknown) => logger.error({ err: error }, 'inbound event pruning failed'));
  services.pruneLimits().catch((error: unknown) => logger.error({ err: error }, 'limit pruning failed'));
}, 3600_000);
pruner.unref();

if (telegram && !config.TELEGRAM_WEBHOOK_SECRET) {
  // Long polling; grammY deletes any webhook first. A failure to reach Telegram is logged, and the
  // rest of the service keeps running.
  telegram.startPolling().catch((error: unknown) => logger.error({ err: error }, 'telegram polling stopped'));
}

// WeChat: the login QR code appears in the terminal (and its URL in the log) until someone scans it.
wechat?.start().catch((error: unknown) => logger.error({ err: error }, 'wechat bot did not start'));

function shutdown(signal: string) {
  clearInterval(scanner);
  clearInterval(pruner);
  stopDeliveries();
  logger.info({ signal }, 'shutting down');
  const stopping = Promise.all([telegram?.bot.isRunning() ? telegram.stop() : undefined, wechat?.stop()]);
  stopping
    .catch(() => undefined)
    .finally(() =>
      server.close(() => {
        services.close();
        process.exit(0);
      }),
    );
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
