/**
 * 电子志愿者证: the volunteer's card (name, masked identity number, volunteer number, star, hours,
 * teams) and a QR that a leader scans to look them up or check them in. The QR rotates every
 * 60 seconds (domain/card-token.ts); the page fetches the next one when it rotates and keeps the
 * screen on while it shows.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { CardTokenView } from '@core/api';
import { Notice } from '@/components/Notice';
import { Screen } from '@/components/Screen';
import { useQuery } from '@/hooks/useQuery';
import { useSession } from '@/hooks/useSession';
import { commonMessages } from '@/messages/common';
import { call } from '@/services/api';
import { ROUTES, back } from '@/services/routes';
import { Button } from '@/ui/nutui';
// The generator stays out of the main package: the leader subpackage's QR component, bundled into this subpackage too.
import { QrCode } from '../../leader/components/QrCode';
import { messages } from '../messages';
import './index.scss';

const m = messages.home;

function Line({ k, v }: { k: string; v: string }) {
  return (
    <View className='vcard__line'>
      <Text className='vcard__k'>{k}</Text>
      <Text className='vcard__v'>{v}</Text>
    </View>
  );
}

export default function VolunteerCard() {
  const { me } = useSession('registered');
  const [visible, setVisible] = useState(true);
  const card = useQuery('account', 'card', {}, !!me?.registered);
  const [qr, setQr] = useState<CardTokenView | null>(null);
  const [qrError, setQrError] = useState<string | null>(null);
  const [left, setLeft] = useState(60);

  useDidShow(() => {
    setVisible(true);
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
  });
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (card.data) setQr(card.data.qr);
  }, [card.data]);

  const refresh = async () => {
    try {
      setQr(await call('account', 'cardToken', {}));
      setQrError(null);
    } catch (e) {
      setQrError(e instanceof Error ? e.message : String(e));
    }
  };

  // Fetch the next QR when this one rotates. The server's clock decides; the phone's may differ,
  // so the wait is bounded to one window (and at least 5 s, never a tight loop).
  useEffect(() => {
    if (!qr || !visible) return undefined;
    const windowMs = qr.windowSeconds * 1000;
    const due = Date.now() + Math.min(windowMs, Math.max(5000, Date.parse(qr.rotatesAt) - Date.now()));
    setLeft(Math.ceil((due - Date.now()) / 1000));
    const timer = setInterval(() => {
      const remaining = Math.ceil((due - Date.now()) / 1000);
      if (remaining <= 0) {
        clearInterval(timer);
        void refresh();
      } else {
        setLeft(remaining);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [qr, visible]);

  const c = card.data;
  return (
    <Screen>
      <Text className='greeting'>{m.heading}</Text>
      {card.error ? <Notice kind='error'>{m.loadFailed + card.error}</Notice> : null}
      {!c && !card.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {c ? (
        <View className='vcard card'>
          <View className='vcard__head'>
            {c.photoUrl ? (
              <Image className='vcard__photo' src={c.photoUrl} mode='aspectFill' ariaLabel={m.photo(c.name)} />
            ) : (
              <View className='vcard__photo vcard__photo--none' ariaLabel={m.noPhoto}>
                <Text className='vcard__initial'>{c.name.slice(0, 1)}</Text>
              </View>
            )}
            <View className='vcard__who'>
              <Text className='vcard__name'>{c.name}</Text>
              <Text className='vcard__star'>{c.star.label}</Text>
            </View>
          </View>
          <Line k={m.volunteerNo} v={c.volunteerNo} />
          <Line k={m.identity} v={c.identity ? `${c.identity.typeText} ${c.identity.numberMasked}` : m.noIdentity} />
          <Line k={m.hours} v={c.served.hoursText} />
          <Line k={m.teams} v={c.teams.length ? c.teams.map((t) => t.name).join('、') : m.noTeams} />
          {c.committeeName ? <Line k={m.committee} v={c.committeeName} /> : null}
        </View>
      ) : null}
      {c && qr ? (
        <View className='qr card vcard__qr'>
          <Text className='section__title'>{m.qrTitle}</Text>
          <QrCode className='qr__image' text={qr.token} label={m.qrLabel} />
          <Text className='text'>{m.qrHint}</Text>
          <Text className='muted qr__rotates'>{m.rotates(left)}</Text>
        </View>
      ) : null}
      {qrError ? <Notice kind='error'>{m.loadFailed + qrError}</Notice> : null}
      {c ? (
        <Button className='btn-block' type='primary' size='large' block onClick={() => void refresh()}>
          {m.refresh}
        </Button>
      ) : null}
      <Button className='btn-block' size='large' block onClick={() => back(ROUTES.me)}>
        {m.back}
      </Button>
    </Screen>
  );
}
