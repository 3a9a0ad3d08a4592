import { Text } from '@tarojs/components';
import { useState } from 'react';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { useMutation } from '@/hooks/useMutation';
import { hours } from '@/services/format';
import { messages as m } from './messages';
import { StepError } from './StepError';
import { extraOf, type StepProps } from './step';
import { words } from './wording';

/** 确认完成: the hours the volunteer gets; 居委 staff choose where extra hours come from. The senior herself (`self`) is spoken to. */
export function ConfirmSection({ r, staff, self, onDone, onBack }: StepProps & { staff: boolean; self: boolean }) {
  const w = words(self);
  const confirm = useMutation('help', 'confirm');
  const [extraFrom, setExtraFrom] = useState<'credits' | 'pool'>('credits');
  const reported = r.report?.minutes.minutes ?? 0;
  const held = r.held.minutes;
  const volunteerName = r.volunteer?.name ?? '';
  const extra = extraOf(r);
  return (
    <ConfirmStep
      confirmLabel={m.confirm.submit}
      busyLabel={m.confirm.working}
      busy={confirm.busy}
      backLabel={m.notNow}
      onBack={onBack}
      onConfirm={() => void confirm.run({ requestId: r.id, ...(extra > 0 && staff ? { extraFrom } : {}) }).then((res) => onDone(res, m.confirm.done))}
    >
      <Text className='confirm__big'>{m.confirm.big(volunteerName, hours(reported))}</Text>
      {extra === 0 ? <Text className='text'>{m.confirm.same(hours(held), volunteerName)}</Text> : null}
      {extra < 0 ? <Text className='text'>{w.less(r, hours(reported), volunteerName, hours(-extra))}</Text> : null}
      {extra > 0 ? (
        <>
          <Text className='text'>{m.confirm.more(hours(extra))}</Text>
          {staff ? (
            <Choices
              label={m.confirm.extraFrom}
              options={[
                { value: 'credits', label: m.confirm.extraCredits },
                { value: 'pool', label: m.confirm.extraPool },
              ]}
              value={extraFrom}
              onChange={(v) => setExtraFrom(v === 'pool' ? 'pool' : 'credits')}
            />
          ) : (
            <Text className='text'>{r.funding === 'pool' ? m.confirm.morePool : w.moreCredits}</Text>
          )}
        </>
      ) : null}
      <StepError of={confirm} />
    </ConfirmStep>
  );
}
