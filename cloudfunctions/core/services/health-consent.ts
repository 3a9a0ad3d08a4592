/**
 * The senior's separate consent (PIPL: health data is sensitive personal information) for the 老伙伴
 * to record how her health is on each contact. Recorded as the photo consent is: the senior answers,
 * or a confirmed proxy or her 居委's social worker records her answer. Without it a contact carries no
 * health note (partners.logContact refuses one); withdrawing it deletes the notes already recorded.
 *
 * A withdrawal writes her care document, which every contact writes too, so a contact logged at the
 * same moment either lands before (and its note is deleted with the rest) or finds the consent gone.
 * Notes the call's time did not reach are left to a job (`jobs/health_<seniorId>`) the scheduler
 * finishes (resumeHealthDeletions); only notes written before the withdrawal go, so a consent given
 * again meanwhile keeps its new notes, and a reveal never shows a note older than the consent in force.
 */
import type { ParsedInput, SeniorsResults } from '../api';
import { AppError } from '../errors';
import type { ContactDoc } from '../domain/partners';
import type { PhotoConsent } from '../domain/photos';
import { isProxyFor, isStaffFor } from '../domain/scope';
import type { SeniorDoc } from '../domain/seniors';
import type { Doc } from '../domain/doc';
import type { Store } from '../store/port';
import { scanAll } from '../store/scan';
import { timeBudget, type Budget } from './budget';
import { logAct } from './shared/acting';
import { audit } from './shared/audit';
import { requireUser, type ServiceContext } from './shared/context';

/** How long a withdrawal spends deleting notes inside the function's 5 s; the scheduler finishes the rest. */
const DELETE_IN_CALL_MS = 2_500;
/** Contacts per deleting transaction. */
const DELETE_PAGE = 50;

/** Owner of the jobs that finish a withdrawal's deletions (the jobs collection's (ownerId, createdAt) index). */
const HEALTH_JOB_OWNER = 'healthNotes';

/** Health notes of a withdrawal still to delete: those written up to `before`. */
export interface HealthDeletionJobDoc extends Doc {
  kind: 'healthNotes';
  ownerId: typeof HEALTH_JOB_OWNER;
  seniorId: string;
  before: string;
  createdAt: string;
}

export const healthJobId = (seniorId: string) => `health_${seniorId}`;

export const hasHealthConsent = (senior: Pick<SeniorDoc, 'healthConsent'> | null | undefined): boolean => !!senior?.healthConsent?.granted;

/** A note she can be said to have agreed to: written while the consent in force was (since it was given). */
export const underConsent = (senior: Pick<SeniorDoc, 'healthConsent'>, contact: Pick<ContactDoc, 'healthEnc' | 'createdAt'>): boolean =>
  !!contact.healthEnc && hasHealthConsent(senior) && contact.createdAt >= senior.healthConsent!.at;

/** `seniors.setHealthConsent`. */
export async function setHealthConsent(ctx: ServiceContext, input: ParsedInput<'seniors', 'setHealthConsent'>): Promise<SeniorsResults['setHealthConsent']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate<SeniorsResults['setHealthConsent']>(
    async (tx) => {
      const senior = await tx.get<SeniorDoc>('seniors', input.seniorId);
      if (!senior) throw new AppError('NOT_FOUND', '找不到这位老人');
      const via: PhotoConsent['via'] | null =
        me._id === senior._id ? 'senior' : isProxyFor(me, senior._id) ? 'proxy' : isStaffFor(me, senior.committeeId) ? 'socialWorker' : null;
      if (!via) throw new AppError('FORBIDDEN', '只有老人本人、家属代办人或本居委社工可以登记');
      const consent: PhotoConsent = { granted: input.granted, by: me._id, via, at };
      await tx.update('seniors', senior._id, { healthConsent: consent });
      // The shared write with every contact being logged (see the file's comment).
      if (!input.granted && (await tx.get('care', senior._id))) await tx.update('care', senior._id, { updatedAt: at });
      await audit(tx, me._id, senior._id, input.granted ? 'healthConsent.grant' : 'healthConsent.withdraw', { via }, at);
      await logAct(tx, {
        seniorId: senior._id,
        actorId: me._id,
        via: via === 'senior' ? 'self' : via,
        kind: input.granted ? 'healthConsent.grant' : 'healthConsent.withdraw',
        text: input.granted ? '登记同意老伙伴记录身体情况' : '撤回记录身体情况的同意，已记录的身体情况随之删除',
        at,
      });
      return { seniorId: senior._id, granted: input.granted, healthNotesDeleted: 0, healthNotesLeft: 0 };
    },
    {
      // After the withdrawal committed, so every note written before it is found; the answer kept
      // for retries is this one, with the counts. Notes left (time ran out) go to the scheduler's job.
      answer: async (committed) => {
        if (committed.granted) return committed;
        const { deleted, left } = await deleteHealthNotes(ctx.store, input.seniorId, timeBudget(DELETE_IN_CALL_MS), at);
        if (left > 0) {
          const job: HealthDeletionJobDoc = {
            _id: healthJobId(input.seniorId),
            kind: 'healthNotes',
            ownerId: HEALTH_JOB_OWNER,
            seniorId: input.seniorId,
            before: at,
            createdAt: at,
          };
          await ctx.store.transaction(async (tx) => tx.set('jobs', job));
        }
        return { ...committed, healthNotesDeleted: deleted, healthNotesLeft: left };
      },
    },
  );
}

/**
 * Empties the health notes a senior's contacts got up to `before` (default: `at`), a page per
 * transaction, while the budget lasts.
 */
export async function deleteHealthNotes(store: Store, seniorId: string, budget: Budget, at: string, before = at): Promise<{ deleted: number; left: number }> {
  const noted = (await scanAll<ContactDoc>(store, 'contacts', { seniorId }, 'at')).filter((c) => c.healthEnc && c.createdAt <= before);
  let deleted = 0;
  let reached = 0;
  for (let i = 0; i < noted.length; i += DELETE_PAGE) {
    if (budget.timeLeft() <= 0) break;
    const page = noted.slice(i, i + DELETE_PAGE);
    reached += page.length;
    deleted += await store.transaction(async (tx) => {
      let n = 0;
      for (const c of page) {
        const current = await tx.get<ContactDoc>('contacts', c._id);
        if (!current?.healthEnc) continue;
        await tx.update('contacts', c._id, { healthEnc: '', updatedAt: at });
        n += 1;
      }
      return n;
    });
  }
  return { deleted, left: noted.length - reached };
}

/** The scheduler's part: withdrawals whose deletions ran out of time, finished while the budget lasts. */
export async function resumeHealthDeletions(store: Store, now: Date, budget: Budget): Promise<{ finished: number; partial: boolean }> {
  const page = await store.find<HealthDeletionJobDoc>('jobs', {
    where: { ownerId: HEALTH_JOB_OWNER },
    orderBy: { field: 'createdAt', direction: 'asc' },
    limit: 100,
  });
  let finished = 0;
  for (const job of page.items) {
    if (budget.timeLeft() <= 0) return { finished, partial: true };
    const { left } = await deleteHealthNotes(store, job.seniorId, budget, now.toISOString(), job.before);
    if (left > 0) return { finished, partial: true };
    // A later withdrawal may have replaced the job meanwhile (a later `before`): that one stays.
    await store.transaction(async (tx) => {
      const current = await tx.get<HealthDeletionJobDoc>('jobs', job._id);
      if (current?.before === job.before) await tx.remove('jobs', job._id);
    });
    finished += 1;
  }
  return { finished, partial: page.next !== null };
}
