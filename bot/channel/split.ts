/**
 * Splits a reply that is longer than a platform allows into parts, at paragraph or line ends
 * where it can, else at the limit. Parts are never empty and join back to the same text.
 */
export function splitMessage(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf('。') + 1);
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
