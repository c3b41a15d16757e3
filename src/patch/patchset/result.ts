/**
 * What a patch ends as: `applied`, `already-applied`, `not-needed` (with the reason) or `failed` (with the
 * file, the line, what was expected and the nearest lines found). Shared by patch sets and unified diffs.
 */
export type PatchStatus = 'applied' | 'already-applied' | 'not-needed' | 'failed';

export interface NearLine {
  line: number;
  text: string;
}

export interface PatchFailure {
  /** File the failure is about, relative to the tree. */
  file: string;
  /** 1-based line for an annotation (the nearest line found, or the offending line). */
  line?: number;
  /** What the patch expected to find. */
  expected: string;
  /** The lines of the file most similar to what was expected (or the lines that matched too often). */
  nearest: NearLine[];
}

export interface PatchResult {
  id: string;
  set: string;
  description: string;
  status: PatchStatus;
  /** not-needed: why, and what to do instead. failed: one line naming the file and the problem. */
  reason?: string;
  /** Files the patch changed (applied) or would change (already-applied). */
  files: string[];
  failure?: PatchFailure;
}
