/**
 * A change that did not go through, in words: the page's lead-in and the server's reason, as an error.
 * A change whose outcome is unknown (no answer, the server failing: `retryable`) is not said to have
 * failed: its sentence stands alone, as a warning, with the page's hint to try again where it has one
 * (the call keeps its requestId, so trying again never does the change twice). Nothing when there is
 * no error.
 */
import { Text } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { apiMessages } from '@/messages/api';

/** The mutation's state (useMutation). */
interface Failure {
  error: string | null;
  retryable: boolean;
}

/** The line for a failure: the lead-in (e.g. 报名没有成功：) only before a definite refusal. */
export function failureText(failed: string, x: Failure): string {
  return x.retryable ? (x.error ?? '') : failed + (x.error ?? '');
}

interface Props {
  of: Failure;
  /** The page's lead-in, e.g. 没有注销成功：. */
  failed: string;
  retryHint?: string;
}

export function FailureNotice({ of: x, failed, retryHint }: Props) {
  if (!x.error) return null;
  if (x.retryable && retryHint) {
    // The page's own hint names its button: it replaces the general one.
    return (
      <Notice kind='warning'>
        {apiMessages.unsettled}
        <Text className='text'>{retryHint}</Text>
      </Notice>
    );
  }
  return <Notice kind={x.retryable ? 'warning' : 'error'}>{failureText(failed, x)}</Notice>;
}
