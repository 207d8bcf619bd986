/**
 * The WeChat bot as its own process, for the Workers deployment: turns are posted to the API at
 * API_URL with API_SERVICE_TOKEN; redeliveries are remembered in memory; voice is recognised here
 * (ASR_MODEL_DIR or ASR_URL). Settings: `parseWechatProcessConfig` in api/config.ts.
 */
import pino from 'pino';
import { parseWechatProcessConfig, type WechatProcessConfig } from '../../api/config.js';
import { createMemoryInboundLog } from '../channel/memory-inbound-log.js';
import { createRemoteOutbox } from '../channel/remote-outbox.js';
import { remoteTurns } from '../channel/turns.js';
import { createSpeechRecognizer } from '../voice/asr.js';
import { decodeVoice } from '../voice/decode.js';
import { createWechatBot } from './bot.js';

let settings: WechatProcessConfig;
try {
  settings = parseWechatProcessConfig(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const logger = pino({ level: settings.LOG_LEVEL });
const recognizer = createSpeechRecognizer(settings);
const bot = createWechatBot({
  puppet: settings.WECHATY_PUPPET,
  name: settings.WECHATY_NAME,
  logger,
  inbound: {
    turns: remoteTurns({ apiUrl: settings.API_URL, serviceToken: settings.API_SERVICE_TOKEN }),
    events: createMemoryInboundLog(),
    decode: decodeVoice,
    logger,
    ...(recognizer ? { recognizer } : {}),
  },
});

await bot.start();
// Staff replies and follow-ups for WeChat customers wait in the API's outbox: taken every 3 s.
const stopOutbox = createRemoteOutbox({
  apiUrl: settings.API_URL,
  serviceToken: settings.API_SERVICE_TOKEN,
  channel: 'wechat',
  sender: bot.sender,
  logger,
}).start(3_000);
logger.info(
  {
    puppet: settings.WECHATY_PUPPET,
    api: new URL(settings.API_URL).origin,
    voice: recognizer?.kind ?? 'off',
  },
  'wechat bot started',
);

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  stopOutbox();
  logger.info({ signal }, 'shutting down');
  setTimeout(() => process.exit(0), 15_000).unref();
  bot
    .stop()
    .catch((error: unknown) => logger.error({ err: error }, 'wechat bot did not stop cleanly'))
    .finally(() => process.exit(0));
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
