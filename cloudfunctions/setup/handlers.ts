import type { Handlers } from '../core/runtime/dispatch';
import * as setup from '../core/services/setup';

export const handlers: Handlers<'setup'> = {
  status: setup.status,
  // The secret is configuration of this function (SETUP_SECRET), read at call time so a changed
  // environment variable takes effect without a redeploy.
  claimAdmin: (ctx, input) => setup.claimAdmin(ctx, input, process.env.SETUP_SECRET),
};
