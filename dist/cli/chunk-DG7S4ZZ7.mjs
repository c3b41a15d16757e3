#!/usr/bin/env node
import { createRequire as __offmainRequire } from 'node:module';
import { fileURLToPath as __offmainPath } from 'node:url';
const require = __offmainRequire(import.meta.url);
const __dirname = __offmainPath(new URL(".", import.meta.url));
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// src/core/errors.ts
var OffmainError = class extends Error {
  location;
  constructor(message, location = {}) {
    super(message);
    this.name = "OffmainError";
    this.location = location;
  }
};
function isOffmainError(e) {
  return e instanceof OffmainError;
}
function errorMessage(e) {
  if (e instanceof Error) return e.message;
  return String(e);
}

// src/cli/paths.ts
import { statSync } from "node:fs";
import { resolve } from "node:path";
function pathOption(command, name, value, want) {
  const path = resolve(value);
  let found;
  try {
    found = statSync(path).isDirectory() ? "directory" : "file";
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT") return path;
    if (code === "ENOTDIR") throw new OffmainError(`offmain ${command}: --${name} ${value} lies below a file: pass a ${want} path`);
    throw new OffmainError(`offmain ${command}: --${name} ${value} cannot be used (${e.message})`);
  }
  if (found !== want) throw new OffmainError(`offmain ${command}: --${name} ${value} is a ${found}, not a ${want}: pass a ${want}`);
  return path;
}
function systemErrorLine(command, e) {
  const err = e;
  if (!(err instanceof Error) || typeof err.code !== "string" || !/^E[A-Z]+$/.test(err.code) || typeof err.syscall !== "string") return void 0;
  return `offmain ${command}: ${err.message.split("\n")[0]}`;
}

export {
  __require,
  __commonJS,
  __toESM,
  OffmainError,
  isOffmainError,
  errorMessage,
  pathOption,
  systemErrorLine
};
