/**
 * Photos in the H5 build against the real seeded server: the patrol's leader adds a PNG to an
 * activity (picked through the page's file chooser, uploaded to /api/upload, checked by
 * activities.addPhoto) and sees it; a renamed program is refused with a clear message and nothing
 * is added; a camera JPEG's GPS position is gone from what is stored; choosing 有老人 offers no
 * upload for a leader; the social worker can name only seniors whose consent she recorded, their
 * photo is staff-only, and withdrawing consent deletes it (test/api/photos.test.ts covers the server's
 * refusal itself); a volunteer sees the public photos, not the delete button, and the poster on the
 * activity's card in the list (normal and elder mode); the senior answers for herself on 活动照片 and
 * her daughter, her proxy, records a withdrawal, both on the senior's 办理记录. Screenshots ph-*.png.
 */
import exifr from 'exifr';
import type { ActivitiesResults } from '../../cloudfunctions/core/api';
import { cameraJpeg, fakeExecutable, pngImage } from '../support/images';
import { api, button, setElder, signIn } from './helpers';
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('a leader adds photos; a renamed program is refused; GPS is gone; a volunteer only looks', async () => {
  const list = await api<ActivitiesResults['list']>(h.server.url, 'demo-v01', 'activities', 'list', { teamId: 't_patrol', limit: 3 });
  const activity = list.items[0]!;
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '王建国');
    await page.goto(`${h.server.url}/#/packages/activity/detail/index?id=${encodeURIComponent(activity.id)}`);
    await shown(page, '.section__title', '活动照片').waitFor();
    await shown(page, '.photos .muted', '还没有照片').waitFor();

    const pick = async (name: string, mimeType: string, buffer: Buffer, label = '添加照片') => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, label).click()]);
      await chooser.setFiles({ name, mimeType, buffer });
    };

    // A PNG: uploaded, checked, shown as a thumbnail; 照片已加上 only once the server kept it.
    await pick('walk.png', 'image/png', pngImage(120, 80));
    await shown(page, '.notice', '照片已加上').waitFor();
    await page.locator('.photo img').filter({ visible: true }).first().waitFor();
    expect(await page.locator('.photo').filter({ visible: true }).count()).toBe(1);
    await screenshot(page, 'ph-leader-added');

    // A program renamed photo.jpg: refused, nothing added.
    await pick('photo.jpg', 'image/jpeg', fakeExecutable());
    await shown(page, '.notice', /照片没有加上|不是照片/).waitFor();
    expect(await page.locator('.photo').filter({ visible: true }).count()).toBe(1);
    await screenshot(page, 'ph-renamed-program-refused');

    // A camera JPEG with a GPS position, as the poster: what is stored has none.
    await pick('camera.jpg', 'image/jpeg', cameraJpeg({ w: 160, h: 120 }), '上传海报');
    await shown(page, '.tag', '海报').waitFor();
    const photos = await api<ActivitiesResults['photos']>(h.server.url, 'demo-v01', 'activities', 'photos', { target: 'activity', targetId: activity.id });
    const poster = photos.items.find((p) => p.role === 'poster')!;
    const stored = Buffer.from(await (await fetch(new URL(poster.url, h.server.url))).arrayBuffer());
    expect(stored.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(await exifr.gps(stored)).toBeUndefined();

    // Someone older in the picture: no upload button, the way to consent said instead.
    await shown(page, '.choice', /^✓?有老人$/).click();
    await shown(page, '.notice', '需要老人本人或家属先登记同意').waitFor();
    expect(await page.locator('taro-button-core', { hasText: '添加照片' }).filter({ visible: true }).count()).toBe(0);
    await screenshot(page, 'ph-seniors-need-consent');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }

  // The 居委 social worker: no senior has agreed yet, so none can be named; she records 沈阿婆's
  // consent, names her in a photo (seen by staff only), and when consent is withdrawn it is deleted.
  const seniorId = (await api<{ profile: { id: string } }>(h.server.url, 'demo-s01', 'account', 'me')).profile.id;
  const social = await newPhone(h);
  try {
    const page = social.page;
    const openActivity = async () => {
      await page.goto(`${h.server.url}/#/packages/activity/detail/index?id=${encodeURIComponent(activity.id)}`);
      await shown(page, '.section__title', '活动照片').waitFor();
      await shown(page, '.choice', /^✓?有老人$/).click();
    };
    await signIn(page, h.server.url, '居委社工小郑');
    await openActivity();
    await shown(page, '.notice', '还没有老人登记同意拍照').waitFor();
    expect(await page.locator('.senior-tag').filter({ visible: true }).count()).toBe(0);
    await screenshot(page, 'ph-social-no-consent');

    const openSenior = async () => {
      await page.goto(`${h.server.url}/#/packages/social/senior/index?id=${encodeURIComponent(seniorId)}`);
      await shown(page, '.photo-consent .section__title', '活动照片').waitFor();
    };
    await openSenior();
    await shown(page, '.photo-consent__state', '还没有问过').waitFor();
    await button(page, '老人同意了，登记同意').click();
    await shown(page, '.notice', '已登记同意').waitFor();
    await shown(page, '.photo-consent__state', '老人同意出现在活动照片里').waitFor();

    await openActivity();
    await shown(page, '.senior-tag', '沈阿婆').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, '添加照片').click()]);
    await chooser.setFiles({ name: 'with-senior.png', mimeType: 'image/png', buffer: pngImage(90, 60) });
    await shown(page, '.notice', '照片已加上').waitFor();
    await shown(page, '.tag', '仅工作人员可见').waitFor();
    await screenshot(page, 'ph-social-senior-photo');
    expect(social.errors).toEqual([]);
  } finally {
    await social.close();
  }

  const volunteer = await newPhone(h);
  try {
    await signIn(volunteer.page, h.server.url, '胡海');
    await volunteer.page.goto(`${h.server.url}/#/packages/activity/detail/index?id=${encodeURIComponent(activity.id)}`);
    await shown(volunteer.page, '.section__title', '活动照片').waitFor();
    await volunteer.page.locator('.photo img').filter({ visible: true }).first().waitFor();
    expect(await volunteer.page.locator('.photo').filter({ visible: true }).count()).toBe(2);
    expect(await volunteer.page.locator('taro-button-core', { hasText: '删除这张' }).filter({ visible: true }).count()).toBe(0);
    expect(await volunteer.page.locator('taro-button-core', { hasText: '添加照片' }).filter({ visible: true }).count()).toBe(0);
    await screenshot(volunteer.page, 'ph-volunteer-sees');

    // The activity list shows the poster on the activity's card and each team's (seeded, square)
    // logo on the others, in elder mode too, with the lines beside the picture clear of it.
    const card = async () => {
      await volunteer.page.goto(`${h.server.url}/#/pages/activities/index`);
      const found = shown(volunteer.page, '.activity', activity.title).first();
      await found.waitFor();
      const img = await found.locator('.activity__thumb img').elementHandle();
      await volunteer.page.waitForFunction((el) => !!el && (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, img);
      // The words' own extent (a range over each line's text, and each tag) stays clear of the picture.
      const overlapping = await found.evaluate((el) => {
        const thumb = el.querySelector('.activity__thumb')!.getBoundingClientRect();
        const lines = Array.from(el.querySelectorAll('.activity__lines > *')).map((t) => {
          const range = document.createRange();
          range.selectNodeContents(t);
          return { text: t.textContent ?? '', box: range.getBoundingClientRect() };
        });
        const tags = Array.from(el.querySelectorAll('.activity__tags .tag')).map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
        return [...lines, ...tags]
          .filter(({ box }) => box.width > 0 && box.right > thumb.left && box.left < thumb.right && box.bottom > thumb.top && box.top < thumb.bottom)
          .map(({ text }) => text);
      });
      expect(overlapping).toEqual([]);
    };
    await card();
    // The poster (a 160 × 120 photo) on this activity; a team's logo, square, on another team's card.
    await volunteer.page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLImageElement>('.activity__thumb img')).some(
        (img) => img.naturalWidth > 0 && img.naturalWidth === img.naturalHeight,
      ),
    );
    const pictures = await volunteer.page.locator('.activity').evaluateAll((cards) =>
      cards.map((c) => {
        const img = c.querySelector<HTMLImageElement>('.activity__thumb img');
        return { title: c.querySelector('.activity__title')?.textContent ?? '', w: img?.naturalWidth ?? 0, h: img?.naturalHeight ?? 0 };
      }),
    );
    expect(pictures.find((c) => c.title === activity.title)).toMatchObject({ w: 160, h: 120 });
    expect(pictures.filter((c) => c.title !== activity.title && c.w > 0 && c.w === c.h).length).toBeGreaterThan(0);
    await screenshot(volunteer.page, 'ph-list-card-poster');
    await setElder(volunteer.page, true);
    await card();
    await screenshot(volunteer.page, 'ph-list-card-poster-elder');
    await setElder(volunteer.page, false);
    expect(volunteer.errors).toEqual([]);
  } finally {
    await volunteer.close();
  }
});

test('withdrawing consent deletes the photos that show the senior', async () => {
  const seniorId = (await api<{ profile: { id: string } }>(h.server.url, 'demo-s01', 'account', 'me')).profile.id;
  const { page, errors, close } = await newPhone(h);
  try {
    await signIn(page, h.server.url, '居委社工小郑');
    await page.goto(`${h.server.url}/#/packages/social/senior/index?id=${encodeURIComponent(seniorId)}`);
    await button(page, '老人不同意了，撤回同意').click();
    await shown(page, '.confirm', '所有有这位老人的活动照片都会删除').waitFor();
    await button(page, '确认撤回').click();
    await shown(page, '.notice', '删除了 1 张有这位老人的照片').waitFor();
    await screenshot(page, 'ph-consent-withdrawn');
    expect(errors).toEqual([]);
  } finally {
    await close();
  }
});

test('a senior answers for herself on 活动照片; her daughter records a withdrawal for her', async () => {
  const seniorId = (await api<{ profile: { id: string } }>(h.server.url, 'demo-s01', 'account', 'me')).profile.id;
  const consentNow = async () =>
    (await api<{ photoConsent: { granted: boolean; via: string } | null }>(h.server.url, 'demo-social', 'seniors', 'detail', { seniorId })).photoConsent;
  const senior = await newPhone(h);
  try {
    const page = senior.page;
    await signIn(page, h.server.url, '沈阿婆');
    await page.goto(`${h.server.url}/#/packages/senior/home/index`);
    await shown(page, '.senior-link--photos').click();
    // The social worker's withdrawal above is what the page starts from, in the senior's own words.
    await shown(page, '.photo-consent__state', '您不同意出现在活动照片里').waitFor();
    await button(page, '我同意出现在活动照片里').click();
    await shown(page, '.notice', '已登记同意').waitFor();
    await shown(page, '.photo-consent__state', '您同意出现在活动照片里（本人登记').waitFor();
    await screenshot(page, 'ph-senior-own-consent');
    expect(await consentNow()).toMatchObject({ granted: true, via: 'senior' });
    expect(senior.errors).toEqual([]);
  } finally {
    await senior.close();
  }

  const daughter = await newPhone(h);
  try {
    const page = daughter.page;
    await signIn(page, h.server.url, '沈小妹');
    await page.goto(`${h.server.url}/#/packages/senior/photos/index?seniorId=${encodeURIComponent(seniorId)}`);
    await shown(page, '.acting', '沈阿婆').waitFor();
    await shown(page, '.photo-consent__state', '老人同意出现在活动照片里（本人登记').waitFor();
    await button(page, '老人不同意了，撤回同意').click();
    await shown(page, '.confirm', '所有有这位老人的活动照片都会删除').waitFor();
    await button(page, '确认撤回').click();
    await shown(page, '.notice', '已撤回同意。没有要删除的照片。').waitFor();
    await shown(page, '.photo-consent__state', '老人不同意出现在活动照片里').waitFor();
    await screenshot(page, 'ph-proxy-withdraws-consent');
    expect(await consentNow()).toMatchObject({ granted: false, via: 'proxy' });
    // Both answers are on the senior's own record, with who gave them.
    const history = await api<{ items: Array<{ kind: string; viaText: string }> }>(h.server.url, 'demo-s01', 'seniors', 'history', {});
    expect(history.items.filter((l) => l.kind.startsWith('photoConsent.')).map((l) => [l.kind, l.viaText])).toEqual([
      ['photoConsent.withdraw', '家属代理'],
      ['photoConsent.grant', '本人'],
      ['photoConsent.withdraw', '社工代办'],
      ['photoConsent.grant', '社工代办'],
    ]);
    expect(daughter.errors).toEqual([]);
  } finally {
    await daughter.close();
  }
});
