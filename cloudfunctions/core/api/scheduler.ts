/**
 * Contract of the `scheduler` function. On CloudBase a timer trigger (cloudfunctions/scheduler/
 * config.json, every 5 minutes) runs it without a caller; locally server/serve.ts runs the same
 * code on an interval. `run` lets the admin run it by hand.
 */
import { Empty, type ActionSpecs } from './common';

export const schedulerActions = {
  run: {
    input: Empty,
    mutation: true,
    summary:
      '管理员手动运行定时任务：先处理老伙伴联系提醒和逾期警报（每次都全部处理），推进未响应警报的通知链、发送到期的订阅消息，再在时间预算内做活动缺席登记、活动提醒（开始前 24 小时和 2 小时）、求助 72 小时未确认转社工，做不完的记下进度、下次接着做；重复运行不会重复提醒',
  },
} satisfies ActionSpecs;

/** Where a budgeted part of the run stands: cut off by the budget (or an error), it resumes next run. */
export interface SweepProgress {
  /** True when this part stopped before the end of its pass; the rest is done by the next runs. */
  partial: boolean;
  /** Where the next run carries on (`<phase> after <sort value>/<id>`), or null when the pass finished. */
  resumeFrom: string | null;
}

export interface SchedulerRunView {
  at: string;
  ms: number;
  /** The alarms: always run first and whole; `complete` is false only when something failed (logged as ALARMS UNFINISHED). */
  partners: { scanned: number; reminded: number; escalated: number; alertReminders: number; failed: number; complete: boolean };
  /** Null when the part failed (see `errors`); its cursor is kept, so the next run resumes where it stopped. */
  activities: ({ activities: number; absent: number } & SweepProgress) | null;
  /** The 24-hour and 2-hour activity reminders: activities and volunteers told this run. */
  reminders: ({ activities: number; reminded: number } & SweepProgress) | null;
  help: ({ queued: number; expired: number; desks: number } & SweepProgress) | null;
  /** Photos deleted by the retention rule this run; null without file storage or when the part failed. */
  photos: { deleted: number } | null;
  /** Closed seniors' records whose scrub was finished this run (one cut short by a crash or a timeout); null when the part failed. */
  erasures: { finished: number } | null;
  /** Withdrawn health consents whose notes were all deleted this run (the call ran out of time); null when the part failed. */
  healthNotes: { finished: number } | null;
  /** Answers kept for retries deleted this run, past RETRY_ANSWER_DAYS (services/retry-answers.ts); null when the part failed. */
  retryAnswers: { deleted: number } | null;
  /** Subscription messages handed to WeChat this run (due ones: new alarms, retries after backoff, reminders after quiet hours). */
  notifications: { tried: number };
  /** The parts that did not get to the end this run: `partners` (loud: an alarm step or chain failed), `activities`, `reminders`, `help`, `photos`, `erasures`, `healthNotes`, `retryAnswers`. */
  unfinished: string[];
  errors: string[];
}

export interface SchedulerResults {
  run: SchedulerRunView;
}
