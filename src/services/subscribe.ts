/**
 * WeChat subscription messages (订阅消息) from the app's side. WeChat lets the app send one message
 * per template per acceptance, and asks only from a tap: `askSubscriptions` is called synchronously
 * at the start of a natural tap handler (报名, 加入老伙伴, 提交求助 ...), before anything awaits, so
 * `Taro.requestSubscribeMessage` still counts as tap-initiated. It reads the cached answer of
 * `inbox.subscriptions` (loaded when the session is, refreshed after answering), prompts only for
 * templates the server says to ask for (up to 3), and records the answers. It never throws and never
 * delays the tap's own action: call it with `void` and carry on.
 *
 * H5 (the local runtime) has no WeChat prompt: an in-page modal per template stands in for it,
 * saying in plain words why we ask; 允许 records accept, 不允许 records reject.
 */
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import type { InboxResults, SubscriptionView } from '@core/api';
import type { SubscribeAnswer, TemplateKey } from '@core/domain/notifications';
import { subscribeMessages as m } from '../messages/subscribe';
import { getState } from '../state/store';
import { call } from './api';

export type { TemplateKey } from '@core/domain/notifications';
type Subscriptions = InboxResults['subscriptions'];
type Answers = Partial<Record<TemplateKey, SubscribeAnswer>>;

const isH5 = process.env.TARO_ENV === 'h5';
/** WeChat shows at most 3 templates in one prompt. */
const MAX_PER_PROMPT = 3;
/** A cached answer older than this is fetched again at the next session refresh. */
const STALE_MS = 5 * 60_000;

/**
 * The last answer, also kept in storage: a page opened straight from a WeChat message or a share
 * (the app just started) can prompt at its first tap, before the session's refresh comes back.
 */
const STORAGE_KEY = 'subscriptions.cache';
type Cached = { userId: string; at: number; data: Subscriptions };

function readStored(): Cached | null {
  try {
    const v = Taro.getStorageSync(STORAGE_KEY) as Cached | '' | undefined;
    return v && typeof v === 'object' && typeof v.userId === 'string' && Array.isArray(v.data?.items) ? { ...v, at: 0 } : null;
  } catch {
    return null;
  }
}

let cache: Cached | null = readStored();
let loading: { userId: string; done: Promise<void> } | null = null;
/** Templates being asked right now (a double tap prompts once). */
const asking = new Set<TemplateKey>();
const listeners = new Set<() => void>();

const myId = (): string | null => getState().me?.profile?.id ?? null;

function put(userId: string, data: Subscriptions): void {
  cache = { userId, at: Date.now(), data };
  try {
    Taro.setStorageSync(STORAGE_KEY, cache);
  } catch {
    // storage full or unavailable: the in-memory cache still serves this run
  }
  listeners.forEach((l) => l());
}

/** The cached subscriptions of the signed-in person, or null when not loaded (or someone else's). */
function cachedSubscriptions(): Subscriptions | null {
  const me = myId();
  return cache && me && cache.userId === me ? cache.data : null;
}

function subscribeCache(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The cached subscriptions, re-rendering when they change (通知设置, the staff card). */
export function useSubscriptions(): Subscriptions | null {
  return useSyncExternalStore(subscribeCache, cachedSubscriptions, cachedSubscriptions);
}

/**
 * Loads `inbox.subscriptions` for the signed-in person: when the session loads (useSession), and
 * with `force` where the page shows them. A failure keeps the old cache (the app then simply does not
 * ask); `force` rethrows it so the page can say so.
 */
export async function loadSubscriptions(options: { force?: boolean } = {}): Promise<void> {
  const userId = myId();
  if (!userId) return;
  if (!options.force && cache?.userId === userId && Date.now() - cache.at < STALE_MS) return;
  if (loading?.userId === userId && !options.force) return loading.done;
  const done = call('inbox', 'subscriptions', {}).then((data) => {
    if (myId() === userId) put(userId, data);
  });
  loading = { userId, done };
  try {
    await done;
  } catch (e) {
    if (options.force) throw e;
  } finally {
    if (loading?.done === done) loading = null;
  }
}

/** Sets quiet hours and updates the cache. Throws the API error for the page to show. */
export async function saveQuietHours(on: boolean, from = '22:00', to = '07:00'): Promise<void> {
  const res = await call('inbox', 'setQuietHours', on ? { on, from, to } : { on });
  const userId = myId();
  if (cache && userId && cache.userId === userId) put(userId, { ...cache.data, quiet: res.quiet });
}

function pick(data: Subscriptions, keys: readonly TemplateKey[], force: boolean): SubscriptionView[] {
  const local = data.runtime === 'local';
  return (
    [...new Set(keys)]
      .map((k) => data.items.find((i) => i.template === k))
      .filter((v): v is SubscriptionView => !!v && !asking.has(v.template))
      // Asked for explicitly (通知设置): even after a refusal, but only a template that can be sent.
      .filter((v) => (force ? v.templateId !== '' || (local && isH5) : v.ask))
      .slice(0, MAX_PER_PROMPT)
  );
}

/** WeChat's prompt: one answer per template id ('filter' = the template was filtered out: no answer). */
async function promptWeChat(picks: SubscriptionView[], prompt: Promise<unknown>): Promise<Answers> {
  const out: Answers = {};
  try {
    const res = (await prompt) as Record<string, unknown>;
    for (const p of picks) {
      const given = res[p.templateId];
      if (given === 'accept' || given === 'reject' || given === 'ban') out[p.template] = given;
    }
  } catch (e) {
    // 20004: the person switched subscription messages off in WeChat's settings altogether.
    if ((e as { errCode?: number } | null)?.errCode === 20004) for (const p of picks) out[p.template] = 'ban';
  }
  return out;
}

/** The H5 stand-in: one modal per template, saying why. */
async function promptPage(picks: SubscriptionView[]): Promise<Answers> {
  const out: Answers = {};
  for (const p of picks) {
    try {
      const res = await Taro.showModal({
        title: m.modalTitle,
        content: m.why[p.template] + m.question(p.title),
        confirmText: m.allow,
        cancelText: m.refuse,
      });
      out[p.template] = res.confirm ? 'accept' : 'reject';
    } catch {
      // closed some other way: no answer
    }
  }
  return out;
}

/**
 * Asks for these templates at a tap (call synchronously from the handler, don't await it before the
 * tap's own work). Without `force`, only templates the server says to ask for (none left, never
 * refused); with `force` (the person asked in 通知设置) also after a refusal. Resolves with the
 * answers recorded, or null when nothing was asked; never rejects.
 */
export function askSubscriptions(keys: readonly TemplateKey[], context: string, options: { force?: boolean } = {}): Promise<Answers | null> {
  const data = cachedSubscriptions();
  if (!data) {
    void loadSubscriptions();
    return Promise.resolve(null);
  }
  const picks = pick(data, keys, !!options.force);
  if (!picks.length) return Promise.resolve(null);
  picks.forEach((p) => asking.add(p.template));
  // Synchronously, still inside the tap: WeChat refuses a prompt that does not come from one.
  let prompt: Promise<Answers>;
  try {
    prompt = isH5
      ? promptPage(picks)
      : promptWeChat(picks, Taro.requestSubscribeMessage({ tmplIds: picks.map((p) => p.templateId) } as unknown as Taro.requestSubscribeMessage.Option));
  } catch {
    prompt = Promise.resolve({});
  }
  const userId = myId();
  return prompt
    .then(async (answers) => {
      if (!Object.keys(answers).length) return null;
      const res = await call('inbox', 'answerSubscriptions', { answers, context: context.slice(0, 30) });
      if (userId && myId() === userId && cache?.userId === userId) put(userId, { ...cache.data, items: res.items });
      return answers;
    })
    .catch(() => null)
    .finally(() => picks.forEach((p) => asking.delete(p.template)));
}

/** A template's state in plain words (通知设置, the staff card). */
export function subscriptionText(v: SubscriptionView): string {
  if (v.left === null) return m.settings.always;
  if (v.left > 0) return m.settings.left(v.left);
  if (v.last === 'reject') return m.settings.refused;
  if (v.last === 'ban') return m.settings.banned;
  return m.settings.off;
}
