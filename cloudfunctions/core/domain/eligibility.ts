/**
 * Eligibility by age. Who may redeem time credits for help (兑换): residents from the policy's redemption age (65),
 * or from the lower age for special difficulty (60). The ages are configurable (domain/policy.ts).
 * The same rule decides whether the community pool may pay. Who may serve one to one: home visits
 * (adults only) and 老伙伴 (adults within the policy's partner age range). No I/O.
 */
import { AppError } from '../errors';
import { ADULT_AGE, ageBand, ageInYear } from './people';
import { mayRedeem, type TimebankPolicy } from './policy';
import type { Wording } from './words';

interface Eligibility {
  eligible: boolean;
  /** Age reached in the current calendar year (the product keeps birth years only). */
  age: number;
  /** The age this person needs: the general one, or the special-difficulty one. */
  requiredAge: number;
  specialDifficulty: boolean;
  /** Why not, in the reader's words (`wording`: plain for the senior side, domain/words.ts); null when eligible. */
  reason: string | null;
}

export function redemptionEligibility(
  person: { birthYear: number; name?: string },
  specialDifficulty: boolean,
  policy: TimebankPolicy,
  now: Date,
  wording: Wording = 'staff',
): Eligibility {
  const age = ageInYear(person.birthYear, now);
  const requiredAge = specialDifficulty ? policy.redemptionAgeSpecialDifficulty : policy.redemptionAge;
  const eligible = mayRedeem(age, specialDifficulty, policy);
  const who = person.name ?? '这位老人';
  return {
    eligible,
    age,
    requiredAge,
    specialDifficulty,
    reason: eligible
      ? null
      : `${who}今年 ${age} 岁；年满 ${policy.redemptionAge} 岁（特殊困难老人 ${policy.redemptionAgeSpecialDifficulty} 岁）才能${
          wording === 'plain' ? '用时间币或街道公共时间换帮助' : '用时间币或公益池兑换服务'
        }`,
  };
}

// ---------------------------------------------------------------- who may serve how

/**
 * One-to-one home visits (接单上门, help requests): adults only. Minors (14–17) take part only in
 * suitable group activities (national volunteer rules, ../shared/domain.md). Null when allowed.
 */
export function homeVisitRefusal(person: { birthYear: number }, now: Date): AppError | null {
  if (ageBand(person.birthYear, now) === 'adult') return null;
  return new AppError('NOT_ELIGIBLE', `未满 ${ADULT_AGE} 周岁的志愿者不能接一对一上门服务；可以报名适合的集体活动`, {
    rule: 'minorHomeVisit',
    minAge: ADULT_AGE,
  });
}

/**
 * 老伙伴 partner volunteers: younger-old residents within the policy's age range (50–75 by default),
 * never minors (who would also fall below the range). Null when allowed.
 */
export function partnerRefusal(person: { birthYear: number }, policy: Pick<TimebankPolicy, 'partnerMinAge' | 'partnerMaxAge'>, now: Date): AppError | null {
  const age = ageInYear(person.birthYear, now);
  const range = { minAge: policy.partnerMinAge, maxAge: policy.partnerMaxAge, age };
  if (ageBand(person.birthYear, now) !== 'adult') {
    return new AppError('NOT_ELIGIBLE', `未满 ${ADULT_AGE} 周岁的志愿者不能加入老伙伴（一对一照看独居老人）；可以报名适合的集体活动`, {
      rule: 'minorPartner',
      ...range,
    });
  }
  if (age < policy.partnerMinAge || age > policy.partnerMaxAge) {
    return new AppError(
      'NOT_ELIGIBLE',
      `老伙伴由 ${policy.partnerMinAge} 到 ${policy.partnerMaxAge} 岁的志愿者担任，您今年 ${age} 岁，暂时不能加入；欢迎参加其他志愿活动`,
      { rule: 'partnerAge', ...range },
    );
  }
  return null;
}
