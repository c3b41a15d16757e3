/**
 * `offmain runners`: the build matrix of the reusable workflow, one runner per platform (JSON), also
 * appended as `matrix=...` to a GitHub output file.
 */
import { appendFileSync } from 'node:fs';
import { runnerMatrix } from '../build/index.js';
import { OffmainError } from '../core/errors.js';
import { parse, type CommandOut } from './args.js';
import { pathOption } from './paths.js';

export async function runnersCommand(args: string[], out: CommandOut): Promise<number> {
  const name = 'runners';
  const v = parse(name, args, { platforms: { type: 'string' }, runner: { type: 'string', multiple: true }, 'github-output': { type: 'string' } });
  const output = v['github-output'] && pathOption(name, 'github-output', v['github-output'], 'file');
  const labels: Record<string, string> = {};
  for (const r of v.runner ?? []) {
    const eq = r.indexOf('=');
    if (eq < 1) throw new OffmainError(`offmain runners: --runner "${r}" is not PLATFORM=LABEL (e.g. linux/arm64=emulate)`);
    if (r.slice(eq + 1)) labels[r.slice(0, eq)] = r.slice(eq + 1);
  }
  const matrix = JSON.stringify(runnerMatrix(v.platforms ?? 'linux/amd64,linux/arm64', labels));
  if (output) {
    try {
      appendFileSync(output, `matrix=${matrix}\n`);
    } catch (e) {
      throw new OffmainError(`offmain runners: cannot write --github-output ${v['github-output']} (${(e as Error).message}): pass a writable file`);
    }
  }
  out.stdout(matrix);
  return 0;
}
