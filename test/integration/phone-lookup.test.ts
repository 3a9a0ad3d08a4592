/**
 * Phone enumeration. Inviting a relative (timebank.proposeLink) or asking to be a
 * senior's proxy (seniors.requestProxy) by a typed number answers the same whether or not the
 * number is registered, tells nobody when it is not, and is rate-limited per caller by one
 * persisted counter: it holds across two store handles on the same SQLite file and under
 * concurrent calls. Real dispatcher, real SQLite file.
 */
import path from 'node:path';
import type { Envelope, FunctionName } from '../../cloudfunctions/core/api';
import { PHONE_LOOKUP } from '../../cloudfunctions/core/domain/rate-limit';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import { openSqliteStore, type SqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { REGISTRY } from '../../cloudfunctions/registry';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

let s: SeniorStreet;
let second: SqliteStore;
let secondDeps: RuntimeDeps;

beforeAll(async () => {
  s = await openSeniorStreet();
  // A second handle on the same file: another process or function instance, as far as the store can tell.
  second = openSqliteStore(path.join(s.world.dataDir, 'street.db'));
  secondDeps = { ...s.world.deps, store: second };
});
afterAll(async () => {
  await second.close();
  await s.close();
});

let seq = 0;
const rid = (label: string) => `${label}-${process.pid}-${seq++}`;
const call = <T>(deps: RuntimeDeps, openid: string, fn: FunctionName, action: string, data: object) =>
  dispatch(fn, REGISTRY[fn] as never, { action, data, requestId: rid(action) }, openid, deps) as Promise<Envelope<T>>;

/** Everything a message could leave behind: the inbox, the outbox, the notifier. */
const sent = async () => ({ inbox: await s.world.store.count('messages'), outbox: await s.world.store.count('outbox'), wechat: s.world.notifier.sent.length });
/** The answer with what must differ between two calls (ids, times, the number typed) blanked. */
const shape = (v: Record<string, unknown>) => ({
  ...v,
  id: typeof v.id,
  createdAt: typeof v.createdAt,
  otherPhoneMasked: typeof v.otherPhoneMasked,
  phoneMasked: typeof v.phoneMasked,
});

describe('the answer is the same whether or not the number is registered', () => {
  it('proposeLink: same fields, nothing about the other person, no message for an unknown number', async () => {
    const asker = await s.person('问询甲');
    const relative = await s.person('亲属乙');
    const before = await sent();
    const unknown = await s.ok<Record<string, unknown>>(asker.openid, 'timebank', 'proposeLink', { phone: '13700009999', relation: '女儿' });
    expect(await sent()).toEqual(before);
    const known = await s.ok<Record<string, unknown>>(asker.openid, 'timebank', 'proposeLink', { phone: relative.phone, relation: '女儿' });
    // Only the registered relative is told, in the inbox only (no template fits), and the asker is told nothing.
    expect(await sent()).toEqual({ ...before, inbox: before.inbox + 1 });
    const told = await s.ok<{ items: Array<{ kind: string; body: string }> }>(relative.openid, 'inbox', 'list', {});
    expect(told.items).toEqual([expect.objectContaining({ kind: 'link.invited', body: expect.stringContaining('亲属关联') })]);
    expect((await s.ok<{ items: unknown[] }>(asker.openid, 'inbox', 'list', {})).items).toEqual([]);

    expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
    expect(shape(known)).toEqual(shape(unknown));
    expect(unknown).toMatchObject({ otherPhoneMasked: '137****9999', otherName: '', otherUserId: null, state: 'proposed', direction: 'sent' });
    expect(known).toMatchObject({ otherPhoneMasked: `${relative.phone.slice(0, 3)}****${relative.phone.slice(-4)}`, otherName: '', otherUserId: null });
    expect(JSON.stringify(known)).not.toContain('亲属');
    expect(JSON.stringify(known)).not.toContain(relative.userId);

    // The caller's list shows both the same way; the registered relative sees the request to confirm.
    const mine = (await s.ok<{ items: Array<Record<string, unknown>> }>(asker.openid, 'timebank', 'links')).items;
    expect(mine.map(shape)).toEqual([shape(known), shape(unknown)]);
    expect(JSON.stringify(mine)).not.toContain(relative.userId);
    const theirs = (await s.ok<{ items: Array<Record<string, unknown>> }>(relative.openid, 'timebank', 'links')).items;
    expect(theirs).toEqual([expect.objectContaining({ direction: 'received', state: 'proposed', otherName: expect.stringMatching(/^问\*/) })]);

    // Withdrawing an invitation answers the same way too.
    const w1 = await s.ok<Record<string, unknown>>(asker.openid, 'timebank', 'removeLink', { linkId: unknown.id as string });
    const w2 = await s.ok<Record<string, unknown>>(asker.openid, 'timebank', 'removeLink', { linkId: known.id as string });
    expect(shape(w1)).toEqual(shape(w2));
    expect((await s.ok<{ items: unknown[] }>(relative.openid, 'timebank', 'links')).items).toEqual([]);
  });

  it('requestProxy: same fields, nothing about the senior, the senior side told only for a real senior', async () => {
    const family = await s.person('家属丙');
    const before = await sent();
    const unknown = await s.ok<Record<string, unknown>>(family.openid, 'seniors', 'requestProxy', { seniorPhone: '13700008888', relation: '儿子' });
    expect(await sent()).toEqual(before);
    // A registered person who is no senior: the same again, and nobody told.
    const someone = await s.person('居民丁');
    const notSenior = await s.ok<Record<string, unknown>>(family.openid, 'seniors', 'requestProxy', { seniorPhone: someone.phone, relation: '儿子' });
    expect(await sent()).toEqual(before);
    const senior = await s.ok<Record<string, unknown>>(family.openid, 'seniors', 'requestProxy', { seniorPhone: '13800000203', relation: '儿子' });

    for (const v of [notSenior, senior]) {
      expect(Object.keys(v).sort()).toEqual(Object.keys(unknown).sort());
      expect(shape(v)).toEqual(shape(unknown));
    }
    expect(senior).toMatchObject({ phoneMasked: '138****0203', state: 'pending', relation: '儿子' });
    expect(JSON.stringify(senior)).not.toContain('顾福根');
    expect((await s.world.store.count('messages')) - before.inbox).toBeGreaterThan(0);

    const mine = await s.ok<{ asked: Array<Record<string, unknown>>; pending: unknown[] }>(family.openid, 'seniors', 'mine');
    expect(mine.asked.map(shape)).toEqual([shape(senior), shape(notSenior), shape(unknown)]);
    expect(JSON.stringify(mine)).not.toContain('顾福根');
    expect(mine.pending).toEqual([]);
    // The requester may not confirm their own request, reached or not: the same refusal.
    const c1 = await s.err(family.openid, 'seniors', 'confirmProxy', { proxyId: unknown.id as string });
    const c2 = await s.err(family.openid, 'seniors', 'confirmProxy', { proxyId: senior.id as string });
    expect(c1).toEqual(c2);
    // Withdrawn, both the same.
    const w1 = await s.ok<Record<string, unknown>>(family.openid, 'seniors', 'withdrawProxyRequest', { inviteId: unknown.id as string });
    const w2 = await s.ok<Record<string, unknown>>(family.openid, 'seniors', 'withdrawProxyRequest', { inviteId: senior.id as string });
    expect(shape(w1)).toEqual(shape(w2));
    expect(w2).toMatchObject({ state: 'withdrawn' });
  });

  it('no plain phone number in the audit of the attempts', async () => {
    const asker = await s.person('问询戊');
    await s.ok(asker.openid, 'timebank', 'proposeLink', { phone: '13700007777', relation: '女儿' });
    const rows = s.world.store.rawReader
      .prepare("SELECT doc FROM audit WHERE json_extract(doc, '$.kind') = 'phoneLookup.attempt' AND json_extract(doc, '$.subjectId') = ?")
      .all(asker.userId) as Array<{ doc: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.doc).toContain('137****7777');
    expect(rows[0]!.doc).not.toContain('13700007777');
  });
});

describe('the rate limit on lookups by phone number', () => {
  const N = PHONE_LOOKUP.limit;

  it(`refuses the ${N + 1}th lookup in the window, counting both actions, across two store handles`, async () => {
    const asker = await s.person('试号己');
    const answers: Array<Envelope<unknown>> = [];
    for (let i = 0; i < N + 2; i++) {
      // Alternate the store handle and the action: one counter for both.
      const deps = i % 2 ? secondDeps : s.world.deps;
      const phone = `1360000${String(i).padStart(4, '0')}`;
      answers.push(
        i % 3
          ? await call(deps, asker.openid, 'timebank', 'proposeLink', { phone, relation: '亲戚' })
          : await call(deps, asker.openid, 'seniors', 'requestProxy', { seniorPhone: phone, relation: '亲戚' }),
      );
    }
    expect(answers.slice(0, N).every((a) => a.ok)).toBe(true);
    for (const a of answers.slice(N)) {
      expect(a).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      if (!a.ok) expect(a.error.message).toMatch(/太频繁.*请在 \d+月\d+日 \d\d:\d\d 以后再试/);
    }
    // Refused attempts are audited too.
    const refused = s.world.store.rawReader
      .prepare("SELECT count(*) AS n FROM audit WHERE json_extract(doc, '$.kind') = 'phoneLookup.refused' AND json_extract(doc, '$.subjectId') = ?")
      .get(asker.userId) as { n: number };
    expect(refused.n).toBe(2);
    // Another caller has a counter of their own.
    const other = await s.person('试号庚');
    expect((await call(secondDeps, other.openid, 'timebank', 'proposeLink', { phone: '13600000001', relation: '亲戚' })).ok).toBe(true);
  });

  it('lets a new window start once the old one is over', async () => {
    const asker = await s.person('试号辛');
    for (let i = 0; i < N; i++) await s.ok(asker.openid, 'timebank', 'proposeLink', { phone: `1350000${String(i).padStart(4, '0')}`, relation: '亲戚' });
    expect(await s.err(asker.openid, 'timebank', 'proposeLink', { phone: '13500009999', relation: '亲戚' })).toMatchObject({ code: 'RATE_LIMITED' });
    const back = s.clock.now;
    s.clock.now = new Date(back.getTime() + PHONE_LOOKUP.windowMinutes * 60_000);
    try {
      await s.ok(asker.openid, 'timebank', 'proposeLink', { phone: '13500009999', relation: '亲戚' });
    } finally {
      s.clock.now = back;
    }
  });

  // Two handles in one process would only wait on each other's file lock; two processes racing over
  // HTTP are in test/api/phone-lookup.test.ts.
  it(`never lets more than ${N} through when ${N * 3} calls come at once`, async () => {
    const asker = await s.person('试号壬');
    const answers = await Promise.all(
      Array.from({ length: N * 3 }, (_, i) =>
        call(
          s.world.deps,
          asker.openid,
          i % 2 ? 'seniors' : 'timebank',
          i % 2 ? 'requestProxy' : 'proposeLink',
          i % 2
            ? { seniorPhone: `1340000${String(i).padStart(4, '0')}`, relation: '亲戚' }
            : { phone: `1340000${String(i).padStart(4, '0')}`, relation: '亲戚' },
        ),
      ),
    );
    const passed = answers.filter((a) => a.ok).length;
    expect(passed).toBeLessThanOrEqual(N);
    for (const a of answers.filter((x) => !x.ok)) expect(a).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // Whatever got through counted: the rest of the window holds exactly N in all.
    let more = 0;
    for (let i = 0; i < N + 1; i++) {
      const a = await call(s.world.deps, asker.openid, 'timebank', 'proposeLink', { phone: `1330000${String(i).padStart(4, '0')}`, relation: '亲戚' });
      if (a.ok) more++;
    }
    expect(passed + more).toBe(N);
  });
});
