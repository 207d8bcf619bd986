import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm test`: every suite, each run even when an earlier one failed, then one summary. It fails
 * when any suite fails, when a suite runs no tests, and when any test is skipped or left to do,
 * so nothing can quietly stop being checked.
 */

interface Suite {
  name: string;
  command: string[];
  /** Vitest suites write a JSON report here, for the counts. */
  report?: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'npm-test-'));
const suites: Suite[] = [
  { name: 'checks (Worker data, Biome, TypeScript)', command: ['npm', 'run', '--silent', 'check'] },
  { name: 'Node tests', command: ['npx', 'vitest', 'run'], report: join(scratch, 'node.json') },
  {
    name: 'Workers tests (workerd + D1)',
    command: ['npx', 'vitest', 'run', '--config', 'vitest.workers.config.ts'],
    report: join(scratch, 'workers.json'),
  },
];

interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const results: { name: string; ok: boolean; note: string }[] = [];
for (const suite of suites) {
  const args = suite.report
    ? [...suite.command, '--reporter=default', '--reporter=json', `--outputFile.json=${suite.report}`]
    : suite.command;
  const [command, ...rest] = args as [string, ...string[]];
  const run = spawnSync(command, rest, {
    stdio: 'inherit',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
  let ok = run.status === 0;
  let note = ok ? 'passed' : `failed (exit ${run.status ?? run.signal})`;
  if (suite.report) {
    try {
      const report = JSON.parse(readFileSync(suite.report, 'utf8')) as VitestReport;
      const skipped = report.numPendingTests + report.numTodoTests;
      note = `${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`;
      if (report.numTotalTests === 0 || skipped > 0 || report.numFailedTests > 0) ok = false;
    } catch {
      ok = false;
      note = `${note}; no test report was written`;
    }
  }
  results.push({ name: suite.name, ok, note });
}
rmSync(scratch, { recursive: true, force: true });

console.log('\nnpm test summary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}: ${r.note}`);
const failed = results.filter((r) => !r.ok);
if (failed.length > 0) {
  console.error(`\n${failed.length} of ${results.length} suites did not pass.`);
  process.exit(1);
}
