/**
 * Checking in and out of an activity: by scanning the leader's QR (weapp) or typing its 6 digits,
 * with the phone's position when the activity has a geofence. Owns the typed code and the
 * problems found before anything is sent; the server's refusals are the mutations' errors.
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ActivityDetail } from '@core/api';
import { useMutation } from '@/hooks/useMutation';
import { hours } from '@/services/format';
import { messages as m } from './messages';
import type { Outcome } from './outcome';

/** The check-in token inside a scanned QR code (the code is the token itself). */
const tokenOf = (scanned: string): string => scanned.trim();

export function useAttendance(a: ActivityDetail | null, onStart: () => void, onDone: (outcome: Outcome) => Promise<void>) {
  const checkIn = useMutation('activities', 'checkIn');
  const checkOut = useMutation('activities', 'checkOut');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);

  const location = async (): Promise<{ latitude: number; longitude: number; accuracy?: number } | null | 'failed'> => {
    if (!a?.geofenceRadiusM) return null;
    try {
      const loc = await Taro.getLocation({ type: 'gcj02' });
      return { latitude: loc.latitude, longitude: loc.longitude, ...(loc.accuracy ? { accuracy: Math.min(10_000, loc.accuracy) } : {}) };
    } catch {
      return 'failed';
    }
  };

  const attend = async (token: string, out: boolean) => {
    if (!a) return;
    onStart();
    setLocalError(null);
    if (out) {
      const res = await checkOut.run({ activityId: a.id, token });
      if (!res) return;
      setCode('');
      await onDone({ kind: 'success', text: m.checkedOut(hours(res.servedMinutes ?? 0)) });
    } else {
      const loc = await location();
      if (loc === 'failed') {
        setLocalError(m.locationFailed);
        return;
      }
      const res = await checkIn.run({ activityId: a.id, token, ...(loc ? { location: loc } : {}) });
      if (!res) return;
      setCode('');
      await onDone({ kind: 'success', text: res.already ? m.already : m.checkedIn });
    }
  };

  const scan = async (out: boolean) => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await attend(tokenOf(res.result), out);
    } catch {
      setLocalError(m.scanCancelled);
    }
  };

  const typed = (out: boolean) => {
    if (!/^\d{6}$/.test(code.trim())) {
      setCodeError(m.codeInvalid);
      return;
    }
    setCodeError(null);
    void attend(code.trim(), out);
  };

  return {
    code,
    setCode,
    codeError,
    localError,
    busy: checkIn.busy || checkOut.busy,
    error: checkIn.error ?? checkOut.error,
    scan,
    typed,
  };
}
