/**
 * A person named by phone number and their relation to a senior (a family member asking to act for
 * the senior, or staff adding one), each with its error; the page gives the words.
 */
import { Field } from '@/components/Field';

interface Props {
  text: { phone: string; phonePlaceholder: string; relation: string; relationPlaceholder: string };
  phone: string;
  onPhone: (value: string) => void;
  relation: string;
  onRelation: (value: string) => void;
  errors: { phone?: string | null; relation?: string | null };
}

export function PhoneAndRelation({ text, phone, onPhone, relation, onRelation, errors }: Props) {
  return (
    <>
      <Field label={text.phone} type='number' placeholder={text.phonePlaceholder} value={phone} maxlength={11} error={errors.phone} onChange={onPhone} />
      <Field label={text.relation} placeholder={text.relationPlaceholder} value={relation} maxlength={10} error={errors.relation} onChange={onRelation} />
    </>
  );
}
