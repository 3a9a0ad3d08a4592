/**
 * A senior's access log (谁看过我的信息): the `audit` entries written when someone opened her sealed
 * fields, read back as lines that say who, in which capacity, what and why. No I/O.
 *
 * Only reads of sealed fields are lines here (address, phone, emergency contacts, health notes); what
 * was done for her is her history (`seniorLog`). The capacity is the one recorded with the entry
 * where the entry records it; older entries (and those whose writer records none) fall back on the
 * reader's roles now, which is how their writers decided access.
 */
import type { Doc } from './doc';
import type { Role } from './roles';

/**
 * One entry of the `audit` collection, as services/shared/acting.ts `audit` writes it: who (`actorId`)
 * did or read what (`kind`, with its `detail`) about whom (`subjectId`), when. Access logs are the
 * entries whose kinds are openings of sealed fields (ACCESS_KINDS, PERSON_ACCESS_KINDS).
 */
export interface AuditDoc extends Doc {
  at: string;
  actorId: string;
  subjectId: string;
  kind: string;
  detail: unknown;
}

/** The sealed fields of a senior a line can name. */
export const SEALED_FIELDS = ['address', 'phone', 'emergencyContacts', 'health'] as const;
export type SealedField = (typeof SEALED_FIELDS)[number];

/** In which capacity the reader opened them. */
export type AccessAs = 'proxy' | 'socialWorker' | 'admin' | 'duty' | 'partner' | 'helper' | 'alertRecipient';

/** Where the opening happened: her record, an alert about her, her call list, her 老伙伴 card, a help request. */
export type AccessReason = 'record' | 'alert' | 'callList' | 'card' | 'help';

/** The audit kinds that are openings of a senior's sealed fields (subjectId is the senior). */
export const ACCESS_KINDS = ['senior.open', 'senior.contacts.open', 'senior.contact.open', ...SEALED_FIELDS.map((f) => `senior.${f}.open` as const)] as const;

/** What of an audit entry its reading needs. */
export type AccessEntry = Pick<AuditDoc, 'kind' | 'detail'>;

export interface AccessReading {
  as: AccessAs;
  fields: SealedField[];
  reason: AccessReason;
  /** The alert or help request it was opened for, when there was one. */
  refId: string | null;
}

const isField = (x: unknown): x is SealedField => typeof x === 'string' && (SEALED_FIELDS as readonly string[]).includes(x);

/** Staff capacity from the reader's roles now (entries that recorded none). */
function staffAs(roles: readonly Role[] | readonly string[]): AccessAs {
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('socialWorker')) return 'socialWorker';
  if (roles.includes('duty')) return 'duty';
  return 'alertRecipient';
}

/** One audit entry as a line of her access log; null for entries that are not openings of her fields. */
export function readAccess(entry: AccessEntry, readerRoles: readonly string[]): AccessReading | null {
  const detail = (entry.detail && typeof entry.detail === 'object' ? entry.detail : {}) as Record<string, unknown>;
  const listed = Array.isArray(detail.fields) ? detail.fields.filter(isField) : [];
  const str = (k: string): string | null => (typeof detail[k] === 'string' ? (detail[k] as string) : null);
  const recordedAs = str('as');

  if (entry.kind === 'senior.contact.open') {
    return { as: 'helper', fields: listed.length ? listed : ['address', 'phone'], reason: 'help', refId: str('helpRequestId') };
  }
  if (entry.kind === 'senior.contacts.open') {
    const via = str('via');
    const as: AccessAs = via === 'proxy' ? 'proxy' : via === 'admin' ? 'admin' : via === 'socialWorker' ? 'socialWorker' : staffAs(readerRoles);
    return { as, fields: listed.length ? listed : ['emergencyContacts'], reason: 'callList', refId: null };
  }
  if (entry.kind === 'senior.open') {
    const alertId = str('alertId');
    const fields: SealedField[] = listed.length ? listed : ['address', 'phone', 'emergencyContacts'];
    if (alertId) {
      const as: AccessAs = recordedAs === 'partner' ? 'partner' : recordedAs === 'recipient' ? 'alertRecipient' : staffAs(readerRoles);
      return { as, fields, reason: 'alert', refId: alertId };
    }
    // seniors.detail: her 居委's social workers and admins only.
    return { as: readerRoles.includes('admin') ? 'admin' : 'socialWorker', fields, reason: 'record', refId: null };
  }
  const field = /^senior\.(\w+)\.open$/.exec(entry.kind)?.[1];
  if (isField(field)) {
    // partners.reveal: her partner, or staff of her 居委 (an admin counts as staff there).
    const as: AccessAs = recordedAs === 'partner' ? 'partner' : readerRoles.includes('admin') ? 'admin' : 'socialWorker';
    return { as, fields: [field], reason: 'card', refId: null };
  }
  return null;
}

// ---------------------------------------------------------------- anyone's own: phone and identity number

/**
 * The openings of a registered person's own sealed fields that others make: a leader fetching her
 * full phone number to call her (teams.memberPhone, `phone.view`), staff reading the identity
 * number on her service certificate (`certificate.identity.read`).
 */
export const PERSON_ACCESS_KINDS = ['phone.view', 'certificate.identity.read'] as const;

export interface PersonAccessReading {
  what: 'phone' | 'identity';
  /** The team whose leader called (phone), or null. */
  teamId: string | null;
  /** The certificate whose identity number was read, or null. */
  certificateId: string | null;
}

export function readPersonAccess(entry: AccessEntry): PersonAccessReading | null {
  const detail = (entry.detail && typeof entry.detail === 'object' ? entry.detail : {}) as Record<string, unknown>;
  const str = (k: string): string | null => (typeof detail[k] === 'string' ? (detail[k] as string) : null);
  if (entry.kind === 'phone.view') return { what: 'phone', teamId: str('teamId'), certificateId: null };
  if (entry.kind === 'certificate.identity.read') return { what: 'identity', teamId: null, certificateId: str('certificateId') };
  return null;
}
