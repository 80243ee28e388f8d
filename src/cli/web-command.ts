import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { cliMessage } from '../diagnostics/render.js';
import type { Locale } from '../rules/catalogue-types.js';
import type { CliIO } from './io.js';
import { writeErrorLine } from './write-error.js';

/** Options of `xxgk-lint web`. */
export interface WebFlags {
  outputFile?: string;
  port: number;
  locale: Locale;
}

/** Where the built page is: dist/web/index.html, one folder up from this module (dist/cli/ or dist/bundle/). */
export function webPagePath(): string {
  return fileURLToPath(new URL('../web/index.html', import.meta.url));
}

/**
 * `xxgk-lint web`: writes the self-contained checking page to a file (-o, `-` for standard output), or serves it on
 * 127.0.0.1 at --port until stopped (the signal, else Ctrl+C). Returns the exit code.
 */
export async function webCommand(flags: WebFlags, io: CliIO, stop?: AbortSignal): Promise<number> {
  const path = webPagePath();
  let page: string;
  try {
    page = await readFile(path, 'utf8');
  } catch {
    io.stderr(`xxgk-lint: ${cliMessage('web-not-built', flags.locale, { file: path })}\n`);
    return 2;
  }
  if (flags.outputFile === '-') {
    io.stdout(page);
    return 0;
  }
  if (flags.outputFile !== undefined) {
    try {
      await io.writeFile(flags.outputFile, page);
    } catch (error) {
      io.stderr(writeErrorLine(flags.outputFile, error, flags.locale));
      return 2;
    }
    io.stderr(`${cliMessage('web-written', flags.locale, { file: flags.outputFile })}\n`);
    return 0;
  }
  return serve(page, flags, io, stop);
}

/** Serves the page at / (and /index.html) on 127.0.0.1 only; everything else is 404. Resolves with 0 once stopped, 2 when the port is taken. */
async function serve(page: string, flags: WebFlags, io: CliIO, stop: AbortSignal | undefined): Promise<number> {
  const body = Buffer.from(page, 'utf8');
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if ((request.method === 'GET' || request.method === 'HEAD') && (path === '/' || path === '/index.html')) {
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('404\n');
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(flags.port, '127.0.0.1', () => resolve(true));
  });
  if (!listening) {
    io.stderr(`xxgk-lint: ${cliMessage('web-port-busy', flags.locale, { port: String(flags.port) })}\n`);
    return 2;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : flags.port;
  io.stdout(`${cliMessage('web-serving', flags.locale, { url: `http://127.0.0.1:${port}/` })}\n`);
  await new Promise<void>((resolve) => {
    const end = (): void => {
      process.off('SIGINT', end);
      process.off('SIGTERM', end);
      server.close(() => resolve());
      server.closeAllConnections();
    };
    if (stop) {
      if (stop.aborted) end();
      else stop.addEventListener('abort', end, { once: true });
    } else {
      process.once('SIGINT', end);
      process.once('SIGTERM', end);
    }
  });
  return 0;
}
