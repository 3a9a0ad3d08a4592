/**
 * Gap-free number sequences (volunteer numbers, proof numbers): `sequences/<id>` holds the last
 * number given. A number is drawn inside the transaction that uses it, so a transaction that fails
 * takes none back and leaves no gap, and two processes drawing at once are serialized by the store
 * (SQLite's single writer; CloudBase's transaction on the one document).
 */
import { AppError } from '../../errors';
import { volunteerNumber, volunteerSequenceId } from '../../domain/certificates';
import type { Doc } from '../../domain/doc';
import type { UserDoc } from '../../domain/people';
import { localDate } from '../../domain/schedule';
import type { SetupMarker } from '../../domain/meta';
import type { Reader } from './acting';
import type { Tx } from '../../store/port';

export interface SequenceDoc extends Doc {
  /** The last number given; the next is one more. */
  last: number;
  updatedAt: string;
}

/** The next number of sequence `id`, taken only if `tx` commits. */
export async function nextInSequence(tx: Tx, id: string, at: string): Promise<number> {
  const doc = await tx.get<SequenceDoc>('sequences', id);
  const next = (doc?.last ?? 0) + 1;
  if (doc) await tx.update('sequences', id, { last: next, updatedAt: at });
  else await tx.create<SequenceDoc>('sequences', { _id: id, last: next, updatedAt: at });
  return next;
}

/** A store nobody set up (unit and integration tests) numbers under this street code. */
export const UNSET_STREET_CODE = '000000';

/** The street code of this installation, from the setup marker (street.json's `street.code`). */
export async function streetCode(reader: Reader): Promise<string> {
  return (await reader.get<SetupMarker>('meta', 'setup'))?.streetCode ?? UNSET_STREET_CODE;
}

/** A new volunteer number for someone registering (or registered) in `year` of `at`, in `tx`. */
export async function newVolunteerNumber(tx: Tx, registeredAt: Date, now: Date = registeredAt): Promise<string> {
  const code = await streetCode(tx);
  const year = Number(localDate(registeredAt).slice(0, 4));
  return volunteerNumber(code, year, await nextInSequence(tx, volunteerSequenceId(code, year), now.toISOString()));
}

/**
 * The person's volunteer number, given now in `tx` when they registered before numbers existed
 * ("on first use": the card, a proof). The year is their year of registration.
 */
export async function ensureVolunteerNumber(tx: Tx, userId: string, now: Date): Promise<string> {
  const user = await tx.get<UserDoc>('users', userId);
  if (!user) throw new AppError('NOT_FOUND', '找不到这位志愿者');
  if (user.volunteerNo) return user.volunteerNo;
  const volunteerNo = await newVolunteerNumber(tx, new Date(user.createdAt), now);
  await tx.update('users', userId, { volunteerNo, updatedAt: now.toISOString() });
  return volunteerNo;
}
