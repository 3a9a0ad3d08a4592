import { Text, View } from '@tarojs/components';
import { useMutation } from '@/hooks/useMutation';
import { hours } from '@/services/format';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import { StepError } from './StepError';
import type { StepProps } from './step';
import { useReason } from './useReason';

/** 居委 staff approve or refuse paying the request from the pool, with a reason. */
export function GrantSection({ r, approve, onDone, onBack }: StepProps & { approve: boolean }) {
  const grant = useMutation('help', 'decideGrant');
  const reason = useReason();
  return (
    <View className='step-form'>
      <Text className='text'>{approve ? m.grant.approveText(hours(r.minutes.minutes)) : m.grant.refuseText}</Text>
      {reason.field(m.grant.reason, m.grant.placeholder)}
      <StepError of={grant} />
      <Button
        className='btn-block'
        type='primary'
        size='large'
        block
        disabled={grant.busy}
        onClick={() => {
          if (reason.check())
            void grant.run({ requestId: r.id, approve, reason: reason.text }).then((res) => onDone(res, approve ? m.grant.approved : m.grant.refused));
        }}
      >
        {grant.busy ? m.grant.working : approve ? m.grant.submitApprove : m.grant.submitRefuse}
      </Button>
      <Button className='btn-block' size='large' block disabled={grant.busy} onClick={onBack}>
        {m.back}
      </Button>
    </View>
  );
}
