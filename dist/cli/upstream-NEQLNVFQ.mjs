#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  patchOptions,
  printPatchResult,
  resolveOptions,
  token,
  track,
  upstreamCommands
} from "./chunk-VTET6XPC.mjs";
import "./chunk-KV2BBYS3.mjs";
import "./chunk-L3EOFOQF.mjs";
import "./chunk-DG7S4ZZ7.mjs";
export {
  patchOptions,
  printPatchResult,
  resolveOptions,
  token,
  track,
  upstreamCommands
};
