import type { Ticket } from '../../db/ticket-store.js';
import { CASE_STATUS_TABLE, CASE_STATUSES, deadlineMet } from '../../vocabulary/case-kinds.js';
import { ORIGIN_NAMES } from '../../vocabulary/channels.js';
import { overdueDeadlines } from '../cases/cases.js';
import { shanghaiDate, shanghaiTime } from '../standard/beijing-time.js';
import type { DueSoonRule } from '../standard/working-hours.js';

/** '2026-11-26 10:00' in Beijing time. */
export function beijing(instant: Date | string | number): string {
  const d = new Date(instant);
  return `${shanghaiDate(d)} ${shanghaiTime(d)}`;
}

/** '3 分钟', '2 小时 5 分钟', '1 天 3 小时'. */
export function waited(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时 ${minutes % 60} 分钟`;
  return `${Math.floor(hours / 24)} 天 ${hours % 24} 小时`;
}

/** Unmet deadlines still ahead, soonest first. */
export function pendingDeadlines(ticket: Ticket, now: Date): [string, number][] {
  return Object.entries(ticket.deadlines)
    .filter(([name, ms]) => ms > now.getTime() && !deadlineMet(name, ticket.status))
    .sort((a, b) => a[1] - b[1]);
}

export type Urgency = 'overdue' | 'due-soon' | 'ok';

/**
 * Red when an unmet deadline has passed (the API's `overdue`), amber when the next one is due soon
 * by the scanner's own rule (DUE_SOON_HOURS working hours).
 */
export function urgency(ticket: Ticket, now: Date, isDueSoon: DueSoonRule): Urgency {
  if (overdueDeadlines(ticket, now).length > 0) return 'overdue';
  const next = pendingDeadlines(ticket, now)[0];
  return next && isDueSoon(new Date(next[1]), now) ? 'due-soon' : 'ok';
}

/**
 * How long a handed-off conversation may wait for an agent to take it (接入): amber from 5 minutes,
 * red from 10. Only conversations nobody has taken are marked.
 */
export const QUEUE_SLA = { amberMinutes: 5, redMinutes: 10 } as const;

export type QueueMark = 'sla-red' | 'sla-amber' | 'sla-ok';

/** The SLA mark of a conversation waiting since `since`, if nobody has taken it yet. */
export function queueMark(since: Date, now: Date, taken: boolean): QueueMark {
  if (taken) return 'sla-ok';
  const minutes = (now.getTime() - since.getTime()) / 60_000;
  if (minutes >= QUEUE_SLA.redMinutes) return 'sla-red';
  return minutes >= QUEUE_SLA.amberMinutes ? 'sla-amber' : 'sla-ok';
}

/** Why a conversation was handed to a person, as the queue says it. */
export const HANDOFF_REASON_NAMES: Record<string, string> = {
  asked: '客户要求人工',
  unanswered: '连续两次未能解答',
  after_hours: '非服务时间（已登记回电）',
};

export const ROLE_NAMES: Record<string, string> = { customer: '客户', assistant: '智能助手', staff: '客服' };
export const STATUS_NAMES: Record<string, string> = Object.fromEntries(
  CASE_STATUSES.map((status) => [status, CASE_STATUS_TABLE[status].staffName]),
);
export const CHANNEL_NAMES: Record<string, string> = ORIGIN_NAMES;
