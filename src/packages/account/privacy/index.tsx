/**
 * 隐私政策, to read again at any time after registration (from 我的): the same text 实名注册 shows
 * (src/messages/privacy.ts), the version now in force, and what this person agreed to and when. A
 * person who no longer agrees finds the way to withdraw (注销账号) right below.
 */
import { Text, View } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { privacyPolicy } from '@/messages/privacy';
import { dateWithYear } from '@/services/dates';
import { ROUTES, back, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';

export default function PrivacyPolicy() {
  const { me } = useSession('registered');
  const options = useQuery('account', 'options', {});
  const current = options.data?.privacyPolicyVersion ?? '';
  const consent = me?.profile?.consent ?? null;

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {consent && current ? (
        <Text className='text privacy__agreed'>
          {consent.version === current
            ? m.agreed(dateWithYear(consent.at), consent.version)
            : m.agreedOlder(dateWithYear(consent.at), consent.version, current)}
        </Text>
      ) : null}
      {options.error ? <Notice kind='warning'>{m.versionFailed}</Notice> : null}
      <View className='section policy'>
        {privacyPolicy.paragraphs.map((p) => (
          <Text key={p} className='policy__p'>
            {p}
          </Text>
        ))}
      </View>
      <View className='section'>
        <Text className='section__title'>{m.withdrawTitle}</Text>
        <Text className='text'>{m.withdrawText}</Text>
        <Button className='btn-block' size='large' block onClick={() => go(ROUTES.closeAccount)}>
          {m.withdraw}
        </Button>
      </View>
      <Button className='btn-block' type='primary' size='large' block onClick={() => back(ROUTES.me)}>
        {m.back}
      </Button>
    </Screen>
  );
}
