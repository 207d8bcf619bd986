/**
 * A citation as a customer reads it: '三、2' as it is, a preamble list's item by the list's heading
 * ('包括哪些方面 4' → '“包括哪些方面”第4条'), a paragraph by its heading ('重要性' → '“重要性”一节').
 */
export function citationForPeople(citation: string): string {
  return citation
    .replace(/(^|\/ )重要性(?= \/|$)/g, '$1“重要性”一节')
    .replace(/(包括哪些方面|方案) (\d+)(?:[–—-](\d+))?/g, (_, list: string, from: string, to?: string) =>
      to ? `“${list}”第${from}–${to}条` : `“${list}”第${from}条`,
    );
}
