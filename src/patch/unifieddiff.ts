/**
 * Plain unified diffs (as made by `git diff`, `git format-patch` or `diff -ru a/ b/`), applied with
 * `git apply` so admins get git's exact context matching.
 *
 * The diff is applied in a scratch directory that holds only the files it touches, copied from the
 * in-memory workspace (so a diff sees what the patch sets before it did). Nothing reaches the tree
 * until the whole run has passed. This also means `git apply` never depends on the tree being a git
 * work tree, nor on its index: the scratch directory is not inside any repository (discovery is
 * stopped by GIT_CEILING_DIRECTORIES).
 *
 * The tree is read through the workspace, which follows no symbolic link: a diff touching a link (or a path
 * under one) fails, saying so. A diff may not create a link or a submodule either (modes 120000, 160000), and
 * the scratch copy is read back without following links, so what git apply made there cannot point out of it.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, posix, resolve } from 'node:path';
import { OffmainError } from '../core/errors.js';
import { git } from '../core/git.js';
import { ConfinedDir, UnsafePathError } from '../core/safefs.js';
import { lockfileVerdict } from './patchset/evaluate.js';
import { lineMapper, type LineMap } from './patchset/linemap.js';
import { nearestLines } from './patchset/matching.js';
import type { PatchFailure, PatchResult } from './patchset/result.js';
import { Overlay, type Workspace } from './patchset/workspace.js';

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The hunk's body lines, each with its ' ', '-', '+' or '\' marker. */
  lines: string[];
  /** 1-based line of the `@@` header in the diff file. */
  line: number;
}

export interface DiffFile {
  /** Path before (after stripping `a/`); null for a created file. */
  oldPath: string | null;
  /** Path after (after stripping `b/`); null for a deleted file. */
  newPath: string | null;
  /** Mode of a created file or a mode change (e.g. 0o755). */
  newMode?: number;
  hunks: DiffHunk[];
  line: number;
}

export interface UnifiedDiff {
  /** The path as given, for messages. */
  source: string;
  text: string;
  /** The subject of a format-patch mail or the first line of text before the first file. */
  description: string;
  files: DiffFile[];
}

function unquote(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"') || p.length < 2) return p;
  const body = p.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[++i] ?? '';
    if (/[0-7]/.test(n)) {
      const oct = body.slice(i, i + 3);
      bytes.push(parseInt(oct, 8));
      i += 2;
    } else {
      bytes.push(({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 } as Record<string, number>)[n] ?? n.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parse a unified diff; malformed input throws an OffmainError naming the file and line. */
export function parseUnifiedDiff(text: string, source: string): UnifiedDiff {
  const fail = (line: number, message: string): never => {
    throw new OffmainError(`${source}:${line}: ${message}`, { file: source, line });
  };
  const stripPrefix = (raw: string, line: number): string | null => {
    let p = raw.replace(/\t.*$/, '');
    if (!p.startsWith('"')) p = p.replace(/\s+$/, '');
    p = unquote(p);
    if (p === '/dev/null') return null;
    const slash = p.indexOf('/');
    if (slash <= 0) {
      fail(line, `path "${p}" has no leading directory to strip (a/, b/): make the diff with \`git diff\` or \`diff -ru a/ b/\``);
    }
    return safePath(p.slice(slash + 1), line);
  };
  const safePath = (p: string, line: number): string => {
    const norm = posix.normalize(p);
    if (isAbsolute(p) || norm === '..' || norm.startsWith('../') || norm === '.' || norm === '') {
      fail(line, `path "${p}" is outside the tree`);
    }
    return norm;
  };
  const regularMode = (raw: string, line: number): number => {
    const mode = parseInt(raw, 8);
    const type = mode & 0o170000;
    if (type !== 0o100000) {
      const what = type === 0o120000 ? 'a symbolic link' : type === 0o160000 ? 'a submodule' : 'not a regular file';
      fail(line, `mode ${raw} is ${what}: offmain patches regular files only (mode 100644 or 100755)`);
    }
    return mode & 0o7777;
  };

  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  type ParsingFile = DiffFile & { sawOld: boolean; sawNew: boolean; git: boolean };
  const files: ParsingFile[] = [];
  const preamble: string[] = [];
  let cur: ParsingFile | undefined;
  let hunk: DiffHunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  const startFile = (line: number, git: boolean) => {
    cur = { oldPath: null, newPath: null, hunks: [], line, sawOld: false, sawNew: false, git };
    files.push(cur);
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const lineNo = i + 1;
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const marker = l[0] ?? ' ';
      if (marker === ' ' || l === '') {
        oldLeft--;
        newLeft--;
      } else if (marker === '-') oldLeft--;
      else if (marker === '+') newLeft--;
      else if (marker === '\\') {
        hunk.lines.push(l);
        continue;
      } else {
        fail(lineNo, `hunk from line ${hunk.line} ends early: ${oldLeft} old and ${newLeft} new lines still expected`);
      }
      if (oldLeft < 0 || newLeft < 0) fail(lineNo, `hunk from line ${hunk.line} has more lines than its @@ header says`);
      hunk.lines.push(l === '' ? ' ' : l);
      continue;
    }
    if (hunk && l.startsWith('\\')) {
      hunk.lines.push(l);
      continue;
    }
    hunk = undefined;
    if (l.startsWith('diff --git ')) {
      startFile(lineNo, true);
      const m = /^diff --git (\S+) (\S+)$/.exec(l);
      if (m) {
        cur!.oldPath = stripPrefix(m[1]!, lineNo);
        cur!.newPath = stripPrefix(m[2]!, lineNo);
      }
      continue;
    }
    if (l.startsWith('GIT binary patch') || /^Binary files .* differ$/.test(l)) {
      fail(lineNo, 'binary diffs are not supported: patch text files only');
    }
    if (cur && cur.git && cur.hunks.length === 0 && !cur.sawOld) {
      let m: RegExpExecArray | null;
      if ((m = /^new file mode (\d+)$/.exec(l))) {
        cur.newMode = regularMode(m[1]!, lineNo);
        cur.oldPath = null;
        continue;
      }
      if (/^deleted file mode /.test(l)) {
        cur.newPath = null;
        continue;
      }
      if ((m = /^new mode (\d+)$/.exec(l))) {
        cur.newMode = regularMode(m[1]!, lineNo);
        continue;
      }
      if ((m = /^(?:rename|copy) from (.+)$/.exec(l))) {
        cur.oldPath = safePath(unquote(m[1]!), lineNo);
        continue;
      }
      if ((m = /^(?:rename|copy) to (.+)$/.exec(l))) {
        cur.newPath = safePath(unquote(m[1]!), lineNo);
        continue;
      }
    }
    if (l.startsWith('--- ')) {
      if (!cur || cur.sawOld || cur.hunks.length > 0 || !cur.git) startFile(lineNo, false);
      cur!.oldPath = stripPrefix(l.slice(4), lineNo);
      cur!.sawOld = true;
      continue;
    }
    if (l.startsWith('+++ ')) {
      if (!cur || !cur.sawOld || cur.sawNew) fail(lineNo, '"+++" without the "---" line before it');
      cur!.newPath = stripPrefix(l.slice(4), lineNo);
      cur!.sawNew = true;
      continue;
    }
    if (l.startsWith('@@')) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(l);
      if (!m) fail(lineNo, `malformed hunk header "${l}"`);
      if (!cur || !cur.sawNew) fail(lineNo, 'hunk before the "--- a/file" and "+++ b/file" lines');
      hunk = {
        oldStart: Number(m![1]),
        oldLines: m![2] === undefined ? 1 : Number(m![2]),
        newStart: Number(m![3]),
        newLines: m![4] === undefined ? 1 : Number(m![4]),
        lines: [],
        line: lineNo,
      };
      oldLeft = hunk.oldLines;
      newLeft = hunk.newLines;
      cur!.hunks.push(hunk);
      continue;
    }
    if (files.length === 0) preamble.push(l);
  }
  if (hunk && (oldLeft > 0 || newLeft > 0)) {
    fail(lines.length, `the diff ends inside the hunk from line ${hunk.line} (${oldLeft} old and ${newLeft} new lines missing)`);
  }
  if (files.length === 0) fail(1, 'not a unified diff: no "--- a/file" / "+++ b/file" headers found');
  for (const f of files) {
    if (!f.git && f.hunks.length === 0) fail(f.line, 'a file header without any hunk');
    if (f.oldPath === null && f.newPath === null) fail(f.line, 'a file header without a path');
  }
  const subject = preamble.map((l) => /^Subject:\s*(?:\[[^\]]*\]\s*)?(.*)$/.exec(l)?.[1]).find(Boolean);
  const firstText = preamble.map((l) => l.trim()).find((l) => l !== '' && !/^(From|Date|diff|index|---)\b/.test(l));
  return {
    source,
    text,
    description: subject ?? firstText ?? `unified diff ${basename(source)}`,
    files: files.map(({ oldPath, newPath, newMode, hunks, line }) => ({ oldPath, newPath, newMode, hunks, line })),
  };
}

/** Read and parse a diff file given by path (relative to `baseDir`). */
export async function loadUnifiedDiff(path: string, baseDir = process.cwd()): Promise<UnifiedDiff> {
  let text: string;
  try {
    text = await readFile(resolve(baseDir, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new OffmainError(`diff file not found: ${path}`, { file: path });
    throw new OffmainError(`cannot read diff file ${path}: ${(e as Error).message}`, { file: path });
  }
  return parseUnifiedDiff(text, path);
}

export function touchedPaths(diff: UnifiedDiff): string[] {
  const set = new Set<string>();
  for (const f of diff.files) {
    if (f.oldPath) set.add(f.oldPath);
    if (f.newPath) set.add(f.newPath);
  }
  return [...set];
}

function gitEnv(scratch: string): NodeJS.ProcessEnv {
  return {
    GIT_CEILING_DIRECTORIES: dirname(scratch),
    GIT_DIR: undefined,
    GIT_WORK_TREE: undefined,
    GIT_INDEX_FILE: undefined,
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

const APPLY_ARGS = ['apply', '-p1', '--whitespace=nowarn'];

export interface DiffEvaluation {
  result: PatchResult;
  overlay?: Overlay;
}

/**
 * Evaluate one diff against the workspace: `applied` (with the edits in `overlay`), `already-applied`
 * (the reverse applies cleanly) or `failed` (git's reason, the file and line, the nearest lines).
 */
export async function applyUnifiedDiff(diff: UnifiedDiff, ws: Workspace): Promise<DiffEvaluation> {
  const base = { id: basename(diff.source), set: diff.source, description: diff.description };
  const paths = touchedPaths(diff);
  const scratch = await mkdtemp(join(tmpdir(), 'offmain-diff-'));
  const copy = new ConfinedDir(scratch, { what: 'the scratch copy', advice: 'git apply made a symbolic link, which offmain does not patch' });
  try {
    const current = new Map<string, string | null>();
    for (const p of paths) {
      let text: string | null;
      try {
        text = await ws.read(p);
      } catch (e) {
        if (!(e instanceof UnsafePathError)) throw e;
        const file = e.location.file ?? p;
        const failure = { file, expected: 'a regular file inside the tree, reached through no symbolic link', nearest: [] };
        return { result: { ...base, status: 'failed', reason: `${diff.source}: ${e.message}`, files: [file], failure } };
      }
      current.set(p, text);
      if (text === null) continue;
      const abs = join(scratch, p);
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, text, 'utf8');
    }
    const env = gitEnv(scratch);
    const check = await git([...APPLY_ARGS, '--check'], { cwd: scratch, input: diff.text, env, allowFailure: true });
    if (check.code !== 0) {
      const reverse = await git([...APPLY_ARGS, '--check', '--reverse'], { cwd: scratch, input: diff.text, env, allowFailure: true });
      if (reverse.code === 0) return { result: { ...base, status: 'already-applied', files: paths.sort() } };
      const { reason, failure } = await explainFailure(diff, check.stderr, current, ws);
      return { result: { ...base, status: 'failed', reason, files: [failure.file], failure } };
    }
    await git(APPLY_ARGS, { cwd: scratch, input: diff.text, env });
    const overlay = new Overlay(ws);
    for (const p of paths) {
      const text = copy.read(p)?.toString('utf8') ?? null;
      if (text !== current.get(p)) overlay.set(p, text);
    }
    if (overlay.edits.size === 0 && diff.files.some((f) => f.hunks.length > 0)) {
      // git skips paths it considers outside its work tree; never report that as applied.
      const file = touchedPaths(diff)[0] ?? diff.source;
      return {
        result: {
          ...base,
          status: 'failed',
          reason: `${diff.source}: git apply changed nothing although the diff has hunks`,
          files: [file],
          failure: { file, expected: 'the diff changes the files it names', nearest: [] },
        },
      };
    }
    for (const f of diff.files) {
      if (f.newPath && f.newMode !== undefined) {
        const mode = (copy.lstat(f.newPath)?.mode ?? 0o644) & 0o7777;
        ws.modes.set(f.newPath, mode);
        if (!overlay.edits.has(f.newPath)) overlay.set(f.newPath, current.get(f.newPath) ?? null);
      }
    }
    const touchesLock = [...overlay.edits.keys()].some((p) => p === 'Gemfile' || p === 'Gemfile.lock');
    if (touchesLock) {
      const verdict = await lockfileVerdict(ws, overlay, false, async (file, seen) =>
        lineMapper(await ws.readPristine(file), seen),
      );
      if (verdict.failed) {
        const { reason, failure } = verdict.failed;
        for (const f of diff.files) if (f.newPath) ws.modes.delete(f.newPath);
        return { result: { ...base, status: 'failed', reason, files: [failure.file], failure } };
      }
    }
    return { result: { ...base, status: 'applied', files: [...overlay.edits.keys()].sort() }, overlay };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function explainFailure(
  diff: UnifiedDiff,
  stderr: string,
  current: Map<string, string | null>,
  ws: Workspace,
): Promise<{ reason: string; failure: PatchFailure }> {
  const errors = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('error:'))
    .map((l) => l.replace(/^error:\s*/, ''));
  const gitSays = errors.join('; ') || stderr.trim().split('\n').pop() || 'git apply --check failed';
  let file: string | undefined;
  let line: number | undefined;
  const failedAt = errors.map((e) => /^patch failed: (.+):(\d+)$/.exec(e)).find(Boolean);
  if (failedAt) {
    file = failedAt[1];
    line = Number(failedAt[2]);
  } else {
    const named = errors.map((e) => /^(.+?): (?:No such file or directory|does not exist|already exists in working directory|patch does not apply)/.exec(e)).find(Boolean);
    file = named?.[1];
  }
  file ??= touchedPaths(diff)[0] ?? diff.source;
  const text = current.get(file) ?? null;
  const df = diff.files.find((f) => f.oldPath === file || f.newPath === file);
  if (text === null && df && df.oldPath !== null) {
    return {
      reason: `${diff.source}: ${file}: file not found (the diff changes it)`,
      failure: { file, expected: 'the file exists', nearest: [] },
    };
  }
  if (text !== null && df && df.oldPath === null) {
    return {
      reason: `${diff.source}: ${file} already exists with other content (the diff creates it)`,
      failure: { file, line: 1, expected: 'no such file (the diff creates it)', nearest: [] },
    };
  }
  const hunk = df?.hunks.find((h) => h.oldStart === line) ?? df?.hunks[0];
  // The line git could not find: the first old-side line (context or removed) the file lacks.
  const oldSide = (hunk?.lines ?? []).filter((l) => l.startsWith(' ') || l.startsWith('-')).map((l) => l.slice(1));
  const present = new Set(text?.split('\n') ?? []);
  const wantedLine =
    oldSide.find((l) => l.trim() !== '' && !present.has(l)) ??
    hunk?.lines.find((l) => l.startsWith('-'))?.slice(1) ??
    oldSide.find((l) => l.trim() !== '');
  const at: LineMap = text === null ? (n) => n : lineMapper(await ws.readPristine(file), text);
  const nearest = text !== null && wantedLine ? nearestLines(text, wantedLine, 3, false).map((n) => ({ line: at(n.line), text: n.text })) : [];
  return {
    reason: `${diff.source}: does not apply to ${file}${line ? `:${line}` : ''} (git apply: ${gitSays})`,
    failure: {
      file,
      line: nearest[0]?.line ?? line,
      expected: wantedLine !== undefined ? `the hunk${hunk ? ` at line ${hunk.oldStart}` : ''}: ${wantedLine.trim()}` : 'the diff applies',
      nearest,
    },
  };
}
