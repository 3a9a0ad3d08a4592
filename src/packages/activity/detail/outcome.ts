/** What the page says after the person's own action (signed up, cancelled, checked in …). */
export type Outcome = { kind: 'success' | 'info' | 'warning'; text: string; extra?: string[] } | null;
