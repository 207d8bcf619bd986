import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { round } from './stats.js';

const READY_TIMEOUT_MS = 30_000;

/**
 * Milliseconds from spawning the built `bot/main.js` under node (as `npm start` runs it after its
 * build; fresh database) to its first healthy /healthz.
 */
export async function startupToReady(buildDir: string, dir: string): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', join(buildDir, 'bot/main.js')], {
    env: { ...process.env, PORT: String(port), DATABASE_PATH: join(dir, 'startup.db'), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (performance.now() - started > READY_TIMEOUT_MS)
        throw new Error('service did not become ready in 30 s');
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return round(performance.now() - started, 0);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    child.kill('SIGTERM');
  }
}
