/**
 * The street map on weapp: WeChat's own `Map` (GCJ-02 like the data, so nothing is converted) with
 * the street's boundary as a polygon, routes as polylines, one marker per place, activity and (for
 * staff) estate, clustered by the map where they overlap. The browser build uses StreetMap.h5.tsx.
 */
import { Map } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo } from 'react';
import { BASE_STYLES, activityMarker, estateMarker, placeMarker, pointsToInclude, type MarkerKind } from '@/services/practice-map';
import { mapMessages as m } from './messages';
import type { StreetMapProps } from './street-map-props';
import './street-map.scss';

const icon = (kind: MarkerKind) => `/packages/activity/assets/markers/${kind}.png`;

interface Target {
  activityId: string | null;
}

let mapSeq = 0;

export function StreetMap({ data, activities, routes, showPlaces, focus, size, onActivity }: StreetMapProps) {
  const mapId = useMemo(() => `street-map-${++mapSeq}`, []);
  const { markers, targets } = useMemo(() => {
    const targets: Target[] = [];
    const markers: object[] = [];
    const add = (kind: MarkerKind, latitude: number, longitude: number, text: string, target: Target, always = false, cluster = true) => {
      targets.push(target);
      markers.push({
        id: targets.length - 1,
        latitude,
        longitude,
        iconPath: icon(kind),
        width: 30,
        height: 30,
        title: text,
        joinCluster: cluster,
        callout: {
          content: text,
          display: always ? 'ALWAYS' : 'BYCLICK',
          fontSize: 16,
          padding: 8,
          borderRadius: 6,
          color: '#000000',
          bgColor: '#ffffff',
          textAlign: 'center',
        },
      });
    };
    if (showPlaces) for (const p of data.places) add(placeMarker(p), p.latitude, p.longitude, `${m.kinds[p.kind]}：${p.name}`, { activityId: null });
    for (const a of activities) {
      add(activityMarker(a), a.latitude, a.longitude, m.activityLabel(a.title + (a.upcoming ? '' : m.pastActivity), a.timeText), { activityId: a.id });
    }
    for (const e of data.estates ?? [])
      add(estateMarker(e), e.latitude, e.longitude, m.estateLabel(e.name, e.seniors, m.estateLevels[e.level]), { activityId: null }, false, false);
    if (focus) add('activity', focus.latitude, focus.longitude, focus.name, { activityId: null }, true, false);
    return { markers, targets };
  }, [data, activities, showPlaces, focus]);

  const boundary = data.base.find((f) => f.properties.kind === 'boundary');
  const polygons =
    boundary && boundary.geometry.type === 'Polygon'
      ? [
          {
            points: boundary.geometry.coordinates[0]!.map(([longitude, latitude]) => ({ latitude: latitude!, longitude: longitude! })),
            strokeColor: BASE_STYLES.boundary.stroke,
            strokeWidth: 2,
            fillColor: '#00000000',
          },
        ]
      : [];
  const polyline = routes.map((r) => ({
    points: r.points.map(([latitude, longitude]) => ({ latitude, longitude })),
    color: BASE_STYLES.route.stroke,
    width: 5,
    dottedLine: false,
    arrowLine: true,
  }));

  useEffect(() => {
    // Overlapping markers merge into a numbered cluster; a tap on it zooms in.
    const ctx = Taro.createMapContext(mapId) as unknown as { initMarkerCluster?: (o: object) => void };
    ctx.initMarkerCluster?.({ enableDefaultStyle: true, zoomOnClick: true, gridSize: 60 });
  }, [mapId]);

  const center =
    focus ?? (data.bounds ? { latitude: (data.bounds[0][0] + data.bounds[1][0]) / 2, longitude: (data.bounds[0][1] + data.bounds[1][1]) / 2 } : null);
  if (!center) return null;
  const open = (markerId: unknown) => {
    const target = targets[Number(markerId)];
    if (target?.activityId) onActivity?.(target.activityId);
  };
  return (
    <Map
      id={mapId}
      className={`street-map street-map--${size}`}
      latitude={center.latitude}
      longitude={center.longitude}
      scale={focus ? 16 : 15}
      showLocation
      markers={markers as never}
      polyline={polyline as never}
      polygons={polygons as never}
      includePoints={focus ? undefined : (pointsToInclude(data, []) as never)}
      onError={() => undefined}
      onCalloutTap={(e) => open((e.detail as { markerId?: number }).markerId)}
    />
  );
}
