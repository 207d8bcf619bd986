import { timingSafeEqual } from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, type Context, GrammyError, Keyboard, webhookCallback } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import {
  type ChannelSender,
  type ChannelWebhook,
  PermanentDeliveryError,
} from '../../api/channel/contract.js';
import { answerInbound, type InboundContent, type InboundDeps } from '../channel/inbound.js';
import { CHANNEL_REPLIES } from '../channel/replies.js';
import { splitMessage } from '../channel/split.js';

/** Telegram refuses longer messages. */
export const TELEGRAM_MAX_MESSAGE = 4096;
/** The Bot API lets bots download files up to 20 MB; a 60-second voice note is far below. */
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** The main actions, always one tap away. Each label is a phrase the assistant understands. */
export const MAIN_KEYBOARD = new Keyboard()
  .text('查电费')
  .text('报装进度')
  .row()
  .text('我要投诉')
  .text('故障报修')
  .row()
  .text('转人工')
  .resized()
  .persistent();

export interface TelegramBotOptions {
  token: string;
  /** Every Bot API call and every file download goes here (a self-hosted Bot API server, a stand-in). */
  apiRoot: string;
  inbound: Omit<InboundDeps, 'logger'>;
  logger: Logger;
  /** Known in tests and on Workers; otherwise fetched with getMe by `init()`. */
  botInfo?: UserFromGetMe;
  /** Where replies go that could not be sent right away (the delivery outbox, which retries). */
  sendLater?: (chatId: string, text: string) => Promise<void>;
  fetch?: typeof fetch;
}

/**
 * The Telegram adapter (grammY): private chats are answered through the shared inbound path
 * (text, voice, anything else politely), groups are told to write privately, and the same bot's
 * API sends staff replies and follow-ups. Replies are plain text (no parse mode), so nothing a
 * customer or the knowledge base writes can break the formatting.
 */
export function createTelegramBot(options: TelegramBotOptions) {
  const { logger } = options;
  const doFetch = options.fetch ?? fetch;
  const bot = new Bot(options.token, {
    client: { apiRoot: options.apiRoot },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  // 429 (flood control) is retried after the wait Telegram asks for. Server and network errors
  // are not retried inside the call (that would block the update); the outbox retries instead.
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: 3,
      maxDelaySeconds: 60,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
  const deps: InboundDeps = { ...options.inbound, logger };

  async function sendTexts(chatId: number | string, texts: string[]) {
    for (const text of texts) {
      for (const part of splitMessage(text, TELEGRAM_MAX_MESSAGE)) {
        await bot.api.sendMessage(chatId, part, { reply_markup: MAIN_KEYBOARD });
      }
    }
  }

  async function download(fileId: string): Promise<Uint8Array> {
    const file = await bot.api.getFile(fileId);
    if (!file.file_path) throw new Error('Telegram gave no file path');
    if ((file.file_size ?? 0) > MAX_DOWNLOAD_BYTES) throw new Error('file too large');
    const response = await doFetch(`${options.apiRoot}/file/bot${options.token}/${file.file_path}`, {
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`file download answered ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async function answer(ctx: Context, content: InboundContent) {
    const chat = ctx.chat;
    if (!chat) return;
    const replies = await answerInbound(deps, {
      channel: 'telegram',
      key: String(ctx.update.update_id),
      userId: String(chat.id),
      content,
    });
    if (!replies) return;
    for (const [i, text] of replies.entries()) {
      try {
        await sendTexts(chat.id, [text]);
      } catch (error) {
        // The turn is recorded; its replies must still reach the customer, so they are queued.
        if (!options.sendLater) throw error;
        logger.warn({ err: error, pending: replies.length - i }, 'telegram reply queued for retry');
        for (const later of replies.slice(i)) await options.sendLater(String(chat.id), later);
        return;
      }
    }
  }

  const privateChats = bot.chatType('private');
  privateChats.command('start', (ctx) => sendTexts(ctx.chat.id, [CHANNEL_REPLIES.welcome]));
  privateChats.command('help', (ctx) => sendTexts(ctx.chat.id, [CHANNEL_REPLIES.help]));
  privateChats.on('message:text', (ctx) => answer(ctx, { kind: 'text', text: ctx.message.text }));
  privateChats.on('message:voice', async (ctx) => {
    const voice = ctx.message.voice;
    await ctx.replyWithChatAction('typing').catch(() => undefined);
    await answer(ctx, {
      kind: 'voice',
      format: 'ogg_opus',
      declaredSeconds: voice.duration,
      load: () => download(voice.file_id),
    });
  });
  // An .oga sent as a file is a voice note too (some clients forward voice that way).
  privateChats.on('message:audio', async (ctx) => {
    const audio = ctx.message.audio;
    if (!/ogg|opus/.test(audio.mime_type ?? '')) {
      await answer(ctx, { kind: 'unsupported', what: '音频文件' });
      return;
    }
    await answer(ctx, {
      kind: 'voice',
      format: 'ogg_opus',
      declaredSeconds: audio.duration,
      load: () => download(audio.file_id),
    });
  });
  privateChats.on('message', (ctx) => answer(ctx, { kind: 'unsupported', what: describeMessage(ctx) }));
  // Groups: only a direct mention or command gets an answer, and it is "write to me privately".
  bot.chatType(['group', 'supergroup']).on('message:text', async (ctx) => {
    const mentioned = ctx.message.text.includes(`@${ctx.me.username}`) || ctx.message.text.startsWith('/');
    if (mentioned) await ctx.reply(CHANNEL_REPLIES.groupOnly);
  });
  bot.catch((error) => {
    logger.error({ err: error.error, update: error.ctx.update.update_id }, 'telegram update failed');
  });

  const sender: ChannelSender = {
    async send(address, text) {
      try {
        await sendTexts(address, [text]);
      } catch (error) {
        // Blocked by the user, chat gone, bad chat id: retrying cannot help.
        if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
          throw new PermanentDeliveryError(`telegram ${error.error_code}: ${error.description}`, {
            cause: error,
          });
        }
        throw error;
      }
    },
  };

  return {
    bot,
    sender,
    /** Fetches the bot's identity (getMe) unless it was given. */
    init: () => bot.init(),
    /**
     * `POST /telegram/webhook`: the secret header is checked before the body is read (401), the
     * body must be JSON (400); grammY checks the secret again.
     */
    webhook(secretToken: string): ChannelWebhook {
      return {
        method: 'POST',
        path: '/telegram/webhook',
        authorize: (request) => sameSecret(request.headers.get(TELEGRAM_SECRET_HEADER), secretToken),
        body: 'json',
        handler: webhookCallback(bot, 'hono', {
          secretToken,
          // Long work (voice) must not make Telegram redeliver: answer 200 and finish the update.
          onTimeout: 'return',
          timeoutMilliseconds: 8_000,
        }),
      };
    },
    /** Long polling until `stop()`; resolves when polling ends. */
    startPolling() {
      return bot.start({ allowed_updates: ['message'], drop_pending_updates: false });
    },
    stop: () => bot.stop(),
  };
}

export type TelegramBot = ReturnType<typeof createTelegramBot>;

const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** The secret header compared in constant time. */
function sameSecret(given: string | null, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function describeMessage(ctx: Context): string {
  const m = ctx.message;
  if (!m) return '消息';
  if (m.photo) return '图片';
  if (m.sticker) return '表情';
  if (m.video || m.video_note) return '视频';
  if (m.document) return '文件';
  if (m.location || m.venue) return '位置';
  if (m.contact) return '名片';
  return '消息';
}
