/**
 * A record's 异议 on 我的时间: where it stands (waiting for the street, upheld, granted), or, on a
 * rejected or reversed record of one's own, the way to raise one with a reason. Only what the
 * server says happened is said: "交给街道" once the appeal is stored and the admins were told.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RecordView } from '@core/api';
import { Notice } from '@/components/Notice';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { dateWithYear, isPast } from '@/services/dates';
import { Button } from '@/ui/nutui';
import { messages } from './messages';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';

const m = messages.appeal;

export function RecordAppeal({ record, onRaised }: { record: RecordView; onRaised: () => void }) {
  const appeal = useMutation('records', 'appeal');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const a = record.appeal;

  if (a) {
    return (
      <View className={`record__appeal record__appeal--${a.state}`}>
        <Text className='line__sub'>{m.raised(dateWithYear(a.raisedAt), a.reason)}</Text>
        {a.state === 'open' ? <Text className='line__sub'>{a.toldAdmins ? m.waiting(a.toldLeaders > 0) : m.nobodyYet(a.toldLeaders > 0)}</Text> : null}
        {a.state !== 'open' ? (
          <Text className='line__sub record__appeal-answer'>
            {(a.state === 'granted' ? m.granted(record.earnsCredits) : m.upheld) + m.answer(a.answer ?? '', a.decidedByName ?? '')}
          </Text>
        ) : null}
        {a.state === 'upheld' ? <Text className='line__sub'>{m.nextStep}</Text> : null}
      </View>
    );
  }
  if (!record.canAppeal) {
    // Rejected or reversed, never appealed, and the window has closed: say so, and where to go instead.
    return record.appealUntil && isPast(record.appealUntil) ? (
      <View className='record__appeal'>
        <Text className='line__sub'>{m.tooLate(dateWithYear(record.appealUntil))}</Text>
      </View>
    ) : null;
  }
  if (!open) {
    return (
      <View className='record__appeal'>
        <Button size='large' block onClick={() => setOpen(true)}>
          {m.open}
        </Button>
        {record.appealUntil ? <Text className='line__sub'>{m.until(dateWithYear(record.appealUntil))}</Text> : null}
      </View>
    );
  }
  const submit = async () => {
    if (isTooShortReason(reason)) {
      setReasonError(m.reasonTooShort);
      return;
    }
    setReasonError(null);
    const res = await appeal.run({ recordId: record.id, reason: reason.trim() });
    if (res) {
      setOpen(false);
      onRaised();
    }
  };
  return (
    <View className='record__appeal section'>
      <Text className='line__sub'>{m.explain}</Text>
      <TextArea
        label={m.label}
        placeholder={m.placeholder}
        value={reason}
        maxlength={REASON_MAX_CHARS}
        error={reasonError ?? appeal.fieldErrors.reason}
        onChange={setReason}
      />
      {appeal.error ? <Notice kind='error'>{m.failed + appeal.error}</Notice> : null}
      <View className='btn-pair'>
        <Button type='primary' size='large' disabled={appeal.busy} onClick={() => void submit()}>
          {appeal.busy ? m.sending : m.send}
        </Button>
        <Button size='large' onClick={() => setOpen(false)}>
          {m.cancel}
        </Button>
      </View>
    </View>
  );
}
