/** Whom the senior home's 打电话给家人/社工 offers to call. */
import type { CallEntry } from '@core/api';

/** The signed-in person as `account.me` gives them: enough to know them in a contact list. */
export interface Viewer {
  name: string;
  phoneMasked: string;
}

/** 13800000300 → 138****0300, as the server masks phones (cloudfunctions/core/domain/people.ts). */
const masked = (phone: string): string => (phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}****${phone.slice(-4)}`);

/** The contact is the viewer: the same name with the same (masked) number; a namesake stays. */
const isViewer = (c: CallEntry, viewer: Viewer | null): boolean => !!viewer && c.name === viewer.name && masked(c.phone) === viewer.phoneMasked;

/**
 * The senior herself (offered only to someone acting for her), the family and the 居委 social worker
 * (110/120 and the 老伙伴 are on the alert page), leaving out whoever is looking: a daughter acting
 * for her mother is one of her mother's emergency contacts, and a social worker at the desk one of
 * her social workers; nobody calls themselves (the server leaves them out too).
 */
export function peopleToCall(contacts: CallEntry[], viewer: Viewer | null): CallEntry[] {
  return contacts.filter((c) => (c.kind === 'senior' || c.kind === 'family' || c.kind === 'socialWorker') && !isViewer(c, viewer));
}
