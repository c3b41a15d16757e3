#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  DECIDE_USAGE,
  decideCommand
} from "./chunk-Y37SPGLA.mjs";
import "./chunk-GMLMNTQJ.mjs";
import "./chunk-V3NXRM3C.mjs";
import "./chunk-KV2BBYS3.mjs";
import "./chunk-IAWWPQKX.mjs";
import "./chunk-NKYRLZ6Q.mjs";
import "./chunk-DG7S4ZZ7.mjs";
export {
  DECIDE_USAGE,
  decideCommand
};
