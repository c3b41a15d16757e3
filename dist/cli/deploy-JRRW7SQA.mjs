#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
import {
  DEPLOY_USAGE,
  adoptValues,
  deployCommands
} from "./chunk-VRTZVZF6.mjs";
import "./chunk-54TWN4SH.mjs";
import "./chunk-KV2BBYS3.mjs";
import "./chunk-ELO4NBSL.mjs";
import "./chunk-C7D6ZUBF.mjs";
import "./chunk-DG7S4ZZ7.mjs";
export {
  DEPLOY_USAGE,
  adoptValues,
  deployCommands
};
