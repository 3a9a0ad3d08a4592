/**
 * 文明实践地图: the street's own map with its practice sites, volunteer posts, help points, routes
 * and the activities of the last month and the next two, filtered by team, category and this week;
 * a 附近 list sorted by distance once the user agrees to share the position (computed here, never
 * sent); for staff, each estate's seniors by contact status. The map is WeChat's on weapp and Leaflet
 * on the street's offline base in the browser (components/StreetMap*.tsx).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { MapEstate, PracticeMap } from '@core/api';
import { Choices } from '@/components/Choices';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { currentPosition } from '@/services/position';
import {
  MARKER_COLOURS,
  MARKER_GLYPHS,
  NO_FILTERS,
  distanceText,
  filterActivities,
  nearby,
  showPlaces,
  type MapFilters,
  type Nearby,
} from '@/services/practice-map';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { StreetMap } from '../components/StreetMap';
import { mapMessages } from '../components/messages';
import { messages as m } from './messages';
import './index.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';
const openActivity = (id: string) => go(ROUTES.activity, { id });

function FilterBar({ data, filters, onChange }: { data: PracticeMap; filters: MapFilters; onChange: (f: MapFilters) => void }) {
  const [open, setOpen] = useState(false);
  const teams = [...new Map(data.activities.map((a) => [a.teamId, a.teamName])).entries()];
  const categories = [...new Map(data.activities.map((a) => [a.category, a.categoryName])).entries()];
  const teamName = teams.find(([id]) => id === filters.teamId)?.[1] ?? m.filter.all + m.filter.team;
  const categoryName = categories.find(([id]) => id === filters.category)?.[1] ?? m.filter.all + m.filter.category;
  const filtered = !!(filters.teamId || filters.category || filters.thisWeekOnly);
  return (
    <View className='filter'>
      <View className='filter__bar'>
        <Text className='filter__summary'>{m.filter.showing(teamName, categoryName, filters.thisWeekOnly)}</Text>
        <Button size='large' onClick={() => setOpen(!open)}>
          {open ? m.filter.close : m.filter.open}
        </Button>
      </View>
      {open ? (
        <View className='filter__panel'>
          <Choices
            label={m.filter.team}
            options={[{ value: '', label: m.filter.all }, ...teams.map(([value, label]) => ({ value, label }))]}
            value={filters.teamId ?? ''}
            onChange={(v) => onChange({ ...filters, teamId: v || null })}
          />
          <Choices
            label={m.filter.category}
            options={[{ value: '', label: m.filter.all }, ...categories.map(([value, label]) => ({ value, label }))]}
            value={filters.category ?? ''}
            onChange={(v) => onChange({ ...filters, category: v || null })}
          />
          <Choices
            options={[
              { value: 'all', label: m.filter.allWeeks },
              { value: 'week', label: m.filter.thisWeek },
            ]}
            value={filters.thisWeekOnly ? 'week' : 'all'}
            onChange={(v) => onChange({ ...filters, thisWeekOnly: v === 'week' })}
          />
        </View>
      ) : null}
      {filtered && !open ? (
        <Button size='large' block onClick={() => onChange(NO_FILTERS)}>
          {m.filter.clear}
        </Button>
      ) : null}
    </View>
  );
}

function Legend({ staff }: { staff: boolean }) {
  const items: Array<[keyof typeof m.legendItems, string, string]> = [
    ['site', MARKER_COLOURS.site, MARKER_GLYPHS.site],
    ['post', MARKER_COLOURS.post, MARKER_GLYPHS.post],
    ['helpPoint', MARKER_COLOURS.helpPoint, MARKER_GLYPHS.helpPoint],
    ['activity', MARKER_COLOURS.activity, MARKER_GLYPHS.activity],
    ['activity-past', MARKER_COLOURS['activity-past'], MARKER_GLYPHS.activity],
    ['route', '#00897b', '—'],
  ];
  return (
    <View className='legend' ariaLabel={m.legend}>
      {items.map(([key, colour, glyph]) => (
        <View key={key} className='legend__item'>
          <Text className='legend__mark' style={{ background: colour }}>
            {glyph}
          </Text>
          <Text>{m.legendItems[key]}</Text>
        </View>
      ))}
      {staff
        ? (['unreachable', 'overdue', 'due', 'contacted', 'unpaired'] as const).map((level) => (
            <View key={level} className='legend__item'>
              <Text className='legend__mark' style={{ background: MARKER_COLOURS[`estate-${level}`] }}>
                {' '}
              </Text>
              <Text>{mapMessages.estateLevels[level]}</Text>
            </View>
          ))
        : null}
    </View>
  );
}

function EstateList({ estates }: { estates: MapEstate[] }) {
  return (
    <View className='section'>
      <Text className='section__title'>{m.estatesTitle}</Text>
      <Text className='muted'>{m.estatesIntro}</Text>
      {estates.map((e) => (
        <View key={e.id} className='line estate-row'>
          <View className='line__top'>
            <Text className='line__title'>
              <Text className='legend__mark' style={{ background: MARKER_COLOURS[`estate-${e.level}`] }}>
                {' '}
              </Text>
              {e.name}
            </Text>
            <Text className='line__amount'>{m.estateRow(e.seniors)}</Text>
          </View>
          <Text className='line__sub'>{m.estateCounts(e.unreachable, e.overdue, e.due, e.waiting, e.contacted, e.unpaired)}</Text>
        </View>
      ))}
    </View>
  );
}

function NearbyList({ data, activities }: { data: PracticeMap; activities: PracticeMap['activities'] }) {
  const [state, setState] = useState<'idle' | 'locating' | 'refused' | 'done'>('idle');
  const [rows, setRows] = useState<Nearby[]>([]);
  const locate = async () => {
    setState('locating');
    const here = await currentPosition();
    if (!here) return setState('refused');
    setRows(nearby(data, activities, here, mapMessages.kinds));
    setState('done');
  };
  return (
    <View className='section nearby'>
      <Text className='section__title'>{m.nearbyTitle}</Text>
      {state !== 'done' ? <Text className='muted'>{m.nearbyConsent}</Text> : null}
      {state === 'refused' ? <Notice kind='warning'>{m.nearbyRefused}</Notice> : null}
      {state === 'idle' || state === 'refused' ? (
        <Button size='large' block onClick={() => void locate()}>
          {state === 'refused' ? m.nearbyRetry : m.nearbyAsk}
        </Button>
      ) : null}
      {state === 'locating' ? <Text className='loading'>{m.nearbyLocating}</Text> : null}
      {rows.map((r) => (
        <View
          key={r.key}
          className={`line nearby-row${r.activityId ? ' tappable' : ''}`}
          onClick={() => {
            if (r.activityId) openActivity(r.activityId);
            else if (isWeapp) void Taro.openLocation({ latitude: r.latitude, longitude: r.longitude, name: r.name, scale: 17 });
          }}
        >
          <View className='line__top'>
            <Text className='line__title'>{r.name}</Text>
            <Text className='line__amount'>{distanceText(r.meters)}</Text>
          </View>
          <Text className='line__sub'>{r.detail}</Text>
        </View>
      ))}
    </View>
  );
}

export default function PracticeMapPage() {
  // Anyone signed in may look (a guest arriving from a shared activity too); staff see more.
  const { me } = useSession('any');
  const map = useQuery('activities', 'practiceMap', {}, !!me);
  const [filters, setFilters] = useState<MapFilters>(NO_FILTERS);
  const data = map.data;
  const activities = useMemo(() => (data ? filterActivities(data.activities, filters, new Date()) : []), [data, filters]);
  const routes = useMemo(() => (data ? data.routes.filter((r) => !filters.teamId || r.teamId === filters.teamId) : []), [data, filters]);
  // The list: what is still to come, soonest first, then the last month's, latest first.
  const listed = useMemo(
    () => [
      ...activities.filter((a) => a.upcoming).sort((a, b) => a.startAt.localeCompare(b.startAt)),
      ...activities.filter((a) => !a.upcoming).sort((a, b) => b.startAt.localeCompare(a.startAt)),
    ],
    [activities],
  );

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='muted'>{m.intro}</Text>
      {map.error ? <Notice kind='error'>{m.loadFailed + map.error}</Notice> : null}
      {map.loading && !data ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {data ? (
        <View>
          <FilterBar data={data} filters={filters} onChange={setFilters} />
          <StreetMap data={data} activities={activities} routes={routes} showPlaces={showPlaces(filters)} size='full' onActivity={openActivity} />
          <Text className='muted map-note'>{[data.note, data.source === 'import' ? m.sourceImported : null].filter(Boolean).join(' · ')}</Text>
          <Legend staff={!!data.estates} />
          {data.estates?.length ? <EstateList estates={data.estates} /> : null}
          <NearbyList data={data} activities={activities} />
          <View className='section'>
            <Text className='section__title'>{m.listTitle}</Text>
            {activities.length === 0 ? <Notice kind='info'>{data.activities.length ? m.filter.noneMatching : m.noActivities}</Notice> : null}
            {listed.map((a) => (
              <View key={a.id} className='line tappable map-activity' onClick={() => openActivity(a.id)}>
                <View className='line__top'>
                  <Text className='line__title'>
                    {a.title}
                    {a.upcoming ? '' : mapMessages.pastActivity}
                  </Text>
                </View>
                <Text className='line__sub'>
                  {a.timeText} · {a.placeName} · {a.teamName}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </Screen>
  );
}
