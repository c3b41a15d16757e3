import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Built-in patch sets are YAML files imported as text (esbuild's `text` loader does the same in dist/).
const yamlAsText = {
  name: 'yaml-as-text',
  enforce: 'pre' as const,
  load(id: string) {
    if (id.endsWith('.yml')) return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    return null;
  },
};

export default defineConfig({
  plugins: [yamlAsText],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The tests mostly wait on git, the Docker engine and the registry: two files at a time even on a 2-core
    // machine (vitest's default there is one) cut a full run from about 340 s to about 245 s here.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
