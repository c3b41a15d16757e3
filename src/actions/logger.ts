/**
 * The Logger of the actions: log groups, annotations that point at a file and line, and the output of other
 * programs. Nothing from outside offmain that it prints is read by the runner as a workflow command:
 *
 * - info lines and group names go through core/runnertext.ts (line breaks normalised, every line that would
 *   be a command neutralised);
 * - warnings and errors go through @actions/core's annotations, which escape `%`, CR and LF in the message
 *   (one line, starting with offmain's own `::warning`) and also `:` and `,` in the file and title;
 * - lines of another program (docker buildx progress: whatever a Dockerfile's RUN prints) are, besides,
 *   printed between `::stop-commands::TOKEN` and `::TOKEN::`, with a TOKEN random per block, which the runner
 *   documents for exactly this: it obeys no command in between, whatever syntax. The block ends before
 *   anything else is logged and at `endOutput`; `setFailed` ends it too, so that the failure is annotated.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as core from '@actions/core';
import type { Annotation, Logger } from '../core/log.js';
import { runnerSafe, runnerSafeLine } from '../core/runnertext.js';

/** The token of the open stop-commands block: one per process, as stdout and the runner's state are. */
let stopToken: string | undefined;

/** Ends the stop-commands block, if one is open: the runner obeys offmain's commands again. */
export function resumeCommands(): void {
  if (stopToken === undefined) return;
  const token = stopToken;
  stopToken = undefined;
  core.info(`::${token}::`);
}

function output(line: string): void {
  if (stopToken === undefined) {
    stopToken = `offmain-${randomUUID()}`;
    core.info(`::stop-commands::${stopToken}`);
  }
  core.info(runnerSafe(line));
}

/** core.setFailed, after any stop-commands block (else the runner would not annotate the failure). */
export function setFailed(message: string): void {
  resumeCommands();
  core.setFailed(message);
}

/**
 * @param fileBase where the files that annotations name live, relative to the workspace
 *   (annotation paths are read relative to the repository root).
 */
export function actionsLogger(fileBase = ''): Logger {
  const props = (w?: Annotation): core.AnnotationProperties => ({
    file: w?.file ? join(fileBase, w.file) : undefined,
    startLine: w?.line,
    title: w?.title,
  });
  return {
    info: (m) => {
      resumeCommands();
      core.info(runnerSafe(m));
    },
    warning: (m, w) => {
      resumeCommands();
      core.warning(m, props(w));
    },
    error: (m, w) => {
      resumeCommands();
      core.error(m, props(w));
    },
    group: (name, fn) => {
      resumeCommands();
      return core.group(runnerSafeLine(name), async () => {
        try {
          return await fn();
        } finally {
          resumeCommands();
        }
      });
    },
    output,
    endOutput: resumeCommands,
  };
}
