/**
 * 我的: the person's own profile (phone masked), their role homes, elder mode, and the privacy policy
 * to read again. What is shown follows the roles held: volunteer things (活动, 年度报告, 志愿服务记录证明,
 * 电子志愿者证) only to someone who volunteers — a senior who does not sees her time credits, messages,
 * profile, elder mode and her own home.
 */
import { Text, View } from '@tarojs/components';
import { ElderToggle } from '../../components/ElderToggle';
import { LinkCard } from '../../components/LinkCard';
import { Notice } from '../../components/Notice';
import { QuickLinks } from '../../components/QuickLinks';
import { RoleCards } from '../../components/RoleCards';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../hooks/useQuery';
import { useSession } from '../../hooks/useSession';
import { useShowAgain } from '../../hooks/useShowAgain';
import { commonMessages } from '../../messages/common';
import { clearToken, usesDevLogin } from '../../services/api';
import { dateWithYear, policyVersionWords } from '../../services/dates';
import { ROUTES, go, restart } from '../../services/routes';
import { seesCertificates, servesAsVolunteer } from '../../services/audience';
import { resetSession } from '../../state/store';
import { Button } from '../../ui/nutui';
import { messages as m } from './messages';
import './index.scss';

function Row({ k, v }: { k: string; v: string }) {
  return (
    <View className='kv'>
      <Text className='kv__k'>{k}</Text>
      <Text className='kv__v'>{v}</Text>
    </View>
  );
}

export default function Me() {
  const { me, error, loading } = useSession('registered');
  const profile = me?.profile;
  const volunteer = servesAsVolunteer(me?.roles ?? []);
  const certificates = seesCertificates(me?.roles ?? []);
  // Volunteers and staff have a 工作台; a senior (or a family member acting for one) has her services.
  const working = volunteer || (me?.roles ?? []).some((r) => r === 'socialWorker' || r === 'duty' || r === 'admin');
  const unread = useQuery('inbox', 'unreadCount', {}, !!profile);
  // A newly set-up street has no admin yet: offer the one-time claim until someone has made it.
  const setup = useQuery('setup', 'status', {}, !!profile && !me?.roles.includes('admin'));
  useShowAgain(() => {
    if (profile) void unread.reload();
  });

  const switchAccount = () => {
    clearToken();
    resetSession();
    restart(ROUTES.login);
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {error ? <Notice kind='error'>{m.loadFailed + error}</Notice> : null}
      {!profile && loading ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {profile && me ? (
        <>
          <View className='section'>
            <QuickLinks unread={unread.data?.unread ?? null} volunteer={volunteer} />
            {volunteer || certificates ? (
              <View className='role-cards'>
                {volunteer ? (
                  <LinkCard className='quick-link quick-link--year' title={m.yearReview.title} desc={m.yearReview.desc} onClick={() => go(ROUTES.yearReview)} />
                ) : null}
                {certificates ? (
                  <LinkCard
                    className='quick-link quick-link--certificates'
                    title={m.certificates.title}
                    desc={m.certificates.desc}
                    onClick={() => go(ROUTES.certificates)}
                  />
                ) : null}
                {volunteer ? (
                  <LinkCard
                    className='quick-link quick-link--card'
                    title={m.volunteerCard.title}
                    desc={m.volunteerCard.desc}
                    onClick={() => go(ROUTES.volunteerCard)}
                  />
                ) : null}
              </View>
            ) : null}
          </View>
          <View className='card'>
            <Row k={m.name} v={profile.name} />
            {/* A senior registered at the 居委 desk may have given a landline. */}
            <Row k={profile.deskConsent ? m.phoneAny : m.phone} v={profile.phoneMasked} />
            <Row k={m.committee} v={profile.committeeName} />
            <Row k={m.birthYear} v={String(profile.birthYear)} />
            <Row k={m.roles} v={[...new Set(profile.roles.map((r) => r.label))].join('、')} />
            {profile.guardian ? <Row k={m.guardian} v={`${profile.guardian.name}（${profile.guardian.relation}，${profile.guardian.phoneMasked}）`} /> : null}
            {/* Registered at the desk, she agreed there as the social worker read it to her: said as such. */}
            <Row
              k={m.consent}
              v={
                profile.deskConsent
                  ? m.consentAtDesk(
                      dateWithYear(profile.deskConsent.at),
                      profile.deskConsent.committeeName,
                      profile.deskConsent.recordedByName,
                      profile.deskConsent.by === 'guardian' ? profile.deskConsent.guardianName : null,
                    )
                  : m.consentValue(policyVersionWords(profile.consent.version), dateWithYear(profile.consent.at))
              }
            />
            <Button className='btn-block' type='primary' size='large' block onClick={() => go(ROUTES.profile)}>
              {m.edit}
            </Button>
            <Button className='btn-block me__policy' size='large' block onClick={() => go(ROUTES.privacyPolicy)}>
              {m.readPolicy}
            </Button>
          </View>

          <ElderToggle />

          <View className='section'>
            <Text className='section__title'>{working ? m.rolesTitle : m.rolesTitlePlain}</Text>
            <RoleCards roles={profile.roles} />
            {setup.data?.setUp && !setup.data.adminClaimed && !me.roles.includes('admin') ? (
              <LinkCard className='role-card--claim' title={m.claimAdmin} desc={m.claimAdminDesc} onClick={() => go(ROUTES.claimAdmin)} />
            ) : null}
          </View>
        </>
      ) : null}
      {usesDevLogin ? (
        <Button className='btn-block' size='large' block onClick={switchAccount}>
          {m.switchAccount}
        </Button>
      ) : null}
    </Screen>
  );
}
