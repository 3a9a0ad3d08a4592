/** The call buttons of the senior pages, in the order a person in trouble wants them. */
import type { CallEntry } from '@core/api';
import type { CallTarget } from '@/components/CallButtons';

/** The senior herself (to someone acting for her), family, then 120, 110, the social worker, the partner, the duty officer. */
function rank(c: CallEntry): number {
  if (c.kind === 'senior') return -1;
  if (c.kind === 'family') return 0;
  if (c.kind === 'emergencyService') return c.phone === '120' ? 1 : 2;
  if (c.kind === 'socialWorker') return 3;
  if (c.kind === 'partner') return 4;
  return 5;
}

export function targetsOf(contacts: CallEntry[]): CallTarget[] {
  return contacts
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c, i }) => ({
      key: `${c.kind}-${i}`,
      who: c.kind === 'emergencyService' ? c.label : `${c.label} ${c.name}`,
      phone: c.phone,
      urgent: c.kind === 'emergencyService',
    }));
}
