import { randomBytes } from 'node:crypto';
import {
  maskIdNumber,
  normalizeCode,
  parseVolunteerNumber,
  planProof,
  proofNumber,
  proofStanding,
  issuerShortName,
  verificationCode,
  voidedByReversal,
  volunteerNumber,
  type ProofRecord,
} from '../../cloudfunctions/core/domain/certificates';

const team = (id: string) => ({ kind: 'team' as const, id });
const committee = (id: string) => ({ kind: 'committee' as const, id });

function rec(id: string, over: Partial<ProofRecord> = {}): ProofRecord {
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
    issuer: team('t_river'),
    ...over,
  };
}

describe('numbers', () => {
  it('formats a volunteer number from the street code, the year and a six-digit sequence, and reads it back', () => {
    expect(volunteerNumber('310000-demo', 2026, 123)).toBe('310000-demo-2026-000123');
    expect(parseVolunteerNumber('310000-demo-2026-000123')).toEqual({ streetCode: '310000-demo', year: 2026, seq: 123 });
    expect(parseVolunteerNumber('310000-demo-2026-000000')).toBeNull();
    expect(parseVolunteerNumber('310000-demo-26-000001')).toBeNull();
  });

  it('refuses a sequence outside 1 … 999999 instead of writing a wrong number', () => {
    expect(() => volunteerNumber('x', 2026, 0)).toThrow(/超出范围/);
    expect(() => volunteerNumber('x', 2026, 1_000_000)).toThrow(/超出范围/);
    expect(() => proofNumber('新圆湾', 2026, 1.5)).toThrow(/超出范围/);
  });

  it('numbers a proof per issuer and year, with a short issuer name', () => {
    expect(proofNumber(issuerShortName('新圆湾居委'), 2026, 123)).toBe('新圆湾-2026-000123');
    expect(issuerShortName('河道林地巡护队')).toBe('河道林地巡护');
    expect(issuerShortName('新圆湾街道')).toBe('新圆湾');
    expect(issuerShortName('队')).toBe('队');
  });
});

describe('verification codes', () => {
  it('makes four groups of four and a check character that normalizeCode accepts however it is typed', () => {
    for (let i = 0; i < 200; i++) {
      const code = verificationCode(randomBytes(10));
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$/);
      expect(normalizeCode(code)).toBe(code);
      expect(normalizeCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code);
    }
  });

  it('reads the look-alikes O as 0 and I, L as 1', () => {
    const code = verificationCode(new Uint8Array(10));
    expect(code.startsWith('0000')).toBe(true);
    expect(normalizeCode(code.replace(/0/g, 'O'))).toBe(code);
  });

  it('rejects every single wrong character and a truncated code', () => {
    const code = verificationCode(randomBytes(10));
    const plain = code.replace(/-/g, '');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 0; i < plain.length; i++) {
      for (const c of alphabet) {
        if (c === plain[i]) continue;
        const forged = plain.slice(0, i) + c + plain.slice(i + 1);
        expect(normalizeCode(forged)).toBeNull();
      }
    }
    expect(normalizeCode(plain.slice(0, -1))).toBeNull();
    expect(normalizeCode(`${plain}0`)).toBeNull();
    expect(normalizeCode('万里-2026-000123')).toBeNull();
  });

  it('needs 80 random bits', () => {
    expect(() => verificationCode(new Uint8Array(9))).toThrow();
  });
});

describe('planProof', () => {
  const all = { kind: 'all' as const, from: '2026-01-01', to: '2026-12-31' };

  it('certifies approved records only and says why each other one was left out', () => {
    const plan = planProof(
      [
        rec('r1'),
        rec('r2', { state: 'pending' }),
        rec('r3', { state: 'reversed' }),
        rec('r4', { state: 'rejected' }),
        rec('r5', { source: 'help', disputed: true, issuer: committee('c_a'), seniorId: 's1' }),
      ],
      all,
    );
    expect(plan.parts).toHaveLength(1);
    expect(plan.parts[0]!.recordIds).toEqual(['r1']);
    expect(plan.excluded.map((e) => [e.recordId, e.reason, e.label])).toEqual([
      ['r2', 'pending', '尚未审核'],
      ['r3', 'reversed', '已更正（冲销）'],
      ['r4', 'rejected', '已退回'],
      ['r5', 'disputed', '有异议，尚未处理'],
    ]);
  });

  it('splits a request over several issuers into one part per issuer, with hours per activity and people served', () => {
    const plan = planProof(
      [
        rec('r1', { minutes: 90, date: '2026-03-01' }),
        rec('r2', { minutes: 60, date: '2026-04-01', activityId: 'a_2' }),
        rec('h1', { source: 'help', teamId: 't_help', activityId: undefined, issuer: committee('c_a'), seniorId: 's1', minutes: 45, categoryName: '生活照料' }),
        rec('h2', {
          source: 'contact',
          teamId: 't_partner',
          activityId: undefined,
          issuer: committee('c_a'),
          seniorId: 's1',
          minutes: 30,
          categoryName: '精神慰藉',
        }),
        rec('h3', {
          source: 'contact',
          teamId: 't_partner',
          activityId: undefined,
          issuer: committee('c_a'),
          seniorId: 's2',
          minutes: 30,
          categoryName: '精神慰藉',
        }),
        rec('x', { date: '2025-12-31' }),
      ],
      all,
      (r) => (r.activityId ? `活动 ${r.activityId}` : r.categoryName),
    );
    expect(plan.parts.map((p) => [p.issuer.kind, p.issuer.id, p.minutes, p.peopleServed, p.firstDate, p.lastDate])).toEqual([
      ['committee', 'c_a', 105, 2, '2026-05-10', '2026-05-10'],
      ['team', 't_river', 150, 0, '2026-03-01', '2026-04-01'],
    ]);
    expect(plan.parts[0]!.lines).toEqual([
      { title: '精神慰藉', minutes: 60, records: 2 },
      { title: '生活照料', minutes: 45, records: 1 },
    ]);
    expect(plan.parts[1]!.lines).toEqual([
      { title: '活动 a_1', minutes: 90, records: 1 },
      { title: '活动 a_2', minutes: 60, records: 1 },
    ]);
  });

  it('keeps to one team or one activity when asked', () => {
    const records = [rec('r1'), rec('r2', { teamId: 't_pets', issuer: team('t_pets'), activityId: 'a_9' })];
    expect(planProof(records, { kind: 'team', teamId: 't_pets', from: '2026-01-01', to: '2026-12-31' }).parts[0]!.recordIds).toEqual(['r2']);
    expect(planProof(records, { kind: 'activity', activityId: 'a_1', from: '2026-01-01', to: '2026-12-31' }).parts[0]!.recordIds).toEqual(['r1']);
  });

  it('refuses a period with no approved hours, and a period that ends before it starts', () => {
    expect(() => planProof([rec('r1', { state: 'pending' })], all)).toThrow(/没有已审核通过的服务记录/);
    expect(() => planProof([rec('r1')], { kind: 'all', from: '2026-02-01', to: '2026-01-01' })).toThrow(/开始日期不能晚于结束日期/);
  });
});

describe('after issue', () => {
  it('is publicised for its days, then final; void once a certified record is reversed', () => {
    const p = { issuedAt: '2026-12-01T02:00:00.000Z', publicityDays: 7 };
    expect(proofStanding(p, new Date('2026-12-08T01:59:59.000Z'))).toBe('publicising');
    expect(proofStanding(p, new Date('2026-12-08T02:00:00.000Z'))).toBe('final');
    expect(proofStanding({ ...p, publicityDays: 0 }, new Date('2026-12-01T02:00:00.000Z'))).toBe('final');
    expect(proofStanding({ ...p, voidedAt: '2026-12-03T00:00:00.000Z' }, new Date('2026-12-02T00:00:00.000Z'))).toBe('void');
    expect(voidedByReversal(['r1', 'r2'], 'r2')).toBe(true);
    expect(voidedByReversal(['r1', 'r2'], 'r3')).toBe(false);
  });

  it('masks an identity number except its last four characters', () => {
    expect(maskIdNumber('31010419600101123X')).toBe('**************123X');
    expect(maskIdNumber('123')).toBe('****');
  });
});
