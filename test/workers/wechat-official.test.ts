import { applyD1Migrations, createExecutionContext, reset, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWechatCipher } from '../../bot/wechat-official/crypto.js';
import worker from '../../bot/worker.js';
import { openD1 } from '../../db/d1.js';
import { createStores } from '../../db/stores.js';

/**
 * The WeChat Official Account channel inside workerd: the server URL signed and (in safe mode)
 * encrypted with Web Crypto, a passive reply, and a staff message through the customer-service API
 * on the cron, with WeChat's platform answered by a fetch stand-in.
 */
const TOKEN = 'workersOfficialToken';
const APPID = 'wx2c2769f8efd9abc2';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const API_ROOT = 'https://wechat-api.test';

const workerEnv = {
  ...env,
  STAFF_BOOTSTRAP_PASSWORD: 'workers-admin-password-42',
  WECHAT_OA_TOKEN: TOKEN,
  WECHAT_OA_APPID: APPID,
  WECHAT_OA_SECRET: 'workers-app-secret',
  WECHAT_OA_AES_KEY: AES_KEY,
  WECHAT_API_ROOT: API_ROOT,
  STAFFED_HOURS: 'always',
  LOG_LEVEL: 'silent',
};

async function sha1(...parts: string[]) {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode([...parts].sort().join('')));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** WeChat's platform API: a token, then customer-service messages recorded. */
function platformStandIn() {
  const sent: { touser: string; content: string }[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === '/cgi-bin/token')
      return Response.json({ access_token: 'TOKEN_1', expires_in: 7200 });
    if (url.pathname === '/cgi-bin/message/custom/send') {
      const body = JSON.parse(String(init?.body)) as { touser: string; text: { content: string } };
      sent.push({ touser: body.touser, content: body.text.content });
      return Response.json({ errcode: 0, errmsg: 'ok' });
    }
    return new Response('not here', { status: 404 });
  });
  return { sent };
}

async function post(xml: string, safe: boolean) {
  const cipher = createWechatCipher(AES_KEY, APPID);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = '424242';
  const query = new URLSearchParams({ signature: await sha1(TOKEN, timestamp, nonce), timestamp, nonce });
  let body = xml;
  if (safe) {
    const encrypt = await cipher.encrypt(xml);
    body = `<xml><ToUserName><![CDATA[gh_power]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', await sha1(TOKEN, timestamp, nonce, encrypt));
  }
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request(`https://worker.test/wechat/official?${query}`, { method: 'POST', body }),
    workerEnv,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

const message = (openId: string, text: string, msgId: string) =>
  `<xml><ToUserName><![CDATA[gh_power]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;

beforeAll(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Official Account on the Worker', () => {
  it('answers a safe-mode message with an encrypted passive reply, once', async () => {
    platformStandIn();
    const xml = message('oWorkerCustomer1', '居民客户供电方案答复期限是多少', '7001');
    const response = await post(xml, true);
    expect(response.status).toBe(200);
    const reply = await response.text();
    const encrypt = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(reply)?.[1] ?? '';
    const opened = await createWechatCipher(AES_KEY, APPID).decrypt(encrypt);
    expect(opened).toContain('3个工作日');
    expect(opened).toContain('<ToUserName><![CDATA[oWorkerCustomer1]]></ToUserName>');
    expect(await (await post(xml, true)).text()).toBe('success');
  });

  it('refuses a forged signature', async () => {
    const response = await worker.fetch(
      new Request(`https://worker.test/wechat/official?signature=${'0'.repeat(40)}&timestamp=1&nonce=2`, {
        method: 'POST',
        body: message('oWorkerCustomer2', '你好', '7002'),
      }),
      workerEnv,
      createExecutionContext(),
    );
    expect(response.status).toBe(401);
  });

  it('sends a queued message to a follower through the customer-service API on the cron', async () => {
    const platform = platformStandIn();
    await post(message('oWorkerCustomer3', '转人工', '7003'), false);
    await createStores(openD1(env.DB)).deliveries.enqueue(
      { channel: 'wechat_oa', address: 'oWorkerCustomer3', text: '您好，已为您处理。' },
      new Date(),
    );
    const ctx = createExecutionContext();
    await worker.scheduled({ scheduledTime: Date.now() }, workerEnv, ctx);
    await waitOnExecutionContext(ctx);
    expect(platform.sent).toContainEqual({ touser: 'oWorkerCustomer3', content: '您好，已为您处理。' });
  });
});
