import { readFileSync } from 'node:fs';
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
  },
});
