/**
 * Contract of the `alerts` function: the one home of alerts about a senior — one-tap help (一键求助)
 * and the 老伙伴 programme's overdue, unreachable and emergency alerts. Each alert follows the alarm
 * chain of its 居委 (partner / family → 居委 social workers → the street's duty officer → street
 * admin) until a named person acknowledges it (我来处理). The duty roster and the chain's waiting
 * times are set here too.
 *
 * Privacy: lists carry no address or phone; `get` opens them for the people the alert concerns and
 * logs the opening in `audit`.
 */
import * as z from 'zod';
import { containsPhoneNumber, type ActorKind } from '../domain/seniors';
import type { DeliveryState } from '../domain/notifications';
import type { AlertCloseHow, AlertKind, AlertState } from '../domain/alerts';
import type { ChainLinkKind, ChainLinkState } from '../domain/alert-chain';
import type { ChecklistStep } from '../domain/ladder';
import { Cursor, Empty, Id, PageLimit, type ActionSpecs, type PageResult } from './common';

const Note = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { error: `${what}最多 ${max} 个字` })
    .refine((t) => !containsPhoneNumber(t), { error: `${what}里不要写电话号码` });

const HHmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:mm' });

export const Shift = z
  .strictObject({
    userId: Id,
    /** 1 = Monday … 7 = Sunday. */
    weekdays: z.array(z.int().min(1).max(7)).min(1, { error: '请至少选一天' }).max(7),
    from: HHmm,
    to: HHmm,
  })
  .refine((s) => s.from !== s.to, { error: '值班的开始和结束时间不能相同' });

const ChainLinks = z
  .array(z.enum(['partner', 'socialWorker', 'duty', 'admin'], { error: '求助链只能包括老伙伴和家属、居委社工、街道值班、街道管理员' }))
  .min(1, { error: '求助链至少要有一级' })
  .max(4)
  .refine((l) => new Set(l).size === l.length, { error: '求助链里每一级只能出现一次' })
  .refine((l) => l.at(-1) === 'admin', { error: '求助链的最后一级必须是街道管理员' });

const Minutes = (what: string) =>
  z
    .int({ error: `${what}应为整数分钟` })
    .min(5, { error: `${what}至少 5 分钟（定时任务每 5 分钟运行一次）` })
    .max(24 * 60, { error: `${what}最多 24 小时` });

export const alertsActions = {
  raise: {
    input: z.strictObject({ seniorId: Id.optional(), note: Note(100, '备注').optional() }),
    mutation: true,
    summary: '一键求助：按求助链通知（老伙伴和家属 → 居委社工 → 街道值班 → 街道管理员），回答写明已通知到谁；未结束前再按只追加记录',
  },
  callList: {
    input: z.strictObject({ seniorId: Id.optional() }),
    mutation: false,
    summary: '一键求助页的电话：家人、120、110、居委社工、老伙伴',
  },
  list: {
    input: z.strictObject({ seniorId: Id.optional(), state: z.enum(['open', 'closed']).optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '警报列表：社工看本居委的，值班和管理员看全街道的，老伙伴看结对老人的，老人和家属看自己的；最新在前，不含地址电话',
  },
  get: {
    input: z.strictObject({ alertId: Id, reveal: z.boolean().optional() }),
    mutation: false,
    summary:
      '一条警报：求助链每一级通知了谁、送达情况、谁来处理、每一步的时间和人；被通知的人和接手处理的人可看老人地址电话（记入审计），还没轮到的工作人员要点开才给（reveal，记入审计）',
  },
  acknowledge: {
    input: z.strictObject({ alertId: Id }),
    mutation: true,
    summary: '我来处理：记下处理人，求助链不再往上通知，老人一方看到是谁在处理',
    errors: ['WRONG_STATE'],
  },
  step: {
    input: z.strictObject({
      alertId: Id,
      step: z.enum(['call', 'knock', 'building', 'emergency', 'called', 'visited', 'note']),
      note: Note(200, '情况说明').pipe(z.string().min(1, { error: '请填写情况' })),
    }),
    mutation: true,
    summary: '记录处理步骤（再打电话、上门敲门、询问楼组长、拨打 110 / 120、打了电话、上门了（结果写在说明里）、备注），每一步带时间和人',
    errors: ['WRONG_STATE'],
  },
  close: {
    input: z.strictObject({ alertId: Id, how: z.enum(['resolved', 'false_alarm', 'escalated']), note: Note(200, '说明').optional() }),
    mutation: true,
    summary: '结束警报（已处理 / 误按 / 已转急救或报警），记下谁结束的、如何结束',
  },
  roster: {
    input: Empty,
    mutation: false,
    summary: '街道值班表、现在谁在值班、求助链每一级等多久',
  },
  setRoster: {
    input: z.strictObject({ shifts: z.array(Shift).max(50, { error: '值班表最多 50 条' }) }),
    mutation: true,
    summary: '设置街道值班表（每条：谁、星期几、几点到几点）；值班人获得“街道值班”角色',
  },
  setChain: {
    input: z.strictObject({
      waitMinutes: z.strictObject({
        help: Minutes('一键求助等待时间'),
        unreachable: Minutes('联系不上等待时间'),
        emergency: Minutes('紧急情况等待时间'),
        overdue: Minutes('逾期未联系等待时间'),
      }),
      /** The street's chain, in order; the admins always close it. */
      links: ChainLinks.optional(),
      /** Per 居委: its own chain, or null to follow the street's. */
      committees: z
        .array(z.strictObject({ committeeId: Id, links: ChainLinks.nullable() }))
        .max(60)
        .optional(),
    }),
    mutation: true,
    summary: '求助链：按警报类型设置每一级等多久；全街道和各居委的求助链顺序（最后一级总是街道管理员）',
    errors: ['NOT_FOUND'],
  },
} satisfies ActionSpecs;

export interface ChainPersonView {
  userId: string;
  name: string;
  /** WeChat delivery of this person's message; 'seen' when they opened the alert, 'acknowledged' when they took it. */
  delivery: DeliveryState | 'acknowledged' | 'seen' | null;
  deliveryText: string;
}

export interface ChainLinkView {
  link: ChainLinkKind;
  linkText: string;
  state: ChainLinkState;
  stateText: string;
  startedAt: string | null;
  /** When the chain moves on if nobody acknowledges. */
  dueAt: string | null;
  /** Why the link was skipped or passed (nobody on duty, every send failed ...). */
  why: string | null;
  people: ChainPersonView[];
}

export interface AlertChecklistView {
  step: ChecklistStep;
  label: string;
  doneAt: string | null;
  doneByName: string | null;
}

export interface AlertView {
  id: string;
  kind: AlertKind;
  kindText: string;
  /** Who or what raised it, in words: 老人本人按下 / 家属代按 / 老伙伴发现 / 系统提醒. */
  sourceText: string;
  raisedBySystem: boolean;
  seniorId: string;
  seniorName: string;
  committeeName: string;
  state: AlertState;
  raisedAt: string;
  raisedByName: string;
  raisedVia: ActorKind;
  note: string;
  /**
   * Named people who were reached (WeChat accepted their message), who opened the alert ('seen', at
   * when: whatever WeChat did, they know) or who acknowledged; how is 'local' in the local runtime,
   * whose stand-in accepts messages that never reach WeChat.
   */
  told: Array<{ name: string; roleText: string; how: 'wechat' | 'local' | 'acknowledged' | 'seen'; at: string }>;
  /**
   * Named people of links the chain has moved past who were not reached (no subscription, a failed
   * send, or no answer in time without WeChat accepting) and have not opened the alert: the senior
   * side must not think them told.
   */
  notReached: Array<{ userId: string; name: string; roleText: string }>;
  /** Where messages go: 'local' is the local runtime, whose 'sent' reached nobody's WeChat. */
  channel: 'wechat' | 'local';
  acknowledgedByName: string | null;
  acknowledgedAt: string | null;
  /** The chain finished without reaching anyone: the senior side is told to call. */
  nobodyReached: boolean;
  /** What happens next, in words, with its time (e.g. 10:12 仍无人回应将通知街道值班). */
  next: { text: string; at: string | null } | null;
  chain: ChainLinkView[];
  checklist: AlertChecklistView[];
  steps: Array<{ at: string; kind: string; kindText: string; actorName: string; note: string }>;
  seenBy: Array<{ name: string; at: string }>;
  closedByName: string | null;
  closedAt: string | null;
  closeHow: AlertCloseHow | null;
  closeHowText: string | null;
  closeNote: string | null;
}

export interface AlertDetail extends AlertView {
  /** recipient: told by the chain; staff: social worker / duty / admin; seniorSide: the senior or a proxy. */
  role: 'recipient' | 'staff' | 'seniorSide';
  /** May acknowledge, record steps and close as staff (false for the senior side). */
  canHandle: boolean;
  /**
   * The caller is staff the chain has not reached and who has not taken the alert: `senior` is null
   * until they ask for it (`reveal`), and asking is logged like any opening. Those the alert told
   * and whoever took it get the details at once: they are the ones who must act.
   */
  sealed: boolean;
  senior: {
    name: string;
    age: number;
    address: string;
    phone: string | null;
    livingAlone: boolean;
    /** Staff and family only; the 老伙伴 volunteer gets the address and phone to act, not the family's numbers. */
    emergencyContacts: Array<{ name: string; relation: string; phone: string }> | null;
  } | null;
}

export interface CallEntry {
  /** 'senior': the senior herself, offered first to a proxy or the desk acting for her. */
  kind: 'senior' | 'family' | 'emergencyService' | 'socialWorker' | 'partner' | 'duty';
  label: string;
  name: string;
  phone: string;
}

export interface DutyRosterView {
  shifts: Array<{ userId: string; name: string; weekdays: number[]; from: string; to: string }>;
  onDutyNow: Array<{ userId: string; name: string }>;
  waitMinutes: { help: number; unreachable: number; emergency: number; overdue: number };
  /** The street's chain, in order. */
  links: Array<{ link: ChainLinkKind; linkText: string }>;
  /** Each 居委 and its chain (its own, or the street's). */
  committees: Array<{ committeeId: string; committeeName: string; own: boolean; links: Array<{ link: ChainLinkKind; linkText: string }> }>;
  /** People who may be put on the roster (staff and admins). */
  candidates: Array<{ userId: string; name: string; roleText: string }>;
}

export interface AlertsResults {
  raise: AlertView;
  callList: { seniorName: string; contacts: CallEntry[] };
  list: PageResult<AlertView>;
  get: AlertDetail;
  acknowledge: AlertView;
  step: AlertView;
  close: AlertView;
  roster: DutyRosterView;
  setRoster: DutyRosterView;
  setChain: DutyRosterView;
}
