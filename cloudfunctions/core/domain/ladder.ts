/**
 * The alarm ladder of the 老伙伴 programme, as a pure state machine on a clock. No I/O.
 *
 * - A contact overdue → remind the partner volunteer (step `remind`).
 * - Still no contact `escalateAfterHours` (24 h) after it fell due → alert the 居委 social workers
 *   (step `escalate`, an alert of kind `overdue`). A contact that reaches the senior starts a new
 *   period and closes that alert.
 * - A contact logged as 联系不上 → at once an alert of kind `unreachable` to the social workers, the
 *   partner and the family (proxies), carrying the steps to take in order: call again, knock,
 *   ask the building contact, then 110 / 120. The social worker opens the emergency contacts.
 * - A contact logged as 紧急 → at once an alert of kind `emergency`.
 * - An unreachable or emergency alert still open `alertReminderMinutes` later is sent again
 *   (step `reminder`), once.
 *
 * Every step has an id derived from the senior, the step and the period (the schedule's anchor,
 * or the alert), so running the ladder again, or twice at the same moment, fires nothing twice.
 */
import { anchorOf, dueAt, type CareClock, type ContactOutcome, type ContactSchedule, type WeatherAlert } from './contacts';

export type PartnerAlertKind = 'overdue' | 'unreachable' | 'emergency';

export const PARTNER_ALERT_LABELS: Record<PartnerAlertKind, string> = {
  overdue: '逾期未联系',
  unreachable: '联系不上',
  emergency: '紧急情况',
};

/** The steps of an unreachable (or emergency) alert, in the order people take them. */
export const CHECKLIST = ['call', 'knock', 'building', 'emergency'] as const;
export type ChecklistStep = (typeof CHECKLIST)[number];
export const CHECKLIST_LABELS: Record<ChecklistStep, string> = {
  call: '再打电话',
  knock: '上门敲门',
  building: '询问楼组长或邻居',
  emergency: '拨打 110 / 120',
};

type LadderStepKind = 'remind' | 'escalate' | 'reminder';

/** `<seniorId>:<step>:<period>`: the idempotency key of a ladder step. */
export const ladderStepId = (seniorId: string, step: LadderStepKind, period: string): string => `${seniorId}:${step}:${period}`;

/** Alert ids derived from what caused them, so a retried or repeated run creates each alert once. */
export const overdueAlertId = (seniorId: string, period: string): string => `al_ovd_${seniorId}_${period.replace(/[^0-9]/g, '')}`;
export const contactAlertId = (contactId: string): string => `al_ct_${contactId}`;

interface LadderState {
  seniorId: string;
  clock: CareClock;
  /** Step ids already taken (from the senior's care record). */
  done: ReadonlySet<string>;
}

interface OpenAlertState {
  alertId: string;
  seniorId: string;
  kind: PartnerAlertKind | string;
  raisedAt: string;
  state: 'open' | 'closed';
  done: ReadonlySet<string>;
}

export interface LadderAction {
  id: string;
  step: LadderStepKind;
  seniorId: string;
  period: string;
  /** When the step became due (the due time, or the escalation time). */
  dueAt: string;
  alertId?: string;
}

/** What the clock asks for on the contact schedule of one senior, now. */
export function scheduleSteps(state: LadderState, schedule: ContactSchedule, weather: WeatherAlert | null, now: Date): LadderAction[] {
  const anchor = anchorOf(state.clock);
  const due = dueAt(state.clock, schedule, weather, now);
  if (!anchor || !due || now.getTime() < due.getTime()) return [];
  const period = anchor.at;
  const actions: LadderAction[] = [];
  const remind = ladderStepId(state.seniorId, 'remind', period);
  if (!state.done.has(remind)) actions.push({ id: remind, step: 'remind', seniorId: state.seniorId, period, dueAt: due.toISOString() });
  const escalateAt = new Date(due.getTime() + schedule.escalateAfterHours * 3600_000);
  const escalate = ladderStepId(state.seniorId, 'escalate', period);
  if (now.getTime() >= escalateAt.getTime() && !state.done.has(escalate)) {
    actions.push({
      id: escalate,
      step: 'escalate',
      seniorId: state.seniorId,
      period,
      dueAt: escalateAt.toISOString(),
      alertId: overdueAlertId(state.seniorId, period),
    });
  }
  return actions;
}

/** What the clock asks for on an open unreachable or emergency alert, now. */
export function alertSteps(a: OpenAlertState, schedule: ContactSchedule, now: Date): LadderAction[] {
  if (a.state !== 'open' || (a.kind !== 'unreachable' && a.kind !== 'emergency')) return [];
  const at = Date.parse(a.raisedAt) + schedule.alertReminderMinutes * 60_000;
  const id = ladderStepId(a.seniorId, 'reminder', a.alertId);
  if (now.getTime() < at || a.done.has(id)) return [];
  return [{ id, step: 'reminder', seniorId: a.seniorId, period: a.alertId, dueAt: new Date(at).toISOString(), alertId: a.alertId }];
}

interface OutcomeEffect {
  /** An alert raised at once, with the contact. */
  raise: 'unreachable' | 'emergency' | null;
  /** The contact reached the senior: a new schedule period begins and an overdue alert closes. */
  resets: boolean;
  /** The social workers get a note (有点担心) without an alert. */
  tellStaff: boolean;
}

export function outcomeEffect(outcome: ContactOutcome): OutcomeEffect {
  switch (outcome) {
    case 'ok':
      return { raise: null, resets: true, tellStaff: false };
    case 'worried':
      return { raise: null, resets: true, tellStaff: true };
    case 'unreachable':
      return { raise: 'unreachable', resets: false, tellStaff: true };
    case 'emergency':
      return { raise: 'emergency', resets: true, tellStaff: true };
  }
}
