/** 签到签退: my attendance, when check-in opens, and the QR scan or the typed 6 digits once it has. */
import { Text, View } from '@tarojs/components';
import type { ActivityDetail } from '@core/api';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { dateTime } from '@/services/dates';
import { hours } from '@/services/format';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import type { useAttendance } from './useAttendance';

const isWeapp = process.env.TARO_ENV === 'weapp';

type My = NonNullable<ActivityDetail['my']>;

interface Props {
  a: ActivityDetail;
  my: My;
  canCheck: boolean;
  opensSoon: boolean;
  attendance: ReturnType<typeof useAttendance>;
}

/** After check-out: the record's fate once a leader decided, else waiting for review. */
function checkedOutText(my: Props['my']): string {
  const at = dateTime(my.checkOutAt ?? '');
  const r = my.record;
  if (!r) return m.attendance.out(at, hours(my.servedMinutes ?? 0));
  if (r.state === 'approved') return m.attendance.record.approved(at, hours(r.minutes));
  if (r.state === 'rejected') return m.attendance.record.rejected(at, r.reason);
  if (r.state === 'reversed') return m.attendance.record.reversed(at, r.reason);
  return r.secondReview ? m.attendance.record.secondReview(at, hours(r.minutes)) : m.attendance.out(at, hours(r.minutes));
}

export function AttendanceSection({ a, my, canCheck, opensSoon, attendance: at }: Props) {
  const out = my.attendance === 'in';
  // Checked in before the start (check-in opens an hour early): 签退 waits for the start, as the server says.
  // The server's phase, not this phone's clock (which may be wrong).
  const checkOutLater = out && a.phase === 'upcoming';
  return (
    <View className='section card'>
      <Text className='section__title'>{m.attendanceTitle}</Text>
      <Text className='text'>
        {my.attendance === 'in'
          ? m.attendance.in(dateTime(my.checkInAt ?? ''))
          : my.attendance === 'out'
            ? checkedOutText(my)
            : my.attendance === 'absent'
              ? m.attendance.absent
              : m.attendance.none}
      </Text>
      {opensSoon ? <Text className='text'>{m.opensAt(dateTime(a.checkInOpensAt))}</Text> : null}
      {canCheck && checkOutLater ? <Text className='text'>{m.checkOutFrom(dateTime(a.startAt))}</Text> : null}
      {canCheck && !checkOutLater ? (
        <>
          <Text className='muted'>{m.checkinHint}</Text>
          {at.localError ? <Notice kind='warning'>{at.localError}</Notice> : null}
          {at.error ? <Notice kind='error'>{m.checkFailed + at.error}</Notice> : null}
          {isWeapp ? (
            <Button className='btn-block' type='primary' size='large' block disabled={at.busy} onClick={() => void at.scan(out)}>
              {out ? m.scanOut : m.scanIn}
            </Button>
          ) : null}
          <View className='section'>
            <Field label={m.codeLabel} type='number' maxlength={6} placeholder={m.codePlaceholder} value={at.code} error={at.codeError} onChange={at.setCode} />
            <Button className='btn-block' type={isWeapp ? 'default' : 'primary'} size='large' block disabled={at.busy} onClick={() => at.typed(out)}>
              {at.busy ? (out ? m.checkingOut : m.checkingIn) : out ? m.checkOut : m.checkIn}
            </Button>
          </View>
        </>
      ) : null}
    </View>
  );
}
