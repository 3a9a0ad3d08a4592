/**
 * Words about time credits that the senior home (src/packages/senior/home) and 我的时间
 * (src/packages/timebank/home) share, so a senior reads one figure under one name on both: what she
 * can use leads, and credits set aside for help requests are said beside it in the words the help
 * pages use (预留, 退回; the statement lines' titles come from the server in the same words).
 */
export const creditWords = {
  /** The leading figure: what can be used now (balance minus what is held). */
  available: '可用时间币',
  availableOf: (name: string) => `${name}可用的时间币`,
  /** Beside the figure when credits are held for help requests. */
  held: (hours: string) => `另有 ${hours}已预留给求助`,
} as const;
