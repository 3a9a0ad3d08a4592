/**
 * Choose a registered person (admin): the people list (admin.listUsers, phones masked) loaded page
 * by page and filtered by the name typed; shown as big choices.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { UserListItem } from '@core/api';
import { Choices } from '@/components/Choices';
import { Field } from '@/components/Field';
import { Notice } from '@/components/Notice';
import { usePaged } from '@/hooks/usePaged';
import { Button } from '@/ui/nutui';
import { dateWithYear } from '@/services/dates';
import { messages } from './messages';

const m = messages.person;
const SHOWN = 8;

interface Props {
  value: UserListItem | null;
  onChange: (person: UserListItem) => void;
  error?: string | null;
  label?: string;
}

export function PersonPicker({ value, onChange, error, label }: Props) {
  const people = usePaged('admin', 'listUsers', { limit: 100 });
  const [query, setQuery] = useState('');
  const q = query.trim();
  const matches = people.items.filter((p) => !q || p.name.includes(q));
  const shown = matches.slice(0, SHOWN);
  if (value && !shown.some((p) => p.id === value.id)) shown.unshift(value);

  return (
    <View className='person-picker'>
      <Field label={m.search.label} placeholder={m.search.placeholder} value={query} maxlength={20} onChange={setQuery} />
      {people.error ? <Notice kind='error'>{m.failed + people.error}</Notice> : null}
      {people.loading && !people.loaded ? <Text className='loading'>{m.loading}</Text> : null}
      {people.loaded && matches.length === 0 ? <Text className='muted field'>{m.none}</Text> : null}
      {shown.length ? (
        <Choices
          label={label ?? m.choose}
          options={shown.map((p) => ({ value: p.id, label: m.person(p.name, p.committeeName, p.phoneMasked, dateWithYear(p.createdAt)) }))}
          value={value?.id ?? null}
          error={error}
          onChange={(id) => {
            const p = people.items.find((x) => x.id === id);
            if (p) onChange(p);
          }}
        />
      ) : null}
      {people.loaded ? <Text className='muted field'>{m.shown(Math.min(matches.length, SHOWN), people.items.length)}</Text> : null}
      {people.next ? (
        <Button className='btn-block' size='large' block disabled={people.loading} onClick={() => void people.more()}>
          {m.more}
        </Button>
      ) : null}
    </View>
  );
}
