#!/usr/bin/env node
// Bundles each action to one CommonJS file in dist/ (the toolkit packages are ESM-only; esbuild turns them
// into a self-contained bundle, as docker/metadata-action does), and the CLI to ESM chunks in dist/cli/.
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

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  loader: { '.yml': 'text' },
  legalComments: 'none',
  logLevel: 'warning',
};

for (const [name, entry] of Object.entries(entries)) {
  if (!existsSync(entry)) continue;
  if (name === 'cli') {
    // The CLI is split, so a command loads only its own stage: ESM chunks, one per command and per shared
    // part (`offmain --version` reads one small file; `patch` never loads the registry, deploy or GitHub code).
    // The banner gives the bundled CommonJS dependencies `require` and the demo its `__dirname`.
    const outdir = join(outRoot, name);
    rmSync(outdir, { recursive: true, force: true });
    await build({
      ...common,
      entryPoints: { index: entry },
      outdir,
      format: 'esm',
      splitting: true,
      outExtension: { '.js': '.mjs' },
      banner: {
        js: [
          '#!/usr/bin/env node',
          "import { createRequire as __offmainRequire } from 'node:module';",
          "import { fileURLToPath as __offmainPath } from 'node:url';",
          'const require = __offmainRequire(import.meta.url);',
          'const __dirname = __offmainPath(new URL(".", import.meta.url));',
        ].join('\n'),
      },
    });
    continue;
  }
  await build({ ...common, entryPoints: [entry], outfile: join(outRoot, name, 'index.cjs'), format: 'cjs' });
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
