/** CloudBase adapter of the Store port. PLACEHOLDER: being written; see test/integration/store-cloudbase. */
import type { Store } from '../port';

export type CloudbaseDatabase = unknown;

export function createCloudbaseStore(_db: CloudbaseDatabase): Store {
  throw new Error('not implemented yet');
}
