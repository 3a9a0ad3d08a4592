/** What the help use cases share: loading a request, its steps, the words of a refusal, who acts. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors';
import { formatHours } from '../../domain/ledger';
import type { TimebankPolicy } from '../../domain/policy';
import { redemptionEligibility } from '../../domain/eligibility';
import { type HelpAction, type HelpRequestDoc, type HelpStep } from '../../domain/help';
import { shortDateTime } from '../../domain/schedule';
import { servedCommittees, type ActorKind, type SeniorDoc, type Via } from '../../domain/seniors';
import type { Tx } from '../../store/port';
import type { UserDoc } from '../../domain/people';
import type { RefusalWords } from '../ledger';
import { readsPlain, seniorSide, settleTodos, tell, wordingFor, type Acting, type Reader } from '../shared/acting';
import type { SeniorMessageKind } from '../../domain/messages';
import { terms, type Terms, type Wording } from '../../domain/words';
import { isAdmin } from '../../domain/scope';

export const newHelpId = () => `h_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

export async function loadRequest(reader: Reader, id: string): Promise<HelpRequestDoc> {
  const r = await reader.get<HelpRequestDoc>('helpRequests', id);
  if (!r) throw new AppError('NOT_FOUND', '找不到这条求助', { requestId: id });
  return r;
}

export const step = (at: string, action: HelpAction, actorId: string, via: ActorKind, text: string): HelpStep => ({ at, action, actorId, via, text });

/** Inbox text: "沈阿婆 11月28日 09:00 的精神慰藉". */
export const what = (r: HelpRequestDoc, seniorName: string) => `${seniorName} ${shortDateTime(r.startAt)} 的${r.categoryName}`;

/**
 * Writes a step of the request. When its state moves on, the messages that asked someone to act on
 * the old state (请确认服务, 资助申请请审核, 有异议请处理) are marked read: the thing they asked
 * for is done, and an unread to-do for a finished request only makes the real ones harder to find.
 */
export async function save(tx: Tx, r: HelpRequestDoc, patch: Partial<HelpRequestDoc>, added: HelpStep): Promise<HelpRequestDoc> {
  const moved = patch.state !== undefined && patch.state !== r.state && !!r.todoMessageIds?.length;
  if (moved) await settleTodos(tx, r.todoMessageIds, added.at);
  const full = moved ? { ...patch, todoMessageIds: [] } : patch;
  const next = { ...r, ...full, steps: [...r.steps, added], updatedAt: added.at };
  await tx.update('helpRequests', r._id, { ...full, steps: next.steps, updatedAt: added.at });
  return next;
}

/** Remembers messages that ask someone to act on the request as it now stands (see save). */
export async function rememberTodos(tx: Tx, r: HelpRequestDoc, ids: string[]): Promise<void> {
  if (!ids.length) return;
  r.todoMessageIds = [...(r.todoMessageIds ?? []), ...ids];
  await tx.update('helpRequests', r._id, { todoMessageIds: r.todoMessageIds });
}

/** Her credits fall short: said to whoever asks, in their words (the senior side reads 街道公共时间). */
export const creditWords = (seniorName: string, wording: Wording = 'staff'): RefusalWords => ({
  insufficient: (v) =>
    `${seniorName}的可用时间币是 ${formatHours(v.available)}，本次需要 ${formatHours(v.needed)}。可以少约一些时间，或请社工申请${wording === 'plain' ? '用街道公共时间' : '公益池资助'}`,
});
export const poolWords: RefusalWords = {
  insufficient: (v) => `公益池余额不足：可用 ${formatHours(v.available)}，需要 ${formatHours(v.needed)}`,
};

/** Refuses a senior too young to redeem, in the words of whoever acts (`via`: the senior side reads plain words). */
export function assertEligible(acting: Pick<Acting, 'seniorUser' | 'senior'> & { via?: ActorKind }, policy: TimebankPolicy, now: Date): void {
  const wording: Wording = acting.via && readsPlain(acting.via) ? 'plain' : 'staff';
  const e = redemptionEligibility(acting.seniorUser, acting.senior.specialDifficulty, policy, now, wording);
  if (!e.eligible) throw new AppError('NOT_ELIGIBLE', e.reason!, { age: e.age, requiredAge: e.requiredAge });
}

export const isStaffVia = (via: ActorKind) => via === 'socialWorker' || via === 'admin';
export const staffVia = (u: UserDoc): Via => (isAdmin(u) && servedCommittees(u.grants).length === 0 ? 'admin' : 'socialWorker');

/** The people told about a request's progress on the senior side (and the social worker who made it for them). */
export function sideOf(r: HelpRequestDoc, senior: SeniorDoc): string[] {
  const ids = seniorSide(senior);
  if (isStaffVia(r.createdVia)) ids.push(r.createdBy);
  return ids;
}

/**
 * Tells `userIds` (by default `sideOf(r, senior)`) about the request, each in their words: the
 * senior and her proxies read the message `text` builds with plain terms, a social worker the one
 * with the staff's (domain/words.ts). Returns the messages' ids.
 */
export async function tellSide(
  tx: Tx,
  r: HelpRequestDoc,
  senior: SeniorDoc,
  kind: SeniorMessageKind,
  text: (t: Terms, wording: Wording) => { title: string; body: string },
  at: string,
  userIds: readonly string[] = sideOf(r, senior),
): Promise<string[]> {
  const ids: string[] = [];
  for (const wording of ['plain', 'staff'] as const) {
    const to = userIds.filter((id) => wordingFor(senior, id) === wording);
    if (!to.length) continue;
    const { title, body } = text(terms(wording), wording);
    ids.push(...(await tell(tx, r.seniorId, to, kind, title, body, at)));
  }
  return ids;
}
