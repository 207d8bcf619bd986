import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseConfig } from '../api/config.js';
import { versionContent } from '../api/kb/versions.js';
import { openDatabase } from '../db/client.js';
import { createSqliteKbStore } from '../db/kb-store.js';
import { shippedConcepts } from '../knowledge/concepts.js';
import { contentFiles } from '../knowledge/export.js';

/**
 * `npm run kb:export [version] [-- --out DIR]`: writes a published version of the knowledge base in
 * DATABASE_PATH (default the newest) back to YAML, in the layout of knowledge/ (entries/*.yaml,
 * out-of-scope.yaml and concepts.yaml), so that what operators published can be reviewed and committed in git. The
 * default folder is knowledge/ itself: `git diff` then shows the version against the shipped files.
 */
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args[outAt + 1] : 'knowledge';
const asked = args.find((arg, i) => /^\d+$/.test(arg) && i !== outAt + 1);
if (!out || args.some((arg, i) => arg !== '--out' && i !== outAt + 1 && !/^\d+$/.test(arg))) {
  console.error('usage: npm run kb:export [version] [-- --out DIR]');
  process.exit(2);
}
const config = parseConfig(process.env);
const database = openDatabase(config.DATABASE_PATH);
try {
  const kb = createSqliteKbStore(database.db);
  const version = asked ? await kb.version(Number(asked)) : await kb.latestVersion();
  if (!version) {
    console.error(
      asked
        ? `no version ${asked} in ${config.DATABASE_PATH}`
        : `no knowledge base version in ${config.DATABASE_PATH}`,
    );
    process.exitCode = 1;
  } else {
    // A version stored before its concepts were (migration 0015) has the shipped ones.
    const { entries, outOfScope, concepts } = await versionContent(kb, version.number, shippedConcepts());
    const files = contentFiles(
      { entries, outOfScope, concepts },
      `知识库第 ${version.number} 版（${version.createdAt.toISOString()}，${version.createdBy}：${version.note}）`,
    );
    // The version's files replace the folder's entry files (an entry file the version no longer has goes).
    mkdirSync(join(out, 'entries'), { recursive: true });
    for (const name of readdirSync(join(out, 'entries')))
      if (name.endsWith('.yaml') && !files.has(`entries/${name}`)) rmSync(join(out, 'entries', name));
    for (const [path, text] of files) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), text);
    }
    console.log(
      `wrote version ${version.number} (${entries.length} entries, ${concepts.length} concepts) to ${out}/`,
    );
  }
} finally {
  database.close();
}
