/**
 * 志愿服务记录证明 in the H5 build against the real server: 刘芳 applies from 我的 for her patrol's
 * hours this year (giving her identity document once; a wrong check digit is caught at the field), the
 * patrol's leader 王建国 accepts it from his queue, is told he cannot issue it before the street admin
 * has set the seal and contact number, and issues it once they are set; she sees it 公示中 with its verification code and downloads the PDF, and someone
 * who never registered checks the code on the verify page (真实有效, the masked name only), then on
 * the local server's page that the PDF's QR opens.
 */
import { input, screenshot, shown, startHarness, newPhone, type Harness } from './support';
import { api, arrive, button, open, signIn } from './helpers';
import { pngImage } from '../support/images';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

test('apply, accept, issue, preview, download and verify a proof of service', async () => {
  const volunteer = await newPhone(h);
  const leader = await newPhone(h);
  const stranger = await newPhone(h);
  const V = volunteer.page;
  const L = leader.page;
  const S = stranger.page;
  try {
    // 刘芳 applies from 我的.
    await signIn(V, h.server.url, '刘芳');
    await shown(V, '.weui-tabbar__label', '我的').click();
    await arrive(V, /#\/pages\/me\/index/, '我的资料');
    await shown(V, '.quick-link', '志愿服务记录证明').click();
    await arrive(V, /#\/packages\/certificate\/home\/index/, '志愿服务记录证明');
    await button(V, '申请证明').click();
    await shown(V, '.choice', '某个服务队').click();
    await shown(V, '.choice', '护河巡林志愿服务队').click();
    // The identity document is checked before anything is sent.
    await button(V, '提交申请').click();
    await shown(V, '.field__error', '请输入证件号码').waitFor();
    await shown(V, '.field__error', '请勾选同意').waitFor();
    // A minor's number asks for the guardian at once; an adult's does not.
    // A 居民身份证 number with a wrong check digit (…0021 is right) is refused at the field.
    await input(V, '请输入证件号码').fill('310101196803150022');
    await shown(V, '.field__error', '身份证号最后一位不对，请核对').waitFor();
    await input(V, '请输入证件号码').fill('110101201005011234');
    await button(V, '提交申请').click();
    await shown(V, '.field__error', '请填写同意申请的监护人姓名').waitFor();
    await input(V, '请输入证件号码').fill('31010419800101128X');
    await shown(V, '.field', '监护人姓名').waitFor({ state: 'hidden' });
    await shown(V, '.consent', '同意在证明上使用我的证件信息').click();
    await screenshot(V, 'cert1-apply');
    await button(V, '提交申请').click();
    // Sent and waiting, not "issued": an info notice and the card's own state.
    await shown(V, '.notice--info', '已提交').waitFor();
    await shown(V, '.cert-card', '待受理').waitFor();
    await expect(shown(V, '.text', '志愿者编号：').textContent()).resolves.toMatch(/310000-demo-\d{4}-\d{6}/);

    // 王建国 accepts and issues it from his queue.
    await signIn(L, h.server.url, '王建国');
    await open(L, h.server.url, '/packages/certificate/queue/index');
    await shown(L, '.card', '刘芳').click();
    await L.waitForURL(/#\/packages\/certificate\/detail\/index/);
    await shown(L, '.tag', '待受理').waitFor();
    await screenshot(L, 'cert2-issuer-review');
    await button(L, '受理').click();
    // No seal or contact number set by the admin yet: the issuer is told what is missing, and cannot issue.
    await shown(L, '.notice--warning', '还没有上传电子印章，暂时不能出具').waitFor();
    await shown(L, '.notice--warning', '还没有设置联系电话，暂时不能出具').waitFor();
    await expect(L.locator('taro-button-core', { hasText: '核对无误，出具证明' }).count()).resolves.toBe(0);
    await screenshot(L, 'cert2b-issuer-warned');
    // The street admin sets them (证明出具设置, walked in certificate-seal.test.ts); then he issues.
    await api(h.server.url, 'demo-admin', 'certificates', 'setIssuer', { phone: '021-12345678', sealPngBase64: pngImage(96, 96).toString('base64') });
    await L.reload();
    await shown(L, '.tag', '已受理').waitFor();
    await button(L, '核对无误，出具证明').click();
    await shown(L, '.tag', '公示中').waitFor();
    const number = (await shown(L, '.greeting').textContent())!.trim();
    expect(number).toMatch(/^护河巡林-\d{4}-\d{6}$/);
    const codeRow = shown(L, '.kv', '验证码');
    const code = (await codeRow.locator('.kv__v').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z]$/);

    // She sees it issued, with the masked identity, and downloads the PDF.
    await open(V, h.server.url, '/packages/certificate/home/index');
    await shown(V, '.cert-card', number).click();
    await V.waitForURL(/#\/packages\/certificate\/detail\/index/);
    await shown(V, '.tag', '公示中').waitFor();
    await shown(V, '.kv', '**************128X').waitFor();
    await shown(V, '.kv', '已加盖').waitFor();
    await shown(V, '.kv', '021-12345678').waitFor();
    await screenshot(V, 'cert3-issued');
    const [download] = await Promise.all([V.waitForEvent('download'), button(V, '下载证明（PDF）').click()]);
    expect(download.suggestedFilename()).toBe(`志愿服务记录证明-${number}.pdf`);

    // Someone who never registered (a new WeChat user: a school's teacher) checks the code from its QR.
    await S.goto(`${h.server.url}/`);
    await S.waitForURL(/#\/pages\/login\/index/);
    await button(S, '以新微信用户身份进入').click();
    await S.waitForURL(/#\/pages\/register\/index/);
    // The QR opens the verify page by itself (a fresh page of the same WeChat user, not on top of registration).
    const Q = await S.context().newPage();
    await Q.goto(`${h.server.url}/#/packages/certificate/verify/index?code=${encodeURIComponent(code)}`);
    await shown(Q, '.verify__result', '真实有效').waitFor();
    await shown(Q, '.kv', number).waitFor();
    await shown(Q, '.kv', '刘*').waitFor();
    await expect(shown(Q, '.verify').textContent()).resolves.not.toContain('刘芳');
    await screenshot(Q, 'cert4-verify');
    // A mistyped code is not found, and says how to check it.
    await input(Q, '如 7K3M-Q9XD-2HRT-V8PA-N').fill(code.slice(0, -1));
    await button(Q, '核验').click();
    await shown(Q, '.verify__result', '查无此证').waitFor();

    // The local server's own page for the QR, in a browser with no app and no login at all.
    await S.goto(`${h.server.url}/verify/${encodeURIComponent(code)}`);
    await S.locator('.status', { hasText: '真实有效' }).waitFor();
    await expect(S.locator('main').textContent()).resolves.toContain(number);
    await screenshot(S, 'cert5-verify-web');

    expect([...volunteer.errors, ...leader.errors, ...stranger.errors]).toEqual([]);
  } finally {
    await volunteer.close();
    await leader.close();
    await stranger.close();
  }
});
