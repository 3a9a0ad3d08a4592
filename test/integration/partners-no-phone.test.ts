/**
 * A senior registered without a phone: her partner's list, the 居委's board and her card say so
 * (`hasPhone`), so no page offers a 打电话 that can only fail; one with a phone is unchanged.
 */
import type { PartnersResults } from '../../cloudfunctions/core/api';
import { becomePartner, openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;
let s: SeniorStreet;
let shen: string;
let ni: string;

beforeAll(async () => {
  s = await openSeniorStreet('2026-12-01T02:00:00.000Z');
  shen = await s.userId('demo-s01');
  ni = (await s.registerSenior('demo-social', { name: '倪阿娣', phone: undefined })).id;
  const partner = await becomePartner(s, v(18));
  await s.ok('demo-social', 'partners', 'confirm', {
    pairs: [
      { seniorId: shen, volunteerId: partner },
      { seniorId: ni, volunteerId: partner },
    ],
    replace: false,
  });
});
afterAll(() => s.close());

it('says which seniors have a phone on record, on the partner’s list, the board and the card', async () => {
  const mine = await s.ok<PartnersResults['mySeniors']>(v(18), 'partners', 'mySeniors', {});
  expect(Object.fromEntries(mine.items.map((i) => [i.name, i.hasPhone]))).toEqual({ 沈阿婆: true, 倪阿娣: false });
  const board = await s.ok<PartnersResults['coverage']>('demo-social', 'partners', 'coverage', {});
  expect(board.items.find((i) => i.seniorId === ni)!.hasPhone).toBe(false);
  expect(board.items.find((i) => i.seniorId === shen)!.hasPhone).toBe(true);
  expect((await s.ok<PartnersResults['card']>(v(18), 'partners', 'card', { seniorId: ni })).hasPhone).toBe(false);
  // What reveal says for her is the same: no number.
  expect((await s.ok<PartnersResults['reveal']>(v(18), 'partners', 'reveal', { seniorId: ni, field: 'phone' })).phone).toBeNull();
});
