/** pdfjs's worker module, loaded into the page's or process's own thread; it ships no type declarations of its own. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
