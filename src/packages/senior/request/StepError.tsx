import { FailureNotice } from '@/components/FailureNotice';
import { messages as m } from './messages';

/** A step's failure, with the hint to try again when it may help. */
export function StepError({ of: x }: { of: { error: string | null; retryable: boolean } }) {
  return <FailureNotice of={x} failed={m.failed} retryHint={m.retryHint} />;
}
