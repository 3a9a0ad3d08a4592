/** Coverage: every senior of the staff's 居委 by contact status, most urgent first. */
import type { CoverageItem, ParsedInput, PartnersResults } from '../../api';
import { compareByUrgency, weatherActive } from '../../domain/contacts';
import { ageInYear } from '../../domain/people';
import type { SeniorDoc } from '../../domain/seniors';
import type { CareDoc, PartnerAlertDoc } from '../../domain/partners';
import type { FieldFilter } from '../../store/port';
import { scanAll } from '../../store/scan';
import { requireUser, type ServiceContext } from '../shared/context';
import { Names } from '../shared/ledger-views';
import { committeeWhere, staffCommittees } from './access';
import { loadProgramme } from './programme';
import { scheduleView } from './views';

export async function coverage(ctx: ServiceContext, input: ParsedInput<'partners', 'coverage'>): Promise<PartnersResults['coverage']> {
  const me = requireUser(ctx);
  const committees = staffCommittees(me, input.committeeId);
  const now = ctx.now();
  const prog = await loadProgramme(ctx.store);
  const counts = { unreachable: 0, contacted: 0, waiting: 0, due: 0, overdue: 0, unpaired: 0 };
  if (committees && committees.length === 0) return { counts, items: [], weather: weatherActive(prog.weather, now) };
  const where: Record<string, FieldFilter> = committees ? { committeeId: committeeWhere(committees) } : {};
  const seniors = await scanAll<SeniorDoc>(ctx.store, 'seniors', where, 'createdAt');
  const careOf = new Map((await scanAll<CareDoc>(ctx.store, 'care', where, 'updatedAt')).map((c) => [c._id, c]));
  const open = await scanAll<PartnerAlertDoc>(ctx.store, 'alerts', { ...where, state: 'open' }, 'raisedAt', 1000);
  const openBy = new Map<string, number>();
  for (const a of open) openBy.set(a.seniorId, (openBy.get(a.seniorId) ?? 0) + 1);
  const names = new Names(ctx.store);
  const items: CoverageItem[] = [];
  for (const s of seniors) {
    const care = careOf.get(s._id) ?? null;
    // The programme is for seniors living alone; one who no longer does stays on the board while paired.
    if (!s.livingAlone && !care?.paired) continue;
    const view = scheduleView(care, prog, now);
    counts[view.status] += 1;
    if (input.status && view.status !== input.status) continue;
    const user = await names.user(s._id);
    items.push({
      seniorId: s._id,
      name: user?.name ?? '已注销用户',
      age: user ? ageInYear(user.birthYear, now) : 0,
      livingAlone: s.livingAlone,
      partnerName: care?.paired && care.partnerId ? await names.userName(care.partnerId) : null,
      openAlerts: openBy.get(s._id) ?? 0,
      hasPhone: !!user?.phoneEnc,
      ...view,
    });
  }
  items.sort(compareByUrgency);
  return { counts, items, weather: weatherActive(prog.weather, now) };
}
