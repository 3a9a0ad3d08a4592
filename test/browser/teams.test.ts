/**
 * Teams in the H5 build against the real server: a volunteer opens a team from home and joins it;
 * the team's leader then sees her among the members with a masked phone and a call button.
 */
import { newPhone, screenshot, shown, startHarness, type Harness } from './support';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
});

async function signInAs(page: import('playwright-core').Page, name: string): Promise<void> {
  await page.goto(`${h.server.url}/`);
  await page.waitForURL(/#\/pages\/login\/index/);
  await shown(page, 'taro-button-core', `以${name}身份进入`).click();
  await page.waitForURL(/#\/pages\/index\/index/);
  await shown(page, '.greeting', `${name}，您好`).waitFor();
}

test('a volunteer joins the 握爪 team; its leader sees her, masked, with a call button', async () => {
  const volunteer = await newPhone(h);
  try {
    await signInAs(volunteer.page, '刘芳');
    await shown(volunteer.page, '.team', '握爪').click();
    await volunteer.page.waitForURL(/#\/packages\/activity\/team\/index/);
    await shown(volunteer.page, '.text', '您还不是本队队员').waitFor();
    await shown(volunteer.page, 'taro-button-core', '加入这个队伍').click();
    await shown(volunteer.page, '.text', '您是本队队员').waitFor();
    await screenshot(volunteer.page, 't1-team-joined');
    expect(volunteer.errors).toEqual([]);
  } finally {
    await volunteer.close();
  }

  const leader = await newPhone(h);
  try {
    await signInAs(leader.page, '李秀英');
    await shown(leader.page, '.team', '握爪').click();
    await leader.page.waitForURL(/#\/packages\/activity\/team\/index/);
    const card = shown(leader.page, '.card', '刘芳');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('138****0103');
    expect(text).not.toContain('13800000103');
    await shown(leader.page, 'taro-button-core', '打电话给刘芳').waitFor();
    await screenshot(leader.page, 't2-team-leader-members');
    expect(leader.errors).toEqual([]);
  } finally {
    await leader.close();
  }
});
