import { View } from '@tarojs/components';
import type { HelpRequestView } from '@core/api';
import { Kv } from '@/components/Kv';
import { hours } from '@/services/format';
import { dateTime } from '@/services/dates';
import { messages as m } from './messages';
import { words } from './wording';

/**
 * The request's facts: time, hours, how it is paid and where the credits are now (held only while
 * they are), who helps, and what happened to it; to the senior herself in her own voice (`self`).
 */
export function Facts({ r, self }: { r: HelpRequestView; self: boolean }) {
  const f = m.facts;
  return (
    <View className='card'>
      <Kv k={f.time} v={r.timeText} />
      <Kv k={f.minutes} v={hours(r.minutes.minutes)} />
      <Kv k={f.pay} v={words(self).payLine(r)} />
      {r.volunteer ? <Kv k={f.volunteer} v={f.volunteerLine(r.volunteer.name, r.volunteer.phoneMasked)} /> : null}
      {r.report ? <Kv k={f.report} v={f.reportLine(hours(r.report.minutes.minutes), r.report.note)} /> : null}
      {r.note ? <Kv k={f.note} v={r.note} /> : null}
      {r.dispute ? <Kv k={f.dispute} v={f.disputeLine(r.dispute.reason, r.dispute.byName)} /> : null}
      {r.grant ? <Kv k={f.grant} v={f.grantLine(r.grant.approved, r.grant.byName, r.grant.reason)} /> : null}
      {r.settlement ? (
        <Kv k={f.settlement} v={f.settlementLine(hours(r.settlement.minutes.minutes), r.settlement.byName, r.settlement.viaText, r.settlement.reason)} />
      ) : null}
      <Kv k={f.created} v={f.createdLine(r.createdByName, r.createdViaText, dateTime(r.createdAt))} />
    </View>
  );
}
