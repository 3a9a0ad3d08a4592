/** Limits of an activity's fields: the rules and the contract check them; the contract re-exports them (api/limits.ts); the app's forms import this file (webpack compiles only domain/ for the app). No imports. */

/** Most places of one activity. */
export const MAX_CAPACITY = 200;
/** Most weeks of a weekly series. */
export const MAX_SERIES_WEEKS = 26;
/** Waitlist places beyond the capacity; beyond them a sign-up is refused as full. */
export const MAX_WAITLIST = 200;

/** Limits of an activity's fields. */
export const ACTIVITY_LIMITS = {
  titleMin: 2,
  titleMax: 30,
  capacityMax: MAX_CAPACITY,
  minAgeMin: 14,
  minAgeMax: 100,
  seriesWeeksMin: 2,
  seriesWeeksMax: MAX_SERIES_WEEKS,
} as const;
