/** The settings of the WeChat bot running as its own process beside a remote API. */
import type { AsrSettings } from '../voice/asr.js';

export interface WechatProcessSettings extends AsrSettings {
  /** The Wechaty puppet package, e.g. wechaty-puppet-wechat4u or wechaty-puppet-service. */
  WECHATY_PUPPET: string;
  /** Names the login session file `<name>.memory-card.json` in the working directory. */
  WECHATY_NAME: string;
  /** Base URL of the assistant API (turns are posted to `${API_URL}/v1/messages`). */
  API_URL: string;
  API_SERVICE_TOKEN: string;
  LOG_LEVEL: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads the process's settings; every problem is reported at once, each naming its setting.
 * The puppet's own settings (WECHATY_PUPPET_SERVICE_TOKEN…) are read by the puppet itself; the one
 * a puppet service cannot start without is checked here so the message is clear.
 */
export function parseWechatSettings(env: Record<string, string | undefined>): WechatProcessSettings {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const problems: string[] = [];

  const puppet = get('WECHATY_PUPPET');
  if (!puppet) {
    problems.push(
      'WECHATY_PUPPET is not set: name the Wechaty puppet, e.g. wechaty-puppet-wechat4u (log in by scanning a QR code) ' +
        'or wechaty-puppet-service (with WECHATY_PUPPET_SERVICE_TOKEN)',
    );
  } else if (!/^(@[\w.-]+\/)?wechaty-puppet-[\w.-]+$/.test(puppet)) {
    problems.push(
      `WECHATY_PUPPET must be a puppet package name such as wechaty-puppet-wechat4u (got "${puppet}")`,
    );
  } else if (puppet === 'wechaty-puppet-service' && !get('WECHATY_PUPPET_SERVICE_TOKEN')) {
    problems.push(
      'WECHATY_PUPPET_SERVICE_TOKEN is not set: wechaty-puppet-service needs the token of its puppet service',
    );
  }

  const apiUrl = get('API_URL');
  if (!apiUrl)
    problems.push(
      'API_URL is not set: the base URL of the assistant API, e.g. https://assistant.example.com',
    );
  else if (!URL.canParse(apiUrl) || !/^https?:$/.test(new URL(apiUrl).protocol)) {
    problems.push('API_URL must be an http(s) URL such as https://assistant.example.com');
  }

  const token = get('API_SERVICE_TOKEN');
  if (!token) problems.push("API_SERVICE_TOKEN is not set: the API's service token for the chat bots");
  else if (token.length < 16) problems.push('API_SERVICE_TOKEN must be at least 16 characters');

  const asrUrl = get('ASR_URL');
  if (asrUrl && !URL.canParse(asrUrl)) problems.push('ASR_URL must be a URL such as http://127.0.0.1:9000');

  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  if (problems.length > 0) throw new Error(`invalid WeChat bot settings: ${problems.join('; ')}`);
  return {
    WECHATY_PUPPET: puppet as string,
    WECHATY_NAME: get('WECHATY_NAME') ?? 'power-service-wechat',
    API_URL: apiUrl as string,
    API_SERVICE_TOKEN: token as string,
    LOG_LEVEL: logLevel,
    ASR_MODEL: get('ASR_MODEL') ?? 'whisper-1',
    ...(get('ASR_MODEL_DIR') ? { ASR_MODEL_DIR: get('ASR_MODEL_DIR') } : {}),
    ...(asrUrl ? { ASR_URL: asrUrl } : {}),
    ...(get('ASR_API_KEY') ? { ASR_API_KEY: get('ASR_API_KEY') } : {}),
  };
}
