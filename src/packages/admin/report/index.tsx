/**
 * 街道工作报表 (admin): a period (this month, last month, this year, or two dates) and what the street
 * did in it: service hours by team and category, activities, the time bank, seniors' help and
 * 老伙伴, with charts (src/charts: hours over 12 months, by team and category, time-bank flows, help
 * requests by state, 老伙伴 coverage by week), each followed by its numbers as text. "复制报表文字"
 * puts a plain-text summary on the clipboard for the street office's chat or document.
 *
 * The report is a job on the server (`admin.reportStart`, then `admin.reportPoll` about every second
 * until done): a short period is usually done at once; a long one shows 正在统计… with how far it
 * has got, and no figure until the whole report is in. A failed slice shows why, with 重试, which
 * carries on from where the job stood.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReportJobView, StreetReport } from '@core/api';
import { addDays, LOCAL_DATE, localDate, isRealDate } from '@/services/rules';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { Progress } from '@/components/Progress';
import { Screen } from '@/components/Screen';
import { Tabs } from '@/components/Tabs';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { call, errorMessage, newRequestId } from '@/services/api';
import { ROUTES, back } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { Chart } from '@/charts/Chart';
import { categoriesSpec, coverageChart, flowsChart, helpChart, monthsChart, teamsSpec } from './charts';
import { flowLines, messages as m, poolValueOf } from './messages';
import './index.scss';

type Preset = 'month' | 'lastMonth' | 'year' | 'custom';
type Period = { from: string; to: string };

/** The period a preset means on `today` (a Shanghai date). */
function presetPeriod(preset: Exclude<Preset, 'custom'>, today: string): Period {
  const firstOfMonth = `${today.slice(0, 8)}01`;
  if (preset === 'month') return { from: firstOfMonth, to: today };
  if (preset === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  const lastOfPrevious = addDays(firstOfMonth, -1);
  return { from: `${lastOfPrevious.slice(0, 8)}01`, to: lastOfPrevious };
}

const validDate = (text: string) => LOCAL_DATE.test(text.trim()) && isRealDate(text.trim());

/** How often a running report is polled (each poll also advances it by one slice on the server). */
const POLL_MS = 1000;

type JobState =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'running'; jobId: string; percent: number }
  | { status: 'done'; report: StreetReport }
  | { status: 'failed'; message: string; jobId: string | null; percent: number };

/**
 * The report of `period` as a job: starts it, polls it until done, and starts again when the period
 * changes (a stale job's answers are ignored). `retry` carries on after a failure: polling the same
 * job, or starting it again with the same requestId (the server creates it at most once).
 */
function useReportJob(period: Period, enabled: boolean): { job: JobState; retry: () => void } {
  const [job, setJob] = useState<JobState>({ status: 'idle' });
  const generation = useRef(0);
  const startId = useRef<{ key: string; requestId: string } | null>(null);
  const key = `${period.from}|${period.to}`;

  const follow = useCallback(async (gen: number, view: ReportJobView) => {
    let current = view;
    while (gen === generation.current) {
      if (current.state === 'done') {
        setJob({ status: 'done', report: current.report });
        return;
      }
      const percent = current.progress.percent;
      setJob({ status: 'running', jobId: current.jobId, percent });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (gen !== generation.current) return;
      try {
        current = await call('admin', 'reportPoll', { jobId: current.jobId });
      } catch (e) {
        if (gen === generation.current) setJob({ status: 'failed', message: errorMessage(e), jobId: current.jobId, percent });
        return;
      }
    }
  }, []);

  const start = useCallback(
    async (gen: number) => {
      if (startId.current?.key !== key) startId.current = { key, requestId: newRequestId() };
      setJob({ status: 'starting' });
      try {
        const view = await call('admin', 'reportStart', period, { requestId: startId.current.requestId });
        await follow(gen, view);
      } catch (e) {
        if (gen === generation.current) setJob({ status: 'failed', message: errorMessage(e), jobId: null, percent: 0 });
      }
    },
    [key, period, follow],
  );

  useEffect(() => {
    if (!enabled) return undefined;
    generation.current += 1;
    void start(generation.current);
    return () => {
      generation.current += 1;
    };
  }, [enabled, start]);

  const retry = () => {
    if (job.status !== 'failed') return;
    generation.current += 1;
    const gen = generation.current;
    if (job.jobId) void follow(gen, { jobId: job.jobId, state: 'running', progress: { done: 0, total: 0, percent: job.percent } });
    else void start(gen);
  };

  return { job, retry };
}

export default function StreetReportPage() {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const today = localDate(new Date());
  const [preset, setPreset] = useState<Preset>('month');
  const [period, setPeriod] = useState<Period>(presetPeriod('month', today));
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const { job, retry } = useReportJob(period, isAdmin);

  const choose = (p: Preset) => {
    setPreset(p);
    setCopied(false);
    if (p !== 'custom') setPeriod(presetPeriod(p, today));
  };

  const showCustom = () => {
    const e: Record<string, string> = {};
    if (!validDate(from)) e.from = m.dateInvalid;
    if (!validDate(to)) e.to = m.dateInvalid;
    setErrors(e);
    if (Object.keys(e).length === 0) setPeriod({ from: from.trim(), to: to.trim() });
  };

  const r = job.status === 'done' ? job.report : null;
  /** 截至M月D日: the figures of a moment are the day the report was made, not the period's end. */
  const asOf = r ? m.asOf(r) : '';
  const copy = async () => {
    if (!r) return;
    try {
      await Taro.setClipboardData({ data: m.asText(r) });
      setCopied(true);
    } catch {
      setCopyFailed(true);
    }
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='muted'>{m.intro}</Text>
      {me && !isAdmin ? <Notice kind='info'>{m.notAdmin}</Notice> : null}
      <Tabs
        options={[
          { value: 'month', label: m.periods.month },
          { value: 'lastMonth', label: m.periods.lastMonth },
          { value: 'year', label: m.periods.year },
          { value: 'custom', label: m.periods.custom },
        ]}
        value={preset}
        onChange={choose}
      />
      {preset === 'custom' ? (
        <View className='section'>
          <Field label={m.from} placeholder={m.datePlaceholder} value={from} maxlength={10} error={errors.from} onChange={setFrom} />
          <Field label={m.to} placeholder={m.datePlaceholder} value={to} maxlength={10} error={errors.to} onChange={setTo} />
          <Button className='btn-block' type='primary' size='large' block onClick={showCustom}>
            {m.show}
          </Button>
        </View>
      ) : null}

      {job.status === 'starting' ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {job.status === 'running' ? (
        <View className='section'>
          <Text className='loading'>{m.counting(job.percent)}</Text>
          <Progress value={job.percent / 100} label={m.counted(job.percent)} />
        </View>
      ) : null}
      {job.status === 'failed' ? (
        <View className='section'>
          <Notice kind='error'>{m.loadFailed + job.message}</Notice>
          <Button className='btn-block' type='primary' size='large' block onClick={retry}>
            {m.retry}
          </Button>
        </View>
      ) : null}

      {r ? (
        <>
          <Text className='section__title'>{m.period(r.from, r.to)}</Text>
          {localDate(new Date(r.generatedAt)) > r.to ? <Notice kind='info'>{m.asOfNote(r)}</Notice> : null}
          <View className='figures'>
            <View className='figure'>
              <Text className='figure__label'>{m.figures.hours}</Text>
              <Text className='figure__value'>{r.service.approved.hours}</Text>
            </View>
            <View className='figure'>
              <Text className='figure__label'>{m.figures.records}</Text>
              <Text className='figure__value'>{m.times(r.service.approved.count)}</Text>
            </View>
            <View className='figure'>
              <Text className='figure__label'>{m.figures.served}</Text>
              <Text className='figure__value'>{m.people(r.people.servedInPeriod)}</Text>
            </View>
            <View className='figure'>
              <Text className='figure__label'>{m.figures.newPeople}</Text>
              <Text className='figure__value'>{m.people(r.people.registeredInPeriod)}</Text>
            </View>
          </View>
          {r.service.pending.count ? <Notice kind='info'>{m.pending(r.service.pending.count, r.service.pending.hours)}</Notice> : null}

          <Chart
            id='months'
            title={m.charts.monthsTitle}
            summary={m.charts.monthsSummary(r.service.byMonth[0]!.month, r.service.byMonth[11]!.month)}
            {...monthsChart(r)}
          />

          {r.service.approved.count === 0 ? (
            <Text className='text'>{m.noService}</Text>
          ) : (
            <>
              <Chart id='teams' title={m.byTeam} summary={m.charts.teamsSummary} spec={teamsSpec(r)}>
                {r.service.byTeam.map((t) => (
                  <View key={t.teamId} className='report-row'>
                    <Text className='report-row__label'>{t.name}</Text>
                    <Text className='report-row__value'>{m.teamLine(t.hours, t.count, t.volunteers)}</Text>
                  </View>
                ))}
                {r.service.byTeam.length > 1 ? <Text className='field__hint'>{m.byTeamHint}</Text> : null}
              </Chart>
              <Chart id='categories' title={m.byCategory} summary={m.charts.categoriesSummary} spec={categoriesSpec(r)}>
                {r.service.byCategory.map((c) => (
                  <View key={c.category} className='report-row'>
                    <Text className='report-row__label'>{c.name}</Text>
                    <Text className='report-row__value'>{m.categoryLine(c.hours, c.count)}</Text>
                  </View>
                ))}
              </Chart>
            </>
          )}

          <View className='section card'>
            <Text className='section__title'>{m.activitiesTitle}</Text>
            <Text className='text'>{m.activities(r.activities.held, r.activities.cancelled, r.activities.signedPlaces)}</Text>
          </View>

          <View className='section card'>
            <Text className='section__title'>{m.timebankTitle}</Text>
            <Text className='field__hint'>{m.timebank.earnedHint}</Text>
            {flowLines(r).map((l) => (
              <View key={l.key} className='report-row'>
                <Text className='report-row__label'>{l.label}</Text>
                <Text className='report-row__value'>{l.hours}</Text>
              </View>
            ))}
            <View className='report-row'>
              <Text className='report-row__label'>{m.timebank.inCirculation(asOf)}</Text>
              <Text className='report-row__value'>{r.timebank.inCirculation.hours}</Text>
            </View>
            <View className='report-row'>
              <Text className='report-row__label'>{m.timebank.pool(asOf)}</Text>
              <Text className='report-row__value'>{poolValueOf(r)}</Text>
            </View>
          </View>

          <Chart id='flows' title={m.charts.flowsTitle} summary={m.charts.flowsSummary} {...flowsChart(r)} />

          <View className='section card'>
            <Text className='section__title'>{m.helpTitle}</Text>
            <Text className='text'>
              {m.help(r.help.requested, r.help.completed.count, r.help.completed.hours, r.help.activeNow, r.help.oneTapAlerts, asOf)}
            </Text>
          </View>

          <View className='section card'>
            <Text className='section__title'>{m.partnersTitle}</Text>
            <Text className='text'>{m.partners(r.partners.seniorsLivingAlone, r.partners.paired, asOf)}</Text>
            <Text className='text'>{m.contacts(r.partners.contacts, r.partners.visits, r.partners.phoneCalls, r.partners.unreachable)}</Text>
            {r.partners.alerts.map((a) => (
              <View key={a.kind} className='report-row'>
                <Text className='report-row__label'>{a.label}</Text>
                <Text className='report-row__value'>{m.alertLine(a.raised, a.closed)}</Text>
              </View>
            ))}
          </View>
          <Chart id='help' title={m.charts.helpTitle} summary={m.charts.helpSummary} {...helpChart(r)} />
          <Chart id='coverage' title={m.charts.coverageTitle} summary={m.charts.coverageSummary} {...coverageChart(r)}>
            <Text className='field__hint'>{m.charts.coverageHint(r.partners.coverage.intervalHours)}</Text>
          </Chart>

          {copied ? <Notice kind='success'>{m.copied}</Notice> : null}
          {copyFailed ? <Notice kind='error'>{m.copyFailed}</Notice> : null}
          <Button className='btn-block' type='primary' size='large' block onClick={() => void copy()}>
            {m.copy}
          </Button>
        </>
      ) : null}
      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.admin)}>
        {m.back}
      </Button>
    </Screen>
  );
}
