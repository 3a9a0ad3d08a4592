/** Text of the activity card that the shared words (commonMessages.activity) do not have. */
export const messages = {
  /** A full activity, to someone who cannot (or need not) join its waitlist: no invitation. */
  full: '名额已满',
} as const;
