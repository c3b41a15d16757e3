#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  parse
} from "./chunk-KV2BBYS3.mjs";
import {
  runnerMatrix
} from "./chunk-4LXDK5L3.mjs";
import "./chunk-L3EOFOQF.mjs";
import {
  OffmainError,
  pathOption
} from "./chunk-DG7S4ZZ7.mjs";

// src/cli/runners.ts
import { appendFileSync } from "node:fs";
async function runnersCommand(args, out) {
  const name = "runners";
  const v = parse(name, args, { platforms: { type: "string" }, runner: { type: "string", multiple: true }, "github-output": { type: "string" } });
  const output = v["github-output"] && pathOption(name, "github-output", v["github-output"], "file");
  const labels = {};
  for (const r of v.runner ?? []) {
    const eq = r.indexOf("=");
    if (eq < 1) throw new OffmainError(`offmain runners: --runner "${r}" is not PLATFORM=LABEL (e.g. linux/arm64=emulate)`);
    if (r.slice(eq + 1)) labels[r.slice(0, eq)] = r.slice(eq + 1);
  }
  const matrix = JSON.stringify(runnerMatrix(v.platforms ?? "linux/amd64,linux/arm64", labels));
  if (output) {
    try {
      appendFileSync(output, `matrix=${matrix}
`);
    } catch (e) {
      throw new OffmainError(`offmain runners: cannot write --github-output ${v["github-output"]} (${e.message}): pass a writable file`);
    }
  }
  out.stdout(matrix);
  return 0;
}
export {
  runnersCommand
};
