import { Text } from '@tarojs/components';
import { ConfirmStep } from '@/components/ConfirmStep';
import { useMutation } from '@/hooks/useMutation';
import { hours } from '@/services/format';
import { messages as m } from './messages';
import { StepError } from './StepError';
import type { StepProps } from './step';
import { useReason } from './useReason';

/** 取消求助: the held hours go back; a reason is optional. */
export function CancelSection({ r, onDone, onBack }: StepProps) {
  const cancel = useMutation('help', 'cancel');
  const reason = useReason();
  return (
    <ConfirmStep
      confirmLabel={m.cancel.submit}
      busyLabel={m.cancel.working}
      busy={cancel.busy}
      danger
      backLabel={m.cancel.keep}
      onBack={onBack}
      onConfirm={() => void cancel.run({ requestId: r.id, ...(reason.text ? { reason: reason.text } : {}) }).then((res) => onDone(res, m.cancel.done))}
    >
      <Text className='text'>{m.cancel.text(hours(r.held.minutes))}</Text>
      {r.state === 'assigned' ? <Text className='text'>{m.cancel.assigned}</Text> : null}
      {reason.field(m.cancel.reason, m.cancel.placeholder, undefined, true)}
      <StepError of={cancel} />
    </ConfirmStep>
  );
}
