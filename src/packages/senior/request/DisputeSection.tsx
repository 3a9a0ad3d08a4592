import { View } from '@tarojs/components';
import { useMutation } from '@/hooks/useMutation';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import { StepError } from './StepError';
import type { StepProps } from './step';
import { useReason } from './useReason';

/** 有异议: what went wrong, in words. */
export function DisputeSection({ r, onDone, onBack }: StepProps) {
  const dispute = useMutation('help', 'dispute');
  const reason = useReason();
  return (
    <View className='step-form'>
      {reason.field(m.dispute.reason, m.dispute.placeholder, m.dispute.hint)}
      <StepError of={dispute} />
      <Button
        className='btn-block'
        type='primary'
        size='large'
        block
        disabled={dispute.busy}
        onClick={() => {
          if (reason.check()) void dispute.run({ requestId: r.id, reason: reason.text }).then((res) => onDone(res, m.dispute.done));
        }}
      >
        {dispute.busy ? m.dispute.working : m.dispute.submit}
      </Button>
      <Button className='btn-block' size='large' block disabled={dispute.busy} onClick={onBack}>
        {m.back}
      </Button>
    </View>
  );
}
