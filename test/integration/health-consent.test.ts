/**
 * The senior's separate consent for her 老伙伴 to record her health (services/health-consent.ts), on
 * the demo street over a real SQLite store and the dispatcher: no health note without it (and nothing
 * else written), sealed at rest and never in an answer kept for retries, opened only through an
 * audited reveal, recorded at the desk or later, and withdrawn with every note deleted.
 */
import type { PartnersResults, SeniorView, SeniorsResults } from '../../cloudfunctions/core/api';
import type { ContactDoc } from '../../cloudfunctions/core/domain/partners';
import { deleteHealthNotes, healthJobId, type HealthDeletionJobDoc } from '../../cloudfunctions/core/services/health-consent';
import { runScheduler } from '../../cloudfunctions/core/services/scheduler';
import { v } from '../support/activities';
import { becomePartner } from '../support/partners';
import { openSeniorStreet, text, type SeniorStreet } from './seniors-fixtures';

const T0 = '2026-12-01T02:00:00.000Z';
const PARTNER = v(18);
const HEALTH = '血压偏高，早上头有点晕';

let s: SeniorStreet;
let seniorId: string;

const rows = (table: string) => (s.world.store.rawReader.prepare(`SELECT * FROM "${table}"`).all() as object[]).map((r) => JSON.stringify(r)).join('\n');
const audits = (kind: string) =>
  (s.world.store.rawReader.prepare(`SELECT doc FROM "audit"`).all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc)).filter((a) => a.kind === kind);
const card = () => s.ok<PartnersResults['card']>(PARTNER, 'partners', 'card', { seniorId });
const contact = (extra: object = {}) => {
  // Each contact a little later than the last, so the newest comes first on the card.
  s.advance(10);
  return s.call<PartnersResults['logContact']>(PARTNER, 'partners', 'logContact', { seniorId, channel: 'phone', outcome: 'ok', ...extra });
};
const healthNotes = async (openid = PARTNER) =>
  (await s.ok<PartnersResults['reveal']>(openid, 'partners', 'reveal', { seniorId, field: 'health' })).healthNotes!.map((n) => n.text);

beforeAll(async () => {
  s = await openSeniorStreet(T0);
  await becomePartner(s.ok, PARTNER, await s.userId(PARTNER));
  seniorId = (await s.registerSenior('demo-social', { name: '柏秀兰' })).id;
  await s.ok('demo-social', 'partners', 'confirm', { pairs: [{ seniorId, volunteerId: await s.userId(PARTNER) }] });
});

afterAll(() => s.close());

it('without her separate consent a contact takes no health note, and a refused one writes nothing', async () => {
  expect((await s.ok<SeniorView>('demo-social', 'seniors', 'detail', { seniorId })).healthConsent).toBeNull();
  expect((await card()).healthConsent).toBe(false);
  const before = [s.count('contacts'), s.count('serviceRecords'), s.count('seniorLog')];
  const refused = await contact({ health: HEALTH });
  expect(refused.ok || refused.error).toMatchObject({ code: 'CONSENT_REQUIRED', details: [{ path: 'health' }] });
  expect([s.count('contacts'), s.count('serviceRecords'), s.count('seniorLog')]).toEqual(before);
  expect(rows('contacts') + rows('requests')).not.toContain(HEALTH);
  // The same contact without it goes through; the reveal opens nothing.
  expect((await contact()).ok).toBe(true);
  expect(await healthNotes()).toEqual([]);
});

it('with it recorded, the note is sealed at rest, kept out of every answer, and opened only by an audited reveal', async () => {
  const granted = await s.ok<SeniorsResults['setHealthConsent']>('demo-social', 'seniors', 'setHealthConsent', { seniorId, granted: true });
  expect(granted).toEqual({ seniorId, granted: true, healthNotesDeleted: 0, healthNotesLeft: 0 });
  expect((await s.ok<SeniorView>('demo-social', 'seniors', 'detail', { seniorId })).healthConsent).toMatchObject({ granted: true, via: 'socialWorker' });
  expect((await card()).healthConsent).toBe(true);

  s.advance(10);
  const logged = await s.ok<PartnersResults['logContact']>(PARTNER, 'partners', 'logContact', {
    seniorId,
    channel: 'visit',
    outcome: 'worried',
    health: HEALTH,
  });
  expect(logged).toMatchObject({ hasHealth: true });
  expect(text(logged)).not.toContain(HEALTH);
  // Sealed in the contact; absent from the answer kept for retries, the alert and the record texts.
  expect(rows('contacts')).not.toContain(HEALTH);
  expect(rows('requests') + rows('serviceRecords') + rows('messages') + rows('seniorLog')).not.toContain(HEALTH);
  const seen = await card();
  expect(seen.recent[0]).toMatchObject({ id: logged.id, hasHealth: true });
  expect(text(seen)).not.toContain(HEALTH);

  const openedBefore = audits('senior.health.open').length;
  expect(await healthNotes()).toEqual([HEALTH]);
  expect(await healthNotes('demo-social')).toEqual([HEALTH]);
  expect(audits('senior.health.open')).toHaveLength(openedBefore + 2);
  // Someone else: neither the notes nor a line of audit.
  expect(await s.err(v(9), 'partners', 'reveal', { seniorId, field: 'health' })).toMatchObject({ code: 'FORBIDDEN' });
  expect(audits('senior.health.open')).toHaveLength(openedBefore + 2);
  const history = await s.ok<SeniorsResults['history']>('demo-social', 'seniors', 'history', { seniorId });
  expect(history.items.map((h) => h.text)).toContain('登记同意老伙伴记录身体情况');
});

it('withdrawn, every health note is deleted and counted, and no new one is taken', async () => {
  for (const h of ['膝盖疼', '药快吃完了']) expect((await contact({ health: h })).ok).toBe(true);
  const noted = () => s.world.store.find<ContactDoc>('contacts', { where: { seniorId }, limit: 100 }).then((p) => p.items.filter((c) => c.healthEnc).length);
  expect(await noted()).toBe(3);
  // Only she, her proxy or her 居委 may answer for her.
  expect(await s.err(PARTNER, 'seniors', 'setHealthConsent', { seniorId, granted: false })).toMatchObject({ code: 'FORBIDDEN' });
  const withdrawn = await s.ok<SeniorsResults['setHealthConsent']>('demo-social', 'seniors', 'setHealthConsent', { seniorId, granted: false });
  expect(withdrawn).toEqual({ seniorId, granted: false, healthNotesDeleted: 3, healthNotesLeft: 0 });
  expect(await noted()).toBe(0);
  expect(await healthNotes()).toEqual([]);
  expect((await card()).recent.every((c) => !c.hasHealth)).toBe(true);
  expect((await contact({ health: '又头晕了' })).ok).toBe(false);
  expect(audits('healthConsent.withdraw')).toHaveLength(1);
});

it('a consent given at the desk is recorded with the registration', async () => {
  const senior = await s.registerSenior('demo-social', {
    name: '葛凤珍',
    consent: { by: 'senior', informed: true, sensitive: true, sharing: true, health: true },
  });
  expect(senior.healthConsent).toMatchObject({ granted: true, via: 'socialWorker' });
  const history = await s.ok<SeniorsResults['history']>('demo-social', 'seniors', 'history', { seniorId: senior.id });
  expect(history.items.map((h) => h.text).join('\n')).toContain('单独同意老伙伴记录身体情况');
});

/** A contact of `senior` with a (fake) sealed health note, written at `createdAt`. */
const noteOf = (senior: string, id: string, createdAt: string): ContactDoc => ({
  _id: id,
  seniorId: senior,
  volunteerId: 'u_x',
  committeeId: 'c_xinyuanwan',
  at: createdAt,
  channel: 'phone',
  outcome: 'ok',
  needs: [],
  followUpEnc: '',
  noteEnc: '',
  healthEnc: 'sealed',
  minutes: null,
  recordId: null,
  recordState: 'none',
  alertId: null,
  createdAt,
  updatedAt: createdAt,
});
const insert = (docs: ContactDoc[]) => s.world.store.transaction(async (tx) => Promise.all(docs.map((d) => tx.create('contacts', d))));
const notesOf = async (senior: string) =>
  (await s.world.store.find<ContactDoc>('contacts', { where: { seniorId: senior }, limit: 100 })).items.filter((c) => c.healthEnc).map((c) => c._id);

it('a withdrawal cut short by its time budget says what is left; the scheduler deletes the rest, sparing notes of a consent given since', async () => {
  const other = (await s.registerSenior('demo-social', { name: '过美娟' })).id;
  const at = s.clock.now.toISOString();
  await insert(Array.from({ length: 70 }, (_, i) => noteOf(other, `ct_budget_${String(i).padStart(3, '0')}`, at)));
  let pages = 1;
  expect(await deleteHealthNotes(s.world.store, other, { timeLeft: () => pages-- }, at)).toEqual({ deleted: 50, left: 20 });
  // What the withdrawal leaves for the scheduler (as setHealthConsent writes it when time ran out).
  const job: HealthDeletionJobDoc = { _id: healthJobId(other), kind: 'healthNotes', ownerId: 'healthNotes', seniorId: other, before: at, createdAt: at };
  await s.world.store.transaction(async (tx) => tx.set('jobs', job));
  // Given again before the scheduler runs: the new note is hers to keep.
  s.advance(30);
  await insert([noteOf(other, 'ct_budget_new', s.clock.now.toISOString())]);
  const run = await runScheduler({ store: s.world.store, notifier: s.world.notifier }, s.clock.now);
  expect(run.healthNotes).toEqual({ finished: 1 });
  expect(run.unfinished).not.toContain('healthNotes');
  expect(await notesOf(other)).toEqual(['ct_budget_new']);
  expect(await s.world.store.get('jobs', healthJobId(other))).toBeNull();
});

it('a reveal never shows a note older than the consent in force', async () => {
  const other = (await s.registerSenior('demo-social', { name: '戴月娥' })).id;
  await s.ok('demo-social', 'partners', 'confirm', { pairs: [{ seniorId: other, volunteerId: await s.userId(PARTNER) }] });
  // A note left from an earlier consent (its deletion not yet done), then the consent given again.
  await insert([{ ...noteOf(other, 'ct_old_note', s.clock.now.toISOString()), recordState: 'pending' }]);
  s.advance(10);
  await s.ok('demo-social', 'seniors', 'setHealthConsent', { seniorId: other, granted: true });
  const revealed = await s.ok<PartnersResults['reveal']>(PARTNER, 'partners', 'reveal', { seniorId: other, field: 'health' });
  expect(revealed.healthNotes).toEqual([]);
  const seen = await s.ok<PartnersResults['card']>(PARTNER, 'partners', 'card', { seniorId: other });
  expect(seen.recent.find((c) => c.id === 'ct_old_note')).toMatchObject({ hasHealth: false });
  // Nor the 居委's list of contacts to approve.
  const pending = await s.ok<PartnersResults['pendingContacts']>('demo-social', 'partners', 'pendingContacts', { limit: 100 });
  expect(pending.items.find((c) => c.id === 'ct_old_note')).toMatchObject({ hasHealth: false });
});

it('closing her record clears her health notes with the rest of her contacts', async () => {
  const other = (await s.registerSenior('demo-social', { name: '项阿娣' })).id;
  await insert([noteOf(other, 'ct_closing_note', s.clock.now.toISOString())]);
  const closed = await s.ok<SeniorsResults['close']>('demo-social', 'seniors', 'close', { seniorId: other, reason: 'movedAway', confirm: true });
  expect(closed.erasure).toMatchObject({ done: true, contacts: 1 });
  expect(await s.world.store.get<ContactDoc>('contacts', 'ct_closing_note')).toMatchObject({ healthEnc: '' });
});
