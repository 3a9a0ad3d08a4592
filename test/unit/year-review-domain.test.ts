/** 年度志愿报告's sums (domain/year-review.ts): which records count, people served, months, stars, the year asked for. */
import { AppError } from '../../cloudfunctions/core/errors';
import { assertReviewYear, summarizeYear, type YearRecord } from '../../cloudfunctions/core/domain/year-review';

const STARS = [100, 300, 600, 1000, 1500];

function rec(id: string, over: Partial<YearRecord> = {}): YearRecord {
  return {
    id,
    state: 'approved',
    source: 'activity',
    date: '2026-05-10',
    minutes: 120,
    teamId: 't_river',
    activityId: 'a_1',
    categoryName: '环境保护',
    content: '河道巡护',
    issuer: { kind: 'team', id: 't_river' },
    earnsCredits: false,
    ...over,
  };
}

const help = (id: string, seniorId: string, over: Partial<YearRecord> = {}) =>
  rec(id, { source: 'help', teamId: 'help', activityId: undefined, seniorId, earnsCredits: true, issuer: { kind: 'committee', id: 'c_1' }, ...over });

describe('summarizeYear', () => {
  const records: YearRecord[] = [
    rec('r1', { date: '2026-01-05', minutes: 90 }),
    rec('r2', { date: '2026-01-20', minutes: 60, activityId: 'a_1' }),
    rec('r3', { date: '2026-03-02', minutes: 150, activityId: 'a_2', teamId: 't_pets' }),
    help('h1', 's_1', { date: '2026-03-15', minutes: 60 }),
    help('h2', 's_1', { date: '2026-04-01', minutes: 30 }),
    rec('c1', { source: 'contact', activityId: undefined, teamId: 't_partners', seniorId: 's_2', date: '2026-12-31', minutes: 15, earnsCredits: true }),
    // Left out: each kind once.
    rec('p1', { state: 'pending', date: '2026-06-01', minutes: 600 }),
    rec('x1', { state: 'rejected', date: '2026-06-02', minutes: 600 }),
    rec('v1', { state: 'reversed', date: '2026-06-03', minutes: 600, activityId: 'a_9' }),
    help('d1', 's_3', { disputed: true, date: '2026-06-04', minutes: 600 }),
    // Another year.
    rec('old', { date: '2025-12-31', minutes: 600, activityId: 'a_8' }),
    help('new', 's_4', { date: '2027-01-01', minutes: 600 }),
  ];
  const s = summarizeYear(records, 2026, 0, STARS);

  it('counts approved, undisputed records of the year only', () => {
    expect(s.minutes).toBe(90 + 60 + 150 + 60 + 30 + 15);
    expect(s.records).toBe(6);
    expect(s.excluded).toEqual({ pending: 1, rejected: 1, reversed: 1, disputed: 1 });
  });

  it('counts distinct activities attended, and distinct seniors from help and 老伙伴 records only', () => {
    expect(s.activities).toBe(2);
    // s_1 twice counts once; s_2 from a contact; the disputed s_3 and next year's s_4 do not count.
    expect(s.peopleServed).toBe(2);
  });

  it('sums each month, January first, and the teams longest first', () => {
    expect(s.months).toEqual([150, 0, 210, 30, 0, 0, 0, 0, 0, 0, 0, 15]);
    expect(s.teams).toEqual([
      // A tie goes by id, so the order never depends on the records' order.
      { teamId: 't_pets', minutes: 150, records: 1 },
      { teamId: 't_river', minutes: 150, records: 2 },
      { teamId: 'help', minutes: 90, records: 2 },
      { teamId: 't_partners', minutes: 15, records: 1 },
    ]);
    expect(s.firstDate).toBe('2026-01-05');
    expect(s.lastDate).toBe('2026-12-31');
  });

  it('credits only what earned time credits', () => {
    expect(s.creditsMinutes).toBe(60 + 30 + 15);
  });

  it('gives the star level reached by the end of the year, counting the years before', () => {
    expect(s.star).toEqual({ level: 0, label: '未评星' });
    expect(summarizeYear(records, 2026, 100 * 60 - 405, STARS).star).toEqual({ level: 1, label: '一星志愿者' });
    expect(summarizeYear(records, 2026, 100 * 60 - 406, STARS).star.level).toBe(0);
  });

  it('answers an empty year with zeros, not an error', () => {
    const empty = summarizeYear(records, 2024, 0, STARS);
    expect(empty).toMatchObject({ minutes: 0, records: 0, activities: 0, peopleServed: 0, teams: [], firstDate: null, lastDate: null, creditsMinutes: 0 });
    expect(empty.months).toEqual(Array(12).fill(0));
  });
});

describe('assertReviewYear', () => {
  it('refuses a year that has not begun, and takes this year and earlier ones', () => {
    expect(() => assertReviewYear(2027, 2026)).toThrow(AppError);
    expect(() => assertReviewYear(2027, 2026)).toThrow('2027 年还没有到');
    expect(() => assertReviewYear(2026, 2026)).not.toThrow();
    expect(() => assertReviewYear(2020, 2026)).not.toThrow();
  });
});
