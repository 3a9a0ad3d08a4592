/**
 * A senior's consents as views carry them: each separate answer (photos, health notes) with who
 * recorded it, and what she agreed to at the 居委 desk. Here, below both the account and the seniors
 * contracts, because both carry the desk consent (account.me for her, seniors.home for those acting for her).
 */

/** A consent the senior gave or withdrew, and who recorded her answer. */
export interface RecordedConsentView {
  granted: boolean;
  via: 'senior' | 'proxy' | 'socialWorker';
  at: string;
}

/**
 * What a senior (or her guardian) agreed to at the 居委 desk, for her and whoever may act for her (a
 * confirmed family proxy, her 居委, an admin) to read again: who agreed and when, the policy version,
 * the separate answers about health notes and photos, and the 居委 to see to change or withdraw it.
 * Her address, phone, living alone, special difficulty and emergency contacts are always covered (the
 * desk records a senior only with that consent); the view carries none of them.
 */
export interface DeskConsentView {
  seniorId: string;
  by: 'senior' | 'guardian';
  guardianName: string | null;
  at: string;
  version: string;
  /** The 居委 holding her record: whom to see to change or withdraw the consent. */
  committeeName: string;
  /** The staff member who read her the notice and recorded her answer. */
  recordedByName: string;
  /** The separate consent for her 老伙伴 to note her health: null when never asked (no). */
  health: RecordedConsentView | null;
  /** Consent to appear in activity photos: null when never asked (no). */
  photos: RecordedConsentView | null;
}
