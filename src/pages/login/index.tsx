/**
 * Local dev login (H5): pick a seeded demo person, or enter as a brand-new WeChat user.
 * In the mini-program the WeChat identity is automatic, so this page only points home.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { commonMessages } from '../../messages/common';
import { devLogin, devPeople, errorMessage, usesDevLogin, type DevPerson } from '../../services/api';
import { ROUTES, restart } from '../../services/routes';
import { resetSession } from '../../state/store';
import { Button } from '../../ui/nutui';
import { messages as m } from './messages';
import './index.scss';

export default function Login() {
  const [people, setPeople] = useState<DevPerson[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loginError, setLoginError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = async () => {
    setLoadError(null);
    try {
      setPeople(await devPeople());
    } catch (e) {
      setLoadError(errorMessage(e));
    }
  };

  useEffect(() => {
    if (usesDevLogin) void load();
  }, []);

  const enter = async (openid?: string) => {
    if (busy) return;
    setBusy(openid ?? 'new');
    setLoginError(null);
    try {
      await devLogin(openid);
      resetSession();
      restart(ROUTES.home);
    } catch (e) {
      setLoginError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (!usesDevLogin) {
    return (
      <Screen>
        <Notice kind='info'>{m.weapp}</Notice>
        <Button className='btn-block' type='primary' size='large' block onClick={() => restart(ROUTES.home)}>
          {m.goHome}
        </Button>
      </Screen>
    );
  }

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{m.intro}</Text>
      {loginError ? <Notice kind='error'>{m.loginFailed + loginError}</Notice> : null}

      <View className='card'>
        <Button className='btn-block' type='primary' size='large' block disabled={!!busy} onClick={() => void enter()}>
          {m.newUser}
        </Button>
        <Text className='muted'>{m.newUserHint}</Text>
      </View>

      <View className='section'>
        <Text className='section__title'>{m.people}</Text>
        {loadError ? (
          <Notice
            kind='error'
            action={
              <Button size='large' block onClick={() => void load()}>
                {commonMessages.retry}
              </Button>
            }
          >
            {m.loadFailed + loadError}
          </Notice>
        ) : null}
        {!people && !loadError ? <Text className='loading'>{commonMessages.loading}</Text> : null}
        {/* A street started without the demo seed has nobody to pick yet. */}
        {people && people.length === 0 ? <Text className='muted'>{m.noPeople}</Text> : null}
        {people?.map((p) => (
          <View key={p.openid} className='card person'>
            <Text className='team__name'>{p.name}</Text>
            <Text className='muted'>{p.roles.length ? p.roles.join('、') : m.noRoles}</Text>
            <Button className='btn-block' size='large' block disabled={!!busy} onClick={() => void enter(p.openid)}>
              {m.enterAs(p.name)}
            </Button>
          </View>
        ))}
      </View>
    </Screen>
  );
}
