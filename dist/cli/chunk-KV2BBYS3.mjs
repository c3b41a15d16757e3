#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  OffmainError,
  errorMessage
} from "./chunk-DG7S4ZZ7.mjs";

// src/cli/args.ts
import { parseArgs } from "node:util";
var COMMON_OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  quiet: { type: "boolean", short: "q" }
};
function parse(command, args, options) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: false, strict: true }).values;
  } catch (e) {
    throw new OffmainError(`offmain ${command}: ${errorMessage(e)} (see offmain --help)`);
  }
}
function required(command, name, value) {
  if (!value) throw new OffmainError(`offmain ${command}: --${name} is required (see offmain --help)`);
  return value;
}

export {
  parse,
  required
};
