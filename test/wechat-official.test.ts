import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Hono } from 'hono';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TurnResult } from '../api/channel/contract.js';
import { parseConfig } from '../api/config.js';
import { createMemoryInboundLog } from '../bot/channel/memory-inbound-log.js';
import { CHANNEL_REPLIES } from '../bot/channel/replies.js';
import { createWechatCipher, wechatSignature } from '../bot/wechat-official/crypto.js';
import { createWechatOfficialAccount, MENU_ACTIONS, OFFICIAL_MENU } from '../bot/wechat-official/official.js';
import { buildWechatXml, parseWechatXml } from '../bot/wechat-official/xml.js';
import { startAsrStandIn } from './support/asr-stand-in.js';
import { startTestServices, type TestServices } from './support/services.js';
import { staffCall, staffSession } from './support/staff-session.js';
import {
  startWechatOfficialStandIn,
  type WechatOfficialStandIn,
  wechatSide,
} from './support/wechat-official-stand-in.js';

const TOKEN = 'powerServiceToken42';
const APPID = 'wx2c2769f8efd9abc2';
const SECRET = 'test-app-secret-0123456789abcdef';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const ACCOUNT = 'gh_10f6c3c3ac5a';
const QUESTION = '居民客户供电方案答复期限是多少';
const side = wechatSide(TOKEN, AES_KEY, APPID);

/** The sample in WeChat's own message-encryption documentation and its demo code. */
const PUBLISHED = {
  token: 'spamtest',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx2c2769f8efd9abc2',
  timestamp: '1409735669',
  nonce: '1320562132',
  msgSignature: '5d197aaffba7e9b25a30732f161a50dee96bd5fa',
  encrypt:
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=',
};

describe('WeChat message signatures and encryption', () => {
  it('checks and decrypts the published sample', async () => {
    const { token, timestamp, nonce, encrypt } = PUBLISHED;
    expect(await wechatSignature(token, timestamp, nonce, encrypt)).toBe(PUBLISHED.msgSignature);
    const message = await createWechatCipher(PUBLISHED.aesKey, PUBLISHED.appId).decrypt(encrypt);
    const fields = parseWechatXml(message);
    expect(fields.get('FromUserName')).toBe('oyORnuP8q7ou2gfYjqLzSIWZf0rs');
    expect(fields.get('Content')).toBe('abcdteT');
    expect(fields.get('MsgId')).toBe('6054768590064713728');
  });

  it('encrypts as WeChat decrypts, and refuses another appid’s message', async () => {
    const cipher = createWechatCipher(AES_KEY, APPID);
    for (const text of ['', 'a', '中文消息'.repeat(50), 'x'.repeat(12)]) {
      expect(side.decrypt(await cipher.encrypt(text))).toEqual({ message: text, appId: APPID });
      expect(await cipher.decrypt(side.encrypt(text))).toBe(text);
    }
    const other = wechatSide(TOKEN, AES_KEY, 'wx0000000000000000');
    await expect(cipher.decrypt(other.encrypt('hi'))).rejects.toThrow(/another appid/);
    await expect(cipher.decrypt('not base64!')).rejects.toThrow();
  });

  it('reads WeChat’s XML strictly and writes CDATA safely', () => {
    const fields = parseWechatXml(
      '<?xml version="1.0"?><xml><A><![CDATA[x<y]]></A><B>1 &amp; 2</B><C><D>nested</D></C></xml>',
    );
    expect([...fields]).toEqual([
      ['A', 'x<y'],
      ['B', '1 & 2'],
    ]);
    for (const bad of [
      '',
      '<xml>',
      '<xml><A>1</B></xml>',
      '<root/>',
      '<xml></xml>junk',
      '<!DOCTYPE x><xml/>',
    ]) {
      expect(() => parseWechatXml(bad), bad).toThrow();
    }
    expect(parseWechatXml(buildWechatXml({ Content: 'a]]>b' })).get('Content')).toBe('a]]>b');
    expect(parseWechatXml('<xml><__proto__>x</__proto__></xml>').get('__proto__')).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('names the settings that only work together', () => {
    expect(() => parseConfig({ WECHAT_OA_TOKEN: TOKEN, WECHAT_OA_AES_KEY: AES_KEY })).toThrow(
      /WECHAT_OA_APPID/,
    );
    expect(() => parseConfig({ WECHAT_OA_TOKEN: TOKEN, WECHAT_OA_APPID: APPID })).toThrow(/WECHAT_OA_SECRET/);
    expect(() => parseConfig({ WECHAT_OA_AES_KEY: 'short' })).toThrow(/WECHAT_OA_AES_KEY/);
    expect(parseConfig({}).WECHAT_API_ROOT).toBe('https://api.weixin.qq.com');
  });
});

let platform: WechatOfficialStandIn;
let service: TestServices;
let asr: Awaited<ReturnType<typeof startAsrStandIn>>;
beforeAll(async () => {
  asr = await startAsrStandIn('居民用电的供电方案多久答复');
});
afterAll(() => asr.close());
beforeEach(async () => {
  platform = await startWechatOfficialStandIn(APPID, SECRET);
});
afterEach(async () => {
  service?.dispose();
  await platform.close();
});

function start(env: Record<string, string> = {}, wechatOfficialReplyMs?: number) {
  return startTestServices(
    {
      WECHAT_OA_TOKEN: TOKEN,
      WECHAT_OA_APPID: APPID,
      WECHAT_OA_SECRET: SECRET,
      WECHAT_OA_AES_KEY: AES_KEY,
      WECHAT_API_ROOT: platform.apiRoot,
      ...env,
    },
    wechatOfficialReplyMs === undefined ? {} : { wechatOfficialReplyMs },
  );
}

const newOpenId = () => `o${randomUUID().replaceAll('-', '').slice(0, 27)}`;
let nextMsgId = 6054768590064713728n;
const now = () => Math.floor(Date.now() / 1000);

/** A message as WeChat writes it (CDATA for strings). */
function xmlOf(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`))
    .join('\n');
  return `<xml>${body}</xml>`;
}

function textMessage(openId: string, text: string, msgId = String(nextMsgId++)) {
  return {
    ToUserName: ACCOUNT,
    FromUserName: openId,
    CreateTime: now(),
    MsgType: 'text',
    Content: text,
    MsgId: msgId,
  };
}

function eventMessage(openId: string, event: string, extra: Record<string, string> = {}) {
  return {
    ToUserName: ACCOUNT,
    FromUserName: openId,
    CreateTime: now(),
    MsgType: 'event',
    Event: event,
    ...extra,
  };
}

interface PostOptions {
  mode?: 'plain' | 'safe' | 'compatible';
  signature?: string;
  msgSignature?: string;
  timestamp?: number;
  body?: string;
}

/** WeChat posting one message to the server URL, signed (and encrypted) as it does. */
function post(fields: Record<string, string | number>, options: PostOptions = {}) {
  const timestamp = String(options.timestamp ?? now());
  const nonce = String(Math.floor(Math.random() * 1e9));
  const query = new URLSearchParams({
    signature: options.signature ?? side.sign(timestamp, nonce),
    timestamp,
    nonce,
    openid: String(fields.FromUserName),
  });
  let body = options.body ?? xmlOf(fields);
  const mode = options.mode ?? 'plain';
  if (mode !== 'plain') {
    const encrypt = side.encrypt(xmlOf(fields));
    body =
      mode === 'safe'
        ? xmlOf({ ToUserName: ACCOUNT, Encrypt: encrypt })
        : xmlOf({ ...fields, Encrypt: encrypt });
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', options.msgSignature ?? side.sign(timestamp, nonce, encrypt));
  }
  return service.app.request(`/wechat/official?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body,
  });
}

const field = (xml: string, name: string) =>
  new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`)
    .exec(xml)
    ?.slice(1)
    .join('') ?? '';

/** The text of a passive reply (decrypted and its signature checked, in safe mode). */
async function replyOf(response: Response, encrypted = false): Promise<string> {
  expect(response.status).toBe(200);
  let xml = await response.text();
  if (encrypted) {
    const encrypt = field(xml, 'Encrypt');
    expect(field(xml, 'MsgSignature')).toBe(side.sign(field(xml, 'TimeStamp'), field(xml, 'Nonce'), encrypt));
    const opened = side.decrypt(encrypt);
    expect(opened.appId).toBe(APPID);
    xml = opened.message;
  }
  expect(field(xml, 'MsgType')).toBe('text');
  expect(field(xml, 'FromUserName')).toBe(ACCOUNT);
  return field(xml, 'Content');
}

async function transcript(openId: string) {
  const conversation = await service.store.findConversation('wechat_oa', openId);
  if (!conversation) return [];
  return service.store.listMessages(conversation.id);
}

describe('the Official Account server URL', () => {
  beforeEach(async () => {
    service = await start({ ASR_URL: asr.url });
  });

  it('answers the URL check with echostr when the signature is right, else 401', async () => {
    const [timestamp, nonce] = [String(now()), '12345'];
    const signature = side.sign(timestamp, nonce);
    const ok = await service.app.request(
      `/wechat/official?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=echo-5678`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('echo-5678');
    const forged = await service.app.request(
      `/wechat/official?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=${nonce}&echostr=echo-5678`,
    );
    expect(forged.status).toBe(401);
  });

  it('answers a text question in a passive reply well within 5 s, and records the turn', async () => {
    const user = newOpenId();
    const started = Date.now();
    const response = await post(textMessage(user, QUESTION));
    const reply = await replyOf(response);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(field(await (await post(textMessage(user, '你好'))).text(), 'ToUserName')).toBe(user);
    expect(reply).toContain('3个工作日');
    expect((await transcript(user)).map((m) => m.role).slice(0, 2)).toEqual(['customer', 'assistant']);
    expect(platform.sent).toEqual([]);
  });

  it('takes a message WeChat retries (same MsgId) once, answering the retry alike', async () => {
    const user = newOpenId();
    const message = textMessage(user, QUESTION);
    expect(await replyOf(await post(message))).toContain('3个工作日');
    // The retry gets the same reply, without a second turn.
    const retry = await post({ ...message, CreateTime: message.CreateTime + 5 });
    expect(await replyOf(retry)).toContain('3个工作日');
    expect((await transcript(user)).filter((m) => m.role === 'customer')).toHaveLength(1);
  });

  it('refuses forged signatures, old timestamps and bad XML, storing and answering nothing', async () => {
    const user = newOpenId();
    const message = textMessage(user, '我要投诉');
    expect((await post(message, { signature: wechatSide('anotherToken').sign('1', '2') })).status).toBe(401);
    expect((await post(message, { timestamp: now() - 600 })).status).toBe(401);
    expect((await post(message, { mode: 'safe', msgSignature: '0'.repeat(40) })).status).toBe(401);
    expect((await post(message, { body: '<xml><Content>unclosed</xml>' })).status).toBe(400);
    expect((await post(message, { body: '' })).status).toBe(400);
    expect(await service.store.findConversation('wechat_oa', user)).toBeUndefined();
    // Nothing was claimed either: the real message is still answered.
    expect(await replyOf(await post(message))).not.toBe('');
    expect(platform.sent).toEqual([]);
  });

  it('decrypts a safe-mode message and answers it encrypted; compatible mode too', async () => {
    const user = newOpenId();
    expect(await replyOf(await post(textMessage(user, QUESTION), { mode: 'safe' }), true)).toContain(
      '3个工作日',
    );
    expect(await replyOf(await post(textMessage(user, QUESTION), { mode: 'compatible' }), true)).toContain(
      '3个工作日',
    );
    expect((await transcript(user)).filter((m) => m.role === 'customer')).toHaveLength(2);
  });

  it('answers voice by its Recognition text, echoing what it heard', async () => {
    const user = newOpenId();
    const reply = await replyOf(
      await post({
        ...textMessage(user, ''),
        MsgType: 'voice',
        MediaId: 'media-1',
        Format: 'amr',
        Recognition: QUESTION,
      }),
    );
    expect(reply.startsWith(CHANNEL_REPLIES.voiceEcho(QUESTION))).toBe(true);
    expect(reply).toContain('3个工作日');
  });

  it('fetches voice without Recognition and asks to type when no decoder reads AMR', async () => {
    const user = newOpenId();
    platform.addMedia('media-amr', new TextEncoder().encode('#!AMR\n\u0000\u0001\u0002'));
    const reply = await replyOf(
      await post({ ...textMessage(user, ''), MsgType: 'voice', MediaId: 'media-amr', Format: 'amr' }),
    );
    expect(reply).toBe(CHANNEL_REPLIES.voiceUnavailable);
    expect(platform.tokenCalls).toBe(1);
    expect((await transcript(user)).map((m) => m.text)).toContain('[语音消息：未开通语音识别]');
  });

  it('welcomes a new follower, sends nothing on unsubscribe, and runs menu clicks', async () => {
    const user = newOpenId();
    const subscribe = eventMessage(user, 'subscribe');
    expect(await replyOf(await post(subscribe))).toBe(CHANNEL_REPLIES.welcome);
    // An event WeChat retries is known by sender and CreateTime: the same welcome, taken once.
    expect(await replyOf(await post(subscribe))).toBe(CHANNEL_REPLIES.welcome);
    const click = await replyOf(await post(eventMessage(user, 'CLICK', { EventKey: 'HUMAN' })));
    expect(click).not.toBe('');
    expect((await transcript(user)).find((m) => m.role === 'customer')?.text).toBe(MENU_ACTIONS.HUMAN);
    const gone = await post(eventMessage(user, 'unsubscribe'));
    expect(await gone.text()).toBe('success');
    expect(platform.sent).toEqual([]);
  });

  it('answers images, locations and links politely and notes them in the transcript', async () => {
    const user = newOpenId();
    const base = textMessage(user, '');
    expect(
      await replyOf(await post({ ...base, MsgType: 'image', PicUrl: 'http://x/y.jpg', MediaId: 'm' })),
    ).toBe(CHANNEL_REPLIES.unsupported);
    await post({ ...textMessage(user, ''), MsgType: 'location', Location_X: '31.2', Location_Y: '121.5' });
    await post({ ...textMessage(user, ''), MsgType: 'link', Title: 't', Url: 'http://x' });
    expect((await transcript(user)).filter((m) => m.role === 'customer').map((m) => m.text)).toEqual([
      '[图片：暂不支持]',
      '[位置：暂不支持]',
      '[链接：暂不支持]',
    ]);
  });

  it('pushes the custom menu with npm run wechat:menu', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/wechat-menu.ts'], {
      env: {
        PATH: process.env.PATH,
        WECHAT_OA_APPID: APPID,
        WECHAT_OA_SECRET: SECRET,
        WECHAT_API_ROOT: platform.apiRoot,
        LOG_LEVEL: 'silent',
      },
    });
    expect(stdout).toContain('menu pushed');
    expect(platform.menus).toEqual([OFFICIAL_MENU]);
    const names = JSON.stringify(platform.menus);
    for (const action of Object.values(MENU_ACTIONS)) expect(names).toContain(action);
  });
});

describe('a slow turn', () => {
  beforeEach(async () => {
    service = await start({}, 1);
  });

  it('answers success at once and the reply by customer-service message', async () => {
    const user = newOpenId();
    const response = await post(textMessage(user, QUESTION));
    expect(await response.text()).toBe('success');
    await platform.waitForSent(1);
    expect(platform.sentTo(user).join('\n')).toContain('3个工作日');
  });
});

describe('delivery to an Official Account follower', () => {
  beforeEach(async () => {
    service = await start();
  });

  async function handedOff() {
    const user = newOpenId();
    await replyOf(await post(textMessage(user, '转人工')));
    const conversation = await service.store.findConversation('wechat_oa', user);
    if (!conversation) throw new Error('no conversation');
    return { user, conversation, staff: await staffSession(service.app) };
  }

  async function lastDelivery(conversationId: string, staff: Awaited<ReturnType<typeof staffSession>>) {
    const response = await staffCall(
      service.app,
      staff,
      'GET',
      `/v1/conversations/${conversationId}/messages`,
    );
    const body = (await response.json()) as {
      items: { role: string; delivery?: { status: string; lastError?: string } }[];
    };
    return body.items.at(-1)?.delivery;
  }

  it('sends a staff reply from the console by customer-service message', async () => {
    const { user, conversation, staff } = await handedOff();
    const before = platform.sent.length;
    const response = await staffCall(service.app, staff, 'POST', `/v1/handoffs/${conversation.id}/replies`, {
      text: '您好，我是客服小王',
    });
    expect(await response.json()).toMatchObject({ channel: 'wechat_oa', delivery: 'queued' });
    await platform.waitForSent(before + 1);
    await service.deliveryWorker.runOnce();
    expect(platform.sentTo(user).at(-1)).toBe('您好，我是客服小王');
    expect(await lastDelivery(conversation.id, staff)).toMatchObject({ status: 'sent' });
  });

  it('stops at 45015 and shows the reason in the console', async () => {
    const { user, conversation, staff } = await handedOff();
    platform.failNextSends(45015);
    await staffCall(service.app, staff, 'POST', `/v1/handoffs/${conversation.id}/replies`, {
      text: '还在吗？',
    });
    await service.deliveryWorker.runOnce();
    const failed = await lastDelivery(conversation.id, staff);
    expect(failed).toMatchObject({ status: 'failed' });
    expect(failed?.lastError).toContain('45015');
    expect(failed?.lastError).toContain('48小时');
    expect(platform.sentTo(user)).not.toContain('还在吗？');
    const page = await staffCall(service.app, staff, 'GET', `/console/conversations/${conversation.id}`);
    expect(await page.text()).toContain('发送失败：微信公众号 45015');
  });

  it('fetches a new access token once on 40001 and sends', async () => {
    const { user, conversation, staff } = await handedOff();
    await staffCall(service.app, staff, 'POST', `/v1/handoffs/${conversation.id}/replies`, {
      text: '第一条',
    });
    await service.deliveryWorker.runOnce();
    await platform.waitForSent(1);
    const tokensBefore = platform.tokenCalls;
    platform.revokeTokens();
    await staffCall(service.app, staff, 'POST', `/v1/handoffs/${conversation.id}/replies`, {
      text: '第二条',
    });
    await service.deliveryWorker.runOnce();
    await platform.waitForSent(2);
    expect(platform.tokenCalls).toBe(tokensBefore + 1);
    expect(platform.sentTo(user).slice(-2)).toEqual(['第一条', '第二条']);
    expect(await lastDelivery(conversation.id, staff)).toMatchObject({ status: 'sent' });
  });
});

describe('a turn with more to say than one message holds', () => {
  it('answers the first part passively and the rest by message after it, in order', async () => {
    const long = ['甲'.repeat(500), '乙'.repeat(500), '丙'.repeat(100)];
    const queued: string[] = [];
    const background: Promise<unknown>[] = [];
    const official = createWechatOfficialAccount({
      token: TOKEN,
      apiRoot: platform.apiRoot,
      inbound: {
        turns: {
          handle: async (): Promise<TurnResult> => ({
            conversationId: 'c1',
            intent: 'faq',
            replies: long.map((text) => ({ text })),
            handoff: false,
            sources: [],
          }),
          recordUnreadable: async () => undefined,
        },
        events: createMemoryInboundLog(),
        decode: () => Promise.reject(new Error('no decoding here')),
      },
      logger: pino({ level: 'silent' }),
      sendLater: async (_openId, text) => {
        queued.push(text);
      },
      background: (work) => background.push(work),
    });
    const app = new Hono();
    for (const hook of official.webhooks) app.on(hook.method, hook.path, hook.handler);
    service = { app, dispose: () => undefined } as unknown as TestServices;
    const started = Date.now();
    const user = newOpenId();
    expect(await replyOf(await post(textMessage(user, '说说看')))).toBe(long[0]);
    expect(queued).toEqual([]);
    await Promise.all(background);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(queued).toEqual([long[1], long[2]]);
  });
});
