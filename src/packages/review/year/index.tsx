/**
 * 年度志愿报告: my year as one image (drawn by ./draw.ts: on weapp into `<Canvas type="2d">`, on H5
 * into an HTML canvas), saved to the album (weapp) or downloaded (H5), with the same numbers as
 * text below it for screen readers and elder mode. `?year=` opens another year.
 */
import { Canvas, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { YearReview } from '@core/api';
import { Choices } from '@/components/Choices';
import { Kv } from '@/components/Kv';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { hours } from '@/services/format';
import { today, calendarDay } from '@/services/dates';
import { useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from '../messages';
import { H5_FONT_FAMILY, SIZE, WEAPP_FONT_FAMILY, drawYearReview, type Context2D } from './draw';
import { SaveRefused, saveH5, saveWeapp } from './save';
import './index.scss';

const isH5 = process.env.TARO_ENV === 'h5';
const HOST_ID = 'year-review-host';
const CANVAS_ID = 'year-review-canvas';

/** H5: a fresh canvas at device pixels in the host, drawn once the page's fonts are ready. */
async function drawH5(r: YearReview): Promise<HTMLCanvasElement> {
  const host = document.getElementById(HOST_ID);
  if (!host) throw new Error('no canvas host');
  // Fonts the page has not used yet would otherwise be drawn with a fallback.
  await document.fonts?.ready;
  const scale = Math.max(2, Math.ceil(window.devicePixelRatio || 1));
  const canvas = document.createElement('canvas');
  canvas.width = SIZE.width * scale;
  canvas.height = SIZE.height * scale;
  canvas.className = 'year-image__canvas';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', m.imageLabel(r.year, r.hoursText));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.scale(scale, scale);
  drawYearReview(ctx, r, H5_FONT_FAMILY);
  host.replaceChildren(canvas);
  return canvas;
}

/** weapp: the `<Canvas type="2d">` node, sized to its CSS box times the pixel ratio. */
function drawWeapp(r: YearReview): Promise<Taro.Canvas> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: Taro.Canvas; width: number; height: number } | null>) => {
        const found = res[0];
        if (!found?.node) return reject(new Error('no canvas node'));
        const canvas = found.node;
        const ratio = Taro.getWindowInfo().pixelRatio || 2;
        canvas.width = Math.round(found.width * ratio);
        canvas.height = Math.round(found.height * ratio);
        const ctx = canvas.getContext('2d') as unknown as Context2D & { scale(x: number, y: number): void };
        const scale = (found.width / SIZE.width) * ratio;
        ctx.scale(scale, scale);
        drawYearReview(ctx, r, WEAPP_FONT_FAMILY);
        resolve(canvas);
      });
  });
}

/** The weapp canvas's CSS size: the screen's width less the page margins, in the image's proportions. */
function weappBox(): { width: number; height: number } {
  const width = Math.min(Taro.getWindowInfo().windowWidth - 32, 480);
  return { width, height: Math.round((width * SIZE.height) / SIZE.width) };
}

export default function YearReviewPage() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const thisYear = Number(today().slice(0, 4));
  const asked = Number(useParam('year'));
  const [year, setYear] = useState(Number.isInteger(asked) && asked > 0 ? asked : thisYear);
  const review = useQuery('certificates', 'yearReview', { year }, ready);
  const drawn = useRef<HTMLCanvasElement | Taro.Canvas | null>(null);
  const [drawState, setDrawState] = useState<'waiting' | 'drawn' | 'failed'>('waiting');
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [box] = useState(() => (isH5 ? null : weappBox()));
  const r = review.data;

  useEffect(() => {
    if (!r) return;
    let live = true;
    setDrawState('waiting');
    setSaved(false);
    setSaveError(null);
    // After the render that put the canvas (or its host) on the page.
    const run = async () => {
      try {
        const canvas = isH5 ? await drawH5(r) : await drawWeapp(r);
        if (!live) return;
        drawn.current = canvas;
        setDrawState('drawn');
      } catch {
        if (live) setDrawState('failed');
      }
    };
    const timer = setTimeout(() => void run(), 50);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [r]);

  const save = async () => {
    if (!r || !drawn.current) return;
    setSaving(true);
    setSaved(false);
    setSaveError(null);
    try {
      if (isH5) saveH5(drawn.current as HTMLCanvasElement, r.year);
      else await saveWeapp(drawn.current as Taro.Canvas);
      setSaved(true);
    } catch (e) {
      setSaveError(e instanceof SaveRefused ? e.message : e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const f = m.facts;
  return (
    <Screen>
      <Text className='greeting'>{m.heading(year)}</Text>
      <Text className='field__hint'>{m.intro}</Text>
      <Choices
        label={m.year}
        options={[
          { value: String(thisYear), label: `${m.years.thisYear}（${thisYear}）` },
          { value: String(thisYear - 1), label: `${m.years.lastYear}（${thisYear - 1}）` },
        ]}
        value={String(year)}
        onChange={(v) => setYear(Number(v))}
      />
      {review.error ? <Notice kind='error'>{m.loadFailed + review.error}</Notice> : null}
      {!r && review.loading ? <Text className='loading'>{m.loading}</Text> : null}
      {r ? (
        <>
          <View className='year-image'>
            {isH5 ? (
              <View id={HOST_ID} className='year-image__host' />
            ) : (
              <Canvas type='2d' id={CANVAS_ID} className='year-image__weapp' style={{ width: `${box!.width}px`, height: `${box!.height}px` }} />
            )}
          </View>
          {drawState === 'failed' ? <Notice kind='warning'>{m.drawFailed}</Notice> : null}
          {saved ? <Notice kind='success'>{isH5 ? m.savedH5 : m.savedWeapp}</Notice> : null}
          {saveError ? <Notice kind='error'>{saveError}</Notice> : null}
          <Button className='btn-block' type='primary' size='large' block disabled={drawState !== 'drawn' || saving} onClick={() => void save()}>
            {saving ? m.saving : m.save}
          </Button>

          <View className='section year-facts'>
            <Text className='section__title'>{f.title}</Text>
            <View className='card'>
              <Kv k={f.hours} v={r.hoursText} />
              <Kv k={f.records} v={f.recordsValue(r.records)} />
              <Kv k={f.activities} v={m.image.activitiesValue(r.activities)} />
              <Kv k={f.people} v={m.image.peopleValue(r.peopleServed)} />
              <Kv k={f.credits} v={r.creditsText} />
              <Kv k={f.star} v={r.star.label} />
              <Kv k={f.teams} v={r.teams.length ? r.teams.map((x) => `${x.name}（${x.hoursText}）`).join('、') : f.none} />
              <Kv k={f.first} v={r.firstDate ? calendarDay(r.firstDate) : f.none} />
              <Kv k={f.last} v={r.lastDate ? calendarDay(r.lastDate) : f.none} />
            </View>
            <View className='card'>
              <Text className='section__title'>{f.months}</Text>
              {r.months.map((minutes, i) =>
                minutes > 0 ? (
                  <Text key={i} className='text year-facts__month'>
                    {f.monthLine(i + 1, hours(minutes))}
                  </Text>
                ) : null,
              )}
              {r.months.every((x) => x === 0) ? <Text className='text'>{f.none}</Text> : null}
            </View>
            <Text className='field__hint'>{f.peopleHint}</Text>
            {r.excludedCount > 0 ? <Text className='field__hint'>{f.excluded(r.excludedCount)}</Text> : null}
          </View>
        </>
      ) : null}
    </Screen>
  );
}
