#!/usr/bin/env node
// Fuzz harness (issue 9): runs every reader through lint() (dist/index.js) with the fixtures as seeds and mutations
// of them, and checks per case that lint() does not throw, gives no internal error, names only catalogued input
// messages, leaves Object.prototype alone, stays under a time bound and keeps the process under a memory bound.
//
//   node scripts/fuzz.mjs [--seed 1] [--count 1000] [--formats json,csv,…] [--time-limit 2000] [--memory-limit 1024]
//                         [--out fixtures/fuzz] [--jobs 1] [--batch 200] [--json] [--replay fixtures/fuzz]
//
// Cases are a pure function of (seed, case number): case i of seed s is the same input on every machine, so a
// failure is reproduced by `--seed s --first i --count 1`. Cases run in child processes (child_process.fork), in
// batches; the child writes the case it is about to run to a file first, so when a case hangs synchronously the
// parent's watchdog kills the child, records that case and goes on from the next one.
import { fork } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';

/** The most bytes one repeatLine mutation adds. */
const REPEAT_BYTES = 8_000_000;
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

/** The formats the harness knows, each with the extensions of its seeds. */
export const FORMATS = {
  json: ['.json'],
  csv: ['.csv'],
  html: ['.html'],
  text: ['.txt'],
  md: ['.md'],
  docx: ['.docx'],
  xlsx: ['.xlsx'],
  pdf: ['.pdf'],
};
export const INVARIANTS = ['no-throw', 'no-internal-error', 'known-message', 'prototype', 'time', 'memory', 'crash'];

export const DEFAULTS = {
  seed: 1,
  count: 1000,
  first: 0,
  formats: Object.keys(FORMATS),
  timeLimit: 2000,
  memoryLimit: 1024,
  out: undefined,
  jobs: 1,
  batch: 200,
  json: false,
  maxSavedPerKind: 5,
  replay: undefined,
};

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

function mix32(a, b) {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be59b, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG; rng() in [0, 1), int(n) in [0, n), pick(array). */
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: (array) => array[int(array.length)],
    chance: (p) => next() < p,
    range: (lo, hi) => lo + int(hi - lo + 1),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Seeds

/** Every fixture of the given formats (fixtures/**, not fixtures/fuzz/ and not READMEs), sorted, with its bytes. */
export function loadSeeds(formats = Object.keys(FORMATS), root = join(ROOT, 'fixtures')) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (relative(root, path) !== 'fuzz') walk(path);
      } else if (!/^readme\.md$/i.test(name)) files.push(path);
    }
  };
  walk(root);
  const seeds = {};
  for (const format of formats) {
    if (!FORMATS[format]) throw new Error(`unknown format ${format} (known: ${Object.keys(FORMATS).join(', ')})`);
    seeds[format] = files
      .filter((file) => FORMATS[format].includes(extname(file).toLowerCase()))
      .map((file) => ({
        file: relative(ROOT, file),
        ext: extname(file).toLowerCase(),
        bytes: new Uint8Array(readFileSync(file)),
      }));
    if (seeds[format].length === 0) throw new Error(`no seeds for ${format}`);
  }
  return seeds;
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations

const enc = new TextEncoder();
const bytesOf = (s) => enc.encode(s);
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const TEXTUAL = new Set(['json', 'csv', 'html', 'text', 'md']);
const ZIP = new Set(['docx', 'xlsx']);

const HEADINGS = [
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '二、主动公开政府信息情况',
  '一、总体情况',
  '（七）总计',
  '五、存在的主要问题及改进情况',
];
const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'xxgkFuzzPolluted',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'length',
];

/** Tokens to insert, by format; a function gets the rng for tokens of random size. */
function tokens(format) {
  const deep = (open, close) => (rng) => {
    const n = rng.pick([100, 1000, 5000, 20000, 60000]);
    return open.repeat(n) + (rng.chance(0.5) ? close.repeat(n) : '');
  };
  const digits = (rng) =>
    '1234567890'.repeat(rng.pick([10, 100, 1000, 10000])).slice(0, rng.pick([30, 500, 5000, 60000]));
  const pipes = (rng) => '|'.repeat(rng.pick([100, 1000, 10000, 50000]));
  const text = [
    '|',
    '||',
    ' | ',
    '\t',
    '\t\t\t',
    '\n',
    '\r\n',
    '\r',
    '\u3000',
    '\uFEFF',
    '\0',
    '无',
    '—',
    '/',
    '-',
    '0件',
    '１２３',
    '1,234',
    '1.5',
    '-3',
    '万元',
    '元',
    digits,
    pipes,
    (rng) => rng.pick(HEADINGS),
    (rng) => ` ${rng.pick(HEADINGS)} `,
    (rng) => `${rng.pick(HEADINGS)}${'0'.repeat(rng.range(1, 9))}`,
    (rng) => `| ${rng.pick(HEADINGS)} | 1 | 2 | 3 |`,
    (rng) => '1\t'.repeat(rng.pick([10, 1000, 20000])),
    (rng) => '\n'.repeat(rng.pick([10, 1000, 20000])),
    (rng) => '1 | '.repeat(rng.pick([10, 1000, 20000])),
  ];
  switch (format) {
    case 'json':
      return [
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '"',
        '"__proto__"',
        '"__proto__":{"xxgkFuzzPolluted":1},',
        '{"__proto__":{"xxgkFuzzPolluted":1}}',
        '"constructor":{"prototype":{"xxgkFuzzPolluted":1}},',
        '"$evidence":{"inferred":["/__proto__/xxgkFuzzPolluted"],"totalsUsed":["__proto__"]},',
        '"template":"2021",',
        '"year":1e308,',
        '1e999',
        '-0',
        'null',
        'true',
        '"\\ud800"',
        '"\\u0000"',
        (rng) => `"${'x'.repeat(rng.pick([100, 100000]))}"`,
        deep('[', ']'),
        deep('{"a":', '}'),
        deep('{"__proto__":', '}'),
      ];
    case 'csv':
      return [
        '"',
        '""',
        ',',
        ',,,,',
        '\n',
        '\r\n',
        '__proto__',
        '__proto__,xxgkFuzzPolluted,x,1\n',
        'applications,__proto__,xxgkFuzzPolluted,1\n',
        'applications,new,__proto__,1\n',
        'constructor,prototype,xxgkFuzzPolluted,1\n',
        '__proto__,__proto__,xxgkFuzzPolluted,1\n',
        'table,row,column,value\n',
        '\uFEFF',
        '"a\nb"',
        digits,
        (rng) => ','.repeat(rng.pick([100, 10000, 50000])),
        (rng) => '"'.repeat(rng.pick([3, 101, 10001])),
      ];
    case 'html':
      return [
        '<table>',
        '</table>',
        '<tr>',
        '</tr>',
        '<td>',
        '</td>',
        '<th>',
        '<td rowspan=99999>',
        '<td colspan=99999>',
        '<td rowspan="1e9" colspan="-1">',
        '<td colspan=1000>1</td>',
        '<meta charset="gbk">',
        '<meta charset="x-unknown">',
        '<!--',
        '<script>',
        '<![CDATA[',
        '&#x0;',
        '&nbsp;',
        '<br>',
        '<p>',
        (rng) => `<td rowspan=${rng.pick([99999, 1000, 65535])} colspan=${rng.pick([99999, 1000, 255])}>1</td>`,
        deep('<div>', '</div>'),
        deep('<table><tr><td>', '</td></tr></table>'),
        deep('<span>', '</span>'),
        (rng) => `<p>${rng.pick(HEADINGS)}</p>`,
        (rng) => `<table>${'<tr><td>1</td></tr>'.repeat(rng.pick([100, 5000]))}</table>`,
        ...text,
      ];
    case 'text':
    case 'md':
      return [...text, '| --- | --- |', '|---|', '# ', '## ', '```', '> ', '* ', (rng) => `# ${rng.pick(HEADINGS)}`];
    default:
      return [
        'PK\x03\x04',
        'PK\x01\x02',
        'PK\x05\x06',
        '%PDF-1.7',
        '%%EOF',
        'obj',
        'endobj',
        'stream',
        'endstream',
        'xref',
        'trailer',
        '/Encrypt',
        '<<',
        '>>',
        '/Length 999999999',
        '/Type /Page',
        '/Kids [',
        '0 0 R',
        '/Filter /FlateDecode',
        (rng) => '<<'.repeat(rng.pick([100, 10000])),
        (rng) => '['.repeat(rng.pick([100, 10000])),
      ];
  }
}

function tokenBytes(format, rng) {
  const t = rng.pick(tokens(format));
  return bytesOf(typeof t === 'function' ? t(rng) : t);
}

/** A position to insert at: anywhere, or (for text) at a line start. */
function position(bytes, rng, format) {
  if (TEXTUAL.has(format) && rng.chance(0.5) && bytes.length > 0) {
    const at = rng.int(bytes.length);
    const nl = bytes.indexOf(10, at);
    return nl < 0 ? bytes.length : nl + 1;
  }
  return rng.int(bytes.length + 1);
}

function lines(bytes) {
  const out = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++)
    if (bytes[i] === 10) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  if (start < bytes.length) out.push([start, bytes.length]);
  return out;
}

/** The ZIP end-of-central-directory record: offsets of the central directory, or undefined. */
function zipCentral(bytes) {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const size = view.getUint32(i + 12, true);
      const offset = view.getUint32(i + 16, true);
      return { eocd: i, start: Math.min(offset, i), end: i + 22 };
    }
  }
  return undefined;
}

const MUTATORS = {
  flip(bytes, rng) {
    const out = bytes.slice();
    const n = rng.pick([1, 1, 2, 4, 16]);
    for (let k = 0; k < n && out.length; k++) out[rng.int(out.length)] ^= 1 << rng.int(8);
    return { bytes: out, note: `flip ${n} bit(s)` };
  },
  setByte(bytes, rng) {
    const out = bytes.slice();
    if (!out.length) return { bytes: out, note: 'set byte (empty)' };
    const at = rng.int(out.length);
    out[at] = rng.pick([0, 0xff, 0x7f, 0x80, 0x22, 0x7c, 0x3c, 0x0a, 0x2c]);
    return { bytes: out, note: `set byte ${at}` };
  },
  insert(bytes, rng, format) {
    const token = tokenBytes(format, rng);
    const at = position(bytes, rng, format);
    return {
      bytes: concat(bytes.subarray(0, at), token, bytes.subarray(at)),
      note: `insert ${token.length} byte(s) at ${at}`,
    };
  },
  truncate(bytes, rng) {
    const at = rng.chance(0.2) ? Math.max(0, bytes.length - rng.range(1, 16)) : rng.int(bytes.length + 1);
    return { bytes: bytes.slice(0, at), note: `truncate to ${at}` };
  },
  deleteBytes(bytes, rng) {
    if (!bytes.length) return { bytes, note: 'delete (empty)' };
    const at = rng.int(bytes.length);
    const n = rng.pick([1, 1, 1, 2, 8, 100]);
    return { bytes: concat(bytes.subarray(0, at), bytes.subarray(at + n)), note: `delete ${n} byte(s) at ${at}` };
  },
  splice(bytes, rng, format, seeds) {
    const pool = rng.chance(0.8) ? seeds[format] : seeds[rng.pick(Object.keys(seeds))];
    const other = rng.pick(pool);
    const a = rng.int(bytes.length + 1);
    const b = rng.int(other.bytes.length + 1);
    return { bytes: concat(bytes.subarray(0, a), other.bytes.subarray(b)), note: `splice ${a} + ${other.file}@${b}` };
  },
  repeatLine(bytes, rng) {
    const ls = lines(bytes);
    if (!ls.length) return { bytes, note: 'repeat (empty)' };
    const [s, e] = rng.pick(ls);
    const line = bytes.subarray(s, e);
    // At most REPEAT_BYTES added: a line already grown by earlier mutations, repeated 1,000 times, once asked the
    // harness itself for a 6.6 GB array.
    const times = Math.min(
      rng.pick([10, 100, 1000, 1000]),
      Math.max(1, Math.floor(REPEAT_BYTES / Math.max(1, line.length))),
    );
    const rep = new Uint8Array(line.length * times);
    for (let k = 0; k < times; k++) rep.set(line, k * line.length);
    return { bytes: concat(bytes.subarray(0, e), rep, bytes.subarray(e)), note: `repeat line at ${s} ${times} times` };
  },
  repeatChunk(bytes, rng) {
    const a = rng.int(bytes.length + 1);
    const len = Math.min(bytes.length - a, rng.pick([16, 256, 4096]));
    const times = rng.pick([2, 10, 100]);
    const chunk = bytes.subarray(a, a + len);
    const parts = [bytes.subarray(0, a + len)];
    for (let k = 0; k < times; k++) parts.push(chunk);
    parts.push(bytes.subarray(a + len));
    return { bytes: concat(...parts), note: `repeat ${len} byte(s) at ${a} ${times} times` };
  },
  zipCentral(bytes, rng) {
    const cd = zipCentral(bytes);
    if (!cd) return MUTATORS.flip(bytes, rng);
    const out = bytes.slice();
    const n = rng.pick([1, 1, 2, 8]);
    for (let k = 0; k < n; k++) out[cd.start + rng.int(cd.end - cd.start)] ^= 1 << rng.int(8);
    return { bytes: out, note: `flip ${n} bit(s) in the central directory (${cd.start}..${cd.end})` };
  },
  zipSizes(bytes, rng) {
    // A central-directory entry's sizes or local-header offset set to something large or zero.
    const cd = zipCentral(bytes);
    if (!cd) return MUTATORS.flip(bytes, rng);
    const entries = [];
    for (let i = cd.start; i + 46 <= cd.eocd; i++)
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2) entries.push(i);
    if (!entries.length) return MUTATORS.zipCentral(bytes, rng);
    const out = bytes.slice();
    const view = new DataView(out.buffer);
    const at = rng.pick(entries);
    const field = rng.pick([20, 24, 42, 28]); // compressed size, uncompressed size, local offset, name length
    const value = rng.pick([0, 0xffffffff, 0x7fffffff, 1 << 30, 1]);
    if (field === 28) view.setUint16(at + field, value & 0xffff, true);
    else view.setUint32(at + field, value >>> 0, true);
    return { bytes: out, note: `central entry at ${at}: field +${field} = ${value}` };
  },
  zipTruncate(bytes, rng) {
    const cd = zipCentral(bytes);
    const at = cd && rng.chance(0.5) ? cd.start + rng.int(cd.end - cd.start) : rng.int(bytes.length + 1);
    return { bytes: bytes.slice(0, at), note: `truncate zip to ${at}` };
  },
};

const MUTATOR_WEIGHTS = {
  textual: { flip: 1, setByte: 1, insert: 8, truncate: 2, deleteBytes: 1, splice: 2, repeatLine: 2, repeatChunk: 1 },
  zip: {
    flip: 2,
    setByte: 1,
    insert: 1,
    truncate: 1,
    deleteBytes: 1,
    splice: 1,
    repeatChunk: 1,
    zipCentral: 3,
    zipSizes: 3,
    zipTruncate: 2,
  },
  pdf: { flip: 3, setByte: 2, insert: 2, truncate: 2, deleteBytes: 3, splice: 1, repeatChunk: 1 },
};

function pickWeighted(rng, weights) {
  const entries = Object.entries(weights);
  let r = rng.next() * entries.reduce((n, [, w]) => n + w, 0);
  for (const [name, w] of entries) {
    if ((r -= w) < 0) return name;
  }
  return entries[entries.length - 1][0];
}

/** Case i of a campaign: its format, seed file, mutated bytes and the mutations applied (a pure function of its arguments). */
export function makeCase(seeds, formats, seed, index) {
  const rng = makeRng(mix32(seed, index));
  const format = formats[index % formats.length];
  const base = rng.pick(seeds[format]);
  let bytes = base.bytes;
  const notes = [];
  // One case in 32 runs a seed unmutated; the others apply 1–3 mutations.
  if (rng.int(32) !== 0) {
    const weights = ZIP.has(format)
      ? MUTATOR_WEIGHTS.zip
      : format === 'pdf'
        ? MUTATOR_WEIGHTS.pdf
        : MUTATOR_WEIGHTS.textual;
    const n = rng.pick([1, 1, 1, 2, 2, 3]);
    for (let k = 0; k < n; k++) {
      const name = pickWeighted(rng, weights);
      const result = MUTATORS[name](bytes, rng, format, seeds);
      bytes = result.bytes;
      notes.push(`${name}: ${result.note}`);
    }
  }
  return {
    index,
    format,
    seedFile: base.file,
    ext: base.ext,
    file: `fuzz-${index}${base.ext}`,
    bytes,
    mutations: notes,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Invariants (run in the worker)

function inputMessageIds() {
  return new Set(Object.keys(JSON.parse(readFileSync(join(ROOT, 'schemas/messages.json'), 'utf8')).input));
}

function snapshotPrototype() {
  const snapshot = new Map();
  for (const key of Reflect.ownKeys(Object.prototype))
    snapshot.set(key, Object.getOwnPropertyDescriptor(Object.prototype, key));
  return snapshot;
}

/** What differs in Object.prototype from the snapshot (added, removed or replaced own properties), restoring it. */
function prototypeChanges(snapshot) {
  const changes = [];
  for (const key of Reflect.ownKeys(Object.prototype)) {
    if (!snapshot.has(key)) {
      changes.push(`added ${String(key)}`);
      delete Object.prototype[key];
    } else {
      const before = snapshot.get(key);
      const now = Object.getOwnPropertyDescriptor(Object.prototype, key);
      if (before.value !== now.value || before.get !== now.get || before.set !== now.set) {
        changes.push(`replaced ${String(key)}`);
        Object.defineProperty(Object.prototype, key, before);
      }
    }
  }
  for (const key of snapshot.keys()) {
    if (!Reflect.getOwnPropertyDescriptor(Object.prototype, key)) {
      changes.push(`removed ${String(key)}`);
      Object.defineProperty(Object.prototype, key, snapshot.get(key));
    }
  }
  return changes;
}

/** Keys the input used (ASCII identifiers, up to 300 of them, and the harness's own sentinel), checked as ({})[key] === undefined. */
function sentinelKeys(bytes, nativeKeys) {
  const keys = new Set(['x', 'xxgkFuzzPolluted', 'polluted']);
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 200000)).toString('latin1');
  for (const match of text.matchAll(/[A-Za-z_$][A-Za-z0-9_$]{0,40}/g)) {
    if (keys.size >= 300) break;
    if (!nativeKeys.has(match[0])) keys.add(match[0]);
  }
  return keys;
}

/** An error as `Name: message` and the first frames of its stack (pdfjs's exceptions have no message in theirs). */
function describe(error) {
  if (!error || typeof error !== 'object') return String(error);
  const frames = String(error.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 4)
    .map((l) => l.trim());
  return [`${error.name ?? 'Error'}: ${error.message ?? ''}`, ...frames].join('\n');
}

async function worker() {
  const [optionsJson] = process.argv.slice(3);
  const options = JSON.parse(optionsJson);
  const { lint } = await import(pathToFileURL(join(ROOT, 'dist/index.js')).href);
  const seeds = loadSeeds(options.formats);
  const known = inputMessageIds();
  const snapshot = snapshotPrototype();
  const nativeKeys = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);
  let current;
  const sent = new Set();
  const fail = (invariant, message, extra = {}) => {
    const key = `${current?.index}|${invariant}|${message}`;
    if (sent.has(key)) return; // the same failure of the same case once
    sent.add(key);
    process.send({
      type: 'failure',
      index: current?.index ?? -1,
      invariant,
      message: String(message).slice(0, 2000),
      ...extra,
    });
  };
  process.on('disconnect', () => process.exit(0)); // the campaign is gone: do not run on as an orphan
  process.on('unhandledRejection', (reason) => fail('no-throw', `unhandled rejection: ${describe(reason)}`));
  process.on('uncaughtException', (error) => fail('no-throw', `uncaught exception: ${describe(error)}`));

  // Warm up: load every format's reader once (with an unmutated seed), so loading pdfjs is not timed as a case.
  const WARMUP = {
    json: 'json/seed-2019.json',
    csv: 'csv/seed-2019.csv',
    html: 'html/seed-2019.html',
    text: 'text/seed-2019.txt',
    md: 'text/seed-2019.md',
    docx: 'docx/seed-2019.docx',
    xlsx: 'xlsx/seed-2019.xlsx',
    pdf: 'pdf/made-seed-2019.pdf',
  };
  for (const format of options.formats) {
    const seed = seeds[format].find((s) => s.file === `fixtures/${WARMUP[format]}`) ?? seeds[format][0];
    try {
      await lint(seed.bytes, { file: `warmup${seed.ext}` });
    } catch {
      /* the campaign will see it */
    }
  }
  prototypeChanges(snapshot);
  process.send({ type: 'ready' });

  const memoryLimit = options.memoryLimit * 1024 * 1024;
  for (const index of options.indexes) {
    current = makeCase(seeds, options.formats, options.seed, index);
    writeFileSync(options.currentFile, JSON.stringify({ index, startedAt: Date.now() }));
    const failures = [];
    const started = performance.now();
    let result;
    try {
      result = await lint(current.bytes, { file: current.file });
    } catch (error) {
      failures.push(['no-throw', `lint() threw: ${describe(error)}`]);
    }
    const elapsed = performance.now() - started;
    if (result?.error?.kind === 'internal')
      failures.push([
        'no-internal-error',
        `internal error: ${result.error.data?.detail ?? JSON.stringify(result.error)}`,
      ]);
    if (result?.error && result.error.kind === 'input' && !known.has(result.error.messageId))
      failures.push([
        'known-message',
        `input error with messageId ${result.error.messageId}, not in schemas/messages.json "input"`,
      ]);
    if (result?.error && result.error.kind !== 'input' && result.error.kind !== 'internal')
      failures.push(['known-message', `error of kind ${result.error.kind}`]);
    const changes = prototypeChanges(snapshot);
    const polluted = [...sentinelKeys(current.bytes, nativeKeys)].filter((key) => ({})[key] !== undefined);
    if (changes.length || polluted.length)
      failures.push([
        'prototype',
        `Object.prototype changed: ${[...changes, ...polluted.map((k) => `({}).${k} defined`)].join(', ')}`,
      ]);
    if (elapsed > options.timeLimit)
      failures.push(['time', `took ${Math.round(elapsed)} ms (limit ${options.timeLimit} ms)`]);
    const rss = process.memoryUsage().rss;
    const peak = process.resourceUsage().maxRSS * 1024;
    const overMemory = Math.max(rss, peak) > memoryLimit;
    if (overMemory)
      failures.push([
        'memory',
        `RSS ${Math.round(rss / 2 ** 20)} MiB, peak ${Math.round(peak / 2 ** 20)} MiB (limit ${options.memoryLimit} MiB)`,
      ]);
    for (const [invariant, message] of failures) fail(invariant, message, { elapsed });
    process.send({ type: 'done', index, format: current.format, elapsed, error: result?.error?.messageId });
    if (overMemory) process.exit(3); // a fresh worker for the next case, so the peak does not blame it too
  }
  process.send({ type: 'finished' });
  process.disconnect?.();
}

// ---------------------------------------------------------------------------------------------------------------
// Campaign (the parent)

function parseArgs(argv) {
  const options = { ...DEFAULTS };
  const number = (name, value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number, got ${value}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--seed':
        options.seed = number('seed', value());
        break;
      case '--count':
        options.count = number('count', value());
        break;
      case '--first':
        options.first = number('first', value());
        break;
      case '--formats':
        options.formats = value()
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean);
        break;
      case '--time-limit':
        options.timeLimit = number('time-limit', value());
        break;
      case '--memory-limit':
        options.memoryLimit = number('memory-limit', value());
        break;
      case '--out':
        options.out = value();
        break;
      case '--jobs':
        options.jobs = Math.max(1, number('jobs', value()));
        break;
      case '--batch':
        options.batch = Math.max(1, number('batch', value()));
        break;
      case '--max-saved-per-kind':
        options.maxSavedPerKind = number('max-saved-per-kind', value());
        break;
      case '--replay':
        options.replay = value();
        break;
      case '--json':
        options.json = true;
        break;
      case '-h':
      case '--help':
        console.log(
          readFileSync(SELF, 'utf8')
            .split('\n')
            .slice(1, 13)
            .map((l) => l.replace(/^\/\/ ?/, ''))
            .join('\n'),
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  for (const format of options.formats)
    if (!FORMATS[format]) throw new Error(`unknown format ${format} (known: ${Object.keys(FORMATS).join(', ')})`);
  return options;
}

/** A failure's kind for de-duplication: invariant, format and the message without numbers and paths. */
const kindOf = (f) => `${f.invariant}|${f.format}|${f.message.split('\n')[0].replace(/\d+/g, 'N').slice(0, 160)}`;

/**
 * Runs a campaign: cases [first, first + count) of `seed` over `formats`, in `jobs` child processes, `batch` cases per
 * child. Resolves to the summary (cases run, per format, cases/s, failures by invariant, the failures themselves).
 */
export async function runCampaign(input = {}) {
  const options = { ...DEFAULTS, ...input };
  const seeds = loadSeeds(options.formats);
  const scratch = mkdtempSync(join(tmpdir(), 'xxgk-fuzz-'));
  const queue = [];
  for (let i = options.first; i < options.first + options.count; i++) queue.push(i);
  const summary = {
    seed: options.seed,
    first: options.first,
    count: options.count,
    formats: options.formats,
    timeLimit: options.timeLimit,
    memoryLimit: options.memoryLimit,
    cases: 0,
    perFormat: Object.fromEntries(options.formats.map((f) => [f, 0])),
    inputErrors: {},
    seconds: 0,
    casesPerSecond: 0,
    failuresByInvariant: Object.fromEntries(INVARIANTS.map((i) => [i, 0])),
    failures: [],
    saved: [],
  };
  const savedPerKind = new Map();
  const started = performance.now();
  const killAfter = Math.max(options.timeLimit * 2, options.timeLimit + 3000);
  const startupGrace = 60000;

  const record = (failure) => {
    if (
      !Number.isInteger(failure.index) ||
      failure.index < options.first ||
      failure.index >= options.first + options.count
    ) {
      // Outside any case (e.g. during the worker's warm-up on the unmutated seeds): counted, not attributed to a case.
      summary.failuresByInvariant[failure.invariant] = (summary.failuresByInvariant[failure.invariant] ?? 0) + 1;
      summary.failures.push({
        ...failure,
        format: 'none',
        seedFile: '(outside a case: worker start-up)',
        mutations: [],
      });
      if (!options.json)
        process.stderr.write(`✖ outside a case: ${failure.invariant}: ${failure.message.split('\n')[0]}\n`);
      return;
    }
    const c = makeCase(seeds, options.formats, options.seed, failure.index);
    const full = { ...failure, format: c.format, seedFile: c.seedFile, mutations: c.mutations, size: c.bytes.length };
    summary.failuresByInvariant[failure.invariant] = (summary.failuresByInvariant[failure.invariant] ?? 0) + 1;
    summary.failures.push(full);
    if (options.out) {
      const kind = kindOf(full);
      const n = savedPerKind.get(kind) ?? 0;
      const caseKey = `${failure.index}|${failure.invariant}`;
      if (n < options.maxSavedPerKind && !savedPerKind.has(caseKey)) {
        savedPerKind.set(caseKey, 1);
        savedPerKind.set(kind, n + 1);
        mkdirSync(options.out, { recursive: true });
        const base = join(options.out, `${c.format}-${failure.invariant}-s${options.seed}-c${failure.index}`);
        writeFileSync(`${base}${c.ext}`, c.bytes);
        writeFileSync(
          `${base}.json`,
          JSON.stringify(
            {
              seed: options.seed,
              case: failure.index,
              format: c.format,
              file: `${relative(ROOT, base)}${c.ext}`,
              seedFile: c.seedFile,
              mutations: c.mutations,
              invariant: failure.invariant,
              message: failure.message,
              ...(failure.elapsed !== undefined ? { elapsedMs: Math.round(failure.elapsed) } : {}),
              timeLimit: options.timeLimit,
              memoryLimit: options.memoryLimit,
              reproduce: `node scripts/fuzz.mjs --seed ${options.seed} --first ${failure.index} --count 1 --formats ${options.formats.join(',')}`,
            },
            null,
            2,
          ) + '\n',
        );
        summary.saved.push(`${relative(ROOT, base)}${c.ext}`);
      }
    }
    if (!options.json)
      process.stderr.write(
        `✖ case ${failure.index} (${c.format}, ${c.seedFile}; ${c.mutations.join('; ') || 'unmutated'}): ${failure.invariant}: ${failure.message.split('\n')[0]}\n`,
      );
  };

  const runBatch = (slot, indexes) =>
    new Promise((done) => {
      const currentFile = join(scratch, `current-${slot}.json`);
      rmSync(currentFile, { force: true });
      const child = fork(SELF, ['--worker', JSON.stringify({ ...options, indexes, currentFile })], {
        cwd: ROOT,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        execArgv: [`--max-old-space-size=${Math.max(2048, options.memoryLimit * 2)}`],
      });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr = (stderr + d).slice(-4000);
      });
      const doneIndexes = new Set();
      let last = performance.now();
      let ready = false;
      let killed = false;
      child.on('message', (m) => {
        last = performance.now();
        if (m.type === 'ready') ready = true;
        else if (m.type === 'failure') record(m);
        else if (m.type === 'done') {
          doneIndexes.add(m.index);
          summary.cases++;
          summary.perFormat[m.format]++;
          if (m.error) summary.inputErrors[m.error] = (summary.inputErrors[m.error] ?? 0) + 1;
        }
      });
      const watchdog = setInterval(() => {
        if (performance.now() - last > (ready ? killAfter : startupGrace)) {
          killed = true;
          child.kill('SIGKILL');
        }
      }, 100);
      child.on('exit', (code, signal) => {
        clearInterval(watchdog);
        let current;
        try {
          current = JSON.parse(readFileSync(currentFile, 'utf8')).index;
        } catch {
          current = undefined;
        }
        const unfinished = current !== undefined && !doneIndexes.has(current);
        if (unfinished) {
          const c = makeCase(seeds, options.formats, options.seed, current);
          summary.cases++;
          summary.perFormat[c.format]++;
          doneIndexes.add(current);
          if (killed)
            record({
              index: current,
              invariant: 'time',
              message: `no result after ${killAfter} ms (limit ${options.timeLimit} ms): the worker was killed`,
              elapsed: killAfter,
            });
          else
            record({
              index: current,
              invariant: 'crash',
              message: `the worker exited (code ${code}, signal ${signal}) during the case: ${stderr.trim().split('\n').slice(-5).join(' / ')}`,
            });
        } else if (!ready && (code !== 0 || killed)) {
          // Could not load dist/ (e.g. a build in progress): try again, a few times, before giving up.
          done({
            startFailed: `the fuzz worker failed to start (code ${code}, signal ${signal}): ${stderr.trim().slice(-1000)}`,
          });
          return;
        }
        done(indexes.filter((i) => !doneIndexes.has(i)));
      });
    });

  const slots = Array.from({ length: Math.min(options.jobs, Math.max(1, queue.length)) }, (_, slot) =>
    (async () => {
      while (queue.length) {
        const indexes = queue.splice(0, options.batch);
        let rest = indexes;
        let startFailures = 0;
        while (rest.length) {
          const left = await runBatch(slot, rest);
          if (Array.isArray(left)) {
            rest = left;
            startFailures = 0;
            continue;
          }
          if (++startFailures >= 3) throw new Error(left.startFailed);
          await new Promise((wait) => setTimeout(wait, 3000));
        }
        if (!options.json)
          process.stderr.write(`… ${summary.cases}/${options.count} cases, ${summary.failures.length} failure(s)\r`);
      }
    })(),
  );
  await Promise.all(slots);
  rmSync(scratch, { recursive: true, force: true });
  summary.seconds = Math.round((performance.now() - started) / 100) / 10;
  summary.casesPerSecond = Math.round((summary.cases / Math.max(summary.seconds, 0.001)) * 10) / 10;
  summary.failures.sort((a, b) => a.index - b.index || a.invariant.localeCompare(b.invariant));
  return summary;
}

/** Replays saved cases (fixtures/fuzz/*.json notes and their inputs) through a campaign of one case each. */
async function replay(dir, options) {
  const notes = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && existsSync(join(dir, f)))
    .sort();
  const results = [];
  for (const name of notes) {
    const note = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    if (note.case === undefined || note.seed === undefined) continue;
    const formats = note.reproduce?.match(/--formats (\S+)/)?.[1]?.split(',') ?? options.formats;
    const summary = await runCampaign({
      ...options,
      seed: note.seed,
      first: note.case,
      count: 1,
      formats,
      out: undefined,
      json: true,
    });
    results.push({
      note: name,
      invariant: note.invariant,
      failures: summary.failures.map((f) => `${f.invariant}: ${f.message.split('\n')[0]}`),
    });
  }
  return results;
}

function printSummary(summary) {
  const lines = [
    '',
    `fuzz: seed ${summary.seed}, cases ${summary.first}–${summary.first + summary.count - 1}, formats ${summary.formats.join(',')}, time limit ${summary.timeLimit} ms, memory limit ${summary.memoryLimit} MiB`,
    `cases run: ${summary.cases} in ${summary.seconds} s (${summary.casesPerSecond} cases/s)`,
    `per format: ${Object.entries(summary.perFormat)
      .map(([f, n]) => `${f} ${n}`)
      .join(', ')}`,
    `input errors (expected): ${
      Object.entries(summary.inputErrors)
        .sort((a, b) => b[1] - a[1])
        .map(([id, n]) => `${id} ${n}`)
        .join(', ') || 'none'
    }`,
    `failures by invariant: ${Object.entries(summary.failuresByInvariant)
      .map(([i, n]) => `${i} ${n}`)
      .join(', ')}`,
  ];
  const kinds = new Map();
  for (const f of summary.failures) {
    const k = kindOf(f);
    if (!kinds.has(k)) kinds.set(k, { ...f, n: 0 });
    kinds.get(k).n++;
  }
  for (const f of kinds.values())
    lines.push(
      `  ${f.invariant} ${f.format} ×${f.n} (first: case ${f.index}, ${f.seedFile}): ${f.message.split('\n')[0].slice(0, 200)}`,
    );
  if (summary.saved.length)
    lines.push(`saved ${summary.saved.length} failing input(s) with notes: ${summary.saved.join(', ')}`);
  console.log(lines.join('\n'));
}

async function main() {
  if (process.argv[2] === '--worker') return worker();
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`fuzz: ${error.message}`);
    process.exit(2);
  }
  if (!existsSync(join(ROOT, 'dist/index.js'))) {
    console.error('fuzz: dist/index.js is missing; run npm run build first');
    process.exit(2);
  }
  if (options.replay) {
    const results = await replay(options.replay, options);
    for (const r of results)
      console.log(
        `${r.failures.length ? '✖' : '✔'} ${r.note} (saved for ${r.invariant}): ${r.failures.join('; ') || 'passes now'}`,
      );
    process.exit(results.some((r) => r.failures.length) ? 1 : 0);
  }
  const summary = await runCampaign(options);
  if (options.json) console.log(JSON.stringify({ fuzzSummary: summary }));
  else printSummary(summary);
  process.exit(summary.failures.length ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) await main();
