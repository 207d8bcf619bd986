import { z } from 'zod';
import { badRequest } from '../errors.js';

/** Items a page holds unless `limit` says otherwise, and at most. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** The query parameters every paged list takes: `limit` and the opaque `cursor` of the page before. */
export const pageQuery = {
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_PAGE_SIZE, `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .optional(),
  cursor: z.string().min(1).max(512).optional(),
};

/** What each list's cursor holds (a position in that list), shown to clients only as an opaque string. */
export function encodeCursor(position: unknown): string {
  return btoa(JSON.stringify(position)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The position a cursor of this list holds; a cursor that is not one of them is a 400 `invalid_cursor`. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  try {
    const base64 = cursor.replaceAll('-', '+').replaceAll('_', '/');
    const parsed = schema.safeParse(JSON.parse(atob(base64)));
    if (parsed.success) return parsed.data;
  } catch {
    // Not base64 or not JSON: as invalid as a well-formed cursor of another list.
  }
  throw badRequest('invalid_cursor', 'cursor must be a nextCursor this list returned');
}

/** `{ items, nextCursor }`, without `nextCursor` on the last page. */
export function pageBody<T>(items: T[], next: unknown) {
  return next === undefined ? { items } : { items, nextCursor: encodeCursor(next) };
}
