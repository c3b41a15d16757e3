#!/usr/bin/env node
// Bundles every entry point to one CommonJS file in dist/ (the toolkit packages are ESM-only;
// esbuild turns them into a self-contained bundle, as docker/metadata-action does).
// `--check` builds into a temporary folder and fails when it differs from the committed dist/.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const entries = {
  cli: 'src/entries/cli.ts',
  patch: 'src/entries/action-patch.ts',
  build: 'src/entries/action-build.ts',
  deploy: 'src/entries/action-deploy.ts',
};

const check = process.argv.includes('--check');
const outRoot = check ? mkdtempSync(join(tmpdir(), 'offmain-dist-')) : 'dist';

for (const [name, entry] of Object.entries(entries)) {
  if (!existsSync(entry)) continue;
  await build({
    entryPoints: [entry],
    outfile: join(outRoot, name, 'index.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    loader: { '.yml': 'text' },
    legalComments: 'none',
    banner: name === 'cli' ? { js: '#!/usr/bin/env node' } : undefined,
    logLevel: 'warning',
  });
}

if (check) {
  const files = (root) => {
    const out = [];
    const walk = (d) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else out.push(relative(root, p));
      }
    };
    if (existsSync(root)) walk(root);
    return out.sort();
  };
  const fresh = files(outRoot);
  const committed = files('dist');
  const differing = [...new Set([...fresh, ...committed])].filter((f) => {
    const a = join(outRoot, f);
    const b = join('dist', f);
    return !existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b));
  });
  rmSync(outRoot, { recursive: true, force: true });
  if (differing.length > 0) {
    console.error(`dist/ differs from a fresh build: ${differing.join(', ')}. Run \`npm run build\` and commit dist/.`);
    process.exit(1);
  }
  console.log(`dist/ matches a fresh build (${fresh.length} files)`);
}
