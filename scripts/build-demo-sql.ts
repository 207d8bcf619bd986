/** Writes db/seed/demo.sql, the demo data for D1, from db/demo.ts (`npm run build:demo-sql`). */
import { writeFileSync } from 'node:fs';
import { demoDataSql } from '../db/demo.js';

const path = new URL('../db/seed/demo.sql', import.meta.url);
writeFileSync(path, demoDataSql());
console.log(`wrote ${path.pathname}`);
