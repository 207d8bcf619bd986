import type { Config } from '../api/config.js';
import { createCore } from '../api/core.js';
import { type NodePlatformOptions, openNodePlatform } from '../api/node-platform.js';
import type { InboundDeps } from './channel/inbound.js';
import { createSpeechRecognizer } from './voice/asr.js';
import { decodeVoice } from './voice/decode.js';

export type ServiceOptions = NodePlatformOptions & {
  /** How long a 公众号 message may take before it is answered by message instead (tests shorten it). */
  wechatOfficialReplyMs?: number;
};

/**
 * The whole service in one Node process, wired once: the core (api/core.ts) on SQLite, speech
 * recognition, and each chat adapter whose settings are present. `npm start`, `npm run chat` and
 * the tests use it.
 */
export async function createServices(config: Config, options: ServiceOptions = {}) {
  const platform = await openNodePlatform(config, options);
  const core = createCore(config, platform);
  const { logger, clock } = core;
  await core.bootstrapAdmin(config.STAFF_BOOTSTRAP_PASSWORD);
  // Loads the published knowledge version (built when it is not the shipped content) before anything
  // is served: a restarted process answers its first request from the version published last.
  const assistant = await core.assistant();
  const recognizer = createSpeechRecognizer(config);
  const inbound: Omit<InboundDeps, 'logger'> = {
    turns: core.turns,
    events: core.inboundEvents,
    recognizer,
    decode: decodeVoice,
    clock,
  };
  // The channel adapters are loaded only when configured: Wechaty alone adds ~60 MB and ~0.7 s.
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? (await import('./telegram/bot.js')).createTelegramBot({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        inbound,
        logger,
        sendLater: (chatId, text) => core.sendLater('telegram', chatId, text),
      })
    : undefined;
  if (telegram) {
    const secret = config.TELEGRAM_WEBHOOK_SECRET;
    core.addChannel({
      channel: 'telegram',
      sender: telegram.sender,
      webhooks: secret ? [telegram.webhook(secret)] : [],
    });
  }
  // WeChat where WECHATY_PUPPET is set (the puppet reads its own settings, e.g.
  // WECHATY_PUPPET_SERVICE_TOKEN); the login is kept in power-service-wechat.memory-card.json.
  // No test clock here: the history cut-off compares WeChat's own wall-clock times.
  const wechat = config.WECHATY_PUPPET
    ? (await import('./wechat/bot.js')).createWechatBot({
        puppet: config.WECHATY_PUPPET,
        name: config.WECHATY_NAME,
        inbound,
        logger,
      })
    : undefined;
  if (wechat) core.addChannel({ channel: 'wechat', sender: wechat.sender });
  // The WeChat Official Account (公众号) where WECHAT_OA_TOKEN is set: its server URL on the app.
  const wechatOfficial = config.WECHAT_OA_TOKEN
    ? (await import('./wechat-official/official.js')).createWechatOfficialAccount({
        token: config.WECHAT_OA_TOKEN,
        appId: config.WECHAT_OA_APPID,
        secret: config.WECHAT_OA_SECRET,
        aesKey: config.WECHAT_OA_AES_KEY,
        apiRoot: config.WECHAT_API_ROOT,
        inbound,
        logger,
        clock,
        sendLater: (openId, text) => core.sendLater('wechat_oa', openId, text),
        background: platform.later,
        ...(options.wechatOfficialReplyMs === undefined
          ? {}
          : { passiveReplyMs: options.wechatOfficialReplyMs }),
      })
    : undefined;
  if (wechatOfficial) {
    core.addChannel({
      channel: 'wechat_oa',
      sender: wechatOfficial.sender,
      webhooks: wechatOfficial.webhooks,
    });
  }
  const app = await core.app();
  return {
    ...core,
    knowledge: platform.knowledgeParts.knowledge,
    database: platform.database,
    assistant,
    app,
    inbound,
    telegram,
    wechat,
    wechatOfficial,
    close() {
      platform.database.close();
    },
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
