import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * The operator's supply areas (knowledge/areas.yaml): each area's streets, roads and estates, so an
 * address a customer types finds its area. Read from the file on Node; the Worker is given the
 * parsed document (`areasFromData`).
 */
export interface Areas {
  /** The area names, in the file's order. */
  names: readonly string[];
  /** True when the file still holds the example values. */
  example: boolean;
  has(area: string): boolean;
  /** The area an address or a place named in the text is in: an area's own name, else the longest street found. */
  find(text: string): string | undefined;
}

const areasSchema = z.object({
  example: z.boolean().optional(),
  areas: z.record(z.string().min(1), z.array(z.string().min(2)).min(1)),
});

export const DEFAULT_AREAS_PATH: URL | string = import.meta.url
  ? new URL('./areas.yaml', import.meta.url)
  : 'areas.yaml';

/** Checks a parsed areas document (both runtimes). */
export function areasFromData(document: unknown): Areas {
  const parsed = areasSchema.parse(document);
  const names = Object.keys(parsed.areas);
  // Area names and their short forms ("城东片区" → "城东"), then streets; longest first.
  const places: { name: string; area: string }[] = [];
  for (const [area, streets] of Object.entries(parsed.areas)) {
    places.push({ name: area, area });
    const short = area.replace(/(供电)?片区$/, '');
    if (short.length >= 2 && short !== area) places.push({ name: short, area });
    for (const street of streets) places.push({ name: street, area });
  }
  places.sort((a, b) => b.name.length - a.name.length);
  const known = new Set(names);
  return {
    names,
    example: parsed.example ?? false,
    has: (area) => known.has(area),
    find(text) {
      const compact = text.normalize('NFKC').replace(/\s+/g, '');
      return places.find((place) => compact.includes(place.name))?.area;
    },
  };
}

/** Reads knowledge/areas.yaml or another areas file (Node only). */
export function loadAreas(path: URL | string = DEFAULT_AREAS_PATH): Areas {
  return areasFromData(parse(readFileSync(path, 'utf8')));
}
