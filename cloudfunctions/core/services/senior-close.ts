/**
 * Closing a senior's record at the 居委 desk (注销老人档案): when she dies, moves out of the street,
 * or she or her guardian asks. A senior who registered at the desk has no way to close her own
 * account (account.close sends her here), and the 居委 holds her consent records.
 *
 * What names her goes: the senior profile (address, emergency contacts, location, photo consent,
 * binding code), her phone and its claim, every WeChat that signs in as her, her family proxies
 * (they lose the proxy role and are told), photos showing her (files included), her 办理记录, her
 * 老伙伴 care record, her inbox, links and memberships. What others rely on stays without naming
 * her: her help requests and alerts keep times, states and credits but lose notes, places and
 * reasons; 老伙伴 contacts keep the volunteer's minutes but lose the sealed health notes and needs;
 * other people's inbox messages about her keep their place but lose their text (and the WeChat
 * notice sent with them goes); the ledger never deletes and now points at 已注销用户. Credits left go to the community pool.
 *
 * Three steps, so that a close is never half-done and never races something new:
 * 1. a short transaction marks the record as closing (SeniorDoc.closing): from then on nothing new
 *    can start for her (actingFor refuses), so the queries that follow see everything that could
 *    block the close;
 * 2. the closing transaction re-reads every blocker by id, donates the credits, removes what names
 *    her and writes an erasure job (`jobs/erase_<seniorId>`) holding the photo files to delete;
 * 3. the scrub of her past records (history lines, help requests, alerts, contacts, pairs, others'
 *    messages), a page per transaction, each page counted in the job in the same transaction. It
 *    runs right after the close; what a timeout or a crash leaves, the scheduler finishes (resumeErasures).
 * A close refused at step 2 lifts the mark at once; one cut off by a crash lets it lapse.
 */
import type { ParsedInput, SeniorCloseBlocker, SeniorErasureCounts, SeniorsResults } from '../api';
import type { Doc } from '../domain/doc';
import { ACTIVE_STATES, type HelpRequestDoc } from '../domain/help';
import type { AlertDoc } from '../domain/alerts';
import type { CareDoc, ContactDoc, PairDoc } from '../domain/partners';
import type { UserDoc } from '../domain/people';
import { isStaffFor } from '../domain/scope';
import type { ProxyDoc, SeniorDoc } from '../domain/seniors';
import type { MessageDoc } from '../domain/messages';
import type { PhotoDoc } from '../domain/photos';
import type { BindClaimDoc } from '../domain/wechat-binding';
import { AppError } from '../errors';
import type { Files } from '../files/port';
import type { Store, Tx } from '../store/port';
import type { CollectionName } from '../store/schema';
import { scanAll } from '../store/scan';
import { anonymise, belongings, donateLeftover, dropBelongings, emptyInboxAfter, leftoverCredits, liveBlockers, queriedBlockers } from './account-close';
import { timeBudget, type Budget } from './budget';
import { dropRetryAnswersNaming } from './retry-answers';
import { tell } from './shared/acting';
import { audit } from './shared/audit';
import { requireUser, type ServiceContext } from './shared/context';
import { minutesView } from './shared/ledger-views';
import { setProxyGrant } from './seniors';
import { identitiesOf, unbindAll } from './wechat-binding';
import { availableOf, personAccountId, type AccountDoc } from '../domain/ledger';

/** How long the closing mark holds: far longer than a close takes, short enough that a crashed one lapses soon. */
const CLOSING_HOLD_MS = 2 * 60_000;

/** Owner of an unfinished erasure job, so the scheduler finds those by an index it has; a finished one moves to ERASED_OWNER. */
const ERASURE_OWNER = 'erasure';
const ERASED_OWNER = 'erasure:done';
export const erasureJobId = (seniorId: string): string => `erase_${seniorId}`;

/** What a step text or a reason becomes once cleared. */
const CLEARED = '（老人档案已注销，内容已清除）';
const MESSAGE_CLEARED_TITLE = '老人档案已注销';

const REASON_TEXT = { deceased: '老人去世', movedAway: '迁出本街道', request: '本人或监护人要求注销' } as const;

export interface ErasureJobDoc extends Doc {
  kind: 'seniorErasure';
  ownerId: typeof ERASURE_OWNER | typeof ERASED_OWNER;
  seniorId: string;
  state: 'running' | 'done';
  /** Photo files still to delete (documents are already gone). */
  files: string[];
  /** Where the pass over the kept answers stopped (a cursor), 'done', or absent before it started. */
  requestsAfter?: string | null;
  counts: SeniorErasureCounts;
  closedBy: string;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
}

const BLOCKER_TEXT = {
  helpActive: (n: number) => `老人还有 ${n} 条求助没有结束，请先取消或结算`,
  alertsOpen: (n: number) => `老人还有 ${n} 条警报没有关闭，请先处理并关闭`,
  partnerPaired: () => '老人正与老伙伴结对，请先在老伙伴页结束结对（会告诉志愿者）',
};

/** Everything the close needs that only a query finds (read before the closing transaction, re-read there by id). */
async function gather(store: Store, seniorId: string) {
  const [help, alerts, proxies, identities, contacts, history, found] = await Promise.all([
    scanAll<HelpRequestDoc>(store, 'helpRequests', { seniorId }, 'createdAt'),
    scanAll<AlertDoc>(store, 'alerts', { seniorId }, 'raisedAt'),
    scanAll<ProxyDoc>(store, 'proxies', { seniorId }, 'createdAt'),
    identitiesOf(store, seniorId),
    scanAll<ContactDoc>(store, 'contacts', { seniorId }, 'at'),
    scanAll<Doc>(store, 'seniorLog', { seniorId }, 'at'),
    belongings(store, seniorId),
  ]);
  // Her own inbox goes with her account; the scrub clears the others' messages that name her.
  const messages = await scanAll<MessageDoc>(store, 'messages', { seniorId }, 'createdAt');
  return {
    activeHelp: help.filter((r) => ACTIVE_STATES.includes(r.state)),
    helpCount: help.length,
    openAlerts: alerts.filter((a) => a.state === 'open'),
    alertCount: alerts.length,
    proxies: proxies.filter((p) => p.state !== 'removed'),
    identities,
    contactCount: contacts.length,
    historyCount: history.length,
    messageCount: messages.filter((m) => m.userId !== seniorId).length,
    belongings: found,
  };
}
type Gathered = Awaited<ReturnType<typeof gather>>;

/** The blockers of the senior side, re-read by id (inside the closing transaction, or by the check). */
async function seniorBlockers(reader: Pick<Tx, 'get'>, senior: SeniorDoc, found: Gathered): Promise<SeniorCloseBlocker[]> {
  const out: SeniorCloseBlocker[] = [];
  let help = 0;
  for (const r of found.activeHelp) {
    const now = await reader.get<HelpRequestDoc>('helpRequests', r._id);
    if (now && ACTIVE_STATES.includes(now.state)) help += 1;
  }
  if (help) out.push({ kind: 'helpActive', count: help, text: BLOCKER_TEXT.helpActive(help) });
  // Alerts are also named on the senior and her care record, so one raised a moment ago is seen too.
  const care = await reader.get<CareDoc>('care', senior._id);
  const alertIds = new Set([...found.openAlerts.map((a) => a._id), senior.openAlertId, care?.overdueAlertId, ...(care?.openAlertIds ?? [])]);
  let alerts = 0;
  for (const id of alertIds) {
    if (!id) continue;
    const a = await reader.get<AlertDoc>('alerts', id);
    if (a?.state === 'open') alerts += 1;
  }
  if (alerts) out.push({ kind: 'alertsOpen', count: alerts, text: BLOCKER_TEXT.alertsOpen(alerts) });
  if (senior.partnerId || care?.paired) out.push({ kind: 'partnerPaired', count: 1, text: BLOCKER_TEXT.partnerPaired() });
  return out;
}

/** The senior's record, for a social worker of her 居委 or an admin. */
async function staffSenior(ctx: ServiceContext, reader: Pick<Tx, 'get'>, seniorId: string): Promise<{ senior: SeniorDoc; user: UserDoc }> {
  const me = requireUser(ctx);
  const senior = await reader.get<SeniorDoc>('seniors', seniorId);
  const user = senior ? await reader.get<UserDoc>('users', seniorId) : null;
  if (!senior || !user) throw new AppError('NOT_FOUND', '找不到这位老人的档案（可能已经注销）');
  if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能注销本居委老人的档案');
  return { senior, user };
}

async function allBlockers(ctx: ServiceContext, reader: Pick<Tx, 'get'>, senior: SeniorDoc, user: UserDoc, found: Gathered): Promise<SeniorCloseBlocker[]> {
  return [
    ...(await seniorBlockers(reader, senior, found)),
    ...(await liveBlockers(reader, user, ctx.now(), 'staff')),
    ...(await queriedBlockers(ctx.store, user._id, 'staff')),
  ];
}

/** `seniors.closeCheck`: what would go, and what has to be settled first. */
export async function closeCheck(ctx: ServiceContext, input: ParsedInput<'seniors', 'closeCheck'>): Promise<SeniorsResults['closeCheck']> {
  const { senior, user } = await staffSenior(ctx, ctx.store, input.seniorId);
  const found = await gather(ctx.store, senior._id);
  const blockers = await allBlockers(ctx, ctx.store, senior, user, found);
  const account = await ctx.store.get<AccountDoc>('accounts', personAccountId(senior._id));
  return {
    seniorId: senior._id,
    name: user.name,
    available: minutesView(account ? Math.max(0, availableOf(account)) : 0),
    blockers,
    canClose: blockers.length === 0,
    erases: {
      history: found.historyCount,
      helpRequests: found.helpCount,
      alerts: found.alertCount,
      contacts: found.contactCount,
      photos: (senior.photoIds ?? []).length,
      messages: found.messageCount,
      proxies: found.proxies.length,
      wechats: new Set([...found.identities, ...(senior.wechat ? [senior.wechat.openid] : [])]).size,
    },
  };
}

/** Sets or lifts the closing mark (its own short transaction, outside the request's idempotency). */
async function markClosing(ctx: ServiceContext, seniorId: string, on: boolean, by: string): Promise<void> {
  const now = ctx.now();
  await ctx.store.transaction(async (tx) => {
    const senior = await tx.get<SeniorDoc>('seniors', seniorId);
    if (!senior) return;
    if (on) await tx.update('seniors', seniorId, { closing: { by, until: new Date(now.getTime() + CLOSING_HOLD_MS).toISOString() } });
    else if (senior.closing?.by === by) await tx.update('seniors', seniorId, { closing: null });
  });
}

/** `seniors.close`. */
export async function close(ctx: ServiceContext, input: ParsedInput<'seniors', 'close'>): Promise<SeniorsResults['close']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  const existing = await ctx.store.get<SeniorDoc>('seniors', input.seniorId);
  // Gone already: a retry of this request gets its first answer (made again from the committed close
  // if the first call stopped before keeping it); anything else, NOT_FOUND.
  if (!existing) {
    return ctx.mutate<SeniorsResults['close']>(
      async () => {
        throw new AppError('NOT_FOUND', '找不到这位老人的档案（可能已经注销）');
      },
      { answer: (committed) => finish(ctx, committed) },
    );
  }
  const { senior: before, user: userBefore } = await staffSenior(ctx, ctx.store, input.seniorId);
  const early = await allBlockers(ctx, ctx.store, before, userBefore, await gather(ctx.store, before._id));
  if (early.length) throw new AppError('CLOSE_BLOCKED', early[0]!.text, { blockers: early });

  await markClosing(ctx, before._id, true, me._id);
  let closed = false;
  try {
    const found = await gather(ctx.store, before._id);
    // Asked again after the gathering, which dropBelongings compares with (a record written since).
    const late = await queriedBlockers(ctx.store, before._id, 'staff');
    if (late.length) throw new AppError('CLOSE_BLOCKED', late[0]!.text, { blockers: late });
    const answer = await ctx.mutate<SeniorsResults['close']>(
      async (tx) => {
        const { senior, user } = await staffSenior(ctx, tx, input.seniorId);
        const blockers = [...(await seniorBlockers(tx, senior, found)), ...(await liveBlockers(tx, user, now, 'staff'))];
        if (blockers.length) throw new AppError('CLOSE_BLOCKED', blockers[0]!.text, { blockers });
        const leftover = await leftoverCredits(tx, senior._id);
        if (leftover > 0 && input.leftover !== 'donate') {
          throw new AppError('VALIDATION', `老人还有 ${minutesView(leftover).display}时间币，注销前请确认捐给社区公益池`, [
            { path: 'leftover', message: '请确认剩余时间币捐给公益池' },
          ]);
        }
        await donateLeftover(tx, senior._id, leftover, at, '老人档案注销时捐给公益池');

        // Family proxies lose the role and are told; nobody acts for her any more.
        const told: string[] = [];
        for (const p of found.proxies) {
          const link = await tx.get<ProxyDoc>('proxies', p._id);
          if (!link || link.state === 'removed') continue;
          await tx.update('proxies', link._id, { state: 'removed', removedBy: me._id, removedAt: at, updatedAt: at });
          await setProxyGrant(tx, link.userId, senior._id, false, me._id, at);
          told.push(link.userId);
        }
        await tell(
          tx,
          null,
          told,
          'senior.proxy',
          '老人档案已注销',
          `居委已注销 ${user.name} 的档案（${REASON_TEXT[input.reason]}），您的家属代理随之解除`,
          at,
        );

        // Every WeChat that signs in as her, and the claim of a binding code still in force.
        const wechats = await unbindAll(tx, senior, found.identities);
        if (senior.bindCode) {
          const claim = await tx.get<BindClaimDoc>('uniques', senior.bindCode.key);
          if (claim?.userId === senior._id) await tx.remove('uniques', claim._id);
        }

        // Photos showing her: the documents now, the files right after (kept in the job until gone).
        const files: string[] = [];
        let photos = 0;
        for (const id of senior.photoIds ?? []) {
          const photo = await tx.get<PhotoDoc>('photos', id);
          if (!photo) continue;
          await tx.remove('photos', id);
          files.push(photo.fileId, photo.thumbFileId);
          photos += 1;
        }

        await dropBelongings(tx, found.belongings, senior._id, at, 'staff');
        if (await tx.get('care', senior._id)) await tx.remove('care', senior._id);
        if (await tx.get('subscriptions', senior._id)) await tx.remove('subscriptions', senior._id);
        await tx.remove('seniors', senior._id);
        await anonymise(tx, user, at);
        const job: ErasureJobDoc = {
          _id: erasureJobId(senior._id),
          kind: 'seniorErasure',
          ownerId: ERASURE_OWNER,
          seniorId: senior._id,
          state: 'running',
          files,
          counts: { history: 0, helpRequests: 0, alerts: 0, contacts: 0, photos, messages: 0 },
          closedBy: me._id,
          createdAt: at,
          updatedAt: at,
          doneAt: null,
        };
        await tx.set('jobs', job);
        await audit(
          tx,
          me._id,
          senior._id,
          'senior.close',
          { reason: input.reason, committeeId: senior.committeeId, donatedMinutes: Math.max(0, leftover), proxies: told.length, wechats, photos },
          at,
        );
        return { seniorId: senior._id, closedAt: at, donated: leftover > 0 ? minutesView(leftover) : null, erasure: { ...job.counts, done: false } };
      },
      // The answer kept for retries is the one after the scrub, which runs once the close is committed.
      {
        answer: async (committed) => {
          await emptyInboxAfter(ctx.store, found.belongings);
          return finish(ctx, committed);
        },
      },
    );
    closed = true;
    return answer;
  } finally {
    if (!closed) await markClosing(ctx, input.seniorId, false, me._id).catch(() => undefined);
  }
}

/**
 * How long the close itself scrubs: well inside the function's 5 s timeout (cloudbaserc.json), the
 * closing transaction included. A street's usual senior takes a few pages; the rest waits for the scheduler.
 */
const SCRUB_IN_CALL_MS = 2_000;

/** Runs the scrub (as far as this call's budget goes) and answers with the job's counts. */
async function finish(ctx: ServiceContext, first: SeniorsResults['close']): Promise<SeniorsResults['close']> {
  let job: ErasureJobDoc | null = null;
  try {
    job = await eraseTraces(ctx.store, ctx.files, first.seniorId, ctx.now(), timeBudget(SCRUB_IN_CALL_MS));
  } catch (e) {
    // The record is closed; the scheduler finishes the scrub. Say so rather than fail the close.
    ctx.log.warn({ seniorId: first.seniorId, err: String(e) }, 'senior erasure interrupted; the scheduler resumes it');
    job = await ctx.store.get<ErasureJobDoc>('jobs', erasureJobId(first.seniorId));
  }
  const counts = { history: 0, helpRequests: 0, alerts: 0, contacts: 0, photos: 0, messages: 0, ...job?.counts };
  return { ...first, erasure: { ...counts, done: job?.state === 'done' } };
}

/** How one kind of past record is scrubbed: removed, or patched (null when already clean). */
interface ScrubStep<T extends Doc> {
  collection: CollectionName;
  orderBy: string;
  count: keyof SeniorErasureCounts | null;
  /** The patch that clears it, or 'remove', or null when it is already clean. */
  scrub: (doc: T, at: string) => Partial<T> | 'remove' | null;
  /** Documents that go with a scrubbed one. */
  alongside?: (doc: T) => Array<{ collection: CollectionName; id: string }>;
}

/** A step over documents of one type, as the loop that reads them untyped runs it. */
const step = <T extends Doc>(s: ScrubStep<T>): ScrubStep<Doc> => s as unknown as ScrubStep<Doc>;

type Erasable<T> = T & { erasedAt?: string };

const SCRUB_STEPS: Array<ScrubStep<Doc>> = [
  step({ collection: 'seniorLog', orderBy: 'at', count: 'history', scrub: () => 'remove' }),
  step<Erasable<HelpRequestDoc>>({
    collection: 'helpRequests',
    orderBy: 'createdAt',
    count: 'helpRequests',
    scrub: (r, at) =>
      r.erasedAt
        ? null
        : {
            erasedAt: at,
            note: '',
            location: null,
            report: r.report ? { ...r.report, note: '' } : null,
            dispute: r.dispute ? { ...r.dispute, reason: CLEARED } : null,
            cancel: r.cancel ? { ...r.cancel, reason: null } : null,
            grant: r.grant ? { ...r.grant, reason: '' } : null,
            settlement: r.settlement ? { ...r.settlement, reason: null } : null,
            steps: r.steps.map((s) => ({ ...s, text: CLEARED })),
          },
  }),
  step<Erasable<AlertDoc>>({
    collection: 'alerts',
    orderBy: 'raisedAt',
    count: 'alerts',
    scrub: (a, at) =>
      a.erasedAt ? null : { erasedAt: at, note: '', closeNote: a.closeNote === null ? null : '', steps: a.steps.map((s) => ({ ...s, note: '' })) },
  }),
  step<Erasable<ContactDoc>>({
    collection: 'contacts',
    orderBy: 'at',
    count: 'contacts',
    scrub: (c, at) => (c.erasedAt ? null : { erasedAt: at, noteEnc: '', followUpEnc: '', healthEnc: '', needs: [] }),
  }),
  step<PairDoc>({
    collection: 'pairs',
    orderBy: 'createdAt',
    count: null,
    // The reasons a pair was suggested name her wishes (gender, dialect); why it ended is free text.
    scrub: (p) => (p.reasons.length === 0 && p.endReason === null ? null : { reasons: [], endReason: null }),
  }),
  step<Erasable<MessageDoc>>({
    collection: 'messages',
    orderBy: 'createdAt',
    count: 'messages',
    // Other people's messages that name her stay (one may be unread), saying what happened to them;
    // hers went with her inbox (any the close left behind go now).
    scrub: (m, at) => (m.userId === m.seniorId ? 'remove' : m.erasedAt ? null : { erasedAt: at, title: MESSAGE_CLEARED_TITLE, body: CLEARED }),
    // The WeChat notice written with it (services/inbox.ts) carries the same text.
    alongside: (m) => [{ collection: 'outbox', id: `ob_${m._id.slice('m_'.length)}` }],
  }),
];

/** Pages of a scrub, one transaction each. */
const SCRUB_PAGE = 50;

/**
 * The scrub of a closed senior's past records (step 3 above): each kind in turn, a page per
 * transaction, counted in the job inside the same transaction, then the photo files. Safe to run
 * again and side by side (each document is re-read and only scrubbed once). Returns the job, done
 * or not (the budget ran out), or null when there is none.
 */
export async function eraseTraces(store: Store, files: Files | undefined, seniorId: string, now: Date, budget: Budget): Promise<ErasureJobDoc | null> {
  const id = erasureJobId(seniorId);
  let job = await store.get<ErasureJobDoc>('jobs', id);
  if (!job || job.state === 'done') return job;
  const at = now.toISOString();
  for (const scrubStep of SCRUB_STEPS) {
    let after: string | undefined;
    for (;;) {
      if (budget.timeLeft() <= 0) return store.get<ErasureJobDoc>('jobs', id);
      const page = await store.find<Doc>(scrubStep.collection, {
        where: { seniorId },
        orderBy: { field: scrubStep.orderBy, direction: 'asc' },
        limit: SCRUB_PAGE,
        after,
      });
      await store.transaction(async (tx) => {
        const current = await tx.get<ErasureJobDoc>('jobs', id);
        if (!current) return;
        let n = 0;
        for (const item of page.items) {
          const doc = await tx.get<Doc>(scrubStep.collection, item._id);
          if (!doc) continue;
          const patch = scrubStep.scrub(doc, at);
          if (patch === null) continue;
          if (patch === 'remove') await tx.remove(scrubStep.collection, doc._id);
          else await tx.update(scrubStep.collection, doc._id, patch);
          for (const other of scrubStep.alongside?.(doc) ?? []) if (await tx.get(other.collection, other.id)) await tx.remove(other.collection, other.id);
          n += 1;
        }
        if (n && scrubStep.count)
          await tx.update('jobs', id, { counts: { ...current.counts, [scrubStep.count]: (current.counts[scrubStep.count] ?? 0) + n }, updatedAt: at });
      });
      // Removed documents leave the query, so a removing step reads its first page again.
      if (!page.next) break;
      if (scrubStep.collection !== 'seniorLog') after = page.next;
    }
  }
  // Subscription messages about her alerts (what was sent to whom, with her name and the note).
  const alerts = await store.find<Doc>('alerts', { where: { seniorId }, orderBy: { field: 'raisedAt', direction: 'asc' }, limit: 100 });
  for (const alert of alerts.items) {
    if (budget.timeLeft() <= 0) return store.get<ErasureJobDoc>('jobs', id);
    const sent = await store.find<Doc>('outbox', { where: { alertId: alert._id }, orderBy: { field: 'createdAt', direction: 'asc' }, limit: 100 });
    if (!sent.items.length) continue;
    await store.transaction(async (tx) => {
      for (const m of sent.items) if (await tx.get('outbox', m._id)) await tx.remove('outbox', m._id);
    });
  }
  // Answers kept for retries that carry her id, but the close's own (it names nobody and answers its
  // retries). The table is long: where a pass stops is kept in the job, and the next goes on from there.
  job = await store.get<ErasureJobDoc>('jobs', id);
  if (job && job.requestsAfter !== 'done') {
    const pass = await dropRetryAnswersNaming(store, seniorId, budget, (key) => key.includes('|seniors.close|'), job.requestsAfter ?? null);
    await store.transaction(async (tx) => tx.update('jobs', id, { requestsAfter: pass.done ? 'done' : pass.after, updatedAt: at }));
    if (!pass.done) return store.get<ErasureJobDoc>('jobs', id);
  }
  job = await store.get<ErasureJobDoc>('jobs', id);
  if (!job) return null;
  if (job.files.length) {
    // Without file storage here, the scheduler (which has it) deletes them.
    if (!files) return job;
    for (const fileId of job.files) await files.remove(fileId);
    await store.transaction(async (tx) => tx.update('jobs', id, { files: [], updatedAt: at }));
  }
  await store.transaction(async (tx) => tx.update('jobs', id, { state: 'done', ownerId: ERASED_OWNER, doneAt: at, updatedAt: at }));
  return store.get<ErasureJobDoc>('jobs', id);
}

/** The scheduler's part: every erasure left unfinished (a crash, a timeout) is carried on while the budget lasts. */
export async function resumeErasures(store: Store, files: Files | undefined, now: Date, budget: Budget): Promise<{ finished: number; partial: boolean }> {
  const page = await store.find<ErasureJobDoc>('jobs', { where: { ownerId: ERASURE_OWNER }, orderBy: { field: 'createdAt', direction: 'asc' }, limit: 100 });
  let finished = 0;
  for (const job of page.items) {
    if (job.state === 'done') continue;
    if (budget.timeLeft() <= 0) return { finished, partial: true };
    const after = await eraseTraces(store, files, job.seniorId, now, budget);
    if (after?.state === 'done') finished += 1;
    else return { finished, partial: true };
  }
  return { finished, partial: false };
}
