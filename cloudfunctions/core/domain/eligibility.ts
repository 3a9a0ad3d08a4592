/**
 * Who may redeem time credits for help (兑换): residents from the policy's redemption age (65),
 * or from the lower age for special difficulty (60). The ages are configurable (domain/policy.ts).
 * The same rule decides whether the community pool may pay. No I/O.
 */
import { ageInYear } from './people';
import { mayRedeem, type TimebankPolicy } from './policy';

export interface Eligibility {
  eligible: boolean;
  /** Age reached in the current calendar year (the product keeps birth years only). */
  age: number;
  /** The age this person needs: the general one, or the special-difficulty one. */
  requiredAge: number;
  specialDifficulty: boolean;
  /** Why not, in words for the senior or the person acting for them; null when eligible. */
  reason: string | null;
}

export function redemptionEligibility(
  person: { birthYear: number; name?: string },
  specialDifficulty: boolean,
  policy: TimebankPolicy,
  now: Date,
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
      : `${who}今年 ${age} 岁；年满 ${policy.redemptionAge} 岁（特殊困难老人 ${policy.redemptionAgeSpecialDifficulty} 岁）才能用时间币或公益池兑换服务`,
  };
}
