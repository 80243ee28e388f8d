// Times reading the 6-page huaian-2024.pdf into the report document (needs `npm run build` first: it loads dist/).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = new URL('../fixtures/pdf/huaian-2024.pdf', import.meta.url);
const bytes = new Uint8Array(readFileSync(file));
const start = performance.now();
const { readPdf } = await import('../dist/read/pdf.js');
const first = performance.now();
await readPdf(bytes, { file: 'huaian-2024.pdf' });
const cold = performance.now() - start;
const runs = [];
for (let i = 0; i < 10; i += 1) {
  const t = performance.now();
  await readPdf(bytes, { file: 'huaian-2024.pdf' });
  runs.push(performance.now() - t);
}
runs.sort((a, b) => a - b);
console.log(
  `huaian-2024.pdf (6 pages): first read ${cold.toFixed(0)} ms including loading pdfjs (${(first - start).toFixed(0)} ms import); warm median ${runs[5].toFixed(0)} ms, min ${runs[0].toFixed(0)} ms over ${runs.length} reads`,
);
