#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  DECIDE_USAGE,
  decideCommand
} from "./chunk-4KIIF6P4.mjs";
import "./chunk-LHBXACRE.mjs";
import "./chunk-IPO6J2LM.mjs";
import "./chunk-KV2BBYS3.mjs";
import "./chunk-P7I5BRSY.mjs";
import "./chunk-UU3CHNWJ.mjs";
import "./chunk-DG7S4ZZ7.mjs";
export {
  DECIDE_USAGE,
  decideCommand
};
