/** Every page path of the app, and how to get there. */
import Taro from '@tarojs/taro';

export const ROUTES = {
  home: '/pages/index/index',
  activities: '/pages/activities/index',
  me: '/pages/me/index',
  register: '/pages/register/index',
  profile: '/pages/profile/index',
  login: '/pages/login/index',
  leader: '/packages/leader/home/index',
  senior: '/packages/senior/home/index',
  social: '/packages/social/home/index',
  admin: '/packages/admin/home/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

const TABS: ReadonlySet<string> = new Set([ROUTES.home, ROUTES.activities, ROUTES.me]);

/** Open a page: tab pages by switching tabs, others by pushing onto the stack. */
export function go(url: Route): void {
  if (TABS.has(url)) void Taro.switchTab({ url });
  else void Taro.navigateTo({ url });
}

/** Replace the whole stack (sign-in, registration done, signed out). */
export function restart(url: Route): void {
  void Taro.reLaunch({ url });
}
