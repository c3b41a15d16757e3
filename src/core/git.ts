/**
 * Runs git. The only place offmain spawns git, so every call gets the same environment:
 * no prompts, no system config surprises, and credentials passed as an HTTP header through
 * GIT_CONFIG_* variables, never in a URL that could reach a log.
 */
import { execFile } from 'node:child_process';
import { OffmainError } from './errors.js';

export interface GitOptions {
  cwd?: string;
  /** A token for HTTP(S) remotes; sent as `Authorization: Basic base64(x-access-token:TOKEN)`. */
  token?: string;
  /** Extra environment. */
  env?: NodeJS.ProcessEnv;
  /** Text to write to git's standard input. */
  input?: string;
  /** Return the result instead of throwing when git exits non-zero. */
  allowFailure?: boolean;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function authEnv(token: string | undefined): NodeJS.ProcessEnv {
  if (!token) return {};
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.extraheader',
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}

export function git(args: string[], opts: GitOptions = {}): Promise<GitResult> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: 'echo',
    SSH_ASKPASS: 'echo',
    GCM_INTERACTIVE: 'never',
    LC_ALL: 'C',
    ...authEnv(opts.token),
    ...opts.env,
  };
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd: opts.cwd, env, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new OffmainError('git was not found on PATH: install git (2.25 or newer) and run again'));
          return;
        }
        const result = { code, stdout, stderr };
        if (code !== 0 && !opts.allowFailure) {
          reject(new GitError(args, result));
          return;
        }
        resolve(result);
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** git exited non-zero. The message carries git's own last line (never a token: those travel in headers). */
export class GitError extends OffmainError {
  constructor(
    readonly args: string[],
    readonly result: GitResult,
  ) {
    const last = result.stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${result.code}`;
    super(`git ${args[0]} failed: ${last}`);
    this.name = 'GitError';
  }
}

/** Unix seconds (git's `%ct`) -> `2026-08-21T14:03:11Z`. */
export function isoUtc(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
