/** How a senior's contact status reads on the 老伙伴 pages: never a plain green 已联系 after a try that found nobody or left the partner worried. */
import { shownStatus } from '../../src/packages/partner/components/shownStatus';

const schedule = (
  status: 'contacted' | 'overdue' | 'unpaired',
  lastOutcome: 'ok' | 'worried' | 'unreachable' | 'emergency' | null,
  lastOutcomeText: string | null,
) => ({
  status,
  statusText: { contacted: '已联系', overdue: '逾期未联系', unpaired: '未结对' }[status],
  lastOutcome,
  lastOutcomeText,
});

it('reads 已联系 in green after a contact that found her well', () => {
  expect(shownStatus(schedule('contacted', 'ok', '好'))).toEqual({ look: 'contacted', text: '已联系' });
});

it('marks a contact that left the partner worried, in amber, with what they found', () => {
  expect(shownStatus(schedule('contacted', 'worried', '有点担心'))).toEqual({ look: 'worried', text: '已联系 · 有点担心' });
  expect(shownStatus(schedule('contacted', 'emergency', '紧急'))).toEqual({ look: 'worried', text: '已联系 · 紧急' });
});

it('says 联系不上 when the last try found nobody, whatever the schedule counts from', () => {
  expect(shownStatus(schedule('contacted', 'unreachable', '联系不上'))).toEqual({ look: 'unreachable', text: '联系不上' });
  expect(shownStatus(schedule('overdue', 'unreachable', '联系不上'))).toEqual({ look: 'unreachable', text: '联系不上' });
  expect(shownStatus(schedule('unpaired', 'unreachable', '联系不上'))).toEqual({ look: 'unpaired', text: '未结对' });
});
