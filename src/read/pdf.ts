import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { withNodeGlobals } from './pdf-node-globals.js';
import { linesToBlocks, toLines, type LayoutProblem, type PdfPage } from './pdf-layout.js';
import { InputError, type Block, type BlockSource, type ReaderFinding } from './types.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<PdfJs> | undefined;

/**
 * Loads pdfjs once, with its worker code run in this thread (no worker file, no web worker), in Node and in a
 * browser alike: the worker module is imported by name, so a bundler puts it in the page. #pdfjs and #pdfjs-worker
 * are the package's own copy of pdfjs-dist's legacy build (package.json `imports`, scripts/vendor.mjs).
 */
async function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const load = async (): Promise<PdfJs> => {
      const worker: unknown = await import('#pdfjs-worker');
      // pdfjs looks for an already loaded worker module here and then runs it in this thread.
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return import('#pdfjs');
    };
    return nodeProcess() ? withNodeGlobals(load) : load();
  })();
  return loaded;
}

/** The Node process this reader runs in, or undefined in a browser (which has no process). */
function nodeProcess(): NodeJS.Process | undefined {
  const host = (globalThis as { process?: NodeJS.Process }).process;
  // The types say a process is always there; in a browser there is none.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- see above
  return typeof host?.on === 'function' && host.versions?.node !== undefined ? host : undefined;
}

let dataFolders: Promise<{ cMapUrl: string; cMapPacked: true; standardFontDataUrl: string } | undefined> | undefined;

/**
 * In Node, pdfjs's CMap and standard-font folders beside the package's copy of pdfjs (for PDFs that do not embed
 * their fonts' maps); in a browser none: the page carries no data files and reads the embedded fonts' text only.
 */
async function pdfDataFolders(): Promise<
  { cMapUrl: string; cMapPacked: true; standardFontDataUrl: string } | undefined
> {
  dataFolders ??= (async () => {
    if (!nodeProcess()) return undefined;
    // Named through a variable so that a bundler making a browser page does not try to include Node's module loader.
    const nodeModule = 'node:module';
    const { createRequire } = (await import(nodeModule)) as typeof import('node:module');
    const base = createRequire(import.meta.url)
      .resolve('#pdfjs')
      .replace(/[^\\/]*$/u, '');
    return { cMapUrl: `${base}cmaps/`, cMapPacked: true, standardFontDataUrl: `${base}standard_fonts/` };
  })();
  return dataFolders;
}

/** Opens a PDF, turning the library's failures into one InputError each (not a PDF, encrypted, damaged). */
async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) throw new InputError('pdf-not-pdf');
  const lib = await pdfjs();
  const folders = await pdfDataFolders();
  const task = lib.getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given, so give it a copy; and it refuses a Node Buffer, so a plain Uint8Array.
    data: new Uint8Array(bytes),
    ...folders,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new InputError('pdf-encrypted');
    throw new InputError('pdf-damaged', { detail: error instanceof Error ? error.message : String(error) });
  }
}

/** The exceptions pdfjs throws (its BaseException subclasses), by name. */
const PDFJS_ERRORS = new Set([
  'AbortException',
  'FormatError',
  'InvalidPDFException',
  'MissingPDFException',
  'PasswordException',
  'ResponseException',
  'UnexpectedResponseException',
  'UnknownErrorException',
  'XRefEntryException',
  'XRefParseException',
  'ParserEOFException',
  'MissingDataException',
]);

/** By shape, not instanceof: the library's errors may come from another realm (a test runner's module context). */
function isPdfjsError(reason: unknown): reason is { name: string; message: string } {
  if (typeof reason !== 'object' || reason === null) return false;
  const { name, stack } = reason as { name?: unknown; stack?: unknown };
  return (
    (typeof name === 'string' && PDFJS_ERRORS.has(name)) ||
    (typeof stack === 'string' && /pdfjs-dist|vendor[\\/]pdfjs[\\/]|pdf\.js/u.test(stack))
  );
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs one PDF read at a time, catching the promise rejections pdfjs leaves unhandled: its worker runs in this thread,
 * and on a damaged file some of its own promises may reject with nobody listening, which would kill the process
 * (Node's default for an unhandled rejection) before any report is printed. The one such leak fuzzing found (the
 * page-dictionary prefetch, on a bad XRef entry) is stopped where it starts (scripts/vendor.mjs); this guard is for
 * any other. Such a rejection makes this read fail as 'pdf-damaged'; one from elsewhere is left to the host's own
 * listeners, or thrown on as Node would when there are none. Reads are queued so that a rejection belongs to the one
 * PDF being read (pdfjs runs in this thread anyway).
 */
async function guarded<T>(read: () => Promise<T>): Promise<T> {
  const host = nodeProcess();
  // A browser only logs an unhandled rejection: there is nothing to guard against, and no process to listen on.
  if (!host) {
    const run = queue.then(read);
    queue = run.catch(() => undefined);
    return run;
  }
  const run = queue.then(async () => {
    let leaked: { name: string; message: string } | undefined;
    const listener = (reason: unknown): void => {
      if (isPdfjsError(reason)) {
        leaked ??= reason;
        return;
      }
      // Someone else's rejection: a host that listens handles it; with no other listener, fail as Node would have.
      if (host.listenerCount('unhandledRejection') === 1) throw reason;
    };
    host.on('unhandledRejection', listener);
    try {
      let result: T | undefined;
      let failure: unknown;
      try {
        result = await read();
      } catch (error) {
        failure = error;
      }
      // Node reports unhandled rejections after the microtasks of a turn: let the turn end before looking.
      await new Promise<void>((resolve) => setImmediate(resolve));
      // What the reader threw is thrown on as it was (an InputError or the library's own error).
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- see above
      if (failure !== undefined) throw failure;
      if (leaked) throw new InputError('pdf-damaged', { detail: leaked.message });
      return result as T;
    } finally {
      host.off('unhandledRejection', listener);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * How many pages a PDF may have. An annual report has a few dozen; every page costs pdfjs tens of milliseconds even
 * when blank, so a file of 10,000 pages is refused at once rather than read for minutes.
 */
export const MAX_PDF_PAGES = 1000;

/** How many pages without text are looked at for an image before a PDF is called blank rather than a scan. */
const IMAGE_PAGES = 3;

/** True when one of the first pages paints an image: a PDF with no text and images is a scan, without either it is blank. */
async function hasImages(document: PDFDocumentProxy): Promise<boolean> {
  const { OPS } = await pdfjs();
  const painting = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObjectRepeat,
    OPS.paintInlineImageXObjectGroup,
    OPS.paintImageMaskXObjectGroup,
    OPS.paintImageMaskXObjectRepeat,
  ]);
  for (let number = 1; number <= Math.min(IMAGE_PAGES, document.numPages); number += 1) {
    try {
      const page = await document.getPage(number);
      const operators = await page.getOperatorList();
      page.cleanup();
      if (operators.fnArray.some((operator) => painting.has(operator))) return true;
    } catch {
      // A page whose drawing cannot be listed may well hold an image: say scan, the message that asks for the original.
      return true;
    }
  }
  return false;
}

/** Reads every page's text runs with their positions, in top-down coordinates. */
async function extractPages(document: PDFDocumentProxy): Promise<PdfPage[]> {
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    let page;
    let content;
    try {
      page = await document.getPage(number);
      content = await page.getTextContent();
    } catch (error) {
      throw new InputError('pdf-damaged', {
        detail: `page ${number}: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    const [, , , height] = page.view as [number, number, number, number];
    const texts = content.items
      .filter((item): item is TextItem => 'str' in item && item.str.trim() !== '')
      .map((item) => {
        const [a, b, , , x, y] = item.transform as [number, number, number, number, number, number];
        const size = Math.hypot(a, b) || item.height || 10;
        const vertical = item.dir === 'ttb';
        const top = vertical ? height - y - size : height - y - 0.85 * size;
        const bottom = vertical ? top + Math.max(item.height, size) : height - y + 0.15 * size;
        return {
          text: item.str,
          page: number,
          x0: x,
          x1: x + (vertical ? size : item.width),
          top,
          bottom,
          size,
          vertical,
        };
      });
    pages.push({ page: number, height, texts });
    page.cleanup();
  }
  return pages;
}

/** Reads a PDF into text blocks and raw tables (cell origins are page and line on that page), with any table that could not be rebuilt. */
export async function pdfToBlocks(
  bytes: Uint8Array,
): Promise<{ blocks: Block[]; problems: LayoutProblem[]; pages: number }> {
  return guarded(() => readDocument(bytes));
}

async function readDocument(bytes: Uint8Array): Promise<{ blocks: Block[]; problems: LayoutProblem[]; pages: number }> {
  const document = await open(bytes);
  try {
    if (document.numPages > MAX_PDF_PAGES)
      throw new InputError('pdf-too-many-pages', { pages: document.numPages, limit: MAX_PDF_PAGES });
    const pages = await extractPages(document);
    const characters = pages.reduce((sum, page) => sum + page.texts.reduce((n, t) => n + t.text.trim().length, 0), 0);
    if (characters === 0)
      throw new InputError((await hasImages(document)) ? 'pdf-no-text' : 'pdf-blank', { pages: pages.length });
    const problems: LayoutProblem[] = [];
    const blocks = linesToBlocks(toLines(pages), problems);
    return { blocks, problems, pages: pages.length };
  } finally {
    await document.destroy().catch(() => undefined);
  }
}

/** The PDF reader: text with positions → lines, columns and rows, with a finding for each table it could not rebuild. */
export async function readPdf(bytes: Uint8Array): Promise<BlockSource> {
  const { blocks, problems } = await pdfToBlocks(bytes);
  const findings: ReaderFinding[] = problems.map((problem) => ({
    ruleId: 'missing-table',
    messageId: 'pdf-unreadable',
    data: { heading: problem.heading, page: problem.page, line: problem.line },
    origin: { page: problem.page, line: problem.line },
  }));
  return { format: 'pdf', blocks, findings };
}
