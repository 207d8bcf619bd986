import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The parts of the service and the only directions their imports may take:
 * Channels (bot/) → API (api/) → Knowledge (knowledge/) and Store (db/), with the vocabulary
 * (vocabulary/: channels and case kinds) a leaf that every part may read. Scripts and tests
 * (test/ and *.test.ts beside the code) may import anything; nothing imports them.
 */
const ALLOWED: Record<string, readonly string[]> = {
  bot: ['api', 'vocabulary'],
  api: ['knowledge', 'db', 'vocabulary'],
  db: ['vocabulary'],
  knowledge: ['vocabulary'],
  vocabulary: [],
};
const PARTS = Object.keys(ALLOWED);

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The files under `dir` (node_modules left out) whose name `keep` accepts. */
function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

/** Code of a part; tests beside the code may import anything, as test/ does. */
const sourceFiles = (dir: string) =>
  filesUnder(dir, (name) => /\.(ts|tsx)$/.test(name) && !/\.(d|test)\.tsx?$/.test(name));

/** Static imports, re-exports and dynamic `import()` of relative paths. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

interface Edge {
  file: string;
  target: string;
  from: string;
  to: string;
}

function edgesOf(file: string): Edge[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const target = normalize(join(dirname(file), match[1] as string));
    return { file, target, from: file.split('/')[0] as string, to: target.split('/')[0] as string };
  });
}

const files = PARTS.flatMap(sourceFiles);
const crossing = files.flatMap(edgesOf).filter((edge) => edge.from !== edge.to);

describe('the import graph', () => {
  it('finds the source files and the imports between parts', () => {
    expect(files.length).toBeGreaterThan(100);
    // The arrows the design needs are there: the check reads real imports.
    const seen = new Set(crossing.map((edge) => `${edge.from}→${edge.to}`));
    for (const arrow of ['bot→api', 'api→db', 'api→knowledge', 'db→vocabulary', 'api→vocabulary'])
      expect(seen, arrow).toContain(arrow);
  });

  it('only points Channels → API → Knowledge / Store, with the vocabulary as a leaf', () => {
    const forbidden = crossing
      .filter((edge) => !PARTS.includes(edge.to) || !ALLOWED[edge.from]?.includes(edge.to))
      .map((edge) => `${edge.file} imports ${relative('.', edge.target)} (${edge.from} → ${edge.to})`);
    expect(forbidden).toEqual([]);
  });

  it('recognises a forbidden import when it sees one', () => {
    const edges = [...`import { x } from '../api/y.js';`.matchAll(IMPORT)];
    expect(edges.map((m) => m[1])).toEqual(['../api/y.js']);
    const lazy = [...`await import('../../bot/telegram/bot.js')`.matchAll(IMPORT)];
    expect(lazy.map((m) => m[1])).toEqual(['../../bot/telegram/bot.js']);
    expect(ALLOWED.db).not.toContain('api');
    expect(ALLOWED.api).not.toContain('bot');
  });
});

describe('the repository stands alone', () => {
  const tracked = ['api', 'bot', 'db', 'knowledge', 'vocabulary', 'scripts', 'test', 'docs']
    .flatMap((dir) => allFiles(dir))
    .concat(['README.md', 'package.json', 'wrangler.toml', 'vitest.config.ts', 'vitest.workers.config.ts']);

  it('points nowhere outside itself', () => {
    const outside = tracked.filter((file) => {
      if (file === 'test/architecture.test.ts') return false;
      return /\.\.\/shared\b|\bshared\/(CONTRACT|STYLE|DESIGN|seed|eval)/.test(
        readFileSync(join(ROOT, file), 'utf8'),
      );
    });
    expect(outside).toEqual([]);
  });
});

/** Every text file the repository keeps (the Worker's generated data left out). */
function allFiles(dir: string): string[] {
  return filesUnder(
    dir,
    (name) =>
      /\.(ts|tsx|js|json|jsonl|md|yaml|toml|txt|sh|sql|css)$/.test(name) && !name.endsWith('.generated.json'),
  );
}
