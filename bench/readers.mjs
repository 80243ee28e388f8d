// Each reader against its floor, measured side by side in one run (npm run bench runs it after bench/run.mjs; alone:
// `npm run build && node bench/readers.mjs`). "Read" is readBytes of dist/pipeline/lint.js: the reader and, for
// text, the aligner that places the cells, i.e. everything before the rules. Both sides read the same files from
// disk. Sizes: BENCH_READER_TEXT (pasted and PDF-layout text reports, default 1000), BENCH_READER_HTML (pages, 1000),
// BENCH_READER_OFFICE (docx and xlsx files, 200 each), BENCH_READER_PDF (real PDFs, 30), BENCH_READER_ROUNDS (3).
// The corpora are generated into bench/.data-readers/ from the fixtures by varying their figures.
//
// What the profiles showed (`node --cpu-prof` of a loop of readBytes over a corpus; the top self-time functions and
// the hottest lines from the profile's positionTicks), and what was done about it, the output unchanged (every file of
// the corpora and of fixtures/ read and linted identically before and after, and the test suite):
// - V8 (Node 20) builds `{ ...origin, rowIndex, columnIndex }` about nine times slower than
//   `Object.assign({}, origin, { rowIndex, columnIndex })` (0.37 against 0.04 µs; a bare `{ ...origin }` is fast): the
//   readers build one per grid cell. `withFields` (src/model/objects.ts, once src/read/origin.ts `extended`), and direct literals in src/read/html.ts. xlsx read
//   in half the time; HTML's table walk had been a fifth of its reading.
// - Text and HTML: the aligner and the narrative lint are ~90 % of the time, the readers ~10 %. In the lint: positionIn
//   copied and split the text before every finding (a crawled page is one long line with dozens); the mixed-script
//   scan built a string and an object per character and worked out a place and sentence for every first sighting
//   (now a code-point table in src/model/normalize.ts, and the place only for what is reported); the pinyin, comma and
//   garbled scans ran their look-behind regular expressions over every line (now only over lines holding the
//   character each match must start with).
// - The stream aligner's solve (a dynamic programme over events × rows × cells) is the largest single cost, ~20 %:
//   work that depends only on the event is done once per layer, costs keep two layers (not one per event), a label
//   that names no row copies its layer in one call. Pruning it would be faster but could change what is read.
// - Second pass over text and HTML (profiles of the 300-file corpora, steady state): solve was still ~30 % of text
//   (~40 ns per state and layer: closures over per-layer shifts, a string key per state for a run's split, three
//   stores per step). Now one loop per event kind with the steps inlined, finishing costs looked up, splits cached
//   per layer in an array, a step stored as one number (source state × 8 + action): ~2.5× less time in solve, ties
//   still kept by the first way found. Then many small costs, each remembered or skipped exactly: normalizeLabel's
//   Map look-up was 5 % (callers now remember their answer: phrase hits per table by label, sectionOfHeading by
//   text, matchRow by label, phrase lists and markers normalised once); nested flatMap in alignBlocks 3 %;
//   isValueText tells a label by its first character; the year's patterns only over lines holding their literals;
//   readBytes sniffed the format twice. Both builds' readBytes over the same files in one
//   process, alternating file by file (medians of 6 rounds, a loaded 2-core machine): text 1426 → 960 ms (−33 %),
//   HTML 1196 → 909 ms (−24 %); the output identical for 665 files (the two corpora, fixtures/, the excerpts).
//   What remains for text: solve ~20 %, the text reader ~15 %, the narrative lint ~8 %, then many ~1–2 % items.
// - Office: mammoth is most of the docx time; ours is the grid. The xlsx reader reads the XML itself (jszip and
//   src/read/xml.ts) exactly as exceljs did (merged cells, dates by number format, shared and inline strings), the
//   blocks identical for every .xlsx of fixtures/, of this corpus and of the written reports: with exceljs 5.3× its
//   floor (2.8× the reader alone), now 1.7× (1.0×) with BENCH_READER_OFFICE=40; 2.9× less time than exceljs's over
//   the 200 files, both in one process, alternated.
// - The .docx reader no longer uses mammoth (which was
//   ~10× the floor: a DOM of every part, its document model, then HTML): src/read/docx-xml.ts checks and tokenizes
//   the main part in one pass, src/read/docx-body.ts turns it into the HTML mammoth made (the same blocks on every
//   fixture and corpus file), and htmlToBlocks reads that. `BENCH_READER_TEXT=10 BENCH_READER_HTML=10
//   BENCH_READER_PDF=2 node bench/readers.mjs` (200 .docx, a loaded 2-core machine): read 11.8× the floor and the
//   reader alone 10.0× before, 1.1–1.5× and 0.55–0.9× after (the floor parses every XML entry; the reader only
//   the main part).
// - PDF: pdfjs's own parsing and text extraction is nearly all of it (about 1.05× its getTextContent alone).
// Before and after, readBytes of both builds over the same corpus in one process, alternated: text 30–40 % less time, HTML 25–35 %,
// xlsx 50 %.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const data = join(root, 'bench/.data-readers');
const size = (name, fallback) => Number(process.env[name] ?? fallback);
const TEXT = size('BENCH_READER_TEXT', 1000);
const HTML = size('BENCH_READER_HTML', 1000);
const OFFICE = size('BENCH_READER_OFFICE', 200);
const PDF = size('BENCH_READER_PDF', 30);
const ROUNDS = size('BENCH_READER_ROUNDS', 3);
const require = createRequire(import.meta.url);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The same text with every run of digits changed (deterministically, by the copy's number), so no two copies are alike. */
function vary(text, copy) {
  if (copy === 0) return text;
  let at = 0;
  // Character references (&#12345;, &amp;) are kept whole.
  return text.replace(/&#?\w+;|\d+/gu, (digits) => {
    if (digits.startsWith('&')) return digits;
    at += 1;
    // Years and small section numbers stay, so the report is still of its template; other figures move.
    if (digits.length === 4 && digits.startsWith('20')) return digits;
    if (digits.length === 1 || (at + copy) % 3 !== 0) return digits;
    return String(Number(digits) + ((copy + at) % 7));
  });
}

/** Writes `count` files under bench/.data-readers/<kind>/ from the seeds, unless a run already made that many. */
async function corpus(kind, count, seeds, write) {
  const folder = join(data, kind);
  if (existsSync(folder) && readdirSync(folder).length === count)
    return readdirSync(folder)
      .sort()
      .map((name) => join(folder, name));
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (let index = 0; index < count; index += 1) {
    const seed = seeds[index % seeds.length];
    const copy = Math.floor(index / seeds.length);
    const name = `${String(index).padStart(5, '0')}-${seed.name}`;
    writeFileSync(join(folder, name), await write(seed, copy));
  }
  return readdirSync(folder)
    .sort()
    .map((name) => join(folder, name));
}

function seedsOf(folder, test) {
  return readdirSync(join(root, folder))
    .filter(test)
    .sort()
    .map((name) => ({ name, path: join(root, folder, name), bytes: readFileSync(join(root, folder, name)) }));
}

const utf8 = (seed) => new TextDecoder().decode(seed.bytes);

/** Rewrites the XML entries of a .docx/.xlsx with varied figures. */
async function varyOffice(seed, copy) {
  const JSZip = require('jszip');
  const zip = await JSZip.loadAsync(seed.bytes);
  for (const name of Object.keys(zip.files)) {
    if (!/^(word\/document|xl\/worksheets\/sheet\d+|xl\/sharedStrings)\.xml$/u.test(name)) continue;
    const xml = await zip.file(name).async('string');
    // A sheet's cell of type "s" holds an index into the shared strings: only the others' values vary.
    const varied = name.startsWith('xl/worksheets/')
      ? xml.replace(/<c ([^>]*?)(?<!\/)>(.*?)<\/c>/gu, (whole, attributes, inner) =>
          /\bt="s"/u.test(attributes)
            ? whole
            : `<c ${attributes}>${inner.replace(/<v>(\d+)<\/v>/gu, (_, value) => `<v>${vary(value, copy)}</v>`)}</c>`,
        )
      : xml.replace(/>([^<]*)</gu, (whole, inner) => `>${vary(inner, copy)}<`);
    zip.file(name, varied);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * Times the floor, the reader alone (readerOnly) and the whole read (reader + aligner) over every file, in turn,
 * ROUNDS times after one warm-up of each; returns the medians.
 */
async function sideBySide(files, read, floor) {
  const runs = { floor, reader: readerOnly, read };
  for (const work of Object.values(runs)) await work(files);
  const times = { floor: [], reader: [], read: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, work] of Object.entries(runs)) {
      const start = performance.now();
      await work(files);
      times[name].push(performance.now() - start);
    }
  }
  return { floor: median(times.floor), reader: median(times.reader), read: median(times.read) };
}

function report(label, files, { read, reader, floor }, floorLabel, goal) {
  const ratio = read / floor;
  console.log(
    `${label} (${files.length} files): read ${read.toFixed(0)} ms, ${floorLabel} ${floor.toFixed(0)} ms: ${ratio.toFixed(2)}× (goal ≤ ${goal}×); the reader alone, without the aligner: ${reader.toFixed(0)} ms, ${(reader / floor).toFixed(2)}× (medians of ${ROUNDS}, alternated)`,
  );
  return { ratio, readerRatio: reader / floor };
}

const { readBytes } = await import(pathToFileURL(join(root, 'dist/pipeline/lint.js')).href);
const { chooseFormat, readInput } = await import(pathToFileURL(join(root, 'dist/read/index.js')).href);

/** The reader alone: the file's bytes into blocks (or, for JSON, the document), without aligning them to the template. */
async function readerOnly(files) {
  let blocks = 0;
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(file));
    const output = await readInput(bytes, chooseFormat(bytes, file), { file });
    blocks += output.blocks?.length ?? 1;
  }
  if (blocks === 0) throw new Error('nothing read');
}

/** Reads every file with the tool (readBytes: reader + aligner), failing loudly if one cannot be read. */
async function toolRead(files) {
  let cells = 0;
  for (const file of files) {
    const result = await readBytes(new Uint8Array(readFileSync(file)), file);
    if (result.error) throw new Error(`${file}: ${result.error.messageId ?? JSON.stringify(result.error)}`);
    cells += Object.keys(result.document ?? {}).length;
  }
  if (cells === 0) throw new Error('nothing read');
}

export async function benchReaders() {
  const results = {};

  // Pasted text (pipes, tabs, Markdown), crawled one-line pages, and PDF-layout text (pdftotext -layout).
  const textSeeds = [
    ...seedsOf('fixtures/text', (name) => /\.(txt|md)$/u.test(name) && !name.includes('gbk')),
    ...seedsOf('fixtures/excerpts', (name) => name.endsWith('.txt')),
  ];
  const texts = await corpus('text', TEXT, textSeeds, (seed, copy) => vary(utf8(seed), copy));
  results.text = report(
    'pasted and PDF-layout text',
    texts,
    await sideBySide(texts, toolRead, async (files) => {
      let lines = 0;
      for (const file of files) lines += new TextDecoder().decode(readFileSync(file)).split(/\r?\n/u).length;
      if (lines === 0) throw new Error('no lines');
    }),
    'reading and splitting their lines',
    4,
  );

  const { parseDocument } = await import('htmlparser2');
  const htmlSeeds = seedsOf('fixtures/html', (name) => name.endsWith('.html') && !name.includes('gbk'));
  const pages = await corpus('html', HTML, htmlSeeds, (seed, copy) => vary(utf8(seed), copy));
  results.html = report(
    'HTML pages',
    pages,
    await sideBySide(pages, toolRead, async (files) => {
      let nodes = 0;
      for (const file of files) nodes += parseDocument(new TextDecoder().decode(readFileSync(file))).children.length;
      if (nodes === 0) throw new Error('nothing parsed');
    }),
    "htmlparser2's parseDocument",
    2,
  );

  // The floor of an Office file: unzipping it with jszip and parsing every XML entry with htmlparser2 (XML mode).
  const JSZip = require('jszip');
  const unzipAndParse = async (files) => {
    let nodes = 0;
    for (const file of files) {
      const zip = await JSZip.loadAsync(readFileSync(file));
      for (const entry of Object.values(zip.files)) {
        if (!entry.dir && entry.name.endsWith('.xml'))
          nodes += parseDocument(await entry.async('string'), { xmlMode: true }).children.length;
      }
    }
    if (nodes === 0) throw new Error('nothing parsed');
  };
  for (const kind of ['docx', 'xlsx']) {
    const seeds = seedsOf(`fixtures/${kind}`, (name) => name.endsWith(`.${kind}`));
    const files = await corpus(kind, OFFICE, seeds, varyOffice);
    results[kind] = report(
      kind,
      files,
      await sideBySide(files, toolRead, unzipAndParse),
      'unzipping and parsing their XML',
      2,
    );
  }

  // PDFs are not varied (a PDF's figures are drawn glyphs); the real ones are read as they are, repeated.
  // The real published reports (fixtures/pdf holds the same ones beside made and damaged files).
  const pdfSeeds = readdirSync('/work/shared/real-reports')
    .filter((name) => name.endsWith('.pdf'))
    .map((name) => join('/work/shared/real-reports', name));
  if (pdfSeeds.length === 0)
    for (const name of readdirSync(join(root, 'fixtures/pdf')))
      if (existsSync(join(root, 'fixtures/pdf', name.replace(/\.pdf$/u, '.expected.json'))))
        pdfSeeds.push(join(root, 'fixtures/pdf', name));
  const pdfs = Array.from({ length: PDF }, (_, index) => pdfSeeds[index % pdfSeeds.length]);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const extract = async (files) => {
    let items = 0;
    for (const file of files) {
      const document = await pdfjs.getDocument({
        data: new Uint8Array(readFileSync(file)),
        useSystemFonts: false,
        isEvalSupported: false,
        verbosity: 0,
      }).promise;
      for (let page = 1; page <= document.numPages; page += 1)
        items += (await (await document.getPage(page)).getTextContent()).items.length;
      await document.destroy();
    }
    if (items === 0) throw new Error('no text');
  };
  results.pdf = report(
    'PDF',
    pdfs,
    await sideBySide(pdfs, toolRead, extract),
    "pdfjs's getTextContent of every page",
    1.5,
  );
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchReaders();
