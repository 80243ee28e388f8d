import { json } from '../../src/format/json.js';
import { stylish } from '../../src/format/stylish.js';
import { mixedResults } from './fixture.js';

describe('stylish', () => {
  it('renders the mixed results in Chinese', async () => {
    expect(stylish(await mixedResults(), { locale: 'zh-CN', color: false })).toMatchSnapshot();
  });

  it('renders the mixed results in English', async () => {
    expect(stylish(await mixedResults(), { locale: 'en', color: false })).toMatchSnapshot();
  });

  it('colours only when asked', async () => {
    const results = await mixedResults();
    expect(stylish(results, { locale: 'zh-CN', color: false })).not.toContain('\u001b[');
    expect(stylish(results, { locale: 'zh-CN', color: true })).toContain('\u001b[31m');
  });
});

describe('json', () => {
  it('renders the mixed results', async () => {
    expect(json(await mixedResults(), { locale: 'zh-CN', color: false })).toMatchSnapshot();
  });
});
