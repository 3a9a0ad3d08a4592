/**
 * A record's 异议 on 我的时间: where it stands (waiting for the street, upheld, granted), or the way to
 * raise one with a reason: on a rejected or reversed record of one's own, to have it recorded again;
 * on an approved one, quietly and only when asked for, about its minutes (how many hours it should hold). Only what the
 * server says happened is said: "交给街道" once the appeal is stored and the admins were told.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { RecordView } from '@core/api';
import { Field, HOURS_INPUT } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { dateWithYear, isPast } from '@/services/dates';
import { hours, readHours } from '@/services/format';
import { Button } from '@/ui/nutui';
import { messages } from './messages';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';

const m = messages.appeal;

/**
 * `offerMinutes`: whether an approved record offers its 对时长有异议 now. Most approved records are
 * right, so the page offers it on them only once the volunteer says one was recorded short.
 */
export function RecordAppeal({ record, offerMinutes, onRaised }: { record: RecordView; offerMinutes: boolean; onRaised: () => void }) {
  const appeal = useMutation('records', 'appeal');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [claimed, setClaimed] = useState('');
  const [claimedError, setClaimedError] = useState<string | null>(null);
  const a = record.appeal;
  const aboutMinutes = record.state === 'approved';

  if (a) {
    return (
      <View className={`record__appeal record__appeal--${a.state}`}>
        <Text className='line__sub'>
          {a.claimedMinutes
            ? m.raisedMinutes(dateWithYear(a.raisedAt), hours(a.claimedMinutes.minutes), a.reason)
            : m.raised(dateWithYear(a.raisedAt), a.reason)}
        </Text>
        {a.state === 'open' ? <Text className='line__sub'>{a.toldAdmins ? m.waiting(a.toldLeaders > 0) : m.nobodyYet(a.toldLeaders > 0)}</Text> : null}
        {a.state !== 'open' ? (
          <Text className='line__sub record__appeal-answer'>
            {(a.state === 'granted'
              ? a.about === 'minutes'
                ? m.grantedMinutes(hours(a.grantedMinutes?.minutes ?? 0), record.earnsCredits)
                : m.granted(record.earnsCredits)
              : m.upheld) + m.answer(a.answer ?? '', a.decidedByName ?? '')}
          </Text>
        ) : null}
        {a.state === 'upheld' ? <Text className='line__sub'>{m.nextStep}</Text> : null}
      </View>
    );
  }
  if (!record.canAppeal) {
    // Rejected or reversed, never appealed, and the window has closed: say so, and where to go instead.
    // (An approved record past its window says nothing: most records are, and nobody asked.)
    return !aboutMinutes && record.appealUntil && isPast(record.appealUntil) ? (
      <View className='record__appeal'>
        <Text className='line__sub'>{m.tooLate(dateWithYear(record.appealUntil))}</Text>
      </View>
    ) : null;
  }
  if (!open) {
    if (aboutMinutes) {
      if (!offerMinutes) return null;
      return (
        <View className='record__appeal record__appeal--quiet'>
          <Button size='normal' onClick={() => setOpen(true)}>
            {m.openMinutes}
          </Button>
        </View>
      );
    }
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
    let minutes: number | undefined;
    if (aboutMinutes) {
      const read = readHours(claimed, 24 * 60);
      const problem =
        'problem' in read ? m.claimed[read.problem] : read.minutes <= record.minutes.minutes ? m.claimed.notMore(hours(record.minutes.minutes)) : null;
      setClaimedError(problem);
      if (problem || 'problem' in read) return;
      minutes = read.minutes;
    }
    if (isTooShortReason(reason)) {
      setReasonError(m.reasonTooShort);
      return;
    }
    setReasonError(null);
    const res = await appeal.run({ recordId: record.id, reason: reason.trim(), ...(minutes === undefined ? {} : { minutes }) });
    if (res) {
      setOpen(false);
      onRaised();
    }
  };
  return (
    <View className='record__appeal section'>
      <Text className='line__sub'>{aboutMinutes ? m.explainMinutes : m.explain}</Text>
      {aboutMinutes ? (
        <Field
          label={m.claimed.label}
          placeholder={m.claimed.placeholder}
          hint={m.claimed.hint(hours(record.minutes.minutes))}
          type={HOURS_INPUT}
          value={claimed}
          error={claimedError ?? appeal.fieldErrors.minutes}
          onChange={setClaimed}
        />
      ) : null}
      <TextArea
        label={m.label}
        placeholder={m.placeholder}
        value={reason}
        maxlength={REASON_MAX_CHARS}
        error={reasonError ?? appeal.fieldErrors.reason}
        onChange={setReason}
      />
      <FailureNotice of={appeal} failed={m.failed} />
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
