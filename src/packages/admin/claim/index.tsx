/**
 * 开通街道管理员: on a street that setup has just created, the first registered person who enters the
 * setup secret becomes street admin (setup.claimAdmin, once). The page says so only after the server
 * granted it, and says plainly when the street already has its admin or is not set up yet.
 */
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { commonMessages } from '@/messages/common';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

export default function ClaimAdmin() {
  const { refresh } = useSession('registered');
  const status = useQuery('setup', 'status', {});
  const claim = useMutation('setup', 'claimAdmin');
  const [secret, setSecret] = useState('');
  const [empty, setEmpty] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async () => {
    if (!secret.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    const res = await claim.run({ secret: secret.trim() });
    if (!res || !res.roles.includes('admin')) return;
    setDone(true);
    setSecret('');
    await refresh();
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {status.error ? <Notice kind='error'>{m.loadFailed + status.error}</Notice> : null}
      {!status.data && !status.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {done ? (
        <>
          <Notice kind='success'>{m.done}</Notice>
          <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.admin)}>
            {m.openAdmin}
          </Button>
        </>
      ) : status.data && !status.data.setUp ? (
        <Notice kind='info'>{m.notSetUp}</Notice>
      ) : status.data?.adminClaimed ? (
        <Notice kind='info'>{m.alreadyClaimed}</Notice>
      ) : status.data ? (
        <>
          <Text className='text'>{m.intro}</Text>
          <Field
            label={m.secret.label}
            value={secret}
            onChange={setSecret}
            placeholder={m.secret.placeholder}
            error={empty ? m.secret.empty : null}
            name='secret'
          />
          <FailureNotice of={claim} failed={m.failed} />
          <Button className='btn-block' type='primary' size='large' block loading={claim.busy} disabled={claim.busy} onClick={() => void submit()}>
            {claim.busy ? m.working : m.submit}
          </Button>
        </>
      ) : null}
    </Screen>
  );
}
