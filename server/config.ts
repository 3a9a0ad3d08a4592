/** Settings of the local runtime, all from the environment, with the defaults a newcomer needs. */
import path from 'node:path';

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Production mode: no dev login, no demo seed. */
  production: boolean;
  /** Folder of the H5 build served at `/`. */
  staticDir: string;
  seedDemo: boolean;
  logLevel: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const production = env.NODE_ENV === 'production';
  return {
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT ? Number(env.PORT) : 8787,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    production,
    staticDir: path.resolve(env.STATIC_DIR ?? 'build/h5'),
    seedDemo: env.SEED_DEMO ? env.SEED_DEMO !== '0' : !production,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
