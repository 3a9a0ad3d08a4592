/**
 * Contract of the `setup` function: setting up an environment once (docs/deploy.md).
 *
 * `run` is not a dispatcher action: it runs before the collections the dispatcher needs exist, and
 * is invoked by the operator from the CloudBase CLI or console, where there is no WeChat caller. The
 * entry (cloudfunctions/setup/index.ts) checks its input with `SetupRunInput` and the secret, then
 * runs services/setup.ts runSetup. The two actions below go through the dispatcher as usual.
 */
import * as z from 'zod';
import { Empty, type ActionSpecs } from './common';

const Secret = z.string().min(1, { error: '请输入开通口令' }).max(200, { error: '开通口令太长' });

export const SetupRunInput = z.strictObject({ secret: Secret });

export const setupActions = {
  status: {
    input: Empty,
    mutation: false,
    summary: '街道是否已开通、首位管理员是否已开通（不含任何个人信息）',
  },
  claimAdmin: {
    input: z.strictObject({ secret: Secret }),
    mutation: true,
    summary: '已注册的人输入开通口令，成为首位街道管理员；只能成功一次，之后由管理员授权其他管理员',
    errors: ['SETUP_FORBIDDEN', 'ADMIN_ALREADY_CLAIMED', 'NOT_SET_UP'],
  },
} satisfies ActionSpecs;

/** What `run` answers: what it created or changed; a second run reports `changed: false`. */
export interface SetupRunResult {
  street: string;
  changed: boolean;
  collectionsCreated: string[];
  committees: { created: string[]; updated: string[]; keptNotInFile: string[] };
  teams: { created: string[]; existing: number };
  policy: 'written' | 'kept';
  /** The street map of street.json: loaded (new or changed file), kept (unchanged, or an import stands), none in the file. */
  map: 'written' | 'kept' | 'none';
  migrationsApplied: string[];
  adminClaimed: boolean;
}

export interface SetupResults {
  status: { setUp: boolean; streetName: string | null; adminClaimed: boolean };
  claimAdmin: { roles: string[] };
}
