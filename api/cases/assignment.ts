import type { StaffStore, StaffUser } from '../../db/staff-store.js';
import type { TicketStore } from '../../db/ticket-store.js';
import { ApiError, badRequest } from '../errors.js';

/** At most this many cases in one bulk assignment (a page of the case list holds 50). */
export const MAX_BULK_ASSIGN = 100;

export interface AssignmentDeps {
  tickets: Pick<TicketStore, 'findByNumbers' | 'assign'>;
  staff: Pick<StaffStore, 'findByUsername'>;
  now: Date;
}

export interface AssignmentResult {
  assignee: string;
  /** The cases asked for, and how many of them changed hands (the others had this assignee already). */
  numbers: string[];
  changed: number;
}

/**
 * Assigns cases (by number) to a colleague, all or nothing. Who may: a supervisor any open case; an
 * agent only open cases nobody has or the agent has (taking them, or handing on their own), never a
 * colleague's. Everything is checked before the one write, so an error changes nothing: 400
 * `unknown_case` (numbers not found, listed), 400 `unknown_staff` (no such enabled colleague), 409
 * `case_closed`, 403 `not_owner`.
 */
export async function assignCases(
  request: { numbers: readonly string[]; assignee: string },
  me: Pick<StaffUser, 'id' | 'username' | 'role'>,
  deps: AssignmentDeps,
): Promise<AssignmentResult> {
  const numbers = [...new Set(request.numbers.map((n) => n.trim().toUpperCase()))];
  if (!numbers.length) throw badRequest('missing_field', 'numbers must name at least one case', 'numbers');
  if (numbers.length > MAX_BULK_ASSIGN) {
    throw badRequest('too_many', `at most ${MAX_BULK_ASSIGN} cases at once`, 'numbers');
  }
  const assignee = await deps.staff.findByUsername(request.assignee);
  if (!assignee || assignee.disabledAt) {
    throw badRequest('unknown_staff', 'assignee must be the user name of an enabled colleague', 'assignee');
  }
  const found = await deps.tickets.findByNumbers(numbers);
  const missing = numbers.filter((n) => !found.some((t) => t.number === n));
  if (missing.length) throw badRequest('unknown_case', `no such case: ${missing.join(', ')}`, 'numbers');
  const closed = found.filter((t) => t.status === 'closed');
  if (closed.length) {
    throw new ApiError(
      409,
      'case_closed',
      `closed cases keep their assignee: ${closed.map((t) => t.number).join(', ')}`,
    );
  }
  if (me.role !== 'supervisor') {
    const others = found.filter((t) => t.assignee !== null && t.assignee !== me.id);
    if (others.length) {
      throw new ApiError(
        403,
        'not_owner',
        `only a supervisor reassigns a colleague's case: ${others.map((t) => t.number).join(', ')}`,
      );
    }
  }
  const changed = await deps.tickets.assign({
    ticketIds: found.map((t) => t.id),
    assignee: { id: assignee.id, username: assignee.username },
    actor: me.username,
    at: deps.now,
  });
  return { assignee: assignee.username, numbers, changed };
}
