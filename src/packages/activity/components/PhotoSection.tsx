/**
 * Photos of an activity (poster, photos, a volunteer's evidence) or a team (logo): thumbnails that
 * open full size in Taro.previewImage, adding one (picked, compressed on WeChat, uploaded, then
 * checked by activities.addPhoto) and deleting one with a second step. Says 照片已加上 only after
 * the server kept the photo. Who is in a photo is asked first: seniors need their recorded consent,
 * which only a social worker can arrange, so this page does not upload those.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { PhotoView } from '@core/api';
import type { PhotoRole } from '@core/domain/photos';
import { Choices } from '@/components/Choices';
import { ConfirmStep } from '@/components/ConfirmStep';
import { FailureNotice } from '@/components/FailureNotice';
import { Notice } from '@/components/Notice';
import { Tag } from '@/components/Tag';
import { useMutation } from '@/hooks/useMutation';
import { useQuery } from '@/hooks/useQuery';
import { absoluteUrl } from '@/services/download';
import { errorMessage, uploadPhoto, type PickedFile } from '@/services/api';
import { Button } from '@/ui/nutui';
import { photoMessages as m } from './photo-messages';
import './photos.scss';

const isH5 = process.env.TARO_ENV === 'h5';

/** One photo from the album or camera; WeChat compresses it to a JPEG first. Null when cancelled (WeChat). */
async function pickPhoto(): Promise<PickedFile | null> {
  try {
    if (isH5) {
      // The page's own file input, not Taro's chooseImage: that one silently drops a file the browser
      // cannot decode, where the server's check should say why it is refused.
      const file = await new Promise<File | null>((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = 'image/jpeg,image/png';
        input.onchange = () => resolve(input.files?.[0] ?? null);
        input.click();
      });
      return file ? { path: file.name, file } : null;
    }
    const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    const path = picked.tempFiles[0]?.tempFilePath;
    if (!path) return null;
    const small = await Taro.compressImage({ src: path, quality: 80 });
    return { path: small.tempFilePath };
  } catch (e) {
    const text = e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e);
    if (/cancel/i.test(text)) return null;
    throw e;
  }
}

type Who = 'nobody' | 'minors' | 'seniors';

interface Props {
  target: 'activity' | 'team';
  targetId: string;
  /** The team's leader or an admin: posters, photos, the logo. */
  manage: boolean;
  /** A volunteer who checked in: may add evidence. */
  evidence: boolean;
  /** A social worker or admin: may name the seniors in a photo (those with recorded consent). */
  tagSeniors?: boolean;
  /** The poster's link, for the share card. */
  onPoster?: (url: string | null) => void;
}

export function PhotoSection({ target, targetId, manage, evidence, tagSeniors = false, onPoster }: Props) {
  const list = useQuery('activities', 'photos', { target, targetId }, !!targetId);
  const add = useMutation('activities', 'addPhoto');
  const remove = useMutation('activities', 'removePhoto');
  const [who, setWho] = useState<Who>('nobody');
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [tagged, setTagged] = useState<string[]>([]);
  const seniors = useQuery('seniors', 'list', { limit: 100 }, tagSeniors && who === 'seniors');
  const consenting = (seniors.data?.items ?? []).filter((s) => s.photoConsent);
  // The poster first, then the newest photos.
  const items = [...(list.data?.items ?? [])].sort((x, y) => Number(y.role === 'poster') - Number(x.role === 'poster'));
  const poster = items.find((p) => p.role === 'poster') ?? null;

  const posterUrl = poster ? absoluteUrl(poster.url) : null;
  useEffect(() => {
    onPoster?.(posterUrl);
  }, [onPoster, posterUrl]);

  const addOne = async (role: PhotoRole, seniorIds: string[] = []) => {
    setAdded(false);
    setFailure(null);
    let picked: PickedFile | null;
    try {
      picked = await pickPhoto();
    } catch (e) {
      return setFailure(errorMessage(e));
    }
    if (!picked) return;
    setBusy(true);
    try {
      const fileId = await uploadPhoto(picked);
      const res = await add.run({ target, targetId, role, fileId, minors: who === 'minors', ...(seniorIds.length ? { seniorIds } : {}) });
      if (res) {
        setAdded(true);
        await list.reload();
      }
    } catch (e) {
      setFailure(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const preview = (p: PhotoView) => {
    const urls = items.map((x) => absoluteUrl(x.url));
    void Taro.previewImage({ urls, current: absoluteUrl(p.url) });
  };

  const canAdd = manage || evidence || tagSeniors;
  if (!canAdd && items.length === 0) return null;
  return (
    <View className='section photos'>
      <Text className='section__title'>{target === 'team' ? m.teamTitle : m.title}</Text>
      {list.error ? <Notice kind='error'>{list.error}</Notice> : null}
      {items.length === 0 ? <Text className='muted'>{m.none}</Text> : <Text className='muted'>{m.openHint}</Text>}
      <View className='photos__grid'>
        {items.map((p) => (
          <View key={p.id} className={`photo${p.role === 'poster' ? ' photo--poster' : ''}`}>
            <Image
              className='photo__image'
              mode='aspectFill'
              src={absoluteUrl(p.thumbUrl)}
              ariaLabel={p.role === 'poster' ? m.poster : m.title}
              onClick={() => preview(p)}
            />
            <View className='photo__tags'>
              {p.role === 'poster' ? <Tag kind='info'>{m.poster}</Tag> : null}
              {p.role === 'evidence' ? <Tag kind='info'>{m.evidence}</Tag> : null}
              {p.audience === 'staff' ? <Tag kind='warning'>{m.staffOnly}</Tag> : null}
            </View>
            <Text className='line__sub'>{m.by(p.uploadedByName)}</Text>
            {p.canDelete && removing !== p.id ? (
              <Button size='large' block onClick={() => setRemoving(p.id)}>
                {m.remove}
              </Button>
            ) : null}
            {removing === p.id ? (
              <ConfirmStep
                confirmLabel={m.removeConfirm}
                danger
                busy={remove.busy}
                onConfirm={async () => {
                  const res = await remove.run({ photoId: p.id });
                  setRemoving(null);
                  if (res) await list.reload();
                }}
                onBack={() => setRemoving(null)}
              >
                <Text className='text'>{m.removeWhat}</Text>
              </ConfirmStep>
            ) : null}
          </View>
        ))}
      </View>
      <FailureNotice of={remove} failed={m.removeFailed} />

      {canAdd ? (
        <View className='photos__add'>
          <Text className='field__hint'>{m.rules}</Text>
          {target === 'activity' ? (
            <Choices
              label={m.whoTitle}
              options={(['nobody', 'minors', 'seniors'] as const).map((value) => ({ value, label: m.who[value] }))}
              value={who}
              onChange={(v) => setWho(v as Who)}
            />
          ) : null}
          {who === 'seniors' && !tagSeniors ? <Notice kind='warning'>{m.seniorsNote}</Notice> : null}
          {who === 'seniors' && tagSeniors ? (
            <View className='field'>
              <Text className='field__label'>{m.whichSeniors}</Text>
              <Text className='field__hint'>{m.onlyConsenting}</Text>
              {seniors.data && consenting.length === 0 ? <Notice kind='info'>{m.noneConsenting}</Notice> : null}
              {consenting.map((s) => {
                const on = tagged.includes(s.id);
                return (
                  <View
                    key={s.id}
                    className={`choice senior-tag${on ? ' choice--on' : ''}`}
                    ariaRole='checkbox'
                    ariaLabel={s.name}
                    onClick={() => setTagged(on ? tagged.filter((x) => x !== s.id) : [...tagged, s.id])}
                  >
                    <Text className='choice__mark'>{on ? '✓' : ''}</Text>
                    <Text>{s.name}</Text>
                  </View>
                );
              })}
              <Button
                className='btn-block'
                type='primary'
                size='large'
                block
                disabled={busy || tagged.length === 0}
                onClick={() => void addOne('photo', tagged)}
              >
                {busy ? m.uploading : m.addPhoto}
              </Button>
            </View>
          ) : null}
          {who === 'seniors' ? null : (
            <View>
              {manage && target === 'activity' ? (
                <>
                  <Button className='btn-block' type='primary' size='large' block disabled={busy} onClick={() => void addOne('photo')}>
                    {busy ? m.uploading : m.addPhoto}
                  </Button>
                  <Button className='btn-block' size='large' block disabled={busy} onClick={() => void addOne('poster')}>
                    {m.addPoster}
                  </Button>
                </>
              ) : null}
              {manage && target === 'team' ? (
                <Button className='btn-block' size='large' block disabled={busy} onClick={() => void addOne('logo')}>
                  {busy ? m.uploading : m.addLogo}
                </Button>
              ) : null}
              {!manage && evidence ? (
                <>
                  <Text className='field__hint'>{m.evidenceHint}</Text>
                  <Button className='btn-block' size='large' block disabled={busy} onClick={() => void addOne('evidence')}>
                    {busy ? m.uploading : m.addEvidence}
                  </Button>
                </>
              ) : null}
            </View>
          )}
          {busy ? <Text className='loading'>{m.uploading}</Text> : null}
          {added && !busy ? <Notice kind='success'>{m.added}</Notice> : null}
          {failure ? <Notice kind='error'>{m.addFailed + failure}</Notice> : <FailureNotice of={add} failed={m.addFailed} />}
        </View>
      ) : null}
    </View>
  );
}
