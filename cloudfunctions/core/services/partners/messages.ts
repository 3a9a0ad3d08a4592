/** Inbox messages of the programme. */
import type { MessageKind } from '../../api';
import type { Tx } from '../../store/port';
import { notify } from '../inbox';

/** Inbox kinds of the programme (api/inbox.ts lists the activities' kinds only). */
export type PartnerMessageKind =
  'partner.paired' | 'partner.ended' | 'partner.due' | 'partner.overdue' | 'partner.worried' | 'partner.approved' | 'alert.raised' | 'alert.closed';

/** Tells `userIds`; `seniorId` is the senior the message names (cleared when her record is closed), or null. */
export async function tellUsers(
  tx: Tx,
  seniorId: string | null,
  userIds: Iterable<string>,
  kind: PartnerMessageKind,
  title: string,
  body: string,
  at: string,
): Promise<void> {
  for (const userId of new Set(userIds)) {
    if (userId === 'system') continue;
    await notify(tx, { userId, kind: kind as unknown as MessageKind, title, body, ...(seniorId ? { seniorId } : {}) }, at);
  }
}
