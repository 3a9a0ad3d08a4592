/** One date style everywhere: days as 12月5日, periods with the year once. */
import { calendarDay, dateRange, dateTime, dateWithYear } from '../../src/services/dates';

it('reads a calendar day without its year or a time zone shift', () => {
  expect(calendarDay('2026-01-01')).toBe('1月1日');
  expect(calendarDay('2026-12-31')).toBe('12月31日');
});

it('reads a period with the year once, or both years when they differ', () => {
  expect(dateRange('2026-01-01', '2026-12-04')).toBe('2026年1月1日 至 12月4日');
  expect(dateRange('2025-12-01', '2026-01-03')).toBe('2025年12月1日 至 2026年1月3日');
  expect(dateRange('2026-12-04', '2026-12-04')).toBe('2026年12月4日 至 12月4日');
});

it('reads a moment’s day with its year in Shanghai (16:30 UTC on New Year’s Eve is already 1 January there)', () => {
  expect(dateWithYear('2026-12-06T03:00:00.000Z')).toBe('2026年12月6日');
  expect(dateWithYear('2026-12-31T16:30:00.000Z')).toBe('2027年1月1日');
});

it('reads a moment of this year without its year, and of another year with it (Shanghai years)', () => {
  const now = new Date('2026-12-07T04:00:00.000Z');
  expect(dateTime('2026-12-06T01:00:00.000Z', now)).toBe('12月6日 09:00');
  expect(dateTime('2025-12-06T01:00:00.000Z', now)).toBe('2025年12月6日 09:00');
  // 16:30 UTC on New Year's Eve 2025 is already 2026 in Shanghai: this year.
  expect(dateTime('2025-12-31T16:30:00.000Z', now)).toBe('1月1日 00:30');
});
