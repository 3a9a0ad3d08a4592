/** A senior's contact deadline as one line: muted while it is ahead, bold and in words once it has passed. */
import { Text } from '@tarojs/components';
import { dueText } from './dueText';

export function DueLine({ dueAt }: { dueAt: string }) {
  const due = dueText(dueAt);
  return <Text className={due.overdue ? 'pt-line pt-overdue' : 'muted pt-line pt-due'}>{due.text}</Text>;
}
