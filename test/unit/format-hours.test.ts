/** The app's hours text matches the server's formatHours minute for minute ("1小时54分", not "1.9 小时"). */
import { formatHours } from '../../cloudfunctions/core/domain/ledger';
import { hours } from '../../src/services/format';

it.each([
  [114, '1小时54分'],
  [120, '2小时'],
  [30, '30分'],
  [0, '0小时'],
  [-90, '-1小时30分'],
])('%i minutes read %s', (minutes, text) => {
  expect(hours(minutes)).toBe(text);
});

it('reads every amount up to two days exactly as the server does', () => {
  for (let m = -2880; m <= 2880; m += 1) expect(hours(m)).toBe(formatHours(m));
});
