/** One to five emergency contacts, each a name, a relation and a phone number. */
import { Text, View } from '@tarojs/components';
import { Field } from '@/components/Field';
import { Button } from '@/ui/nutui';
import { EMPTY_CONTACT, MAX_CONTACTS, type Contact } from './form';
import { messages as m } from './messages';

interface Props {
  contacts: Contact[];
  err: (key: string) => string | undefined;
  onChange: (contacts: Contact[]) => void;
  onField: (i: number, key: keyof Contact, value: string) => void;
}

export function ContactsSection({ contacts, err, onChange, onField }: Props) {
  return (
    <View className='section'>
      <Text className='section__title'>{m.contacts.title}</Text>
      <Text className='field__hint'>{m.contacts.hint}</Text>
      {contacts.map((c, i) => (
        <View key={i} className='contact-group'>
          <Text className='field__label'>{m.contacts.which(i + 1)}</Text>
          <Field
            label={m.contacts.name}
            placeholder={m.contacts.namePlaceholder}
            value={c.name}
            maxlength={20}
            error={err(`emergencyContacts.${i}.name`)}
            onChange={(v) => onField(i, 'name', v)}
          />
          <Field
            label={m.contacts.relation}
            placeholder={m.contacts.relationPlaceholder}
            value={c.relation}
            maxlength={10}
            error={err(`emergencyContacts.${i}.relation`)}
            onChange={(v) => onField(i, 'relation', v)}
          />
          <Field
            label={m.contacts.phone}
            placeholder={m.contacts.phonePlaceholder}
            value={c.phone}
            maxlength={14}
            error={err(`emergencyContacts.${i}.phone`)}
            onChange={(v) => onField(i, 'phone', v)}
          />
          {contacts.length > 1 ? (
            <Button className='btn-block' size='large' block onClick={() => onChange(contacts.filter((_, j) => j !== i))}>
              {m.contacts.remove}
            </Button>
          ) : null}
        </View>
      ))}
      {contacts.length < MAX_CONTACTS ? (
        <Button className='btn-block' size='large' block onClick={() => onChange([...contacts, { ...EMPTY_CONTACT }])}>
          {m.contacts.add}
        </Button>
      ) : null}
    </View>
  );
}
