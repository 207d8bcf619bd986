import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadActionQuestions } from '../api/assistant/action-questions.js';
import { versionContent } from '../api/kb/versions.js';
import { parseConcepts, shippedConcepts } from '../knowledge/concepts.js';
import { contentHash } from '../knowledge/content.js';
import { loadCustomerQuestions } from '../knowledge/customer-questions.js';
import { entriesOfFiles } from '../knowledge/knowledge-base.js';
import { loadKnowledgeBase, loadKnowledgeContent } from '../knowledge/load.js';
import { parseOutOfScopeExamples } from '../knowledge/out-of-scope.js';
import regressionFile from '../knowledge/regression-questions.json' with { type: 'json' };
import { labelledActionQuestions } from '../scripts/action-questions.js';
import { labelledCustomerQuestions } from '../scripts/customer-questions.js';
import { regressionQuestions } from '../scripts/regression-questions.js';
import { startTestServices } from './support/services.js';
import { staffCall, staffSession } from './support/staff-session.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

it('keeps knowledge/regression-questions.json equal to the knowledge questions of test/eval (npm run build:regression)', () => {
  const questions = regressionQuestions();
  expect(questions.length).toBeGreaterThan(1000);
  expect(regressionFile).toEqual(questions);
  // The held-out benchmark set is never among them.
  const held = readFileSync('bench/questions.jsonl', 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { q: string }).q);
  const asked = new Set(questions);
  expect(held.filter((q) => asked.has(q))).toEqual([]);
});

it('keeps knowledge/customer-questions.json equal to the labelled questions of test/eval (npm run build:regression)', async () => {
  const labelled = await labelledCustomerQuestions();
  expect(loadCustomerQuestions()).toEqual(labelled);
  // Most questions of the sets are labelled (a message of several is not), each with an entry of the knowledge base.
  expect(labelled.length).toBeGreaterThan(0.7 * regressionQuestions().length);
  const ids = new Set(loadKnowledgeBase().entries.map((entry) => entry.id));
  expect(labelled.filter(({ entry }) => !ids.has(entry))).toEqual([]);
  // A question whose facts only one entry holds is that entry's.
  expect(labelled).toContainEqual({ entry: 'meter-test', q: '申请电能表校验多久出检测结果' });
}, 60_000);

it('keeps api/assistant/action-questions.json equal to the action messages of test/eval (npm run build:regression)', async () => {
  const labelled = await labelledActionQuestions();
  expect(loadActionQuestions()).toEqual(labelled);
  // Both kinds are there, requests far more than questions about an action.
  const about = labelled.filter(({ asks }) => asks === 'about').length;
  expect(about).toBeGreaterThan(100);
  expect(labelled.length - about).toBeGreaterThan(about);
  // A knowledge question in which the rules read a complaint asks about it.
  expect(labelled).toContainEqual({ asks: 'about', q: '俺写封信寄过去投诉中不中？' });
}, 60_000);

it('exports a version to YAML in the layout of knowledge/ that reads back as the same content', async () => {
  const service = await startTestServices();
  const out = mkdtempSync(join(tmpdir(), 'kb-export-'));
  dirs.push(out);
  try {
    const staff = await staffSession(service.app);
    const edited = await staffCall(service.app, staff, 'PUT', '/v1/kb/entries/complaint-time-limits', {
      answer: '受理投诉后1个工作日内联系您，7个工作日内答复处理意见。Test line with English words.',
    });
    expect(edited.status).toBe(200);
    // A concept changed, one added (a word YAML would read as a number or a boolean is quoted).
    const concept = await staffCall(
      service.app,
      staff,
      'PUT',
      `/v1/kb/concepts/${encodeURIComponent('时限')}`,
      {
        variants: [...(shippedConcepts().find((c) => c.term === '时限')?.variants ?? []), '猴年马月'],
      },
    );
    expect(concept.status).toBe(200);
    const added = await staffCall(
      service.app,
      staff,
      'PUT',
      `/v1/kb/concepts/${encodeURIComponent('导出词')}`,
      {
        variants: ['yes', '12345', 'a: b', '"引号"', 'no way'],
      },
    );
    expect(added.status).toBe(201);
    const published = await staffCall(service.app, staff, 'POST', '/v1/kb/publish', { note: '导出测试' });
    expect(await published.json()).toEqual({ version: 2 });
    execFileSync('npx', ['tsx', 'scripts/kb-export.ts', '2', '--out', out], {
      env: { ...process.env, DATABASE_PATH: join(service.dir, 'assistant.db') },
      stdio: 'pipe',
    });
    const files = readdirSync(join(out, 'entries')).sort();
    expect(files).toEqual(
      readdirSync('knowledge/entries')
        .filter((n) => n.endsWith('.yaml'))
        .sort(),
    );
    const readBack = {
      entries: entriesOfFiles(
        files.map((name) => ({ name, entries: parse(readFileSync(join(out, 'entries', name), 'utf8')) })),
      ),
      outOfScope: parseOutOfScopeExamples(readFileSync(join(out, 'out-of-scope.yaml'), 'utf8')),
      concepts: parseConcepts(readFileSync(join(out, 'concepts.yaml'), 'utf8')),
    };
    const stored = await versionContent(service.kb, 2, shippedConcepts());
    expect(readBack.concepts).toEqual(stored.concepts);
    expect(readBack.concepts.at(-1)).toEqual({
      term: '导出词',
      variants: ['yes', '12345', 'a: b', '"引号"', 'no way'],
    });
    const conceptsText = readFileSync(join(out, 'concepts.yaml'), 'utf8');
    // The shipped header, then one line per concept.
    expect(conceptsText).toContain(readFileSync('knowledge/concepts.yaml', 'utf8').split('\n"95598"')[0]);
    expect(conceptsText.split('\n').filter((line) => /^\S.*: \[.*\]$/.test(line))).toHaveLength(
      stored.concepts.length,
    );
    expect(contentHash(readBack)).toBe(contentHash(stored));
    expect(contentHash(readBack)).not.toBe(contentHash(loadKnowledgeContent().content));
    expect(readFileSync(join(out, 'entries', 'service-efficiency.yaml'), 'utf8')).toContain('导出测试');
  } finally {
    service.dispose();
  }
});
