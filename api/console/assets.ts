import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The console's static files: its own scripts (console.js on every page, assist.js for the reply
 * box's suggestions and canned replies, kb.js for the knowledge base pages) and style, and chart.js (served locally, never a CDN).
 */
export const CONSOLE_ASSET_TYPES = {
  'console.js': 'text/javascript; charset=utf-8',
  'assist.js': 'text/javascript; charset=utf-8',
  'kb.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'chart.umd.min.js': 'text/javascript; charset=utf-8',
} as const;

export type ConsoleAssetName = keyof typeof CONSOLE_ASSET_TYPES;

/** Every console asset as text: a Workers bundle carries them (built in at build time). */
export type ConsoleAssets = Readonly<Record<ConsoleAssetName, string>>;

export function isConsoleAssetName(name: string): name is ConsoleAssetName {
  return Object.hasOwn(CONSOLE_ASSET_TYPES, name);
}

/** Reads one asset from api/console/assets, or chart.js from node_modules (Node only). */
export function readConsoleAsset(name: ConsoleAssetName): string {
  const file =
    name === 'chart.umd.min.js'
      ? join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js')
      : join(dirname(fileURLToPath(import.meta.url)), 'assets', name);
  return readFileSync(file, 'utf8');
}

/** Every asset, read from disk (Node only): what the Workers build puts in the bundle. */
export function readConsoleAssets(): ConsoleAssets {
  const names = Object.keys(CONSOLE_ASSET_TYPES) as ConsoleAssetName[];
  return Object.fromEntries(names.map((name) => [name, readConsoleAsset(name)])) as ConsoleAssets;
}
