import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import pino from 'pino';
import { parseConfig } from '../api/config.js';
import { createServices } from './services.js';

/**
 * `npm run chat`: a terminal conversation with the same engine the channels use (same settings,
 * same database), for trying the assistant without a Telegram or WeChat account.
 */
const config = parseConfig(process.env);
const services = await createServices(config, { logger: pino({ level: 'warn' }) });
const userId = `cli-${randomBytes(12).toString('hex')}`;
const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });

console.log('供电服务智能助手（终端对话）。输入问题后回车；输入 /quit 退出。');
rl.setPrompt('您：');
rl.prompt();
for await (const line of rl) {
  const text = line.trim();
  if (text === '/quit' || text === '/exit') break;
  if (text) {
    const turn = await services.assistant.handle({ channel: 'web', userId, text });
    for (const reply of turn.replies) console.log(`助手：${reply.text}`);
    const sources = turn.sources.map((s) => s.title).join('、');
    console.log(
      `      [intent=${turn.intent}${sources ? ` 来源：${sources}` : ''}${turn.handoff ? ' 已转人工' : ''}]`,
    );
  }
  rl.prompt();
}
rl.close();
services.close();
