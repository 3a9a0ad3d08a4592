/**
 * The hours and the reason of a ledger entry that staff make by hand (an adjustment, a grant from
 * the community pool), each with its error; the page gives the words.
 */
import { Field, HOURS_INPUT } from '@/components/Field';
import { TextArea } from '@/components/TextArea';

interface Props {
  text: { amount: { label: string; placeholder: string }; reason: { label: string; placeholder: string } };
  amount: string;
  onAmount: (value: string) => void;
  reason: string;
  onReason: (value: string) => void;
  errors: { amount?: string | null; reason?: string | null };
}

export function HoursAndReason({ text, amount, onAmount, reason, onReason, errors }: Props) {
  return (
    <>
      <Field
        label={text.amount.label}
        type={HOURS_INPUT}
        placeholder={text.amount.placeholder}
        value={amount}
        maxlength={7}
        error={errors.amount}
        onChange={onAmount}
      />
      <TextArea label={text.reason.label} placeholder={text.reason.placeholder} value={reason} maxlength={200} error={errors.reason} onChange={onReason} />
    </>
  );
}
