import { z } from 'zod';
import { parseIpRanges } from './limits/ip.js';

/**
 * Every setting of every entry (the service, the terminal chat, the Worker, the WeChat bot as a
 * process of its own), read by one parser: a setting means the same and is checked the same way
 * wherever it is read. Blank values count as unset.
 */

const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const PUPPET_NAME = /^(@[\w.-]+\/)?wechaty-puppet-[\w.-]+$/;

const hours = (name: string, example: string) =>
  z
    .string()
    .default(example)
    .refine((v) => v.trim() === 'always' || /^\d{2}:\d{2}-\d{2}:\d{2}$/.test(v.trim()), {
      message: `${name} must look like ${example} (Beijing time) or be always`,
    });

const perMinute = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** Each setting's rule, in one place. */
const fields = {
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  DATABASE_PATH: z.string().min(1).default('./data/assistant.db'),
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
  /** The first staff account's password: at least 12 characters, like every staff password. */
  STAFF_BOOTSTRAP_PASSWORD: optional.refine(
    (password) => password === undefined || [...password].length >= 12,
    {
      message: 'STAFF_BOOTSTRAP_PASSWORD must be at least 12 characters (the rule for every staff password)',
    },
  ),
  /** Login attempts one client address may make per minute, whatever the user names. */
  STAFF_LOGIN_LIMIT_PER_MINUTE: perMinute(30),
  TELEGRAM_BOT_TOKEN: optional,
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_SECRET: optional.refine(
    (secret) => secret === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(secret),
    {
      message:
        'TELEGRAM_WEBHOOK_SECRET may only contain A-Z, a-z, 0-9, _ and - (Telegram rule), 1 to 256 characters',
    },
  ),
  /** A Telegram chat (group) where staff are told about handoffs and case deadlines. */
  TELEGRAM_STAFF_CHAT_ID: optional.refine((id) => id === undefined || /^-?\d{1,20}$|^@\w{5,}$/.test(id), {
    message: 'TELEGRAM_STAFF_CHAT_ID must be a numeric chat id or an @channel name',
  }),
  /** The Wechaty puppet package, e.g. wechaty-puppet-wechat4u or wechaty-puppet-service. */
  WECHATY_PUPPET: optional.refine((puppet) => puppet === undefined || PUPPET_NAME.test(puppet), {
    message: 'WECHATY_PUPPET must be a puppet package name such as wechaty-puppet-wechat4u',
  }),
  /** Read by wechaty-puppet-service itself; checked here so that its absence is said clearly. */
  WECHATY_PUPPET_SERVICE_TOKEN: optional,
  /** Names the login session file `<name>.memory-card.json` in the working directory. */
  WECHATY_NAME: z.string().min(1).default('power-service-wechat'),
  /** The Token in the Official Account's server settings: where set, the 公众号 channel is on. */
  WECHAT_OA_TOKEN: optional.refine((token) => token === undefined || /^[A-Za-z0-9]{3,32}$/.test(token), {
    message: 'WECHAT_OA_TOKEN must be 3 to 32 letters and digits (WeChat rule)',
  }),
  /** The Official Account's AppID and AppSecret, for the access token (messages, media, menu). */
  WECHAT_OA_APPID: optional.refine((id) => id === undefined || /^wx[0-9a-f]{16}$/i.test(id), {
    message: 'WECHAT_OA_APPID must look like wx followed by 16 hex digits',
  }),
  WECHAT_OA_SECRET: optional,
  /** The 43-character EncodingAESKey: safe-mode messages are decrypted and answered encrypted. */
  WECHAT_OA_AES_KEY: optional.refine((key) => key === undefined || /^[A-Za-z0-9]{43}$/.test(key), {
    message: 'WECHAT_OA_AES_KEY must be the 43 letters and digits of the EncodingAESKey',
  }),
  /** Every Official Account platform call goes here (a stand-in in tests). */
  WECHAT_API_ROOT: z.url().default('https://api.weixin.qq.com'),
  API_SERVICE_TOKEN: optional.refine((token) => token === undefined || token.length >= 16, {
    message: 'API_SERVICE_TOKEN must be at least 16 characters',
  }),
  /** Base URL of the assistant API, for a bot running as a process of its own. */
  API_URL: optional.refine(
    (url) => url === undefined || (URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)),
    { message: 'API_URL must be an http(s) URL such as https://assistant.example.com' },
  ),
  EMBEDDING_MODEL_DIR: optional,
  ASR_MODEL_DIR: optional,
  /** Base URL of an OpenAI-compatible speech API; `/v1/audio/transcriptions` is appended unless present. */
  ASR_URL: optional.refine((url) => url === undefined || URL.canParse(url), {
    message: 'ASR_URL must be a URL such as http://127.0.0.1:9000',
  }),
  ASR_API_KEY: optional,
  /** The model name sent to the ASR_URL endpoint. */
  ASR_MODEL: z.string().min(1).default('whisper-1'),
  MIN_CONFIDENCE: z.coerce.number().min(0).max(1).optional(),
  TICKET_FORM_LIMIT_PER_MINUTE: perMinute(10),
  /** New chat conversations one client address may open per minute (web visitors over HTTP). */
  CHAT_CONVERSATION_LIMIT_PER_MINUTE: perMinute(20),
  /** Handoffs to a person per minute, per client address and per chat user. */
  CHAT_HANDOFF_LIMIT_PER_MINUTE: perMinute(5),
  /** Cases opened in chat per minute, per client address and per chat user. */
  CHAT_CASE_LIMIT_PER_MINUTE: perMinute(5),
  /**
   * Proxies (CIDRs or addresses, comma-separated) whose X-Forwarded-For / CF-Connecting-IP names the
   * client; unset, the connection's own address is the client's.
   */
  TRUSTED_PROXIES: optional.superRefine((list, ctx) => {
    const parsed = list === undefined ? undefined : parseIpRanges(list);
    if (parsed && 'invalid' in parsed)
      ctx.addIssue({
        code: 'custom',
        message: `TRUSTED_PROXIES: "${parsed.invalid}" is not a CIDR or an address (e.g. 10.0.0.0/8, ::1)`,
      });
  }),
  SCAN_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),
  /** Planned-outage notices go out this many days before the outage (and again the day before). */
  PLANNED_OUTAGE_NOTICE_DAYS: z.coerce.number().int().min(2).max(30).default(7),
  /** A case deadline within this many working hours is due soon. */
  DUE_SOON_HOURS: z.coerce.number().min(0).default(4),
  /** Office hours on working days (Beijing time), the hours DUE_SOON_HOURS counts. */
  OFFICE_HOURS: hours('OFFICE_HOURS', '08:30-17:30'),
  /** Beijing time, e.g. 08:00-20:00 every day, or `always`. */
  STAFFED_HOURS: hours('STAFFED_HOURS', '08:00-20:00'),
  SECURE_COOKIES: z.enum(['on', 'off']).default('off'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
};

/** Where a setting is required, what to say when it is missing. */
const REQUIRED_FOR_WECHAT_PROCESS = {
  WECHATY_PUPPET:
    'name the Wechaty puppet, e.g. wechaty-puppet-wechat4u (log in by scanning a QR code) or wechaty-puppet-service (with WECHATY_PUPPET_SERVICE_TOKEN)',
  API_URL: 'the base URL of the assistant API, e.g. https://assistant.example.com',
  API_SERVICE_TOKEN: "the API's service token for the chat bots",
} as const;

/** The puppet that cannot start without a setting of its own. */
function puppetServiceToken(settings: { WECHATY_PUPPET?: string; WECHATY_PUPPET_SERVICE_TOKEN?: string }) {
  return settings.WECHATY_PUPPET === 'wechaty-puppet-service' && !settings.WECHATY_PUPPET_SERVICE_TOKEN
    ? [
        'WECHATY_PUPPET_SERVICE_TOKEN is not set: wechaty-puppet-service needs the token of its puppet service',
      ]
    : [];
}

/** Settings that only work together. */
function officialAccount(
  settings: Partial<Record<'WECHAT_OA_AES_KEY' | 'WECHAT_OA_APPID' | 'WECHAT_OA_SECRET', string>>,
) {
  const problems: string[] = [];
  if (settings.WECHAT_OA_AES_KEY && !settings.WECHAT_OA_APPID) {
    problems.push(
      'WECHAT_OA_APPID is not set: encrypted messages name the appid WECHAT_OA_AES_KEY belongs to',
    );
  }
  if (Boolean(settings.WECHAT_OA_APPID) !== Boolean(settings.WECHAT_OA_SECRET)) {
    problems.push('WECHAT_OA_APPID and WECHAT_OA_SECRET go together: both are needed for the access token');
  }
  return problems;
}

const schema = z.object(fields);

export type Config = z.infer<typeof schema>;

/** The WeChat bot as a process of its own, beside a remote API: these settings must be there. */
export type WechatProcessConfig = Config & {
  [K in keyof typeof REQUIRED_FOR_WECHAT_PROCESS]-?: NonNullable<Config[K]>;
};

function parse(env: Record<string, string | undefined>, required: Record<string, string>, label: string) {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value?.trim()));
  const problems: string[] = Object.entries(required)
    .filter(([name]) => blankAsUnset[name] === undefined)
    .map(([name, what]) => `${name} is not set: ${what}`);
  const parsed = schema.safeParse(blankAsUnset);
  if (parsed.success) problems.push(...puppetServiceToken(parsed.data), ...officialAccount(parsed.data));
  else
    problems.push(
      ...parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  if (problems.length > 0 || !parsed.success) throw new Error(`invalid ${label}: ${problems.join('; ')}`);
  return parsed.data;
}

/** Parses the service's settings once, at start-up; a bad value stops the process with the setting's name. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  return parse(env, {}, 'settings');
}

/** The settings of the WeChat bot running as its own process (`npm run wechat`). */
export function parseWechatProcessConfig(env: Record<string, string | undefined>): WechatProcessConfig {
  return parse(env, REQUIRED_FOR_WECHAT_PROCESS, 'WeChat bot settings') as WechatProcessConfig;
}
