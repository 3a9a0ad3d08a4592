/**
 * A chart and its table: the picture drawn by ./draw.ts (weapp: `<Canvas type="2d">`'s node found
 * with createSelectorQuery, at the device's pixel ratio; H5: an HTML canvas made in a host view),
 * then the same numbers as a table, the text alternative screen readers and elder mode read.
 * Imported only by the admin and leader packages, so the main package never carries it.
 */
import { Canvas, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { elderFontScale, systemFontScale } from '@/services/fontScale';
import { useElderMode } from '@/state/store';
import { chartHeight, drawChart, H5_FONT_FAMILY, WEAPP_FONT_FAMILY, type ChartSpec, type Context2D } from './draw';
import { chartMessages as m } from './messages';
import './index.scss';

const isH5 = process.env.TARO_ENV === 'h5';

export interface ChartTable {
  /** Column heads: the row label's, then one per value column. */
  head: string[];
  rows: string[][];
}

interface Props {
  /** Unique on the page (the canvas's id). */
  id: string;
  title: string;
  spec: ChartSpec;
  /** The text alternative: a table of the chart's numbers, or `children` when the page already lists them. */
  table?: ChartTable;
  children?: ReactNode;
  /** A sentence saying what the chart shows (the canvas's accessible name). */
  summary: string;
}

type Drawn = 'waiting' | 'drawn' | 'empty' | 'failed';

/** H5: a fresh canvas at device pixels, as wide as its host. */
async function drawH5(hostId: string, spec: ChartSpec, height: number, fontScale: number, summary: string): Promise<'drawn' | 'empty'> {
  const host = document.getElementById(hostId);
  if (!host) throw new Error('no chart host');
  await document.fonts?.ready;
  const width = Math.max(200, host.clientWidth);
  const ratio = Math.max(2, Math.ceil(window.devicePixelRatio || 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.className = 'chart__canvas';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', summary);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.scale(ratio, ratio);
  const state = drawChart(ctx, spec, { width, height, fontScale, family: H5_FONT_FAMILY, emptyText: m.empty });
  canvas.dataset.chart = state;
  host.replaceChildren(canvas);
  return state;
}

/** weapp: the `<Canvas type="2d">` node, sized to its CSS box times the pixel ratio. */
function drawWeapp(canvasId: string, spec: ChartSpec, fontScale: number): Promise<'drawn' | 'empty'> {
  return new Promise((resolve, reject) => {
    Taro.createSelectorQuery()
      .select(`#${canvasId}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: Taro.Canvas; width: number; height: number } | null>) => {
        const found = res[0];
        if (!found?.node) return reject(new Error('no canvas node'));
        const canvas = found.node;
        const ratio = Taro.getWindowInfo().pixelRatio || 2;
        canvas.width = Math.round(found.width * ratio);
        canvas.height = Math.round(found.height * ratio);
        const ctx = canvas.getContext('2d') as unknown as Context2D & { scale(x: number, y: number): void };
        ctx.scale(ratio, ratio);
        resolve(drawChart(ctx, spec, { width: found.width, height: found.height, fontScale, family: WEAPP_FONT_FAMILY, emptyText: m.empty }));
      });
  });
}

export function Chart({ id, title, spec, table, summary, children }: Props) {
  const elder = useElderMode();
  // Elder mode's type is at WeChat's 关怀模式 size (1.4 × standard); the labels follow it.
  const fontScale = elder ? 1.4 * elderFontScale() : systemFontScale();
  const height = chartHeight(spec, fontScale);
  const [drawn, setDrawn] = useState<Drawn>('waiting');
  const canvasId = `chart-${id}`;
  const hostId = `chart-host-${id}`;
  // Redraw when the numbers, the labels or the size change (the spec's functions do not).
  const key = useMemo(() => JSON.stringify([spec.kind, spec.labels, spec.series, spec.unit, fontScale, height]), [spec, fontScale, height]);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      const run = isH5 ? drawH5(hostId, spec, height, fontScale, summary) : drawWeapp(canvasId, spec, fontScale);
      run.then(
        (state) => live && setDrawn(state),
        () => live && setDrawn('failed'),
      );
    }, 50);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the spec's data
  }, [key, hostId, canvasId, summary]);

  return (
    <View className='section card chart' id={`chart-card-${id}`} data-chart={id} data-state={drawn}>
      <Text className='section__title'>{title}</Text>
      {isH5 ? (
        <View id={hostId} className='chart__host' style={{ height: `${height}px` }} />
      ) : (
        <Canvas type='2d' id={canvasId} className='chart__canvas' style={{ width: '100%', height: `${height}px` }} />
      )}
      {drawn === 'failed' ? <Text className='field__hint'>{m.failed}</Text> : null}
      {children}
      {table ? (
        <View className='chart-table' data-chart-table={id}>
          <Text className='chart-table__caption'>{m.tableCaption}</Text>
          <View className='chart-table__row chart-table__row--head'>
            {table.head.map((h, i) => (
              <Text key={i} className='chart-table__cell'>
                {h}
              </Text>
            ))}
          </View>
          {table.rows.length === 0 ? <Text className='chart-table__none'>{m.noRows}</Text> : null}
          {table.rows.map((row, r) => (
            <View key={r} className='chart-table__row' data-row={r}>
              {row.map((cell, i) => (
                <Text key={i} className='chart-table__cell'>
                  {cell}
                </Text>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
