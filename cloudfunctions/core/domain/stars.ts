/** Star levels (星级志愿者) by cumulative approved service hours. No I/O. */

const STAR_LABELS = ['未评星', '一星志愿者', '二星志愿者', '三星志愿者', '四星志愿者', '五星志愿者'] as const;

export interface StarProgress {
  /** 0 to thresholds.length. */
  level: number;
  label: string;
  servedMinutes: number;
  /** Threshold of the current level in minutes (0 below one star). */
  levelMinutes: number;
  /** Threshold of the next level in minutes, or null at the top. */
  nextMinutes: number | null;
  /** Minutes still to serve for the next level (0 at the top). */
  remainingMinutes: number;
  /** Share of the way from this level to the next, 0 to 1 (1 at the top). */
  progress: number;
}

export function starProgress(servedMinutes: number, thresholdsHours: readonly number[]): StarProgress {
  const served = Math.max(0, servedMinutes);
  const thresholds = thresholdsHours.map((h) => h * 60);
  let level = 0;
  while (level < thresholds.length && served >= thresholds[level]!) level++;
  const levelMinutes = level === 0 ? 0 : thresholds[level - 1]!;
  const nextMinutes = level < thresholds.length ? thresholds[level]! : null;
  const progress = nextMinutes === null ? 1 : (served - levelMinutes) / (nextMinutes - levelMinutes);
  return {
    level,
    label: STAR_LABELS[Math.min(level, STAR_LABELS.length - 1)]!,
    servedMinutes: served,
    levelMinutes,
    nextMinutes,
    remainingMinutes: nextMinutes === null ? 0 : nextMinutes - served,
    progress: Math.round(progress * 1000) / 1000,
  };
}
