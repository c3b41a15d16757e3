#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  DECIDE_USAGE,
  decideCommand
} from "./chunk-3GBWHYRI.mjs";
import "./chunk-LYFPMMIO.mjs";
import "./chunk-WZFAOZZW.mjs";
import "./chunk-KV2BBYS3.mjs";
import "./chunk-UMAFHZH7.mjs";
import "./chunk-4LWM2D66.mjs";
import "./chunk-DG7S4ZZ7.mjs";
export {
  DECIDE_USAGE,
  decideCommand
};
