/**
 * 活动 tab: the street's coming activities as a list grouped by day, or as a month calendar
 * (a grid in normal mode; in elder mode the days with activities as big rows). The list filters by
 * team and service category and shows a weekly series once, at its next date. Each activity opens
 * its detail page; the map and 我的活动 are one tap away.
 */
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { ActivityView } from '@core/api';
import { ActivityCard } from '../../components/ActivityCard';
import { Choices } from '../../components/Choices';
import { LoadMore } from '../../components/LoadMore';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { Tabs } from '../../components/Tabs';
import { usePaged } from '../../hooks/usePaged';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../hooks/useSession';
import { useShowAgain } from '../../hooks/useShowAgain';
import { commonMessages } from '../../messages/common';
import { call, errorMessage } from '../../services/api';
import { dayLabel, today } from '@/services/dates';
import { addDays, localParts } from '@core/domain/schedule';
import { onSeniorSideOnly } from '../../services/audience';
import { ROUTES, go } from '../../services/routes';
import { useElderMode } from '../../state/store';
import { Button } from '../../ui/nutui';
import { messages as m } from './messages';
import { firstOfEachSeries } from './series';
import './index.scss';

type ViewMode = 'list' | 'calendar';

function groupByDate(items: ActivityView[]): Array<[string, ActivityView[]]> {
  const groups = new Map<string, ActivityView[]>();
  for (const a of items) groups.set(a.date, [...(groups.get(a.date) ?? []), a]);
  return [...groups.entries()];
}

interface ListFilter {
  teamId: string | null;
  category: string | null;
}

/** Team and category filters: a summary line, and big choice rows when opened (no pop-up pickers). */
function FilterBar({ filter, onChange, enabled }: { filter: ListFilter; onChange: (f: ListFilter) => void; enabled: boolean }) {
  const [open, setOpen] = useState(false);
  const choices = useQuery('activities', 'filters', {}, enabled);
  const teams = choices.data?.teams ?? [];
  const categories = choices.data?.categories ?? [];
  const teamName = teams.find((t) => t.id === filter.teamId)?.name ?? m.filter.all + m.filter.team;
  const categoryName = categories.find((c) => c.id === filter.category)?.name ?? m.filter.all + m.filter.category;
  const filtered = !!(filter.teamId || filter.category);
  return (
    <View className='filter'>
      <View className='filter__bar'>
        <Text className='filter__summary'>{m.filter.showing(teamName, categoryName)}</Text>
        <Button size='small' onClick={() => setOpen(!open)}>
          {open ? m.filter.close : m.filter.open}
        </Button>
      </View>
      {open ? (
        <View className='filter__panel'>
          <Choices
            label={m.filter.team}
            options={[{ value: '', label: m.filter.all }, ...teams.map((t) => ({ value: t.id, label: t.name }))]}
            value={filter.teamId ?? ''}
            onChange={(v) => onChange({ ...filter, teamId: v || null })}
          />
          <Choices
            label={m.filter.category}
            options={[{ value: '', label: m.filter.all }, ...categories.map((c) => ({ value: c.id, label: c.name }))]}
            value={filter.category ?? ''}
            onChange={(v) => onChange({ ...filter, category: v || null })}
          />
        </View>
      ) : null}
      {filtered && !open ? (
        <Button size='small' onClick={() => onChange({ teamId: null, category: null })}>
          {m.filter.clear}
        </Button>
      ) : null}
    </View>
  );
}

function ActivityList({ enabled, filter }: { enabled: boolean; filter: ListFilter }) {
  const list = usePaged(
    'activities',
    'list',
    { limit: 20, ...(filter.teamId ? { teamId: filter.teamId } : {}), ...(filter.category ? { category: filter.category } : {}) },
    enabled,
  );
  useShowAgain(() => void list.reload());
  const shown = firstOfEachSeries(list.items);
  const filtered = !!(filter.teamId || filter.category);
  return (
    <View>
      {list.error ? <Notice kind='error'>{m.loadFailed + list.error}</Notice> : null}
      {list.loaded && list.items.length === 0 ? <Notice kind='info'>{filtered ? m.filter.noneMatching : m.none}</Notice> : null}
      {groupByDate(shown).map(([date, items]) => (
        <View key={date}>
          <Text className='day-head'>{dayLabel(date)}</Text>
          {items.map((a) => (
            <ActivityCard
              key={a.id}
              activity={a}
              withDate={false}
              note={a.series ? m.seriesNote(m.weekdays[a.series.weekday] ?? '', a.series.count) : undefined}
            />
          ))}
        </View>
      ))}
      <LoadMore next={list.next} loading={list.loading} onMore={() => void list.more()} quietEnd={list.items.length === 0} />
    </View>
  );
}

/** First day of the month of `date` and the number of days in it. */
function monthOf(year: number, month: number): { first: string; days: number; weekday: number } {
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const nextFirst = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const days = Math.round((Date.parse(nextFirst) - Date.parse(first)) / 86_400_000);
  return { first, days, weekday: localParts(`${first}T04:00:00.000Z`).weekday };
}

function Calendar({ enabled }: { enabled: boolean }) {
  const elder = useElderMode();
  const now = localParts(new Date());
  const [ym, setYm] = useState({ year: Number(today().slice(0, 4)), month: now.month });
  const [items, setItems] = useState<ActivityView[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(today());
  const month = monthOf(ym.year, ym.month);
  const last = addDays(month.first, month.days - 1);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const all: ActivityView[] = [];
      let after: string | null = null;
      // A month holds at most a few hundred activities: read every page (100 at a time).
      for (let i = 0; i < 10; i += 1) {
        const page: { items: ActivityView[]; next: string | null } = await call('activities', 'list', {
          from: month.first,
          to: last,
          limit: 100,
          ...(after ? { after } : {}),
        });
        all.push(...page.items);
        after = page.next;
        if (!after) break;
      }
      setItems(all);
      // Open on a day that has something: the chosen day if it has, else the next day with activities.
      setDay((current) => {
        if (current && all.some((a) => a.date === current)) return current;
        const t = today();
        return all.find((a) => a.date >= t)?.date ?? all[0]?.date ?? current;
      });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [month.first, last]);

  useEffect(() => {
    if (enabled) void load();
  }, [enabled, load]);
  useShowAgain(() => void load());

  const byDay = new Map<string, ActivityView[]>();
  for (const a of items) byDay.set(a.date, [...(byDay.get(a.date) ?? []), a]);
  const shift = (delta: number) => {
    const index = ym.year * 12 + (ym.month - 1) + delta;
    setYm({ year: Math.floor(index / 12), month: (index % 12) + 1 });
    setDay(null);
  };
  const todayDate = today();
  const chosen = day ? (byDay.get(day) ?? []) : [];

  return (
    <View>
      <View className='cal-nav'>
        <Button size='small' onClick={() => shift(-1)}>
          {m.prevMonth}
        </Button>
        <Text className='cal-nav__title'>{m.month(ym.year, ym.month)}</Text>
        <Button size='small' onClick={() => shift(1)}>
          {m.nextMonth}
        </Button>
      </View>
      {error ? <Notice kind='error'>{m.loadFailed + error}</Notice> : null}
      {loading ? <Text className='loading'>{commonMessages.loading}</Text> : null}

      {!elder ? (
        <View className='cal'>
          {m.weekdays.map((w) => (
            <Text key={w} className='cal__weekday'>
              {w}
            </Text>
          ))}
          {Array.from({ length: month.weekday }, (_, i) => (
            <View key={`blank-${i}`} className='cal__cell cal__cell--blank' />
          ))}
          {Array.from({ length: month.days }, (_, i) => {
            const date = addDays(month.first, i);
            const n = byDay.get(date)?.length ?? 0;
            const classes = [
              'cal__cell',
              'tappable',
              n ? 'cal__cell--busy' : '',
              date === day ? 'cal__cell--on' : '',
              date === todayDate ? 'cal__cell--today' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <View key={date} className={classes} ariaLabel={`${dayLabel(date)}${n ? m.countLong(n) : ''}`} onClick={() => setDay(date)}>
                <Text className='cal__num'>{i + 1}</Text>
                {n ? <Text className='cal__count'>{m.count(n)}</Text> : null}
              </View>
            );
          })}
        </View>
      ) : (
        <View className='section'>
          <Text className='section__title'>{m.daysWithActivities}</Text>
          {!loading && byDay.size === 0 ? <Text className='muted'>{m.noDays}</Text> : null}
          {[...byDay.entries()].map(([date, list]) => (
            <View
              key={date}
              className={`choice tappable${date === day ? ' choice--on' : ''}`}
              ariaRole='radio'
              ariaLabel={`${dayLabel(date)}，${m.countLong(list.length)}`}
              onClick={() => setDay(date)}
            >
              <Text className='choice__mark'>{date === day ? '✓' : ''}</Text>
              <Text>
                {dayLabel(date)}
                {date === todayDate ? `（${m.today}）` : ''}：{m.countLong(list.length)}
              </Text>
            </View>
          ))}
        </View>
      )}

      {day ? (
        <View className='section'>
          <Text className='section__title'>{m.onDay(dayLabel(day))}</Text>
          {chosen.length === 0 && !loading ? <Text className='muted'>{m.noneOnDay}</Text> : null}
          {chosen.map((a) => (
            <ActivityCard key={a.id} activity={a} withDate={false} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

export default function Activities() {
  const { me } = useSession('registered');
  const [mode, setMode] = useState<ViewMode>('list');
  const [filter, setFilter] = useState<ListFilter>({ teamId: null, category: null });
  const ready = !!me?.registered;
  const seniorSide = onSeniorSideOnly(me?.roles ?? []);

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {seniorSide ? (
        <View className='activities__senior-side'>
          <Notice
            action={
              <Button type='primary' size='large' block onClick={() => go(seniorSide === 'senior' ? ROUTES.seniorAsk : ROUTES.home)}>
                {m.seniorSide.ask[seniorSide]}
              </Button>
            }
          >
            {m.seniorSide[seniorSide]}
          </Notice>
        </View>
      ) : null}
      <View className='btn-pair'>
        <Button size='large' onClick={() => go(ROUTES.activityMap)}>
          {m.map}
        </Button>
        {/* 我的活动 lists one's own sign-ups: nothing there for someone who does not volunteer. */}
        {seniorSide ? null : (
          <Button size='large' onClick={() => go(ROUTES.myActivities)}>
            {m.mine}
          </Button>
        )}
      </View>
      <View className='section'>
        <Tabs
          options={[
            { value: 'list', label: m.views.list },
            { value: 'calendar', label: m.views.calendar },
          ]}
          value={mode}
          onChange={setMode}
        />
      </View>
      {mode === 'list' ? (
        <>
          <FilterBar filter={filter} onChange={setFilter} enabled={ready} />
          <ActivityList enabled={ready} filter={filter} />
        </>
      ) : (
        <Calendar enabled={ready} />
      )}
    </Screen>
  );
}
