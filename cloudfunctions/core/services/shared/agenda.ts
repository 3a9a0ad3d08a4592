/**
 * A volunteer's agenda (`agendas/<userId>`): the activities they signed up to and the help requests
 * they accepted, read by id inside a sign-up's or an accept's transaction so that neither books the
 * volunteer twice for the same hours (domain/activities.ts, checkConflicts), with no query.
 */
import { isActive, signupId, type AgendaDoc, type Commitment, type SignupDoc, type StoredActivityDoc } from '../../domain/activities';
import { hasEnded, type HelpRequestDoc } from '../../domain/help';
import type { Tx } from '../../store/port';
import { AppError } from '../../errors';

export interface LiveAgenda {
  activityIds: string[];
  helpRequestIds: string[];
  commitments: Commitment[];
}

/**
 * The volunteer's live commitments, re-read by id, leaving out `except`: ended, cancelled or dropped
 * sign-ups and requests handed back, finished or taken over fall out.
 */
export async function liveAgenda(
  tx: Pick<Tx, 'get'>,
  userId: string,
  now: Date,
  except: { activityId?: string; helpRequestId?: string } = {},
): Promise<LiveAgenda> {
  const agenda = await tx.get<AgendaDoc>('agendas', userId);
  // The caller was found before this transaction; the account may have closed since.
  if (agenda?.closedAt) throw new AppError('NOT_REGISTERED', '这个账号已经注销');
  const live: LiveAgenda = { activityIds: [], helpRequestIds: [], commitments: [] };
  for (const id of agenda?.activityIds ?? []) {
    if (id === except.activityId) continue;
    // Title, status and times only: the activity without its queue.
    const other = await tx.get<StoredActivityDoc>('activities', id);
    const s = other ? await tx.get<SignupDoc>('signups', signupId(id, userId)) : null;
    if (!other || other.status !== 'scheduled' || Date.parse(other.endAt) <= now.getTime() || !isActive(s)) continue;
    live.activityIds.push(id);
    live.commitments.push({
      activityId: id,
      title: other.title,
      startAt: other.startAt,
      endAt: other.endAt,
      ...(s?.state === 'waitlisted' ? { waitlisted: true } : {}),
    });
  }
  for (const id of agenda?.helpRequestIds ?? []) {
    if (id === except.helpRequestId) continue;
    const r = await tx.get<HelpRequestDoc>('helpRequests', id);
    if (!r || r.volunteerId !== userId || r.state !== 'assigned' || hasEnded(r, now)) continue;
    live.helpRequestIds.push(id);
    live.commitments.push({ helpRequestId: id, title: r.categoryName, startAt: r.startAt, endAt: r.endAt });
  }
  return live;
}

/** The agenda of a closed account: nothing booked, and no booking taken any more (see AgendaDoc.closedAt). */
export async function closeAgenda(tx: Pick<Tx, 'set'>, userId: string, at: string): Promise<void> {
  await tx.set<AgendaDoc>('agendas', { _id: userId, activityIds: [], helpRequestIds: [], closedAt: at, updatedAt: at });
}

/** Writes the agenda: what is still live, plus what this call added. */
export async function saveAgenda(tx: Pick<Tx, 'set'>, userId: string, live: Pick<LiveAgenda, 'activityIds' | 'helpRequestIds'>, at: string): Promise<void> {
  await tx.set<AgendaDoc>('agendas', { _id: userId, activityIds: live.activityIds, helpRequestIds: live.helpRequestIds, updatedAt: at });
}
