/** Inbox message kinds of the seniors, help and alert features. */
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
  | 'help.expired'
  | 'help.overdue'
  | 'senior.proxy'
  | 'senior.moved'
  | 'alert.raised'
  | 'alert.closed';
