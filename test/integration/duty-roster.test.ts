/**
 * The street's duty roster (alerts.setRoster) over a real SQLite file: a person's two shifts that
 * share a minute are refused whole (nothing of the list is saved, nobody's role changes); shifts
 * back to back, or of two people at the same hours, are kept.
 */
import type { AlertsResults } from '../../cloudfunctions/core/api';
import type { UserDoc } from '../../cloudfunctions/core/domain/people';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

let s: SeniorStreet;

beforeEach(async () => {
  s = await openSeniorStreet('2026-12-01T02:00:00.000Z');
});
afterEach(() => s.close());

const shiftsOf = (r: AlertsResults['roster']) => r.shifts.map((x) => [x.name, x.weekdays.join(''), x.from, x.to]);

it('refuses a person’s second shift at hours they already hold, and saves nothing of that list', async () => {
  const before = await s.ok<AlertsResults['roster']>('demo-admin', 'alerts', 'roster', {});
  const social = await s.userId('demo-social');
  const err = await s.err('demo-admin', 'alerts', 'setRoster', {
    shifts: [
      { userId: social, weekdays: [1, 2, 3], from: '08:30', to: '17:30' },
      { userId: social, weekdays: [3], from: '17:00', to: '20:00' },
    ],
  });
  expect(err.code).toBe('VALIDATION');
  expect(err.message).toBe('居委社工小郑的第 1 条和第 2 条值班时间有重叠，请删掉一条或改时间');
  const after = await s.ok<AlertsResults['roster']>('demo-admin', 'alerts', 'roster', {});
  expect(shiftsOf(after)).toEqual(shiftsOf(before));
  expect((await s.world.store.get<UserDoc>('users', social))!.roles).not.toContain('duty');
});

it('keeps shifts back to back, and two people at the same hours', async () => {
  const social = await s.userId('demo-social');
  const admin = await s.userId('demo-admin');
  const saved = await s.ok<AlertsResults['setRoster']>('demo-admin', 'alerts', 'setRoster', {
    shifts: [
      { userId: social, weekdays: [1], from: '08:30', to: '17:30' },
      { userId: social, weekdays: [1], from: '17:30', to: '08:30' },
      { userId: admin, weekdays: [1], from: '08:30', to: '17:30' },
    ],
  });
  expect(shiftsOf(saved)).toEqual([
    ['居委社工小郑', '1', '08:30', '17:30'],
    ['居委社工小郑', '1', '17:30', '08:30'],
    ['街道管理员', '1', '08:30', '17:30'],
  ]);
});
