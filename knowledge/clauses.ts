/**
 * Where one clause of a message ends and the next starts. Customers write with punctuation or, in
 * voice transcripts and quick WeChat messages, with a space where they pause between Chinese words.
 */

/** A pause between two Chinese words, written as a space. */
export const SPOKEN_PAUSE = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u;

const CLAUSE_BREAK = new RegExp(`[,，。;；!！?？\\n]|${SPOKEN_PAUSE.source}`, 'u');

/** The clauses of a text, split at punctuation and at spoken pauses, without empty ones. */
export function clausesOf(text: string): string[] {
  return text.split(CLAUSE_BREAK).filter((clause) => clause.trim());
}

/** After a clause's closing mark (kept with the clause), or at a spoken pause. */
const AFTER_CLAUSE = new RegExp(`(?<=[,，。;；!！?？\\n])|${SPOKEN_PAUSE.source}`, 'u');

/** The clauses of a text, each with the mark that closes it ("我家这个月电费出来没有？" asks). */
export function clausesWithTheirMarks(text: string): string[] {
  return text.split(AFTER_CLAUSE).filter((clause) => clause.trim());
}
