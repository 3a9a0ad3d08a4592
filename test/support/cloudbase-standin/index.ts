/**
 * In-memory stand-in of the wx-server-sdk database API, for tests.
 *
 * The production path is kept: `cloud.database()` of the real wx-server-sdk wraps the real
 * `Db` of @cloudbase/database (the query builder, serializers, transaction runner with its
 * rollback and retry logic, the not-found and error wrapping), exactly as in a cloud function.
 * Only the bottom is replaced: @cloudbase/database sends every call through `new Db.reqClass(config)
 * .send(action, params)`, which node-sdk points at its HTTP requester; here `Db.reqClass` answers
 * from a {@link StandinEngine} in memory instead. Each stand-in gets its own env id, and the request
 * class routes by `config.env`, so several stand-ins can live in one test file.
 *
 * See engine.ts for the CloudBase limits it enforces and what it does not model.
 */
import * as cloud from 'wx-server-sdk';
import { Db } from '@cloudbase/database';
import { StandinEngine, type EngineOptions } from './engine';

export { StandinEngine, StandinTcbError, READ_CAP, type EngineOptions, type EngineStats } from './engine';
export { createFakeOpenapi, type FakeOpenapi, type SubscribeSend } from './openapi';
export type { StandinOptions as CloudbaseStandinOptions };

const engines = new Map<string, StandinEngine>();
const INSTALLED = Symbol.for('street-timebank.cloudbase-standin.installed');
let counter = 0;

/** The request class @cloudbase/database instantiates for every query, document and transaction. */
class StandinRequester {
  private readonly engine: StandinEngine;
  constructor(config: { env?: string | symbol; envName?: string | symbol }) {
    // A function that calls cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV }) hands node-sdk a symbol,
    // which its requester resolves from the environment (TCB_ENV, else SCF_NAMESPACE): so do we.
    const configured = config.env ?? config.envName ?? '';
    const env = typeof configured === 'symbol' ? (process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? '') : configured;
    const engine = engines.get(env);
    if (!engine) throw new Error(`CloudBase stand-in: no engine for env "${env}" (was it disposed?)`);
    this.engine = engine;
  }
  send(action: string, params?: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.engine.send(action, params ?? {});
  }
}

/**
 * node-sdk assigns `Db.reqClass = TcbDBApiHttpRequester` on every `database()` call; an accessor
 * whose setter ignores that keeps the stand-in in place for the whole test module.
 */
function install(): void {
  const holder = Db as unknown as Record<symbol, boolean>;
  if (holder[INSTALLED]) return;
  Object.defineProperty(Db, 'reqClass', {
    configurable: true,
    get: () => StandinRequester,
    set: () => undefined,
  });
  holder[INSTALLED] = true;
  // wx-server-sdk initialises once per process. Where the process plays a cloud function (TCB_ENV set,
  // as CloudBase sets it), initialise as the functions do, so their own init changes nothing.
  (cloud.init as unknown as (config: object) => void)({ env: process.env.TCB_ENV ? cloud.DYNAMIC_CURRENT_ENV : 'standin-default' });
}

export interface CloudbaseStandin {
  /** The wx-server-sdk database object, as `cloud.database()` returns it in a cloud function. */
  db: unknown;
  engine: StandinEngine;
  env: string;
  dispose(): void;
}

export interface StandinOptions extends EngineOptions {
  /**
   * wx-server-sdk database config besides env, e.g. `{ throwOnNotFound: false }`. Production
   * (cloudbase-entry.ts) calls `cloud.database()` without one: doc().get() of a missing document rejects.
   */
  database?: Record<string, unknown>;
  /** The env id; a fresh one by default. A process playing a cloud function sets TCB_ENV to it first. */
  env?: string;
}

export function createCloudbaseStandin(options: StandinOptions = {}): CloudbaseStandin {
  install();
  const { database, env: chosenEnv, ...engineOptions } = options;
  const env = chosenEnv ?? `standin-${process.pid}-${++counter}`;
  if (engines.has(env)) throw new Error(`CloudBase stand-in: env "${env}" is taken`);
  const engine = new StandinEngine(engineOptions);
  engines.set(env, engine);
  const db = (cloud.database as unknown as (config: object) => unknown)({ ...database, env });
  return {
    db,
    engine,
    env,
    dispose: () => {
      engines.delete(env);
    },
  };
}
