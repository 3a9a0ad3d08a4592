/**
 * Seniors (老人) who redeem time credits, the family proxies (子女代理) who act for them, and the
 * record of every act done for a senior. Pure rules and types; no I/O.
 *
 * A senior is a person (`users/<id>`, role `senior`) plus a profile `seniors/<same id>` that holds
 * what a social worker registers: address (encrypted), a coarse location for walking distances,
 * living alone, special difficulty, emergency contacts (encrypted), the consent recorded at the desk.
 * A senior needs no phone or WeChat of their own: a proxy or the 居委 social worker acts for them,
 * and every such act records both the senior and who really did it.
 */
import type { BindCodeState, WechatBinding } from './wechat-binding';
import type { Doc } from './doc';
import type { LatLng } from './geo';
import type { PhotoConsent } from './photos';
import { MOBILE_PHONE } from './people';

/** A senior's record is for residents of this age or older (in the year of registering). */
export const MIN_SENIOR_AGE = 50;

/** Fixed lines: an optional area code (021) and 7 or 8 digits. Seniors often have only a home phone. */
const HOME_PHONE = /^(0\d{2,3}-?)?[2-9]\d{6,7}$/;
export const isMobile = (phone: string): boolean => MOBILE_PHONE.test(phone);
export const isPhoneNumber = (phone: string): boolean => MOBILE_PHONE.test(phone) || HOME_PHONE.test(phone);

/** How a person acts for a senior. */
export type Via = 'self' | 'proxy' | 'socialWorker' | 'admin';
/** Who else appears in a senior's history. */
export type ActorKind = Via | 'volunteer' | 'partner' | 'system';

export const VIA_LABELS: Record<ActorKind, string> = {
  self: '本人',
  proxy: '家属代理',
  socialWorker: '社工代办',
  admin: '管理员代办',
  volunteer: '志愿者',
  partner: '老伙伴',
  system: '系统',
};

export interface EmergencyContact {
  name: string;
  relation: string;
  phone: string;
}

/** What the social worker recorded when the senior (or their guardian) agreed, at the desk. */
interface SeniorConsent {
  version: string;
  at: string;
  /** Who agreed: the senior, or a guardian for a senior who cannot decide alone. */
  by: 'senior' | 'guardian';
  guardianName: string | null;
  /** The staff member who explained the notice and recorded the answer. */
  recordedBy: string;
  /** Separate consent for sensitive data (address, special difficulty, emergency contacts). */
  sensitive: true;
  /** Consent to share address and phone with the volunteer who accepts a help request, and with the 居委. */
  sharing: true;
}

export interface SeniorDoc extends Doc {
  /** Same as the user id. */
  committeeId: string;
  /** Sealed with Secrets.encrypt: the full address (estate, building, room). */
  addressEnc: string;
  /** First characters of the address (the estate), for staff lists: "新圆湾花园…". */
  addressHint: string;
  /** Rounded to about 100 m (3 decimals); only distances computed from it ever leave the server. */
  location: LatLng | null;
  /** The estate of the street whose point `location` is, when staff placed the senior by estate (absent: map or none). */
  estateId?: string | null;
  livingAlone: boolean;
  specialDifficulty: boolean;
  /** Sealed JSON of EmergencyContact[]. */
  emergencyEnc: string;
  emergencyCount: number;
  consent: SeniorConsent;
  /** Confirmed proxies, kept in step with `proxies` documents, so transactions read them by id. */
  proxyIds: string[];
  /**
   * The paired 老伙伴 volunteer. The 老伙伴 feature writes it when it pairs (read by id inside
   * transactions); until then it stays null and alerts go to the 居委 social workers only.
   */
  partnerId: string | null;
  /** Consent to appear in activity photos (services/photos.ts); absent: never asked, so no. */
  photoConsent?: PhotoConsent | null;
  /**
   * Separate consent (PIPL: health data is sensitive) for the 老伙伴 to record how her health is on
   * each contact (services/health-consent.ts); recorded as the photo consent is. Absent: never asked,
   * so no. Withdrawing deletes the health notes already recorded.
   */
  healthConsent?: PhotoConsent | null;
  /** Photos showing this senior, deleted when consent is withdrawn (read by id, no query). */
  photoIds?: string[];
  /** The one-tap help alert still open, so a second tap joins it instead of raising another. */
  openAlertId: string | null;
  /** The WeChat binding code in force (domain/wechat-binding.ts); absent or null: none. */
  bindCode?: BindCodeState | null;
  /** Her own WeChat, bound through a code; a later code binds another and unbinds this one. */
  wechat?: WechatBinding | null;
  /**
   * Set while the 居委 closes the record (services/senior-close.ts): until `until`, nothing new may
   * start for her (a help request found by no query would outlive the record). A close that stops
   * half-way leaves it to lapse on its own.
   */
  closing?: { by: string; until: string } | null;
  /** When a help request was last asked for her (services/help/asking.ts writes it; see there why). */
  lastHelpAskedAt?: string;
  /** Her requests whose time has not ended, to refuse the same request asked twice (services/help/asking.ts). */
  recentAsks?: RecentAsk[];
  registeredBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A help request she already has, as her record keeps it to catch the same request asked again (domain/help.ts sameAsks). */
export interface RecentAsk {
  id: string;
  category: string;
  startAt: string;
  endAt: string;
}

/** Is the record being closed at this moment? */
export const isClosing = (senior: Pick<SeniorDoc, 'closing'>, now: Date): boolean => !!senior.closing && Date.parse(senior.closing.until) > now.getTime();

export type ProxyState = 'proposed' | 'confirmed' | 'removed';

/** A family member acting for a senior: proposed by them (or added by a social worker), confirmed by the senior or a social worker. */
export interface ProxyDoc extends Doc {
  seniorId: string;
  userId: string;
  relation: string;
  state: ProxyState;
  requestedBy: string;
  confirmedBy: string | null;
  confirmedVia: Via | null;
  confirmedAt: string | null;
  removedBy: string | null;
  removedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The family member's request by phone number (domain/invites.ts) that made it, settled on confirmation. */
  inviteId?: string;
  /** The 家属代理申请 messages asking the senior and her social workers to confirm; read once decided. */
  todoMessageIds?: string[];
}

export const proxyDocId = (seniorId: string, userId: string): string => `proxy:${seniorId}:${userId}`;

/** One line of a senior's history: what was done for them, and by whom really. */
export interface SeniorLogDoc extends Doc {
  seniorId: string;
  actorId: string;
  via: ActorKind;
  kind: string;
  /** The line as a person reads it, written when it happened. */
  text: string;
  /** The help request, alert or proxy link it is about. */
  refId: string | null;
  at: string;
}

/** About 110 m north-south: enough for a walking distance, not enough to find a door. */
export function coarseLocation(p: LatLng): LatLng {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { latitude: round(p.latitude), longitude: round(p.longitude) };
}

/** "新圆湾花园 12 号楼 301 室" → "新圆湾花…": staff recognise the estate, a list never shows the door. */
export function addressHint(address: string): string {
  const chars = [...address.replace(/\s+/g, '')];
  return chars.length <= 4 ? `${chars.slice(0, 1).join('')}…` : `${chars.slice(0, 4).join('')}…`;
}

/** Committees a person serves as a social worker. */
export function servedCommittees(grants: ReadonlyArray<{ role: string; committeeId?: string }>): string[] {
  return [...new Set(grants.filter((g) => g.role === 'socialWorker' && g.committeeId).map((g) => g.committeeId!))];
}

/** Seniors a person is a proxy for, by their grants. */
export function proxiedSeniors(grants: ReadonlyArray<{ role: string; seniorId?: string }>): string[] {
  return [...new Set(grants.filter((g) => g.role === 'proxy' && g.seniorId).map((g) => g.seniorId!))];
}

/** Phone-like runs in free text (7 or more digits, spaces and dashes ignored): notes must not carry them. */
export function containsPhoneNumber(text: string): boolean {
  return /\d{7,}/.test(text.replace(/[\s\-－—]/g, ''));
}
