/** Who may see a senior of the programme, and which 居委 a staff member works on. */
import { AppError } from '../../errors';
import { servedCommittees, type ActorKind, type SeniorDoc } from '../../domain/seniors';
import type { CareDoc } from '../../domain/partners';
import { isAdmin, isStaffFor } from '../../domain/scope';
import { requireUser, type ServiceContext } from '../shared/context';
import type { UserDoc } from '../../domain/people';
import type { Reader } from '../shared/acting';
import { newCare } from './care';

export interface Access {
  me: UserDoc;
  senior: SeniorDoc;
  user: UserDoc;
  care: CareDoc;
  as: 'partner' | 'staff';
}

/** The senior's active partner, or staff of the senior's 居委 (or an admin); anyone else is refused. */
export async function accessTo(ctx: ServiceContext, reader: Reader, seniorId: string): Promise<Access> {
  const me = requireUser(ctx);
  const found = await reader.get<SeniorDoc>('seniors', seniorId);
  const user = found ? await reader.get<UserDoc>('users', seniorId) : null;
  if (!found || !user) throw new AppError('NOT_FOUND', '找不到这位老人');
  const care = (await reader.get<CareDoc>('care', seniorId)) ?? newCare(found, ctx.now().toISOString());
  if (care.paired && care.partnerId === me._id) return { me, senior: found, user, care, as: 'partner' };
  if (isStaffFor(me, found.committeeId)) return { me, senior: found, user, care, as: 'staff' };
  throw new AppError('FORBIDDEN', '只有结对的老伙伴和本居委社工可以查看这位老人');
}

/** The 居委 a staff member works on: the one asked for (checked), else all they serve (an admin: null = all). */
export function staffCommittees(me: UserDoc, committeeId: string | undefined): string[] | null {
  if (committeeId) {
    if (!isStaffFor(me, committeeId)) throw new AppError('FORBIDDEN', '只能查看本居委的老人');
    return [committeeId];
  }
  const served = servedCommittees(me.grants);
  if (served.length) return served;
  return isAdmin(me) ? null : [];
}

/** How a staff act reads in the senior's history: an admin serving no 居委 acts as admin. */
export const staffVia = (me: UserDoc): ActorKind => (isAdmin(me) && !servedCommittees(me.grants).length ? 'admin' : 'socialWorker');

export const committeeWhere = (ids: string[]) => (ids.length === 1 ? ids[0]! : { in: ids });
