/**
 * Bench: `bump` on a GitOps config repository of 5,000 YAML files, against baselines run in this same process
 * (the wall clock alone varies from machine to machine):
 *
 *  - a plain read of every file (readdir + readFile: the least any tool that looks at every file must do);
 *  - `grep -rl acme/mastodon` over the tree (the raw command an admin runs to find the files naming the image;
 *    issue 12's goal: the bump within 2.5x of it, for 5,000 and 50,000 files);
 *  - `git grep --no-index -l` for the image (what a grep-and-sed bumper starts with).
 *
 * The repository is realistic: 20 files reference the images (kustomizations, Helm values, a HelmRelease,
 * Deployments for web, each Sidekiq queue and streaming, a CronJob, a Job, compose), 60 more mention the image in
 * comments or docs without referencing it, and the rest are other apps' manifests, values and config maps.
 *
 * The result is verified byte for byte: every referencing file is generated from a template whose only variable
 * parts are the image scalars, so the expected output is the template with the new values; every other file
 * must be unchanged. The bytes that differ are exactly the replaced scalars.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bump, type ImageTarget } from '../src/deploy/bump.js';
import { peakLine, peakOfCli } from './peak.js';
import { median } from './measure.js';

/** `BENCH_BUMP_SIZES=5000` runs one size only (for working on one of them). */
const SIZES = (process.env.BENCH_BUMP_SIZES ?? '5000,50000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const M = 'ghcr.io/acme/mastodon';
const S = 'ghcr.io/acme/mastodon-streaming';

interface Values {
  /** mastodon tag, digest; streaming tag, digest */
  t: string;
  d: string;
  st: string;
  sd: string;
}
const OLD: Values = {
  t: '4.8.0-alpha.1_2f40549',
  d: `sha256:${'c3'.repeat(32)}`,
  st: '4.8.0-alpha.1_2f40549',
  sd: `sha256:${'d4'.repeat(32)}`,
};
const NEW: Values = {
  t: '4.8.0-alpha.2_9c1e3d0',
  d: `sha256:${'a1'.repeat(32)}`,
  st: '4.8.0-alpha.2_9c1e3d0',
  sd: `sha256:${'b2'.repeat(32)}`,
};
const TARGETS: ImageTarget[] = [
  { repository: M, tag: NEW.t, digest: NEW.d },
  { repository: S, tag: NEW.st, digest: NEW.sd },
];

/** A file whose only variable parts are the image scalars: `parts` alternate literal text and a value key. */
type Template = (v: Values) => string;

function deployment(name: string, queue: string | undefined, quote: string, init = false): Template {
  return (v) => `# Mastodon ${name}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: mastodon-${name}
  labels: {app.kubernetes.io/name: mastodon, app.kubernetes.io/component: ${name}}
spec:
  replicas: 2
  selector:
    matchLabels: {app.kubernetes.io/component: ${name}}
  template:
    metadata:
      labels: {app.kubernetes.io/component: ${name}}
    spec:
${init ? `      initContainers:\n        - name: migrate\n          image: ${quote}${M}:${v.t}@${v.d}${quote}   # pre-deploy migrations\n          command: [bundle, exec, rails, db:migrate]\n` : ''}      containers:
        - name: ${name}
          image: ${quote}${M}:${v.t}@${v.d}${quote}
          command: ${queue ? `["bundle", "exec", "sidekiq", "-q", "${queue}"]` : '["bundle", "exec", "puma", "-C", "config/puma.rb"]'}
          envFrom:
            - configMapRef: {name: mastodon-env}
            - secretRef: {name: mastodon-secrets}
          resources:
            requests: {cpu: 250m, memory: 768Mi}
`;
}

const REFERENCING: Record<string, Template> = {
  'apps/mastodon/base/kustomization.yaml': (v) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: mastodon   # everything of the instance
resources:
  - web.yaml
  - sidekiq.yaml
  - streaming.yaml
images:
  # offmain bumps these two
  - name: ${M}
    newTag: "${v.t}"
    digest: "${v.d}"
  - name: ${S}
    newTag: '${v.st}'   # streaming
    digest: '${v.sd}'
  - name: docker.io/library/redis
    newTag: "7.2"
`,
  'apps/mastodon/overlays/prod/kustomization.yaml': (v) => `resources: [../../base]
images:
- name: mastodon
  newName: ${M}
  newTag: ${v.t}
  digest: ${v.d}
- {name: streaming, newName: ${S}, newTag: "${v.st}", digest: "${v.sd}"}
replicas:
- {name: mastodon-web, count: 4}
`,
  'apps/mastodon/overlays/staging/kustomization.yaml': (v) => `# staging follows the same build
resources: [../../base]
images:
  - name: ${M}
    newTag: ${v.t}
    digest: ${v.d}
`,
  'helm/mastodon/values.yaml': (v) => `# Values for the mastodon/chart
image:
  repository: ${M}
  # the offmain build
  tag: "${v.t}"
  digest: "${v.d}"
  pullPolicy: IfNotPresent
mastodon:
  locale: en
  streaming:
    image:
      repository: '${S}'
      tag: '${v.st}'  # streaming build
      digest: '${v.sd}'
  web:
    replicas: 2
postgresql:
  enabled: false
`,
  'helm/mastodon/values-canary.yaml': (v) => `image:
  repository: ${M}
  tag: ${v.t}
  digest: ${v.d}
`,
  'clusters/prod/mastodon/helmrelease.yaml': (v) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: mastodon
  namespace: mastodon
spec:
  interval: 10m
  chart:
    spec:
      chart: mastodon
      version: "6.1.0"
  values:
    image:
      repository: ${M}
      tag: ${v.t}
      digest: ${v.d}
    mastodon:
      streaming:
        image: { repository: ${S}, tag: "${v.st}", digest: "${v.sd}" }
`,
  'k8s/mastodon/web.yaml': deployment('web', undefined, '"', true),
  'k8s/mastodon/sidekiq-default.yaml': deployment('sidekiq-default', 'default', ''),
  'k8s/mastodon/sidekiq-push.yaml': deployment('sidekiq-push', 'push', "'"),
  'k8s/mastodon/sidekiq-pull.yaml': deployment('sidekiq-pull', 'pull', ''),
  'k8s/mastodon/sidekiq-ingress.yaml': deployment('sidekiq-ingress', 'ingress', ''),
  'k8s/mastodon/sidekiq-mailers.yaml': deployment('sidekiq-mailers', 'mailers', '"'),
  'k8s/mastodon/sidekiq-scheduler.yaml': deployment('sidekiq-scheduler', 'scheduler', ''),
  'k8s/mastodon/sidekiq-fasp.yaml': deployment('sidekiq-fasp', 'fasp', ''),
  'k8s/mastodon/streaming.yaml': (v) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: mastodon-streaming}
spec:
  template:
    spec:
      containers:
        - name: streaming
          image: ${S}:${v.st}@${v.sd}
          ports: [{containerPort: 4000}]
`,
  'k8s/mastodon/media-cleanup.yaml': (v) => `apiVersion: batch/v1
kind: CronJob
metadata: {name: media-remove}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: tootctl
              image: "${M}:${v.t}@${v.d}"
              command: [bin/tootctl, media, remove, --days, "7"]
`,
  'k8s/mastodon/db-migrate.yaml': (v) => `apiVersion: batch/v1
kind: Job
metadata:
  name: db-migrate
  annotations: {argocd.argoproj.io/hook: PreSync}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ${M}:${v.t}@${v.d}
          command: [bundle, exec, rails, db:migrate]
`,
  'compose/docker-compose.yml': (v) => `# local test instance
services:
  web:
    image: ${M}:${v.t}@${v.d}
    command: bundle exec puma -C config/puma.rb
  sidekiq:
    image: "${M}:${v.t}@${v.d}"
    command: bundle exec sidekiq
  streaming:
    image: '${S}:${v.st}@${v.sd}'
  redis:
    image: redis:7.2-alpine
`,
  'k8s/staging/web.yaml': deployment('staging-web', undefined, ''),
  'k8s/staging/streaming.yaml': (v) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: streaming, namespace: staging}
spec:
  template:
    spec:
      containers:
        - {name: streaming, image: "${S}:${v.st}@${v.sd}"}
`,
};

const APPS = ['grafana', 'loki', 'prometheus', 'ingress-nginx', 'cert-manager', 'minio', 'postgres', 'redis', 'elasticsearch', 'pgbouncer'];

/** A file of another app, or (`mentions`) one that names the image in comments or docs only. */
function otherFile(i: number, mentions: boolean): [string, string] {
  const app = APPS[i % APPS.length]!;
  const dir = `apps/${app}/${['base', 'overlays/prod', 'overlays/staging', 'dashboards', 'rules'][i % 5]}/g${i % 25}`;
  if (mentions) {
    return [
      `${dir}/notes-${i}.yaml`,
      `# Runbook ${i}: when ${M} restarts, check the queue depth.\n# See also ${S} and https://github.com/acme/mastodon-config.\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: runbook-${i}}\ndata:\n  text: "the web image (acme/mastodon) is bumped by offmain"\n`,
    ];
  }
  switch (i % 4) {
    case 0:
      return [
        `${dir}/deployment-${i}.yaml`,
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}-${i}\n  labels: {app: ${app}}\nspec:\n  replicas: ${1 + (i % 3)}\n  template:\n    spec:\n      containers:\n        - name: ${app}\n          image: docker.io/acme/${app}:1.${i % 30}.${i % 7}\n          ports: [{containerPort: ${8000 + (i % 100)}}]\n          resources: {requests: {cpu: 100m, memory: 128Mi}}\n`,
      ];
    case 1:
      return [`${dir}/service-${i}.yaml`, `apiVersion: v1\nkind: Service\nmetadata: {name: ${app}-${i}}\nspec:\n  selector: {app: ${app}}\n  ports:\n    - port: 80\n      targetPort: ${8000 + (i % 100)}\n`];
    case 2:
      return [
        `${dir}/values-${i}.yaml`,
        `# ${app} chart values\nimage:\n  repository: quay.io/acme/${app}\n  tag: "v2.${i % 40}.0"\nreplicaCount: 2\nresources:\n  limits: {memory: 512Mi}\nextraEnv:\n${Array.from({ length: 8 }, (_, k) => `  - {name: VAR_${k}, value: "${i * k}"}`).join('\n')}\n`,
      ];
    default:
      return [
        `${dir}/configmap-${i}.yaml`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${app}-config-${i}}\ndata:\n${Array.from({ length: 12 }, (_, k) => `  key_${k}: "value ${i}-${k}"`).join('\n')}\n`,
      ];
  }
}


function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function write(root: string, files: Record<string, string>) {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
}

export interface BumpBenchResult {
  files: number;
  referencing: number;
  readAllMs: number;
  gitGrepMs: number;
  grepMs: number;
  bumpMs: number;
  changedFiles: number;
  scalarsReplaced: number;
  bytesOutsideScalars: number;
  ok: boolean;
}

export async function benchBump(): Promise<BumpBenchResult[]> {
  const out: BumpBenchResult[] = [];
  for (const files of SIZES) out.push(await benchBumpOf(files));
  return out;
}

async function benchBumpOf(FILES: number): Promise<BumpBenchResult> {
  const root = mkdtempSync(join(tmpdir(), 'offmain-bench-bump-'));
  try {
    // The repository: 20 referencing files, 60 mentioning, the rest other apps.
    const files: Record<string, string> = {};
    const expected: Record<string, string> = {};
    let scalars = 0;
    for (const [f, tpl] of Object.entries(REFERENCING)) {
      files[f] = tpl(OLD);
      expected[f] = tpl(NEW);
      // Every variable part of a template is an image scalar; `repo:TAG@DIGEST` is one scalar with two parts.
      const marks = tpl({ t: '\u0001', d: '\u0002', st: '\u0003', sd: '\u0004' }).replace(/\u0001@\u0002|\u0003@\u0004/g, '\u0001');
      scalars += (marks.match(/[\u0001-\u0004]/g) ?? []).length;
    }
    for (let i = 0; files && Object.keys(files).length < FILES; i++) {
      const [f, text] = otherFile(i, i % 80 === 7);
      files[f] = text;
    }
    const template = join(root, 'template');
    write(template, files);
    // `BENCH_BUMP_KEEP=DIR` keeps a copy of the repository (to profile the bump on it).
    if (process.env.BENCH_BUMP_KEEP) cpSync(template, `${process.env.BENCH_BUMP_KEEP}-${FILES}`, { recursive: true });
    const total = walk(template).length;

    // Baselines and bump, alternating, on fresh copies.
    const readAll: number[] = [];
    const gitGrep: number[] = [];
    const grep: number[] = [];
    const bumps: number[] = [];
    const finds: number[] = [];
    let last = '';
    let changed = 0;
    let parsed = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const copy = join(root, `round-${r}`);
      cpSync(template, copy, { recursive: true });
      // The copy's own writes reach the disk first (a checkout at rest): the bump's fsyncs then flush its own
      // files, not the thousands the copy has just written.
      execFileSync('sync');

      let t = performance.now();
      let bytes = 0;
      for (const p of walk(copy)) bytes += readFileSync(p).length;
      readAll.push(performance.now() - t);
      if (bytes === 0) throw new Error('bench: nothing read');

      t = performance.now();
      execFileSync('git', ['grep', '--no-index', '-l', '-F', 'acme/mastodon', '--', '.'], { cwd: copy, maxBuffer: 64 << 20 });
      gitGrep.push(performance.now() - t);

      t = performance.now();
      execFileSync('grep', ['-rl', 'acme/mastodon', '.'], { cwd: copy, maxBuffer: 64 << 20 });
      grep.push(performance.now() - t);

      // The same search and edit plan without writing (what the bump costs before its durable write).
      t = performance.now();
      await bump({ dir: copy, targets: TARGETS, dryRun: true });
      finds.push(performance.now() - t);

      t = performance.now();
      const result = await bump({ dir: copy, targets: TARGETS });
      bumps.push(performance.now() - t);
      changed = result.files.length;
      parsed = result.searched.parsed;
      last = copy;
    }

    // Verify the last round byte for byte.
    const problems: string[] = [];
    let outside = 0;
    for (const [f, before] of Object.entries(files)) {
      const after = readFileSync(join(last, f), 'utf8');
      const want = expected[f] ?? before;
      if (after !== want) {
        problems.push(f);
        // Bytes that differ from what replacing only the scalars gives.
        let a = 0;
        while (a < after.length && after[a] === want[a]) a++;
        let b = 0;
        while (b < after.length - a && after[after.length - 1 - b] === want[want.length - 1 - b]) b++;
        outside += Math.max(after.length, want.length) - a - b;
      }
    }
    if (total !== FILES) problems.push(`expected ${FILES} files, generated ${total}`);
    if (changed !== Object.keys(REFERENCING).length) problems.push(`bump changed ${changed} files, expected ${Object.keys(REFERENCING).length}`);

    const read = median(readAll);
    const gitGrepMs = median(gitGrep);
    const grepMs = median(grep);
    const b = median(bumps);
    const ok = problems.length === 0;
    console.log(`bump on a ${total}-file config repository (${Object.keys(REFERENCING).length} files reference the images; median of ${ROUNDS}):`);
    console.log(`  plain read of every file (baseline)        ${read.toFixed(1)} ms`);
    console.log(`  git grep --no-index -l (baseline)           ${gitGrepMs.toFixed(1)} ms`);
    console.log(`  grep -rl acme/mastodon (baseline)           ${grepMs.toFixed(1)} ms`);
    console.log(
      `  offmain bump (2 images, tag + digest)       ${b.toFixed(1)} ms = ${(b / grepMs).toFixed(2)}x grep -rl (goal: 2.5x: ${b <= 2.5 * grepMs ? 'met' : 'MISSED'}), ${(b / read).toFixed(2)}x the plain read, ${(b / gitGrepMs).toFixed(2)}x git grep`,
    );
    const f = median(finds);
    console.log(
      `    the same without writing (--dry-run)    ${f.toFixed(1)} ms = ${(f / grepMs).toFixed(2)}x grep -rl (the bump adds the journalled write: 4 rounds of fsync)`,
    );
    console.log(
      `  verified: ${changed} files changed, ${scalars} scalars replaced, ${total - changed} files byte-identical (${parsed} of ${total} files parsed); bytes changed outside the replaced scalars: ${outside}${ok ? '' : `  FAILED: ${problems.slice(0, 5).join(', ')}`}`,
    );
    // Peak memory of the same bump as the CLI runs it (dist/cli/index.mjs, `npm run build` first), as a dry run.
    const sets = TARGETS.flatMap((t) => ['--set', `${t.repository}=${t.tag}@${t.digest}`]);
    const peak = peakOfCli(['bump', '--dir', join(root, 'template'), ...sets, '--dry-run']);
    console.log(peakLine(`offmain bump --dry-run, ${total} files`, peak));
    if (peak.status !== 0) problems.push(`offmain bump exited ${peak.status}: ${peak.stderr.trim().split('\n').pop()}`);
    if (!ok) process.exitCode = 1;
    return { files: total, referencing: Object.keys(REFERENCING).length, readAllMs: read, gitGrepMs, grepMs, bumpMs: b, changedFiles: changed, scalarsReplaced: scalars, bytesOutsideScalars: outside, ok };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
