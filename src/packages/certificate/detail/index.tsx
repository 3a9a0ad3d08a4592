/**
 * One 志愿服务记录证明: its four parts as the PDF shows them, its state (待受理 → 公示中 → 已生效, or
 * 已作废 with the date), the verification code, and the PDF. The issuer accepts, refuses with a
 * reason, issues, or re-issues a void proof from here; each button answers the updated proof.
 */
import { dateRange, dateTime } from '@/services/dates';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { CertificateView } from '@core/api';
import { Kv } from '@/components/Kv';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { call, errorMessage } from '@/services/api';
import { deliverFile } from '@/services/download';
import { ROUTES, go, useParam } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages } from '../messages';
import './index.scss';
import { isTooShortReason, REASON_MAX_CHARS } from '@/services/rules';

const m = messages.detail;

export default function CertificateDetail() {
  const id = useParam('id');
  const { me } = useSession('registered');
  const detail = useQuery('certificates', 'detail', { certificateId: id }, !!me?.registered && !!id);
  const decide = useMutation('certificates', 'decide');
  const issue = useMutation('certificates', 'issue');
  const reissue = useMutation('certificates', 'reissue');
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const c = detail.data;
  const busy = decide.busy || issue.busy || reissue.busy;
  const failing = [decide, issue, reissue].find((x) => x.error);

  const show = (view: CertificateView) => detail.set(view);
  const accept = async () => {
    if ((await decide.run({ certificateId: id, accept: true })) !== undefined) await detail.reload();
  };
  const refuse = async () => {
    if (isTooShortReason(reason)) return setReasonError(m.reasonNeeded);
    setReasonError(null);
    if ((await decide.run({ certificateId: id, accept: false, reason: reason.trim() })) !== undefined) {
      setRefusing(false);
      await detail.reload();
    }
  };
  const doIssue = async () => {
    const view = await issue.run({ certificateId: id });
    if (view) show(view);
  };
  const doReissue = async () => {
    const view = await reissue.run({ certificateId: id });
    if (view) go(ROUTES.certificate, { id: view.id });
  };
  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      const file = await call('certificates', 'document', { certificateId: id });
      await deliverFile({ fileId: file.fileId, url: file.url, filename: file.name, mimeType: 'application/pdf', fileType: 'pdf' }, m.downloadStatus);
    } catch (e) {
      setDownloadError(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  if (!c) {
    return <Screen>{detail.error ? <Notice kind='error'>{detail.error}</Notice> : <Text className='loading'>…</Text>}</Screen>;
  }

  return (
    <Screen>
      <Text className='greeting'>{c.number ?? messages.titles.detail}</Text>
      <Text className={`tag cert-state cert-state--${c.standing ?? c.state}`}>{c.stateText}</Text>
      {c.standing === 'void' && c.voidedAt ? <Notice kind='error'>{m.voided(dateTime(c.voidedAt))}</Notice> : null}
      {c.standing === 'publicising' && c.publicityEndsAt ? <Notice kind='info'>{m.publicityUntil(dateTime(c.publicityEndsAt))}</Notice> : null}
      {c.refusedReason ? <Notice kind='warning'>{m.refused(c.refusedReason)}</Notice> : null}
      {c.replacedBy ? (
        <Notice kind='info'>
          {m.replaced}
          <Button className='btn-block' size='large' block onClick={() => go(ROUTES.certificate, { id: c.replacedBy! })}>
            {m.openReplacement}
          </Button>
        </Notice>
      ) : null}

      <View className='section'>
        <Kv k={m.applicant} v={c.applicantName} />
        <Kv k={m.volunteerNo} v={c.volunteerNo} />
        {c.identity ? <Kv k={m.identity} v={`${c.identity.typeText} ${c.identity.numberMasked}`} /> : null}
        <Kv k={m.period} v={dateRange(c.from, c.to)} />
        <Kv k={m.hours} v={c.hoursText} />
        {c.peopleServed ? <Kv k={m.served} v={m.servedCount(c.peopleServed)} /> : null}
        <Kv k={m.issuer} v={c.issuerName} />
        {c.state === 'issued' ? <Kv k={m.contact} v={c.issuer.contact || '—'} /> : null}
        {c.state === 'issued' ? <Kv k={m.seal} v={c.sealed ? m.sealed : m.unsealed} /> : null}
        {c.guardianName ? <Kv k={m.guardian} v={c.guardianName} /> : null}
        {c.verificationCode ? <Kv k={m.code} v={c.verificationCode} /> : null}
      </View>

      <View className='section'>
        <Text className='section__title'>{m.lines}</Text>
        {c.lines.map((l) => (
          <Kv key={l.title} k={l.title} v={l.hoursText} />
        ))}
        {c.excluded.length ? <Text className='field__hint'>{m.excluded(c.excluded.length)}</Text> : null}
        {c.excluded.map((e) => (
          <Text key={`${e.date}-${e.reason}-${e.hoursText}`} className='field__hint'>{`${e.date} ${e.hoursText}：${e.label}`}</Text>
        ))}
      </View>

      {failing ? <FailureNotice of={failing} failed={m.failed} /> : null}
      {c.can.decide && !refusing ? (
        <>
          <Button className='btn-block' type='primary' size='large' block disabled={busy} onClick={() => void accept()}>
            {busy ? m.working : m.accept}
          </Button>
          <Button className='btn-block' size='large' block disabled={busy} onClick={() => setRefusing(true)}>
            {m.refuse}
          </Button>
        </>
      ) : null}
      {refusing ? (
        <View className='section'>
          <TextArea label={m.reason} placeholder={m.reasonPlaceholder} value={reason} maxlength={REASON_MAX_CHARS} error={reasonError} onChange={setReason} />
          <Button className='btn-block' type='primary' size='large' block disabled={busy} onClick={() => void refuse()}>
            {busy ? m.working : m.refuse}
          </Button>
        </View>
      ) : null}
      {/* Only its issuer gets warnings: what the admin must set up before the proof can be issued. */}
      {c.issuerWarnings.map((w) => (
        <Notice key={w} kind='warning'>
          {w}
        </Notice>
      ))}
      {c.can.issue ? (
        <Button className='btn-block' type='primary' size='large' block disabled={busy} onClick={() => void doIssue()}>
          {busy ? m.working : m.issue}
        </Button>
      ) : null}
      {c.can.reissue ? (
        <Button className='btn-block' type='primary' size='large' block disabled={busy} onClick={() => void doReissue()}>
          {busy ? m.working : m.reissue}
        </Button>
      ) : null}
      {c.state === 'issued' ? (
        <Button className='btn-block' size='large' block disabled={downloading} onClick={() => void download()}>
          {downloading ? m.downloading : m.download}
        </Button>
      ) : null}
      {downloadError ? <Notice kind='error'>{downloadError}</Notice> : null}
    </Screen>
  );
}
