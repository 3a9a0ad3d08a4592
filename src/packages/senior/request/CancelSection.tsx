import { Text } from '@tarojs/components';
import { ConfirmStep } from '@/components/ConfirmStep';
import { useMutation } from '@/hooks/useMutation';
import { messages as m } from './messages';
import { StepError } from './StepError';
import type { StepProps } from './step';
import { useReason } from './useReason';
import { words } from './wording';

/** 取消求助: the held hours go back (to the senior, told so in her own voice when `self`, or to the pool); a reason is optional. */
export function CancelSection({ r, self, onDone, onBack }: StepProps & { self: boolean }) {
  const w = words(self);
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
      onConfirm={() => void cancel.run({ requestId: r.id, ...(reason.text ? { reason: reason.text } : {}) }).then((res) => onDone(res, w.cancelDone(r)))}
    >
      {r.held.minutes > 0 ? <Text className='text'>{w.cancelText(r)}</Text> : null}
      {r.state === 'assigned' ? <Text className='text'>{m.cancel.assigned}</Text> : null}
      {reason.field(m.cancel.reason, m.cancel.placeholder, undefined, true)}
      <StepError of={cancel} />
    </ConfirmStep>
  );
}
