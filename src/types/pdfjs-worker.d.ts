/** pdfjs's worker module (the package's copy, see scripts/vendor.mjs), loaded into the page's or process's own thread. */
declare module '#pdfjs-worker' {
  export const WorkerMessageHandler: unknown;
}

/** pdfjs's main module (the package's copy of pdfjs-dist's legacy build): pdfjs-dist's own types. */
declare module '#pdfjs' {
  export * from 'pdfjs-dist/legacy/build/pdf.mjs';
}
