import { describe, expect, it } from 'vitest';
import { CASE_KIND_TABLE } from '../vocabulary/case-kinds.js';
import { citationForPeople } from './citation.js';
import { loadKnowledgeBase } from './load.js';
import { citedClauses, loadStandard } from './standard.js';

describe('the service standard shipped with the knowledge base', () => {
  const clauses = loadStandard();
  const ids = new Set(clauses.map((c) => c.id));

  it('has its four sections and the aspects of its preamble', () => {
    expect(clauses.filter((c) => c.id.startsWith('一、'))).toHaveLength(2);
    expect(clauses.filter((c) => c.id.startsWith('二、'))).toHaveLength(10);
    expect(clauses.filter((c) => c.id.startsWith('三、'))).toHaveLength(7);
    expect(clauses.filter((c) => c.id.startsWith('四、'))).toHaveLength(4);
    expect(clauses.filter((c) => c.section === '包括哪些方面')).toHaveLength(6);
    expect(clauses.filter((c) => c.section === '方案')).toHaveLength(6);
    expect(clauses.find((c) => c.id === '方案 4')?.text).toMatch(/自助服务终端/);
    expect(clauses.find((c) => c.id === '重要性')?.text).toMatch(/降低投诉率/);
    expect(clauses.find((c) => c.id === '引言')?.text).toMatch(/重要桥梁/);
    expect(clauses.find((c) => c.id === '结语')?.text).toMatch(/核心竞争力/);
    expect(clauses.filter((c) => c.id === '引言' || c.id === '结语')).toHaveLength(2);
    expect(clauses.find((c) => c.id === '三、5')?.text).toMatch(/1个工作日内联系客户/);
    expect(clauses.find((c) => c.id === '二、1')?.text).toBe('不准违规停电、无故拖延送电。');
  });

  it('contains every clause the knowledge entries cite', () => {
    const missing = loadKnowledgeBase()
      .entries.flatMap((entry) => citedClauses(entry.clause ?? '').map((id) => ({ entry: entry.id, id })))
      .filter((cited) => !ids.has(cited.id));
    expect(missing).toEqual([]);
  });

  it('contains the clause of every case kind whose deadlines it sets', () => {
    for (const row of Object.values(CASE_KIND_TABLE)) if (row.clause) expect(ids).toContain(row.clause);
  });
});

describe('a citation', () => {
  it('names one clause, several, or a run of items', () => {
    expect(citedClauses('三、5')).toEqual(['三、5']);
    expect(citedClauses('三、1 / 三、2 / 二、4')).toEqual(['三、1', '三、2', '二、4']);
    expect(citedClauses('一、1（营业窗口）')).toEqual(['一、1']);
    expect(citedClauses('二、1–3')).toEqual(['二、1', '二、2', '二、3']);
    expect(citedClauses('包括哪些方面 1–3')).toEqual(['包括哪些方面 1', '包括哪些方面 2', '包括哪些方面 3']);
  });

  it('reads to a customer with the preamble’s lists by their headings', () => {
    expect(citationForPeople('三、2')).toBe('三、2');
    expect(citationForPeople('包括哪些方面 6 / 四、3')).toBe('“包括哪些方面”第6条 / 四、3');
    expect(citationForPeople('方案 2 / 方案 3')).toBe('“方案”第2条 / “方案”第3条');
    expect(citationForPeople('包括哪些方面 1–6')).toBe('“包括哪些方面”第1–6条');
    expect(citationForPeople('重要性 / 方案 3')).toBe('“重要性”一节 / “方案”第3条');
  });
});
