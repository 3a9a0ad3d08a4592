/** One card per role the person holds, each leading to that role's home. */
import { View } from '@tarojs/components';
import { commonMessages } from '@/messages/common';
import { helpMessages } from '@/messages/help';
import { partnerCardMessages } from '@/messages/partner';
import type { Role, RoleView } from '@/services/api';
import { ROUTES, go, type Route } from '@/services/routes';
import { LinkCard } from '@/components/LinkCard';
import { messages as own } from './messages';

const m = commonMessages.roles;

const TARGET: Record<Role, Route> = {
  volunteer: ROUTES.activities,
  leader: ROUTES.leader,
  senior: ROUTES.senior,
  proxy: ROUTES.family,
  socialWorker: ROUTES.social,
  // 街道值班: the street's alerts (the chain reaches the duty officer after the 居委).
  duty: ROUTES.alertList,
  admin: ROUTES.admin,
};

const ORDER: Role[] = ['senior', 'proxy', 'leader', 'socialWorker', 'duty', 'admin', 'volunteer'];

/** Where a role is held: team names for a leader, 居委 names for a social worker. */
function scopes(views: RoleView[]): string {
  return views
    .map((v) => v.teamName ?? v.committeeName ?? '')
    .filter(Boolean)
    .join('、');
}

export function RoleCards({ roles }: { roles: RoleView[] }) {
  const byRole = new Map<Role, RoleView[]>();
  for (const r of roles) byRole.set(r.role, [...(byRole.get(r.role) ?? []), r]);
  const held = ORDER.filter((r) => byRole.has(r));
  // Beside the roles: volunteers take seniors' help requests; anyone not yet acting for a senior may ask to.
  const extra: Array<{ key: string; route: Route; title: string; desc: string }> = [
    ...(byRole.has('volunteer') || byRole.has('leader') ? [{ key: 'help', route: ROUTES.helpOpen, ...helpMessages.cards.help }] : []),
    ...(!byRole.has('senior') && !byRole.has('proxy') ? [{ key: 'family', route: ROUTES.family, ...helpMessages.cards.family }] : []),
    // 老伙伴: volunteers look after seniors living alone (my seniors, or how to join); the admin's programme settings.
    ...(byRole.has('volunteer') || byRole.has('leader') ? [{ key: 'partner', route: ROUTES.partnerSeniors, ...partnerCardMessages.partner }] : []),
    // Records that need two approvers wait for an admin where a team has no other leader to review them.
    ...(byRole.has('admin') ? [{ key: 'review', route: ROUTES.approvals, ...own.review }] : []),
    ...(byRole.has('admin') ? [{ key: 'partnerSettings', route: ROUTES.partnerWeather, ...partnerCardMessages.settings }] : []),
  ];
  return (
    <View className='role-cards'>
      {held.map((role) => {
        const where = scopes(byRole.get(role) ?? []);
        return (
          <LinkCard
            key={role}
            className={`role-card--${role}`}
            title={m[role].title}
            desc={where || m[role].desc}
            go={m.open}
            onClick={() => go(TARGET[role])}
          />
        );
      })}
      {extra.map((c) => (
        <LinkCard key={c.key} className={`role-card--${c.key}`} title={c.title} desc={c.desc} go={m.open} onClick={() => go(c.route)} />
      ))}
    </View>
  );
}
