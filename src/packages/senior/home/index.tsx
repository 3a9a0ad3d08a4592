/**
 * The senior's home, always in elder mode. Redemption (asking for help, spending credits) is
 * not built yet: the two big buttons are shown disabled with a plain note, never fake data.
 */
import { Text, View } from '@tarojs/components';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { useSession } from '../../../hooks/useSession';
import { commonMessages } from '../../../messages/common';
import { ROUTES, go } from '../../../services/routes';
import { Button } from '../../../ui/nutui';
import { messages as m } from './messages';
import './index.scss';

export default function SeniorHome() {
  const { me } = useSession('registered');
  const profile = me?.profile;
  if (!profile) {
    return (
      <Screen forceElder>
        <Text className='loading'>{commonMessages.loading}</Text>
      </Screen>
    );
  }
  const isSenior = me.roles.includes('senior');
  const isProxy = me.roles.includes('proxy');

  return (
    <Screen forceElder>
      <Text className='greeting'>{m.greeting(profile.name)}</Text>
      {isProxy ? <Notice kind='info'>{m.proxyFor}</Notice> : null}
      {!isSenior && !isProxy ? <Notice kind='info'>{m.notSenior}</Notice> : null}
      <View className='btn-row'>
        <Button className='btn-block senior-btn' type='primary' size='xlarge' block disabled>
          <View className='senior-btn__label'>
            <Text>{m.askHelp}</Text>
            <Text className='senior-btn__note'>{m.notOpen}</Text>
          </View>
        </Button>
        <Button className='btn-block senior-btn' type='primary' size='xlarge' block disabled>
          <View className='senior-btn__label'>
            <Text>{m.myCredits}</Text>
            <Text className='senior-btn__note'>{m.notOpen}</Text>
          </View>
        </Button>
      </View>
      <Notice kind='warning'>{m.notYet}</Notice>
      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.home)}>
        {m.back}
      </Button>
    </Screen>
  );
}
