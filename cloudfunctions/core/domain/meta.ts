/** Documents of the `meta` collection that run the system itself: the setup marker, applied migrations, the scheduler's cursors. */
import type { Doc } from './doc';

/** The setup marker in `meta`: which street, when, and who claimed the first admin. */
export interface SetupMarker extends Doc {
  _id: 'setup';
  streetCode: string;
  streetName: string;
  /** street.json is still the shipped demo street (`street.sample`); absent on markers written before the flag. */
  sample?: boolean;
  firstSetupAt: string;
  lastSetupAt: string;
  runs: number;
  adminClaimedBy: string | null;
  adminClaimedAt: string | null;
}

/** Applied migrations, in `meta` too. */
export interface MigrationsDoc extends Doc {
  _id: 'migrations';
  applied: Array<{ id: string; at: string }>;
}

/** Where a part of the scheduler stopped when its budget ran out: a `meta` document. */
export interface SweepCursorDoc {
  _id: string;
  /** The phase of the part to resume (help: desks, unconfirmed, unreported, open, awaiting_grant). */
  phase: string;
  /** Store cursor after the last item handled in that phase; null to start the phase from its beginning. */
  after: string | null;
  /** Readable: the sort value and id of that item. */
  last: string | null;
  /** When the pass this cursor belongs to began, and how many runs it has taken so far. */
  since: string;
  runs: number;
  updatedAt: string;
}
