/** Settings of the local runtime, all from the environment, with the defaults a newcomer needs. */
import path from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Production mode: no dev login, no demo seed, no generated master key; decided by `isProduction`. */
  production: boolean;
  /** Folder of the H5 build served at `/`. */
  staticDir: string;
  seedDemo: boolean;
  logLevel: string;
  /** VERIFY_URL_BASE: the public address of the verify page; unset, the server's own address. */
  verifyUrlBase?: string;
}

/**
 * A setting the server cannot start with. Its message is for the operator and says what to do;
 * the entry points print it without a stack trace and exit 1.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** The NODE_ENV values that mean the development server (seeded demo street, dev login). */
const DEVELOPMENT_VALUES = new Set(['', 'development', 'test']);

/**
 * The one place that decides production mode, strictly: exactly `production` is production; unset,
 * empty, `development` and `test` are the development server; anything else (`Production`, `prod`,
 * ` production`) refuses to start. Guessing either way is unsafe: reading a typo as development
 * would leave the dev login open on real data, and reading it as production would hide the typo
 * until something else depends on it. So the operator is told to spell it exactly.
 */
export function isProduction(nodeEnv: string | undefined): boolean {
  if (nodeEnv === 'production') return true;
  if (nodeEnv === undefined || DEVELOPMENT_VALUES.has(nodeEnv)) return false;
  throw new StartupError(
    `NODE_ENV=${JSON.stringify(nodeEnv)} is not a mode this server knows. ` +
      'Set NODE_ENV=production (exactly, lower case) to run on real data without the dev login, ' +
      'or leave it unset (or development / test) for the demo street with the dev login.',
  );
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const production = isProduction(env.NODE_ENV);
  return {
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT ? Number(env.PORT) : 8787,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    production,
    staticDir: path.resolve(env.STATIC_DIR ?? 'build/h5'),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO !== '0' : !production,
    logLevel: env.LOG_LEVEL ?? 'info',
    verifyUrlBase: env.VERIFY_URL_BASE || undefined,
  };
}

/** What `npm start` and `server/serve.ts` print when starting fails: the message alone for a setting, else the stack. */
export function startupFailure(e: unknown): string {
  if (e instanceof StartupError) return `failed to start: ${e.message}\n`;
  return `failed to start: ${e instanceof Error ? e.stack : String(e)}\n`;
}
