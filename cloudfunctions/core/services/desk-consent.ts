/**
 * The consent a senior gave at the 居委 desk, as she (account.me) and those who may act for her
 * (seniors.home: a confirmed proxy, her 居委, an admin) read it again. Who may read is decided by the
 * caller of this view; it reads her record by id and names only the 居委 and the staff member who
 * recorded the answer.
 */
import type { DeskConsentView, RecordedConsentView } from '../api';
import type { SeniorDoc } from '../domain/seniors';
import type { PhotoConsent } from '../domain/photos';
import type { Store } from '../store/port';
import { committeeName } from './shared/directory';
import { Names } from './shared/ledger-views';

/** A consent she gave or withdrew (photos, health notes) and who recorded her answer, as views carry it. */
export const recordedConsentView = (c: PhotoConsent | null | undefined): RecordedConsentView | null =>
  c ? { granted: c.granted, via: c.via, at: c.at } : null;

export async function deskConsentView(store: Pick<Store, 'get'>, senior: SeniorDoc, names: Names = new Names(store)): Promise<DeskConsentView> {
  const c = senior.consent;
  return {
    seniorId: senior._id,
    by: c.by,
    guardianName: c.by === 'guardian' ? c.guardianName : null,
    at: c.at,
    version: c.version,
    committeeName: await committeeName(store, senior.committeeId),
    recordedByName: await names.userName(c.recordedBy),
    health: recordedConsentView(senior.healthConsent),
    photos: recordedConsentView(senior.photoConsent),
  };
}

/** The signed-in person's own desk consent: null unless she is a senior with a record. */
export async function ownDeskConsent(store: Pick<Store, 'get'>, user: { _id: string; roles: readonly string[] }): Promise<DeskConsentView | null> {
  if (!user.roles.includes('senior')) return null;
  const senior = await store.get<SeniorDoc>('seniors', user._id);
  return senior ? deskConsentView(store, senior) : null;
}
