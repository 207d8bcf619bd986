import type { Logger } from 'pino';
import { PermanentDeliveryError } from '../../api/channel/contract.js';

/**
 * The Official Account platform API (api.weixin.qq.com, or WECHAT_API_ROOT): the access token and
 * the calls this channel makes with it (customer-service messages, media, the menu).
 *
 * The access token is fetched once and shared by every call (and, through `TokenCache`, by every
 * request of a Workers isolate): refreshed five minutes before it expires, and once more when a
 * call says it is invalid or expired (40001, 40014, 42001), that call then made again once.
 */

/** Token errors: the token we hold is no good; fetch another and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/**
 * Customer-service send errors that retrying cannot fix, with what staff are shown. 45015: the
 * customer has not written for 48 hours; 43004: not following the account; 40003: no such openid;
 * 45047: too many messages since the customer last wrote; 48001: the account lacks the permission.
 */
export const PERMANENT_SEND_ERRORS: Readonly<Record<number, string>> = {
  45015: '客户超过48小时未与公众号互动，客服消息无法送达',
  43004: '客户已取消关注公众号',
  40003: '公众号不认识这个用户（openid 无效）',
  45047: '客户回复前可发送的客服消息已达上限',
  48001: '公众号没有客服消息接口权限',
};
/** Renew this long before WeChat says the token expires. */
const REFRESH_EARLY_MS = 5 * 60_000;
const CALL_TIMEOUT_MS = 10_000;

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`wechat ${path} errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

export interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Where access tokens are kept between calls: per process on Node, per isolate on Workers. */
export type TokenCache = Map<string, CachedToken>;

export interface WechatApiOptions {
  apiRoot: string;
  appId: string;
  secret: string;
  logger: Logger;
  cache?: TokenCache;
  clock?: () => Date;
  fetch?: typeof fetch;
}

/** The customer-service text message's limit is 2,048 bytes; this many characters stays under it. */
export const WECHAT_MAX_TEXT_CHARS = 600;

export function createWechatApi(options: WechatApiOptions) {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const clock = options.clock ?? (() => new Date());
  const cache: TokenCache = options.cache ?? new Map();
  const cacheKey = `${options.apiRoot} ${options.appId}`;
  let inFlight: Promise<string> | undefined;

  async function readJson(path: string, response: Response): Promise<Record<string, unknown>> {
    if (!response.ok) throw new Error(`wechat ${path} answered HTTP ${response.status}`);
    const body = (await response.json()) as Record<string, unknown>;
    const errcode = Number(body.errcode ?? 0);
    if (errcode !== 0) throw new WechatApiError(errcode, String(body.errmsg ?? ''), path);
    return body;
  }

  async function fetchToken(): Promise<string> {
    const url = new URL('/cgi-bin/token', options.apiRoot);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: options.appId,
      secret: options.secret,
    }).toString();
    const body = await readJson(
      '/cgi-bin/token',
      await doFetch(url, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) }),
    );
    const token = String(body.access_token ?? '');
    if (!token) throw new Error('wechat /cgi-bin/token gave no access_token');
    const expiresIn = Number(body.expires_in ?? 7200);
    cache.set(cacheKey, {
      token,
      expiresAt: clock().getTime() + Math.max(60_000, expiresIn * 1000 - REFRESH_EARLY_MS),
    });
    options.logger.info({ appId: options.appId }, 'wechat access token fetched');
    return token;
  }

  /** The shared token; concurrent callers wait for one fetch. */
  async function accessToken(): Promise<string> {
    const cached = cache.get(cacheKey);
    if (cached && cached.expiresAt > clock().getTime()) return cached.token;
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  /** Calls a method with the token; on a token error, a fresh token and one more try. */
  async function call(path: string, init: (url: URL) => Promise<Response>): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await accessToken();
      const url = new URL(path, options.apiRoot);
      url.searchParams.set('access_token', token);
      const response = await init(url);
      const type = response.headers.get('content-type') ?? '';
      if (!type.includes('json') && !type.includes('text/plain')) return response;
      const text = await response.text();
      let errcode = 0;
      try {
        errcode = Number((JSON.parse(text) as { errcode?: number }).errcode ?? 0);
      } catch {
        // Not JSON: a body for the caller to judge.
      }
      if (attempt === 0 && TOKEN_ERRORS.has(errcode)) {
        options.logger.warn({ errcode, path }, 'wechat access token refused; fetching another');
        if (cache.get(cacheKey)?.token === token) cache.delete(cacheKey);
        continue;
      }
      return new Response(text, { status: response.status, headers: response.headers });
    }
  }

  async function postJson(path: string, body: unknown) {
    const response = await call(path, (url) =>
      doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      }),
    );
    return readJson(path, response);
  }

  return {
    accessToken,
    /** One customer-service text message; a PermanentDeliveryError where retrying cannot help. */
    async sendText(openId: string, text: string): Promise<void> {
      try {
        await postJson('/cgi-bin/message/custom/send', {
          touser: openId,
          msgtype: 'text',
          text: { content: text },
        });
      } catch (error) {
        const reason = error instanceof WechatApiError ? PERMANENT_SEND_ERRORS[error.errcode] : undefined;
        if (error instanceof WechatApiError && reason) {
          throw new PermanentDeliveryError(`微信公众号 ${error.errcode}：${reason}`, { cause: error });
        }
        throw error;
      }
    },
    /** A temporary media file (a voice message) by its MediaId. */
    async media(mediaId: string): Promise<Uint8Array> {
      const response = await call('/cgi-bin/media/get', (url) => {
        url.searchParams.set('media_id', mediaId);
        return doFetch(url, { signal: AbortSignal.timeout(30_000) });
      });
      const type = response.headers.get('content-type') ?? '';
      if (type.includes('json') || type.includes('text/plain')) {
        await readJson('/cgi-bin/media/get', response);
        throw new Error('wechat /cgi-bin/media/get gave no file');
      }
      if (!response.ok) throw new Error(`wechat /cgi-bin/media/get answered HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    /** Replaces the account's custom menu. */
    async createMenu(menu: unknown): Promise<void> {
      await postJson('/cgi-bin/menu/create', menu);
    },
  };
}

export type WechatApi = ReturnType<typeof createWechatApi>;
