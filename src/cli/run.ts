import { main } from './main.js';
import { nodeIO } from './node-io.js';

/** Runs the CLI as this process, with its arguments and real I/O, and returns the exit code. */
export function run(): Promise<number> {
  return main(process.argv.slice(2), nodeIO());
}
