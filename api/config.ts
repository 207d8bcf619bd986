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
  TELEGRAM_WEBHOOK_SECRET: optional,
  WECHATY_PUPPET: optional,
  API_SERVICE_TOKEN: optional.refine((token) => token === undefined || token.length >= 16, {
    message: 'API_SERVICE_TOKEN must be at least 16 characters',
  }),
  EMBEDDING_MODEL_DIR: optional,
  ASR_MODEL_DIR: optional,
  ASR_URL: optional,
  ASR_API_KEY: optional,
  MIN_CONFIDENCE: z.coerce.number().min(0).max(1).optional(),
  TICKET_FORM_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  SCAN_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),
  DUE_SOON_HOURS: z.coerce.number().min(0).default(4),
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
