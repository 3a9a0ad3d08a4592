/**
 * The Store port contract: one suite, run against every adapter
 * (test/integration/store-sqlite.test.ts, test/integration/store-cloudbase.test.ts).
 *
 * Tests write arbitrary fields into collections that exist in schema.ts (`audit`, `meta`,
 * `requests`); each test gets a fresh, empty store from `makeStore`.
 */
import { AppError } from '../../cloudfunctions/core/errors';
import type { FieldFilter, Query, Store } from '../../cloudfunctions/core/store/port';
import type { Doc } from '../../cloudfunctions/core/domain/doc';
import type { CollectionName } from '../../cloudfunctions/core/store/schema';

export interface StoreUnderTest {
  store: Store;
  cleanup: () => Promise<void>;
}

type Row = Doc & Record<string, unknown>;

/** Writes documents in transactions of at most 50 (a bulk seed, not what is under test). */
async function seed(store: Store, collection: CollectionName, docs: Row[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 50) {
    const chunk = docs.slice(i, i + 50);
    await store.transaction(async (tx) => {
      for (const doc of chunk) await tx.set(collection, doc);
    });
  }
}

/** Every page of a query, following `next` until null. */
async function allPages<T extends Doc>(store: Store, collection: CollectionName, query: Query): Promise<{ items: T[]; pages: number[] }> {
  const items: T[] = [];
  const pages: number[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await store.find<T>(collection, after ? { ...query, after } : query);
    items.push(...page.items);
    pages.push(page.items.length);
    if (!page.next) return { items, pages };
    after = page.next;
  }
  throw new Error('paging did not end');
}

const ids = (docs: Doc[]) => docs.map((d) => d._id);

/** The order the port promises: sort field, then `_id`, both in the same direction. */
function expectedOrder(docs: Row[], field: string, direction: 'asc' | 'desc'): string[] {
  const sign = direction === 'asc' ? 1 : -1;
  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : (a as number | string) < (b as number | string) ? -1 : 1);
  return [...docs].sort((a, b) => sign * (cmp(a[field], b[field]) || cmp(a._id, b._id))).map((d) => d._id);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  const e = await rejection(p);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

const pad = (n: number) => String(n).padStart(4, '0');

export function describeStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup();
    });

    describe('get', () => {
      it('returns null for a missing document and the document exactly as written', async () => {
        expect(await store.get('meta', 'nope')).toBeNull();
        const doc = {
          _id: 'doc-1',
          name: '张阿姨',
          minutes: 90,
          ratio: 0.25,
          negative: -3,
          active: true,
          retired: false,
          note: null,
          tags: ['助老', '陪诊'],
          profile: { committee: '长乐居委', floors: [1, 2], nested: { ok: true } },
          emoji: '👵🏻',
        };
        await store.transaction(async (tx) => tx.create('meta', doc));
        expect(await store.get('meta', 'doc-1')).toEqual(doc);
        expect(await store.get('audit', 'doc-1')).toBeNull();
      });

      it('drops undefined fields, like JSON', async () => {
        await store.transaction(async (tx) => tx.create('meta', { _id: 'u', a: 1, b: undefined }));
        const got = await store.get<Row>('meta', 'u');
        expect(got).toEqual({ _id: 'u', a: 1 });
        expect(Object.keys(got ?? {})).not.toContain('b');
      });
    });

    describe('find and count', () => {
      const people: Row[] = [
        { _id: 'p01', committee: 'A', age: 70, born: '1955-03-01', active: true, tag: 'x' },
        { _id: 'p02', committee: 'A', age: 82, born: '1943-07-15', active: false, tag: null },
        { _id: 'p03', committee: 'B', age: 65, born: '1960-01-30', active: true },
        { _id: 'p04', committee: 'B', age: 70, born: '1955-11-11', active: true, tag: 'y' },
        { _id: 'p05', committee: 'C', age: 91, born: '1934-05-05', active: false, tag: 'x' },
        { _id: 'p06', committee: 'A', age: 60.5, born: '1964-12-31', active: true, tag: 'z' },
      ];
      const findIds = async (where: Record<string, FieldFilter>) => ids((await store.find('audit', { where, limit: 100 })).items).sort();

      beforeEach(async () => {
        await seed(store, 'audit', people);
      });

      it('filters by equality on strings and numbers, all conditions at once', async () => {
        expect(await findIds({ committee: 'A' })).toEqual(['p01', 'p02', 'p06']);
        expect(await findIds({ age: 70 })).toEqual(['p01', 'p04']);
        expect(await findIds({ committee: 'A', age: 70 })).toEqual(['p01']);
        expect(await findIds({ committee: 'Z' })).toEqual([]);
        expect(await findIds({ _id: 'p03' })).toEqual(['p03']);
      });

      it('filters by ranges on numbers and strings, bounds included or not', async () => {
        expect(await findIds({ age: { gt: 70 } })).toEqual(['p02', 'p05']);
        expect(await findIds({ age: { gte: 70 } })).toEqual(['p01', 'p02', 'p04', 'p05']);
        expect(await findIds({ age: { lt: 65 } })).toEqual(['p06']);
        expect(await findIds({ age: { gte: 65, lte: 70 } })).toEqual(['p01', 'p03', 'p04']);
        expect(await findIds({ age: { gt: 60, lt: 61 } })).toEqual(['p06']);
        expect(await findIds({ born: { gte: '1950-01-01', lt: '1960-01-01' } })).toEqual(['p01', 'p04']);
        expect(await findIds({ committee: 'A', age: { lt: 80 } })).toEqual(['p01', 'p06']);
        expect(await findIds({ _id: { gt: 'p04' } })).toEqual(['p05', 'p06']);
      });

      it('filters by `in`; an empty list matches nothing', async () => {
        expect(await findIds({ committee: { in: ['B', 'C'] } })).toEqual(['p03', 'p04', 'p05']);
        expect(await findIds({ age: { in: [70, 91, 1000] } })).toEqual(['p01', 'p04', 'p05']);
        expect(await findIds({ _id: { in: ['p02', 'p06', 'zz'] } })).toEqual(['p02', 'p06']);
        expect(await findIds({ committee: { in: [] } })).toEqual([]);
      });

      it('`in` never matches null or missing (as SQL IN); equality with null does', async () => {
        expect(await findIds({ tag: { in: [null, 'x'] } })).toEqual(['p01', 'p05']);
        expect(await findIds({ tag: { in: [null] } })).toEqual([]);
      });

      it('matches null against null and missing fields', async () => {
        expect(await findIds({ tag: null })).toEqual(['p02', 'p03']);
        expect(await findIds({ committee: 'B', tag: null })).toEqual(['p03']);
        expect(await findIds({ nowhere: null })).toHaveLength(people.length);
      });

      it('a range bound of null matches nothing', async () => {
        expect(await findIds({ age: { gt: null } })).toEqual([]);
        expect(await findIds({ tag: { lte: null } })).toEqual([]);
      });

      it('filters by booleans; false does not match a missing field', async () => {
        await seed(store, 'audit', [{ _id: 'p07', committee: 'C', age: 50 }]);
        expect(await findIds({ active: true })).toEqual(['p01', 'p03', 'p04', 'p06']);
        expect(await findIds({ active: false })).toEqual(['p02', 'p05']);
        expect(await findIds({ active: { in: [false] } })).toEqual(['p02', 'p05']);
        expect(await findIds({ active: null })).toEqual(['p07']);
      });

      it('counts with and without conditions', async () => {
        expect(await store.count('audit')).toBe(6);
        expect(await store.count('audit', {})).toBe(6);
        expect(await store.count('audit', { committee: 'A' })).toBe(3);
        expect(await store.count('audit', { age: { gte: 70 }, active: true })).toBe(2);
        expect(await store.count('audit', { tag: null })).toBe(2);
        expect(await store.count('audit', { committee: { in: [] } })).toBe(0);
        expect(await store.count('meta')).toBe(0);
      });

      it('orders ascending and descending with ties broken by _id in the same direction', async () => {
        const asc = await store.find('audit', { orderBy: { field: 'age', direction: 'asc' }, limit: 100 });
        expect(ids(asc.items)).toEqual(['p06', 'p03', 'p01', 'p04', 'p02', 'p05']);
        expect(asc.next).toBeNull();
        const desc = await store.find('audit', { orderBy: { field: 'age', direction: 'desc' }, limit: 100 });
        expect(ids(desc.items)).toEqual(['p05', 'p02', 'p04', 'p01', 'p03', 'p06']);
        const byId = await store.find('audit', { limit: 100 });
        expect(ids(byId.items)).toEqual(['p01', 'p02', 'p03', 'p04', 'p05', 'p06']);
        const byIdDesc = await store.find('audit', { orderBy: { field: '_id', direction: 'desc' }, limit: 3 });
        expect(ids(byIdDesc.items)).toEqual(['p06', 'p05', 'p04']);
        const filtered = await store.find('audit', {
          where: { committee: 'A' },
          orderBy: { field: 'born', direction: 'desc' },
          limit: 2,
        });
        expect(ids(filtered.items)).toEqual(['p06', 'p01']);
        expect(filtered.next).not.toBeNull();
      });

      it('returns whole documents from find', async () => {
        const page = await store.find('audit', { where: { _id: 'p01' }, limit: 1 });
        expect(page.items).toEqual([people[0]]);
        expect(page.next).toBeNull();
      });

      it('rejects a limit outside 1..100 and a cursor it did not make', async () => {
        for (const limit of [0, -1, 101, 1000, 2.5, Number.NaN]) {
          await expectAppError(store.find('audit', { limit }), 'INTERNAL');
        }
        await expectAppError(store.find('audit', { limit: 10, after: 'not-a-cursor' }), 'VALIDATION');
        await expectAppError(store.find('audit', { limit: 10, after: Buffer.from(JSON.stringify({ a: 1 })).toString('base64url') }), 'VALIDATION');
      });

      it('rejects field names that are not plain identifiers', async () => {
        await expectAppError(store.find('audit', { where: { 'a.b': 1 }, limit: 10 }), 'INTERNAL');
        await expectAppError(store.find('audit', { where: { $where: 1 }, limit: 10 }), 'INTERNAL');
        await expectAppError(store.find('audit', { orderBy: { field: "x') --", direction: 'asc' }, limit: 10 }), 'INTERNAL');
      });
    });

    describe('cursor paging', () => {
      // 250 documents, sort values with many ties, ids deliberately not in sort order.
      const docs: Row[] = Array.from({ length: 250 }, (_, i) => ({
        _id: `r${pad((i * 37) % 250)}`,
        rank: i % 7,
        at: `2024-05-${String(1 + (i % 3)).padStart(2, '0')}T08:00:00.000Z`,
        group: i % 2 === 0 ? 'even' : 'odd',
      }));

      beforeEach(async () => {
        await seed(store, 'audit', docs);
      });

      it.each([
        ['rank', 'asc', 100],
        ['rank', 'desc', 100],
        ['rank', 'asc', 33],
        ['at', 'desc', 7],
        ['_id', 'asc', 100],
        ['_id', 'desc', 41],
      ] as const)('pages through 250 docs by %s %s, %i a page, without duplicates or gaps', async (field, direction, limit) => {
        const { items, pages } = await allPages<Row>(store, 'audit', { orderBy: { field, direction }, limit });
        expect(ids(items)).toEqual(expectedOrder(docs, field, direction));
        expect(new Set(ids(items)).size).toBe(250);
        expect(pages.slice(0, -1).every((n) => n === limit)).toBe(true);
        expect(pages[pages.length - 1]).toBe(250 % limit || limit);
      });

      it('pages with a condition, and a default order by _id', async () => {
        const even = docs.filter((d) => d.group === 'even');
        const { items } = await allPages<Row>(store, 'audit', { where: { group: 'even' }, limit: 30 });
        expect(ids(items)).toEqual(ids(even).sort());
        const ranked = await allPages<Row>(store, 'audit', {
          where: { group: 'odd', rank: { gte: 2, lt: 5 } },
          orderBy: { field: 'rank', direction: 'desc' },
          limit: 9,
        });
        const expected = docs.filter((d) => d.group === 'odd' && (d.rank as number) >= 2 && (d.rank as number) < 5);
        expect(ids(ranked.items)).toEqual(expectedOrder(expected, 'rank', 'desc'));
      });

      it.each([
        ['asc', { gte: 1, lte: 5 }],
        ['desc', { gte: 1, lte: 5 }],
        ['asc', { gt: 1, lt: 6 }],
        ['desc', { gt: 0 }],
        ['asc', { lte: 4 }],
      ] as const)('pages %s with a range on the sort field itself (%j), ties across pages', async (direction, range) => {
        // The cursor bound and the filter's bound on the same field must agree: no row lost or repeated.
        const inRange = (r: number) =>
          ('gte' in range ? r >= range.gte : true) &&
          ('gt' in range ? r > range.gt : true) &&
          ('lte' in range ? r <= range.lte : true) &&
          ('lt' in range ? r < range.lt : true);
        const expected = docs.filter((d) => inRange(d.rank as number));
        const { items } = await allPages<Row>(store, 'audit', { where: { rank: range }, orderBy: { field: 'rank', direction }, limit: 11 });
        expect(ids(items)).toEqual(expectedOrder(expected, 'rank', direction));
      });

      it('says there is no next page when the last page is exactly full', async () => {
        const first = await store.find('audit', { limit: 100, orderBy: { field: 'rank', direction: 'asc' } });
        expect(first.items).toHaveLength(100);
        expect(first.next).not.toBeNull();
        const second = await store.find('audit', { limit: 100, orderBy: { field: 'rank', direction: 'asc' }, after: first.next ?? '' });
        expect(second.next).not.toBeNull();
        await store.transaction(async (tx) => {
          for (const d of docs.slice(0, 50)) await tx.remove('audit', d._id);
        });
        const { pages } = await allPages<Row>(store, 'audit', { orderBy: { field: 'rank', direction: 'asc' }, limit: 100 });
        expect(pages).toEqual([100, 100]);
        const small = await store.find('audit', { where: { rank: 0 }, limit: 100 });
        expect(small.next).toBeNull();
        const three = ids(docs.slice(50, 53));
        const exact = await store.find('audit', { where: { _id: { in: three } }, limit: 3 });
        expect(exact.items).toHaveLength(3);
        expect(exact.next).toBeNull();
      });

      it('counts past the read cap of a page', async () => {
        expect(await store.count('audit')).toBe(250);
        expect(await store.count('audit', { group: 'odd' })).toBe(125);
      });
    });

    describe('transactions', () => {
      it('returns the body result and commits every write', async () => {
        const result = await store.transaction(async (tx) => {
          await tx.create('meta', { _id: 'a', n: 1 });
          await tx.set('audit', { _id: 'b', at: 't' });
          return 'done';
        });
        expect(result).toBe('done');
        expect(await store.get('meta', 'a')).toEqual({ _id: 'a', n: 1 });
        expect(await store.get('audit', 'b')).toEqual({ _id: 'b', at: 't' });
      });

      it('reads its own writes inside the transaction', async () => {
        await store.transaction(async (tx) => {
          expect(await tx.get('meta', 'a')).toBeNull();
          await tx.create('meta', { _id: 'a', n: 1 });
          expect(await tx.get('meta', 'a')).toEqual({ _id: 'a', n: 1 });
          await tx.update('meta', 'a', { n: 2 });
          expect(await tx.get('meta', 'a')).toEqual({ _id: 'a', n: 2 });
          await tx.remove('meta', 'a');
          expect(await tx.get('meta', 'a')).toBeNull();
          await tx.set('meta', { _id: 'a', n: 3 });
        });
        expect(await store.get('meta', 'a')).toEqual({ _id: 'a', n: 3 });
      });

      it('create fails with CONFLICT when the id exists, and the transaction writes nothing', async () => {
        await store.transaction(async (tx) => tx.create('meta', { _id: 'k', v: 1 }));
        const e = await expectAppError(
          store.transaction(async (tx) => {
            await tx.set('meta', { _id: 'other', v: 1 });
            await tx.create('meta', { _id: 'k', v: 2 });
          }),
          'CONFLICT',
        );
        expect(e.details).toEqual({ collection: 'meta', id: 'k' });
        expect(await store.get('meta', 'k')).toEqual({ _id: 'k', v: 1 });
        expect(await store.get('meta', 'other')).toBeNull();
      });

      it('a caught CONFLICT lets the rest of the transaction commit', async () => {
        await store.transaction(async (tx) => tx.create('meta', { _id: 'k', v: 1 }));
        const outcome = await store.transaction(async (tx) => {
          try {
            await tx.create('meta', { _id: 'k', v: 2 });
            return 'created';
          } catch (e) {
            if (!(e instanceof AppError) || e.code !== 'CONFLICT') throw e;
            await tx.update('meta', 'k', { seen: true });
            return 'existed';
          }
        });
        expect(outcome).toBe('existed');
        expect(await store.get('meta', 'k')).toEqual({ _id: 'k', v: 1, seen: true });
      });

      it('set inserts or replaces the whole document', async () => {
        await store.transaction(async (tx) => tx.set('meta', { _id: 's', a: 1, b: { c: 2 } }));
        expect(await store.get('meta', 's')).toEqual({ _id: 's', a: 1, b: { c: 2 } });
        await store.transaction(async (tx) => tx.set('meta', { _id: 's', z: 'only' }));
        expect(await store.get('meta', 's')).toEqual({ _id: 's', z: 'only' });
      });

      it('update merges top-level fields shallowly: nested objects are replaced, not merged', async () => {
        await store.transaction(async (tx) => tx.create('meta', { _id: 'u', name: '李', profile: { phone: 'x', address: 'y' }, list: [1, 2, 3], keep: 1 }));
        await store.transaction(async (tx) => tx.update('meta', 'u', { profile: { phone: 'z' }, list: [9], added: null }));
        expect(await store.get('meta', 'u')).toEqual({ _id: 'u', name: '李', profile: { phone: 'z' }, list: [9], keep: 1, added: null });
      });

      it('update ignores an _id in the patch and drops fields patched to undefined', async () => {
        await store.transaction(async (tx) => tx.create('meta', { _id: 'u', a: 1, b: 2 }));
        await store.transaction(async (tx) => tx.update('meta', 'u', { _id: 'hijack', a: 5, b: undefined }));
        expect(await store.get('meta', 'u')).toEqual({ _id: 'u', a: 5 });
        expect(await store.get('meta', 'hijack')).toBeNull();
      });

      it('update of a missing document fails with NOT_FOUND and writes nothing', async () => {
        const e = await expectAppError(
          store.transaction(async (tx) => {
            await tx.set('meta', { _id: 'side', v: 1 });
            await tx.update('meta', 'ghost', { v: 1 });
          }),
          'NOT_FOUND',
        );
        expect(e.details).toEqual({ collection: 'meta', id: 'ghost' });
        expect(await store.get('meta', 'ghost')).toBeNull();
        expect(await store.get('meta', 'side')).toBeNull();
      });

      it('remove deletes a document; removing a missing one is not an error', async () => {
        await store.transaction(async (tx) => tx.create('meta', { _id: 'r', v: 1 }));
        await store.transaction(async (tx) => {
          await tx.remove('meta', 'r');
          await tx.remove('meta', 'never');
        });
        expect(await store.get('meta', 'r')).toBeNull();
        expect(await store.count('meta')).toBe(0);
      });

      it('handles documents that have nothing but an _id', async () => {
        await store.transaction(async (tx) => tx.create('requests', { _id: 'bare' }));
        expect(await store.get('requests', 'bare')).toEqual({ _id: 'bare' });
        await store.transaction(async (tx) => tx.update('requests', 'bare', { x: 1 }));
        expect(await store.get('requests', 'bare')).toEqual({ _id: 'bare', x: 1 });
        await store.transaction(async (tx) => tx.set('requests', { _id: 'bare' }));
        expect(await store.get('requests', 'bare')).toEqual({ _id: 'bare' });
        await store.transaction(async (tx) => tx.set('requests', { _id: 'bare2' }));
        expect(await store.count('requests')).toBe(2);
        await expectAppError(
          store.transaction(async (tx) => tx.create('requests', { _id: 'bare' })),
          'CONFLICT',
        );
      });

      it('rolls back everything when the body throws, and rethrows the very same error', async () => {
        await store.transaction(async (tx) => tx.create('meta', { _id: 'keep', v: 1 }));
        const boom = new Error('boom');
        let runs = 0;
        const e = await rejection(
          store.transaction(async (tx) => {
            runs++;
            await tx.create('meta', { _id: 'new', v: 1 });
            await tx.update('meta', 'keep', { v: 2 });
            await tx.set('audit', { _id: 'a1', at: 'x' });
            await tx.remove('meta', 'keep2');
            throw boom;
          }),
        );
        expect(e).toBe(boom);
        expect(runs).toBe(1);
        expect(await store.get('meta', 'new')).toBeNull();
        expect(await store.get('meta', 'keep')).toEqual({ _id: 'keep', v: 1 });
        expect(await store.get('audit', 'a1')).toBeNull();
      });

      it('propagates an AppError from the body unchanged, without retrying it', async () => {
        const err = new AppError('INSUFFICIENT_BALANCE', undefined, { need: 30 });
        let runs = 0;
        const e = await rejection(
          store.transaction(async (tx) => {
            runs++;
            await tx.set('meta', { _id: 'x', v: 1 });
            throw err;
          }),
        );
        expect(e).toBe(err);
        expect(err.message).toBe('可用时间币不足');
        expect(runs).toBe(1);
        expect(await store.get('meta', 'x')).toBeNull();
      });

      it('leaves the store usable after a failed transaction', async () => {
        await rejection(store.transaction(async () => Promise.reject(new Error('first'))));
        await store.transaction(async (tx) => tx.create('meta', { _id: 'after', v: 1 }));
        expect(await store.get('meta', 'after')).toEqual({ _id: 'after', v: 1 });
      });
    });

    describe('concurrency', () => {
      it('50 concurrent increments of one counter end at exactly 50', async () => {
        await store.transaction(async (tx) => tx.create('meta', { _id: 'counter', n: 0 }));
        await Promise.all(
          Array.from({ length: 50 }, () =>
            store.transaction(async (tx) => {
              const doc = await tx.get<Doc & { n: number }>('meta', 'counter');
              if (!doc) throw new Error('counter missing');
              await tx.update('meta', 'counter', { n: doc.n + 1 });
            }),
          ),
        );
        expect(await store.get('meta', 'counter')).toEqual({ _id: 'counter', n: 50 });
      });

      it('50 concurrent creates of one id: exactly one succeeds, the others get CONFLICT', async () => {
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => store.transaction(async (tx) => tx.create('meta', { _id: 'once', by: i }))),
        );
        const ok = results.filter((r) => r.status === 'fulfilled');
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(ok).toHaveLength(1);
        expect(failed).toHaveLength(49);
        for (const r of failed) {
          expect(r.reason).toBeInstanceOf(AppError);
          expect((r.reason as AppError).code).toBe('CONFLICT');
        }
        const doc = await store.get<Row>('meta', 'once');
        expect(doc?.by).toEqual(expect.any(Number));
        expect(await store.count('meta')).toBe(1);
      });

      it('concurrent transfers between two documents keep their sum', async () => {
        await store.transaction(async (tx) => {
          await tx.create('meta', { _id: 'left', n: 100 });
          await tx.create('meta', { _id: 'right', n: 100 });
        });
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.transaction(async (tx) => {
              const [from, to] = i % 2 ? ['left', 'right'] : ['right', 'left'];
              const a = await tx.get<Doc & { n: number }>('meta', from as string);
              const b = await tx.get<Doc & { n: number }>('meta', to as string);
              if (!a || !b) throw new Error('missing');
              await tx.update('meta', a._id, { n: a.n - (i + 1) });
              await tx.update('meta', b._id, { n: b.n + (i + 1) });
            }),
          ),
        );
        const left = await store.get<Doc & { n: number }>('meta', 'left');
        const right = await store.get<Doc & { n: number }>('meta', 'right');
        expect((left?.n ?? 0) + (right?.n ?? 0)).toBe(200);
        // Odd i move 2+4+...+20 = 110 right, even i move 1+3+...+19 = 100 left.
        expect(left?.n).toBe(90);
      });
    });

    describe('paging over null and missing sort values', () => {
      // NULL and missing values sort first ascending and last descending, as on CloudBase;
      // no document may be lost or repeated at the edge of the null band.
      it('pages through every document in both directions', async () => {
        const docs = Array.from({ length: 23 }, (_, i) => ({
          _id: `d${String(i).padStart(2, '0')}`,
          ...(i < 8 ? (i % 2 ? { at: null } : {}) : { at: `t${i % 4}` }),
        }));
        await store.transaction(async (tx) => {
          for (const d of docs) await tx.set('audit', d);
        });
        const valueOf = (id: string) => (docs.find((d) => d._id === id) as { at?: string | null }).at ?? '';
        const nullsFirst = docs.map((d) => d._id).sort((a, b) => (valueOf(a) < valueOf(b) ? -1 : valueOf(a) > valueOf(b) ? 1 : a < b ? -1 : 1));
        for (const direction of ['asc', 'desc'] as const) {
          const seen: string[] = [];
          let after: string | undefined;
          for (let guard = 0; guard < 50; guard++) {
            const page = await store.find('audit', { orderBy: { field: 'at', direction }, limit: 4, ...(after ? { after } : {}) });
            seen.push(...page.items.map((d) => d._id));
            if (!page.next) break;
            after = page.next;
          }
          expect(seen).toEqual(direction === 'asc' ? nullsFirst : [...nullsFirst].reverse());
        }
      });
    });

    describe('append-only collections (transfers, movements)', () => {
      const refused = async (write: () => Promise<unknown>) => {
        const e = await write().then(
          () => null,
          (err: unknown) => err,
        );
        // A programming error: a plain Error (the dispatcher answers INTERNAL), never an AppError.
        expect(e).toBeInstanceOf(Error);
        expect(e).not.toBeInstanceOf(AppError);
        expect((e as Error).message).toMatch(/append-only/);
      };

      it('creates, and sets a new id, but refuses update, set over an existing id and remove', async () => {
        for (const collection of ['transfers', 'movements'] as const) {
          await store.transaction((tx) => tx.create(collection, { _id: 'a1', amount: 60 }));
          await store.transaction((tx) => tx.set(collection, { _id: 'a2', amount: 30 }));
          await refused(() => store.transaction((tx) => tx.update(collection, 'a1', { amount: 1 })));
          await refused(() => store.transaction((tx) => tx.set(collection, { _id: 'a1', amount: 1 })));
          await refused(() => store.transaction((tx) => tx.remove(collection, 'a2')));
          expect(await store.get(collection, 'a1')).toEqual({ _id: 'a1', amount: 60 });
          expect(await store.get(collection, 'a2')).toEqual({ _id: 'a2', amount: 30 });
        }
      });

      it('still lets other collections be updated, replaced and removed', async () => {
        await store.transaction((tx) => tx.create('meta', { _id: 'm1', n: 1 }));
        await store.transaction((tx) => tx.update('meta', 'm1', { n: 2 }));
        await store.transaction((tx) => tx.set('meta', { _id: 'm1', n: 3 }));
        expect(await store.get('meta', 'm1')).toEqual({ _id: 'm1', n: 3 });
        await store.transaction((tx) => tx.remove('meta', 'm1'));
        expect(await store.get('meta', 'm1')).toBeNull();
      });
    });
  });
}
