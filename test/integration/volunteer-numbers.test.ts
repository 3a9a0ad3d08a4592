/**
 * Volunteer numbers on a real SQLite store: registration gives one; someone registered before
 * numbers existed gets one on first use, numbered in their year of registration, once; a closed
 * account keeps its number and the sequence never gives it again.
 */
import { ensureVolunteerNumber, newVolunteerNumber, UNSET_STREET_CODE } from '../../cloudfunctions/core/services/shared/sequences';
import type { UserDoc } from '../../cloudfunctions/core/domain/people';
import { openWorld, type TestWorld } from '../support/context';

let world: TestWorld;
beforeEach(() => {
  world = openWorld();
});
afterEach(async () => {
  await world.close();
});

const legacyUser = (id: string, createdAt: string): UserDoc => ({
  _id: id,
  name: '老队员',
  phoneEnc: 'x',
  phoneHash: `h-${id}`,
  phoneMasked: '139****0000',
  birthYear: 1960,
  committeeId: 'c_a',
  elderMode: false,
  consent: { version: 'v1', at: createdAt },
  grants: [],
  roles: ['volunteer'],
  createdAt,
  updatedAt: createdAt,
});

it('numbers someone registered before numbers existed on first use, in their year of registration, once', async () => {
  const now = new Date('2026-12-04T02:00:00.000Z');
  await world.store.transaction((tx) => tx.create('users', legacyUser('u_old', '2024-12-31T17:00:00.000Z')));
  // 2025-01-01 01:00 in Shanghai: the year of registration is 2025, not the UTC year 2024.
  const first = await world.store.transaction((tx) => ensureVolunteerNumber(tx, 'u_old', now));
  expect(first).toBe(`${UNSET_STREET_CODE}-2025-000001`);
  const again = await world.store.transaction((tx) => ensureVolunteerNumber(tx, 'u_old', now));
  expect(again).toBe(first);
  expect((await world.store.get<UserDoc>('users', 'u_old'))!.volunteerNo).toBe(first);
  // The 2025 sequence moved on; 2026's starts at 1.
  expect(await world.store.transaction((tx) => newVolunteerNumber(tx, new Date('2025-06-01T00:00:00.000Z')))).toBe(`${UNSET_STREET_CODE}-2025-000002`);
  expect(await world.store.transaction((tx) => newVolunteerNumber(tx, now))).toBe(`${UNSET_STREET_CODE}-2026-000001`);
});

it('takes no number when the transaction that drew it fails', async () => {
  const at = new Date('2026-03-01T00:00:00.000Z');
  await expect(
    world.store.transaction(async (tx) => {
      await newVolunteerNumber(tx, at);
      throw new Error('refused after drawing');
    }),
  ).rejects.toThrow('refused after drawing');
  expect(await world.store.transaction((tx) => newVolunteerNumber(tx, at))).toBe(`${UNSET_STREET_CODE}-2026-000001`);
});

it('refuses to number someone who does not exist', async () => {
  await expect(world.store.transaction((tx) => ensureVolunteerNumber(tx, 'u_nobody', new Date()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
});
