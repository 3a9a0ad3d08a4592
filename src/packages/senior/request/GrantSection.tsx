import { Text, View } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
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
  // Said before she writes a reason: a pool too small for the request cannot be approved (a new street's is empty).
  const pool = useQuery('timebank', 'pool', { limit: 1 }, approve);
  const available = pool.data?.balance.available.minutes ?? null;
  const short = approve && available !== null && available < r.minutes.minutes;
  return (
    <View className='step-form'>
      <Text className='text'>{approve ? m.grant.approveText(hours(r.minutes.minutes)) : m.grant.refuseText}</Text>
      {short ? <Notice kind='warning'>{m.grant.poolShort(hours(available), hours(r.minutes.minutes))}</Notice> : null}
      {reason.field(m.grant.reason, m.grant.placeholder)}
      <StepError of={grant} />
      <Button
        className='btn-block'
        type='primary'
        size='large'
        block
        disabled={grant.busy || short}
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
