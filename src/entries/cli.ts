// The bundle entry of the offmain CLI (dist/cli/index.mjs): runs the command line and sets the exit code.
import { main } from '../cli/main.js';
import { runnerSafe } from '../core/runnertext.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // An error's text may quote what a server sent: never in a form the runner reads as a `::` command.
    process.stderr.write(`${runnerSafe(`offmain: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)}\n`);
    process.exitCode = 1;
  },
);
