import type { DeliveryStore } from '../../db/channel-store.js';
import { CASE_KIND_NAMES, deadlineStaffName } from '../../vocabulary/case-kinds.js';
import { CHANNEL_TABLE, type Channel } from '../../vocabulary/channels.js';
import type { Escalation } from '../cases/scanner.js';
import { shanghaiDate, shanghaiTime } from '../standard/beijing-time.js';

export interface StaffNoticesDeps {
  deliveries: DeliveryStore;
  /** TELEGRAM_STAFF_CHAT_ID; without it staff see everything in the console only. */
  staffChatId?: string;
  clock: () => Date;
  /** Called after a notice is queued (to start a delivery pass). */
  onQueued?: () => void;
}

/**
 * Tells staff in their Telegram chat that a conversation waits for a person or that a case
 * deadline is near or past. Through the delivery outbox, so a notice is retried, not lost.
 * Notices carry case numbers and links, never customer text or personal data.
 */
export function createStaffNotices(deps: StaffNoticesDeps) {
  async function post(text: string) {
    if (!deps.staffChatId) return;
    await deps.deliveries.enqueue({ channel: 'telegram', address: deps.staffChatId, text }, deps.clock());
    deps.onQueued?.();
  }
  return {
    enabled: deps.staffChatId !== undefined,
    handoff(conversation: { id: string; channel: Channel }) {
      return post(
        `【待人工】${CHANNEL_TABLE[conversation.channel].name}客户请求人工服务，请在控制台接待：/console/conversations/${conversation.id}`,
      );
    },
    async escalations(list: Escalation[]) {
      for (const e of list) {
        const due = `${shanghaiDate(e.dueAt)} ${shanghaiTime(e.dueAt)}`;
        const what = `${CASE_KIND_NAMES[e.ticket.kind]} ${e.ticket.number} 的${deadlineStaffName(e.deadline)}`;
        await post(
          e.type === 'overdue'
            ? `【已超期】${what}已于 ${due}（北京时间）到期，请尽快处理：/console/cases/${e.ticket.id}`
            : `【即将到期】${what}将于 ${due}（北京时间）到期：/console/cases/${e.ticket.id}`,
        );
      }
    },
  };
}

export type StaffNotices = ReturnType<typeof createStaffNotices>;
