/** The volunteers kept out of a senior's suggestions (不再推荐): the staff's list, and undoing one. */
import type { ExclusionView, ParsedInput, PartnersResults } from '../../api';
import { AppError } from '../../errors';
import type { CareDoc } from '../../domain/partners';
import { isStaffFor } from '../../domain/scope';
import { requireUser, type ServiceContext } from '../shared/context';
import type { UserDoc } from '../../domain/people';
import { Names } from '../shared/ledger-views';
import { loadSenior, logAct, touchDesk } from '../shared/acting';
import { audit } from '../shared/audit';
import { staffVia } from './access';

const EXCLUSION_FROM: Record<ExclusionView['from'], string> = { end: '结束结对时选择不再推荐', reject: '不采用这条结对建议', unknown: '以前记下的' };

/** The volunteers kept out of one senior's suggestions, newest decision first (staff of the senior's 居委). */
export async function exclusions(ctx: ServiceContext, input: ParsedInput<'partners', 'exclusions'>): Promise<PartnersResults['exclusions']> {
  const me = requireUser(ctx);
  const { senior, user } = await loadSenior(ctx.store, input.seniorId);
  if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能查看本居委老人的结对');
  const care = await ctx.store.get<CareDoc>('care', senior._id);
  const notes = new Map((care?.exclusions ?? []).map((x) => [x.volunteerId, x]));
  const names = new Names(ctx.store);
  const items: ExclusionView[] = [];
  for (const volunteerId of care?.rejected ?? []) {
    const note = notes.get(volunteerId);
    const from = note?.from ?? 'unknown';
    items.push({
      seniorId: senior._id,
      volunteerId,
      volunteerName: await names.userName(volunteerId),
      from,
      fromText: EXCLUSION_FROM[from],
      reason: note?.reason ?? null,
      pairId: note?.pairId ?? null,
      byName: note ? await names.userName(note.by) : null,
      at: note?.at ?? null,
    });
  }
  items.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || a.volunteerId.localeCompare(b.volunteerId));
  return { seniorId: senior._id, seniorName: user.name, items };
}

/**
 * Staff undo a 不再推荐 (from ending a pair or not taking a suggestion): later suggestions may pair the
 * two again. Audited with what is undone; a line in the senior's history. Undoing what is not there
 * changes nothing.
 */
export async function allowAgain(ctx: ServiceContext, input: ParsedInput<'partners', 'allowAgain'>): Promise<PartnersResults['allowAgain']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const { senior } = await loadSenior(tx, input.seniorId);
    if (!isStaffFor(me, senior.committeeId)) throw new AppError('FORBIDDEN', '只能调整本居委老人的结对');
    const volunteerName = (await tx.get<UserDoc>('users', input.volunteerId))?.name ?? '已注销用户';
    const care = await tx.get<CareDoc>('care', senior._id);
    if (!care || !care.rejected.includes(input.volunteerId)) {
      return { seniorId: senior._id, volunteerId: input.volunteerId, volunteerName, changed: false, excluded: care?.rejected.length ?? 0 };
    }
    const was = (care.exclusions ?? []).find((x) => x.volunteerId === input.volunteerId) ?? null;
    const next: CareDoc = {
      ...care,
      rejected: care.rejected.filter((id) => id !== input.volunteerId),
      exclusions: (care.exclusions ?? []).filter((x) => x.volunteerId !== input.volunteerId),
      updatedAt: at,
    };
    await tx.set('care', next);
    await audit(
      tx,
      me._id,
      senior._id,
      'partner.allowAgain',
      {
        volunteerId: input.volunteerId,
        reason: input.reason ?? null,
        was: was ? { from: was.from, reason: was.reason, pairId: was.pairId, by: was.by, at: was.at } : null,
      },
      at,
    );
    await logAct(tx, {
      seniorId: senior._id,
      actorId: me._id,
      via: staffVia(me),
      kind: 'partner.allowAgain',
      text: `${me.name}撤销了“不再推荐老伙伴${volunteerName}”${input.reason ? `：${input.reason}` : ''}`,
      refId: was?.pairId ?? null,
      at,
    });
    await touchDesk(tx, me, at);
    return { seniorId: senior._id, volunteerId: input.volunteerId, volunteerName, changed: true, excluded: next.rejected.length };
  });
}
