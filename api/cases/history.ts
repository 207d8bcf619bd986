import { z } from 'zod';
import type { HistoryPage, TicketEvent, TicketStore } from '../../db/ticket-store.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, pageQuery } from '../routes/paging.js';
import { parseOrThrow } from '../routes/validation.js';

/** A page of a case's history as the API and console ask for it: `limit` and the cursor of the page before. */
export const historyQuery = z.object(pageQuery);
const historyCursor = z.object({ before: z.number().int().positive() });

/** One event of a case's history as the API shows it: what, who (a user name, `system` or `scanner`), when. */
export function historyItem(e: TicketEvent) {
  return {
    id: String(e.id),
    type: e.type,
    status: e.status,
    assignee: e.assignee,
    deadline: e.deadline,
    note: e.note,
    actor: e.actor,
    at: e.at.toISOString(),
  };
}

/** A page of a case's history, newest first, from the request's `limit` and `cursor`; 400 on anything else. */
export async function readHistory(
  tickets: Pick<TicketStore, 'history'>,
  ticketId: string,
  query: Record<string, string>,
): Promise<HistoryPage & { nextCursor?: string }> {
  const { limit, cursor } = parseOrThrow(historyQuery, query);
  const before = cursor ? decodeCursor(cursor, historyCursor).before : undefined;
  const page = await tickets.history(ticketId, limit ?? DEFAULT_PAGE_SIZE, before);
  return page.next === undefined ? page : { ...page, nextCursor: encodeCursor({ before: page.next }) };
}
