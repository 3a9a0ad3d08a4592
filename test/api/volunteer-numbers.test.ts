/**
 * Volunteer numbers over real HTTP from two server PROCESSES on one data folder: people registering
 * at the same moment on either process get numbers that are all different and leave no gap, in the
 * street's format (domain/certificates.ts), and a failed registration takes no number.
 */
import fs from 'node:fs';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { parseVolunteerNumber } from '../../cloudfunctions/core/domain/certificates';
import { callApi, login, newRequestId, tempDataDir } from '../support/server';
import { spawnServer, type ServerProcess } from '../support/process';

let dataDir: string;
let servers: ServerProcess[] = [];

beforeAll(async () => {
  dataDir = tempDataDir('volunteer-numbers');
  servers.push(await spawnServer(dataDir, { NODE_ENV: 'test', SEED_DEMO: '0' }));
  servers.push(await spawnServer(dataDir, { NODE_ENV: 'test', SEED_DEMO: '0' }));
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Me {
  profile: { id: string; volunteerNo: string | null };
}

const phoneOf = (n: number) => `1391${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(4, '0')}`;

async function register(n: number, phone = phoneOf(n)) {
  const url = servers[n % 2]!.url;
  const { token } = await login(url, `number-${process.pid}-${n}`);
  return callApi<Me>(
    url,
    token,
    'account',
    'register',
    {
      name: `编号${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(n / 10) % 12]}`,
      phone,
      birthYear: 1980,
      committeeId: 'c_xinyuanwan',
      consentVersion: PRIVACY_POLICY_VERSION,
    },
    newRequestId('register'),
  );
}

it('gives people registering at once on two processes distinct, gap-free numbers in the street format', async () => {
  const N = 24;
  const answers = await Promise.all(Array.from({ length: N }, (_, n) => register(n)));
  const numbers = answers.map((a) => {
    if (!a.body.ok) throw new Error(`register refused: ${a.body.error.code} ${a.body.error.message}`);
    return a.body.data.profile.volunteerNo!;
  });
  const parsed = numbers.map((v) => parseVolunteerNumber(v));
  expect(parsed.every((p) => p !== null)).toBe(true);
  // The demo street's code (street.json) and this year, in Shanghai.
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  expect(new Set(parsed.map((p) => `${p!.streetCode}|${p!.year}`))).toEqual(new Set([`310000-demo|${year}`]));
  expect(parsed.map((p) => p!.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
}, 120_000);

it('takes no number for a registration refused after drawing one (a phone already used), so the next one follows on', async () => {
  const refused = await register(100, phoneOf(0));
  expect(refused.body.ok).toBe(false);
  if (!refused.body.ok) expect(refused.body.error.code).toBe('CONFLICT');
  const next = await register(101);
  if (!next.body.ok) throw new Error(next.body.error.code);
  expect(parseVolunteerNumber(next.body.data.profile.volunteerNo!)!.seq).toBe(25);
}, 60_000);
