import { main } from './main.js';
import { nodeIO } from './node-io.js';
import { abandonedWork } from '../pipeline/limits.js';

/** Runs the CLI as this process, with its arguments and real I/O, and returns the exit code. */
export async function run(): Promise<number> {
  const code = await main(process.argv.slice(2), nodeIO());
  // A file given up at its time limit may still be working in the background (a reader cannot be stopped from
  // outside): once everything is written, end the process instead of waiting for it.
  if (abandonedWork() > 0) {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  }
  return code;
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}
