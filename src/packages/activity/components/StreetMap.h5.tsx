/**
 * The street map in the browser (H5 build, local runtime): Leaflet, which needs no WebGL, drawing
 * the street's own GeoJSON as an offline vector base (SVG), with an online tile layer on top only
 * when one is configured and loads. Markers overlapping at the current zoom merge into numbered
 * clusters (supercluster). Data is GCJ-02; for WGS84 tiles (OpenStreetMap) it is converted with
 * gcoord before drawing, so the pins sit on the tiles' streets (docs/map.md).
 */
import { View } from '@tarojs/components';
import gcoord from 'gcoord';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './street-map.h5.scss';
import { useEffect, useMemo, useRef, useState } from 'react';
import Supercluster, { type ClusterProperties, type PointFeature } from 'supercluster';
import type { MapFeature } from '@core/domain/street-map';
import { Notice } from '@/components/Notice';
import { BASE_STYLES, MARKER_COLOURS, MARKER_GLYPHS, activityMarker, estateMarker, placeMarker, type MarkerKind } from '@/services/practice-map';
import { mapMessages as m } from './messages';
import type { StreetMapProps } from './street-map-props';
import './street-map.scss';

interface PointProps {
  kind: MarkerKind;
  glyph: string;
  label: string;
  activityId: string | null;
  /** Not clustered (estates, the focused place): always their own marker. */
  alone: boolean;
}

let mapSeq = 0;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The marker's look: a coloured disc with a glyph (站, 岗, 助, 活) so kinds differ by more than colour. */
function markerIcon(p: PointProps, big: boolean): L.DivIcon {
  const size = big ? 40 : 32;
  return L.divIcon({
    className: `map-marker map-marker--${p.kind}`,
    html: `<span class="map-marker__disc" style="background:${MARKER_COLOURS[p.kind]}">${escape(p.glyph)}</span>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}

export function StreetMap({ data, activities, routes, showPlaces, focus, size, onActivity }: StreetMapProps) {
  const elementId = useMemo(() => `street-map-${++mapSeq}`, []);
  const mapRef = useRef<L.Map | null>(null);
  const layersRef = useRef<{ base: L.LayerGroup; overlay: L.LayerGroup; markers: L.LayerGroup } | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const onActivityRef = useRef(onActivity);
  onActivityRef.current = onActivity;

  // Leaflet draws in the data's system unless WGS84 tiles are shown.
  const wgs = data.tiles?.coordinateSystem === 'WGS84' && !tilesFailed;
  const toMap = useMemo(
    () =>
      (lat: number, lng: number): L.LatLngTuple => {
        if (!wgs) return [lat, lng];
        const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
        return [y, x];
      },
    [wgs],
  );

  // The map itself, once per mount.
  useEffect(() => {
    const element = document.getElementById(elementId);
    if (!element) return;
    // Quarter zoom steps let the street fill the box; SVG (not canvas) keeps every drawn feature in the DOM.
    const map = L.map(element, { zoomControl: true, attributionControl: true, preferCanvas: false, minZoom: 12, maxZoom: 19, zoomSnap: 0.25 });
    const base = L.layerGroup().addTo(map);
    const overlay = L.layerGroup().addTo(map);
    const markers = L.layerGroup().addTo(map);
    layersRef.current = { base, overlay, markers };
    mapRef.current = map;
    map.attributionControl.setPrefix(false);
    return () => {
      map.remove();
      mapRef.current = null;
      layersRef.current = null;
    };
  }, [elementId]);

  // Online tiles when configured; three failures before any tile loads mean there is no network.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !data.tiles || tilesFailed) return;
    let loaded = 0;
    let failed = 0;
    const tiles = L.tileLayer(data.tiles.url, {
      subdomains: data.tiles.subdomains || 'abc',
      attribution: data.tiles.attribution,
      maxZoom: data.tiles.maxZoom,
      className: 'map-tiles',
    });
    tiles.on('tileload', () => (loaded += 1));
    tiles.on('tileerror', () => {
      failed += 1;
      if (failed >= 3 && loaded === 0) setTilesFailed(true);
    });
    tiles.addTo(map);
    tiles.bringToBack();
    return () => {
      tiles.remove();
    };
  }, [data.tiles, tilesFailed]);

  // The street's own base map and the routes.
  useEffect(() => {
    const map = mapRef.current;
    const layers = layersRef.current;
    if (!map || !layers) return;
    layers.base.clearLayers();
    layers.overlay.clearLayers();
    const hasTiles = !!data.tiles && !tilesFailed;
    const order: Array<MapFeature['properties']['kind']> = ['boundary', 'green', 'water', 'estate', 'river', 'road'];
    for (const kind of order) {
      for (const f of data.base.filter((x) => x.properties.kind === kind)) {
        const style = BASE_STYLES[kind as keyof typeof BASE_STYLES];
        // Over tiles only the boundary is drawn (the tiles have the rest).
        if (hasTiles && kind !== 'boundary') continue;
        L.geoJSON(f as never, {
          coordsToLatLng: (c: number[]) => L.latLng(toMap(c[1]!, c[0]!)),
          style: () => ({
            className: `map-base map-base--${kind}`,
            color: style.stroke,
            weight: style.weight,
            dashArray: style.dash || undefined,
            fillColor: style.fill === 'none' ? undefined : style.fill,
            fill: style.fill !== 'none' && f.geometry.type.endsWith('Polygon'),
            fillOpacity: hasTiles ? 0 : 1,
            lineCap: 'round',
          }),
          interactive: false,
        }).addTo(layers.base);
      }
    }
    for (const r of routes) {
      L.polyline(
        r.points.map(([lat, lng]) => toMap(lat, lng)),
        { className: 'map-route', color: BASE_STYLES.route.stroke, weight: BASE_STYLES.route.weight, dashArray: BASE_STYLES.route.dash },
      )
        .bindTooltip(r.name, { sticky: true })
        .addTo(layers.overlay);
    }
    if (focus) {
      map.setView(toMap(focus.latitude, focus.longitude), 15.5);
    } else if (data.bounds) {
      const [[s, w], [n, e]] = data.bounds;
      map.fitBounds(L.latLngBounds([toMap(s, w), toMap(n, e)]), { padding: [8, 8] });
    }
  }, [data, routes, focus, tilesFailed, toMap]);

  // Markers, clustered at the current zoom; redrawn when it changes.
  useEffect(() => {
    const map = mapRef.current;
    const layers = layersRef.current;
    if (!map || !layers) return;
    const points: Array<PointFeature<PointProps>> = [];
    const push = (lat: number, lng: number, p: PointProps) => {
      const [y, x] = toMap(lat, lng);
      points.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [x, y] }, properties: p });
    };
    if (showPlaces) {
      for (const p of data.places)
        push(p.latitude, p.longitude, {
          kind: placeMarker(p),
          glyph: MARKER_GLYPHS[p.kind],
          label: `${m.kinds[p.kind]}：${p.name}${p.description ? `<br/>${escape(p.description)}` : ''}`,
          activityId: null,
          alone: false,
        });
    }
    for (const a of activities) {
      push(a.latitude, a.longitude, {
        kind: activityMarker(a),
        glyph: MARKER_GLYPHS.activity,
        label: `${escape(a.title)}${a.upcoming ? '' : m.pastActivity}<br/>${escape(a.timeText)} · ${escape(a.placeName)}`,
        activityId: a.id,
        alone: false,
      });
    }
    for (const e of data.estates ?? [])
      push(e.latitude, e.longitude, {
        kind: estateMarker(e),
        glyph: String(e.seniors),
        label: escape(m.estateLabel(e.name, e.seniors, m.estateLevels[e.level])),
        activityId: null,
        alone: true,
      });
    if (focus)
      push(focus.latitude, focus.longitude, { kind: 'activity', glyph: MARKER_GLYPHS.activity, label: escape(focus.name), activityId: null, alone: true });

    const index = new Supercluster<PointProps>({ radius: 48, maxZoom: 18 });
    index.load(points.filter((p) => !p.properties.alone));
    const alone = points.filter((p) => p.properties.alone);

    const popupOf = (p: PointProps): HTMLElement => {
      const box = document.createElement('div');
      box.className = 'map-popup';
      box.innerHTML = `<div class="map-popup__text">${p.label}</div>`;
      if (p.activityId) {
        const button = document.createElement('button');
        button.className = 'map-popup__open';
        button.textContent = m.openActivity;
        const id = p.activityId;
        button.onclick = () => onActivityRef.current?.(id);
        box.appendChild(button);
      }
      return box;
    };
    // Clusters depend on the zoom only (a street is small: every point is always considered), so
    // panning, such as a popup's own auto-pan, never removes the marker whose popup is open.
    const draw = () => {
      map.closePopup();
      layers.markers.clearLayers();
      const zoom = Math.round(map.getZoom());
      const shown = [...index.getClusters([-180, -85, 180, 85], zoom), ...alone];
      for (const f of shown) {
        const [lng, lat] = f.geometry.coordinates as [number, number];
        const props = f.properties as PointProps | ClusterProperties;
        if ('cluster' in props && props.cluster) {
          const count = props.point_count;
          L.marker([lat, lng], {
            icon: L.divIcon({ className: 'map-cluster', html: `<span class="map-cluster__disc">${count}</span>`, iconSize: [44, 44], iconAnchor: [22, 22] }),
            title: m.cluster(count),
            keyboard: true,
          })
            .on('click', () => map.setView([lat, lng], Math.min(index.getClusterExpansionZoom(props.cluster_id), 19)))
            .addTo(layers.markers);
        } else {
          const p = props as PointProps;
          const marker = L.marker([lat, lng], {
            icon: markerIcon(p, size === 'full'),
            title: p.label.replace(/<br\/>/g, ' ').replace(/&#\d+;/g, ''),
            keyboard: true,
            riseOnHover: true,
          })
            .bindPopup(popupOf(p), { className: 'map-popup-wrap', maxWidth: 280 })
            .addTo(layers.markers);
          // The focused place is named on the map itself, not only in a popup: below its pin and
          // centred on it, since the pin is the map's centre and a label to its right ran off a
          // phone's edge in elder mode.
          if (p.alone && p.kind === 'activity') marker.bindTooltip(p.label, { permanent: true, direction: 'bottom', offset: [0, 18], className: 'map-label' });
        }
      }
    };
    draw();
    map.on('zoomend', draw);
    return () => {
      map.off('zoomend', draw);
    };
  }, [data, activities, showPlaces, focus, size, toMap]);

  return (
    <View className='street-map-box'>
      <View id={elementId} className={`street-map street-map--${size} street-map--h5`} ariaLabel={m.mapLabel} />
      {tilesFailed ? <Notice kind='info'>{m.tilesFailed}</Notice> : null}
    </View>
  );
}
