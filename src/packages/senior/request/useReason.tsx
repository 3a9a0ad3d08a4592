import { useState } from 'react';
import { TextArea } from '@/components/TextArea';
import { messages as m } from './messages';

/** The reason a step asks for: its field, and a check that it has at least two characters. */
export function useReason() {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const check = (): boolean => {
    const ok = reason.trim().length >= 2;
    setError(ok ? null : m.reasonShort);
    return ok;
  };
  const field = (label: string, placeholder: string, hint?: string, optional?: boolean) => (
    <TextArea
      label={label}
      // A required reason says so before the tap that would refuse it.
      hint={optional ? hint : [hint, m.reasonRequired].filter(Boolean).join('；')}
      placeholder={placeholder}
      value={reason}
      maxlength={optional ? 100 : 200}
      error={error}
      onChange={(v) => {
        setReason(v);
        if (error) setError(null);
      }}
    />
  );
  return { text: reason.trim(), check, field };
}
