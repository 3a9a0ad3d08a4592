/**
 * A change that did not go through, in words: the page's lead-in and the server's reason, and the
 * page's hint to try again where that may help (a network failure: the call keeps its requestId, so
 * trying again never does the change twice). Nothing when there is no error.
 */
import { Text } from '@tarojs/components';
import { Notice } from '@/components/Notice';

interface Props {
  /** The mutation's state (useMutation). */
  of: { error: string | null; retryable: boolean };
  /** The page's lead-in, e.g. 没有注销成功：. */
  failed: string;
  retryHint: string;
}

export function FailureNotice({ of: x, failed, retryHint }: Props) {
  return x.error ? (
    <Notice kind='error'>
      {failed + x.error}
      {x.retryable ? <Text className='text'>{retryHint}</Text> : null}
    </Notice>
  ) : null;
}
