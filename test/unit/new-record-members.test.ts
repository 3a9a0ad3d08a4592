/** The member list of 登记服务记录: a small team listed whole, a large one narrowed by a typed name. */
import { LISTED_WITHOUT_SEARCH, membersShown, nobodyNamed } from '../../src/packages/leader/new-record/members';

const team = (names: string[]) => names.map((name, i) => ({ userId: `u${i}`, name }));
const large = team(['王建国', '李秀英', '张伟', '刘芳', '陈志强', '杨丽', '赵磊', '黄敏', '周杰', '吴娟', '王芳']);

it('lists a small team whole, whatever is typed', () => {
  const small = large.slice(0, LISTED_WITHOUT_SEARCH);
  expect(membersShown(small, '刘', null)).toEqual(small);
});

it('narrows a large team to the names holding what was typed, spaces ignored', () => {
  expect(membersShown(large, '王', null).map((p) => p.name)).toEqual(['王建国', '王芳']);
  expect(membersShown(large, ' 刘 芳 ', null).map((p) => p.name)).toEqual(['刘芳']);
  expect(membersShown(large, '钱', null)).toEqual([]);
  expect(membersShown(large, '  ', null)).toEqual(large);
});

it('keeps the member already chosen in the list while another name is typed', () => {
  const chosen = large.find((p) => p.name === '张伟')!.userId;
  expect(membersShown(large, '王', chosen).map((p) => p.name)).toEqual(['王建国', '张伟', '王芳']);
});

it('says nobody is named so only when no member’s name holds what was typed, the chosen one aside', () => {
  expect(nobodyNamed(large, '钱')).toBe(true);
  expect(nobodyNamed(large, '芳')).toBe(false);
  expect(nobodyNamed(large, ' ')).toBe(false);
  expect(nobodyNamed(large.slice(0, LISTED_WITHOUT_SEARCH), '钱')).toBe(false);
});
