/**
 * The quieter rows under the senior's big buttons: all requests, history, who saw her details, family proxies, activity
 * photos, whether her 老伙伴 may record how she is (身体情况记录), and what she agreed to at the desk.
 */
import { View } from '@tarojs/components';
import { ROUTES, go, type Params, type Route } from '@/services/routes';
import { messages as m } from './messages';
import { LinkCard } from '@/components/LinkCard';

export function SeniorLinks({ params, self }: { params: Params; self: boolean }) {
  const rows: Array<{ key: string; route: Route; title: string; desc: string }> = [
    { key: 'requests', route: ROUTES.seniorRequests, ...(self ? m.links.requests : m.links.allRequests) },
    { key: 'history', route: ROUTES.seniorHistory, ...m.links.history },
    { key: 'access', route: ROUTES.seniorAccess, ...(self ? m.links.access : m.links.accessOther) },
    { key: 'proxies', route: ROUTES.seniorProxies, ...m.links.proxies },
    { key: 'photos', route: ROUTES.seniorPhotos, ...m.links.photos },
    { key: 'health', route: ROUTES.seniorHealth, ...m.links.health },
    // What was agreed at the desk, read again (the privacy policy page; `seniorId` for a proxy).
    { key: 'consent', route: ROUTES.privacyPolicy, ...m.links.consent },
  ];
  return (
    <View className='role-cards'>
      {rows.map((r) => (
        <LinkCard
          key={r.key}
          className={`senior-link senior-link--${r.key}`}
          title={r.title}
          desc={r.desc}
          go={m.links.open}
          onClick={() => go(r.route, params)}
        />
      ))}
    </View>
  );
}
