import type { HelpRequestView } from '@core/api';

/** What every step of this page is given. */
export interface StepProps {
  r: HelpRequestView;
  /** The step's answer (the request's new view) and the sentence to show, or undefined when it failed. */
  onDone: (res: HelpRequestView | undefined, text: string) => void;
  onBack: () => void;
}

/** Hours reported beyond what was held: > 0 is more to pay, < 0 is some to give back. */
export function extraOf(r: HelpRequestView): number {
  return (r.report?.minutes.minutes ?? 0) - r.held.minutes;
}
