/** The quieter rows under the senior's two big buttons: all requests, history, family proxies. */
import { Text, View } from '@tarojs/components';
import { ROUTES, go, type Params, type Route } from '../../../services/routes';
import { messages as m } from './messages';

export function SeniorLinks({ params, self }: { params: Params; self: boolean }) {
  const rows: Array<{ key: string; route: Route; title: string; desc: string }> = [
    { key: 'requests', route: ROUTES.seniorRequests, ...(self ? m.links.requests : m.links.allRequests) },
    { key: 'history', route: ROUTES.seniorHistory, ...m.links.history },
    { key: 'proxies', route: ROUTES.seniorProxies, ...m.links.proxies },
  ];
  return (
    <View className='role-cards'>
      {rows.map((r) => (
        <View key={r.key} className={`role-card senior-link senior-link--${r.key}`} hoverClass='role-card--pressed' onClick={() => go(r.route, params)}>
          <View className='role-card__body'>
            <Text className='role-card__title'>{r.title}</Text>
            <Text className='role-card__desc'>{r.desc}</Text>
          </View>
          <Text className='role-card__go'>{m.links.open} ›</Text>
        </View>
      ))}
    </View>
  );
}
