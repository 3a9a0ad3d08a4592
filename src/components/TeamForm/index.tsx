/**
 * A team's name, introduction and how people join: 新建队伍 (admin, on 街道管理) and 修改队伍介绍 (its
 * leaders and the admin, on the team's page; only the admin renames). Saves through teams.create or
 * teams.update and hands the saved team back; the server's field messages show under their fields.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { JoinPolicy, TeamCard } from '@core/api';
import { Choices } from '@/components/Choices';
import { FailureNotice } from '@/components/FailureNotice';
import { Field } from '@/components/Field';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { Button } from '@/ui/nutui';
import { messages as m } from './messages';

interface Props {
  /** The team to edit; absent: a new one. */
  team?: TeamCard;
  /** The admin may name (and rename) a team; a leader edits the introduction and the join policy. */
  canRename: boolean;
  onSaved: (team: TeamCard) => void;
  onCancel: () => void;
}

export function TeamForm({ team, canRename, onSaved, onCancel }: Props) {
  const create = useMutation('teams', 'create');
  const update = useMutation('teams', 'update');
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [joinPolicy, setJoinPolicy] = useState<JoinPolicy>(team?.joinPolicy ?? 'open');
  const saving = team ? update : create;

  const save = async () => {
    const res = team
      ? await update.run({
          teamId: team.id,
          ...(canRename && name.trim() !== team.name ? { name: name.trim() } : {}),
          description: description.trim(),
          joinPolicy,
        })
      : await create.run({ name: name.trim(), description: description.trim(), joinPolicy });
    if (res) onSaved(res);
  };

  return (
    <View className='section card team-form'>
      <Text className='section__title'>{team ? m.editTitle : m.newTitle}</Text>
      {canRename ? (
        <Field label={m.name} placeholder={m.namePlaceholder} value={name} maxlength={30} error={saving.fieldErrors.name} onChange={setName} />
      ) : null}
      <TextArea
        label={m.description}
        placeholder={m.descriptionPlaceholder}
        value={description}
        maxlength={300}
        error={saving.fieldErrors.description}
        onChange={setDescription}
      />
      <Choices
        label={m.joinPolicy}
        options={[
          { value: 'open', label: m.policies.open },
          { value: 'approval', label: m.policies.approval },
        ]}
        value={joinPolicy}
        onChange={(v) => setJoinPolicy(v as JoinPolicy)}
      />
      <FailureNotice of={saving} failed={m.failed} />
      <Button className='btn-block' type='primary' size='large' block disabled={saving.busy} onClick={() => void save()}>
        {saving.busy ? m.saving : team ? m.save : m.create}
      </Button>
      <Button className='btn-block' size='large' block disabled={saving.busy} onClick={onCancel}>
        {m.cancel}
      </Button>
    </View>
  );
}
