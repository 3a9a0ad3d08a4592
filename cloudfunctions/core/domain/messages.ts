/** Inbox messages: the message document and the message kinds of the seniors, help and alert features. */
import type { Doc } from './doc';
import type { NoticeKind } from './notifications';
export type SeniorMessageKind =
  | 'help.grantRequested'
  | 'help.grantDecided'
  | 'help.accepted'
  | 'help.onTheWay'
  | 'help.handedBack'
  | 'help.reported'
  | 'help.confirmed'
  | 'help.disputed'
  | 'help.settled'
  | 'help.cancelled'
  | 'help.withdrawn'
  | 'help.expired'
  | 'help.overdue'
  | 'senior.proxy'
  | 'senior.moved'
  | 'alert.raised'
  | 'alert.closed';

export interface MessageDoc extends Doc {
  userId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  activityId: string | null;
  teamId: string | null;
  /** What the message is about (activity, alert, help request ...), for the page it opens. */
  refId?: string | null;
  /** The senior it names, if any: her record's close clears the title and body. */
  seniorId?: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
}
