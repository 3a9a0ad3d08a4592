/**
 * Alerts about a senior that need someone to act now. One-tap help (一键求助) raises the first
 * kind; the 老伙伴 programme adds others (a senior who cannot be reached, with its escalation
 * steps). Every alert keeps when it was raised, who was told, who saw it and when, each step taken
 * with its time, and who closed it and how. Pure types and labels; no I/O.
 */
import type { Doc } from './doc';
import type { ActorKind } from './seniors';
import { PARTNER_ALERT_LABELS, type ChecklistStep } from './ladder';
import type { AlertKind, ChainLink } from './alert-chain';

export type { AlertKind };

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  help: '一键求助',
  ...PARTNER_ALERT_LABELS,
};

export type AlertState = 'open' | 'closed';

type AlertStepKind = 'raised' | 'repeat' | 'notifying' | 'notified' | 'escalated' | 'acknowledged' | 'seen' | 'called' | 'visited' | 'note' | 'closed';

export const ALERT_STEP_LABELS: Record<AlertStepKind, string> = {
  raised: '发出求助',
  repeat: '再次发出警报',
  // Messages written, not yet known to have arrived: never 已通知 (that is the delivery's step).
  notifying: '正在通知',
  notified: '已通知',
  escalated: '换人通知',
  acknowledged: '我来处理',
  seen: '已查看',
  // What was done, not that anyone was reached: the note says how it went (接通 or not).
  called: '打了电话',
  visited: '上门了',
  note: '备注',
  closed: '已结束',
};

export type AlertCloseHow = 'resolved' | 'false_alarm' | 'escalated';

export const ALERT_CLOSE_LABELS: Record<AlertCloseHow, string> = {
  resolved: '已处理',
  false_alarm: '误按，无需处理',
  escalated: '已转急救或报警',
};

export interface AlertStep {
  at: string;
  kind: AlertStepKind;
  actorId: string;
  note: string;
}

export interface AlertDoc extends Doc {
  kind: AlertKind;
  seniorId: string;
  committeeId: string;
  state: AlertState;
  raisedAt: string;
  raisedBy: string;
  raisedVia: ActorKind;
  note: string;
  /** The paired 老伙伴 volunteer when it was raised, if any (indexed: the partner's list of alerts). */
  partnerId: string | null;
  /** Social workers of the senior's 居委 when it was raised (they may always open it). */
  socialWorkerIds: string[];
  /** The alarm chain (domain/alert-chain.ts): each link, who was in it, its state and due time. */
  chain: ChainLink[];
  /** When the scheduler must look again (the active link's due time), NEVER when nothing waits. */
  chainDueAt: string;
  /** People reached: WeChat accepted a message to them, or they acknowledged. */
  notified: Array<{ userId: string; at: string; how: 'wechat' | 'acknowledged' }>;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  /** The chain ran out without reaching anyone. */
  nobodyReached: boolean;
  /** 老伙伴 alerts: the contact that raised it and the schedule period (overdue). */
  contactId?: string | null;
  period?: string | null;
  /** Unreachable and emergency alerts: the checklist steps done, when and by whom. */
  checklist?: Partial<Record<ChecklistStep, { at: string; by: string }>>;
  /** Ladder step ids taken on this alert (the one reminder). */
  ladder?: string[];
  steps: AlertStep[];
  seenBy: Array<{ userId: string; at: string }>;
  closedBy: string | null;
  closedAt: string | null;
  closeHow: AlertCloseHow | null;
  closeNote: string | null;
  updatedAt: string;
}

/** Numbers anyone may call in an emergency, offered beside the people of the alert. */
export const EMERGENCY_NUMBERS = [
  { label: '急救', phone: '120' },
  { label: '报警', phone: '110' },
] as const;
