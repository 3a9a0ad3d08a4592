/**
 * 证明出具设置 (admin): the street's contact number printed on every proof's issuer block, and the
 * electronic seal (a transparent PNG) drawn on the PDF. The seal is read on the device as base64
 * (weapp: the file system manager; H5: the picked File through FileReader) and sent with certificates.setIssuer,
 * which checks its bytes; the preview is the short-lived link the server answers.
 */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { IssuerSettingsView } from '@core/api';
import { Field } from '@/components/Field';
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
  const settings = useQuery('certificates', 'issuerSettings', {}, isAdmin);
  const save = useMutation('certificates', 'setIssuer');
  const [view, setView] = useState<IssuerSettingsView | null>(null);
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    if (!settings.data) return;
    setView(settings.data);
    setPhone(settings.data.phone ?? '');
  }, [settings.data]);

  if (!isAdmin) {
    return (
      <Screen>
        <Notice kind='warning'>{m.notAdmin}</Notice>
      </Screen>
    );
  }

  const savePhone = async () => {
    setNote(null);
    const p = phone.trim();
    if (p && !PHONE.test(p)) return setPhoneError(m.phoneInvalid);
    setPhoneError(null);
    const res = await save.run({ phone: p || null });
    if (res) {
      setView(res);
      setNote(m.saved);
    }
  };

  const chooseSeal = async () => {
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
    const res = await save.run({ sealPngBase64: base64 });
    if (res) {
      setView(res);
      setNote(m.saved);
    }
  };

  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      <Text className='field__hint'>{m.intro}</Text>
      {settings.error ? <Notice kind='error'>{m.loadFailed + settings.error}</Notice> : null}
      {note ? <Notice kind='info'>{note}</Notice> : null}
      {save.error ? <Notice kind='error'>{m.failed + save.error}</Notice> : null}

      <View className='section card'>
        <Text className='section__title'>{m.phoneTitle}</Text>
        <Field label={m.phoneLabel} placeholder={m.phonePlaceholder} value={phone} maxlength={20} error={phoneError} onChange={setPhone} />
        <Button className='btn-block' type='primary' size='large' block disabled={save.busy} onClick={() => void savePhone()}>
          {save.busy ? m.saving : m.savePhone}
        </Button>
      </View>

      <View className='section card'>
        <Text className='section__title'>{m.sealTitle}</Text>
        <Text className='field__hint'>{m.sealHint}</Text>
        {view?.seal ? (
          <>
            <Text className='text'>{m.current}</Text>
            <Image className='seal-preview' mode='aspectFit' src={absoluteUrl(view.seal.url)} />
          </>
        ) : view ? (
          <Notice kind='warning'>{m.noSeal}</Notice>
        ) : null}
        {pickError ? <Notice kind='error'>{pickError}</Notice> : null}
        <Button className='btn-block' size='large' block disabled={save.busy} onClick={() => void chooseSeal()}>
          {save.busy ? m.saving : m.choose}
        </Button>
      </View>

      <Button className='btn-block' size='large' block onClick={() => go(ROUTES.admin)}>
        {m.back}
      </Button>
    </Screen>
  );
}
