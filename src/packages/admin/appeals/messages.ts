/** Text of 服务时长异议 (the street admin's queue of volunteers' 异议: rejected or reversed records, and approved records' minutes). */
export const messages = {
  title: '服务时长异议',
  heading: '服务时长异议',
  intro: '志愿者对服务记录提出的异议：被退回或被撤销的，或者认为时长记少了的。请先向队长了解情况，再决定维持原决定，还是同意。',
  notAdmin: '只有街道管理员可以处理服务时长异议。',
  none: '没有待处理的异议。',
  loadFailed: '没有加载出来：',
  record: (name: string, team: string) => `${name} · ${team}`,
  state: { rejected: '被退回', reversed: '被撤销', approved: '已通过' } as Record<string, string>,
  /** A 异议 about an approved record's minutes: what it holds and what the volunteer says it should. */
  minutesClaim: (recorded: string, claimed: string) => `已记 ${recorded}，志愿者认为应记 ${claimed}`,
  leaderReason: (state: string, reason: string) => `${state}的原因：${reason || '未写'}`,
  appealReason: (reason: string) => `志愿者的异议：${reason}`,
  raisedAt: (date: string) => `提出时间：${date}`,
  /** Whether the team's leaders were told when it was raised (the server counted them). */
  leadersTold: (told: boolean) => (told ? '队长也收到了这条异议。' : '这个队伍没有别的队长收到这条异议，请直接联系队伍了解情况。'),
  answer: {
    label: '处理说明（志愿者会看到）',
    placeholder: '例如：已向队长核实，当天确实在场',
    tooShort: '请写处理说明（至少 2 个字）',
  },
  grant: (hours: string) => `重新记入 ${hours}`,
  grantWhy: '重新记入会新建一条记录并审核通过，按原时长计入；原记录保留不改。',
  grantMinutes: (hours: string) => `补记 ${hours}`,
  /** A grant of part of what was claimed, when the mediation found less missing. */
  less: {
    label: '补记多少小时（不填则按志愿者说的全部补记）',
    placeholder: (all: string) => `全部：${all}`,
    hint: '可以写到半小时，例如 0.5',
    invalid: '请写小时数，例如 1 或 0.5',
    tooMany: (all: string) => `志愿者认为少记了 ${all}，补记不能比这更多`,
  },
  grantMinutesWhy: '补记会新建一条差额的记录并审核通过；原记录保留不改。以后原记录被撤销，补记的也一起撤销。',
  uphold: '维持原决定',
  working: '正在处理…',
  failed: '没有处理成功：',
  granted: (name: string, hours: string) => `已重新记入${name}的 ${hours}，已发消息告诉本人。`,
  grantedMinutes: (name: string, hours: string) => `已为${name}补记 ${hours}，已发消息告诉本人。`,
  upheld: (name: string) => `已维持原决定，已发消息告诉${name}。`,
} as const;
