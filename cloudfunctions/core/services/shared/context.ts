/** What every service receives: who is calling, the store, the clock and the secrets. */
import { AppError } from '../../errors';
import type { Secrets } from '../../crypto';
import type { PermissionRole } from '../../domain/roles';
import type { Store, Tx } from '../../store/port';
import type { Files } from '../../files/port';
import type { Notifier } from '../../notifier/port';
import type { Wxacode } from '../../wxacode/port';
import type { UserDoc } from '../../domain/people';
import type { Channel } from '../../domain/notifications';

export interface Actor {
  /** The WeChat OPENID (or local dev identity); never taken from request data. */
  openid: string;
  user: UserDoc | null;
  roles: PermissionRole[];
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface ServiceContext {
  actor: Actor;
  store: Store;
  secrets: Secrets;
  /** Absent where the runtime has no file storage; services that make files use requireFiles. */
  files?: Files;
  /** WeChat subscription messages or the local outbox; absent in tests that send nothing. */
  notifier?: Notifier;
  /** Mini-program codes (CloudBase); absent locally. */
  wxacode?: Wxacode;
  /** Where the verify page is served on the web (RuntimeDeps.verifyUrlBase); the QR on a proof points there. */
  verifyUrlBase?: string;
  now(): Date;
  log: Logger;
  /** The caller's requestId (mutations always have one); services derive idempotency keys such as transfer ids from it. */
  requestId?: string;
  /**
   * Runs the one transaction of a mutation, idempotent on the request id: a retried call
   * returns the first result and writes nothing twice.
   */
  mutate<R, A = R>(body: (tx: Tx) => Promise<R>, options?: MutateOptions<R, A>): Promise<A>;
  /**
   * Delivers, now, the notifications written by the transactions of this call so far (and settles
   * the alarm chains they belong to). The dispatcher does this after every call anyway; a service
   * calls it when its answer must say who was reached.
   */
  deliver(): Promise<void>;
}

/** Where this runtime's subscription messages go; without a notifier nothing reaches WeChat. */
export const channelOf = (ctx: Pick<ServiceContext, 'notifier'>): Channel => ctx.notifier?.kind ?? 'local';

/** What a view of an alert depends on besides the alert: how messages go out here, and the time now. */
export interface Viewing {
  channel: Channel;
  now: Date;
}
export const viewing = (ctx: Pick<ServiceContext, 'notifier' | 'now'>): Viewing => ({ channel: channelOf(ctx), now: ctx.now() });

interface MutateOptions<R, A> {
  /**
   * After the commit and the delivery of its notifications: the answer to give (and to give again to
   * a retry), e.g. an alert re-read to say who was reached. The change itself is already committed.
   * A retry that comes before this answer was stored (the first call died in between) makes it again
   * from what the transaction returned.
   */
  answer?: (committed: R) => Promise<A>;
}

/** The file storage of the runtime; its absence is a deployment mistake, not the caller's. */
export function requireFiles(ctx: ServiceContext): Files {
  if (!ctx.files) throw new Error('this runtime has no file storage (RuntimeDeps.files)');
  return ctx.files;
}

/** The registered user behind the actor; services call this after the permission gate. */
export function requireUser(ctx: ServiceContext): UserDoc {
  if (!ctx.actor.user) throw new AppError('NOT_REGISTERED');
  return ctx.actor.user;
}
