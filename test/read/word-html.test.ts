// Word's "Save as Web Page" form of a report, as government portals publish it (fixtures/src/word-export.py):
// GB2312 declared, MsoNormal paragraphs in cells, runs split by script, <o:p> fillers, conditional comments, a hidden
// sizing row, numbered-list headings. It must read exactly as the clean page it was made from.
import { readFileSync } from 'node:fs';
import { lintBytes, readBytes } from '../../src/pipeline/lint.js';

const bytesOf = (name: string) => new Uint8Array(readFileSync(`fixtures/html/${name}`));

describe('Word-exported HTML', () => {
  const clean = readBytes(bytesOf('clean-2021.html'), 'clean-2021.html');

  it.each(['word-export-2021.html', 'word-export-lists-2021.html'])(
    '%s reads the same cells, template and year as the clean page, decoded by its declared charset (gb2312, read as GBK)',
    async (name) => {
      const word = await readBytes(bytesOf(name), name);
      expect(word.encoding).toBe('gbk');
      const { document: expected } = await clean;
      expect(word.document).toEqual(expected);
      expect(Object.keys(word.document ?? {}).length).toBeGreaterThan(3);
    },
  );

  it('passes every rule the clean page passes, with no finding', async () => {
    const word = await lintBytes(bytesOf('word-export-lists-2021.html'), 'word.html');
    expect(word.diagnostics).toEqual([]);
    const cleanResult = await lintBytes(bytesOf('clean-2021.html'), 'clean.html');
    expect(word.rules.map((rule) => [rule.id, rule.status])).toEqual(
      cleanResult.rules.map((rule) => [rule.id, rule.status]),
    );
  });
});
