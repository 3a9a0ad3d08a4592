/**
 * Contract of the `scheduler` function. On CloudBase a timer trigger (cloudfunctions/scheduler/
 * config.json, every 15 minutes) runs it without a caller; locally server/serve.ts runs the same
 * code on an interval. `run` lets the admin run it by hand.
 */
import { Empty, type ActionSpecs } from './common';

export const schedulerActions = {
  run: {
    input: Empty,
    mutation: true,
    summary: '管理员手动运行定时任务：老伙伴联系提醒和逾期警报、活动缺席登记、求助 72 小时未确认转社工；重复运行不会重复提醒',
  },
} satisfies ActionSpecs;

export interface SchedulerRunView {
  at: string;
  ms: number;
  partners: { scanned: number; reminded: number; escalated: number; alertReminders: number };
  activities: { activities: number; absent: number } | null;
  help: { queued: number; expired: number; desks: number } | null;
  errors: string[];
}

export interface SchedulerResults {
  run: SchedulerRunView;
}
