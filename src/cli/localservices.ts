/**
 * The local Docker engine and registry that `scripts/services.sh start` runs for the demo, the tests and
 * the benchmark: it writes what they need (DOCKER_HOST, DOCKER_CONFIG, the registry address, the base
 * image) as KEY=VALUE lines to `.tmp/services.env` in the clone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function servicesEnvFile(root: string): string {
  return join(root, '.tmp', 'services.env');
}

/** The variables `scripts/services.sh start` wrote, or undefined when it has not run in this clone. */
export function readServicesEnv(root: string): Record<string, string> | undefined {
  const file = servicesEnvFile(root);
  if (!existsSync(file)) return undefined;
  const vars: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) vars[line.slice(0, i)] = line.slice(i + 1);
  }
  return vars;
}
