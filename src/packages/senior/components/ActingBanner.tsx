/**
 * Who acts for whom, at the top of every senior page when someone acts for the senior:
 * "您正在代 沈阿婆 操作（家属代理：沈小妹）", with a way to switch to another senior.
 * Nothing when the senior acts for themselves. Staff deciding as themselves (a pool grant, a settlement)
 * do not act for her: with `reviewing`, the banner says whose request they review, and in what role.
 */
import { Text, View } from '@tarojs/components';
import type { ActingView } from '@core/api';
import { ROUTES, go } from '@/services/routes';
import { messages as m } from './messages';
import './senior.scss';

export function ActingBanner({ acting, reviewing = false }: { acting: ActingView | null; reviewing?: boolean }) {
  if (!acting?.banner) return null;
  const staffRole = acting.via === 'admin' ? m.banner.roles.admin : acting.via === 'socialWorker' ? m.banner.roles.socialWorker : null;
  if (reviewing && staffRole) {
    return (
      <View className='acting' ariaRole='status'>
        <View className='acting__row'>
          <Text className='acting__icon'>{m.banner.reviewIcon}</Text>
          <Text className='acting__text'>{m.banner.reviewing(acting.seniorName, staffRole)}</Text>
        </View>
      </View>
    );
  }
  const chooser = acting.via === 'proxy' ? ROUTES.family : ROUTES.socialSeniors;
  return (
    <View className='acting' ariaRole='status'>
      <View className='acting__row'>
        <Text className='acting__icon'>{m.banner.icon}</Text>
        <Text className='acting__text'>{acting.banner}</Text>
      </View>
      <View className='acting__change' hoverClass='acting__change--pressed' ariaRole='link' onClick={() => go(chooser)}>
        <Text>{m.banner.change} ›</Text>
      </View>
    </View>
  );
}
