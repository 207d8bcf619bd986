/** Asia/Shanghai time (UTC+8 all year): how instants are shown to people and counted in days. */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day of an instant in Asia/Shanghai, 'YYYY-MM-DD'. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The wall-clock time of an instant in Asia/Shanghai, 'HH:mm'. */
export function shanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

/** The last day on which something due at `dueAt` (24:00 of that day, Beijing time) is on time. */
export function dueDay(dueAt: Date): string {
  return shanghaiDate(new Date(dueAt.getTime() - 1));
}

/** '2026-11-25' → '2026年11月25日'. */
export function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
}

/** The Beijing day of an instant without its year: '11月28日'. */
export function monthDay(instant: Date): string {
  const [, month, day] = shanghaiDate(instant).split('-');
  return `${Number(month)}月${Number(day)}日`;
}
