/**
 * Runs git. The only place offmain spawns git, so every call gets the same environment: no prompts;
 * only the transports offmain allows (https, ssh, git, file; never `ext::` or `fd::`); an HTTP transfer
 * that stalls (under 1 KB/s for OFFMAIN_STALL_SECONDS, default 60) is aborted, and no call runs longer
 * than OFFMAIN_GIT_TIMEOUT_SECONDS (default 1800). Credentials come from a GitRemote (core/remote.ts) as
 * GIT_CONFIG_* variables scoped to that remote's URL, never in a URL that could reach a log.
 */
import { execFile } from 'node:child_process';
import { OffmainError } from './errors.js';
import { ALLOWED_PROTOCOLS } from './remote.js';
import { gitTimeoutSeconds, stallSeconds } from './timeouts.js';

export interface GitOptions {
  cwd?: string;
  /** Extra environment: a GitRemote's `env` (its credentials), or other git variables. */
  env?: NodeJS.ProcessEnv;
  /** Text to write to git's standard input. */
  input?: string;
  /** Return the result instead of throwing when git exits non-zero. */
  allowFailure?: boolean;
  /**
   * At most this many bytes of standard output are kept (default 256 MiB): past them git is stopped and the
   * result says `overflow` (exit code non-zero), so a read of upstream text is bounded in memory.
   */
  maxStdout?: number;
  /** Stops git (SIGKILL) when aborted: a watchdog (history.ts bounds a download so). */
  signal?: AbortSignal;
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Standard output went past `maxStdout`: git was stopped, `stdout` is its first bytes. */
  overflow?: boolean;
}

export function git(args: string[], opts: GitOptions = {}): Promise<GitResult> {
  const stall = stallSeconds();
  const limit = gitTimeoutSeconds();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '', // no prompt program: git asks nobody for credentials (not even an empty one)
    SSH_ASKPASS: 'echo',
    GCM_INTERACTIVE: 'never',
    LC_ALL: 'C',
    GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS,
    GIT_HTTP_LOW_SPEED_LIMIT: '1000',
    GIT_HTTP_LOW_SPEED_TIME: String(Math.ceil(stall)),
    ...opts.env,
  };
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd: opts.cwd, env, maxBuffer: opts.maxStdout ?? 256 * 1024 * 1024, encoding: 'utf8', timeout: limit * 1000, killSignal: 'SIGKILL', signal: opts.signal },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        const overflow = (error as NodeJS.ErrnoException | null)?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new OffmainError('git was not found on PATH: install git (2.25 or newer) and run again'));
          return;
        }
        if (error?.killed && !overflow && !opts.signal?.aborted) {
          stderr += `\nfatal: git ${args[0]} was stopped after ${limit} s (OFFMAIN_GIT_TIMEOUT_SECONDS): the server may be stalling; try again or raise the limit`;
        }
        const result: GitResult = overflow ? { code, stdout, stderr, overflow } : { code, stdout, stderr };
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
