/** 居委社工工作台: the 居委 this person serves (from their roles) and what is coming. */
import { Text, View } from '@tarojs/components';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { useSession } from '../../../hooks/useSession';
import { commonMessages } from '../../../messages/common';
import { ROUTES, go } from '../../../services/routes';
import { Button } from '../../../ui/nutui';
import { messages as m } from './messages';

export default function SocialHome() {
  const { me } = useSession('registered');
  const profile = me?.profile;
  if (!profile) {
    return (
      <Screen>
        <Text className='loading'>{commonMessages.loading}</Text>
      </Screen>
    );
  }
  const served = profile.roles.filter((r) => r.role === 'socialWorker' && r.committeeName);

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.greeting(profile.name)}</Text>
      {served.length === 0 ? (
        <Notice kind='info'>{m.notSocial}</Notice>
      ) : (
        <View className='section'>
          <Text className='section__title'>{m.committees}</Text>
          {served.map((r) => (
            <View key={r.committeeId} className='team'>
              <Text className='team__name'>{r.committeeName}</Text>
            </View>
          ))}
        </View>
      )}
      <Notice kind='info'>{m.comingSoon}</Notice>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.home)}>
        {m.back}
      </Button>
    </Screen>
  );
}
