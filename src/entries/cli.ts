// The bundle entry of the offmain CLI (dist/cli/index.mjs): runs the command line and sets the exit code.
import { internalErrorText, main } from '../cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(internalErrorText(e));
    process.exitCode = 1;
  },
);
