/**
 * 街道地图 (admin): what map the 文明实践地图 uses now (street.json or an import, features by kind)
 * and importing another street's GeoJSON with its coordinate system stated. The server checks the
 * whole file (admin.importStreetMap) and refuses a bad one with the path of the first problem; only a
 * stored map is reported as imported.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { StreetMapInfo } from '@core/api';
import { Choices } from '@/components/Choices';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { dateTime } from '@/services/dates';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';

type Crs = 'GCJ-02' | 'WGS84';

/** A .geojson file's text: WeChat picks it from a chat; the browser from the disk. */
async function pickFileText(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.geojson,.json,application/geo+json,application/json';
      input.onchange = () => {
        const file = input.files?.[0];
        if (!file) return resolve(null);
        file.text().then(resolve, reject);
      };
      input.click();
    });
  }
  const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['geojson', 'json'] });
  const path = picked.tempFiles[0]?.path;
  if (!path) return null;
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'utf8',
      success: (res) => resolve(String(res.data)),
      fail: (e) => reject(new Error(e.errMsg)),
    });
  });
}

function Summary({ info }: { info: StreetMapInfo }) {
  return (
    <View className='card section'>
      <Text className='section__title'>{m.current}</Text>
      <Text className='text map-source'>{m.source[info.source]}</Text>
      {info.note ? <Text className='muted'>{info.note}</Text> : null}
      {info.updatedAt ? <Text className='line__sub'>{m.updated(dateTime(info.updatedAt), info.updatedByName ?? '')}</Text> : null}
      <Text className='text map-counts'>
        {Object.entries(info.counts)
          .map(([kind, n]) => m.count(m.kinds[kind] ?? kind, n))
          .join('、')}
      </Text>
    </View>
  );
}

export default function StreetMapImport() {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const current = useQuery('admin', 'streetMap', {}, isAdmin);
  const importMap = useMutation('admin', 'importStreetMap');
  const [info, setInfo] = useState<StreetMapInfo | null>(null);
  const [crs, setCrs] = useState<Crs>('GCJ-02');
  const [text, setText] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const [empty, setEmpty] = useState(false);
  const [imported, setImported] = useState<number | null>(null);

  useEffect(() => {
    if (current.data) setInfo(current.data);
  }, [current.data]);

  if (!isAdmin) {
    return (
      <Screen>
        <Notice kind='warning'>{m.notAdmin}</Notice>
      </Screen>
    );
  }

  const choose = async () => {
    setPickError(null);
    try {
      const content = await pickFileText();
      if (content !== null) setText(content);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e);
      if (!/cancel/i.test(msg)) setPickError(m.chooseFailed + msg);
    }
  };

  const submit = async () => {
    setImported(null);
    if (!text.trim()) return setEmpty(true);
    setEmpty(false);
    const res = await importMap.run({ coordinateSystem: crs, geojson: text });
    if (res) {
      setInfo(res);
      setImported(Object.values(res.counts).reduce((s, n) => s + n, 0));
    }
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='field__hint'>{m.intro}</Text>
      {current.error ? <Notice kind='error'>{current.error}</Notice> : null}
      {info ? <Summary info={info} /> : null}
      <Choices
        label={m.crsLabel}
        options={(['GCJ-02', 'WGS84'] as const).map((value) => ({ value, label: m.crs[value] }))}
        value={crs}
        onChange={(v) => setCrs(v as Crs)}
      />
      <Button size='large' block onClick={() => void choose()}>
        {m.choose}
      </Button>
      {pickError ? <Notice kind='error'>{pickError}</Notice> : null}
      <TextArea label={m.fileLabel} hint={m.fileHint} value={text} onChange={setText} maxlength={-1} error={empty ? m.empty : null} />
      <FailureNotice of={importMap} failed={m.failed} />
      {imported !== null ? <Notice kind='success'>{m.done(imported)}</Notice> : null}
      <Button type='primary' size='large' block disabled={importMap.busy} onClick={() => void submit()}>
        {importMap.busy ? m.busy : m.submit}
      </Button>
      {imported !== null ? (
        <Button size='large' block onClick={() => go(ROUTES.activityMap)}>
          {m.openMap}
        </Button>
      ) : null}
    </Screen>
  );
}
