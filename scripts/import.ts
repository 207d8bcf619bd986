import { readFileSync } from 'node:fs';
import { parseConfig } from '../api/config.js';
import { openDatabase } from '../db/client.js';
import { importCsv } from '../db/import.js';
import { loadAreas } from '../knowledge/areas.js';

/** `npm run import -- <file.csv> [more.csv …]`: loads billing-system exports into DATABASE_PATH. */
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run import -- <customers.csv|bills.csv|applications.csv> […]');
  process.exit(2);
}
const config = parseConfig(process.env);
const database = openDatabase(config.DATABASE_PATH);
const areas = loadAreas();
let failed = false;
try {
  for (const file of files) {
    try {
      const report = importCsv(database.db, readFileSync(file, 'utf8'), new Date(), {
        knownArea: areas.has,
      });
      console.log(
        `${file}: ${report.kind}, ${report.imported} row(s) imported, ${report.rejected.length} rejected`,
      );
      for (const { line, reason } of report.rejected) console.log(`  line ${line}: ${reason}`);
      failed ||= report.rejected.length > 0;
    } catch (error) {
      console.error(`${file}: ${(error as Error).message}`);
      failed = true;
    }
  }
} finally {
  database.close();
}
process.exit(failed ? 1 : 0);
