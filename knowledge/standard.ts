import { readFileSync } from 'node:fs';

/**
 * The service standard the assistant serves (供电营业窗口群众满意服务标准), shipped as data in
 * knowledge/standard/service-standard.zh-CN.txt, split into the clauses the knowledge base cites:
 * "三、5" (section three, item five), "二、1–10" (a run of items), "包括哪些方面 5" (the fifth
 * aspect of the preamble), "方案 4" (the fourth of the preamble's plans) and "重要性" (the preamble's
 * paragraph on why the standard matters), "引言" and "结语" (its opening and closing paragraphs).
 */
export interface Clause {
  /** As cited: '三、5', '包括哪些方面 5', '方案 4'. */
  id: string;
  /** The section's heading: '服务效能'. */
  section: string;
  text: string;
}

export const STANDARD_FILE = new URL('./standard/service-standard.zh-CN.txt', import.meta.url);

const SECTION = /^([一二三四五六七八九十]+)、(.+)$/;
const ITEM = /^(\d+)、(.+)$/;
const ASPECT = /^(\d+)\.\s*(.+)$/;
/** The preamble's numbered lists: the aspects of the standard, and the company's plans. */
const PREAMBLE_LISTS = ['包括哪些方面', '方案'];
/** The preamble's paragraphs cited whole: why the standard matters. */
const PREAMBLE_PARAGRAPHS = ['重要性'];

/** '引言' for the paragraph before anything else, '结语' for the one right after the plans. */
function framingOf(clauses: readonly Clause[], list: string | undefined): string | undefined {
  if (clauses.length === 0) return '引言';
  if (list === '方案' && !clauses.some((c) => c.id === '结语')) return '结语';
  return undefined;
}

/** The clauses of the standard's text, in order. */
export function parseStandard(text: string): Clause[] {
  const clauses: Clause[] = [];
  let section: { number: string; title: string } | undefined;
  /** The preamble's numbered list being read ('包括哪些方面', '方案'), if any. */
  let list: string | undefined;
  /** The preamble's paragraph under a heading ('重要性'), cited by the heading alone. */
  let paragraph: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (PREAMBLE_LISTS.includes(line)) {
      list = line;
      continue;
    }
    if (PREAMBLE_PARAGRAPHS.includes(line)) {
      paragraph = line;
      continue;
    }
    if (paragraph && line) {
      clauses.push({ id: paragraph, section: paragraph, text: line });
      paragraph = undefined;
      continue;
    }
    const heading = SECTION.exec(line);
    if (heading) {
      section = { number: heading[1] as string, title: heading[2] as string };
      continue;
    }
    const item = ITEM.exec(line);
    if (item && section)
      clauses.push({ id: `${section.number}、${item[1]}`, section: section.title, text: item[2] as string });
    const listed = ASPECT.exec(line);
    if (listed && list)
      clauses.push({ id: `${list} ${listed[1]}`, section: list, text: listed[2] as string });
    else {
      // The preamble opens with a paragraph before its first heading, and closes with one after
      // the plans: cited '引言' and '结语'.
      const framing =
        !section && !listed && line && !line.startsWith('-') ? framingOf(clauses, list) : undefined;
      if (framing) clauses.push({ id: framing, section: framing, text: line });
      list = undefined;
    }
  }
  return clauses;
}

/** The standard's clauses, read from the shipped text. */
export function loadStandard(): Clause[] {
  return parseStandard(readFileSync(STANDARD_FILE, 'utf8'));
}

/**
 * The clauses a citation names: '三、1 / 三、2 / 二、4' → three ids; '一、1（营业窗口）' → '一、1';
 * '二、1–10' → 二、1 … 二、10.
 */
export function citedClauses(citation: string): string[] {
  return citation
    .split('/')
    .map((part) => part.replace(/[（(][^）)]*[）)]/g, '').trim())
    .filter(Boolean)
    .flatMap((id) => {
      const run = /^(.+?(?:、|\s))(\d+)[–—-](\d+)$/.exec(id);
      if (!run) return [id];
      const [, head, from, to] = run as unknown as [string, string, string, string];
      return Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => `${head}${Number(from) + i}`);
    });
}
