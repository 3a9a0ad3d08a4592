/** A partner's seniors and a senior's card: schedule, recent contacts, open alerts, and opening the address or phone. */
import type { MySeniorItem, ParsedInput, PartnersResults } from '../../api';
import { compareByUrgency, weatherActive } from '../../domain/contacts';
import { ageInYear } from '../../domain/people';
import type { CareDoc, ContactDoc, PartnerAlertDoc, PartnerDoc } from '../../domain/partners';
import type { Store } from '../../store/port';
import { requireUser, viewing, type ServiceContext } from '../shared/context';
import type { UserDoc } from '../../domain/people';
import { committeeName, findEstate } from '../shared/directory';
import { alertViewOf } from '../alerts';
import { Names } from '../shared/ledger-views';
import { seniorAddress, seniorContacts, seniorPhone } from '../shared/acting';
import { auditRead } from '../shared/audit';
import { accessTo } from './access';
import { loadProgramme } from './programme';
import { contactView, scheduleView } from './views';
import { hasHealthConsent, underConsent } from '../health-consent';
import type { SeniorDoc } from '../../domain/seniors';

/** How many health notes `reveal` opens at once: the latest, enough for a visit. */
const HEALTH_NOTES_SHOWN = 20;

/** The latest health notes, newest first; none without her consent (a note left behind stays shut). */
async function healthNotes(ctx: ServiceContext, senior: SeniorDoc): Promise<NonNullable<PartnersResults['reveal']['healthNotes']>> {
  if (!hasHealthConsent(senior)) return [];
  const names = new Names(ctx.store);
  const out: NonNullable<PartnersResults['reveal']['healthNotes']> = [];
  let after: string | undefined;
  do {
    const page = await ctx.store.find<ContactDoc>('contacts', {
      where: { seniorId: senior._id },
      orderBy: { field: 'at', direction: 'desc' },
      limit: 50,
      after,
    });
    for (const c of page.items) {
      if (!underConsent(senior, c)) continue;
      out.push({ contactId: c._id, at: c.at, volunteerName: await names.userName(c.volunteerId), text: ctx.secrets.decrypt(c.healthEnc!) });
      if (out.length >= HEALTH_NOTES_SHOWN) return out;
    }
    after = page.next ?? undefined;
  } while (after);
  return out;
}

async function openAlertsOf(store: Store, seniorId: string): Promise<PartnerAlertDoc[]> {
  const page = await store.find<PartnerAlertDoc>('alerts', { where: { seniorId }, orderBy: { field: 'raisedAt', direction: 'desc' }, limit: 20 });
  return page.items.filter((a) => a.state === 'open');
}

export async function mySeniors(ctx: ServiceContext): Promise<PartnersResults['mySeniors']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const prog = await loadProgramme(ctx.store);
  const p = await ctx.store.get<PartnerDoc>('partners', me._id);
  const items: MySeniorItem[] = [];
  for (const seniorId of p?.seniorIds ?? []) {
    const [user, care] = await Promise.all([ctx.store.get<UserDoc>('users', seniorId), ctx.store.get<CareDoc>('care', seniorId)]);
    if (!user || !care || care.partnerId !== me._id) continue;
    items.push({
      seniorId,
      name: user.name,
      age: ageInYear(user.birthYear, now),
      pairedAt: care.pairedAt ?? '',
      openAlerts: (await openAlertsOf(ctx.store, seniorId)).length,
      hasPhone: !!user.phoneEnc,
      ...scheduleView(care, prog, now),
    });
  }
  items.sort(compareByUrgency);
  return { items, weather: weatherActive(prog.weather, now) };
}

export async function card(ctx: ServiceContext, input: ParsedInput<'partners', 'card'>): Promise<PartnersResults['card']> {
  const { senior, user, care, as } = await accessTo(ctx, ctx.store, input.seniorId);
  const now = ctx.now();
  const prog = await loadProgramme(ctx.store);
  const names = new Names(ctx.store);
  const recent = await ctx.store.find<ContactDoc>('contacts', { where: { seniorId: senior._id }, orderBy: { field: 'at', direction: 'desc' }, limit: 5 });
  const partnerName = care.paired && care.partnerId ? await names.userName(care.partnerId) : null;
  return {
    seniorId: senior._id,
    name: user.name,
    age: ageInYear(user.birthYear, now),
    committeeName: await committeeName(ctx.store, senior.committeeId),
    livingAlone: senior.livingAlone,
    // The estate's full name when the senior's address is on the street's list; else the short hint.
    addressHint: (senior.estateId ? (await findEstate(ctx.store, senior.estateId))?.name : null) ?? senior.addressHint,
    genderPreference: care.genderPreference,
    dialects: care.dialects,
    partner: care.paired && care.partnerId ? { userId: care.partnerId, name: partnerName!, since: care.pairedAt ?? '' } : null,
    schedule: scheduleView(care, prog, now),
    recent: await Promise.all(recent.items.map((c) => contactView(ctx, c, names, senior))),
    openAlerts: await Promise.all((await openAlertsOf(ctx.store, senior._id)).map((a) => alertViewOf(ctx.store, a, names, viewing(ctx)))),
    as,
    healthConsent: hasHealthConsent(senior),
    hasPhone: !!user.phoneEnc,
  };
}

export async function reveal(ctx: ServiceContext, input: ParsedInput<'partners', 'reveal'>): Promise<PartnersResults['reveal']> {
  const { me, senior, user, as } = await accessTo(ctx, ctx.store, input.seniorId);
  await auditRead(ctx.store, me._id, senior._id, `senior.${input.field}.open`, { as, field: input.field }, ctx.now().toISOString());
  if (input.field === 'address') return { seniorId: senior._id, field: 'address', address: seniorAddress(ctx, senior) };
  if (input.field === 'phone') return { seniorId: senior._id, field: 'phone', phone: seniorPhone(ctx, user) };
  if (input.field === 'health') return { seniorId: senior._id, field: 'health', healthNotes: await healthNotes(ctx, senior) };
  return { seniorId: senior._id, field: 'emergencyContacts', emergencyContacts: seniorContacts(ctx, senior) };
}
