/**
 * `npm run wechat:menu`: pushes the Official Account's custom menu (查电费 / 办电服务: 报装进度,
 * 故障报修, 我要投诉 / 转人工) with WECHAT_OA_APPID and WECHAT_OA_SECRET, to WECHAT_API_ROOT.
 * Each button is a CLICK key the server URL answers as the phrase it names.
 */
import pino from 'pino';
import { parseConfig } from '../api/config.js';
import { createWechatApi } from '../bot/wechat-official/api.js';
import { OFFICIAL_MENU } from '../bot/wechat-official/official.js';

const config = parseConfig(process.env);
if (!config.WECHAT_OA_APPID || !config.WECHAT_OA_SECRET) {
  console.error('WECHAT_OA_APPID and WECHAT_OA_SECRET must be set to push the menu');
  process.exit(1);
}
const api = createWechatApi({
  apiRoot: config.WECHAT_API_ROOT,
  appId: config.WECHAT_OA_APPID,
  secret: config.WECHAT_OA_SECRET,
  logger: pino({ level: config.LOG_LEVEL }),
});
try {
  await api.createMenu(OFFICIAL_MENU);
  console.log(`menu pushed to ${config.WECHAT_OA_APPID}: ${JSON.stringify(OFFICIAL_MENU)}`);
} catch (error) {
  console.error(`the menu was not pushed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
