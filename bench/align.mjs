// The alignment's cost must be linear in the text's length: reading a text ten times longer should take about ten
// times as long, not a hundred. Times readBytes (read + align) on a text and on the same text made ten times longer,
// and prints the ratio. Called by bench/run.mjs; also runs alone (`node bench/align.mjs`, after `npm run build`).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.BENCH_ALIGN_RUNS ?? 7);
const TIMES = 10;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A section heading of the seed (一,、總體情況 … 六、其他需要报告的事项): a line without cells that starts with 一–六 and 、. */
const isHeading = (line) => !line.includes('|') && /^[一二三四五六][,，]?、/u.test(line);

/**
 * The seed with every section's body repeated ten times in place: each table section's lines (its header rows and
 * data rows, as if the table went on for ten pages) and each narrative section's paragraphs; the headings once.
 */
export function tenfoldSections(text) {
  const out = [];
  let body = [];
  const flush = () => {
    for (let copy = 0; copy < TIMES; copy += 1) out.push(...body);
    body = [];
  };
  for (const line of text.split('\n')) {
    if (isHeading(line)) {
      flush();
      out.push(line);
    } else body.push(line);
  }
  flush();
  return out.join('\n');
}

/** A crawled page (a header of metadata lines, then the whole article on one line) with its article ten times on that line. */
export function tenfoldArticle(text) {
  const lines = text.split('\n');
  let longest = 0;
  lines.forEach((line, index) => {
    if (line.length > (lines[longest]?.length ?? 0)) longest = index;
  });
  const article = lines[longest] ?? '';
  lines[longest] = Array.from({ length: TIMES }, () => article).join(' ');
  return lines.join('\n');
}

/** How many cells of tables 二–四 a read placed (present in the document), to show both reads did the work. */
function cellsRead(result) {
  let count = 0;
  for (const table of ['active', 'applications', 'reviewLitigation']) {
    for (const row of Object.values(result.document[table] ?? {}))
      for (const raw of Object.values(row ?? {})) if (raw !== undefined && raw !== null) count += 1;
  }
  return count;
}

/** Times both texts, alternating them (the machine's own noise is larger than a small difference), after warming up on both. */
async function compare(readBytes, label, file, short, long) {
  const inputs = [short, long].map((text) => new TextEncoder().encode(text));
  const cells = [];
  for (const bytes of inputs) cells.push(cellsRead(await readBytes(bytes, file)));
  for (let warm = 0; warm < 2; warm += 1) for (const bytes of inputs) await readBytes(bytes, file);
  const times = [[], []];
  for (let run = 0; run < RUNS; run += 1) {
    for (const [index, bytes] of inputs.entries()) {
      const start = performance.now();
      await readBytes(bytes, file);
      times[index].push(performance.now() - start);
    }
  }
  const [shortTime, longTime] = times.map(median);
  const [shortCells, longCells] = cells;
  const lengthRatio = long.length / short.length;
  const ratio = longTime / shortTime;
  console.log(
    `alignment, ${label}: ${short.length} chars ${shortTime.toFixed(1)} ms (${shortCells} cells read), ×${lengthRatio.toFixed(1)} longer (${long.length} chars) ${longTime.toFixed(1)} ms (${longCells} cells read): ${ratio.toFixed(1)}× (goal ≤ ~${TIMES}×, linear; median of ${RUNS}, alternated)`,
  );
  return { shortTime, longTime, lengthRatio, ratio, shortCells, longCells };
}

/** Runs both cases; root is the repository, readBytes the built one (dist/pipeline/lint.js). */
export async function benchAlignment(root, readBytes) {
  const seed = readFileSync(join(root, 'fixtures/text/seed-2019.txt'), 'utf8');
  const crawled = readFileSync(join(root, 'fixtures/excerpts/101.txt'), 'utf8');
  return {
    seed: await compare(
      readBytes,
      'seed-2019.txt, every section ten times (tables 二–四 ten pages long)',
      'seed-2019.txt',
      seed,
      tenfoldSections(seed),
    ),
    crawled: await compare(
      readBytes,
      'crawled one-line page 101.txt, its article ten times on the line',
      '101.txt',
      crawled,
      tenfoldArticle(crawled),
    ),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const { readBytes } = await import(pathToFileURL(join(root, 'dist/pipeline/lint.js')).href);
  await benchAlignment(root, readBytes);
}
