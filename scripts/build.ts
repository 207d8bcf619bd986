import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * `npm run build`: the Node service as plain JavaScript in `dist/`, so `npm start` runs it with
 * `node` alone: no TypeScript loader in the process (tsx's hooks thread costs ~45 MB and ~1 s of
 * start-up) and no dev dependencies needed at run time.
 *
 * Each module is transpiled on its own (not bundled), keeping the source tree's layout, and the
 * files modules read next to themselves (knowledge YAML, migrations, console assets, the calendar
 * file) are copied beside them, so every `import.meta.url` path resolves as it does from source.
 * Type checking is `npm run check`'s job (tsc); this only strips types.
 *
 * From the command line it builds into `dist/builds/<hash of the sources>` (skipped when that build
 * exists) and points the `dist/current` link at it atomically, so a running service that loads a
 * module lazily (a channel adapter, a voice decoder) never finds its build half rewritten by the
 * next `npm start` or `npm run wechat`: Node runs a linked entry from its real path.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The folders of the Node service. */
const SOURCE_DIRS = ['api', 'bot', 'knowledge', 'db', 'vocabulary'];
/** Workers-only code (its own bundle, built by wrangler) and tests stay out. */
const LEFT_OUT = [/\.test\.tsx?$/, /^api\/worker\//, /^bot\/worker\.ts$/];

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(path);
    return LEFT_OUT.some((pattern) => pattern.test(path)) ? [] : [path];
  });
}

export interface BuildResult {
  outdir: string;
  modules: number;
  copied: number;
  ms: number;
}

/** Builds the service into `outdir` (emptied first); `extraEntries` adds modules such as the bench server. */
export async function buildService(
  outdir = join(ROOT, 'dist'),
  extraEntries: string[] = [],
): Promise<BuildResult> {
  const started = performance.now();
  outdir = resolve(ROOT, outdir);
  const files = SOURCE_DIRS.flatMap(filesUnder);
  const modules = [...files.filter((file) => /\.tsx?$/.test(file)), ...extraEntries];
  const assets = files.filter((file) => !/\.tsx?$/.test(file));
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: modules,
    outdir,
    outbase: '.',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Node 20 needs `with { type: 'json' }` kept on JSON imports.
    supported: { 'import-attributes': true },
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const asset of assets) {
    const target = join(outdir, asset);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(ROOT, asset), target);
  }
  return {
    outdir,
    modules: modules.length,
    copied: assets.length,
    ms: Math.round(performance.now() - started),
  };
}

/** A short hash of every file the build reads (paths and contents), the build script included. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const files = [...SOURCE_DIRS.flatMap(filesUnder), 'scripts/build.ts', 'package-lock.json'];
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Builds `dist/builds/<hash>` unless it exists, points `dist/current` at it, keeps the three newest builds. */
export async function buildCurrent(
  dist = join(ROOT, 'dist'),
): Promise<{ path: string; built: BuildResult | undefined }> {
  const builds = join(dist, 'builds');
  const id = sourceHash();
  const target = join(builds, id);
  let built: BuildResult | undefined;
  if (!existsSync(target)) {
    const staging = join(builds, `.staging-${process.pid}`);
    built = await buildService(staging);
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another build of the same sources got there first: theirs is identical.
      rmSync(staging, { recursive: true, force: true });
      if (!existsSync(target)) throw error;
    }
  }
  const link = join(dist, `.current-${process.pid}`);
  rmSync(link, { force: true });
  symlinkSync(join('builds', id), link);
  renameSync(link, join(dist, 'current'));
  const older = readdirSync(builds)
    .filter((name) => name !== id && !name.startsWith('.'))
    .map((name) => ({ name, at: statSync(join(builds, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at)
    .slice(2);
  for (const { name } of older) rmSync(join(builds, name), { recursive: true, force: true });
  return { path: target, built };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { path, built } = await buildCurrent();
  const where = relative(process.cwd(), path) || '.';
  console.log(
    built
      ? `built ${built.modules} modules and copied ${built.copied} files into ${where} in ${built.ms} ms`
      : `${where} is up to date`,
  );
}
