/** The Logger of the actions: log groups, and annotations that point at a file and line. */
import { join } from 'node:path';
import * as core from '@actions/core';
import type { Annotation, Logger } from '../core/log.js';

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
    info: (m) => core.info(m),
    warning: (m, w) => core.warning(m, props(w)),
    error: (m, w) => core.error(m, props(w)),
    group: (name, fn) => core.group(name, fn),
  };
}
