import { describe, expect, it } from 'vitest';
import { findCaseNumber } from '../api/assistant/flows/case.js';
import { caseDeadlines, caseNumber } from '../api/cases/cases.js';
import { PRIVATE_INTENTS } from '../api/channel/contract.js';
import { createDefaultWorkdayCalendar } from '../api/standard/calendar.js';
import { TIME_LIMITS } from '../api/standard/time-limits.js';
import { conversations, deliveries, inboundEvents, tickets } from '../db/schema.js';
import {
  CASE_KIND_TABLE,
  CASE_KINDS,
  CASE_STATUSES,
  CHAT_CASE_KINDS,
  chatCaseKindOf,
  DEADLINE_TABLE,
  deadlineMet,
  FORM_CASE_KINDS,
  kindOfPrefix,
} from '../vocabulary/case-kinds.js';
import {
  CASE_ORIGINS,
  CHANNEL_TABLE,
  CHANNELS,
  ORIGIN_NAMES,
  PUSH_CHANNELS,
} from '../vocabulary/channels.js';

/**
 * Everything that lists channels or case kinds follows the vocabulary's rows: a new row is picked
 * up by the schema, the API's enums, case numbers, intents and names without another list to edit.
 */
describe('the channel vocabulary', () => {
  it('is what the schema stores', () => {
    expect(conversations.channel.enumValues).toEqual([...CHANNELS]);
    expect(tickets.channel.enumValues).toEqual([...CASE_ORIGINS]);
    expect(deliveries.channel.enumValues).toEqual([...PUSH_CHANNELS]);
    expect(inboundEvents.channel.enumValues).toEqual([...PUSH_CHANNELS]);
  });

  it('names every channel and case origin, and pushes replies only where an adapter sends them', () => {
    for (const channel of CASE_ORIGINS) expect(ORIGIN_NAMES[channel]).toBeTruthy();
    expect(PUSH_CHANNELS).toEqual(CHANNELS.filter((c) => CHANNEL_TABLE[c].replies === 'push'));
    // The public web chat is polled; the private platform chats are pushed to.
    expect(CHANNEL_TABLE.web).toMatchObject({ private: false, replies: 'poll' });
  });
});

describe('the case-kind vocabulary', () => {
  const calendar = createDefaultWorkdayCalendar();

  it('is what the schema stores and the web form takes', () => {
    expect(tickets.kind.enumValues).toEqual([...CASE_KINDS]);
    expect(tickets.status.enumValues).toEqual([...CASE_STATUSES]);
    expect(FORM_CASE_KINDS).toEqual(CASE_KINDS.filter((k) => CASE_KIND_TABLE[k].form));
  });

  it('gives every kind a prefix of its own, found again in the numbers customers type', () => {
    const prefixes = CASE_KINDS.map((k) => CASE_KIND_TABLE[k].prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const kind of CASE_KINDS) {
      const number = caseNumber(kind, '2026-11-26', 7);
      expect(kindOfPrefix(number.slice(0, 2))).toBe(kind);
      const typed = `查询${number.toLowerCase().replace('-', ' ')}`;
      expect(findCaseNumber(typed)).toBe(CASE_KIND_TABLE[kind].lookUp ? number : undefined);
    }
  });

  it('runs every kind with time limits on rows of the standard, and each deadline has its names', () => {
    const accepted = new Date('2026-11-26T02:00:00Z');
    for (const kind of CASE_KINDS) {
      const limits = CASE_KIND_TABLE[kind].timeLimits;
      if (limits === null) continue;
      expect(TIME_LIMITS.some((row) => row.kind === limits)).toBe(true);
      for (const name of Object.keys(caseDeadlines(kind, accepted, calendar).deadlines))
        expect(Object.keys(DEADLINE_TABLE)).toContain(name);
    }
  });

  it('meets a deadline from its status onwards, never before', () => {
    for (const [name, row] of Object.entries(DEADLINE_TABLE)) {
      const from = CASE_STATUSES.indexOf(row.metFrom);
      for (const [i, status] of CASE_STATUSES.entries()) expect(deadlineMet(name, status)).toBe(i >= from);
    }
    expect(deadlineMet('someOtherDueAt', 'closed')).toBe(false);
  });

  it('opens the kind whose words a message has, else the intent’s default', () => {
    expect(chatCaseKindOf('complaint', '我要举报抄表员收红包')).toBe('report');
    expect(chatCaseKindOf('complaint', '我要投诉营业员')).toBe('complaint');
    expect(chatCaseKindOf('meter', '抄表读数不对')).toBe('reading_dispute');
    expect(chatCaseKindOf('meter', '电表走得太快想校验')).toBe('meter_test');
    expect(chatCaseKindOf('repair', '家里停电了')).toBe('repair');
    for (const kind of CHAT_CASE_KINDS) expect(CASE_KIND_TABLE[kind].intent).not.toBe('handoff');
  });

  it('keeps the replies of every private kind out of group chats', () => {
    for (const kind of CHAT_CASE_KINDS)
      if (CASE_KIND_TABLE[kind].private) expect(PRIVATE_INTENTS).toContain(CASE_KIND_TABLE[kind].intent);
    for (const intent of ['bill', 'application', 'rating'] as const)
      expect(PRIVATE_INTENTS).toContain(intent);
    expect(PRIVATE_INTENTS).not.toContain('faq');
  });
});
