/**
 * WAL checkpoints off the commit path.
 *
 * By default SQLite checkpoints inside the COMMIT that takes the WAL past 1,000 pages: that commit
 * copies the pages back into the database file and syncs it, and everything waiting in this
 * process waits with it. Measured on the ledger bench (docs/performance.md), those checkpoints
 * were about 45 % of a busy writer's time. A busy store therefore hands them to a worker thread
 * with its own connection: the writer turns its automatic checkpoints off, and after each commit
 * asks the worker for a PASSIVE checkpoint (one at a time, at most one per PAUSE_MS; requests made
 * meanwhile become the next one), which copies what has been committed without ever blocking the
 * writer or readers.
 * When the worker cannot keep up (the WAL passes `fallbackPages`, as with a reader that never lets
 * go) or fails, the writer's own automatic checkpoints come back, so the WAL stays bounded.
 *
 * SQLite starts writing the WAL from its beginning again only when a transaction begins with every
 * frame already checkpointed. The worker's checkpoints run while commits go on, so that moment may
 * never come and the WAL file would grow without end (119 MB after the demo seed, against 4 MB with
 * SQLite's own checkpoints). So once the worker reports more than `restartPages` pages in the WAL,
 * the writer checkpoints the little left itself, between two batches, and its next transaction
 * starts the WAL over (and cuts the file back to the store's journal_size_limit: 21 MB after the
 * seed with the default 4,000 pages).
 *
 * Quiet stores (the tests, a street's ordinary day) never start the worker: it starts after
 * `startAfterCommits` commits.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** SQLite's own default for wal_autocheckpoint. */
const AUTO_CHECKPOINT_PAGES = 1000;

export interface CheckpointerOptions {
  /** Commits before the worker starts (0: at the first commit). */
  startAfterCommits?: number;
  /** WAL size (pages) past which the writer checkpoints for itself again until the worker catches up. */
  fallbackPages?: number;
  /** WAL size (pages) past which the writer checkpoints once so the WAL starts over (see above). */
  restartPages?: number;
}

/** Slots of the shared memory between the writer's thread and the worker. */
const REQUESTED = 0;
const LOG = 1;
const CHECKPOINTED = 2;
const CLOSING = 3;
const FAILED = 4;
const COUNT = 5;
const SLOTS = 6;
/** Rest between two checkpoints of the worker. */
const PAUSE_MS = 20;

/**
 * The worker's code, plain JavaScript (it runs outside any transform, under jest too). It talks
 * through shared memory, not messages: a writer busy in a loop of microtasks (as a bench, or a
 * burst of calls, is) never gets back to its event loop to read a message, but reads these slots.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const slots = new Int32Array(workerData.shared);
const db = new Database(workerData.file, { timeout: 60000 });
let done = 0;
for (;;) {
  Atomics.wait(slots, ${REQUESTED}, done);
  if (Atomics.load(slots, ${CLOSING})) break;
  const requested = Atomics.load(slots, ${REQUESTED});
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    Atomics.store(slots, ${LOG}, row.log);
    Atomics.store(slots, ${CHECKPOINTED}, row.checkpointed);
    Atomics.add(slots, ${COUNT}, 1);
  } catch (e) {
    Atomics.store(slots, ${FAILED}, 1);
    break;
  }
  done = requested;
  // At most one checkpoint per pause: each syncs the files, and a busy writer commits far more often.
  Atomics.wait(slots, ${CLOSING}, 0, ${PAUSE_MS});
}
db.close();
`;

export class Checkpointer {
  private worker: Worker | null = null;
  private exited: Promise<void> | null = null;
  private slots: Int32Array | null = null;
  private commits = 0;
  private restarts = 0;
  private selfCheckpointing = true;
  private stopped = false;
  private readonly startAfter: number;
  private readonly fallbackPages: number;
  private readonly restartPages: number;

  constructor(
    private readonly file: string,
    private readonly writer: Database.Database,
    options: CheckpointerOptions = {},
  ) {
    this.startAfter = options.startAfterCommits ?? 200;
    this.fallbackPages = options.fallbackPages ?? 20_000;
    this.restartPages = options.restartPages ?? 4_000;
  }

  /** Checkpoints run by the worker, those the writer ran to start the WAL over, and whether the writer checkpoints for itself: for benches and tests. */
  get stats(): { inWorker: number; restarts: number; writerCheckpoints: boolean } {
    return { inWorker: this.slots ? Atomics.load(this.slots, COUNT) : 0, restarts: this.restarts, writerCheckpoints: this.selfCheckpointing };
  }

  /**
   * Called after every commit of the writer, before the batch is answered: it must never throw, so
   * anything unexpected ends the worker and leaves checkpoints to SQLite, as without it.
   */
  committed(): void {
    if (this.stopped) return;
    try {
      this.afterCommit();
    } catch {
      this.stop();
    }
  }

  private afterCommit(): void {
    this.commits += 1;
    if (!this.slots) {
      if (this.commits < this.startAfter) return;
      this.start();
    }
    const slots = this.slots!;
    if (Atomics.load(slots, FAILED)) return this.stop();
    // Behind by more than the fallback: the writer checkpoints for itself until the worker catches up.
    const log = Atomics.load(slots, LOG);
    this.setSelfCheckpointing(log - Atomics.load(slots, CHECKPOINTED) > this.fallbackPages);
    if (log > this.restartPages && !this.writer.inTransaction) {
      // Busy (the worker is checkpointing) leaves it for the next commit; the worker's next report resets LOG.
      const [row] = this.writer.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number }>;
      if (row && !row.busy) {
        Atomics.store(slots, LOG, 0);
        this.restarts += 1;
        // Not a word to the worker now: a checkpoint of its own would hold the WAL when the next
        // transaction begins, and the WAL would not start over.
        return;
      }
    }
    Atomics.add(slots, REQUESTED, 1);
    Atomics.notify(slots, REQUESTED);
  }

  private start(): void {
    const shared = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.file, driver: require.resolve('better-sqlite3'), shared } });
    // A store left open must not keep the process alive for its checkpoints.
    worker.unref();
    worker.on('error', () => this.stop());
    this.worker = worker;
    this.exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.slots = new Int32Array(shared);
    this.setSelfCheckpointing(false);
  }

  private setSelfCheckpointing(on: boolean): void {
    if (on === this.selfCheckpointing) return;
    this.selfCheckpointing = on;
    if (this.writer.open) this.writer.pragma(`wal_autocheckpoint = ${on ? AUTO_CHECKPOINT_PAGES : 0}`);
  }

  /** The writer checkpoints for itself again; the worker ends. */
  private stop(): void {
    this.stopped = true;
    try {
      this.setSelfCheckpointing(true);
    } catch {
      // A writer that cannot take a pragma fails its next statement too, where the caller hears of it.
    }
    if (this.slots) {
      Atomics.store(this.slots, CLOSING, 1);
      Atomics.notify(this.slots, CLOSING);
      Atomics.add(this.slots, REQUESTED, 1);
      Atomics.notify(this.slots, REQUESTED);
    }
  }

  async close(): Promise<void> {
    this.stop();
    // The worker closes its own connection, so it never ends mid-checkpoint; held referenced
    // meanwhile, or a process with nothing else to do would exit before it has.
    this.worker?.ref();
    await this.exited;
  }
}
