#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  DECIDE_USAGE,
  decideCommand
} from "./chunk-WPILLENE.mjs";
import "./chunk-3LAYXXTM.mjs";
import "./chunk-NUSJ3E7V.mjs";
import "./chunk-KV2BBYS3.mjs";
import "./chunk-4LXDK5L3.mjs";
import "./chunk-L3EOFOQF.mjs";
import "./chunk-DG7S4ZZ7.mjs";
export {
  DECIDE_USAGE,
  decideCommand
};
