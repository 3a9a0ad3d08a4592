/** The 登记老人 form: its values, its first state, its checks and the input it sends. */
import type { Input } from '@core/api';
import { REAL_NAME, isPhoneNumber } from '@/services/rules';
import { estateOfChoice, type MapPick, type PointChoice } from '../components/HomePoint';
import { MIN_SENIOR_AGE } from '@core/domain/seniors';
import { messages as m } from './messages';

export interface Contact {
  name: string;
  relation: string;
  phone: string;
}

export interface Form {
  committeeId: string | null;
  name: string;
  birthYear: string;
  phone: string;
  address: string;
  /** An estate, 'map' or 'none'; null until chosen (pairing needs it, so it is asked, not assumed). */
  point: PointChoice | null;
  picked: MapPick | null;
  livingAlone: string | null;
  difficulty: string | null;
  contacts: Contact[];
  by: string | null;
  guardianName: string;
  informed: boolean;
  sensitive: boolean;
  sharing: boolean;
  /** Separate and optional: the 老伙伴 may record how she is at each contact. Never preselected. */
  health: boolean;
}

export type Errors = Record<string, string>;

export const MAX_CONTACTS = 5;
export const EMPTY_CONTACT: Contact = { name: '', relation: '', phone: '' };

export const EMPTY = (): Form => ({
  committeeId: null,
  name: '',
  birthYear: '',
  phone: '',
  address: '',
  point: null,
  picked: null,
  livingAlone: null,
  difficulty: null,
  contacts: [{ ...EMPTY_CONTACT }],
  by: 'senior',
  guardianName: '',
  informed: false,
  sensitive: false,
  sharing: false,
  health: false,
});

export function validate(f: Form): Errors {
  const e: Errors = {};
  const year = new Date().getFullYear();
  if (!f.committeeId) e.committeeId = m.committee.invalid;
  if (!REAL_NAME.test(f.name.trim())) e.name = m.name.invalid;
  if (!/^\d{4}$/.test(f.birthYear.trim()) || Number(f.birthYear) < 1900 || Number(f.birthYear) > year) e.birthYear = m.birthYear.invalid;
  // The server's rule, said at the field rather than after the last tap.
  else if (year - Number(f.birthYear) < MIN_SENIOR_AGE) e.birthYear = m.birthYear.tooYoung(MIN_SENIOR_AGE);
  if (f.phone.trim() && !isPhoneNumber(f.phone.trim())) e.phone = m.phone.invalid;
  if (f.address.trim().length < 5) e.address = m.address.invalid;
  if (!f.point || (f.point === 'map' && !f.picked)) e.location = m.location.invalid;
  if (!f.livingAlone) e.livingAlone = m.livingAlone.invalid;
  if (!f.difficulty) e.specialDifficulty = m.difficulty.invalid;
  f.contacts.forEach((c, i) => {
    if (!REAL_NAME.test(c.name.trim())) e[`emergencyContacts.${i}.name`] = m.contacts.nameInvalid;
    if (!c.relation.trim()) e[`emergencyContacts.${i}.relation`] = m.contacts.relationInvalid;
    if (!isPhoneNumber(c.phone.trim())) e[`emergencyContacts.${i}.phone`] = m.phone.invalid;
  });
  if (!f.by) e['consent.by'] = m.consent.by.invalid;
  if (f.by === 'guardian' && !REAL_NAME.test(f.guardianName.trim())) e['consent.guardianName'] = m.consent.guardianName.invalid;
  if (!f.informed || !f.sensitive || !f.sharing) e.consent = m.consent.invalid;
  return e;
}

/** What `seniors.register` receives for a checked form. */
export function toRegisterInput(f: Form): Input<'seniors', 'register'> {
  const estateId = estateOfChoice(f.point);
  return {
    name: f.name.trim(),
    birthYear: Number(f.birthYear),
    committeeId: f.committeeId ?? '',
    ...(f.phone.trim() ? { phone: f.phone.trim() } : {}),
    address: f.address.trim(),
    // 'none' sends nothing: a new record simply has no point.
    ...(estateId ? { estateId } : f.point === 'map' && f.picked ? { location: { latitude: f.picked.latitude, longitude: f.picked.longitude } } : {}),
    livingAlone: f.livingAlone === 'yes',
    specialDifficulty: f.difficulty === 'yes',
    emergencyContacts: f.contacts.map((c) => ({ name: c.name.trim(), relation: c.relation.trim(), phone: c.phone.trim() })),
    consent: {
      by: f.by === 'guardian' ? 'guardian' : 'senior',
      ...(f.by === 'guardian' ? { guardianName: f.guardianName.trim() } : {}),
      informed: true,
      sensitive: true,
      sharing: true,
      health: f.health,
    },
  };
}
