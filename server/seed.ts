/**
 * The demo street, seeded on first start outside production: the 居委, the teams of
 * shared/domain.md, about 20 volunteers, their leaders, 10 seniors living alone, a social worker
 * and an admin. People are created through the same dispatcher the app uses, so the seed obeys
 * every rule the product does. Phone numbers are fictitious (the 1380000xxxx range).
 */
import { seedCall } from './seed-call';
import type { RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import { PRIVACY_POLICY_VERSION } from '../cloudfunctions/core/domain/people';
import { roleSet, type Role, type RoleGrant } from '../cloudfunctions/core/domain/roles';
import type { UserDoc } from '../cloudfunctions/core/domain/people';
import { runSetup } from '../cloudfunctions/core/services/setup';
import { touchStreetDesk } from '../cloudfunctions/core/services/shared/acting';
import { DEFAULT_QUIET_HOURS, type SubscriptionDoc, type TemplateKey } from '../cloudfunctions/core/domain/notifications';
import streetFile from '../street.json';
import { localParts } from '../cloudfunctions/core/domain/schedule';
import { demoPastDates, demoPastSteps, seedDemoActivities, seedDemoMembers } from './seed-activities';
import { seedDemoHistory } from './seed-history';
import { DEMO_FAMILY, seedDemoProxies, seedDemoSeniorCredits, seedDemoSeniors } from './seed-seniors';
import { seedDemoPartners } from './seed-partners';
import { seedDemoLogos } from './seed-logos';

interface DemoPerson {
  openid: string;
  name: string;
  phone: string;
  birthYear: number;
  committeeId: string;
  /** Extra grants beyond volunteer; 'senior' people get only the senior role. */
  grants?: Array<{ role: Role; teamId?: string; committeeId?: string }>;
  elderMode?: boolean;
}

const volunteers: Array<[string, number, string]> = [
  ['王建国', 1962, 'c_xinyuanwan'],
  ['李秀英', 1965, 'c_binjiang'],
  ['张伟', 1970, 'c_linyin'],
  ['刘芳', 1968, 'c_chunxiao'],
  ['陈志强', 1959, 'c_xinyuanwan'],
  ['杨丽华', 1963, 'c_binjiang'],
  ['赵明', 1985, 'c_linyin'],
  ['黄小燕', 1990, 'c_chunxiao'],
  ['周国平', 1958, 'c_xinyuanwan'],
  ['吴桂英', 1961, 'c_binjiang'],
  ['徐磊', 1995, 'c_linyin'],
  ['孙美玲', 1966, 'c_chunxiao'],
  ['马骏', 1999, 'c_xinyuanwan'],
  ['朱红', 1964, 'c_binjiang'],
  ['胡海', 1972, 'c_linyin'],
  ['郭静', 1967, 'c_chunxiao'],
  ['林峰', 1960, 'c_xinyuanwan'],
  ['何玉兰', 1957, 'c_binjiang'],
  ['高飞', 1988, 'c_linyin'],
  ['罗晓梅', 1969, 'c_chunxiao'],
];

const seniors: Array<[string, number, string]> = [
  ['沈阿婆', 1938, 'c_xinyuanwan'],
  ['钱老伯', 1940, 'c_xinyuanwan'],
  ['陆桂珍', 1942, 'c_binjiang'],
  ['顾福根', 1936, 'c_binjiang'],
  ['蒋凤英', 1944, 'c_linyin'],
  ['韩志明', 1939, 'c_linyin'],
  ['曹秀兰', 1941, 'c_chunxiao'],
  ['冯阿大', 1937, 'c_chunxiao'],
  ['邹玉梅', 1945, 'c_xinyuanwan'],
  ['彭家宝', 1943, 'c_binjiang'],
];

const phone = (n: number) => `1380000${String(n).padStart(4, '0')}`;

export const DEMO_PEOPLE: DemoPerson[] = [
  { openid: 'demo-admin', name: '街道管理员', phone: phone(1), birthYear: 1980, committeeId: 'c_xinyuanwan', grants: [{ role: 'admin' }] },
  { openid: 'demo-duty', name: '街道值班周敏', phone: phone(3), birthYear: 1985, committeeId: 'c_xinyuanwan' },
  {
    openid: 'demo-social',
    name: '居委社工小郑',
    phone: phone(2),
    birthYear: 1990,
    committeeId: 'c_xinyuanwan',
    grants: [
      { role: 'socialWorker', committeeId: 'c_xinyuanwan' },
      { role: 'socialWorker', committeeId: 'c_binjiang' },
    ],
  },
  ...volunteers.map(([name, birthYear, committeeId], i): DemoPerson => ({
    openid: `demo-v${String(i + 1).padStart(2, '0')}`,
    name,
    phone: phone(100 + i),
    birthYear,
    committeeId,
  })),
  ...seniors.map(([name, birthYear, committeeId], i): DemoPerson => ({
    openid: `demo-s${String(i + 1).padStart(2, '0')}`,
    name,
    phone: phone(200 + i),
    birthYear,
    committeeId,
    grants: [{ role: 'senior' }],
    elderMode: true,
  })),
  // Family members who act for their parents as proxies (server/seed-seniors.ts).
  ...DEMO_FAMILY,
];

// Leaders: the first volunteers lead the teams, in order.
const LEADERS: Record<string, string> = { 'demo-v01': 't_patrol', 'demo-v02': 't_paws', 'demo-v03': 't_waterfront', 'demo-v05': 't_partners' };
for (const person of DEMO_PEOPLE) {
  const teamId = LEADERS[person.openid];
  if (teamId) person.grants = [{ role: 'leader', teamId }];
}

/**
 * WeChat subscription answers as the demo's people would have given them at their natural taps:
 * staff accepted 警报通知 several times; the family members have not subscribed yet (their link is
 * 未订阅, so an alarm passes on to the 居委 at once, as it would on a real phone); a few volunteers
 * accepted 活动提醒 once.
 */
async function seedDemoSubscriptions(deps: RuntimeDeps): Promise<void> {
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const answers: Array<[string, Partial<Record<TemplateKey, number>>]> = [
    ['demo-admin', { alert: 20, help: 5 }],
    ['demo-duty', { alert: 20 }],
    ['demo-social', { alert: 20, help: 10, contact: 5 }],
    ['demo-v01', { activity: 1, team: 2, hours: 1 }],
    ['demo-v04', { activity: 1 }],
  ];
  for (const [openid, templates] of answers) {
    const identity = await deps.store.get<{ _id: string; userId: string }>('identities', openid);
    if (!identity) continue;
    await deps.store.transaction(async (tx) => {
      if (await tx.get('subscriptions', identity.userId)) return;
      const doc: SubscriptionDoc = {
        _id: identity.userId,
        templates: Object.fromEntries(
          Object.entries(templates).map(([key, accepts]) => [key, { accepts: accepts!, sends: 0, last: 'accept', answeredAt: at }]),
        ),
        quiet: DEFAULT_QUIET_HOURS,
        updatedAt: at,
      };
      await tx.create('subscriptions', doc);
    });
  }
}

/** Days before today that the demo street's people registered, with the year of history after them. */
const SETTLED_DAYS_AGO = 400;

/**
 * The clock of the street's settling in: with the year of history, its people registered, were
 * appointed and joined their teams before it began (a report of this month counts no demo person
 * as new, and no senior registered today has been paired for ten days), a step a minute after the
 * one before, so lists in registration order keep the seed's order. Without history (the tests),
 * it is the seed's own clock.
 */
function settledClock(deps: RuntimeDeps, withHistory: boolean): () => RuntimeDeps {
  if (!withHistory) return () => deps;
  let at = (deps.now ?? (() => new Date()))().getTime() - SETTLED_DAYS_AGO * 86_400_000;
  // A millisecond per reading within a step, as real time would pass between a step's calls.
  const clocked: RuntimeDeps = { ...deps, now: () => new Date((at += 1)) };
  return () => {
    at += 60_000;
    return clocked;
  };
}

/** The seed marker in `meta`: who is seeding, and when they last made progress. */
interface SeedMarker {
  _id: 'seed';
  state: 'running' | 'done';
  at: string;
  attempt: number;
}

/** A seeder that has not moved for this long is taken to have crashed, and the next start resumes. */
const SEED_STALE_MS = 60_000;

/**
 * Seeds once per data folder; a second process starting at the same moment skips. A seed cut off
 * half-way (a crash, Ctrl-C) is resumed by the next start: every step is idempotent (dispatcher calls
 * with fixed requestIds replay their first answer; the few direct writes check first), so running it
 * again completes what is missing and changes nothing that is there. The seeder touches the marker
 * between stages, so a live one is never mistaken for a crashed one.
 *
 * `partners`: the 老伙伴 demo (server/seed-partners.ts: partner volunteers, pairs, contact history,
 * an unreachable senior). Off unless asked, so tests that need seniors without partners keep them;
 * the local server asks for it outside tests (server/serve.ts).
 */
export async function seedDemoStreet(
  deps: RuntimeDeps,
  options: { activities?: boolean; partners?: boolean; history?: boolean; staleAfterMs?: number } = {},
): Promise<'seeded' | 'resumed' | 'already'> {
  const { store } = deps;
  const staleAfter = options.staleAfterMs ?? SEED_STALE_MS;
  const claimed = await store.transaction(async (tx) => {
    const marker = await tx.get<SeedMarker>('meta', 'seed');
    if (marker?.state === 'done') return null;
    if (marker && Date.now() - Date.parse(marker.at) < staleAfter) return null;
    const attempt = (marker?.attempt ?? 0) + 1;
    await tx.set<SeedMarker>('meta', { _id: 'seed', state: 'running', at: new Date().toISOString(), attempt });
    return attempt;
  });
  if (claimed === null) return 'already';
  const progress = () => store.transaction(async (tx) => tx.update('meta', 'seed', { at: new Date().toISOString() }));

  // The demo street is street.json (4 居委 with their estates and map points, the teams of
  // shared/domain.md; fictitious), loaded by the same setup production runs, with the policy.
  await runSetup(store, streetFile, deps.now?.() ?? new Date());

  const withActivities = options.activities ?? true;
  const withHistory = !!options.history && withActivities;
  const settled = settledClock(deps, withHistory);

  for (const p of DEMO_PEOPLE) {
    await seedCall(
      settled(),
      'account',
      p.openid,
      'register',
      {
        name: p.name,
        phone: p.phone,
        birthYear: p.birthYear,
        committeeId: p.committeeId,
        consentVersion: PRIVACY_POLICY_VERSION,
        elderMode: p.elderMode ?? false,
      },
      `seed-register-${p.openid}`,
    );
  }
  await progress();

  // The first admin cannot be granted by an admin: bootstrap it directly, with an audit entry.
  const adminIdentity = await store.get<{ _id: string; userId: string }>('identities', 'demo-admin');
  if (!adminIdentity) throw new Error('seed: admin was not registered');
  await store.transaction(async (tx) => {
    const admin = await tx.get<UserDoc>('users', adminIdentity.userId);
    if (!admin) throw new Error('seed: admin user missing');
    if (admin.roles.includes('admin')) return;
    const at = (settled().now ?? (() => new Date()))().toISOString();
    const grants: RoleGrant[] = [...admin.grants, { role: 'admin', grantedBy: 'seed', grantedAt: at }];
    await tx.update('users', admin._id, { grants, roles: roleSet(grants) });
    await tx.create('audit', { _id: 'a_seed_admin', at, actorId: 'seed', subjectId: admin._id, kind: 'role.grant', detail: { role: 'admin' } });
    // The demo street's first admin is this one: nobody else is offered the one-time claim.
    await tx.update('meta', 'setup', { adminClaimedBy: admin._id, adminClaimedAt: at });
    await touchStreetDesk(tx, admin._id, at);
  });

  for (const p of DEMO_PEOPLE) {
    if (p.openid === 'demo-admin') continue;
    const identity = await store.get<{ _id: string; userId: string }>('identities', p.openid);
    for (const grant of p.grants ?? []) {
      await seedCall(
        settled(),
        'admin',
        'demo-admin',
        'grantRole',
        { userId: identity!.userId, ...grant },
        `seed-grant-${p.openid}-${grant.role}-${grant.teamId ?? grant.committeeId ?? ''}`,
      );
    }
    if (p.grants?.some((g) => g.role === 'senior')) {
      await seedCall(settled(), 'admin', 'demo-admin', 'revokeRole', { userId: identity!.userId, role: 'volunteer' }, `seed-revoke-${p.openid}`);
    }
  }

  await progress();

  // The alarm chain's street links: 周敏 on duty by day, the admin by night (the 街道值班 role comes with the roster).
  const dutyIdentity = await store.get<{ _id: string; userId: string }>('identities', 'demo-duty');
  await seedCall(
    deps,
    'alerts',
    'demo-admin',
    'setRoster',
    {
      shifts: [
        { userId: dutyIdentity!.userId, weekdays: [1, 2, 3, 4, 5, 6, 7], from: '08:00', to: '20:00' },
        { userId: adminIdentity.userId, weekdays: [1, 2, 3, 4, 5, 6, 7], from: '20:00', to: '08:00' },
      ],
    },
    'seed-duty-roster',
  );
  await seedDemoSubscriptions(deps);

  // Seniors as the time bank keeps them: profiles and family proxies (server/seed-seniors.ts); members join their teams.
  const seniors = DEMO_PEOPLE.filter((p) => p.grants?.some((g) => g.role === 'senior'));
  await seedDemoSeniors(settled(), seniors);
  await seedDemoProxies(settled(), seniors);
  if (withActivities) await seedDemoMembers(settled());
  await progress();

  // 老伙伴: partner volunteers, pairs, contacts and one unreachable senior (server/seed-partners.ts);
  // its one ledger step (yesterday's approval of contacts) is run below with the other past ones.
  const partnerSteps = options.partners ? await seedDemoPartners(deps) : [];
  await progress();

  // Every account's statement lists its lines in the order they were written, so the ledger is
  // written in date order, issuance and the pool included: first everything dated in the past (the
  // year of history, server/seed-history.ts, the two past activities and the 老伙伴 approval), by
  // date, then what happens today.
  const pastSteps = [...(withActivities ? demoPastSteps(deps) : []), ...partnerSteps];
  if (withHistory) {
    await seedDemoHistory(deps, demoPastDates(localParts((deps.now ?? (() => new Date()))()).date), pastSteps);
  } else {
    for (const step of [...pastSteps].sort((a, b) => a.at.getTime() - b.at.getTime())) await step.run();
  }
  await progress();

  // The seniors' credits, the pool's donation and two requests for tomorrow (today's).
  await seedDemoSeniorCredits(deps, seniors);
  await progress();

  // A weekly patrol series, a 握爪 event and a study walk to come (server/seed-activities.ts).
  if (withActivities) {
    await seedDemoActivities(deps);
    // Each team's logo, which its activity cards show (server/seed-logos.ts).
    await seedDemoLogos(deps, LEADERS);
  }

  await store.transaction(async (tx) => tx.update('meta', 'seed', { state: 'done', at: new Date().toISOString() }));
  return claimed === 1 ? 'seeded' : 'resumed';
}
