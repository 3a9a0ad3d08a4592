/** The programme's views: a senior's contact schedule, a partner's profile, a pair, a contact. */
import type { PairView, PartnerContactView, PartnerProfileView, ScheduleView } from '../../api';
import { AVAILABILITY_LABELS } from '../../api/partners';
import { CHANNEL_LABELS, DUE_LABELS, NEED_LABELS, OUTCOME_LABELS, dueAt, dueStatus, weatherActive } from '../../domain/contacts';
import type { CareDoc, ContactDoc, PairDoc, PartnerDoc } from '../../domain/partners';
import type { Gender } from '../../domain/pair-costs';
import type { ServiceContext } from '../shared/context';
import { committeeName } from '../shared/directory';
import { type Names, minutesView } from '../shared/ledger-views';
import type { Reader } from '../shared/acting';
import type { Programme } from './programme';
import type { SeniorDoc } from '../../domain/seniors';
import { underConsent } from '../health-consent';

export function scheduleView(care: CareDoc | null, programme: Programme, now: Date): ScheduleView {
  const weather = weatherActive(programme.weather, now);
  const due = care && care.paired ? dueAt(care, programme.schedule, programme.weather, now) : null;
  const status = due ? dueStatus(due, now, care?.lastOutcome ?? null, !!care?.lastContactAt) : 'unpaired';
  return {
    status,
    statusText: DUE_LABELS[status],
    dueAt: due ? due.toISOString() : null,
    lastContactAt: care?.lastContactAt ?? null,
    lastTriedAt: care?.lastTriedAt ?? null,
    lastOutcome: care?.lastOutcome ?? null,
    lastOutcomeText: care?.lastOutcome ? OUTCOME_LABELS[care.lastOutcome] : null,
    weather,
  };
}

export function profileView(p: PartnerDoc, name: string, own: boolean): PartnerProfileView {
  return {
    userId: p._id,
    name,
    capacity: p.capacity,
    load: p.seniorIds.length,
    estate: p.estate,
    estateId: p.estateId ?? null,
    building: p.building,
    hasLocation: own && !!p.location,
    locationFrom: own && p.location ? (p.locationFrom ?? 'map') : null,
    gender: p.gender,
    dialects: p.dialects,
    availability: p.availability,
    availabilityText: p.availability.map((a) => AVAILABILITY_LABELS[a]).join('、'),
    availabilityNote: p.availabilityNote,
    state: p.state,
    joinedAt: p.joinedAt,
  };
}

/** Reads each senior's care document once, to say whether a pair's volunteer is now kept out (staff views). */
export class Exclusions {
  private readonly cares = new Map<string, Promise<CareDoc | null>>();
  constructor(private readonly store: Reader) {}

  async has(seniorId: string, volunteerId: string): Promise<boolean> {
    let care = this.cares.get(seniorId);
    if (!care) {
      care = this.store.get<CareDoc>('care', seniorId);
      this.cares.set(seniorId, care);
    }
    return (await care)?.rejected.includes(volunteerId) ?? false;
  }
}

/**
 * `exclusions`: whether the volunteer is now kept out of the senior's suggestions, looked up or known;
 * null when the viewer is not staff (a volunteer's own pairs), who is not told.
 */
export async function pairView(reader: Reader, p: PairDoc, names: Names, exclusions: Exclusions | boolean | null): Promise<PairView> {
  return {
    id: p._id,
    seniorId: p.seniorId,
    seniorName: await names.userName(p.seniorId),
    volunteerId: p.volunteerId,
    volunteerName: await names.userName(p.volunteerId),
    committeeName: await committeeName(reader, p.committeeId),
    state: p.state,
    source: p.source,
    reasons: p.reasons,
    createdAt: p.createdAt,
    createdByName: await names.userName(p.createdBy),
    endedAt: p.endedAt,
    endedByName: p.endedBy ? await names.userName(p.endedBy) : null,
    endReason: p.endReason,
    excluded: exclusions === null || typeof exclusions === 'boolean' ? exclusions : await exclusions.has(p.seniorId, p.volunteerId),
    unmet: exclusions === null ? null : p.state === 'active' ? await unmetWishes(reader, p) : [],
  };
}

const GENDER_WORDS: Record<Gender, string> = { female: '女性', male: '男性' };

/** The senior's recorded wishes (care: gender, dialects) that the pair's volunteer (partners) does not meet. */
async function unmetWishes(reader: Reader, p: PairDoc): Promise<string[]> {
  const [care, partner] = await Promise.all([reader.get<CareDoc>('care', p.seniorId), reader.get<PartnerDoc>('partners', p.volunteerId)]);
  if (!care || !partner) return [];
  const unmet: string[] = [];
  if (care.genderPreference && care.genderPreference !== partner.gender) unmet.push(`老人希望${GENDER_WORDS[care.genderPreference]}老伙伴`);
  if (care.dialects.length && !care.dialects.some((d) => partner.dialects.includes(d))) unmet.push(`老人希望会说${care.dialects.join('或')}`);
  return unmet;
}

export function contactViewOf(ctx: ServiceContext, c: ContactDoc, seniorName: string, volunteerName: string): PartnerContactView {
  const open = (sealed: string) => (sealed ? ctx.secrets.decrypt(sealed) : '');
  return {
    id: c._id,
    seniorId: c.seniorId,
    seniorName,
    volunteerId: c.volunteerId,
    volunteerName,
    at: c.at,
    channel: c.channel,
    channelText: CHANNEL_LABELS[c.channel],
    outcome: c.outcome,
    outcomeText: OUTCOME_LABELS[c.outcome],
    needs: c.needs,
    needsText: c.needs.map((n) => NEED_LABELS[n]),
    followUp: open(c.followUpEnc),
    note: open(c.noteEnc),
    minutes: c.minutes === null ? null : minutesView(c.minutes),
    recordId: c.recordId,
    recordState: c.recordState,
    alertId: c.alertId,
    hasHealth: !!c.healthEnc,
  };
}

/** A stored contact as a list shows it: marked as holding a health note only if written under the senior's consent in force. */
export async function contactView(
  ctx: ServiceContext,
  c: ContactDoc,
  names: Names,
  senior: Pick<SeniorDoc, 'healthConsent'> | null,
): Promise<PartnerContactView> {
  const view = contactViewOf(ctx, c, await names.userName(c.seniorId), await names.userName(c.volunteerId));
  return { ...view, hasHealth: !!senior && underConsent(senior, c) };
}
