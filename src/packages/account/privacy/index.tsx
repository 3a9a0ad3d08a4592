/**
 * 隐私政策, to read again at any time after registration (from 我的): the same text 实名注册 shows
 * (src/messages/privacy.ts), the version now in force, and what this person agreed to and when. A
 * person who no longer agrees finds the way to withdraw (注销账号) right below.
 *
 * A senior registered at the 居委 desk reads first what she agreed to there (DeskConsent: from her
 * own account.me) and how to change or withdraw it: the 居委 closes a senior's record, so she is not
 * offered 注销账号. With `?seniorId=` (from the senior's pages: a family proxy, the 居委) the page shows
 * that senior's desk consent, from the view of her the reader already has (seniors.home), and nothing
 * of the reader's own.
 */
import { Text, View } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { deskConsentWords, privacyPolicy } from '@/messages/privacy';
import { dateWithYear, policyVersionWords } from '@/services/dates';
import { ROUTES, back, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { DeskConsent } from './DeskConsent';
import { messages as m } from './messages';

/** Someone reading for a senior: her desk consent only. */
function ForSenior({ seniorId, ready }: { seniorId: string; ready: boolean }) {
  const home = useQuery('seniors', 'home', { seniorId }, ready);
  const h = home.data;
  return (
    <Screen>
      {h?.acting.banner ? <Notice kind='info'>{h.acting.banner}</Notice> : null}
      {home.error ? <Notice kind='error'>{m.loadFailed + home.error}</Notice> : null}
      {!h && !home.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {h ? <DeskConsent consent={h.deskConsent} voice={deskConsentWords.other(h.senior.name)} params={{ seniorId }} /> : null}
      <Button className='btn-block' type='primary' size='large' block onClick={() => back(ROUTES.senior)}>
        {m.backToSenior}
      </Button>
    </Screen>
  );
}

export default function PrivacyPolicy() {
  const { me } = useSession('registered');
  const seniorId = useParam('seniorId');
  const options = useQuery('account', 'options', {}, !seniorId);
  if (seniorId) return <ForSenior seniorId={seniorId} ready={!!me?.registered} />;

  const current = options.data?.privacyPolicyVersion ?? '';
  const consent = me?.profile?.consent ?? null;
  const desk = me?.profile?.deskConsent ?? null;

  return (
    <Screen forceElder={!!desk}>
      <Text className='greeting'>{m.heading}</Text>
      {desk ? <DeskConsent consent={desk} voice={deskConsentWords.self} params={{}} /> : null}
      {desk ? <Text className='section__title privacy__full'>{m.fullText}</Text> : null}
      {consent && current ? (
        <Text className='text privacy__agreed'>
          {consent.version === current
            ? m.agreed(dateWithYear(consent.at), policyVersionWords(consent.version))
            : m.agreedOlder(dateWithYear(consent.at), policyVersionWords(consent.version), policyVersionWords(current))}
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
      {desk ? null : (
        <View className='section'>
          <Text className='section__title'>{m.accessTitle}</Text>
          <Text className='text'>{m.accessText}</Text>
          <Button className='btn-block' size='large' block onClick={() => go(ROUTES.accountAccess)}>
            {m.access}
          </Button>
        </View>
      )}
      {desk ? null : (
        <View className='section'>
          <Text className='section__title'>{m.withdrawTitle}</Text>
          <Text className='text'>{m.withdrawText}</Text>
          <Button className='btn-block' size='large' block onClick={() => go(ROUTES.closeAccount)}>
            {m.withdraw}
          </Button>
        </View>
      )}
      <Button className='btn-block' type='primary' size='large' block onClick={() => back(ROUTES.me)}>
        {m.back}
      </Button>
    </Screen>
  );
}
