#!/usr/bin/env node
// Runs one TypeScript file (a benchmark or a tool script) by bundling it with esbuild first.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.mjs FILE.ts [ARGS...]');
  process.exit(1);
}
// Inside the project so that the external packages resolve from node_modules.
mkdirSync('node_modules/.cache', { recursive: true });
const out = join(mkdtempSync(resolve('node_modules/.cache/offmain-run-')), 'main.mjs');
await build({
  entryPoints: [resolve(entry)],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  loader: { '.yml': 'text' },
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(out).href);
