/**
 * What applies to a person, from the roles they hold (a person may hold several). A senior who
 * does not volunteer has no stars, service records, certificates or activity reminders; a senior
 * who also volunteers keeps all of them. No I/O.
 */
import type { TemplateKey } from '@core/domain/notifications';
import type { PermissionRole } from '@core/domain/roles';

/** Serves as a volunteer (a leader is one too): activities, service hours, stars, certificates, the card. */
export const servesAsVolunteer = (roles: readonly PermissionRole[]): boolean => roles.includes('volunteer') || roles.includes('leader');

/**
 * On the senior side only: a senior, or a family member acting for one, who does not volunteer. The
 * 活动 tab (one tab bar for the whole app) shows them the volunteers' activities and the way to their own help.
 */
export const onSeniorSideOnly = (roles: readonly PermissionRole[]): 'senior' | 'proxy' | null => {
  if (servesAsVolunteer(roles)) return null;
  if (roles.includes('senior')) return 'senior';
  return roles.includes('proxy') ? 'proxy' : null;
};

/** 志愿服务记录证明: volunteers ask for their own; leaders, 居委 and the street issue them (the queue is there). */
export const seesCertificates = (roles: readonly PermissionRole[]): boolean =>
  servesAsVolunteer(roles) || roles.includes('socialWorker') || roles.includes('admin');

/** Who can receive each kind of WeChat notification (cloudfunctions/core/domain/notifications.ts). */
const TEMPLATE_ROLES: Record<TemplateKey, readonly PermissionRole[]> = {
  activity: ['volunteer', 'leader'],
  // Street admins hear of records waiting for their 复核 and of volunteers' 异议.
  hours: ['volunteer', 'leader', 'admin'],
  team: ['volunteer', 'leader'],
  // 老伙伴 are volunteers; the 居委 and the admin hear of overdue contacts.
  contact: ['volunteer', 'leader', 'socialWorker', 'admin'],
  // A senior and her family hear how her requests go; volunteers of the ones they took; staff of grants.
  help: ['volunteer', 'leader', 'senior', 'proxy', 'socialWorker', 'admin'],
  // An alarm's chain (partner, family, 居委, duty, admin); the senior hears who is handling hers.
  alert: ['volunteer', 'leader', 'senior', 'proxy', 'socialWorker', 'duty', 'admin'],
};

/** The notification kinds worth offering to this person. */
export function notificationsFor<T extends { template: TemplateKey }>(items: readonly T[], roles: readonly PermissionRole[]): T[] {
  return items.filter((i) => TEMPLATE_ROLES[i.template].some((r) => roles.includes(r)));
}
