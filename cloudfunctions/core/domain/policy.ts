/**
 * Local policy of the time bank: values that differ between cities or change over time.
 * One configuration document holds what the admin changed; defaults live here. No I/O.
 */

export interface ServiceCategory {
  id: string;
  name: string;
  /** Qualifying time-bank services earn time credits; other volunteering counts for hours and stars only. */
  earnsCredits: boolean;
}

export interface TimebankPolicy {
  /** Upper bound of a person's projected balance in minutes, or null for no cap (Nanjing: 1,500 h). */
  capMinutes: number | null;
  /** Cumulative service hours for 1 to 5 stars. */
  starThresholdsHours: number[];
  /** Age from which a resident may redeem credits for help. */
  redemptionAge: number;
  /** Lower redemption age for residents in special difficulty. */
  redemptionAgeSpecialDifficulty: number;
  /** Youngest and oldest age of a 老伙伴 partner volunteer (younger-old residents, 50 to 75). */
  partnerMinAge: number;
  partnerMaxAge: number;
  /** Longest single service record, in minutes. */
  maxRecordMinutes: number;
  /** Most minutes one person may be credited for one service day, across every source of records. */
  maxDailyMinutes: number;
  /** How many days back a leader may date a record (admins may go further). */
  maxBackdateDays: number;
  /** A hand-written record longer than this needs a second approver. */
  secondApprovalOverMinutes: number;
  /** A hand-written record dated more than this many days before it is written needs a second approver. */
  secondApprovalBackdateDays: number;
  /** The recorder's n-th hand-written record for the same person within 7 days (and every later one) needs a second approver. */
  secondApprovalRepeatCount: number;
  /** Days an issued 志愿服务记录证明 is publicised (公示) before it is final; 0 turns publicity off. */
  certificatePublicityDays: number;
  categories: ServiceCategory[];
}

export const DEFAULT_POLICY: TimebankPolicy = {
  capMinutes: 1500 * 60,
  starThresholdsHours: [100, 300, 600, 1000, 1500],
  redemptionAge: 65,
  redemptionAgeSpecialDifficulty: 60,
  partnerMinAge: 50,
  partnerMaxAge: 75,
  maxRecordMinutes: 12 * 60,
  maxDailyMinutes: 12 * 60,
  maxBackdateDays: 30,
  secondApprovalOverMinutes: 8 * 60,
  secondApprovalBackdateDays: 7,
  secondApprovalRepeatCount: 5,
  certificatePublicityDays: 7,
  categories: [
    { id: 'daily', name: '生活照料', earnsCredits: true },
    { id: 'emotional', name: '精神慰藉', earnsCredits: true },
    { id: 'escort', name: '陪同出行就医', earnsCredits: true },
    { id: 'culture', name: '文体活动', earnsCredits: true },
    { id: 'health', name: '健康宣教', earnsCredits: true },
    { id: 'legal', name: '法律咨询', earnsCredits: true },
    { id: 'training', name: '技能培训（智能手机、防诈骗）', earnsCredits: true },
    { id: 'community', name: '社区志愿服务（巡河护林、文明养宠等）', earnsCredits: false },
  ],
};

export const POLICY_DOC_ID = 'timebank';

/** The stored document: only what differs from the defaults, plus who changed it last. */
export interface StoredPolicy extends Partial<TimebankPolicy> {
  _id: string;
  updatedAt?: string;
  updatedBy?: string;
}

export function mergePolicy(stored: Partial<TimebankPolicy> | null | undefined): TimebankPolicy {
  const p = { ...DEFAULT_POLICY };
  if (!stored) return p;
  if (stored.capMinutes !== undefined) p.capMinutes = stored.capMinutes;
  if (stored.starThresholdsHours) p.starThresholdsHours = [...stored.starThresholdsHours];
  if (stored.redemptionAge !== undefined) p.redemptionAge = stored.redemptionAge;
  if (stored.redemptionAgeSpecialDifficulty !== undefined) p.redemptionAgeSpecialDifficulty = stored.redemptionAgeSpecialDifficulty;
  if (stored.partnerMinAge !== undefined) p.partnerMinAge = stored.partnerMinAge;
  if (stored.partnerMaxAge !== undefined) p.partnerMaxAge = stored.partnerMaxAge;
  if (stored.maxRecordMinutes !== undefined) p.maxRecordMinutes = stored.maxRecordMinutes;
  if (stored.maxDailyMinutes !== undefined) p.maxDailyMinutes = stored.maxDailyMinutes;
  if (stored.maxBackdateDays !== undefined) p.maxBackdateDays = stored.maxBackdateDays;
  if (stored.secondApprovalOverMinutes !== undefined) p.secondApprovalOverMinutes = stored.secondApprovalOverMinutes;
  if (stored.secondApprovalBackdateDays !== undefined) p.secondApprovalBackdateDays = stored.secondApprovalBackdateDays;
  if (stored.secondApprovalRepeatCount !== undefined) p.secondApprovalRepeatCount = stored.secondApprovalRepeatCount;
  if (stored.certificatePublicityDays !== undefined) p.certificatePublicityDays = stored.certificatePublicityDays;
  if (stored.categories) p.categories = stored.categories.map((c) => ({ ...c }));
  return p;
}

/** Problems of a whole policy, as (field, Chinese message) pairs; empty when it is sound. */
export function policyProblems(p: TimebankPolicy): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const t = p.starThresholdsHours;
  if (t.length !== 5 || t.some((h, i) => !Number.isInteger(h) || h <= 0 || (i > 0 && h <= t[i - 1]!))) {
    problems.push({ path: 'starThresholdsHours', message: '星级门槛需要 5 个递增的正整数小时数' });
  }
  if (p.redemptionAgeSpecialDifficulty > p.redemptionAge) {
    problems.push({ path: 'redemptionAgeSpecialDifficulty', message: '特殊困难老人的兑换年龄不能高于一般兑换年龄' });
  }
  const partnerAges = [p.partnerMinAge, p.partnerMaxAge];
  if (partnerAges.some((a) => !Number.isInteger(a) || a < 18 || a > 100)) {
    problems.push({ path: 'partnerMinAge', message: '老伙伴的年龄范围需要在 18 到 100 岁之间' });
  } else if (p.partnerMinAge > p.partnerMaxAge) {
    problems.push({ path: 'partnerMaxAge', message: '老伙伴的最高年龄不能低于最低年龄' });
  }
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!whole(p.maxDailyMinutes, 30, 24 * 60)) problems.push({ path: 'maxDailyMinutes', message: '每人每天的时长上限需要在 30 分钟到 24 小时之间' });
  else if (p.maxDailyMinutes < p.maxRecordMinutes) problems.push({ path: 'maxDailyMinutes', message: '每人每天的时长上限不能少于一条记录的上限' });
  if (!whole(p.certificatePublicityDays, 0, 30))
    problems.push({ path: 'certificatePublicityDays', message: '证明的公示天数需要在 0 到 30 天之间（0 表示不公示）' });
  if (!whole(p.maxBackdateDays, 1, 366)) problems.push({ path: 'maxBackdateDays', message: '可补登的天数需要在 1 到 366 天之间' });
  if (!whole(p.secondApprovalOverMinutes, 30, 24 * 60))
    problems.push({ path: 'secondApprovalOverMinutes', message: '需要复核的时长需要在 30 分钟到 24 小时之间' });
  if (!whole(p.secondApprovalBackdateDays, 0, 366)) problems.push({ path: 'secondApprovalBackdateDays', message: '需要复核的补登天数需要在 0 到 366 天之间' });
  else if (p.secondApprovalBackdateDays > p.maxBackdateDays)
    problems.push({ path: 'secondApprovalBackdateDays', message: '需要复核的补登天数不能多于可补登的天数' });
  if (!whole(p.secondApprovalRepeatCount, 2, 100)) problems.push({ path: 'secondApprovalRepeatCount', message: '连续登记需要复核的条数需要在 2 到 100 之间' });
  const ids = new Set<string>();
  for (const c of p.categories) {
    if (ids.has(c.id)) problems.push({ path: 'categories', message: `服务类别编号重复：${c.id}` });
    ids.add(c.id);
  }
  if (p.categories.length === 0) problems.push({ path: 'categories', message: '至少需要一个服务类别' });
  return problems;
}

export function categoryOf(p: TimebankPolicy, id: string): ServiceCategory | undefined {
  return p.categories.find((c) => c.id === id);
}

/** Whether a resident of this age may redeem credits for help. */
export function mayRedeem(age: number, specialDifficulty: boolean, p: TimebankPolicy): boolean {
  return age >= (specialDifficulty ? p.redemptionAgeSpecialDifficulty : p.redemptionAge);
}
