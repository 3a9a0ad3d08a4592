/**
 * Alerts about a senior: the one home and the only writer of `alerts`. One-tap help (一键求助) and
 * the 老伙伴 programme's overdue, unreachable and emergency alerts are the same document, follow the
 * same alarm chain (domain/alert-chain.ts) and are handled on the same page.
 *
 * - `raiseAlert` (inside the caller's transaction) opens an alert — or joins the senior's open one —
 *   and starts the chain: the first link with anyone in it is told (notices with the alert's id).
 * - After the commit, delivery (services/delivery.ts) sends those messages and calls `settleChains`:
 *   people WeChat reached are recorded as notified; a link whose sends all failed passes on at once.
 * - The scheduler calls `escalateDue`: a link nobody acknowledged in its time passes to the next.
 * - `acknowledge` (我来处理) stops the chain; `step` records what was done; `close` ends it.
 *
 * Nothing says a person was told unless WeChat accepted a message to them or they acknowledged.
 */
import { randomUUID } from 'node:crypto';
import type { AlertDetail, AlertsResults, AlertView, CallEntry, ChainLinkView, ParsedInput } from '../api';
import { AppError } from '../errors';
import {
  ALERT_CLOSE_LABELS,
  ALERT_KIND_LABELS,
  ALERT_STEP_LABELS,
  EMERGENCY_NUMBERS,
  type AlertCloseHow,
  type AlertDoc,
  type AlertKind,
  type AlertStep,
} from '../domain/alerts';
import {
  CHAIN_LINK_LABELS,
  CHAIN_STATE_LABELS,
  DEFAULT_CHAIN,
  NEVER,
  linksFor,
  activeIndex,
  chainDueAt,
  decide,
  planChain,
  startNext,
  type ChainLink,
  type ChainLinkState,
  type ChainPeople,
} from '../domain/alert-chain';
import { ALARM_SETTINGS_ID, defaultAlarmSettings, onDuty, type AlarmSettingsDoc } from '../domain/duty';
import { CHECKLIST, CHECKLIST_LABELS, type ChecklistStep } from '../domain/ladder';
import { deliveryLabel, type Channel, type DeliveryState, type OutboxDoc } from '../domain/notifications';
import { ageInYear } from '../domain/people';
import { proxiedSeniors, servedCommittees, type ActorKind, type SeniorDoc } from '../domain/seniors';
import type { Store, Tx } from '../store/port';
import { requireUser, viewing, type ServiceContext, type Viewing } from './shared/context';
import type { UserDoc } from '../domain/people';
import { committeeName } from './shared/directory';
import { notify } from './inbox';
import { Names } from './shared/ledger-views';
import {
  actingFor,
  actorLabel,
  loadSenior,
  logAct,
  openUsers,
  partnerOf,
  seniorAddress,
  seniorContacts,
  seniorPhone,
  seniorSide,
  socialWorkersOf,
  streetAdminsOf,
  type Reader,
} from './shared/acting';
import { audit, auditRead } from './shared/audit';
import { isAdmin, isDutyOfficer, isStaffFor } from '../domain/scope';

// ---------------------------------------------------------------- the chain's people

export async function alarmSettings(reader: Reader): Promise<AlarmSettingsDoc> {
  const doc = await reader.get<AlarmSettingsDoc>('settings', ALARM_SETTINGS_ID);
  // Documents written before a field existed take its default.
  return doc ? { ...doc, chain: { ...DEFAULT_CHAIN, ...doc.chain } } : defaultAlarmSettings();
}

const waitFor = (settings: AlarmSettingsDoc, kind: AlertKind): number => settings.chain.waitMinutes[kind] ?? DEFAULT_CHAIN.waitMinutes[kind];

/** Everyone the chain may tell about this senior now, read by id (usable inside a transaction). */
async function chainPeople(reader: Reader, senior: SeniorDoc, settings: AlarmSettingsDoc, now: Date): Promise<ChainPeople> {
  const partner = await partnerOf(reader, senior);
  const duty = await openUsers(reader, onDuty(settings.shifts, now), isDutyOfficer);
  return {
    partner: partner && !partner.closedAt ? [partner._id] : [],
    family: senior.proxyIds,
    socialWorkers: (await socialWorkersOf(reader, senior.committeeId)).map((u) => u._id),
    duty: duty.map((u) => u._id),
    admins: (await streetAdminsOf(reader)).map((u) => u._id),
  };
}

/** Which cause governs an alert that several joined. */
const SEVERITY: Record<AlertKind, number> = { overdue: 0, unreachable: 1, help: 2, emergency: 2 };

const KIND_WHAT: Record<AlertKind, string> = {
  help: '按下了一键求助',
  overdue: '逾期未被联系',
  unreachable: '联系不上',
  emergency: '出现紧急情况',
};

function sourceText(a: Pick<AlertDoc, 'kind' | 'raisedVia'>): string {
  if (a.raisedVia === 'system') return '系统提醒';
  if (a.kind === 'help') return a.raisedVia === 'self' ? '老人本人按下' : a.raisedVia === 'proxy' ? '家属代按' : '工作人员代按';
  return a.raisedVia === 'partner' ? '老伙伴发现' : '工作人员发现';
}

/** Tells the people of a link that just started (ids derived from the alert and the link: told once). */
async function tellLink(tx: Tx, a: AlertDoc, link: ChainLink, seniorName: string, committeeLabel: string, at: string): Promise<string[]> {
  const title = `${ALERT_KIND_LABELS[a.kind]}：${seniorName}`.slice(0, 40);
  const who = sourceText(a);
  const first = a.chain.findIndex((l) => l.state === 'active' || l.state === 'passed') === a.chain.indexOf(link);
  const body = `${seniorName}（${committeeLabel}）${KIND_WHAT[a.kind]}（${who}）${a.note ? `：${a.note}` : ''}。${first ? '' : '前一级无人回应，'}请立即联系或上门，并在小程序里点“我来处理”`;
  const ids: string[] = [];
  for (const userId of link.userIds) {
    ids.push(
      outboxOf(
        await notify(
          tx,
          {
            userId,
            kind: first ? 'alert.raised' : 'alert.escalated',
            title,
            body,
            alertId: a._id,
            seniorId: a.seniorId,
            eventKey: `alert:${a._id}:${link.link}:${link.startedAt}`,
          },
          at,
        ),
      ),
    );
  }
  return ids;
}

/** The outbox row `notify` wrote beside a message shares its id's suffix. */
const outboxOf = (messageId: string): string => `ob_${messageId.slice(2)}`;

async function namesOf(reader: Reader, ids: string[]): Promise<string> {
  const users = await Promise.all(ids.map((id) => reader.get<UserDoc>('users', id)));
  return users.map((u) => u?.name ?? '（已注销）').join('、');
}

/** Records the outcome of `startNext` on the alert: steps for skipped links and for the started one. */
async function applyAdvance(
  tx: Tx,
  a: AlertDoc,
  chain: ChainLink[],
  started: ChainLink | null,
  skipped: ChainLink[],
  at: string,
): Promise<{ doc: AlertDoc; steps: AlertStep[] }> {
  const steps: AlertStep[] = skipped.map((l) => ({ at, kind: 'escalated', actorId: 'system', note: `跳过${CHAIN_LINK_LABELS[l.link]}：${l.why}` }));
  if (started)
    steps.push({ at, kind: 'notifying', actorId: 'system', note: `正在通知${CHAIN_LINK_LABELS[started.link]}：${await namesOf(tx, started.userIds)}` });
  const reachedNobody = !started && !a.notified.length;
  if (!started)
    steps.push({
      at,
      kind: 'escalated',
      actorId: 'system',
      note: reachedNobody ? '求助链已到最后一级，没有联系上任何人；请直接拨打电话' : '求助链已到最后一级，等待已通知的人处理',
    });
  const doc: AlertDoc = { ...a, chain, nobodyReached: reachedNobody, steps: [...a.steps, ...steps], updatedAt: at };
  doc.chainDueAt = chainDueAt(chain, !!doc.acknowledgedBy, doc.state === 'open');
  return { doc, steps };
}

// ---------------------------------------------------------------- raising

export interface RaiseInput {
  /** Derived from the cause for system and 老伙伴 alerts (a repeated run raises nothing twice). */
  id?: string;
  kind: AlertKind;
  senior: SeniorDoc;
  seniorName: string;
  raisedBy: string;
  raisedVia: ActorKind;
  note: string;
  contactId?: string | null;
  period?: string | null;
  at: string;
}

/**
 * Opens an alert inside `tx` and starts its chain; while the senior has an open alert, another raise
 * joins it as a 'repeat' step and tells whoever the chain has told so far. Returns null when an
 * alert with this cause id exists already.
 */
export async function raiseAlert(tx: Tx, r: RaiseInput): Promise<AlertDoc | null> {
  if (r.id && (await tx.get('alerts', r.id))) return null;
  const now = new Date(r.at);
  const committeeLabel = await committeeName(tx, r.senior.committeeId);
  const current = r.senior.openAlertId ? await tx.get<AlertDoc>('alerts', r.senior.openAlertId) : null;
  if (current && current.state === 'open') {
    const note =
      `${ALERT_KIND_LABELS[r.kind]}${r.kind === current.kind ? '（再次）' : ''}：${r.note || sourceText({ kind: r.kind, raisedVia: r.raisedVia })}`.slice(
        0,
        200,
      );
    const joined: AlertDoc = { ...current, steps: [...current.steps, { at: r.at, kind: 'repeat', actorId: r.raisedBy, note }], updatedAt: r.at };
    // A graver cause (联系不上 on top of 逾期未联系) takes over the alert: its kind, and its shorter wait.
    if (SEVERITY[r.kind] > SEVERITY[current.kind]) {
      const settings = await alarmSettings(tx);
      const dueBy = new Date(now.getTime() + waitFor(settings, r.kind) * 60_000).toISOString();
      Object.assign(joined, { kind: r.kind, raisedBy: r.raisedBy, raisedVia: r.raisedVia, note: r.note });
      joined.chain = current.chain.map((l) => (l.state === 'active' && l.dueAt && l.dueAt > dueBy ? { ...l, dueAt: dueBy } : l));
      joined.chainDueAt = chainDueAt(joined.chain, !!joined.acknowledgedBy, true);
      if (r.contactId) joined.contactId = r.contactId;
    }
    await tx.update('alerts', current._id, {
      steps: joined.steps,
      kind: joined.kind,
      raisedBy: joined.raisedBy,
      raisedVia: joined.raisedVia,
      note: joined.note,
      chain: joined.chain,
      chainDueAt: joined.chainDueAt,
      contactId: joined.contactId ?? null,
      updatedAt: r.at,
    });
    const told = [...new Set(current.chain.filter((l) => l.state === 'active' || l.state === 'passed').flatMap((l) => l.userIds))].filter(
      (id) => id !== r.raisedBy,
    );
    for (const userId of told) {
      await notify(
        tx,
        {
          userId,
          kind: 'alert.raised',
          title: `${ALERT_KIND_LABELS[r.kind]}：${r.seniorName}`.slice(0, 40),
          body: `${r.seniorName}（${committeeLabel}）${KIND_WHAT[r.kind]}（${sourceText({ kind: r.kind, raisedVia: r.raisedVia })}），警报仍未结束，请尽快联系`,
          alertId: current._id,
          seniorId: current.seniorId,
          eventKey: `alert:${current._id}:repeat:${r.at}`,
        },
        r.at,
      );
    }
    await logAct(tx, { seniorId: r.senior._id, actorId: r.raisedBy, via: r.raisedVia, kind: 'alert.repeat', text: note, refId: current._id, at: r.at });
    return joined;
  }
  const settings = await alarmSettings(tx);
  const people = await chainPeople(tx, r.senior, settings, now);
  const { links, fixed } = linksFor(settings.chain, r.senior.committeeId);
  const base: AlertDoc = {
    _id: r.id ?? `al_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    kind: r.kind,
    seniorId: r.senior._id,
    committeeId: r.senior.committeeId,
    state: 'open',
    raisedAt: r.at,
    raisedBy: r.raisedBy,
    raisedVia: r.raisedVia,
    note: r.note,
    partnerId: people.partner[0] ?? null,
    socialWorkerIds: people.socialWorkers,
    chain: planChain(links),
    chainDueAt: NEVER,
    notified: [],
    acknowledgedBy: null,
    acknowledgedAt: null,
    nobodyReached: false,
    steps: [
      {
        at: r.at,
        kind: 'raised',
        actorId: r.raisedBy,
        note: `${ALERT_KIND_LABELS[r.kind]}（${sourceText({ kind: r.kind, raisedVia: r.raisedVia })}）${r.note ? `：${r.note}` : ''}`.slice(0, 200),
      },
      ...(fixed ? [{ at: r.at, kind: 'note' as const, actorId: 'system', note: '求助链设置里没有街道管理员这一级，已自动加在最后' }] : []),
    ],
    seenBy: [],
    closedBy: null,
    closedAt: null,
    closeHow: null,
    closeNote: null,
    updatedAt: r.at,
    contactId: r.contactId ?? null,
    period: r.period ?? null,
    checklist: {},
    ladder: [],
  };
  const { chain, started, skipped } = startNext(base.chain, -1, people, r.raisedBy, waitFor(settings, r.kind), now);
  const { doc } = await applyAdvance(tx, base, chain, started, skipped, r.at);
  await tx.create('alerts', doc);
  await tx.update('seniors', r.senior._id, { openAlertId: doc._id, updatedAt: r.at });
  r.senior.openAlertId = doc._id;
  if (started) await tellLink(tx, doc, started, r.seniorName, committeeLabel, r.at);
  await logAct(tx, {
    seniorId: r.senior._id,
    actorId: r.raisedBy,
    via: r.raisedVia,
    kind: `alert.${r.kind}`,
    text: `${doc.steps[0]!.note}；${doc.steps.at(-1)!.note}`,
    refId: doc._id,
    at: r.at,
  });
  return doc;
}

// ---------------------------------------------------------------- settling the chain

/** The best delivery state per person among an alert's messages sent since `since`. */
async function deliveriesOf(store: Store, alertId: string, since: string): Promise<Map<string, DeliveryState>> {
  const rank: Record<DeliveryState, number> = { sent: 4, pending: 3, failed: 2, unsubscribed: 1, skipped: 0 };
  const best = new Map<string, DeliveryState>();
  let after: string | undefined;
  do {
    const page = await store.find<OutboxDoc>('outbox', {
      where: { alertId, createdAt: { gte: since } },
      orderBy: { field: 'createdAt', direction: 'asc' },
      limit: 100,
      after,
    });
    for (const d of page.items) {
      const had = best.get(d.userId);
      if (had === undefined || rank[d.state] > rank[had]) best.set(d.userId, d.state);
    }
    after = page.next ?? undefined;
  } while (after);
  return best;
}

/** The chain's step when a link's people were reached: by WeChat, or, locally, by the in-app message only. */
const notifiedNote = (channel: Channel, link: string, names: string): string =>
  channel === 'wechat' ? `微信通知已送达${link}：${names}` : `只发了站内消息（没有接入微信提醒），等对方回应${link}：${names}`;

/**
 * Looks at each alert's active link: records who WeChat reached, and moves the chain on when the
 * link's sends all failed or its time ran out. Returns the outbox ids of the messages that adds
 * (delivered by the caller). Safe to run twice: each move re-checks the link inside its transaction.
 */
export async function settleChains(store: Store, alertIds: string[], now: Date, channel: Channel): Promise<string[]> {
  const added: string[] = [];
  const at = now.toISOString();
  for (const alertId of alertIds) {
    const first = await store.get<AlertDoc>('alerts', alertId);
    if (!first || first.state !== 'open' || !first.chain) continue;
    const index = activeIndex(first.chain);
    if (index < 0) continue;
    const link = first.chain[index]!;
    const decision = decide(link, await deliveriesOf(store, alertId, link.startedAt ?? first.raisedAt), now);
    const ids = await store.transaction(async (tx) => {
      const a = await tx.get<AlertDoc>('alerts', alertId);
      if (!a || a.state !== 'open' || activeIndex(a.chain) !== index || a.chain[index]!.startedAt !== link.startedAt) return [];
      const newlyReached = decision.reached.filter((id) => !a.notified.some((n) => n.userId === id));
      let doc: AlertDoc = a;
      if (newlyReached.length) {
        doc = {
          ...doc,
          notified: [...doc.notified, ...newlyReached.map((userId) => ({ userId, at, how: 'wechat' as const }))],
          steps: [
            ...doc.steps,
            { at, kind: 'notified', actorId: 'system', note: notifiedNote(channel, CHAIN_LINK_LABELS[link.link], await namesOf(tx, newlyReached)) },
          ],
          nobodyReached: false,
        };
      }
      const out: string[] = [];
      if (decision.kind === 'move' && !doc.acknowledgedBy) {
        const passed = doc.chain.map((l, i) => (i === index ? { ...l, state: 'passed' as const, why: decision.why } : l));
        doc = {
          ...doc,
          chain: passed,
          steps: [...doc.steps, { at, kind: 'escalated', actorId: 'system', note: `${CHAIN_LINK_LABELS[link.link]}：${decision.why}，接着通知下一位` }],
        };
        const { senior, user } = await loadSenior(tx, a.seniorId);
        const settings = await alarmSettings(tx);
        const people = await chainPeople(tx, senior, settings, now);
        const { chain, started, skipped } = startNext(doc.chain, index, people, a.raisedBy, waitFor(settings, a.kind), now);
        doc = (await applyAdvance(tx, doc, chain, started, skipped, at)).doc;
        if (started) {
          out.push(...(await tellLink(tx, doc, started, user.name, await committeeName(tx, senior.committeeId), at)));
        } else if (doc.nobodyReached) {
          for (const userId of seniorSide(senior)) {
            out.push(
              outboxOf(
                await notify(
                  tx,
                  {
                    userId,
                    kind: 'alert.escalated',
                    title: '没有联系上工作人员',
                    body: `${user.name}的求助暂时没有联系上任何人。请直接拨打家人电话、120 或 110`,
                    alertId: a._id,
                    seniorId: a.seniorId,
                    eventKey: `alert:${a._id}:nobody`,
                  },
                  at,
                ),
              ),
            );
          }
        }
      } else {
        doc = { ...doc, chainDueAt: chainDueAt(doc.chain, !!doc.acknowledgedBy, true) };
      }
      if (doc === a) return [];
      const { _id, ...fields } = doc;
      void _id;
      await tx.update('alerts', a._id, { ...fields, updatedAt: at });
      return out;
    });
    added.push(...ids);
  }
  return added;
}

/** The scheduler's part: every open alert whose active link's time ran out. */
export async function escalateDue(store: Store, now: Date, channel: Channel): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await store.find<AlertDoc>('alerts', {
      where: { state: 'open', chainDueAt: { lte: now.toISOString() } },
      orderBy: { field: 'chainDueAt', direction: 'asc' },
      limit: 100,
      after,
    });
    ids.push(...page.items.map((a) => a._id));
    after = page.next ?? undefined;
  } while (after);
  return settleChains(store, ids, now, channel);
}

// ---------------------------------------------------------------- views

const HANDLER_ROLE_TEXT: Record<ChainLink['link'], string> = { partner: '老伙伴或家属', socialWorker: '居委社工', duty: '街道值班', admin: '街道管理员' };

function roleTextOf(a: AlertDoc, userId: string): string {
  const link = a.chain.find((l) => l.userIds.includes(userId));
  if (link) return link.link === 'partner' ? (a.partnerId === userId ? '老伙伴' : '家属') : HANDLER_ROLE_TEXT[link.link];
  return '工作人员';
}

const hhmm = (iso: string) => {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return d.slice(11, 16);
};

/**
 * How long past a link's time the chain may wait for the scheduler (a run a minute locally, every
 * five on CloudBase) before the page stops promising the move: later than this, the timer is not
 * running, and saying 马上通知 would be the wrong reassurance.
 */
const SCHEDULER_LATE_MINUTES = 15;

/**
 * What happens next, in words. Past the link's time, until the scheduler's next run moves the chain,
 * it says that the move is due, not a time already gone; long past it, that nobody has been told
 * and to call.
 */
function nextOf(a: AlertDoc, names: Map<string, string>, now: Date): AlertView['next'] {
  if (a.state !== 'open') return null;
  if (a.acknowledgedBy) return { text: `${names.get(a.acknowledgedBy) ?? '工作人员'}正在处理`, at: a.acknowledgedAt };
  const i = activeIndex(a.chain);
  if (i >= 0) {
    const later = a.chain.slice(i + 1).find((l) => l.state === 'waiting');
    const due = a.chain[i]!.dueAt;
    const overdue = !!due && Date.parse(due) <= now.getTime();
    const stale = overdue && now.getTime() - Date.parse(due!) > SCHEDULER_LATE_MINUTES * 60_000;
    const text = !later
      ? `等待${CHAIN_LINK_LABELS[a.chain[i]!.link]}回应`
      : stale
        ? `${hhmm(due!)} 就该通知${CHAIN_LINK_LABELS[later.link]}，到现在还没有发出，请直接打电话`
        : overdue
          ? `${hhmm(due!)} 前无人回应，马上通知${CHAIN_LINK_LABELS[later.link]}`
          : `${due ? hhmm(due) : ''} 前仍无人回应，将通知${CHAIN_LINK_LABELS[later.link]}`;
    return { text, at: due };
  }
  if (a.nobodyReached) return { text: '没有联系上任何人，请直接拨打电话', at: null };
  return { text: '已通知到最后一级，等待处理', at: null };
}

/** An alert as a list or a page shows it; `deliveries` (per person) only on the detail page. */
export async function alertViewOf(
  store: Reader,
  a: AlertDoc,
  names: Names,
  { channel, now }: Viewing,
  deliveries?: Map<string, DeliveryState>,
): Promise<AlertView> {
  const chain = a.chain ?? [];
  const everyone = [...new Set([...chain.flatMap((l) => l.userIds), ...(a.acknowledgedBy ? [a.acknowledgedBy] : [])])];
  const nameMap = new Map(await Promise.all(everyone.map(async (id) => [id, await names.userName(id)] as const)));
  const acked = new Set(a.notified.filter((n) => n.how === 'acknowledged').map((n) => n.userId));
  // Opening the alert is the surest sign a person knows, whatever WeChat did with their message.
  const seenAt = new Map(a.seenBy.map((x) => [x.userId, x.at] as const));
  // Once someone took it, the link being told and the taker's own link say who: "已有人处理" under
  // the duty officer read as if she had, and "无人回应" above the taker contradicted the line below.
  const by = a.acknowledgedBy;
  const stateOf = (l: ChainLink): { state: ChainLinkState; stateText: string } =>
    by && l.state !== 'skipped' && (l.state === 'active' || l.userIds.includes(by))
      ? { state: 'acknowledged', stateText: `已由${nameMap.get(by) ?? ''}接手处理` }
      : { state: l.state, stateText: CHAIN_STATE_LABELS[l.state] };
  const linkViews: ChainLinkView[] = chain.map((l) => ({
    link: l.link,
    linkText: CHAIN_LINK_LABELS[l.link],
    ...stateOf(l),
    startedAt: l.startedAt,
    dueAt: l.dueAt,
    why: l.why,
    people: l.userIds.map((userId) => {
      const sent = deliveries?.get(userId) ?? (a.notified.some((n) => n.userId === userId) ? 'sent' : null);
      // Staff keep seeing that WeChat got through; where it did not, that the person opened it anyway.
      const delivery: DeliveryState | 'acknowledged' | 'seen' | null = acked.has(userId)
        ? 'acknowledged'
        : seenAt.has(userId) && !(sent === 'sent' && channel === 'wechat')
          ? 'seen'
          : sent;
      return {
        userId,
        name: nameMap.get(userId) ?? '',
        delivery,
        deliveryText: delivery === 'acknowledged' ? '已接手处理' : delivery === 'seen' ? '已打开看过' : delivery ? deliveryLabel(delivery, channel) : '—',
      };
    }),
  }));
  const checklist =
    a.kind === 'unreachable' || a.kind === 'emergency'
      ? await Promise.all(
          CHECKLIST.map(async (step) => {
            const done = a.checklist?.[step];
            return { step, label: CHECKLIST_LABELS[step], doneAt: done?.at ?? null, doneByName: done ? await names.userName(done.by) : null };
          }),
        )
      : [];
  return {
    id: a._id,
    kind: a.kind,
    kindText: ALERT_KIND_LABELS[a.kind],
    sourceText: sourceText(a),
    raisedBySystem: a.raisedVia === 'system',
    seniorId: a.seniorId,
    seniorName: await names.userName(a.seniorId),
    committeeName: await committeeName(store, a.committeeId),
    state: a.state,
    raisedAt: a.raisedAt,
    raisedByName: a.raisedBy === 'system' ? '系统' : await names.userName(a.raisedBy),
    raisedVia: a.raisedVia,
    note: a.note,
    told: await Promise.all(
      [
        ...a.notified.map((n) => ({ userId: n.userId, how: n.how, at: n.at })),
        // The chain's people who opened it although their message reached no WeChat (a family member
        // without the alarm subscription who saw it in the inbox): they know.
        ...everyone
          .filter((id) => seenAt.has(id) && !a.notified.some((n) => n.userId === id))
          .map((id) => ({ userId: id, how: 'seen' as const, at: seenAt.get(id)! })),
      ].map(async (n) => {
        const seen = n.how !== 'acknowledged' ? seenAt.get(n.userId) : undefined;
        return {
          name: await names.userName(n.userId),
          roleText: roleTextOf(a, n.userId),
          // Reached means WeChat accepted it (the local runtime's stand-in accepts without WeChat), or they opened it.
          how: seen ? ('seen' as const) : n.how === 'wechat' && channel === 'local' ? ('local' as const) : n.how,
          at: seen ?? n.at,
        };
      }),
    ),
    channel,
    notReached: [...new Set(chain.filter((l) => l.state === 'passed').flatMap((l) => l.userIds))]
      .filter((id) => !a.notified.some((n) => n.userId === id) && !seenAt.has(id))
      .map((id) => ({ userId: id, name: nameMap.get(id) ?? '', roleText: roleTextOf(a, id) })),
    acknowledgedByName: a.acknowledgedBy ? (nameMap.get(a.acknowledgedBy) ?? null) : null,
    acknowledgedAt: a.acknowledgedAt,
    nobodyReached: a.nobodyReached,
    next: nextOf(a, nameMap, now),
    chain: linkViews,
    checklist,
    steps: await Promise.all(
      a.steps.map(async (s) => ({
        at: s.at,
        kind: s.kind,
        kindText: ALERT_STEP_LABELS[s.kind] ?? s.kind,
        actorName: s.actorId === 'system' ? '系统' : await names.userName(s.actorId),
        note: s.note,
      })),
    ),
    seenBy: await Promise.all(a.seenBy.map(async (s) => ({ name: await names.userName(s.userId), at: s.at }))),
    closedByName: a.closedBy ? await names.userName(a.closedBy) : null,
    closedAt: a.closedAt,
    closeHow: a.closeHow,
    closeHowText: a.closeHow ? ALERT_CLOSE_LABELS[a.closeHow] : null,
    closeNote: a.closeNote,
  };
}

// ---------------------------------------------------------------- who may do what

type Role = AlertDetail['role'];

function roleOf(user: UserDoc, a: AlertDoc, senior: Pick<SeniorDoc, 'partnerId' | 'proxyIds'>): Role | null {
  if (
    a.chain?.some((l) => l.userIds.includes(user._id) && l.state !== 'waiting' && l.state !== 'skipped') ||
    a.partnerId === user._id ||
    senior.partnerId === user._id
  ) {
    // A proxy told as family is a recipient who may act; the senior never handles their own alert.
    if (user._id !== a.seniorId) return 'recipient';
  }
  if (isStaffFor(user, a.committeeId) || isDutyOfficer(user)) return 'staff';
  if (user._id === a.seniorId) return 'seniorSide';
  if (senior.proxyIds.includes(user._id) && proxiedSeniors(user.grants).includes(a.seniorId)) return 'seniorSide';
  return null;
}

async function loadAlert(reader: Reader, id: string): Promise<AlertDoc> {
  const a = await reader.get<AlertDoc>('alerts', id);
  if (!a) throw new AppError('NOT_FOUND', '找不到这条警报');
  return a;
}

function viaOf(me: UserDoc, a: AlertDoc, role: Role): ActorKind {
  if (role === 'seniorSide') return me._id === a.seniorId ? 'self' : 'proxy';
  if (a.partnerId === me._id) return 'partner';
  if (servedCommittees(me.grants).includes(a.committeeId)) return 'socialWorker';
  return 'admin';
}

async function updateAlert(tx: Tx, a: AlertDoc, step: AlertStep, patch: Partial<AlertDoc> = {}): Promise<AlertDoc> {
  const next: AlertDoc = { ...a, ...patch, steps: [...a.steps, step], updatedAt: step.at };
  next.chainDueAt = chainDueAt(next.chain, !!next.acknowledgedBy, next.state === 'open');
  await tx.update('alerts', a._id, { ...patch, steps: next.steps, chainDueAt: next.chainDueAt, updatedAt: step.at });
  return next;
}

/**
 * Everyone the alert has involved so far, but not `except`: whoever raised it (a 老伙伴 who could not
 * reach her is in no link of the chain, and is waiting to hear), the links reached, and who took it.
 */
const involved = (a: AlertDoc, except: string): string[] =>
  [
    ...new Set([
      ...(a.raisedVia !== 'system' ? [a.raisedBy] : []),
      ...a.chain.filter((l) => l.state === 'active' || l.state === 'passed').flatMap((l) => l.userIds),
      ...(a.acknowledgedBy ? [a.acknowledgedBy] : []),
    ]),
  ].filter((id) => id !== except);

/** Told as a 居委 / street link (not as the partner): staff who need the family's numbers. */
const a0IsStaffLink = (a: AlertDoc, userId: string): boolean => a.chain.some((l) => l.link !== 'partner' && l.userIds.includes(userId));

// ---------------------------------------------------------------- actions

/** 一键求助. The answer is given after delivery, so it names who WeChat reached (or says nobody yet). */
export async function raise(ctx: ServiceContext, input: ParsedInput<'alerts', 'raise'>): Promise<AlertsResults['raise']> {
  const at = ctx.now().toISOString();
  return ctx.mutate(
    async (tx) => {
      const acting = await actingFor(ctx, tx, input.seniorId);
      const alert = await raiseAlert(tx, {
        kind: 'help',
        senior: acting.senior,
        seniorName: acting.seniorUser.name,
        raisedBy: acting.actor._id,
        raisedVia: acting.via,
        note: input.note ?? '',
        at,
      });
      return alertViewOf(tx, alert!, new Names(tx), viewing(ctx));
    },
    {
      answer: async (committed) => alertViewOf(ctx.store, await loadAlert(ctx.store, committed.id), new Names(ctx.store), viewing(ctx)),
    },
  );
}

/** The numbers on the one-tap help page, family and emergency first; opening a senior's contacts for them is logged. */
export async function callList(ctx: ServiceContext, input: ParsedInput<'alerts', 'callList'>): Promise<AlertsResults['callList']> {
  const { actor, senior, seniorUser, via } = await actingFor(ctx, ctx.store, input.seniorId);
  const contacts: CallEntry[] = [];
  // Someone acting for her (her daughter, the desk) is offered her own number first, and not their own.
  const own = via !== 'self' && actor.phoneEnc ? ctx.secrets.decrypt(actor.phoneEnc) : null;
  if (via !== 'self' && seniorUser.phoneEnc)
    contacts.push({ kind: 'senior', label: '老人本人', name: seniorUser.name, phone: ctx.secrets.decrypt(seniorUser.phoneEnc) });
  for (const c of seniorContacts(ctx, senior)) if (c.phone !== own) contacts.push({ kind: 'family', label: c.relation, name: c.name, phone: c.phone });
  for (const n of EMERGENCY_NUMBERS) contacts.push({ kind: 'emergencyService', label: n.label, name: n.label, phone: n.phone });
  for (const s of await socialWorkersOf(ctx.store, senior.committeeId)) {
    if (s.phoneEnc && s._id !== actor._id) contacts.push({ kind: 'socialWorker', label: '居委社工', name: s.name, phone: ctx.secrets.decrypt(s.phoneEnc) });
  }
  const partner = await partnerOf(ctx.store, senior);
  if (partner?.phoneEnc) contacts.push({ kind: 'partner', label: '老伙伴', name: partner.name, phone: ctx.secrets.decrypt(partner.phoneEnc) });
  if (via !== 'self') {
    await auditRead(ctx.store, actor._id, senior._id, 'senior.contacts.open', { via, fields: ['emergencyContacts'] }, ctx.now().toISOString());
  }
  return { seniorName: seniorUser.name, contacts };
}

export async function list(ctx: ServiceContext, input: ParsedInput<'alerts', 'list'>): Promise<AlertsResults['list']> {
  const me = requireUser(ctx);
  let where: Record<string, unknown>;
  let stateInIndex = false;
  const served = servedCommittees(me.grants);
  if (input.seniorId) {
    const senior = await ctx.store.get<SeniorDoc>('seniors', input.seniorId);
    const seniorSideOk = senior && (me._id === senior._id || (senior.proxyIds.includes(me._id) && proxiedSeniors(me.grants).includes(senior._id)));
    if (!senior || !(seniorSideOk || isStaffFor(me, senior.committeeId) || isDutyOfficer(me) || senior.partnerId === me._id)) {
      throw new AppError('FORBIDDEN', '只能查看自己、结对老人或本居委老人的警报');
    }
    where = { seniorId: senior._id };
  } else if (isAdmin(me) || isDutyOfficer(me)) {
    where = {};
    if (input.state) {
      where.state = input.state;
      stateInIndex = true;
    }
  } else if (served.length) {
    where = { committeeId: served.length === 1 ? served[0]! : { in: served } };
    if (input.state) {
      where.state = input.state;
      stateInIndex = true;
    }
  } else if (me.roles.includes('senior') && (await ctx.store.get('seniors', me._id))) {
    where = { seniorId: me._id };
  } else if (proxiedSeniors(me.grants).length) {
    const ids = proxiedSeniors(me.grants);
    where = { seniorId: ids.length === 1 ? ids[0]! : { in: ids } };
  } else {
    where = { partnerId: me._id };
  }
  const page = await ctx.store.find<AlertDoc>('alerts', {
    where: where as never,
    orderBy: { field: 'raisedAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  const items = stateInIndex || !input.state ? page.items : page.items.filter((a) => a.state === input.state);
  return { items: await Promise.all(items.map((a) => alertViewOf(ctx.store, a, names, viewing(ctx)))), next: page.next };
}

/**
 * An alert as one of its people opens it: the senior's address, phone and emergency contacts to act
 * on (the opening logged in `audit`, and recorded on the alert as seen), and each person's delivery.
 * Staff the chain has not reached (an admin while the 居委 is still being told) and who have not taken
 * it get the alert sealed (`sealed`, no details, nothing logged but the seeing) until they ask (`reveal`).
 */
export async function get(ctx: ServiceContext, input: ParsedInput<'alerts', 'get'>): Promise<AlertsResults['get']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  let alert = await loadAlert(ctx.store, input.alertId);
  // A closed record (services/senior-close.ts) leaves its alerts without a senior: they still open, naming nobody.
  const senior = await ctx.store.get<SeniorDoc>('seniors', alert.seniorId);
  const user = senior ? await ctx.store.get<UserDoc>('users', alert.seniorId) : null;
  const role = roleOf(me, alert, senior ?? { partnerId: null, proxyIds: [] });
  if (!role) throw new AppError('FORBIDDEN', '只有警报通知到的人、本居委社工、街道值班和老人一方可以查看');
  let seniorInfo: AlertDetail['senior'] = null;
  // Staff whose turn has not come see what happened and who is on it; her door and numbers wait for a tap.
  const sealed = role === 'staff' && !!senior && alert.acknowledgedBy !== me._id && !input.reveal;
  if (role !== 'seniorSide') {
    alert = await ctx.store.transaction(async (tx) => {
      const a = await loadAlert(tx, input.alertId);
      // `as` for her access log: her partner, staff (by their roles), or someone else the alert told (family).
      const as =
        a.partnerId === me._id || senior?.partnerId === me._id ? 'partner' : isStaffFor(me, a.committeeId) || isDutyOfficer(me) ? 'staff' : 'recipient';
      if (senior && !sealed) await audit(tx, me._id, a.seniorId, 'senior.open', { alertId: a._id, as, fields: ['address', 'phone', 'emergencyContacts'] }, at);
      if (a.seenBy.some((s) => s.userId === me._id)) return a;
      // The step says who (its actor) and 已查看 (its kind): a note would only repeat them (沈小妹已查看).
      return updateAlert(tx, a, { at, kind: 'seen', actorId: me._id, note: '' }, { seenBy: [...a.seenBy, { userId: me._id, at }] });
    });
  }
  if (role !== 'seniorSide' && !sealed && senior && user) {
    seniorInfo = {
      name: user.name,
      age: ageInYear(user.birthYear, now),
      address: seniorAddress(ctx, senior),
      phone: seniorPhone(ctx, user),
      livingAlone: senior.livingAlone,
      // Her daughter reading it is not offered a call to herself (as on the call list).
      emergencyContacts:
        role === 'staff' || senior.proxyIds.includes(me._id) || a0IsStaffLink(alert, me._id)
          ? seniorContacts(ctx, senior).filter((c) => !me.phoneEnc || c.phone !== ctx.secrets.decrypt(me.phoneEnc))
          : null,
    };
  }
  const deliveries = await deliveriesOf(ctx.store, alert._id, alert.raisedAt);
  return {
    ...(await alertViewOf(ctx.store, alert, new Names(ctx.store), viewing(ctx), deliveries)),
    role,
    canHandle: role !== 'seniorSide',
    sealed,
    senior: seniorInfo,
  };
}

/** 我来处理: a named person takes the alert; the chain stops and everyone involved is told who. */
export async function acknowledge(ctx: ServiceContext, input: ParsedInput<'alerts', 'acknowledge'>): Promise<AlertsResults['acknowledge']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadAlert(tx, input.alertId);
    const { senior, user } = await loadSenior(tx, a.seniorId);
    const role = roleOf(me, a, senior);
    if (!role || role === 'seniorSide') throw new AppError('FORBIDDEN', '只有警报通知到的人和工作人员可以接手处理');
    if (a.state !== 'open') throw new AppError('WRONG_STATE', '这条警报已经结束');
    if (a.acknowledgedBy) return alertViewOf(tx, a, new Names(tx), viewing(ctx));
    const notified = a.notified.some((n) => n.userId === me._id) ? a.notified : [...a.notified, { userId: me._id, at, how: 'acknowledged' as const }];
    const seenBy = a.seenBy.some((s) => s.userId === me._id) ? a.seenBy : [...a.seenBy, { userId: me._id, at }];
    const next = await updateAlert(
      tx,
      a,
      { at, kind: 'acknowledged', actorId: me._id, note: `${me.name}（${roleTextOf(a, me._id)}）接手处理` },
      { acknowledgedBy: me._id, acknowledgedAt: at, notified, seenBy, nobodyReached: false },
    );
    await logAct(tx, {
      seniorId: a.seniorId,
      actorId: me._id,
      via: viaOf(me, a, role),
      kind: 'alert.acknowledge',
      text: `${me.name}接手处理${ALERT_KIND_LABELS[a.kind]}`,
      refId: a._id,
      at,
    });
    for (const userId of [...involved(a, me._id), ...seniorSide(senior).filter((id) => id !== me._id)]) {
      await notify(
        tx,
        {
          userId,
          kind: 'alert.acknowledged',
          title: `${me.name}正在处理`.slice(0, 40),
          body: `${user.name}的${ALERT_KIND_LABELS[a.kind]}由${me.name}（${roleTextOf(a, me._id)}）接手处理`,
          alertId: a._id,
          seniorId: a.seniorId,
          eventKey: `alert:${a._id}:ack`,
        },
        at,
      );
    }
    return alertViewOf(tx, next, new Names(tx), viewing(ctx));
  });
}

const STEP_KIND: Record<ChecklistStep | 'note' | 'called' | 'visited', AlertStep['kind']> = {
  call: 'called',
  knock: 'visited',
  building: 'note',
  emergency: 'note',
  called: 'called',
  visited: 'visited',
  note: 'note',
};

export async function step(ctx: ServiceContext, input: ParsedInput<'alerts', 'step'>): Promise<AlertsResults['step']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadAlert(tx, input.alertId);
    const { senior, user } = await loadSenior(tx, a.seniorId);
    const role = roleOf(me, a, senior);
    if (!role) throw new AppError('FORBIDDEN', '只有收到警报的人可以记录处理情况');
    if (role === 'seniorSide' && input.step !== 'note') throw new AppError('FORBIDDEN', '老人和家属可以留言；电话、上门由老伙伴或工作人员记录');
    if (a.state !== 'open') throw new AppError('WRONG_STATE', '这条警报已经结束');
    const checklistStep = (CHECKLIST as readonly string[]).includes(input.step) ? (input.step as ChecklistStep) : null;
    // Each checklist step is recorded once, with the time it was done and by whom.
    if (checklistStep && a.checklist?.[checklistStep]) return alertViewOf(tx, a, new Names(tx), viewing(ctx));
    const label = checklistStep ? `${CHECKLIST_LABELS[checklistStep]}：` : '';
    const patch: Partial<AlertDoc> = {};
    if (checklistStep) patch.checklist = { ...(a.checklist ?? {}), [checklistStep]: { at, by: me._id } };
    if (role !== 'seniorSide' && !a.seenBy.some((s) => s.userId === me._id)) patch.seenBy = [...a.seenBy, { userId: me._id, at }];
    const next = await updateAlert(tx, a, { at, kind: STEP_KIND[input.step], actorId: me._id, note: `${label}${input.note}`.slice(0, 200) }, patch);
    await logAct(tx, {
      seniorId: a.seniorId,
      actorId: me._id,
      via: viaOf(me, a, role),
      kind: `alert.step.${input.step}`,
      text: `${me.name}：${label}${input.note}`,
      refId: a._id,
      at,
    });
    if (input.step === 'emergency') {
      for (const userId of involved(a, me._id)) {
        await notify(
          tx,
          {
            userId,
            kind: 'alert.escalated',
            title: '已拨打 110 / 120',
            body: `${me.name}已为${user.name}拨打 110 / 120：${input.note}`,
            alertId: a._id,
            seniorId: a.seniorId,
            eventKey: `alert:${a._id}:emergency`,
          },
          at,
        );
      }
    }
    return alertViewOf(tx, next, new Names(tx), viewing(ctx));
  });
}

export async function close(ctx: ServiceContext, input: ParsedInput<'alerts', 'close'>): Promise<AlertsResults['close']> {
  const me = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadAlert(tx, input.alertId);
    const { senior, user } = await loadSenior(tx, a.seniorId);
    const role = roleOf(me, a, senior);
    if (!role) throw new AppError('FORBIDDEN', '只有收到警报的人、工作人员或老人一方可以结束警报');
    if (a.state === 'closed') return alertViewOf(tx, a, new Names(tx), viewing(ctx));
    if (role === 'seniorSide' && input.how !== 'false_alarm') {
      throw new AppError('FORBIDDEN', '老人和家属只能标记为“误按”；其他情况由老伙伴或工作人员处理后结束');
    }
    // "Handled, she is safe" tells everyone the alert reached to stop worrying: it rests on something
    // done (a call, a visit … recorded) or said here, never on a tap alone.
    const somethingDone = Object.keys(a.checklist ?? {}).length > 0 || a.steps.some((x) => x.kind === 'called' || x.kind === 'visited');
    if (input.how === 'resolved' && !input.note?.trim() && !somethingDone) {
      throw new AppError('VALIDATION', '结束为“已处理，老人平安”之前，请先记下做了什么（打了电话、上门看过……），或在说明里写一句老人现在怎么样', [
        { path: 'note', message: '请写明老人现在怎么样' },
      ]);
    }
    const next = await closeAlertIn(tx, a, senior, me._id, input.how, input.note ?? null, at);
    const via = viaOf(me, a, role);
    const how = ALERT_CLOSE_LABELS[input.how];
    await logAct(tx, {
      seniorId: a.seniorId,
      actorId: me._id,
      via,
      kind: 'alert.close',
      text: `${actorLabel(me.name, via)}结束了${ALERT_KIND_LABELS[a.kind]}：${next.steps.at(-1)!.note}`,
      refId: a._id,
      at,
    });
    const whose = me._id === a.seniorId ? '自己' : user.name; // not 沈阿婆结束了沈阿婆的一键求助
    await tellClosed(tx, a, senior, me._id, `警报已结束：${user.name}`, `${me.name}结束了${whose}的${ALERT_KIND_LABELS[a.kind]}（${how}）`, at);
    return alertViewOf(tx, next, new Names(tx), viewing(ctx));
  });
}

/** Everyone the alert reached, and the senior's side, hear that it ended (but whoever ended it). */
async function tellClosed(tx: Tx, a: AlertDoc, senior: SeniorDoc, by: string, title: string, body: string, at: string): Promise<void> {
  for (const userId of [...involved(a, by), ...seniorSide(senior).filter((id) => id !== by)]) {
    await notify(
      tx,
      { userId, kind: 'alert.closed', title: title.slice(0, 40), body, alertId: a._id, seniorId: a.seniorId, eventKey: `alert:${a._id}:closed` },
      at,
    );
  }
}

/**
 * A 老伙伴 contact reached the senior after a 联系不上 alert was raised: the alert ends (已处理, by
 * the partner), in her 办理记录 too, and everyone it reached is told she was found, so the chain
 * stops climbing towards people who would otherwise go looking for her.
 */
export async function closeAsReached(tx: Tx, a: AlertDoc, senior: SeniorDoc, seniorName: string, partner: UserDoc, how: string, at: string): Promise<void> {
  const note = `老伙伴${partner.name}已联系上老人（${how}）`;
  await closeAlertIn(tx, a, senior, partner._id, 'resolved', note, at);
  await logAct(tx, {
    seniorId: a.seniorId,
    actorId: partner._id,
    via: 'partner',
    kind: 'alert.close',
    text: `老伙伴${partner.name}结束了${ALERT_KIND_LABELS[a.kind]}：已联系上老人（${how}）`,
    refId: a._id,
    at,
  });
  await tellClosed(tx, a, senior, partner._id, `已联系上：${seniorName}`, `${note}，${ALERT_KIND_LABELS[a.kind]}警报已结束`, at);
}

/**
 * Closes an open alert inside `tx` (no-op when closed already) and clears it from the senior and the
 * 老伙伴 care record. Also used when a partner's contact ends an overdue alert.
 */
export async function closeAlertIn(tx: Tx, a: AlertDoc, senior: SeniorDoc, by: string, how: AlertCloseHow, note: string | null, at: string): Promise<AlertDoc> {
  if (a.state !== 'open') return a;
  const next = await updateAlert(
    tx,
    a,
    { at, kind: 'closed', actorId: by, note: `${ALERT_CLOSE_LABELS[how]}${note ? `：${note}` : ''}` },
    { state: 'closed', closedBy: by, closedAt: at, closeHow: how, closeNote: note },
  );
  if (senior.openAlertId === a._id) {
    await tx.update('seniors', senior._id, { openAlertId: null, updatedAt: at });
    senior.openAlertId = null;
  }
  const care = await tx.get<{ _id: string; openAlertIds: string[]; overdueAlertId: string | null }>('care', a.seniorId);
  if (care && (care.openAlertIds.includes(a._id) || care.overdueAlertId === a._id)) {
    await tx.update('care', care._id, {
      openAlertIds: care.openAlertIds.filter((id) => id !== a._id),
      overdueAlertId: care.overdueAlertId === a._id ? null : care.overdueAlertId,
      updatedAt: at,
    });
  }
  return next;
}

/** Appends a step to an alert inside `tx` (the scheduler's reminder). */
export const appendAlertStep = (tx: Tx, a: AlertDoc, s: AlertStep, patch: Partial<AlertDoc> = {}): Promise<AlertDoc> => updateAlert(tx, a, s, patch);
