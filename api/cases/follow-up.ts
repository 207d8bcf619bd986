import type { Store } from '../../db/store.js';
import type { Ticket, TicketStore } from '../../db/ticket-store.js';
import { CASE_KIND_NAMES, followsUp } from '../../vocabulary/case-kinds.js';
import { CASE_REPLIES } from '../assistant/flows/case-replies.js';
import type { FlowState, RatingState } from '../assistant/flows/flow.js';

/**
 * 100% follow-up (standard 四、2): a closed case of a kind that follows up (complaint, report,
 * repair: see vocabulary/case-kinds.ts) asks its customer for a
 * 1–5 rating on the chat it came from, and the rating flow takes the answer. A case from the web
 * form has no chat: it is recorded as to be followed up by phone.
 */
export async function followUpClosedCase(
  ticket: Ticket,
  deps: { store: Store; tickets: TicketStore; now: Date },
) {
  if (!followsUp(ticket.kind)) return;
  if (!ticket.conversationId) {
    await deps.tickets.recordFollowUp(ticket.id, 'by_phone', deps.now);
    return;
  }
  const text = CASE_REPLIES.followUp(CASE_KIND_NAMES[ticket.kind], ticket.number);
  await deps.store.appendMessage(
    ticket.conversationId,
    { role: 'assistant', text, intent: 'rating' },
    deps.now,
  );
  // A flow the customer is in the middle of (an identity check) is kept for answers that are no score.
  const open = (await deps.store.getConversation(ticket.conversationId))?.flowState as FlowState | null;
  const resume = open && open.flow !== 'rating' && !isSettled(open) ? open : undefined;
  const state: RatingState = {
    flow: 'rating',
    step: 'score',
    misses: 0,
    ticketId: ticket.id,
    ...(resume ? { resume } : {}),
  };
  await deps.store.setFlowState(ticket.conversationId, state, deps.now);
  await deps.tickets.recordFollowUp(ticket.id, 'chat', deps.now);
}

/** A bill already answered and kept for a follow-up question is not a flow to come back to. */
function isSettled(state: FlowState): boolean {
  return state.flow === 'account' && state.step === 'answered';
}
