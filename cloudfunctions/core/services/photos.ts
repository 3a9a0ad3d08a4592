/**
 * Photos of activities and teams (docs/photos.md). The client puts the file in storage first
 * (WeChat: `wx.cloud.uploadFile` into `uploads/`, readable by no client; locally: POST /api/upload),
 * then calls `activities.addPhoto` with its file id. Only then does the function look at it: by its
 * bytes (services/photo-image.ts), re-encoded without metadata, with a thumbnail; the upload is
 * deleted whatever the outcome, so a refused file does not stay in storage.
 *
 * Seniors in a photo need their recorded consent (`seniors.setPhotoConsent`); withdrawing it deletes
 * the photos that show them. Photos of seniors, of minors, and evidence photos are seen by staff only.
 */
import { createHash } from 'node:crypto';
import type { ActivitiesResults, ParsedInput, PhotoView, SeniorsResults } from '../api';
import { AppError } from '../errors';
import type { SignupDoc, StoredActivityDoc } from '../domain/activities';
import { signupId } from '../domain/activities';
import type { UserDoc } from '../domain/people';
import { audienceOf, keepUntil, PHOTO_LIMITS, type PhotoConsent, type PhotoDoc } from '../domain/photos';
import { isAdmin, isProxyFor, isStaffFor, leads, manages } from '../domain/scope';
import type { SeniorDoc } from '../domain/seniors';
import type { Files } from '../files/port';
import { MAX_PAGE, type Store } from '../store/port';
import { scanAll } from '../store/scan';
import type { Budget } from './budget';
import { logAct } from './shared/acting';
import { audit } from './shared/audit';
import { requireFiles, requireUser, type ServiceContext } from './shared/context';
import { cleanImage } from './photo-image';

/** How long the links to a photo live: a page shows them at once. */
const LINK_SECONDS = 600;

/** Client uploads land here (local ids `local:uploads/…`, CloudBase ids `cloud://…/uploads/…`). */
const isUpload = (fileId: string) => fileId.startsWith('local:uploads/') || /^cloud:\/\/[^/]+\/uploads\//.test(fileId);

interface Target {
  teamId: string;
  activity: StoredActivityDoc | null;
}

async function loadTarget(ctx: ServiceContext, target: 'activity' | 'team', targetId: string): Promise<Target> {
  if (target === 'activity') {
    const a = await ctx.store.get<StoredActivityDoc>('activities', targetId);
    if (!a) throw new AppError('NOT_FOUND', '找不到这个活动');
    return { teamId: a.teamId, activity: a };
  }
  const team = await ctx.store.get('teams', targetId);
  if (!team) throw new AppError('NOT_FOUND', '找不到这支队伍');
  return { teamId: targetId, activity: null };
}

/** Who may see a staff-only photo: admins, social workers, the team's leaders, and whoever uploaded it. */
const canSee = (me: UserDoc | null, p: PhotoDoc) =>
  p.audience === 'public' || (!!me && (isAdmin(me) || me.roles.includes('socialWorker') || leads(me, p.teamId) || p.uploadedBy === me._id));
const canDelete = (me: UserDoc | null, p: PhotoDoc) => !!me && (manages(me, p.teamId) || p.uploadedBy === me._id);

async function viewOf(files: Files, me: UserDoc | null, p: PhotoDoc, uploaderName: string): Promise<PhotoView> {
  const [full, thumb] = await Promise.all([files.link(p.fileId, LINK_SECONDS), files.link(p.thumbFileId, LINK_SECONDS)]);
  return {
    id: p._id,
    role: p.role,
    url: full.url,
    thumbUrl: thumb.url,
    width: p.width,
    height: p.height,
    audience: p.audience,
    seniorCount: p.seniorIds.length,
    minors: p.minors,
    uploadedByName: uploaderName,
    createdAt: p.createdAt,
    canDelete: canDelete(me, p),
  };
}

/** Deletes files without failing the caller: a file already gone is what we wanted. */
async function removeQuietly(ctx: ServiceContext, files: Files, ids: string[]) {
  for (const id of ids) {
    await files.remove(id).catch((e: unknown) => ctx.log.warn({ fileId: id, err: String(e) }, 'photo file not removed'));
  }
}

/** `activities.addPhoto`. */
export async function addPhoto(ctx: ServiceContext, input: ParsedInput<'activities', 'addPhoto'>): Promise<ActivitiesResults['addPhoto']> {
  const me = requireUser(ctx);
  const files = requireFiles(ctx);
  // The photo's id comes from the request, so a retry after success answers the same photo
  // (the upload is gone by then, and must not be read again).
  const photoId = `ph_${createHash('sha256')
    .update(`${me._id}:${ctx.requestId ?? ''}`)
    .digest('base64url')
    .slice(0, 24)}`;
  // The answer (kept for retries) shows the photo as stored, whichever call stored it.
  const answerStored = {
    answer: async (c: { id: string }): Promise<PhotoView> => {
      const stored = await ctx.store.get<PhotoDoc>('photos', c.id);
      if (!stored) throw new AppError('NOT_FOUND', '这张照片已经删除');
      return viewOf(files, me, stored, me.name);
    },
  };
  // Stored already (a retry): through `mutate`, which answers what it kept, or makes the answer
  // again when the first call stopped before keeping it.
  if (await ctx.store.get<PhotoDoc>('photos', photoId)) return ctx.mutate(async () => ({ id: photoId }), answerStored);

  if (!isUpload(input.fileId)) throw new AppError('VALIDATION', '照片编号不正确，请重新选择照片');
  try {
    const target = await loadTarget(ctx, input.target, input.targetId);
    await checkMayAdd(ctx, me, input, target);
    const seniorIds = [...new Set(input.seniorIds ?? [])];
    await checkConsent(ctx, me, seniorIds);

    const raw = await files.read(input.fileId);
    const clean = await cleanImage(raw);
    const folder = 'photos';
    const stored = await files.put({ folder, name: `${input.role}-${photoId}`, kind: clean.kind, body: clean.full });
    const thumb = await files.put({ folder, name: `${input.role}-${photoId}-thumb`, kind: 'jpeg', body: clean.thumb });
    const at = ctx.now();
    const doc: PhotoDoc = {
      _id: photoId,
      target: input.target,
      targetId: input.targetId,
      teamId: target.teamId,
      role: input.role,
      fileId: stored.fileId,
      thumbFileId: thumb.fileId,
      width: clean.width,
      height: clean.height,
      bytes: stored.bytes,
      seniorIds,
      minors: input.minors ?? false,
      audience: audienceOf({ seniorIds, minors: input.minors ?? false, role: input.role }),
      uploadedBy: me._id,
      createdAt: at.toISOString(),
      keepUntil: keepUntil(input.role, target.activity ? new Date(target.activity.endAt) : at),
    };
    // A poster or logo replaces the one before it (one each). The target names its current one and
    // is read inside the transaction, so two uploads at the same moment leave one; the query finds
    // pictures added before the target named them.
    const single = PHOTO_LIMITS[input.role] === 1;
    const unnamed = single
      ? (await scanAll<PhotoDoc>(ctx.store, 'photos', { targetId: input.targetId }, 'createdAt', 200)).filter((p) => p.role === input.role)
      : [];
    let replaced: PhotoDoc[] = [];
    let answer: PhotoView;
    try {
      // A retry (the dispatcher replays before this runs) gets the view, not the document.
      answer = await ctx.mutate(async (tx) => {
        replaced = [];
        if (single) {
          const holder = input.target === 'activity' ? 'activities' : 'teams';
          const current = (await tx.get<{ _id: string; coverPhotoId?: string }>(holder, input.targetId))?.coverPhotoId;
          for (const id of new Set([...unnamed.map((p) => p._id), ...(current ? [current] : [])])) {
            const p = await tx.get<PhotoDoc>('photos', id);
            if (!p) continue;
            await tx.remove('photos', id);
            replaced.push(p);
          }
          await tx.update(holder, input.targetId, { coverPhotoId: photoId });
        }
        await tx.create('photos', doc);
        for (const s of seniorIds) {
          const senior = await tx.get<SeniorDoc>('seniors', s);
          // Consent withdrawn between the check and now: refuse the whole photo.
          if (!senior?.photoConsent?.granted) throw new AppError('CONSENT_REQUIRED', '照片里的老人没有登记同意拍照，不能上传');
          await tx.update('seniors', s, { photoIds: [...(senior.photoIds ?? []), photoId] });
        }
        await audit(tx, me._id, input.targetId, 'photo.add', { photoId, role: input.role, seniors: seniorIds.length, minors: doc.minors }, doc.createdAt);
        return { id: photoId };
      }, answerStored);
    } catch (e) {
      // Refused, or failed before the commit: these files belong to nothing. Failed after it (making
      // the answer): the photo is stored with them, and a retry answers it.
      const kept = await ctx.store.get<PhotoDoc>('photos', photoId).catch(() => null);
      if (kept?.fileId !== stored.fileId) await removeQuietly(ctx, files, [stored.fileId, thumb.fileId]);
      throw e;
    }
    // The same request sent twice at once (a double tap, a retry): the one that committed first is
    // the photo, and this call's copy of the files belongs to nothing.
    if ((await ctx.store.get<PhotoDoc>('photos', photoId))?.fileId !== stored.fileId) await removeQuietly(ctx, files, [stored.fileId, thumb.fileId]);
    await removeQuietly(
      ctx,
      files,
      replaced.flatMap((p) => [p.fileId, p.thumbFileId]),
    );
    return answer;
  } finally {
    // The raw upload never stays, accepted or refused.
    await removeQuietly(ctx, files, [input.fileId]);
  }
}

async function checkMayAdd(ctx: ServiceContext, me: UserDoc, input: ParsedInput<'activities', 'addPhoto'>, target: Target) {
  const staff = manages(me, target.teamId);
  if (input.role === 'logo' && input.target !== 'team') throw new AppError('VALIDATION', '队徽只能加在队伍上');
  if (input.role !== 'logo' && input.target !== 'activity') throw new AppError('VALIDATION', '海报和照片只能加在活动上');
  if (input.role === 'evidence') {
    const signup = await ctx.store.get<SignupDoc>('signups', signupId(input.targetId, me._id));
    if (!signup || signup.state !== 'signed' || (signup.attendance !== 'in' && signup.attendance !== 'out')) {
      throw new AppError('FORBIDDEN', '签到参加了这个活动的志愿者才能上传服务照片');
    }
  } else if (!staff && !(input.role === 'photo' && (input.seniorIds?.length ?? 0) > 0 && me.roles.includes('socialWorker'))) {
    // A social worker adds the photos that show seniors (whose consent they record); others are the team's.
    throw new AppError('FORBIDDEN', '只有本队队长或管理员可以上传活动海报、照片和队徽');
  }
  const limit = PHOTO_LIMITS[input.role];
  if (limit > 1) {
    const existing = (await scanAll<PhotoDoc>(ctx.store, 'photos', { targetId: input.targetId }, 'createdAt', 500)).filter((p) => p.role === input.role);
    if (existing.length >= limit) throw new AppError('CONFLICT', `这个活动的照片已经有 ${limit} 张，请先删掉一些`);
  }
}

/** Each senior named in a photo is one the uploader serves (her 居委's social worker, or an admin), with consent. */
async function checkConsent(ctx: ServiceContext, me: UserDoc, seniorIds: string[]) {
  for (const id of seniorIds) {
    const senior = await ctx.store.get<SeniorDoc>('seniors', id);
    if (!senior) throw new AppError('NOT_FOUND', '找不到照片里的这位老人');
    if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能在照片里标出您所服务居委的老人，请由老人所在居委的社工上传');
    if (!senior.photoConsent?.granted) {
      const user = await ctx.store.get<UserDoc>('users', id);
      throw new AppError('CONSENT_REQUIRED', `${user?.name ?? '这位老人'}没有登记同意拍照，照片不能上传（可请社工或家属先登记同意）`);
    }
  }
}

/** `activities.photos`: what the caller may see, newest first, with short-lived links. */
export async function photos(ctx: ServiceContext, input: ParsedInput<'activities', 'photos'>): Promise<ActivitiesResults['photos']> {
  const files = requireFiles(ctx);
  const me = ctx.actor.user;
  await loadTarget(ctx, input.target, input.targetId);
  const all = await scanAll<PhotoDoc>(ctx.store, 'photos', { targetId: input.targetId }, 'createdAt', 500);
  const visible = all.filter((p) => canSee(me, p)).reverse();
  const names = new Map<string, string>();
  for (const p of visible) {
    if (!names.has(p.uploadedBy)) names.set(p.uploadedBy, (await ctx.store.get<UserDoc>('users', p.uploadedBy))?.name ?? '已注销用户');
  }
  return { items: await Promise.all(visible.map((p) => viewOf(files, me, p, names.get(p.uploadedBy)!))), hidden: all.length - visible.length };
}

/**
 * The picture a list shows on each activity's card: its poster's thumbnail, else its team's logo,
 * else none. Public photos only, as a list is seen by everyone (guests too); a poster showing
 * seniors or children stays on the activity's page, for staff. One query per hundred targets;
 * links live as long as any photo link.
 */
export async function cardThumbnails(ctx: ServiceContext, activities: ReadonlyArray<{ _id: string; teamId: string }>): Promise<Map<string, string>> {
  const files = ctx.files;
  const thumbs = new Map<string, string>();
  if (!files || activities.length === 0) return thumbs;
  const targetIds = [...new Set(activities.flatMap((a) => [a._id, a.teamId]))];
  const fileOf = new Map<string, string>();
  for (let i = 0; i < targetIds.length; i += MAX_PAGE) {
    const page = await ctx.store.find<PhotoDoc>('photos', {
      where: { targetId: { in: targetIds.slice(i, i + MAX_PAGE) }, role: { in: ['poster', 'logo'] }, audience: 'public' },
      // A poster and a logo are one each per target.
      limit: MAX_PAGE,
    });
    for (const p of page.items) fileOf.set(p.targetId, p.thumbFileId);
  }
  const wanted = new Map(
    activities.flatMap((a) => {
      const fileId = fileOf.get(a._id) ?? fileOf.get(a.teamId);
      return fileId ? [[a._id, fileId] as const] : [];
    }),
  );
  const links = new Map<string, string>();
  await Promise.all(
    [...new Set(wanted.values())].map(async (fileId) => {
      // A picture that cannot be linked leaves its card without one; the list still answers.
      const link = await files.link(fileId, LINK_SECONDS).catch((e: unknown) => {
        ctx.log.warn({ fileId, err: String(e) }, 'card thumbnail not linked');
        return null;
      });
      if (link) links.set(fileId, link.url);
    }),
  );
  for (const [activityId, fileId] of wanted) {
    const url = links.get(fileId);
    if (url) thumbs.set(activityId, url);
  }
  return thumbs;
}

/** `activities.removePhoto`: the team's leaders, admins, or who uploaded it. */
export async function removePhoto(ctx: ServiceContext, input: ParsedInput<'activities', 'removePhoto'>): Promise<ActivitiesResults['removePhoto']> {
  const me = requireUser(ctx);
  const files = requireFiles(ctx);
  let removedFiles: string[] = [];
  const answer = await ctx.mutate<ActivitiesResults['removePhoto']>(async (tx) => {
    const p = await tx.get<PhotoDoc>('photos', input.photoId);
    if (!p) return { photoId: input.photoId, removed: false };
    if (!canDelete(me, p)) throw new AppError('FORBIDDEN', '只有本队队长、管理员或上传的人可以删除这张照片');
    await tx.remove('photos', p._id);
    for (const s of p.seniorIds) {
      const senior = await tx.get<SeniorDoc>('seniors', s);
      if (senior) await tx.update('seniors', s, { photoIds: (senior.photoIds ?? []).filter((id) => id !== p._id) });
    }
    await audit(tx, me._id, p.targetId, 'photo.remove', { photoId: p._id, role: p.role }, ctx.now().toISOString());
    removedFiles = [p.fileId, p.thumbFileId];
    return { photoId: input.photoId, removed: true };
  });
  await removeQuietly(ctx, files, removedFiles);
  return answer;
}

/**
 * `seniors.setPhotoConsent`: the senior (or a confirmed proxy, or the 居委 social worker recording
 * the senior's answer) agrees to appear in activity photos, or withdraws; withdrawing deletes every
 * photo that shows them, files included, before it answers.
 */
export async function setPhotoConsent(ctx: ServiceContext, input: ParsedInput<'seniors', 'setPhotoConsent'>): Promise<SeniorsResults['setPhotoConsent']> {
  const me = requireUser(ctx);
  const files = requireFiles(ctx);
  const at = ctx.now().toISOString();
  let goneFiles: string[] = [];
  const answer = await ctx.mutate<SeniorsResults['setPhotoConsent']>(async (tx) => {
    const senior = await tx.get<SeniorDoc>('seniors', input.seniorId);
    if (!senior) throw new AppError('NOT_FOUND', '找不到这位老人');
    const via: PhotoConsent['via'] | null =
      me._id === senior._id ? 'senior' : isProxyFor(me, senior._id) ? 'proxy' : isStaffFor(me, senior.committeeId) ? 'socialWorker' : null;
    if (!via) throw new AppError('FORBIDDEN', '只有老人本人、家属代办人或本居委社工可以登记');
    const gone: PhotoDoc[] = [];
    if (!input.granted) {
      for (const id of senior.photoIds ?? []) {
        const p = await tx.get<PhotoDoc>('photos', id);
        if (!p) continue;
        await tx.remove('photos', id);
        gone.push(p);
      }
    }
    const consent: PhotoConsent = { granted: input.granted, by: me._id, via, at };
    await tx.update('seniors', senior._id, { photoConsent: consent, ...(input.granted ? {} : { photoIds: [] }) });
    await audit(tx, me._id, senior._id, input.granted ? 'photoConsent.grant' : 'photoConsent.withdraw', { via, photosDeleted: gone.length }, at);
    // The senior's own record (办理记录) says who answered for her, as every act done for her does.
    await logAct(tx, {
      seniorId: senior._id,
      actorId: me._id,
      via: via === 'senior' ? 'self' : via,
      kind: input.granted ? 'photoConsent.grant' : 'photoConsent.withdraw',
      text: input.granted ? '登记同意出现在活动照片里' : `撤回活动照片同意${gone.length ? `，删除了 ${gone.length} 张照片` : ''}`,
      at,
    });
    goneFiles = gone.flatMap((p) => [p.fileId, p.thumbFileId]);
    return { seniorId: input.seniorId, granted: input.granted, photosDeleted: gone.length };
  });
  await removeQuietly(ctx, files, goneFiles);
  return answer;
}

/**
 * The retention rule (domain/photos.ts PHOTO_RETENTION_DAYS): photos past `keepUntil` are deleted,
 * document and files, a few per run while the budget lasts. Each is re-read in its own transaction,
 * so two runs at once delete it once.
 */
export async function sweepPhotos(store: Store, files: Files, now: Date, budget: Budget): Promise<{ deleted: number; partial: boolean }> {
  const due = await store.find<PhotoDoc>('photos', {
    where: { keepUntil: { lte: now.toISOString() } },
    orderBy: { field: 'keepUntil', direction: 'asc' },
    limit: 50,
  });
  let deleted = 0;
  for (const candidate of due.items) {
    if (budget.timeLeft() <= 0) return { deleted, partial: true };
    const gone = await store.transaction(async (tx) => {
      const p = await tx.get<PhotoDoc>('photos', candidate._id);
      if (!p || !p.keepUntil || p.keepUntil > now.toISOString()) return null;
      await tx.remove('photos', p._id);
      for (const s of p.seniorIds) {
        const senior = await tx.get<SeniorDoc>('seniors', s);
        if (senior) await tx.update('seniors', s, { photoIds: (senior.photoIds ?? []).filter((id) => id !== p._id) });
      }
      await audit(tx, 'system', p.targetId, 'photo.expire', { photoId: p._id, role: p.role }, now.toISOString());
      return p;
    });
    if (gone) {
      deleted += 1;
      for (const id of [gone.fileId, gone.thumbFileId]) await files.remove(id).catch(() => undefined);
    }
  }
  return { deleted, partial: due.next !== null };
}
