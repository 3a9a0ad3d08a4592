/** 老伙伴 deadlines read as a person says them, and a passed one says it has passed ("请在昨天晚上前联系" was wrong). */
import { dueText } from '../../src/packages/partner/components/dueText';

const now = new Date('2026-12-04T06:00:00.000Z'); // Friday 14:00 in Shanghai

it.each([
  ['2026-12-04T10:00:00.000Z', '请在今天晚上前联系', false],
  ['2026-12-05T01:30:00.000Z', '请在明天上午前联系', false],
  ['2026-12-07T04:00:00.000Z', '请在12月7日中午前联系', false],
  ['2026-12-04T05:00:00.000Z', '已过联系期限（今天下午），请尽快联系', true],
  ['2026-12-03T12:00:00.000Z', '已过联系期限（昨天晚上），请尽快联系', true],
])('due %s reads %s', (dueAt, text, overdue) => {
  expect(dueText(dueAt, now)).toEqual({ text, overdue });
});
