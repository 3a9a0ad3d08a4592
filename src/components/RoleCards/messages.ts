/** Text of the role cards that are not a role's own home. */
export const messages = {
  /** The street admin's way to records that wait for a second approver (复核). */
  review: { title: '复核服务时长', desc: '需两人审核的记录，由街道管理员复核' },
} as const;
