// Growth of the text readers on hostile inputs (npm run build first; then node bench/hostile.mjs [kinds…]).
// For each kind of generated input it prints the time of reading alone (textToBlocks) and of the whole lint
// (lintBytes: read, align, rules) at 32, 64, 128 and 256 KB, and the ratio to the previous size: a linear path
// doubles (ratio ≈ 2), a quadratic one quadruples. Prints figures; asserts nothing (timings belong here, not in tests).
import { performance } from 'node:perf_hooks';
import { textToBlocks } from '../dist/read/text.js';
import { lintBytes } from '../dist/pipeline/lint.js';

const SIZES = [32, 64, 128, 256];
const repeat = (unit, kb) => unit.repeat(Math.ceil((kb * 1024) / Buffer.byteLength(unit)));
const ROW = '（一）予以公开 | 121 | 14 | 2 | 3 | 6 | 4 | 150 |\n';
const KINDS = {
  pipes: (kb) => repeat('|', kb),
  'pipes-spaced': (kb) => repeat('| ', kb) + 'x',
  spaces: (kb) => 'a' + repeat(' ', kb) + 'b',
  tabs: (kb) => repeat('\t', kb) + 'x',
  'tab-cells': (kb) => repeat('1\t', kb),
  'layout-spaces': (kb) => '三、收到和处理政府信息公开申请情况\n' + 'x' + repeat(' y', kb) + ' 1',
  'long-paragraph': (kb) => repeat('本机关依法公开政府信息，2023年共收到申请121件。', kb),
  'repeated-lines': (kb) => repeat(ROW, kb),
  'blank-lines': (kb) => 'a' + repeat('\n', kb) + 'b',
  digits: (kb) => repeat('8', kb),
  'markdown-rule': (kb) => '|' + repeat('-', kb) + 'x',
  headings: (kb) => repeat('三、收到和处理政府信息公开申请情况 ', kb),
  // One line of many narrative findings: each was once placed by scanning the line from its start (7.8 MB: 594 s).
  'pinyin-line': (kb) => '一、总体情况\n' + repeat('本机关规(guī)范管理，。，、', kb),
  // Many garbled spans on one line: each was blanked out by copying the whole line (200,000 spans: minutes).
  'garbled-line': (kb) => '一、总体情况\n' + repeat('本机关锟斤拷管理，', kb),
  'pinyin-lines': (kb) => '一、总体情况\n' + repeat('本机关規(guī)范管理,、\n', kb),
};

async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(KINDS);
for (const kind of chosen) {
  const make = KINDS[kind];
  if (!make) throw new Error(`unknown kind ${kind}; kinds: ${Object.keys(KINDS).join(', ')}`);
  const row = [];
  let previous;
  for (const kb of SIZES) {
    const text = make(kb);
    const bytes = new TextEncoder().encode(text);
    const read = await time(() => textToBlocks(text));
    let error = '';
    const lint = await time(async () => {
      const result = await lintBytes(bytes, `${kind}.txt`);
      if (result.error) error = ` (${result.error.kind}: ${result.error.messageId})`;
    });
    row.push(
      `${kb} KB read ${read.toFixed(0)} ms, lint ${lint.toFixed(0)} ms${previous ? ` ×${(lint / previous).toFixed(1)}` : ''}${error}`,
    );
    previous = Math.max(lint, 1);
  }
  console.log(`${kind.padEnd(15)} ${row.join(' | ')}`);
}
