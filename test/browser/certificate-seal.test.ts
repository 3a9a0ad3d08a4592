/**
 * 证明出具设置 in the H5 build against the real server: the street admin sees that no seal is set,
 * saves the organisation's contact number, picks a transparent PNG seal (a file chooser, read as
 * base64 in the page) and sees its preview from the server; a file that is not a PNG is refused in
 * place. The same page in elder mode keeps its sizes. Then one issuer (a team) gets its own number
 * and seal, shows what its proofs will use, and gives its seal up for the street's again.
 */
import { PNG } from 'pngjs';
import { input, screenshot, shown, startHarness, newPhone, type Harness } from './support';
import { api, button, expectElderFriendly, open, setElder, signIn } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

function sealPng(): Buffer {
  const size = 160;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - size / 2, y - size / 2);
      const i = (y * size + x) * 4;
      png.data[i] = 200;
      png.data[i + 1] = 30;
      png.data[i + 2] = 30;
      png.data[i + 3] = r > 60 && r < 76 ? 255 : 0;
    }
  }
  return PNG.sync.write(png);
}

test('the street admin sets the contact number and uploads the electronic seal, and sees it', async () => {
  const admin = await newPhone(h);
  const A = admin.page;
  try {
    await signIn(A, h.server.url, '街道管理员');
    await open(A, h.server.url, '/packages/admin/home/index');
    await button(A, '证明出具设置（联系电话、电子印章）').click();
    await A.waitForURL(/#\/packages\/admin\/seal\/index/);
    await shown(A, '.greeting', '志愿服务记录证明的出具信息').waitFor();
    await shown(A, '.notice--warning', '还没有上传电子印章').waitFor();

    // A bad number is answered in place; a good one is saved.
    await input(A, '如 021-12345678').fill('请拨打');
    await button(A, '保存联系电话').click();
    await shown(A, '.field__error', '联系电话应为 7 到 20 位数字').waitFor();
    await input(A, '如 021-12345678').fill('021-12345678');
    await button(A, '保存联系电话').click();
    await shown(A, '.notice--info', '已保存').waitFor();

    // An image that is not a PNG (a GIF): refused before anything is sent.
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const [notPng] = await Promise.all([A.waitForEvent('filechooser'), button(A, '选择印章图片（PNG）').click()]);
    await notPng.setFiles({ name: 'seal.gif', mimeType: 'image/gif', buffer: gif });
    await shown(A, '.notice--error', '请选择 PNG 格式的图片').waitFor();

    const [chooser] = await Promise.all([A.waitForEvent('filechooser'), button(A, '选择印章图片（PNG）').click()]);
    await chooser.setFiles({ name: 'seal.png', mimeType: 'image/png', buffer: sealPng() });
    await shown(A, '.text', '当前印章').waitFor();
    const preview = A.locator('.seal-preview img').filter({ visible: true }).first();
    await preview.waitFor();
    await A.waitForFunction(() => {
      const img = document.querySelector('.seal-preview img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth === 160;
    });
    await screenshot(A, 'cert-seal1-uploaded');

    // The server holds both, as the proofs will use them.
    const settings = await api<{ phone: string; effective: { sealed: boolean } }>(h.server.url, 'demo-admin', 'certificates', 'issuerSettings');
    expect(settings).toMatchObject({ phone: '021-12345678', effective: { sealed: true } });

    await setElder(A, true);
    await shown(A, '.text', '当前印章').waitFor();
    await expectElderFriendly(A);
    await screenshot(A, 'cert-seal2-elder');
    await setElder(A, false);
    expect(admin.errors).toEqual([]);
  } finally {
    await admin.close();
  }
});

test('the street admin sets one team’s own number and seal, and the team falls back to the street’s', async () => {
  const admin = await newPhone(h);
  const A = admin.page;
  try {
    await signIn(A, h.server.url, '街道管理员');
    await open(A, h.server.url, '/packages/admin/seal/index');
    // The street's settings of the test above.
    await shown(A, '.text', '当前印章').waitFor();

    await A.locator('.choice', { hasText: '护河巡林志愿服务队' }).click();
    await shown(A, '.field__hint', '这里只填本单位自己的').waitFor();
    await shown(A, '.text', '联系电话：021-12345678（全街道统一的）').waitFor();
    await shown(A, '.text', '电子印章：用全街道统一的印章').waitFor();
    await expect(input(A, '不填则用全街道统一的电话').inputValue()).resolves.toBe('');

    await input(A, '不填则用全街道统一的电话').fill('021-66668888');
    await button(A, '保存联系电话').click();
    await shown(A, '.notice--info', '已保存').waitFor();
    await shown(A, '.text', '联系电话：021-66668888').waitFor();

    const [chooser] = await Promise.all([A.waitForEvent('filechooser'), button(A, '选择印章图片（PNG）').click()]);
    await chooser.setFiles({ name: 'team-seal.png', mimeType: 'image/png', buffer: sealPng() });
    await shown(A, '.text', '当前印章').waitFor();
    await button(A, '改用全街道统一的印章').waitFor();
    // The mode switch starts the page again, on the street's settings.
    const team = () => A.locator('.choice', { hasText: '护河巡林志愿服务队' }).click();
    await setElder(A, true);
    await team();
    await button(A, '改用全街道统一的印章').waitFor();
    await expectElderFriendly(A);
    await screenshot(A, 'cert-seal3-team-elder');
    await setElder(A, false);
    await team();

    const own = await api<{ issuerKey: string; phone: string; seal: unknown; effective: { phone: string; sealed: boolean } }>(
      h.server.url,
      'demo-admin',
      'certificates',
      'issuerSettings',
      { issuerKey: 'team:t_patrol' },
    );
    expect(own).toMatchObject({ issuerKey: 'team:t_patrol', phone: '021-66668888', seal: expect.objectContaining({ fileId: expect.any(String) }) });

    // Giving the team's seal up: its proofs use the street's again; its own number stays.
    await button(A, '改用全街道统一的印章').click();
    await shown(A, '.text', '电子印章：用全街道统一的印章').waitFor();
    const after = await api<{ phone: string; seal: unknown; effective: { sealed: boolean } }>(h.server.url, 'demo-admin', 'certificates', 'issuerSettings', {
      issuerKey: 'team:t_patrol',
    });
    expect(after).toMatchObject({ phone: '021-66668888', seal: null, effective: { sealed: true } });

    // The street's own settings did not change, and the page shows them again.
    await A.locator('.choice', { hasText: '全街道统一' }).click();
    // The street's settings load after the switch: the field fills in when they arrive.
    const streetPhone = input(A, '如 021-12345678');
    await streetPhone.waitFor();
    for (let i = 0; i < 50 && (await streetPhone.inputValue()) !== '021-12345678'; i++) await A.waitForTimeout(200);
    expect(await streetPhone.inputValue()).toBe('021-12345678');
    const street = await api<{ phone: string; effective: { sealed: boolean } }>(h.server.url, 'demo-admin', 'certificates', 'issuerSettings');
    expect(street).toMatchObject({ phone: '021-12345678', effective: { sealed: true } });
    expect(admin.errors).toEqual([]);
  } finally {
    await admin.close();
  }
});
