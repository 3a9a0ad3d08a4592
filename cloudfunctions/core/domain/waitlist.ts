/**
 * Waitlist promotion: when a place frees up (a cancellation, a larger capacity), the waitlist fills
 * it in order. The head of the waitlist takes the place if they are still waiting; a head who no
 * longer is (their sign-up was cancelled meanwhile) leaves the waitlist without a place and the next
 * one is asked. Nobody is promoted past the capacity. No I/O: `stillWaiting` answers from the
 * sign-ups the caller reads (one by one, by id, inside its transaction).
 */

interface Queue {
  signed: string[];
  waitlist: string[];
}

interface Promotion extends Queue {
  /** The people who got a place, in order. */
  promoted: string[];
}

/** Free places of an activity with this capacity and this many signed people (never negative). */
const freePlaces = (capacity: number, signedCount: number): number => Math.max(0, capacity - signedCount);

/** Fills free places from the waitlist, in order; returns the new queue and who was promoted. */
export async function promoteFromWaitlist(capacity: number, queue: Queue, stillWaiting: (userId: string) => Promise<boolean> | boolean): Promise<Promotion> {
  const signed = [...queue.signed];
  const waitlist = [...queue.waitlist];
  const promoted: string[] = [];
  while (freePlaces(capacity, signed.length) > 0 && waitlist.length > 0) {
    const userId = waitlist.shift()!;
    if (!(await stillWaiting(userId))) continue;
    signed.push(userId);
    promoted.push(userId);
  }
  return { signed, waitlist, promoted };
}
