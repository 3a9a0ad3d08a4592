import { View } from '@tarojs/components';
import type { HelpRequestView } from '@core/api';
import { Kv } from '@/components/Kv';
import { dateTime, hours } from '@/services/format';
import { messages as m } from './messages';

/** The request's facts: time, hours, how it is paid, who helps, and what happened to it. */
export function Facts({ r }: { r: HelpRequestView }) {
  const f = m.facts;
  const how = m.funding[r.funding];
  return (
    <View className='card'>
      <Kv k={f.time} v={r.timeText} />
      <Kv k={f.minutes} v={hours(r.minutes.minutes)} />
      <Kv k={f.pay} v={r.held.minutes > 0 ? f.held(how, hours(r.held.minutes)) : f.notHeld(how)} />
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
