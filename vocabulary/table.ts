/** What the vocabulary's tables share: the keys of the rows that pass a test, in table order. */

/** A list that always has a first element (what drizzle and zod need of an enum's values). */
export type NonEmpty<T> = readonly [T, ...T[]];

/** The keys of `table` whose row `keep` accepts. */
export function keysWhere<K extends string, Row>(table: Record<K, Row>, keep: (row: Row) => boolean): K[] {
  return (Object.keys(table) as K[]).filter((key) => keep(table[key]));
}
