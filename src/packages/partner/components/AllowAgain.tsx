/**
 * Undoing a 不再推荐 (`partners.allowAgain`): a button, then a second step in place (never a pop-up)
 * that says what will happen, with an optional reason. Staff of the senior's 居委 only (the server
 * checks); the undo is audited and written in the senior's history.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ConfirmStep } from '@/components/ConfirmStep';
import { FailureNotice } from '@/components/FailureNotice';
import { TextArea } from '@/components/TextArea';
import { useMutation } from '@/hooks/useMutation';
import { Button } from '@/ui/nutui';
import { partnerMessages as pm } from './messages';

interface Props {
  seniorId: string;
  seniorName: string;
  volunteerId: string;
  volunteerName: string;
  /** After the undo: the parent reloads what it shows and may say it is done. */
  onDone: (text: string) => void;
}

export function AllowAgain({ seniorId, seniorName, volunteerId, volunteerName, onDone }: Props) {
  const m = pm.again;
  const allow = useMutation('partners', 'allowAgain');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');

  const submit = async () => {
    const res = await allow.run({ seniorId, volunteerId, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (!res) return;
    setOpen(false);
    setReason('');
    onDone(m.done(seniorName, volunteerName));
  };

  if (!open) {
    return (
      <View className='pt-again'>
        <Button className='btn-block' size='large' block onClick={() => setOpen(true)}>
          {m.allow}
        </Button>
      </View>
    );
  }
  return (
    <View className='pt-again'>
      <TextArea label={m.reason} placeholder={m.reasonPlaceholder} value={reason} maxlength={200} error={allow.fieldErrors.reason} onChange={setReason} />
      <ConfirmStep
        confirmLabel={m.confirm}
        busyLabel={m.working}
        busy={allow.busy}
        backLabel={m.back}
        onConfirm={() => void submit()}
        onBack={() => setOpen(false)}
      >
        <Text className='text'>{m.allowText(seniorName, volunteerName)}</Text>
        <FailureNotice of={allow} failed={m.failed} />
      </ConfirmStep>
    </View>
  );
}
