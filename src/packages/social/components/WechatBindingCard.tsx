/**
 * 老人自己的微信 on 老人档案: whether the senior's own WeChat was bound with a code, the code in force
 * (large, with its expiry), and a button to issue one (`seniors.issueBindCode`; the digits come from
 * `seniors.wechatBinding`, read after the server issued them, so nothing is shown that does not work).
 */
import { Text, View } from '@tarojs/components';
import { Notice } from '@/components/Notice';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { commonMessages } from '@/messages/common';
import { dateTime } from '@/services/format';
import { Button } from '@/ui/nutui';
import { socialMessages } from './messages';

const m = socialMessages.wechat;

export function WechatBindingCard({ seniorId }: { seniorId: string }) {
  const binding = useQuery('seniors', 'wechatBinding', { seniorId });
  const issue = useMutation('seniors', 'issueBindCode');
  const b = binding.data;

  const submit = async () => {
    if (await issue.run({ seniorId })) await binding.reload();
  };

  return (
    <View className='card wechat-binding'>
      <Text className='section__title'>{m.title}</Text>
      {binding.error ? <Notice kind='error'>{m.loadFailed + binding.error}</Notice> : null}
      {!b && !binding.error ? <Text className='loading'>{commonMessages.loading}</Text> : null}
      {b ? <Text className='text'>{b.boundAt ? m.bound(dateTime(b.boundAt)) : m.notBound}</Text> : null}
      {b?.code ? (
        <View className='wechat-binding__code'>
          <Text className='muted'>{m.codeLabel}</Text>
          <Text className='wechat-binding__digits'>{b.code.digits}</Text>
          <Text className='text'>{m.until(dateTime(b.code.expiresAt))}</Text>
          <Text className='muted'>{m.tell}</Text>
        </View>
      ) : null}
      {issue.error ? <Notice kind='error'>{m.failed + issue.error}</Notice> : null}
      {b ? (
        <Button className='btn-block' size='large' block disabled={issue.busy} onClick={() => void submit()}>
          {issue.busy ? m.issuing : b.code ? m.reissue : m.issue}
        </Button>
      ) : null}
    </View>
  );
}
