/**
 * 证明出具设置 (admin): the contact number printed on a proof's issuer block, and the electronic seal
 * (a transparent PNG) drawn on the PDF, for the whole street or for one issuer (a team or a 居委),
 * whose unset values fall back to the street's. The seal is read on the device as base64
 * (weapp: the file system manager; H5: the picked File through FileReader) and sent with certificates.setIssuer,
 * which checks its bytes; the preview is the short-lived link the server answers.
 */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { IssuerSettingsView } from '@core/api';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { absoluteUrl } from '@/services/download';
import { ROUTES, go } from '@/services/routes';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';
import './index.scss';

/** Same limit as the server (api/certificates.ts MAX_SEAL_BYTES); checked here to answer at once. */
const MAX_SEAL_BYTES = 512 * 1024;
const PHONE = /^[0-9][0-9-]{6,19}$/;
const PNG_BASE64_PREFIX = 'iVBORw0KGgo';
/** The choice standing for the street's own settings (no issuerKey). */
const STREET = 'street';

/**
 * The picked image as base64: weapp reads the temp file; H5 reads the picked File itself (fetching
 * its blob: URL would break the server's connect-src policy).
 */
async function readAsBase64(path: string, file: Blob | undefined): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    if (!file) throw new Error(m.notPng);
    const blob = file;
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error('read failed'));
      reader.readAsDataURL(blob);
    });
    return dataUrl.slice(dataUrl.indexOf(',') + 1);
  }
  return new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'base64',
      success: (res) => resolve(String(res.data)),
      fail: (e) => reject(new Error(e.errMsg)),
    });
  });
}

export default function SealSettings() {
  const { me } = useSession('registered');
  const isAdmin = !!me?.roles.includes('admin');
  const [issuer, setShownIssuer] = useState(STREET);
  const issuerKey = issuer === STREET ? undefined : issuer;
  const settings = useQuery('certificates', 'issuerSettings', issuerKey ? { issuerKey } : {}, isAdmin);
  const teams = useQuery('teams', 'list', {}, isAdmin);
  const options = useQuery('account', 'options', {}, isAdmin);
  const save = useMutation('certificates', 'setIssuer');
  const [view, setView] = useState<IssuerSettingsView | null>(null);
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [at, setAt] = useState<'phone' | 'seal' | null>(null);

  // Only the answer for the issuer on screen: one for an issuer picked before may arrive late.
  const showing = (v: IssuerSettingsView) => (v.issuerKey ?? STREET) === issuer;
  useEffect(() => {
    const d = settings.data;
    if (!d || (d.issuerKey ?? STREET) !== issuer) return;
    setView(d);
    setPhone(d.phone ?? '');
  }, [settings.data, issuer]);

  if (!isAdmin) {
    return (
      <Screen>
        <Notice kind='warning'>{m.notAdmin}</Notice>
      </Screen>
    );
  }

  const issuerChoices = [
    { value: STREET, label: m.streetWide },
    ...(teams.data?.items ?? []).map((t) => ({ value: `team:${t.id}`, label: t.name })),
    ...(options.data?.committees ?? []).map((c) => ({ value: `committee:${c.id}`, label: c.name })),
  ];

  const pickIssuer = (value: string) => {
    if (value === issuer) return;
    setShownIssuer(value);
    setView(null);
    setPhone('');
    setNote(null);
    setPhoneError(null);
    setPickError(null);
    save.clearError();
  };

  const saved = (res: IssuerSettingsView | null | undefined) => {
    if (!res || !showing(res)) return;
    setView(res);
    setPhone(res.phone ?? '');
    setNote(m.saved);
  };

  const savePhone = async () => {
    setAt('phone');
    setNote(null);
    const p = phone.trim();
    if (p && !PHONE.test(p)) return setPhoneError(m.phoneInvalid);
    setPhoneError(null);
    saved(await save.run({ ...(issuerKey ? { issuerKey } : {}), phone: p || null }));
  };

  const removeOwnSeal = async () => {
    setAt('seal');
    setNote(null);
    setPickError(null);
    saved(await save.run({ issuerKey, sealPngBase64: null }));
  };

  const chooseSeal = async () => {
    setAt('seal');
    setNote(null);
    setPickError(null);
    let base64: string;
    try {
      const picked = await Taro.chooseImage({ count: 1, sizeType: ['original'], sourceType: ['album'] });
      const path = picked.tempFilePaths[0];
      // H5 drops a file the browser cannot decode as an image: not a seal either.
      if (!path) return setPickError(m.notPng);
      base64 = await readAsBase64(path, picked.tempFiles[0]?.originalFileObj);
    } catch (e) {
      // Closing the picker is not an error worth showing.
      if (e instanceof Error && /cancel/i.test(e.message)) return;
      const text = e && typeof e === 'object' && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : String(e);
      if (/cancel/i.test(text)) return;
      return setPickError(m.readFailed + text);
    }
    if (!base64.startsWith(PNG_BASE64_PREFIX)) return setPickError(m.notPng);
    if ((base64.length * 3) / 4 > MAX_SEAL_BYTES) return setPickError(m.tooLarge);
    saved(await save.run({ ...(issuerKey ? { issuerKey } : {}), sealPngBase64: base64 }));
  };

  const effectivePhone = view?.effective.phone
    ? m.effectivePhone + view.effective.phone + (view.phone ? '' : m.effectiveStreet)
    : m.effectivePhone + m.effectiveNoPhone;

  // What the last save did, under the button that asked for it (the page is long: at the top it went unseen).
  const outcome = (
    <>
      {note ? <Notice kind='info'>{note}</Notice> : null}
      <FailureNotice of={save} failed={m.failed} />
    </>
  );

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='field__hint'>{m.intro}</Text>
      {settings.error ? <Notice kind='error'>{m.loadFailed + settings.error}</Notice> : null}

      <View className='section card'>
        <Choices label={m.issuerLabel} options={issuerChoices} value={issuer} onChange={pickIssuer} />
        {teams.error || options.error ? <Notice kind='warning'>{m.issuersLoadFailed + (teams.error ?? options.error)}</Notice> : null}
        {issuerKey ? <Text className='field__hint'>{m.ownHint}</Text> : null}
      </View>

      {issuerKey && view ? (
        <View className='section card'>
          <Text className='section__title'>{m.effectiveTitle}</Text>
          <Text className='text'>{effectivePhone}</Text>
          {view.seal ? null : view.effective.sealed ? (
            <Text className='text'>{m.effectiveStreetSeal}</Text>
          ) : (
            <Notice kind='warning'>{m.noSealAnywhere}</Notice>
          )}
        </View>
      ) : null}

      <View className='section card'>
        <Text className='section__title'>{m.phoneTitle}</Text>
        <Field
          label={m.phoneLabel}
          placeholder={issuerKey ? m.phoneFallbackPlaceholder : m.phonePlaceholder}
          value={phone}
          maxlength={20}
          error={phoneError}
          onChange={setPhone}
        />
        <Button className='btn-block' type='primary' size='large' block disabled={save.busy} onClick={() => void savePhone()}>
          {save.busy ? m.saving : m.savePhone}
        </Button>
        {at === 'phone' ? outcome : null}
      </View>

      <View className='section card'>
        <Text className='section__title'>{m.sealTitle}</Text>
        <Text className='field__hint'>{m.sealHint}</Text>
        {view?.seal ? (
          <>
            <Text className='text'>{m.current}</Text>
            <Image className='seal-preview' mode='aspectFit' src={absoluteUrl(view.seal.url)} />
          </>
        ) : view && !issuerKey ? (
          <Notice kind='warning'>{m.noSeal}</Notice>
        ) : null}
        {pickError ? <Notice kind='error'>{pickError}</Notice> : null}
        <Button className='btn-block' size='large' block disabled={save.busy || !view} onClick={() => void chooseSeal()}>
          {save.busy ? m.saving : m.choose}
        </Button>
        {issuerKey && view?.seal ? (
          <Button className='btn-block' size='large' block disabled={save.busy} onClick={() => void removeOwnSeal()}>
            {m.removeOwnSeal}
          </Button>
        ) : null}
        {at === 'seal' ? outcome : null}
      </View>

      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.admin)}>
        {m.back}
      </Button>
    </Screen>
  );
}
