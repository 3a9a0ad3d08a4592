/**
 * Which CloudBase environment the weapp build pins `wx.cloud.init` to: `TARO_APP_CLOUD_ENV`, read at
 * build time (from the shell or from Taro's `.env.production`). A production weapp build refuses to
 * build without it, so an upload never talks to whichever environment happens to be the AppID's
 * default; a development build (`--watch`, NODE_ENV=development) may use the default environment
 * and says so. H5 does not use CloudBase and is never affected.
 */

export const CLOUD_ENV_VARIABLE = 'TARO_APP_CLOUD_ENV';

export const MISSING_IN_PRODUCTION =
  'TARO_APP_CLOUD_ENV is not set: a production weapp build must name its CloudBase environment ' +
  "(wx.cloud.init would otherwise use the AppID's default environment). " +
  'Run `TARO_APP_CLOUD_ENV=<envId> npm run build:weapp` or put TARO_APP_CLOUD_ENV=<envId> in .env.production (docs/deploy.md, "The mini-program").';

export const DEFAULT_IN_DEVELOPMENT = "TARO_APP_CLOUD_ENV is not set: this development weapp build uses the AppID's default CloudBase environment.";

export type CloudEnvDecision = { ok: true; envId: string; notice?: string } | { ok: false; message: string };

/** The environment id for this build, or why the build must stop. */
export function weappCloudEnv(env: NodeJS.ProcessEnv): CloudEnvDecision {
  const envId = (env[CLOUD_ENV_VARIABLE] ?? '').trim();
  if (env.TARO_ENV !== 'weapp' || envId) return { ok: true, envId };
  if (env.NODE_ENV === 'development') return { ok: true, envId: '', notice: DEFAULT_IN_DEVELOPMENT };
  return { ok: false, message: MISSING_IN_PRODUCTION };
}
