import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A customer-service message as the platform received it. */
export interface CustomMessage {
  touser: string;
  content: string;
  accessToken: string;
}

/**
 * A local stand-in for the WeChat Official Account platform (api.weixin.qq.com, the part this
 * service uses): the access token (`/cgi-bin/token`), customer-service messages
 * (`/cgi-bin/message/custom/send`), temporary media (`/cgi-bin/media/get`) and the menu
 * (`/cgi-bin/menu/create`), answering `{errcode, errmsg}` as WeChat does. Tests can revoke the
 * tokens it gave out (the next call gets 40001), make a send fail with an errcode, and read what
 * was sent.
 */
export async function startWechatOfficialStandIn(appId: string, secret: string) {
  const sent: CustomMessage[] = [];
  const menus: unknown[] = [];
  const media = new Map<string, { bytes: Uint8Array; type: string }>();
  const valid = new Set<string>();
  const sendFailures: number[] = [];
  let tokenCalls = 0;
  const waiters: { count: number; resolve: () => void }[] = [];

  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' });
    res.end(JSON.stringify(body));
  };
  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const token = url.searchParams.get('access_token') ?? '';
    if (url.pathname === '/cgi-bin/token') {
      tokenCalls += 1;
      if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret) {
        return json(res, { errcode: 40125, errmsg: 'invalid appsecret' });
      }
      const issued = `ACCESS_TOKEN_${tokenCalls}_${randomBytes(4).toString('hex')}`;
      valid.add(issued);
      return json(res, { access_token: issued, expires_in: 7200 });
    }
    if (!valid.has(token)) {
      return json(res, {
        errcode: 40001,
        errmsg: 'invalid credential, access_token is invalid or not latest',
      });
    }
    if (url.pathname === '/cgi-bin/message/custom/send' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as {
        touser: string;
        msgtype: string;
        text: { content: string };
      };
      const failure = sendFailures.shift();
      if (failure) return json(res, { errcode: failure, errmsg: `error ${failure}` });
      sent.push({ touser: body.touser, content: body.text.content, accessToken: token });
      for (const waiter of [...waiters]) {
        if (sent.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      return json(res, { errcode: 0, errmsg: 'ok' });
    }
    if (url.pathname === '/cgi-bin/media/get') {
      const file = media.get(url.searchParams.get('media_id') ?? '');
      if (!file) return json(res, { errcode: 40007, errmsg: 'invalid media_id' });
      res.writeHead(200, {
        'content-type': file.type,
        'content-disposition': 'attachment; filename="voice.amr"',
      });
      res.end(Buffer.from(file.bytes));
      return;
    }
    if (url.pathname === '/cgi-bin/menu/create' && req.method === 'POST') {
      menus.push(JSON.parse(await readBody(req)));
      return json(res, { errcode: 0, errmsg: 'ok' });
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    sent,
    menus,
    get tokenCalls() {
      return tokenCalls;
    },
    sentTo: (openId: string) => sent.filter((m) => m.touser === openId).map((m) => m.content),
    /** Every token given out so far stops working, as when it expires or another server renews it. */
    revokeTokens: () => valid.clear(),
    /** The next customer-service sends fail with these errcodes, in order. */
    failNextSends: (...errcodes: number[]) => sendFailures.push(...errcodes),
    addMedia: (id: string, bytes: Uint8Array, type = 'audio/amr') => media.set(id, { bytes, type }),
    /** Resolves once `count` customer-service messages have been received in all. */
    waitForSent(count: number, timeoutMs = 5_000): Promise<void> {
      if (sent.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${sent.length} of ${count} messages sent`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type WechatOfficialStandIn = Awaited<ReturnType<typeof startWechatOfficialStandIn>>;

/**
 * WeChat's side of the server URL, written from the documentation with Node's crypto (not the
 * service's own code): signatures, and the safe-mode envelope (AES-256-CBC, key = EncodingAESKey +
 * "=", IV its first 16 bytes, random(16) ‖ length ‖ message ‖ appid, padded to 32 bytes).
 */
export function wechatSide(token: string, aesKey?: string, appId?: string) {
  const key = aesKey ? Buffer.from(`${aesKey}=`, 'base64') : undefined;
  /** SHA-1 of the token and the parts, sorted and joined. */
  const sign = (...parts: string[]) =>
    createHash('sha1')
      .update([token, ...parts].sort().join(''))
      .digest('hex');
  return {
    sign,
    encrypt(message: string): string {
      if (!key || !appId) throw new Error('no AES key');
      const body = Buffer.from(message);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId)]);
      const pad = 32 - (plain.length % 32);
      const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
      return Buffer.concat([
        cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
        cipher.final(),
      ]).toString('base64');
    },
    decrypt(encrypted: string): { message: string; appId: string } {
      if (!key) throw new Error('no AES key');
      const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
      const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
      const content = plain.subarray(0, plain.length - (plain.at(-1) ?? 0));
      const length = content.readUInt32BE(16);
      return {
        message: content.subarray(20, 20 + length).toString('utf8'),
        appId: content.subarray(20 + length).toString('utf8'),
      };
    },
  };
}
