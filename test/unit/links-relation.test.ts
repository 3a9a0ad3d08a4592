/**
 * A relative link stores what the proposer said the other person is to them (对方是您的 X); the other
 * side sees the inverse where it is well defined, and 亲属 where it is not. Every word the function
 * knows is listed here with what the other side reads (gender unknown, proposer female, proposer male).
 */
import { KNOWN_RELATIONS, NEUTRAL_RELATION, relationFor, relationSeenByOther } from '../../cloudfunctions/core/domain/links';

const EXPECTED: Record<string, [string, string, string]> = {
  母亲: ['子女', '女儿', '儿子'],
  妈妈: ['子女', '女儿', '儿子'],
  父亲: ['子女', '女儿', '儿子'],
  爸爸: ['子女', '女儿', '儿子'],
  父母: ['子女', '女儿', '儿子'],
  女儿: ['父母', '母亲', '父亲'],
  儿子: ['父母', '母亲', '父亲'],
  子女: ['父母', '母亲', '父亲'],
  孩子: ['父母', '母亲', '父亲'],
  儿媳: ['公婆', '婆婆', '公公'],
  儿媳妇: ['公婆', '婆婆', '公公'],
  女婿: ['岳父母', '岳母', '岳父'],
  公公: ['儿媳', '儿媳', '儿媳'],
  婆婆: ['儿媳', '儿媳', '儿媳'],
  岳父: ['女婿', '女婿', '女婿'],
  岳母: ['女婿', '女婿', '女婿'],
  配偶: ['配偶', '配偶', '配偶'],
  老伴: ['老伴', '老伴', '老伴'],
  爱人: ['爱人', '爱人', '爱人'],
  丈夫: ['妻子', '妻子', '妻子'],
  老公: ['妻子', '妻子', '妻子'],
  妻子: ['丈夫', '丈夫', '丈夫'],
  老婆: ['丈夫', '丈夫', '丈夫'],
  爷爷: ['孙子女', '孙女', '孙子'],
  奶奶: ['孙子女', '孙女', '孙子'],
  祖父: ['孙子女', '孙女', '孙子'],
  祖母: ['孙子女', '孙女', '孙子'],
  外公: ['外孙子女', '外孙女', '外孙'],
  外婆: ['外孙子女', '外孙女', '外孙'],
  姥姥: ['外孙子女', '外孙女', '外孙'],
  姥爷: ['外孙子女', '外孙女', '外孙'],
  孙子: ['祖父母', '奶奶', '爷爷'],
  孙女: ['祖父母', '奶奶', '爷爷'],
  外孙: ['外祖父母', '外婆', '外公'],
  外孙女: ['外祖父母', '外婆', '外公'],
  哥哥: ['兄弟姐妹', '妹妹', '弟弟'],
  姐姐: ['兄弟姐妹', '妹妹', '弟弟'],
  弟弟: ['兄弟姐妹', '姐姐', '哥哥'],
  妹妹: ['兄弟姐妹', '姐姐', '哥哥'],
  兄弟: ['兄弟姐妹', '姐妹', '兄弟'],
  姐妹: ['兄弟姐妹', '姐妹', '兄弟'],
  兄弟姐妹: ['兄弟姐妹', '姐妹', '兄弟'],
  母女: ['母女', '母女', '母女'],
  母子: ['母子', '母子', '母子'],
  父女: ['父女', '父女', '父女'],
  父子: ['父子', '父子', '父子'],
  夫妻: ['夫妻', '夫妻', '夫妻'],
  亲属: ['亲属', '亲属', '亲属'],
  亲戚: ['亲戚', '亲戚', '亲戚'],
  家人: ['家人', '家人', '家人'],
};

it.each(Object.entries(EXPECTED))('the proposer said the other is their %s: the other side reads %j', (said, [unknown, female, male]) => {
  expect(relationSeenByOther(said)).toBe(unknown);
  expect(relationSeenByOther(said, 'female')).toBe(female);
  expect(relationSeenByOther(said, 'male')).toBe(male);
});

it('every word the function knows is tested above, and no other', () => {
  expect([...KNOWN_RELATIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
});

it('a parent is never shown to the other side as a parent (the user-test case: 母亲)', () => {
  for (const parent of ['母亲', '父亲', '妈妈', '爸爸']) expect(relationSeenByOther(parent)).not.toMatch(/母|父|妈|爸/);
});

it('says 亲属 where the inverse is not well defined, and ignores spaces around a known word', () => {
  for (const word of ['舅舅', '阿姨', '表哥', '侄子', '朋友', '邻居', '']) expect(relationSeenByOther(word)).toBe(NEUTRAL_RELATION);
  expect(relationSeenByOther(' 母亲 ')).toBe('子女');
});

it('each side sees the relation from its own side', () => {
  const link = { relation: '母亲', proposedBy: 'u_daughter' };
  expect(relationFor(link, 'u_daughter')).toBe('母亲');
  expect(relationFor(link, 'u_mother')).toBe('子女');
  expect(relationFor(link, 'u_mother', 'female')).toBe('女儿');
});
