/**
 * The documents of the 老伙伴 programme: a volunteer's partner profile, a pair, a senior's care
 * state, a contact, the programme settings. The rules over them live in domain/pairing.ts (pairing
 * cost), domain/contacts.ts (contact schedule and status) and domain/ladder.ts (the escalation ladder).
 */
import type { AlertDoc } from './alerts';
import type { ContactChannel, ContactNeed, ContactOutcome, WeatherAlert } from './contacts';
import type { Doc } from './doc';
import type { LatLng } from './geo';
import type { Gender } from './pairing';

/** When a volunteer can visit (the contract offers the same list, api/partners.ts). */
export const AVAILABILITY = ['weekdayMorning', 'weekdayAfternoon', 'weekdayEvening', 'weekend'] as const;
export type Availability = (typeof AVAILABILITY)[number];

export interface PartnerDoc extends Doc {
  /** The volunteer's own 居委. */
  committeeId: string;
  state: 'active' | 'left';
  capacity: number;
  estate: string;
  /** The estate of the street picked from the list (absent or null: typed by name). */
  estateId?: string | null;
  building: string;
  /** Rounded to about 100 m; only distances computed from it ever leave the server. */
  location: LatLng | null;
  /** Where `location` comes from: the estate's point or a map pick (absent on older documents: a map pick). */
  locationFrom?: 'estate' | 'map' | null;
  gender: Gender;
  dialects: string[];
  availability: Availability[];
  availabilityNote: string;
  /** Seniors of the volunteer's active pairs, kept in step with `pairs` in the same transactions. */
  seniorIds: string[];
  joinedAt: string;
  updatedAt: string;
}

export interface PairDoc extends Doc {
  seniorId: string;
  volunteerId: string;
  /** The senior's 居委. */
  committeeId: string;
  state: 'active' | 'ended';
  source: 'suggestion' | 'manual';
  cost: number | null;
  reasons: string[];
  createdAt: string;
  createdBy: string;
  endedAt: string | null;
  endedBy: string | null;
  endReason: string | null;
}

export interface CareDoc extends Doc {
  committeeId: string;
  paired: boolean;
  partnerId: string | null;
  pairId: string | null;
  pairedAt: string | null;
  lastContactAt: string | null;
  lastContactId: string | null;
  /** The latest try by its time, whatever its outcome; lastOutcome is that try's (absent on records from before 2026-12-06). */
  lastTriedAt?: string | null;
  lastOutcome: ContactOutcome | null;
  /** The current schedule period (see domain/contacts.ts anchorOf); null when unpaired. Indexed for the scheduler. */
  anchorAt: string | null;
  /** Ladder step ids already taken in the current period. */
  ladder: string[];
  overdueAlertId: string | null;
  /** Unreachable and emergency alerts raised from contacts (closed ones are dropped when seen). */
  openAlertIds: string[];
  genderPreference: Gender | null;
  dialects: string[];
  /**
   * Volunteers kept out of this senior's suggestions and candidates: a suggestion not taken
   * (`reject`) or a pair ended with 不再推荐 (`end`). What pairing reads (as `forbidden`).
   */
  rejected: string[];
  /** Why each of `rejected` is there, so staff can read and undo it (absent on older documents). */
  exclusions?: ExclusionNote[];
  updatedAt: string;
}

/** Why a volunteer is kept out of a senior's suggestions; one per volunteer (the latest decision). */
export interface ExclusionNote {
  volunteerId: string;
  from: 'end' | 'reject';
  reason: string | null;
  pairId: string | null;
  by: string;
  at: string;
}

export interface ContactDoc extends Doc {
  seniorId: string;
  volunteerId: string;
  committeeId: string;
  at: string;
  channel: ContactChannel;
  outcome: ContactOutcome;
  needs: ContactNeed[];
  /** Sealed: follow-up and note (the page asks for no health details in them). */
  followUpEnc: string;
  noteEnc: string;
  /**
   * Sealed: how her health is, only with her health consent (SeniorDoc.healthConsent), read only
   * through partners.reveal (audited); emptied when the consent is withdrawn. Absent on older contacts.
   */
  healthEnc?: string;
  minutes: number | null;
  recordId: string | null;
  recordState: 'pending' | 'approved' | 'rejected' | 'none';
  alertId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An alert of the programme: the one alert document (domain/alerts.ts, written by services/alerts.ts). */
export type PartnerAlertDoc = AlertDoc;

export interface ProgrammeDoc extends Doc {
  teamId: string | null;
  perWeek: number;
  weather: WeatherAlert | null;
  updatedAt: string;
  updatedBy: string;
}
