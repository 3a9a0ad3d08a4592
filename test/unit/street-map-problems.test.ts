/** Where a street map's problem is, in the admin's words (domain/street-map problemPlace). */
import { problemPlace } from '../../cloudfunctions/core/domain/street-map';

const file = {
  type: 'FeatureCollection',
  features: [{ properties: { kind: 'boundary' } }, { properties: { kind: 'route', name: '  滨江步道  ' } }],
};

it('names the feature by its number from 1 and its name, and the part in Chinese', () => {
  expect(problemPlace('features.1.geometry.coordinates.0.1', file)).toBe('第 2 个要素“滨江步道”的坐标');
  expect(problemPlace('features.0.properties.kind', file)).toBe('第 1 个要素的类型（kind）');
  expect(problemPlace('features.1.geometry.type', file)).toBe('第 2 个要素“滨江步道”的类型');
  expect(problemPlace('features.0', file)).toBe('第 1 个要素');
});

it('speaks of the whole file where the problem is not in one feature, and survives a file that is not a map', () => {
  expect(problemPlace('', file)).toBe('整个文件');
  expect(problemPlace('features', file)).toBe('整个文件');
  expect(problemPlace('type', null)).toBe('文件的 type');
  expect(problemPlace('features.7.properties.name', 'not a map')).toBe('第 8 个要素的名称');
});
