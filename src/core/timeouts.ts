/**
 * How long offmain waits on a server, from the environment: OFFMAIN_STALL_SECONDS (default 60) for a transfer
 * or an API request that makes no progress, OFFMAIN_GIT_TIMEOUT_SECONDS (default 1800) for any one git call.
 */

/** Seconds from an environment variable, or the default when unset or not a positive number. */
function seconds(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export const stallSeconds = (): number => seconds('OFFMAIN_STALL_SECONDS', 60);
export const gitTimeoutSeconds = (): number => seconds('OFFMAIN_GIT_TIMEOUT_SECONDS', 1800);
