/** One date style everywhere: days as 12月5日, periods with the year once. */
import { calendarDay, dateRange } from '../../src/services/dates';

it('reads a calendar day without its year or a time zone shift', () => {
  expect(calendarDay('2026-01-01')).toBe('1月1日');
  expect(calendarDay('2026-12-31')).toBe('12月31日');
});

it('reads a period with the year once, or both years when they differ', () => {
  expect(dateRange('2026-01-01', '2026-12-04')).toBe('2026年1月1日 至 12月4日');
  expect(dateRange('2025-12-01', '2026-01-03')).toBe('2025年12月1日 至 2026年1月3日');
  expect(dateRange('2026-12-04', '2026-12-04')).toBe('2026年12月4日 至 12月4日');
});
