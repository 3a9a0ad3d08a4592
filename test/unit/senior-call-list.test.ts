/**
 * 打电话给家人/社工 on the senior home: the family and the 居委 social worker, without the person
 * looking at the list (a daughter acting for her mother is one of her mother's contacts).
 */
import type { CallEntry } from '../../cloudfunctions/core/api/alerts';
import { peopleToCall } from '../../src/packages/senior/home/calls';

const contacts: CallEntry[] = [
  { kind: 'family', label: '女儿', name: '沈小妹', phone: '13800000300' },
  { kind: 'family', label: '儿子', name: '沈大明', phone: '13800000301' },
  { kind: 'emergencyService', label: '急救', name: '急救', phone: '120' },
  { kind: 'socialWorker', label: '居委社工', name: '何芳', phone: '13800000200' },
  { kind: 'partner', label: '老伙伴', name: '钱阿姨', phone: '13800000400' },
];
const names = (list: CallEntry[]) => list.map((c) => `${c.label} ${c.name}`);

it('the senior herself sees her family and the social worker', () => {
  expect(names(peopleToCall(contacts, { name: '沈阿婆', phoneMasked: '139****0000' }))).toEqual(['女儿 沈小妹', '儿子 沈大明', '居委社工 何芳']);
});

it('a daughter acting for her mother is left out of the list', () => {
  expect(names(peopleToCall(contacts, { name: '沈小妹', phoneMasked: '138****0300' }))).toEqual(['儿子 沈大明', '居委社工 何芳']);
});

it('the social worker at the desk is left out too', () => {
  expect(names(peopleToCall(contacts, { name: '何芳', phoneMasked: '138****0200' }))).toEqual(['女儿 沈小妹', '儿子 沈大明']);
});

it('only the same name with the same number is the viewer', () => {
  // Same name, another number (a namesake), and the same number under another name: both stay.
  expect(names(peopleToCall(contacts, { name: '沈小妹', phoneMasked: '138****9999' }))).toContain('女儿 沈小妹');
  expect(names(peopleToCall(contacts, { name: '沈小梅', phoneMasked: '138****0300' }))).toContain('女儿 沈小妹');
  expect(names(peopleToCall(contacts, null))).toEqual(['女儿 沈小妹', '儿子 沈大明', '居委社工 何芳']);
});
