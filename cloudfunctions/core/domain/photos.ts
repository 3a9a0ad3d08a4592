/**
 * Photos of activities and teams (docs/photos.md): a poster and photos on an activity, a logo on a
 * team, a volunteer's optional evidence photo at check-out. Who may see one follows who is in it:
 * a photo showing a senior needs that senior's recorded consent and is seen by staff only; one
 * showing a minor is not shown publicly either. Pure rules; no I/O.
 */
import type { Doc } from './doc';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const PHOTO_ROLES = ['poster', 'photo', 'logo', 'evidence'] as const;
export type PhotoRole = (typeof PHOTO_ROLES)[number];
export type PhotoTarget = 'activity' | 'team';
/** Everyone who can open the activity or team, or the street's staff and the target's leaders only. */
export type PhotoAudience = 'public' | 'staff';

/** Photos an activity or team may hold of each role (a poster and a logo are one each: a new one replaces the old). */
export const PHOTO_LIMITS: Record<PhotoRole, number> = { poster: 1, logo: 1, photo: 30, evidence: 60 };

/**
 * How long a photo is kept, in days, counted from the activity's end (from the upload for team
 * logos, which stay while current): evidence backs a service record for its dispute window and a
 * year after; activity photos are the street's record of the year and the next.
 */
export const PHOTO_RETENTION_DAYS: Record<PhotoRole, number | null> = { poster: 730, photo: 730, evidence: 365, logo: null };

export interface PhotoDoc extends Doc {
  target: PhotoTarget;
  targetId: string;
  /** The team the target belongs to (its leaders manage the photo). */
  teamId: string;
  role: PhotoRole;
  fileId: string;
  thumbFileId: string;
  width: number;
  height: number;
  bytes: number;
  /** Seniors shown in the photo; each had photo consent recorded when it was added. */
  seniorIds: string[];
  minors: boolean;
  audience: PhotoAudience;
  uploadedBy: string;
  createdAt: string;
  /** When the retention rule deletes it (null: while current). */
  keepUntil: string | null;
}

/** Recorded on the senior's document: consent to appear in activity photos, and its withdrawal. */
export interface PhotoConsent {
  granted: boolean;
  /** Who answered: the senior, or the proxy/social worker recording the senior's answer. */
  by: string;
  via: 'senior' | 'proxy' | 'socialWorker';
  at: string;
}

export const audienceOf = (p: { seniorIds: readonly string[]; minors: boolean; role: PhotoRole }): PhotoAudience =>
  p.seniorIds.length > 0 || p.minors || p.role === 'evidence' ? 'staff' : 'public';

export function keepUntil(role: PhotoRole, from: Date): string | null {
  const days = PHOTO_RETENTION_DAYS[role];
  return days === null ? null : new Date(from.getTime() + days * 86_400_000).toISOString();
}
