/**
 * The `offmain` command: the same core calls as the actions, so everything runs outside GitHub.
 * Results go to stdout (text or --json); progress and errors go to stderr. Exit 0 on success,
 * 1 on any failure with one clear line on stderr.
 *
 * Each command loads only its own stage when it runs (a dynamic import the bundle keeps lazy): `--version`
 * loads nothing, `patch` the patch stage alone, and only the commands that talk to GitHub load its client.
 */
import { isOffmainError, OffmainError } from '../core/errors.js';
import { stderrLogger } from '../core/log.js';
import { runnerSafe, runnerSafeResult } from '../core/runnertext.js';
import type { Command, CommandOut } from './args.js';
import { OFFMAIN_VERSION } from './packageversion.js';
import { systemErrorLine } from './paths.js';

/** Every command, and how to load it. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  resolve: async () => (await import('./upstream.js')).upstreamCommands.resolve,
  version: async () => (await import('./upstream.js')).upstreamCommands.version,
  patch: async () => (await import('./upstream.js')).upstreamCommands.patch,
  run: async () => (await import('./run.js')).runCommand,
  build: async () => (await import('./build.js')).buildCommand,
  runners: async () => (await import('./runners.js')).runnersCommand,
  decide: async () => (await import('./decide.js')).decideCommand,
  bump: async () => (await import('./deploy.js')).deployCommands.bump,
  deploy: async () => (await import('./deploy.js')).deployCommands.deploy,
  freshness: async () => (await import('./deploy.js')).deployCommands.freshness,
};

/** Runs the CLI; returns the exit code. `io` is for tests. */
export async function main(argv: string[], io?: Partial<CommandOut>): Promise<number> {
  const quiet = argv.includes('--quiet') || argv.includes('-q');
  const out: CommandOut = {
    // A workflow step may run the CLI: the runner reads its stdout too (results quote upstream text).
    stdout: io?.stdout ?? ((s) => process.stdout.write(`${runnerSafeResult(s)}\n`)),
    log: io?.log ?? stderrLogger({ quiet }),
  };
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    out.stdout(`offmain ${OFFMAIN_VERSION}`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help' || rest.includes('--help') || rest.includes('-h')) {
    const usage = await import('./usage.js');
    out.stdout(name === 'build' ? usage.BUILD_USAGE : usage.USAGE);
    return name ? 0 : 1;
  }
  try {
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) {
      throw new OffmainError(`unknown command "${name}": expected one of ${Object.keys(COMMANDS).join(', ')} (see offmain --help)`);
    }
    return await (await load())(rest, out);
  } catch (e) {
    if (isOffmainError(e)) {
      out.log.error(e.message);
      return 1;
    }
    const line = systemErrorLine(name, e);
    if (line) {
      out.log.error(line);
      return 1;
    }
    throw e;
  }
}

/**
 * What the CLI prints for an error that is a bug in offmain (the entry's last resort): its stack, which may
 * quote what a server sent, so never in a form the runner reads as a `::` command.
 */
export function internalErrorText(e: unknown): string {
  return `${runnerSafe(`offmain: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)}\n`;
}
