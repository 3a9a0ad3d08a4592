/**
 * 志愿服务记录证明 for a volunteer: my volunteer number, the application (a period, all service or one
 * team's, the identity document once, with consent), and my proofs with their state. Issuers reach
 * their queue from here; anyone reaches 核验证明.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CertificateSummary } from '@core/api';
import { ID_TYPE_LABELS, ID_TYPES, birthDateOfIdCard, identityNumberProblem, isMinorOn, type IdType } from '@core/domain/identity-documents';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { FieldError } from '@/components/FieldError';
import { LinkCard } from '@/components/LinkCard';
import { LoadMore } from '@/components/LoadMore';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { usePaged } from '@/hooks/usePaged';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { dateRange, today } from '@/services/dates';
import { ROUTES, go } from '@/services/routes';
import { Button, Checkbox } from '@/ui/nutui';
import { messages } from '../messages';
import './index.scss';

const m = messages.home;
const a = messages.apply;

type Period = 'thisYear' | 'lastYear' | 'all';

function periodOf(p: Period, t: string): { from: string; to: string } {
  const year = Number(t.slice(0, 4));
  if (p === 'thisYear') return { from: `${year}-01-01`, to: t };
  if (p === 'lastYear') return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  return { from: '2000-01-01', to: t };
}

function ProofCard({ c }: { c: CertificateSummary }) {
  return (
    <View className='card cert-card' hoverClass='card--pressed' onClick={() => go(ROUTES.certificate, { id: c.id })}>
      <View className='cert-card__top'>
        <Text className='cert-card__issuer'>{c.issuerName}</Text>
        <Text className={`tag cert-card__state cert-card__state--${c.standing ?? c.state}`}>{c.stateText}</Text>
      </View>
      <Text className='text'>{`${dateRange(c.from, c.to)} · ${c.hoursText}`}</Text>
      {c.number ? <Text className='text cert-card__number'>{c.number}</Text> : null}
    </View>
  );
}

export default function CertificatesHome() {
  const { me } = useSession('registered');
  const ready = !!me?.registered;
  const mine = usePaged('certificates', 'mine', { limit: 20 }, ready);
  const teams = useQuery('teams', 'mine', {}, ready);
  const apply = useMutation('certificates', 'apply');
  const [open, setOpen] = useState(false);
  const [period, setPeriod] = useState<Period>('thisYear');
  const [scope, setScope] = useState<'all' | 'team'>('all');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [idType, setIdType] = useState<IdType>('idCard');
  const [idNumber, setIdNumber] = useState('');
  const [consent, setConsent] = useState(false);
  const [guardianName, setGuardianName] = useState('');
  const [remarks, setRemarks] = useState('');
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<number | null>(null);

  const roles = me?.roles ?? [];
  const issuer = roles.includes('leader') || roles.includes('socialWorker') || roles.includes('admin');
  const identityOnFile = mine.last?.identityOnFile ?? false;
  const joined = (teams.data?.items ?? []).filter((t) => t.state === 'member');
  const volunteerNo = me?.profile?.volunteerNo ?? null;

  // The server decides (domain/certificates.ts guardianMissing); the form asks at once for a minor's guardian.
  const birth = idType === 'idCard' ? birthDateOfIdCard(idNumber) : null;
  const minor = !!birth && isMinorOn(birth, today());
  const errors = {
    teamId: scope === 'team' && !teamId ? a.team : null,
    // The contract's own rule (a 居民身份证 number's length, birth date and check digit), shown at the field.
    idNumber: identityOnFile ? null : identityNumberProblem(idType, idNumber, today()),
    consent: !identityOnFile && !consent ? a.consentNeeded : null,
    guardianName: !identityOnFile && minor && guardianName.trim().length < 2 ? a.guardianNeeded : null,
  };
  const shown = (k: keyof typeof errors) => (tried ? errors[k] : null);

  const submit = async () => {
    setTried(true);
    if (Object.values(errors).some(Boolean)) return;
    const res = await apply.run({
      scope,
      ...periodOf(period, today()),
      ...(scope === 'team' && teamId ? { teamId } : {}),
      ...(identityOnFile
        ? {}
        : {
            identity: {
              type: idType,
              number: idNumber.trim(),
              consent: true as const,
              ...(guardianName.trim() ? { guardianName: guardianName.trim() } : {}),
            },
          }),
      ...(remarks.trim() ? { remarks: remarks.trim() } : {}),
    });
    if (!res) return;
    setDone(res.items.length);
    setOpen(false);
    setTried(false);
    await mine.reload();
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='text'>{volunteerNo ? m.volunteerNo(volunteerNo) : m.noNumber}</Text>
      <Text className='field__hint'>{m.intro}</Text>
      {done !== null ? <Notice kind='info'>{a.done(done)}</Notice> : null}

      {open ? (
        <View className='section cert-apply'>
          <Choices
            label={a.period}
            options={(['thisYear', 'lastYear', 'all'] as const).map((p) => ({ value: p, label: a.periods[p] }))}
            value={period}
            onChange={(v) => setPeriod(v as Period)}
          />
          <Choices
            label={a.scope}
            options={[
              { value: 'all', label: a.scopes.all },
              { value: 'team', label: a.scopes.team },
            ]}
            value={scope}
            onChange={(v) => setScope(v as 'all' | 'team')}
          />
          {scope === 'team' ? (
            joined.length ? (
              <Choices
                label={a.team}
                options={joined.map((t) => ({ value: t.teamId, label: t.teamName }))}
                value={teamId}
                error={shown('teamId')}
                onChange={setTeamId}
              />
            ) : (
              <Notice kind='warning'>{a.noTeams}</Notice>
            )
          ) : null}
          {identityOnFile ? (
            <Text className='text'>{a.idOnFile}</Text>
          ) : (
            <>
              <Choices
                label={a.idType}
                options={ID_TYPES.map((t) => ({ value: t, label: ID_TYPE_LABELS[t] }))}
                value={idType}
                onChange={(v) => setIdType(v as IdType)}
              />
              <Field
                label={a.idNumber}
                hint={a.idHint}
                placeholder={a.idPlaceholder}
                value={idNumber}
                maxlength={20}
                error={shown('idNumber') ?? apply.fieldErrors['identity.number'] ?? null}
                onChange={setIdNumber}
              />
              {minor || guardianName ? (
                <Field label={a.guardian} value={guardianName} maxlength={20} error={shown('guardianName')} onChange={setGuardianName} />
              ) : null}
              <View className='consent'>
                <Checkbox checked={consent} label={a.consent} onChange={setConsent} />
              </View>
              <FieldError message={shown('consent')} />
            </>
          )}
          <Field label={a.remarks} value={remarks} maxlength={100} onChange={setRemarks} />
          <FailureNotice of={apply} failed={a.failed} />
          <Button className='btn-block' type='primary' size='large' block disabled={apply.busy} onClick={() => void submit()}>
            {apply.busy ? a.working : a.submit}
          </Button>
        </View>
      ) : (
        <Button className='btn-block' type='primary' size='large' block onClick={() => setOpen(true)}>
          {m.apply}
        </Button>
      )}

      <View className='section'>
        <Text className='section__title'>{m.mine}</Text>
        {mine.error ? <Notice kind='error'>{m.loadFailed + mine.error}</Notice> : null}
        {mine.loaded && !mine.items.length ? <Text className='text'>{m.none}</Text> : null}
        {mine.items.map((c) => (
          <ProofCard key={c.id} c={c} />
        ))}
        <LoadMore next={mine.next} loading={mine.loading} onMore={() => void mine.more()} quietEnd />
      </View>

      <View className='role-cards'>
        {issuer ? <LinkCard className='cert-link' title={m.queue} desc={m.queueDesc} onClick={() => go(ROUTES.certificateQueue)} /> : null}
        <LinkCard className='cert-link' title={m.verify} desc={m.verifyDesc} onClick={() => go(ROUTES.certificateVerify)} />
      </View>
    </Screen>
  );
}
