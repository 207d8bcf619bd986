import { describe, expect, it } from 'vitest';
import { isStaffed, nextOpening, parseStaffedHours } from './hours.js';

const hours = parseStaffedHours('08:00-20:00');
const beijing = (iso: string) => new Date(`${iso}+08:00`);

describe('staffed hours (Beijing time)', () => {
  it.each([
    ['2026-11-26T07:59:00', false],
    ['2026-11-26T08:00:00', true],
    ['2026-11-26T19:59:00', true],
    ['2026-11-26T20:00:00', false],
  ])('at %s staffed is %s', (at, staffed) => {
    expect(isStaffed(hours, beijing(at))).toBe(staffed);
  });

  it('opens next this morning before hours, tomorrow morning after them', () => {
    expect(nextOpening(hours, beijing('2026-11-26T06:30:00'))).toEqual(beijing('2026-11-26T08:00:00'));
    expect(nextOpening(hours, beijing('2026-11-26T21:00:00'))).toEqual(beijing('2026-11-27T08:00:00'));
  });

  it('is always staffed when told so, and refuses a malformed window', () => {
    expect(isStaffed(parseStaffedHours('always'), beijing('2026-11-26T03:00:00'))).toBe(true);
    expect(() => parseStaffedHours('20:00-08:00')).toThrow(/STAFFED_HOURS/);
    expect(() => parseStaffedHours('9-5')).toThrow(/STAFFED_HOURS/);
  });
});
