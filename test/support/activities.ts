/** Helpers for the activities tests: the demo street on a real SQLite file with a clock the test moves. */
import type { ActivitiesResults, ActivityView, Envelope, FunctionName } from '../../cloudfunctions/core/api';
import { seedDemoStreet } from '../../server/seed';
import { openWorld, type TestWorld } from './context';

export interface Street {
  world: TestWorld;
  clock: { now: Date };
  /** Calls as a demo person; a fresh requestId every time unless one is given. */
  call<T = unknown>(openid: string, fn: FunctionName, action: string, data?: object, requestId?: string): Promise<Envelope<T>>;
  /** Like call, but throws on a refusal and returns the data. */
  ok<T = unknown>(openid: string, fn: FunctionName, action: string, data?: object, requestId?: string): Promise<T>;
  userId(openid: string): Promise<string>;
  /** Every table's rows as one string (minus the tables named), to show that nothing was written. */
  snapshot(except?: string[]): string;
  createActivity(leader: string, data?: object): Promise<ActivityView>;
  close(): Promise<void>;
}

let counter = 0;

export const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;

/** What createActivity schedules unless told otherwise: the patrol, Saturday 2026-11-28 09:00–11:00 in Shanghai, 10 places. */
export const ACTIVITY_INPUT = {
  teamId: 't_patrol',
  title: '周末巡河护林',
  category: 'community',
  place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
  date: '2026-11-28',
  startTime: '09:00',
  endTime: '11:00',
  capacity: 10,
};

export async function openStreet(start = '2026-11-27T00:00:00.000Z'): Promise<Street> {
  const clock = { now: new Date(start) };
  const world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps, { activities: false });
  const ids = new Map<string, string>();
  const street: Street = {
    world,
    clock,
    call: (openid, fn, action, data = {}, requestId) => world.call(openid, fn, action, data, requestId ?? `t-${process.pid}-${counter++}-req`),
    async ok(openid, fn, action, data = {}, requestId) {
      const result = await street.call(openid, fn, action, data, requestId);
      if (!result.ok) throw new Error(`${fn}.${action} as ${openid}: ${result.error.code} ${result.error.message}`);
      return result.data as never;
    },
    async userId(openid) {
      if (!ids.has(openid)) {
        const identity = await world.store.get<{ _id: string; userId: string }>('identities', openid);
        if (!identity) throw new Error(`no identity ${openid}`);
        ids.set(openid, identity.userId);
      }
      return ids.get(openid)!;
    },
    snapshot(except = []) {
      const db = world.store.rawReader;
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>)
        .map((t) => t.name)
        .filter((t) => !except.includes(t));
      return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT id, doc FROM "${t}" ORDER BY id`).all()]));
    },
    async createActivity(leader, data = {}) {
      const teamId = { 'demo-v01': 't_patrol', 'demo-v02': 't_paws', 'demo-v03': 't_waterfront', 'demo-v05': 't_partners' }[leader] ?? 't_patrol';
      const created = await street.ok<ActivitiesResults['create']>(leader, 'activities', 'create', { ...ACTIVITY_INPUT, teamId, ...data });
      return created.activities[0]!;
    },
    close: () => world.close(),
  };
  return street;
}

export const at = (iso: string) => new Date(iso);
