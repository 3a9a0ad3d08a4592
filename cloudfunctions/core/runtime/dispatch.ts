/**
 * The one path of every call, whichever runtime hosts it:
 * event → shape check → action → actor → permission → zod parse → service → envelope.
 * Entries (CloudBase) and the local HTTP host both call `dispatch`.
 */
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import stableStringify from 'fast-json-stable-stringify';
import type { ActionName, ActionSpec, Contract, Envelope, FunctionName, ParsedInput, Output } from '../api';
// Only the event schema, not the index: a function's bundle carries its own actions' schemas only.
import { RequestEvent } from '../api/common';
import { AppError, isAppError } from '../errors';
import type { Secrets } from '../crypto';
import { isAllowed } from '../services/permissions';
import type { Actor, Logger, ServiceContext } from '../services/shared/context';
import type { UserDoc } from '../domain/people';
import type { Store, Tx } from '../store/port';
import type { Files } from '../files/port';
import type { Notifier } from '../notifier/port';
import type { Wxacode } from '../wxacode/port';
import { notificationTemplates } from '../notifier/templates';
import { deliverAndSettle } from '../services/delivery';

type Handler<F extends FunctionName, A extends ActionName<F>> = (ctx: ServiceContext, input: ParsedInput<F, A>) => Promise<Output<F, A>>;

export type Handlers<F extends FunctionName> = { [A in ActionName<F>]: Handler<F, A> };

/** One function as the dispatcher runs it: its actions' contract and the services behind them. */
export interface FunctionUnit<F extends FunctionName> {
  actions: Contract[F];
  handlers: Handlers<F>;
}

export interface RuntimeDeps {
  store: Store;
  secrets: Secrets;
  log: Logger;
  /** Cloud storage or DATA_DIR/files; only the actions that make files need it. */
  files?: Files;
  /** Delivers subscription messages after each call; without one they wait in the outbox. */
  notifier?: Notifier;
  /** Mini-program codes (CloudBase); absent locally, where a URL QR serves. */
  wxacode?: Wxacode;
  /**
   * The web address that serves `/verify/<code>`, where the QR on a proof points when it is not a
   * mini-program code: VERIFY_URL_BASE, else (locally) the server's own address once it listens.
   */
  verifyUrlBase?: string;
  now?: () => Date;
}

/**
 * The store as one call sees it: every transaction that commits reports the outbox rows it created,
 * so the call can deliver them right after (a retried body's rows are counted once, from the attempt
 * that committed).
 */
function recordingOutbox(store: Store): { store: Store; take(): string[] } {
  let written: string[] = [];
  const transaction = async <R>(body: (tx: Tx) => Promise<R>): Promise<R> => {
    const [result, ids] = await store.transaction(async (tx) => {
      const attempt: string[] = [];
      const recorded: Tx = {
        get: (c, id) => tx.get(c, id),
        create: async (c, doc) => {
          await tx.create(c, doc);
          if (c === 'outbox') attempt.push(doc._id);
        },
        set: (c, doc) => tx.set(c, doc),
        update: (c, id, patch) => tx.update(c, id, patch),
        remove: (c, id) => tx.remove(c, id),
      };
      return [await body(recorded), attempt] as const;
    });
    written.push(...ids);
    return result;
  };
  // Everything else is the store itself, methods bound to it (adapters keep private state).
  const wrapped = new Proxy(store, {
    get(target, prop) {
      if (prop === 'transaction') return transaction;
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    store: wrapped,
    take() {
      const ids = written;
      written = [];
      return ids;
    },
  };
}

/**
 * What a retry needs and nothing more: the first answer and what the request was. The function,
 * action and caller are in the id (`<openid>|<fn>.<action>|<requestId>`); createdAt dates it for
 * whoever clears old records.
 */
interface RequestRecord {
  _id: string;
  result: unknown;
  /** Hash of the parsed input; records written before it existed have none and replay as they are. */
  inputHash?: string;
  /**
   * Only for a mutation whose answer is made after the commit (`mutate`'s `answer`): false from the
   * commit until that answer is stored. A retry in between (the first call died there) makes the
   * answer again rather than replay what the transaction returned.
   */
  answered?: boolean;
  createdAt: string;
}

/**
 * What makes two calls under one requestId the same request: the parsed input (so key order,
 * trimmed spaces and defaults do not matter), hashed so the record does not keep a second copy of
 * the data.
 */
function inputHashOf(parsed: unknown): string {
  return createHash('sha256')
    .update(stableStringify(parsed ?? null))
    .digest('base64url')
    .slice(0, 32);
}

/** A used requestId sent with other data must not be answered as if the new request succeeded. */
function assertSameRequest(prior: RequestRecord, inputHash: string | null): void {
  if (prior.inputHash !== undefined && prior.inputHash !== inputHash) throw new AppError('IDEMPOTENCY_MISMATCH');
}

async function resolveActor(store: Store, openid: string): Promise<Actor> {
  const identity = await store.get<{ _id: string; userId: string }>('identities', openid);
  const user = identity ? await store.get<UserDoc>('users', identity.userId) : null;
  return { openid, user, roles: user ? user.roles : ['guest'] };
}

function zodDetails(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

function fail(code: AppError['code'], message?: string, details?: unknown): Envelope<never> {
  return { ok: false, error: new AppError(code, message, details).toBody() };
}

/**
 * @param openid the caller's identity as resolved by the runtime (WX context or session token);
 *               null when the runtime could not establish one.
 */
export async function dispatch<F extends FunctionName>(
  fn: F,
  unit: FunctionUnit<F>,
  rawEvent: unknown,
  openid: string | null,
  deps: RuntimeDeps,
): Promise<Envelope<unknown>> {
  const now = deps.now ?? (() => new Date());
  const started = Date.now();
  let action = '?';
  try {
    const event = RequestEvent.safeParse(rawEvent);
    if (!event.success) return fail('BAD_REQUEST', '请求格式不正确：需要 action、data、requestId', zodDetails(event.error));
    action = event.data.action;
    const actions = unit.actions as unknown as Record<string, ActionSpec>;
    const spec = Object.hasOwn(actions, action) ? actions[action] : undefined;
    const handler = Object.hasOwn(unit.handlers, action) ? (unit.handlers as Record<string, Handler<F, ActionName<F>>>)[action] : undefined;
    if (!spec || !handler) {
      return fail('UNKNOWN_ACTION', `没有这个操作：${action}`);
    }
    if (!openid) return fail('UNAUTHENTICATED');

    // A retried mutation returns its first answer, even when that answer changed the caller's
    // roles (registration turns a guest into a volunteer), so replay comes before the gate.
    const requestId = event.data.requestId;
    const requestKey = requestId ? `${openid}|${fn}.${action}|${requestId}` : null;
    if (spec.mutation && requestKey) {
      const prior = await deps.store.get<RequestRecord>('requests', requestKey);
      // An answer still to be made after the commit needs the handler: it goes on to `mutate`.
      if (prior && prior.answered !== false) {
        // Input that no longer parses cannot be the request that succeeded: a mismatch, not VALIDATION.
        const again = spec.input.safeParse(event.data.data ?? {});
        assertSameRequest(prior, again.success ? inputHashOf(again.data) : null);
        return { ok: true, data: prior.result };
      }
    }

    const actor = await resolveActor(deps.store, openid);
    if (!isAllowed(fn, action, actor.roles)) {
      return actor.user ? fail('FORBIDDEN') : fail('NOT_REGISTERED');
    }

    const parsed = spec.input.safeParse(event.data.data ?? {});
    if (!parsed.success) {
      const details = zodDetails(parsed.error);
      return fail('VALIDATION', details[0]?.message ?? undefined, details);
    }
    if (spec.mutation && !requestKey) {
      return fail('VALIDATION', '缺少 requestId：每次提交都需要一个请求编号', [{ path: 'requestId', message: '必填' }]);
    }

    const inputHash = spec.mutation ? inputHashOf(parsed.data) : null;
    let mutated = false;
    const outbox = recordingOutbox(deps.store);
    const deliver = async (): Promise<void> => {
      const ids = outbox.take();
      if (!ids.length || !deps.notifier) return;
      await deliverAndSettle({ store: outbox.store, notifier: deps.notifier, templates: notificationTemplates(), now, log: deps.log }, ids);
      // Settling a chain may itself write messages (the next link); they were delivered inside.
      outbox.take();
    };
    const ctx: ServiceContext = {
      actor,
      store: outbox.store,
      secrets: deps.secrets,
      files: deps.files,
      notifier: deps.notifier,
      wxacode: deps.wxacode,
      verifyUrlBase: deps.verifyUrlBase,
      now,
      log: deps.log,
      requestId,
      deliver,
      mutate: async <R, A = R>(body: (tx: Tx) => Promise<R>, options?: { answer?: (committed: R) => Promise<A> }): Promise<A> => {
        if (!spec.mutation || !requestKey) throw new Error(`${fn}.${action} is not declared a mutation`);
        if (mutated) throw new Error(`${fn}.${action} called mutate twice`);
        mutated = true;
        const answerLater = options?.answer;
        let replayed: RequestRecord | null = null;
        // The idempotency record is written in the same transaction as the change it guards.
        const committed = await outbox.store.transaction(async (tx) => {
          const prior = await tx.get<RequestRecord>('requests', requestKey);
          if (prior) {
            assertSameRequest(prior, inputHash);
            replayed = prior;
            return prior.result as R;
          }
          const result = await body(tx);
          const record: RequestRecord = {
            _id: requestKey,
            result: result === undefined ? null : result,
            ...(inputHash ? { inputHash } : {}),
            ...(answerLater ? { answered: false } : {}),
            createdAt: now().toISOString(),
          };
          await tx.create('requests', record);
          return result;
        });
        const prior = replayed as RequestRecord | null;
        // Without `answer` the transaction's value is the answer (A defaults to R); a stored answer replays as it is.
        if (!answerLater || (prior && prior.answered !== false)) return committed as unknown as A;
        await deliver();
        const answer = await answerLater(committed);
        // A retry gets this answer, not the one from inside the transaction.
        await deps.store.transaction((tx) => tx.update('requests', requestKey, { result: answer === undefined ? null : answer, answered: true }));
        return answer;
      },
    };

    const result = await handler(ctx, parsed.data as ParsedInput<F, ActionName<F>>);
    if (spec.mutation && !mutated) throw new Error(`${fn}.${action} is a mutation but wrote nothing through mutate`);
    try {
      await deliver();
    } catch (e) {
      // The change is committed and the messages are in the outbox: the scheduler sends them.
      deps.log.error({ fn, action, err: e instanceof Error ? e.message : String(e) }, 'delivery after the call failed');
    }
    deps.log.info({ fn, action, ms: Date.now() - started }, 'call');
    return { ok: true, data: result };
  } catch (e) {
    if (isAppError(e)) {
      deps.log.info({ fn, action, code: e.code, ms: Date.now() - started }, 'call refused');
      return { ok: false, error: e.toBody() };
    }
    deps.log.error({ fn, action, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'call failed');
    return fail('INTERNAL');
  }
}
