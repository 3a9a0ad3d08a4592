import type { Handlers } from '../core/runtime/dispatch';
import * as scheduler from '../core/services/scheduler';

export const handlers: Handlers<'scheduler'> = {
  run: scheduler.run,
};
