/** Relative links (亲属关联) between two people, the condition for gifts between them: one document per pair. */
import type { Doc } from './doc';

export type LinkState = 'proposed' | 'confirmed' | 'removed';

export interface LinkDoc extends Doc {
  userA: string;
  userB: string;
  proposedBy: string;
  /**
   * What the proposer said the other person is to them (对方是您的 X), as typed. Each side sees the
   * relation from its own side (`relationFor`): the proposer these words, the other the inverse.
   */
  relation: string;
  state: LinkState;
  createdAt: string;
  confirmedAt: string | null;
  removedAt: string | null;
  removedBy: string | null;
  /** The proposer's invitation (services/phone-invites.ts), settled when the link is confirmed. */
  inviteId?: string;
}

// ---------------------------------------------------------------- the relation seen from each side

/** A person's gender when the product knows it (it does not store one yet: callers pass nothing). */
export type Gender = 'female' | 'male';

/** What the proposer is to the other person: [gender unknown, proposer female, proposer male]. */
type Inverse = readonly [string, string, string];

const same = (word: string): Inverse => [word, word, word];

/**
 * The proposer typed "对方是您的 X" (what the other person is to them). For each X that says it,
 * what the proposer is to the other person. A word not here has no inverse we can be sure of.
 */
const INVERSES: Record<string, Inverse> = {
  // Parents → the proposer is their child.
  母亲: ['子女', '女儿', '儿子'],
  妈妈: ['子女', '女儿', '儿子'],
  父亲: ['子女', '女儿', '儿子'],
  爸爸: ['子女', '女儿', '儿子'],
  父母: ['子女', '女儿', '儿子'],
  // Children → the proposer is their parent.
  女儿: ['父母', '母亲', '父亲'],
  儿子: ['父母', '母亲', '父亲'],
  子女: ['父母', '母亲', '父亲'],
  孩子: ['父母', '母亲', '父亲'],
  // In-laws.
  儿媳: ['公婆', '婆婆', '公公'],
  儿媳妇: ['公婆', '婆婆', '公公'],
  女婿: ['岳父母', '岳母', '岳父'],
  公公: same('儿媳'),
  婆婆: same('儿媳'),
  岳父: same('女婿'),
  岳母: same('女婿'),
  // Spouses.
  配偶: same('配偶'),
  老伴: same('老伴'),
  爱人: same('爱人'),
  丈夫: same('妻子'),
  老公: same('妻子'),
  妻子: same('丈夫'),
  老婆: same('丈夫'),
  // Grandparents and grandchildren.
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
  // Siblings: an older one makes the proposer a younger one, and the other way round.
  哥哥: ['兄弟姐妹', '妹妹', '弟弟'],
  姐姐: ['兄弟姐妹', '妹妹', '弟弟'],
  弟弟: ['兄弟姐妹', '姐姐', '哥哥'],
  妹妹: ['兄弟姐妹', '姐姐', '哥哥'],
  兄弟: ['兄弟姐妹', '姐妹', '兄弟'],
  姐妹: ['兄弟姐妹', '姐妹', '兄弟'],
  兄弟姐妹: ['兄弟姐妹', '姐妹', '兄弟'],
  // Words for the pair, not for one side: the same from both sides.
  母女: same('母女'),
  母子: same('母子'),
  父女: same('父女'),
  父子: same('父子'),
  夫妻: same('夫妻'),
  亲属: same('亲属'),
  亲戚: same('亲戚'),
  家人: same('家人'),
};

/** The words `relationSeenByOther` knows; any other word reads 亲属 on the other side. */
export const KNOWN_RELATIONS: readonly string[] = Object.keys(INVERSES);

/** The neutral wording when the other side's relation is not well defined (舅舅, 表哥, 朋友 …). */
export const NEUTRAL_RELATION = '亲属';

/**
 * A link stores what the proposer said the other person is to them (`relation`, "对方是您的 X"). The
 * other person sees the inverse — what the proposer is to them — where it is well defined (母亲 →
 * 子女, or 女儿 / 儿子 when the proposer's gender is known; 配偶 → 配偶; 子女 → 父母), else 亲属.
 */
export function relationSeenByOther(relation: string, proposerGender?: Gender): string {
  const inverse = Object.hasOwn(INVERSES, relation.trim()) ? INVERSES[relation.trim()]! : null;
  if (!inverse) return NEUTRAL_RELATION;
  return proposerGender === 'female' ? inverse[1] : proposerGender === 'male' ? inverse[2] : inverse[0];
}

/** The relation as `viewerId` sees it: the proposer their own words, the other side the inverse. */
export function relationFor(link: Pick<LinkDoc, 'relation' | 'proposedBy'>, viewerId: string, proposerGender?: Gender): string {
  return link.proposedBy === viewerId ? link.relation : relationSeenByOther(link.relation, proposerGender);
}
