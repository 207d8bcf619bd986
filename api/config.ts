import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  DATABASE_PATH: z.string().min(1).default('./data/assistant.db'),
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
  STAFF_BOOTSTRAP_PASSWORD: optional,
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
  WECHATY_PUPPET: optional,
  API_SERVICE_TOKEN: optional.refine((token) => token === undefined || token.length >= 16, {
    message: 'API_SERVICE_TOKEN must be at least 16 characters',
  }),
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
  TICKET_FORM_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  SCAN_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),
  /** A case deadline within this many working hours is due soon. */
  DUE_SOON_HOURS: z.coerce.number().min(0).default(4),
  /** Office hours on working days (Beijing time), the hours DUE_SOON_HOURS counts. */
  OFFICE_HOURS: z
    .string()
    .default('08:30-17:30')
    .refine((v) => v.trim() === 'always' || /^\d{2}:\d{2}-\d{2}:\d{2}$/.test(v.trim()), {
      message: 'OFFICE_HOURS must look like 08:30-17:30 (Beijing time) or be always',
    }),
  /** Beijing time, e.g. 08:00-20:00 every day, or `always`. */
  STAFFED_HOURS: z
    .string()
    .default('08:00-20:00')
    .refine((v) => v.trim() === 'always' || /^\d{2}:\d{2}-\d{2}:\d{2}$/.test(v.trim()), {
      message: 'STAFFED_HOURS must look like 08:00-20:00 (Beijing time) or be always',
    }),
  SECURE_COOKIES: z.enum(['on', 'off']).default('off'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

/** Parses the settings once, at start-up; a bad value stops the process with the setting's name. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`invalid settings: ${problems}`);
  }
  return parsed.data;
}
