/**
 * 加入老伙伴 (packages/partner/join): what the page shows, as a pure function of what the server
 * said. The profile form (and its 联系提醒 permission prompt) only to someone whose save can succeed:
 * a member (or leader) of the 老伙伴 team; before that the apply step, then the wait for the leader.
 */
import { joinStep, type JoinFacts } from '../../src/packages/partner/join/step';
import { messages } from '../../src/packages/partner/join/messages';

const facts = (over: Partial<JoinFacts>): JoinFacts => ({
  programmeLoaded: true,
  refusal: null,
  teamId: 't_partners',
  leads: false,
  membership: null,
  asked: false,
  ...over,
});

describe('加入老伙伴: which step the page shows', () => {
  it('shows the apply step, not the form, to a volunteer who is not in the 老伙伴 team', () => {
    expect(joinStep(facts({ membership: null }))).toBe('apply');
  });

  it('after applying (or with an application pending) says it waits for the leader, still without the form', () => {
    expect(joinStep(facts({ asked: true }))).toBe('waiting');
    expect(joinStep(facts({ membership: 'pending' }))).toBe('waiting');
  });

  it('shows the form to a member, or a leader of the team', () => {
    expect(joinStep(facts({ membership: 'member' }))).toBe('form');
    expect(joinStep(facts({ leads: true }))).toBe('form');
    // No 老伙伴 team set by the admin: the server asks for none either.
    expect(joinStep(facts({ teamId: null }))).toBe('form');
  });

  it('waits for the programme and the memberships before choosing, and shows no form to someone refused', () => {
    expect(joinStep(facts({ programmeLoaded: false }))).toBe('loading');
    expect(joinStep(facts({ membership: undefined }))).toBe('loading');
    expect(joinStep(facts({ refusal: '未满 18 周岁的志愿者不能加入老伙伴', membership: 'member' }))).toBe('refused');
  });

  it('says truthfully that the application waits for the team leader', () => {
    expect(messages.teamAsked('老伙伴')).toContain('正在等待队长同意');
    expect(messages.teamAsked('老伙伴')).not.toMatch(/已加入|已保存/);
  });
});
