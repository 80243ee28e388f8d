import { globBase, hasMagic, matchGlob } from '../../src/config/glob.js';

describe('glob', () => {
  it.each([
    ['*.json', 'a.json', true],
    ['*.json', 'dir/a.json', false],
    ['**/*.json', 'a.json', true],
    ['**/*.json', 'x/y/a.json', true],
    ['reports/**', 'reports/2023/a.json', true],
    ['reports/**/a.json', 'reports/a.json', true],
    ['reports/*/a.json', 'reports/a.json', false],
    ['report-20?3.json', 'report-2023.json', true],
    ['report-20?3.json', 'report-20/3.json', false],
    ['report-202[12].json', 'report-2022.json', true],
    ['report-202[!12].json', 'report-2022.json', false],
    ['./a+b (1).json', 'a+b (1).json', true],
    ['dir\\*.json', 'dir/x.json', true],
    ['县*/报告.json', '县政府/报告.json', true],
  ])('%s against %s: %s', (pattern, path, expected) => {
    expect(matchGlob(pattern, path)).toBe(expected);
  });

  it('finds the folder to list', () => {
    expect(globBase('fixtures/json/**/*.json')).toBe('fixtures/json');
    expect(globBase('*.json')).toBe('.');
    expect(globBase('a/b?/c.json')).toBe('a');
    expect(hasMagic('a/b.json')).toBe(false);
    expect(hasMagic('a/[ab].json')).toBe(true);
  });
});
