/**
 * 导出服务记录: a team's service records for a date range as an xlsx file. teams.exportRecords
 * stores it (cloud storage, or DATA_DIR/files locally) and answers its id and a short-lived link;
 * on weapp the file is downloaded and opened with openDocument (from where it can be forwarded),
 * on H5 it is fetched and saved.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { hours } from '@/services/format';
import { today } from '@/services/dates';
import { addDays } from '@core/domain/schedule';
import { deliverFile } from '@/services/download';
import { Button } from '@/ui/nutui';
import { TeamPicker } from '../components/TeamPicker';
import { useChosenTeam } from '../components/useChosenTeam';
import type { TeamsResults } from '@core/api';
import { messages as m } from './messages';
import './index.scss';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Range = 'thisMonth' | 'lastMonth' | 'thisYear';

function rangeOf(r: Range): { from: string; to: string } {
  const t = today();
  const first = `${t.slice(0, 7)}-01`;
  if (r === 'thisMonth') return { from: first, to: t };
  if (r === 'thisYear') return { from: `${t.slice(0, 4)}-01-01`, to: t };
  const lastEnd = addDays(first, -1);
  return { from: `${lastEnd.slice(0, 7)}-01`, to: lastEnd };
}

export default function ExportRecords() {
  const { led, teamId, setTeamId } = useChosenTeam();
  const [range, setRange] = useState<Range | null>('thisMonth');
  const initial = rangeOf('thisMonth');
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const exp = useMutation('teams', 'exportRecords');
  const [made, setMade] = useState<TeamsResults['exportRecords'] | null>(null);

  const choose = (r: Range) => {
    const v = rangeOf(r);
    setRange(r);
    setFrom(v.from);
    setTo(v.to);
  };

  const submit = async () => {
    setDone(null);
    setOpenError(null);
    const e: Record<string, string> = {};
    if (!DATE.test(from.trim())) e.from = m.dateInvalid;
    if (!DATE.test(to.trim())) e.to = m.dateInvalid;
    else if (!e.from && from.trim() > to.trim()) e.to = m.order;
    setErrors(e);
    if (Object.keys(e).length || !teamId) return;
    const res = await exp.run({ teamId, from: from.trim(), to: to.trim() });
    if (!res) return;
    setMade(res);
    await open(res);
  };

  /** 已导出 only once the file is on the phone; otherwise say it was made but not opened, and offer again. */
  const open = async (file: NonNullable<typeof made>) => {
    setOpenError(null);
    setDone(null);
    try {
      await deliverFile({ ...file, fileType: 'xlsx' }, m.downloadStatus);
      setDone(m.done(file.rows, hours(file.totalMinutes), file.filename));
    } catch (err) {
      setOpenError(m.openFailed + (err instanceof Error ? err.message : String(err)));
    }
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>
      <TeamPicker label={m.chooseTeam} teams={led.teams} value={teamId} onChange={setTeamId} />
      <View className='section'>
        <Choices
          label={m.quick}
          options={(['thisMonth', 'lastMonth', 'thisYear'] as const).map((r) => ({
            value: r,
            label: m.rangeLabel(m.ranges[r], rangeOf(r).from, rangeOf(r).to),
          }))}
          value={range}
          onChange={(v) => choose(v as Range)}
        />
        <Field
          label={m.from.label}
          placeholder={m.from.placeholder}
          value={from}
          maxlength={10}
          error={errors.from ?? exp.fieldErrors.from}
          onChange={(v) => {
            setRange(null);
            setFrom(v);
          }}
        />
        <Field
          label={m.to.label}
          placeholder={m.to.placeholder}
          value={to}
          maxlength={10}
          error={errors.to ?? exp.fieldErrors.to}
          onChange={(v) => {
            setRange(null);
            setTo(v);
          }}
        />
      </View>
      <FailureNotice of={exp} failed={m.failed} />
      {done ? (
        <Notice kind='success'>
          {done}
          <Text className='text'>{process.env.TARO_ENV === 'h5' ? m.h5Hint : m.weappHint}</Text>
        </Notice>
      ) : null}
      {openError && made ? (
        <>
          <Notice kind='warning'>{openError}</Notice>
          <Button className='btn-block' size='large' block onClick={() => void open(made)}>
            {m.openAgain}
          </Button>
        </>
      ) : null}
      <Button className='btn-block' type='primary' size='large' block disabled={exp.busy || !teamId} onClick={() => void submit()}>
        {exp.busy ? m.exporting : m.export}
      </Button>
    </Screen>
  );
}
