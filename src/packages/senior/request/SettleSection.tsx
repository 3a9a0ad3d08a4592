import { View } from '@tarojs/components';
import { useState } from 'react';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { useMutation } from '@/hooks/useMutation';
import { hours, minutesFromHours } from '@/services/format';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import { StepError } from './StepError';
import { extraOf, type StepProps } from './step';
import { useReason } from './useReason';

/** 居委 staff settle a disputed or stuck request: all, part (in hours) or nothing, with a reason. */
export function SettleSection({ r, onDone, onBack }: StepProps) {
  const settle = useMutation('help', 'settle');
  const reason = useReason();
  const [how, setHow] = useState<'all' | 'part' | 'void'>('all');
  const [partHours, setPartHours] = useState('');
  const [partError, setPartError] = useState<string | null>(null);
  const [extraFrom, setExtraFrom] = useState<'credits' | 'pool'>(r.funding === 'pool' ? 'pool' : 'credits');
  const extra = extraOf(r);

  const submit = () => {
    const part = how === 'part' ? minutesFromHours(partHours) : null;
    setPartError(how === 'part' && part === null ? m.settle.partInvalid : null);
    if (!reason.check() || (how === 'part' && part === null)) return;
    void settle
      .run({
        requestId: r.id,
        how,
        reason: reason.text,
        ...(part !== null ? { minutes: part } : {}),
        ...(how === 'all' && extra > 0 ? { extraFrom } : {}),
      })
      .then((res) => onDone(res, m.settle.done));
  };

  return (
    <View className='step-form'>
      <Choices
        label={m.settle.how}
        options={[
          { value: 'all', label: m.settle.all(hours((r.report?.minutes.minutes ?? 0) || r.held.minutes)) },
          { value: 'part', label: m.settle.part },
          { value: 'void', label: m.settle.void },
        ]}
        value={how}
        onChange={(v) => setHow(v === 'part' ? 'part' : v === 'void' ? 'void' : 'all')}
      />
      {how === 'part' ? (
        <Field
          label={m.settle.partHours}
          type='digit'
          placeholder={m.settle.partPlaceholder}
          value={partHours}
          maxlength={5}
          error={partError}
          onChange={setPartHours}
        />
      ) : null}
      {how === 'all' && extra > 0 ? (
        <Choices
          label={m.confirm.extraFrom}
          options={[
            { value: 'credits', label: m.confirm.extraCredits },
            { value: 'pool', label: m.confirm.extraPool },
          ]}
          value={extraFrom}
          onChange={(v) => setExtraFrom(v === 'pool' ? 'pool' : 'credits')}
        />
      ) : null}
      {reason.field(m.settle.reason, m.settle.placeholder)}
      <StepError of={settle} />
      <Button className='btn-block' type='primary' size='large' block disabled={settle.busy} onClick={submit}>
        {settle.busy ? m.settle.working : m.settle.submit}
      </Button>
      <Button className='btn-block' size='large' block disabled={settle.busy} onClick={onBack}>
        {m.back}
      </Button>
    </View>
  );
}
