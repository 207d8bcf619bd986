import type { Context, Handler } from 'hono';
import type { Logger } from 'pino';
import { type ChannelSender, PermanentDeliveryError } from '../../api/channel/contract.js';
import { answerInbound, type InboundContent, type InboundDeps } from '../channel/inbound.js';
import { CHANNEL_REPLIES } from '../channel/replies.js';
import { splitMessage } from '../channel/split.js';
import { VoiceError } from '../voice/types.js';
import { createWechatApi, type TokenCache, WECHAT_MAX_TEXT_CHARS, type WechatApi } from './api.js';
import { createWechatCipher, sameSignature, type WechatCipher, wechatSignature } from './crypto.js';
import { buildWechatXml, parseWechatXml, type WechatFields } from './xml.js';

/** Where WeChat calls the service (the server URL configured on the Official Account). */
export const WECHAT_OFFICIAL_PATH = '/wechat/official';
/** WeChat waits 5 s for an answer, then retries; a turn not done by then is answered by message. */
export const PASSIVE_REPLY_MS = 4_000;
/** A request whose timestamp is further off than this is refused (a replay, or a wrong clock). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** How many passive replies are kept for WeChat's retries of the same message. */
const RECENT_REPLIES = 1_000;
/** How long the parts of a reply too long for one message wait behind the passive reply. */
const REST_AFTER_MS = 1_000;
/** WeChat's messages are a few hundred bytes; anything far larger is not from it. */
const MAX_BODY_BYTES = 64 * 1024;

/** The custom menu's click keys and what each one says for the customer. */
export const MENU_ACTIONS = {
  BILL: '查电费',
  APPLICATION: '报装进度',
  REPAIR: '故障报修',
  COMPLAINT: '我要投诉',
  HUMAN: '转人工',
} as const;

/**
 * The account's custom menu (`npm run wechat:menu`). WeChat allows three buttons in the bar, so
 * the three case actions share one with a sub-menu.
 */
export const OFFICIAL_MENU = {
  button: [
    { type: 'click', name: MENU_ACTIONS.BILL, key: 'BILL' },
    {
      name: '办电服务',
      sub_button: [
        { type: 'click', name: MENU_ACTIONS.APPLICATION, key: 'APPLICATION' },
        { type: 'click', name: MENU_ACTIONS.REPAIR, key: 'REPAIR' },
        { type: 'click', name: MENU_ACTIONS.COMPLAINT, key: 'COMPLAINT' },
      ],
    },
    { type: 'click', name: MENU_ACTIONS.HUMAN, key: 'HUMAN' },
  ],
} as const;

/** How the other message types are named in the transcript (`[图片：暂不支持]`). */
const UNSUPPORTED_TYPES: Record<string, string> = {
  image: '图片',
  location: '位置',
  link: '链接',
  video: '视频',
  shortvideo: '小视频',
  file: '文件',
};

export interface OfficialAccountOptions {
  /** WECHAT_OA_TOKEN. */
  token: string;
  /** WECHAT_OA_APPID and WECHAT_OA_SECRET: without them nothing can be sent outside a reply. */
  appId?: string;
  secret?: string;
  /** WECHAT_OA_AES_KEY: safe-mode (and compatible-mode) messages are decrypted and answered encrypted. */
  aesKey?: string;
  apiRoot: string;
  inbound: Omit<InboundDeps, 'logger'>;
  logger: Logger;
  clock?: () => Date;
  /** The outbox: replies that were not ready in time, or did not fit in the passive reply. */
  sendLater: (openId: string, text: string) => Promise<void>;
  /** Runs work that outlives the request (a slow turn after `success` was answered). */
  background: (work: Promise<unknown>, failure: string) => void;
  passiveReplyMs?: number;
  tokenCache?: TokenCache;
  fetch?: typeof fetch;
}

class Refused extends Error {
  constructor(
    readonly status: 400 | 401 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The WeChat Official Account (公众号) adapter: the server URL WeChat calls (the URL check and the
 * messages and events, plain or encrypted), answered by passive reply when the turn is quick and
 * by customer-service message otherwise; staff replies and follow-ups through the same API.
 */
export function createWechatOfficialAccount(options: OfficialAccountOptions) {
  const { logger } = options;
  const clock = options.clock ?? (() => new Date());
  const budget = options.passiveReplyMs ?? PASSIVE_REPLY_MS;
  const cipher: WechatCipher | undefined =
    options.aesKey && options.appId ? createWechatCipher(options.aesKey, options.appId) : undefined;
  const api: WechatApi | undefined =
    options.appId && options.secret
      ? createWechatApi({
          apiRoot: options.apiRoot,
          appId: options.appId,
          secret: options.secret,
          logger,
          clock,
          ...(options.tokenCache ? { cache: options.tokenCache } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        })
      : undefined;
  const inner = options.inbound;
  const deps: InboundDeps = {
    ...inner,
    logger,
    clock,
    // The account sends AMR or Speex, which no decoder here reads: "please type" rather than
    // "could not open it". Anything else goes to the usual decoders.
    decode: (bytes, format) =>
      hasDecoder(bytes)
        ? inner.decode(bytes, format)
        : Promise.reject(new VoiceError('asr_unavailable', 'no decoder for AMR/Speex voice')),
  };

  async function checkSignature(c: Context) {
    const { signature, timestamp = '', nonce = '' } = c.req.query();
    if (!sameSignature(signature, await wechatSignature(options.token, timestamp, nonce))) {
      throw new Refused(401, 'signature is wrong');
    }
  }

  /** The message's fields and whether it came encrypted; a Refused for anything not from WeChat. */
  async function readMessage(c: Context): Promise<{ fields: WechatFields; encrypted: boolean }> {
    await checkSignature(c);
    const query = c.req.query();
    const sent = Number(query.timestamp) * 1000;
    if (!Number.isFinite(sent) || Math.abs(clock().getTime() - sent) > MAX_CLOCK_SKEW_MS) {
      throw new Refused(401, 'timestamp is more than 5 minutes off');
    }
    if (Number(c.req.header('content-length') ?? 0) > MAX_BODY_BYTES)
      throw new Refused(413, 'message too large');
    const body = await c.req.text();
    if (body.length > MAX_BODY_BYTES) throw new Refused(413, 'message too large');
    let outer: WechatFields;
    try {
      outer = parseWechatXml(body);
    } catch (error) {
      throw new Refused(400, `XML does not parse: ${(error as Error).message}`);
    }
    if (query.encrypt_type !== 'aes') return { fields: outer, encrypted: false };
    const encrypt = outer.get('Encrypt');
    if (!cipher || !encrypt) {
      // Compatible mode carries the plain fields too; safe mode without our key cannot be read.
      if (outer.get('MsgType')) return { fields: outer, encrypted: false };
      throw new Refused(400, 'encrypted message, but WECHAT_OA_AES_KEY is not set');
    }
    const expected = await wechatSignature(options.token, query.timestamp ?? '', query.nonce ?? '', encrypt);
    if (!sameSignature(query.msg_signature, expected)) throw new Refused(401, 'msg_signature is wrong');
    try {
      return { fields: parseWechatXml(await cipher.decrypt(encrypt)), encrypted: true };
    } catch (error) {
      throw new Refused(400, `encrypted message unreadable: ${(error as Error).message}`);
    }
  }

  /** Passive replies recently given, by message: what a retry of the same message is answered. */
  const recent = new Map<string, string>();
  function remember(key: string, text: string) {
    recent.set(key, text);
    if (recent.size > RECENT_REPLIES) recent.delete(recent.keys().next().value as string);
  }

  /** The texts to answer one message or event with; null for nothing (a retry, an unsubscribe). */
  async function dispatch(fields: WechatFields): Promise<string[] | null> {
    const from = fields.get('FromUserName') ?? '';
    const type = fields.get('MsgType') ?? '';
    const key = answerKey(fields);
    const answer = (content: InboundContent) =>
      answerInbound(deps, { channel: 'wechat_oa', key, userId: from, content });
    switch (type) {
      case 'text':
        return answer({ kind: 'text', text: fields.get('Content') ?? '' });
      case 'voice': {
        const recognised = fields.get('Recognition')?.trim();
        if (recognised) {
          const replies = await answer({ kind: 'text', text: recognised });
          if (!replies) return null;
          // As for recognised voice elsewhere: the echo first, so a mis-hearing shows.
          const echo = CHANNEL_REPLIES.voiceEcho(
            recognised.length > 80 ? `${recognised.slice(0, 80)}…` : recognised,
          );
          const [first, ...rest] = replies;
          return first === undefined ? [echo] : [`${echo}\n\n${first}`, ...rest];
        }
        const mediaId = fields.get('MediaId') ?? '';
        return answer({
          kind: 'voice',
          format: 'silk',
          load: () => (api ? api.media(mediaId) : Promise.reject(new Error('no WECHAT_OA_APPID/SECRET'))),
        });
      }
      case 'event':
        return event(fields, from);
      default:
        return answer({ kind: 'unsupported', what: UNSUPPORTED_TYPES[type] ?? '消息' });
    }
  }

  async function event(fields: WechatFields, from: string): Promise<string[] | null> {
    const name = (fields.get('Event') ?? '').toLowerCase();
    const key = answerKey(fields);
    if (name === 'subscribe') {
      if (!(await deps.events.claim('wechat_oa', key, clock()))) return null;
      await deps.events.complete('wechat_oa', key);
      return [CHANNEL_REPLIES.welcome];
    }
    if (name === 'click') {
      const action = MENU_ACTIONS[fields.get('EventKey') as keyof typeof MENU_ACTIONS] as string | undefined;
      if (!action) {
        if (!(await deps.events.claim('wechat_oa', key, clock()))) return null;
        await deps.events.complete('wechat_oa', key);
        return [CHANNEL_REPLIES.help];
      }
      return answerInbound(deps, {
        channel: 'wechat_oa',
        key,
        userId: from,
        content: { kind: 'text', text: action },
      });
    }
    // unsubscribe (nothing can reach them now), menu links, location reports, scans, template results.
    return null;
  }

  async function reply(fields: WechatFields, encrypted: boolean, text: string): Promise<string> {
    const now = Math.floor(clock().getTime() / 1000);
    const xml = buildWechatXml({
      ToUserName: fields.get('FromUserName') ?? '',
      FromUserName: fields.get('ToUserName') ?? '',
      CreateTime: now,
      MsgType: 'text',
      Content: text,
    });
    if (!encrypted || !cipher) return xml;
    const encrypt = await cipher.encrypt(xml);
    const nonce = String(crypto.getRandomValues(new Uint32Array(1))[0]);
    const timestamp = String(now);
    return buildWechatXml({
      Encrypt: encrypt,
      MsgSignature: await wechatSignature(options.token, timestamp, nonce, encrypt),
      TimeStamp: now,
      Nonce: nonce,
    });
  }

  /** Replies in messages that fit WeChat's limit, in order. */
  function parts(replies: string[]): string[] {
    const joined = replies.join('\n\n');
    if (joined.length <= WECHAT_MAX_TEXT_CHARS) return [joined];
    return replies.flatMap((text) => splitMessage(text, WECHAT_MAX_TEXT_CHARS));
  }

  async function queue(openId: string, texts: string[]) {
    for (const text of texts) await options.sendLater(openId, text);
  }

  const post: Handler = async (c) => {
    let message: { fields: WechatFields; encrypted: boolean };
    try {
      message = await readMessage(c);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      logger.warn({ status: error.status, reason: error.message }, 'wechat official request refused');
      return c.text(error.message, error.status);
    }
    const { fields, encrypted } = message;
    const from = fields.get('FromUserName');
    if (!from || !fields.get('MsgType')) return c.text('not a WeChat message', 400);

    const key = answerKey(fields);
    const work = dispatch(fields);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = Symbol('late');
    const first = await Promise.race([
      work,
      new Promise<typeof late>((resolve) => {
        timer = setTimeout(() => resolve(late), budget);
      }),
    ]).finally(() => clearTimeout(timer));
    if (first === late) {
      // WeChat would retry at 5 s; "success" stops that, and the answer follows as a message.
      options.background(
        work.then((replies) => (replies ? queue(from, parts(replies)) : undefined)),
        'wechat official late reply failed',
      );
      return c.text('success');
    }
    const xml = (text: string) =>
      reply(fields, encrypted, text).then((body) =>
        c.body(body, 200, { 'content-type': 'application/xml; charset=utf-8' }),
      );
    if (!first) {
      // A retry of a message already answered (WeChat did not get our response): the same passive
      // reply where this process still has it, else `success`.
      const again = recent.get(key);
      return again === undefined ? c.text('success') : xml(again);
    }
    if (first.length === 0) return c.text('success');
    const [now = '', ...rest] = parts(first);
    remember(key, now);
    if (rest.length > 0) {
      // The rest follows by customer-service message, a moment later so that it lands after the
      // passive reply WeChat is about to show.
      const after = new Promise((resolve) => setTimeout(resolve, REST_AFTER_MS));
      options.background(
        after.then(() => queue(from, rest)),
        'wechat official reply queue failed',
      );
    }
    return xml(now);
  };

  const get: Handler = async (c) => {
    try {
      await checkSignature(c);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return c.text(error.message, error.status);
    }
    return c.text(c.req.query('echostr') ?? '');
  };

  const sender: ChannelSender = {
    async send(openId, text) {
      if (!api) {
        throw new PermanentDeliveryError('未设置 WECHAT_OA_APPID / WECHAT_OA_SECRET，无法发送公众号客服消息');
      }
      for (const part of splitMessage(text, WECHAT_MAX_TEXT_CHARS)) await api.sendText(openId, part);
    },
  };

  return {
    sender,
    api,
    webhooks: [
      { method: 'GET' as const, path: WECHAT_OFFICIAL_PATH, handler: get },
      { method: 'POST' as const, path: WECHAT_OFFICIAL_PATH, handler: post },
    ],
  };
}

export type WechatOfficialAccount = ReturnType<typeof createWechatOfficialAccount>;

/** A container one of the voice decoders reads (OGG, SILK, MP3), by its first bytes. */
function hasDecoder(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 10));
  return (
    head.startsWith('OggS') ||
    head.includes('#!SILK_V3') ||
    head.startsWith('ID3') ||
    (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)
  );
}

/** A message's identity for the once-only log: sender and MsgId, or (events) sender, time and event. */
function answerKey(fields: WechatFields): string {
  const from = fields.get('FromUserName') ?? '';
  const created = fields.get('CreateTime') ?? '';
  const msgId = fields.get('MsgId');
  if (msgId) return `msg:${from}:${msgId}`;
  const type = fields.get('MsgType') ?? '';
  if (type === 'event') return `event:${from}:${created}:${(fields.get('Event') ?? '').toLowerCase()}`;
  return `${from}:${created}:${type}`;
}
