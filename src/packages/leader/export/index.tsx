/**
 * 导出服务记录: a team's service records for a date range as an xlsx file (teams.exportRecords,
 * base64). On weapp the file is written with the file system manager and opened with
 * openDocument (from where it can be forwarded); on H5 it downloads as a Blob.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Choices } from '../../../components/Choices';
import { Field } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { useMutation } from '../../../hooks/useMutation';
import { addDays, hours, today } from '../../../services/format';
import { useParam } from '../../../services/routes';
import { Button } from '../../../ui/nutui';
import { TeamPicker } from '../components/TeamPicker';
import { useLedTeams } from '../components/useLedTeams';
import { messages as m } from './messages';

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

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

/** Saves and opens (weapp) or downloads (H5) the file; throws when the platform refuses. */
async function deliver(filename: string, mimeType: string, base64: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const blob = new Blob([base64ToBytes(base64)], { type: mimeType });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`;
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: (e) => reject(new Error(e.errMsg)),
    });
  });
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
}

export default function ExportRecords() {
  const param = useParam('teamId');
  const led = useLedTeams();
  const [teamId, setTeamId] = useState<string | null>(param || null);
  useEffect(() => {
    if (!teamId && led.teams[0]) setTeamId(led.teams[0].id);
  }, [teamId, led.teams]);
  const [range, setRange] = useState<Range | null>('thisMonth');
  const initial = rangeOf('thisMonth');
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const exp = useMutation('teams', 'exportRecords');

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
    setDone(m.done(res.rows, hours(res.totalMinutes), res.filename));
    try {
      await deliver(res.filename, res.mimeType, res.base64);
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
          options={(['thisMonth', 'lastMonth', 'thisYear'] as const).map((r) => ({ value: r, label: m.rangeLabel(m.ranges[r], rangeOf(r).from, rangeOf(r).to) }))}
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
      {exp.error ? <Notice kind='error'>{m.failed + exp.error}</Notice> : null}
      {done ? (
        <Notice kind='success'>
          {done}
          <Text className='text'>{process.env.TARO_ENV === 'h5' ? m.h5Hint : m.weappHint}</Text>
        </Notice>
      ) : null}
      {openError ? <Notice kind='warning'>{openError}</Notice> : null}
      <Button className='btn-block' type='primary' size='large' block disabled={exp.busy || !teamId} onClick={() => void submit()}>
        {exp.busy ? m.exporting : m.export}
      </Button>
    </Screen>
  );
}
