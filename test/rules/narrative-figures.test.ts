import { fixtureDocument, lintDocument, ofRule, statusOf } from '../helpers/lint.js';

function withOverview(overview: string) {
  const document = fixtureDocument('json/clean-2021.json');
  document.narrative = { ...document.narrative, overview };
  return document;
}

describe('narrative-figures', () => {
  it('passes when the quoted figures equal table 三', async () => {
    const document = withOverview('');
    const table = document.applications!;
    const total = table['new']!['total'];
    const done = table['total']!['total'];
    const forward = table['carriedForward']!['total'];
    const result = await lintDocument(
      withOverview(`全年共收到政府信息公开申请${total}件，办结${done}件，结转下年度继续办理${forward}件。`),
    );
    expect(ofRule(result, 'narrative-figures')).toEqual([]);
    expect(statusOf(result, 'narrative-figures')).toBe('passed');
  });

  it('reports a figure that differs, at its place in the sentence, naming the cell', async () => {
    const document = withOverview('');
    const total = Number(document.applications!['new']!['total']);
    const overview = `本年度，共收到政府信息公开申请 ${total + 5} 件。`;
    const result = await lintDocument(withOverview(overview));
    const [finding] = ofRule(result, 'narrative-figures');
    expect(finding).toMatchObject({
      severity: 'warning',
      messageId: 'mismatch',
      location: { pointer: '/narrative/overview' },
      data: { figure: total + 5, actual: total, difference: -5, offset: overview.indexOf(String(total + 5)) },
    });
    expect((finding!.data['cells'] as { row: string; column: string }[])[0]).toMatchObject({
      row: 'new',
      column: 'total',
    });
    // lintDocument writes JSON.stringify(document, null, 2): find the value's line and its opening quote there.
    const lines = JSON.stringify(withOverview(overview), null, 2).split('\n');
    const line = lines.findIndex((text) => text.includes('"overview": '));
    const quote = lines[line]!.indexOf('"overview": ') + '"overview": '.length + 1;
    expect(finding!.location).toMatchObject({
      line: line + 1,
      column: quote + 1 + overview.indexOf(String(total + 5)),
    });
    expect(statusOf(result, 'narrative-figures')).toBe('failed');
  });

  it('reads full-width digits and thousands separators', async () => {
    const result = await lintDocument(withOverview('结转下年度继续办理１,２３４件'));
    const [finding] = ofRule(result, 'narrative-figures');
    expect(finding?.data['figure']).toBe(1234);
  });
});
