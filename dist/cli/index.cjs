#!/usr/bin/env node
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
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

// node_modules/semver/internal/constants.js
var require_constants = __commonJS({
  "node_modules/semver/internal/constants.js"(exports2, module2) {
    "use strict";
    var SEMVER_SPEC_VERSION = "2.0.0";
    var MAX_LENGTH = 256;
    var MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER || /* istanbul ignore next */
    9007199254740991;
    var MAX_SAFE_COMPONENT_LENGTH = 16;
    var MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;
    var WHITESPACE_CHARACTERS = [
      "	",
      "\n",
      "\v",
      "\f",
      "\r",
      " ",
      "\xA0",
      "\u1680",
      "\u2000",
      "\u2001",
      "\u2002",
      "\u2003",
      "\u2004",
      "\u2005",
      "\u2006",
      "\u2007",
      "\u2008",
      "\u2009",
      "\u200A",
      "\u2028",
      "\u2029",
      "\u202F",
      "\u205F",
      "\u3000",
      "\uFEFF"
    ];
    var RELEASE_TYPES = [
      "major",
      "premajor",
      "minor",
      "preminor",
      "patch",
      "prepatch",
      "prerelease"
    ];
    module2.exports = {
      MAX_LENGTH,
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_SAFE_INTEGER,
      WHITESPACE_CHARACTERS,
      RELEASE_TYPES,
      SEMVER_SPEC_VERSION,
      FLAG_INCLUDE_PRERELEASE: 1,
      FLAG_LOOSE: 2
    };
  }
});

// node_modules/semver/internal/debug.js
var require_debug = __commonJS({
  "node_modules/semver/internal/debug.js"(exports2, module2) {
    "use strict";
    var debug = typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG) ? (...args) => console.error("SEMVER", ...args) : () => {
    };
    module2.exports = debug;
  }
});

// node_modules/semver/internal/re.js
var require_re = __commonJS({
  "node_modules/semver/internal/re.js"(exports2, module2) {
    "use strict";
    var {
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_LENGTH
    } = require_constants();
    var debug = require_debug();
    exports2 = module2.exports = {};
    var re = exports2.re = [];
    var safeRe = exports2.safeRe = [];
    var src = exports2.src = [];
    var safeSrc = exports2.safeSrc = [];
    var t = exports2.t = {};
    var R = 0;
    var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
    var safeRegexReplacements = [
      ["\\s", 1],
      ["\\d", MAX_LENGTH],
      [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
    ];
    var makeSafeRegex = (value) => {
      for (const [token2, max] of safeRegexReplacements) {
        value = value.split(`${token2}*`).join(`${token2}{0,${max}}`).split(`${token2}+`).join(`${token2}{1,${max}}`);
      }
      return value;
    };
    var createToken = (name, value, isGlobal) => {
      const safe = makeSafeRegex(value);
      const index = R++;
      debug(name, index, value);
      t[name] = index;
      src[index] = value;
      safeSrc[index] = safe;
      re[index] = new RegExp(value, isGlobal ? "g" : void 0);
      safeRe[index] = new RegExp(safe, isGlobal ? "g" : void 0);
    };
    createToken("NUMERICIDENTIFIER", "0|[1-9]\\d*");
    createToken("NUMERICIDENTIFIERLOOSE", "\\d+");
    createToken("NONNUMERICIDENTIFIER", `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`);
    createToken("MAINVERSION", `(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})\\.(${src[t.NUMERICIDENTIFIER]})`);
    createToken("MAINVERSIONLOOSE", `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})\\.(${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASEIDENTIFIER", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIER]})`);
    createToken("PRERELEASEIDENTIFIERLOOSE", `(?:${src[t.NONNUMERICIDENTIFIER]}|${src[t.NUMERICIDENTIFIERLOOSE]})`);
    createToken("PRERELEASE", `(?:-(${src[t.PRERELEASEIDENTIFIER]}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`);
    createToken("PRERELEASELOOSE", `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`);
    createToken("BUILDIDENTIFIER", `${LETTERDASHNUMBER}+`);
    createToken("BUILD", `(?:\\+(${src[t.BUILDIDENTIFIER]}(?:\\.${src[t.BUILDIDENTIFIER]})*))`);
    createToken("FULLPLAIN", `v?${src[t.MAINVERSION]}${src[t.PRERELEASE]}?${src[t.BUILD]}?`);
    createToken("FULL", `^${src[t.FULLPLAIN]}$`);
    createToken("LOOSEPLAIN", `[v=\\s]*${src[t.MAINVERSIONLOOSE]}${src[t.PRERELEASELOOSE]}?${src[t.BUILD]}?`);
    createToken("LOOSE", `^${src[t.LOOSEPLAIN]}$`);
    createToken("GTLT", "((?:<|>)?=?)");
    createToken("XRANGEIDENTIFIERLOOSE", `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`);
    createToken("XRANGEIDENTIFIER", `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`);
    createToken("XRANGEPLAIN", `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:\\.(${src[t.XRANGEIDENTIFIER]})(?:${src[t.PRERELEASE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGEPLAINLOOSE", `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})(?:${src[t.PRERELEASELOOSE]})?${src[t.BUILD]}?)?)?`);
    createToken("XRANGE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`);
    createToken("XRANGELOOSE", `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COERCEPLAIN", `${"(^|[^\\d])(\\d{1,"}${MAX_SAFE_COMPONENT_LENGTH}})(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`);
    createToken("COERCE", `${src[t.COERCEPLAIN]}(?:$|[^\\d])`);
    createToken("COERCEFULL", src[t.COERCEPLAIN] + `(?:${src[t.PRERELEASE]})?(?:${src[t.BUILD]})?(?:$|[^\\d])`);
    createToken("COERCERTL", src[t.COERCE], true);
    createToken("COERCERTLFULL", src[t.COERCEFULL], true);
    createToken("LONETILDE", "(?:~>?)");
    createToken("TILDETRIM", `(\\s*)${src[t.LONETILDE]}\\s+`, true);
    exports2.tildeTrimReplace = "$1~";
    createToken("TILDE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
    createToken("TILDELOOSE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("LONECARET", "(?:\\^)");
    createToken("CARETTRIM", `(\\s*)${src[t.LONECARET]}\\s+`, true);
    exports2.caretTrimReplace = "$1^";
    createToken("CARET", `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
    createToken("CARETLOOSE", `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COMPARATORLOOSE", `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
    createToken("COMPARATOR", `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);
    createToken("COMPARATORTRIM", `(\\s*)${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
    exports2.comparatorTrimReplace = "$1$2$3";
    createToken("HYPHENRANGE", `^\\s*(${src[t.XRANGEPLAIN]})\\s+-\\s+(${src[t.XRANGEPLAIN]})\\s*$`);
    createToken("HYPHENRANGELOOSE", `^\\s*(${src[t.XRANGEPLAINLOOSE]})\\s+-\\s+(${src[t.XRANGEPLAINLOOSE]})\\s*$`);
    createToken("STAR", "(<|>)?=?\\s*\\*");
    createToken("GTE0", "^\\s*>=\\s*0\\.0\\.0\\s*$");
    createToken("GTE0PRE", "^\\s*>=\\s*0\\.0\\.0-0\\s*$");
  }
});

// node_modules/semver/internal/parse-options.js
var require_parse_options = __commonJS({
  "node_modules/semver/internal/parse-options.js"(exports2, module2) {
    "use strict";
    var looseOption = Object.freeze({ loose: true });
    var emptyOpts = Object.freeze({});
    var parseOptions = (options2) => {
      if (!options2) {
        return emptyOpts;
      }
      if (typeof options2 !== "object") {
        return looseOption;
      }
      return options2;
    };
    module2.exports = parseOptions;
  }
});

// node_modules/semver/internal/identifiers.js
var require_identifiers = __commonJS({
  "node_modules/semver/internal/identifiers.js"(exports2, module2) {
    "use strict";
    var numeric = /^[0-9]+$/;
    var compareIdentifiers = (a, b) => {
      if (typeof a === "number" && typeof b === "number") {
        return a === b ? 0 : a < b ? -1 : 1;
      }
      const anum = numeric.test(a);
      const bnum = numeric.test(b);
      if (anum && bnum) {
        a = +a;
        b = +b;
      }
      return a === b ? 0 : anum && !bnum ? -1 : bnum && !anum ? 1 : a < b ? -1 : 1;
    };
    var rcompareIdentifiers = (a, b) => compareIdentifiers(b, a);
    module2.exports = {
      compareIdentifiers,
      rcompareIdentifiers
    };
  }
});

// node_modules/semver/classes/semver.js
var require_semver = __commonJS({
  "node_modules/semver/classes/semver.js"(exports2, module2) {
    "use strict";
    var debug = require_debug();
    var { MAX_LENGTH, MAX_SAFE_INTEGER } = require_constants();
    var { safeRe: re, t } = require_re();
    var parseOptions = require_parse_options();
    var { compareIdentifiers } = require_identifiers();
    var isPrereleaseIdentifier = (prerelease, identifier) => {
      const identifiers = identifier.split(".");
      if (identifiers.length > prerelease.length) {
        return false;
      }
      for (let i = 0; i < identifiers.length; i++) {
        if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
          return false;
        }
      }
      return true;
    };
    var SemVer = class _SemVer {
      constructor(version, options2) {
        options2 = parseOptions(options2);
        if (version instanceof _SemVer) {
          if (version.loose === !!options2.loose && version.includePrerelease === !!options2.includePrerelease) {
            return version;
          } else {
            version = version.version;
          }
        } else if (typeof version !== "string") {
          throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`);
        }
        if (version.length > MAX_LENGTH) {
          throw new TypeError(
            `version is longer than ${MAX_LENGTH} characters`
          );
        }
        debug("SemVer", version, options2);
        this.options = options2;
        this.loose = !!options2.loose;
        this.includePrerelease = !!options2.includePrerelease;
        const m = version.trim().match(options2.loose ? re[t.LOOSE] : re[t.FULL]);
        if (!m) {
          throw new TypeError(`Invalid Version: ${version}`);
        }
        this.raw = version;
        this.major = +m[1];
        this.minor = +m[2];
        this.patch = +m[3];
        if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
          throw new TypeError("Invalid major version");
        }
        if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
          throw new TypeError("Invalid minor version");
        }
        if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
          throw new TypeError("Invalid patch version");
        }
        if (!m[4]) {
          this.prerelease = [];
        } else {
          this.prerelease = m[4].split(".").map((id) => {
            if (/^[0-9]+$/.test(id)) {
              const num = +id;
              if (num >= 0 && num < MAX_SAFE_INTEGER) {
                return num;
              }
            }
            return id;
          });
        }
        this.build = m[5] ? m[5].split(".") : [];
        this.format();
      }
      format() {
        this.version = `${this.major}.${this.minor}.${this.patch}`;
        if (this.prerelease.length) {
          this.version += `-${this.prerelease.join(".")}`;
        }
        return this.version;
      }
      toString() {
        return this.version;
      }
      compare(other) {
        debug("SemVer.compare", this.version, this.options, other);
        if (!(other instanceof _SemVer)) {
          if (typeof other === "string" && other === this.version) {
            return 0;
          }
          other = new _SemVer(other, this.options);
        }
        if (other.version === this.version) {
          return 0;
        }
        return this.compareMain(other) || this.comparePre(other);
      }
      compareMain(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.major < other.major) {
          return -1;
        }
        if (this.major > other.major) {
          return 1;
        }
        if (this.minor < other.minor) {
          return -1;
        }
        if (this.minor > other.minor) {
          return 1;
        }
        if (this.patch < other.patch) {
          return -1;
        }
        if (this.patch > other.patch) {
          return 1;
        }
        return 0;
      }
      comparePre(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        if (this.prerelease.length && !other.prerelease.length) {
          return -1;
        } else if (!this.prerelease.length && other.prerelease.length) {
          return 1;
        } else if (!this.prerelease.length && !other.prerelease.length) {
          return 0;
        }
        let i = 0;
        do {
          const a = this.prerelease[i];
          const b = other.prerelease[i];
          debug("prerelease compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      compareBuild(other) {
        if (!(other instanceof _SemVer)) {
          other = new _SemVer(other, this.options);
        }
        let i = 0;
        do {
          const a = this.build[i];
          const b = other.build[i];
          debug("build compare", i, a, b);
          if (a === void 0 && b === void 0) {
            return 0;
          } else if (b === void 0) {
            return 1;
          } else if (a === void 0) {
            return -1;
          } else if (a === b) {
            continue;
          } else {
            return compareIdentifiers(a, b);
          }
        } while (++i);
      }
      // preminor will bump the version up to the next minor release, and immediately
      // down to pre-release. premajor and prepatch work the same way.
      inc(release, identifier, identifierBase) {
        if (release.startsWith("pre")) {
          if (!identifier && identifierBase === false) {
            throw new Error("invalid increment argument: identifier is empty");
          }
          if (identifier) {
            const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE]);
            if (!match || match[1] !== identifier) {
              throw new Error(`invalid identifier: ${identifier}`);
            }
          }
        }
        switch (release) {
          case "premajor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor = 0;
            this.major++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "preminor":
            this.prerelease.length = 0;
            this.patch = 0;
            this.minor++;
            this.inc("pre", identifier, identifierBase);
            break;
          case "prepatch":
            this.prerelease.length = 0;
            this.inc("patch", identifier, identifierBase);
            this.inc("pre", identifier, identifierBase);
            break;
          // If the input is a non-prerelease version, this acts the same as
          // prepatch.
          case "prerelease":
            if (this.prerelease.length === 0) {
              this.inc("patch", identifier, identifierBase);
            }
            this.inc("pre", identifier, identifierBase);
            break;
          case "release":
            if (this.prerelease.length === 0) {
              throw new Error(`version ${this.raw} is not a prerelease`);
            }
            this.prerelease.length = 0;
            break;
          case "major":
            if (this.minor !== 0 || this.patch !== 0 || this.prerelease.length === 0) {
              this.major++;
            }
            this.minor = 0;
            this.patch = 0;
            this.prerelease = [];
            break;
          case "minor":
            if (this.patch !== 0 || this.prerelease.length === 0) {
              this.minor++;
            }
            this.patch = 0;
            this.prerelease = [];
            break;
          case "patch":
            if (this.prerelease.length === 0) {
              this.patch++;
            }
            this.prerelease = [];
            break;
          // This probably shouldn't be used publicly.
          // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
          case "pre": {
            const base = Number(identifierBase) ? 1 : 0;
            if (this.prerelease.length === 0) {
              this.prerelease = [base];
            } else {
              let i = this.prerelease.length;
              while (--i >= 0) {
                if (typeof this.prerelease[i] === "number") {
                  this.prerelease[i]++;
                  i = -2;
                }
              }
              if (i === -1) {
                if (identifier === this.prerelease.join(".") && identifierBase === false) {
                  throw new Error("invalid increment argument: identifier already exists");
                }
                this.prerelease.push(base);
              }
            }
            if (identifier) {
              let prerelease = [identifier, base];
              if (identifierBase === false) {
                prerelease = [identifier];
              }
              if (isPrereleaseIdentifier(this.prerelease, identifier)) {
                const prereleaseBase = this.prerelease[identifier.split(".").length];
                if (isNaN(prereleaseBase)) {
                  this.prerelease = prerelease;
                }
              } else {
                this.prerelease = prerelease;
              }
            }
            break;
          }
          default:
            throw new Error(`invalid increment argument: ${release}`);
        }
        this.raw = this.format();
        if (this.build.length) {
          this.raw += `+${this.build.join(".")}`;
        }
        return this;
      }
    };
    module2.exports = SemVer;
  }
});

// node_modules/semver/functions/parse.js
var require_parse = __commonJS({
  "node_modules/semver/functions/parse.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var parse4 = (version, options2, throwErrors = false) => {
      if (version instanceof SemVer) {
        return version;
      }
      try {
        return new SemVer(version, options2);
      } catch (er) {
        if (!throwErrors) {
          return null;
        }
        throw er;
      }
    };
    module2.exports = parse4;
  }
});

// node_modules/semver/functions/valid.js
var require_valid = __commonJS({
  "node_modules/semver/functions/valid.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var valid = (version, options2) => {
      const v = parse4(version, options2);
      return v ? v.version : null;
    };
    module2.exports = valid;
  }
});

// node_modules/semver/functions/clean.js
var require_clean = __commonJS({
  "node_modules/semver/functions/clean.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var clean = (version, options2) => {
      const s = parse4(version.trim().replace(/^[=v]+/, ""), options2);
      return s ? s.version : null;
    };
    module2.exports = clean;
  }
});

// node_modules/semver/functions/inc.js
var require_inc = __commonJS({
  "node_modules/semver/functions/inc.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var inc = (version, release, options2, identifier, identifierBase) => {
      if (typeof options2 === "string") {
        identifierBase = identifier;
        identifier = options2;
        options2 = void 0;
      }
      try {
        return new SemVer(
          version instanceof SemVer ? version.version : version,
          options2
        ).inc(release, identifier, identifierBase).version;
      } catch (er) {
        return null;
      }
    };
    module2.exports = inc;
  }
});

// node_modules/semver/functions/diff.js
var require_diff = __commonJS({
  "node_modules/semver/functions/diff.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var diff = (version1, version2) => {
      const v1 = parse4(version1, null, true);
      const v2 = parse4(version2, null, true);
      const comparison = v1.compare(v2);
      if (comparison === 0) {
        return null;
      }
      const v1Higher = comparison > 0;
      const highVersion = v1Higher ? v1 : v2;
      const lowVersion = v1Higher ? v2 : v1;
      const highHasPre = !!highVersion.prerelease.length;
      const lowHasPre = !!lowVersion.prerelease.length;
      if (lowHasPre && !highHasPre) {
        if (!lowVersion.patch && !lowVersion.minor) {
          return "major";
        }
        if (lowVersion.compareMain(highVersion) === 0) {
          if (lowVersion.minor && !lowVersion.patch) {
            return "minor";
          }
          return "patch";
        }
      }
      const prefix = highHasPre ? "pre" : "";
      if (v1.major !== v2.major) {
        return prefix + "major";
      }
      if (v1.minor !== v2.minor) {
        return prefix + "minor";
      }
      if (v1.patch !== v2.patch) {
        return prefix + "patch";
      }
      return "prerelease";
    };
    module2.exports = diff;
  }
});

// node_modules/semver/functions/major.js
var require_major = __commonJS({
  "node_modules/semver/functions/major.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var major = (a, loose) => new SemVer(a, loose).major;
    module2.exports = major;
  }
});

// node_modules/semver/functions/minor.js
var require_minor = __commonJS({
  "node_modules/semver/functions/minor.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var minor = (a, loose) => new SemVer(a, loose).minor;
    module2.exports = minor;
  }
});

// node_modules/semver/functions/patch.js
var require_patch = __commonJS({
  "node_modules/semver/functions/patch.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var patch = (a, loose) => new SemVer(a, loose).patch;
    module2.exports = patch;
  }
});

// node_modules/semver/functions/prerelease.js
var require_prerelease = __commonJS({
  "node_modules/semver/functions/prerelease.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var prerelease = (version, options2) => {
      const parsed = parse4(version, options2);
      return parsed && parsed.prerelease.length ? parsed.prerelease : null;
    };
    module2.exports = prerelease;
  }
});

// node_modules/semver/functions/compare.js
var require_compare = __commonJS({
  "node_modules/semver/functions/compare.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var compare = (a, b, loose) => new SemVer(a, loose).compare(new SemVer(b, loose));
    module2.exports = compare;
  }
});

// node_modules/semver/functions/rcompare.js
var require_rcompare = __commonJS({
  "node_modules/semver/functions/rcompare.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var rcompare = (a, b, loose) => compare(b, a, loose);
    module2.exports = rcompare;
  }
});

// node_modules/semver/functions/compare-loose.js
var require_compare_loose = __commonJS({
  "node_modules/semver/functions/compare-loose.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var compareLoose = (a, b) => compare(a, b, true);
    module2.exports = compareLoose;
  }
});

// node_modules/semver/functions/compare-build.js
var require_compare_build = __commonJS({
  "node_modules/semver/functions/compare-build.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var compareBuild = (a, b, loose) => {
      const versionA = new SemVer(a, loose);
      const versionB = new SemVer(b, loose);
      return versionA.compare(versionB) || versionA.compareBuild(versionB);
    };
    module2.exports = compareBuild;
  }
});

// node_modules/semver/functions/sort.js
var require_sort = __commonJS({
  "node_modules/semver/functions/sort.js"(exports2, module2) {
    "use strict";
    var compareBuild = require_compare_build();
    var sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose));
    module2.exports = sort;
  }
});

// node_modules/semver/functions/rsort.js
var require_rsort = __commonJS({
  "node_modules/semver/functions/rsort.js"(exports2, module2) {
    "use strict";
    var compareBuild = require_compare_build();
    var rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose));
    module2.exports = rsort;
  }
});

// node_modules/semver/functions/gt.js
var require_gt = __commonJS({
  "node_modules/semver/functions/gt.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var gt = (a, b, loose) => compare(a, b, loose) > 0;
    module2.exports = gt;
  }
});

// node_modules/semver/functions/lt.js
var require_lt = __commonJS({
  "node_modules/semver/functions/lt.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var lt = (a, b, loose) => compare(a, b, loose) < 0;
    module2.exports = lt;
  }
});

// node_modules/semver/functions/eq.js
var require_eq = __commonJS({
  "node_modules/semver/functions/eq.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var eq = (a, b, loose) => compare(a, b, loose) === 0;
    module2.exports = eq;
  }
});

// node_modules/semver/functions/neq.js
var require_neq = __commonJS({
  "node_modules/semver/functions/neq.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var neq = (a, b, loose) => compare(a, b, loose) !== 0;
    module2.exports = neq;
  }
});

// node_modules/semver/functions/gte.js
var require_gte = __commonJS({
  "node_modules/semver/functions/gte.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var gte = (a, b, loose) => compare(a, b, loose) >= 0;
    module2.exports = gte;
  }
});

// node_modules/semver/functions/lte.js
var require_lte = __commonJS({
  "node_modules/semver/functions/lte.js"(exports2, module2) {
    "use strict";
    var compare = require_compare();
    var lte = (a, b, loose) => compare(a, b, loose) <= 0;
    module2.exports = lte;
  }
});

// node_modules/semver/functions/cmp.js
var require_cmp = __commonJS({
  "node_modules/semver/functions/cmp.js"(exports2, module2) {
    "use strict";
    var eq = require_eq();
    var neq = require_neq();
    var gt = require_gt();
    var gte = require_gte();
    var lt = require_lt();
    var lte = require_lte();
    var cmp = (a, op, b, loose) => {
      switch (op) {
        case "===":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a === b;
        case "!==":
          if (typeof a === "object") {
            a = a.version;
          }
          if (typeof b === "object") {
            b = b.version;
          }
          return a !== b;
        case "":
        case "=":
        case "==":
          return eq(a, b, loose);
        case "!=":
          return neq(a, b, loose);
        case ">":
          return gt(a, b, loose);
        case ">=":
          return gte(a, b, loose);
        case "<":
          return lt(a, b, loose);
        case "<=":
          return lte(a, b, loose);
        default:
          throw new TypeError(`Invalid operator: ${op}`);
      }
    };
    module2.exports = cmp;
  }
});

// node_modules/semver/functions/coerce.js
var require_coerce = __commonJS({
  "node_modules/semver/functions/coerce.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var parse4 = require_parse();
    var { safeRe: re, t } = require_re();
    var coerce = (version, options2) => {
      if (version instanceof SemVer) {
        return version;
      }
      if (typeof version === "number") {
        version = String(version);
      }
      if (typeof version !== "string") {
        return null;
      }
      options2 = options2 || {};
      let match = null;
      if (!options2.rtl) {
        match = version.match(options2.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE]);
      } else {
        const coerceRtlRegex = options2.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL];
        let next;
        while ((next = coerceRtlRegex.exec(version)) && (!match || match.index + match[0].length !== version.length)) {
          if (!match || next.index + next[0].length !== match.index + match[0].length) {
            match = next;
          }
          coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length;
        }
        coerceRtlRegex.lastIndex = -1;
      }
      if (match === null) {
        return null;
      }
      const major = match[2];
      const minor = match[3] || "0";
      const patch = match[4] || "0";
      const prerelease = options2.includePrerelease && match[5] ? `-${match[5]}` : "";
      const build2 = options2.includePrerelease && match[6] ? `+${match[6]}` : "";
      return parse4(`${major}.${minor}.${patch}${prerelease}${build2}`, options2);
    };
    module2.exports = coerce;
  }
});

// node_modules/semver/functions/truncate.js
var require_truncate = __commonJS({
  "node_modules/semver/functions/truncate.js"(exports2, module2) {
    "use strict";
    var parse4 = require_parse();
    var constants = require_constants();
    var SemVer = require_semver();
    var truncate = (version, truncation, options2) => {
      if (!constants.RELEASE_TYPES.includes(truncation)) {
        return null;
      }
      const clonedVersion = cloneInputVersion(version, options2);
      return clonedVersion && doTruncation(clonedVersion, truncation);
    };
    var cloneInputVersion = (version, options2) => {
      const versionStringToParse = version instanceof SemVer ? version.version : version;
      return parse4(versionStringToParse, options2);
    };
    var doTruncation = (version, truncation) => {
      if (isPrerelease(truncation)) {
        return version.version;
      }
      version.prerelease = [];
      switch (truncation) {
        case "major":
          version.minor = 0;
          version.patch = 0;
          break;
        case "minor":
          version.patch = 0;
          break;
      }
      return version.format();
    };
    var isPrerelease = (type) => {
      return type.startsWith("pre");
    };
    module2.exports = truncate;
  }
});

// node_modules/semver/internal/lrucache.js
var require_lrucache = __commonJS({
  "node_modules/semver/internal/lrucache.js"(exports2, module2) {
    "use strict";
    var LRUCache = class {
      constructor() {
        this.max = 1e3;
        this.map = /* @__PURE__ */ new Map();
      }
      get(key) {
        const value = this.map.get(key);
        if (value === void 0) {
          return void 0;
        } else {
          this.map.delete(key);
          this.map.set(key, value);
          return value;
        }
      }
      delete(key) {
        return this.map.delete(key);
      }
      set(key, value) {
        const deleted = this.delete(key);
        if (!deleted && value !== void 0) {
          if (this.map.size >= this.max) {
            const firstKey = this.map.keys().next().value;
            this.delete(firstKey);
          }
          this.map.set(key, value);
        }
        return this;
      }
    };
    module2.exports = LRUCache;
  }
});

// node_modules/semver/internal/trim-comparator-whitespace.js
var require_trim_comparator_whitespace = __commonJS({
  "node_modules/semver/internal/trim-comparator-whitespace.js"(exports2, module2) {
    "use strict";
    var {
      MAX_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      WHITESPACE_CHARACTERS
    } = require_constants();
    var whitespace = new Uint8Array(65536);
    for (const char of WHITESPACE_CHARACTERS) {
      whitespace[char.charCodeAt(0)] = 1;
    }
    var isWhitespace = (char) => char !== void 0 && whitespace[char.charCodeAt(0)] === 1;
    var isVersionPrefix = (char) => char === "v" || char === "=" || isWhitespace(char);
    var isDigit = (char) => char !== void 0 && char >= "0" && char <= "9";
    var isLetter = (char) => char !== void 0 && (char >= "a" && char <= "z" || char >= "A" && char <= "Z");
    var isIdentifierCharacter = (char) => isDigit(char) || isLetter(char) || char === "-";
    var isVersionStart = (char) => isDigit(char) || char === "x" || char === "X" || char === "*";
    var findDigitsEndIndex = (range, start, limit, digitRuns) => {
      if (!isDigit(range[start])) {
        return start;
      }
      if (start >= digitRuns.start && start < digitRuns.end) {
        return Math.min(start + limit, digitRuns.end);
      }
      if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
        return Math.min(start + limit, digitRuns.previousEnd);
      }
      let end = start + 1;
      while (isDigit(range[end])) {
        end++;
      }
      digitRuns.previousStart = digitRuns.start;
      digitRuns.previousEnd = digitRuns.end;
      digitRuns.start = start;
      digitRuns.end = end;
      return Math.min(start + limit, end);
    };
    var findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
      if (!loose && range[start] === "0") {
        return start + 1;
      }
      return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns);
    };
    var findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
      const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns);
      if (isLetter(range[digitsEnd]) || range[digitsEnd] === "-") {
        let end = digitsEnd + 1;
        const limit = end + MAX_SAFE_BUILD_LENGTH;
        while (end < limit && isIdentifierCharacter(range[end])) {
          end++;
        }
        return end;
      }
      return findVersionNumberEndIndex(range, start, loose, digitRuns);
    };
    var findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
      const hyphen = range[start] === "-";
      if (!loose && !hyphen) {
        return start;
      }
      const identifierStart = start + (hyphen ? 1 : 0);
      let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns);
      if (end === identifierStart) {
        if (!loose || !hyphen) {
          return start;
        }
        end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns);
      }
      while (range[end] === ".") {
        const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findBuildIdentifierEndIndex = (range, start) => {
      let end = start;
      while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
        end++;
      }
      return end;
    };
    var findBuildEndIndex = (range, start) => {
      if (range[start] !== "+") {
        return start;
      }
      let end = findBuildIdentifierEndIndex(range, start + 1);
      if (end === start + 1) {
        return start;
      }
      while (range[end] === ".") {
        const next = findBuildIdentifierEndIndex(range, end + 1);
        if (next === end + 1) {
          break;
        }
        end = next;
      }
      return end;
    };
    var findLooseFullVersionEndIndex = (range, start, digitRuns) => {
      let end = start;
      for (let component = 0; component < 3; component++) {
        const next = findVersionNumberEndIndex(range, end, true, digitRuns);
        if (next === end) {
          return start;
        }
        end = next;
        if (component < 2) {
          if (range[end] !== ".") {
            return start;
          }
          end++;
        }
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
      if (isDigit(range[start])) {
        return findVersionNumberEndIndex(range, start, false, digitRuns);
      }
      return isVersionStart(range[start]) ? start + 1 : start;
    };
    var findPartialVersionEndIndex = (range, start, digitRuns) => {
      let end = findPartialVersionComponentEndIndex(range, start, digitRuns);
      for (let component = 0; component < 2; component++) {
        if (range[end] !== ".") {
          return end;
        }
        const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns);
        if (next === end + 1) {
          return end;
        }
        end = next;
      }
      const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns);
      return findBuildEndIndex(range, prereleaseEnd);
    };
    var findVersionEndIndex = (range, start, digitRuns) => {
      const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns);
      return fullVersionEnd !== start ? fullVersionEnd : findPartialVersionEndIndex(range, start, digitRuns);
    };
    var findRemovableWhitespaceIndex = (range, matchStart) => {
      let position = matchStart;
      if (isWhitespace(range[position])) {
        position++;
      }
      if (range[position] === "<" || range[position] === ">") {
        position++;
      }
      if (range[position] === "=") {
        position++;
      }
      return isWhitespace(range[position]) ? position : -1;
    };
    var trimComparatorWhitespace = (range) => {
      let result = "";
      let copyFrom = 0;
      let cursor = 0;
      const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 };
      while (cursor < range.length) {
        const matchStart = cursor;
        if (range[cursor] === "<" || range[cursor] === ">") {
          cursor++;
        } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
          cursor++;
          continue;
        }
        while (cursor < range.length && isVersionPrefix(range[cursor])) {
          cursor++;
        }
        if (!isVersionStart(range[cursor])) {
          continue;
        }
        const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart);
        if (whitespacePosition !== -1) {
          result += range.slice(copyFrom, whitespacePosition);
          copyFrom = whitespacePosition + 1;
        }
        cursor = findVersionEndIndex(range, cursor, digitRuns);
      }
      return result + range.slice(copyFrom);
    };
    module2.exports = trimComparatorWhitespace;
  }
});

// node_modules/semver/classes/range.js
var require_range = __commonJS({
  "node_modules/semver/classes/range.js"(exports2, module2) {
    "use strict";
    var SPACE_CHARACTERS = /\s+/g;
    var Range = class _Range {
      constructor(range, options2) {
        options2 = parseOptions(options2);
        if (range instanceof _Range) {
          if (range.loose === !!options2.loose && range.includePrerelease === !!options2.includePrerelease) {
            return range;
          } else {
            return new _Range(range.raw, options2);
          }
        }
        if (range instanceof Comparator) {
          this.raw = range.value;
          this.set = [[range]];
          this.formatted = void 0;
          return this;
        }
        this.options = options2;
        this.loose = !!options2.loose;
        this.includePrerelease = !!options2.includePrerelease;
        this.raw = range.trim().replace(SPACE_CHARACTERS, " ");
        this.set = this.raw.split("||").map((r) => this.parseRange(r.trim())).filter((c) => c.length);
        if (!this.set.length) {
          throw new TypeError(`Invalid SemVer Range: ${this.raw}`);
        }
        if (this.set.length > 1) {
          const first = this.set[0];
          this.set = this.set.filter((c) => !isNullSet(c[0]));
          if (this.set.length === 0) {
            this.set = [first];
          } else if (this.set.length > 1) {
            for (const c of this.set) {
              if (c.length === 1 && isAny(c[0])) {
                this.set = [c];
                break;
              }
            }
          }
        }
        this.formatted = void 0;
      }
      get range() {
        if (this.formatted === void 0) {
          this.formatted = "";
          for (let i = 0; i < this.set.length; i++) {
            if (i > 0) {
              this.formatted += "||";
            }
            const comps = this.set[i];
            for (let k = 0; k < comps.length; k++) {
              if (k > 0) {
                this.formatted += " ";
              }
              this.formatted += comps[k].toString().trim();
            }
          }
        }
        return this.formatted;
      }
      format() {
        return this.range;
      }
      toString() {
        return this.range;
      }
      parseRange(range) {
        range = range.replace(BUILDSTRIPRE, "");
        const memoOpts = (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) | (this.options.loose && FLAG_LOOSE);
        const memoKey = memoOpts + ":" + range;
        const cached = cache.get(memoKey);
        if (cached) {
          return cached;
        }
        const loose = this.options.loose;
        const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE];
        range = range.replace(hr, hyphenReplace(this.options.includePrerelease));
        debug("hyphen replace", range);
        range = trimComparatorWhitespace(range);
        debug("comparator trim", range);
        range = range.replace(re[t.TILDETRIM], tildeTrimReplace);
        debug("tilde trim", range);
        range = range.replace(re[t.CARETTRIM], caretTrimReplace);
        debug("caret trim", range);
        let rangeList = range.split(" ").map((comp) => parseComparator(comp, this.options)).join(" ").split(/\s+/).map((comp) => replaceGTE0(comp, this.options));
        if (loose) {
          rangeList = rangeList.filter((comp) => {
            debug("loose invalid filter", comp, this.options);
            return !!comp.match(re[t.COMPARATORLOOSE]);
          });
        }
        debug("range list", rangeList);
        const rangeMap = /* @__PURE__ */ new Map();
        const comparators = rangeList.map((comp) => new Comparator(comp, this.options));
        for (const comp of comparators) {
          if (isNullSet(comp)) {
            return [comp];
          }
          rangeMap.set(comp.value, comp);
        }
        if (rangeMap.size > 1 && rangeMap.has("")) {
          rangeMap.delete("");
        }
        const result = [...rangeMap.values()];
        cache.set(memoKey, result);
        return result;
      }
      intersects(range, options2) {
        if (!(range instanceof _Range)) {
          throw new TypeError("a Range is required");
        }
        return this.set.some((thisComparators) => {
          return isSatisfiable(thisComparators, options2) && range.set.some((rangeComparators) => {
            return isSatisfiable(rangeComparators, options2) && thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options2);
              });
            });
          });
        });
      }
      // if ANY of the sets match ALL of its comparators, then pass
      test(version) {
        if (!version) {
          return false;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        for (let i = 0; i < this.set.length; i++) {
          if (testSet(this.set[i], version, this.options)) {
            return true;
          }
        }
        return false;
      }
    };
    module2.exports = Range;
    var LRU = require_lrucache();
    var cache = new LRU();
    var parseOptions = require_parse_options();
    var Comparator = require_comparator();
    var debug = require_debug();
    var SemVer = require_semver();
    var trimComparatorWhitespace = require_trim_comparator_whitespace();
    var {
      safeRe: re,
      src,
      t,
      tildeTrimReplace,
      caretTrimReplace
    } = require_re();
    var { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = require_constants();
    var BUILDSTRIPRE = new RegExp(src[t.BUILD], "g");
    var isNullSet = (c) => c.value === "<0.0.0-0";
    var isAny = (c) => c.value === "";
    var isSatisfiable = (comparators, options2) => {
      let result = true;
      const remainingComparators = comparators.slice();
      let testComparator = remainingComparators.pop();
      while (result && remainingComparators.length) {
        result = remainingComparators.every((otherComparator) => {
          return testComparator.intersects(otherComparator, options2);
        });
        testComparator = remainingComparators.pop();
      }
      return result;
    };
    var parseComparator = (comp, options2) => {
      comp = comp.replace(re[t.BUILD], "");
      debug("comp", comp, options2);
      comp = replaceCarets(comp, options2);
      debug("caret", comp);
      comp = replaceTildes(comp, options2);
      debug("tildes", comp);
      comp = replaceXRanges(comp, options2);
      debug("xrange", comp);
      comp = replaceStars(comp, options2);
      debug("stars", comp);
      return comp;
    };
    var isX = (id) => !id || id.toLowerCase() === "x" || id === "*";
    var invalidXRangeOrder = (M, m, p) => isX(M) && !isX(m) || isX(m) && p && !isX(p);
    var replaceTildes = (comp, options2) => {
      return comp.trim().split(/\s+/).map((c) => replaceTilde(c, options2)).join(" ");
    };
    var replaceTilde = (comp, options2) => {
      const r = options2.loose ? re[t.TILDELOOSE] : re[t.TILDE];
      const z = options2.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("tilde", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
        } else if (pr) {
          debug("replaceTilde pr", pr);
          ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
        } else {
          ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
        }
        debug("tilde return", ret);
        return ret;
      });
    };
    var replaceCarets = (comp, options2) => {
      return comp.trim().split(/\s+/).map((c) => replaceCaret(c, options2)).join(" ");
    };
    var replaceCaret = (comp, options2) => {
      debug("caret", comp, options2);
      const r = options2.loose ? re[t.CARETLOOSE] : re[t.CARET];
      const z = options2.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p, pr) => {
        debug("caret", comp, _, M, m, p, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p)) {
          if (M === "0") {
            ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
          } else {
            ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`;
          }
        } else if (pr) {
          debug("replaceCaret pr", pr);
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p}-${pr} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p}-${pr} <${+M + 1}.0.0-0`;
          }
        } else {
          debug("no pr");
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p} <${M}.${m}.${+p + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p} <${+M + 1}.0.0-0`;
          }
        }
        debug("caret return", ret);
        return ret;
      });
    };
    var replaceXRanges = (comp, options2) => {
      debug("replaceXRanges", comp, options2);
      return comp.split(/\s+/).map((c) => replaceXRange(c, options2)).join(" ");
    };
    var replaceXRange = (comp, options2) => {
      comp = comp.trim();
      const r = options2.loose ? re[t.XRANGELOOSE] : re[t.XRANGE];
      return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
        debug("xRange", comp, ret, gtlt, M, m, p, pr);
        if (invalidXRangeOrder(M, m, p)) {
          return comp;
        }
        const xM = isX(M);
        const xm = xM || isX(m);
        const xp = xm || isX(p);
        const anyX = xp;
        if (gtlt === "=" && anyX) {
          gtlt = "";
        }
        pr = options2.includePrerelease ? "-0" : "";
        if (xM) {
          if (gtlt === ">" || gtlt === "<") {
            ret = "<0.0.0-0";
          } else {
            ret = "*";
          }
        } else if (gtlt && anyX) {
          if (xm) {
            m = 0;
          }
          p = 0;
          if (gtlt === ">") {
            gtlt = ">=";
            if (xm) {
              M = +M + 1;
              m = 0;
              p = 0;
            } else {
              m = +m + 1;
              p = 0;
            }
          } else if (gtlt === "<=") {
            gtlt = "<";
            if (xm) {
              M = +M + 1;
            } else {
              m = +m + 1;
            }
          }
          if (gtlt === "<") {
            pr = "-0";
          }
          ret = `${gtlt + M}.${m}.${p}${pr}`;
        } else if (xm) {
          ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`;
        } else if (xp) {
          ret = `>=${M}.${m}.0${pr} <${M}.${+m + 1}.0-0`;
        }
        debug("xRange return", ret);
        return ret;
      });
    };
    var replaceStars = (comp, options2) => {
      debug("replaceStars", comp, options2);
      return comp.trim().replace(re[t.STAR], "");
    };
    var replaceGTE0 = (comp, options2) => {
      debug("replaceGTE0", comp, options2);
      return comp.trim().replace(re[options2.includePrerelease ? t.GTE0PRE : t.GTE0], "");
    };
    var hyphenReplace = (incPr) => ($0, from, fM, fm, fp, fpr, fb, to, tM, tm, tp, tpr) => {
      if (isX(fM)) {
        from = "";
      } else if (isX(fm)) {
        from = `>=${fM}.0.0${incPr ? "-0" : ""}`;
      } else if (isX(fp)) {
        from = `>=${fM}.${fm}.0${incPr ? "-0" : ""}`;
      } else if (fpr) {
        from = `>=${from}`;
      } else {
        from = `>=${from}${incPr ? "-0" : ""}`;
      }
      if (isX(tM)) {
        to = "";
      } else if (isX(tm)) {
        to = `<${+tM + 1}.0.0-0`;
      } else if (isX(tp)) {
        to = `<${tM}.${+tm + 1}.0-0`;
      } else if (tpr) {
        to = `<=${tM}.${tm}.${tp}-${tpr}`;
      } else if (incPr) {
        to = `<${tM}.${tm}.${+tp + 1}-0`;
      } else {
        to = `<=${to}`;
      }
      return `${from} ${to}`.trim();
    };
    var testSet = (set, version, options2) => {
      for (let i = 0; i < set.length; i++) {
        if (!set[i].test(version)) {
          return false;
        }
      }
      if (version.prerelease.length && !options2.includePrerelease) {
        for (let i = 0; i < set.length; i++) {
          debug(set[i].semver);
          if (set[i].semver === Comparator.ANY) {
            continue;
          }
          if (set[i].semver.prerelease.length > 0) {
            const allowed = set[i].semver;
            if (allowed.major === version.major && allowed.minor === version.minor && allowed.patch === version.patch) {
              return true;
            }
          }
        }
        return false;
      }
      return true;
    };
  }
});

// node_modules/semver/classes/comparator.js
var require_comparator = __commonJS({
  "node_modules/semver/classes/comparator.js"(exports2, module2) {
    "use strict";
    var ANY = /* @__PURE__ */ Symbol("SemVer ANY");
    var Comparator = class _Comparator {
      static get ANY() {
        return ANY;
      }
      constructor(comp, options2) {
        options2 = parseOptions(options2);
        if (comp instanceof _Comparator) {
          if (comp.loose === !!options2.loose) {
            return comp;
          } else {
            comp = comp.value;
          }
        }
        comp = comp.trim().split(/\s+/).join(" ");
        debug("comparator", comp, options2);
        this.options = options2;
        this.loose = !!options2.loose;
        this.parse(comp);
        if (this.semver === ANY) {
          this.value = "";
        } else {
          this.value = this.operator + this.semver.version;
        }
        debug("comp", this);
      }
      parse(comp) {
        const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR];
        const m = comp.match(r);
        if (!m) {
          throw new TypeError(`Invalid comparator: ${comp}`);
        }
        this.operator = m[1] !== void 0 ? m[1] : "";
        if (this.operator === "=") {
          this.operator = "";
        }
        if (!m[2]) {
          this.semver = ANY;
        } else {
          this.semver = new SemVer(m[2], this.options.loose);
        }
      }
      toString() {
        return this.value;
      }
      test(version) {
        debug("Comparator.test", version, this.options.loose);
        if (this.semver === ANY || version === ANY) {
          return true;
        }
        if (typeof version === "string") {
          try {
            version = new SemVer(version, this.options);
          } catch (er) {
            return false;
          }
        }
        return cmp(version, this.operator, this.semver, this.options);
      }
      intersects(comp, options2) {
        if (!(comp instanceof _Comparator)) {
          throw new TypeError("a Comparator is required");
        }
        if (this.operator === "") {
          if (this.value === "") {
            return true;
          }
          return new Range(comp.value, options2).test(this.value);
        } else if (comp.operator === "") {
          if (comp.value === "") {
            return true;
          }
          return new Range(this.value, options2).test(comp.semver);
        }
        options2 = parseOptions(options2);
        if (options2.includePrerelease && (this.value === "<0.0.0-0" || comp.value === "<0.0.0-0")) {
          return false;
        }
        if (!options2.includePrerelease && (this.value.startsWith("<0.0.0") || comp.value.startsWith("<0.0.0"))) {
          return false;
        }
        if (this.operator.startsWith(">") && comp.operator.startsWith(">")) {
          return true;
        }
        if (this.operator.startsWith("<") && comp.operator.startsWith("<")) {
          return true;
        }
        if (this.semver.version === comp.semver.version && this.operator.includes("=") && comp.operator.includes("=")) {
          return true;
        }
        if (cmp(this.semver, "<", comp.semver, options2) && this.operator.startsWith(">") && comp.operator.startsWith("<")) {
          return true;
        }
        if (cmp(this.semver, ">", comp.semver, options2) && this.operator.startsWith("<") && comp.operator.startsWith(">")) {
          return true;
        }
        return false;
      }
    };
    module2.exports = Comparator;
    var parseOptions = require_parse_options();
    var { safeRe: re, t } = require_re();
    var cmp = require_cmp();
    var debug = require_debug();
    var SemVer = require_semver();
    var Range = require_range();
  }
});

// node_modules/semver/functions/satisfies.js
var require_satisfies = __commonJS({
  "node_modules/semver/functions/satisfies.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var satisfies = (version, range, options2) => {
      try {
        range = new Range(range, options2);
      } catch (er) {
        return false;
      }
      return range.test(version);
    };
    module2.exports = satisfies;
  }
});

// node_modules/semver/ranges/to-comparators.js
var require_to_comparators = __commonJS({
  "node_modules/semver/ranges/to-comparators.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var toComparators = (range, options2) => new Range(range, options2).set.map((comp) => comp.map((c) => c.value).join(" ").trim().split(" "));
    module2.exports = toComparators;
  }
});

// node_modules/semver/ranges/max-satisfying.js
var require_max_satisfying = __commonJS({
  "node_modules/semver/ranges/max-satisfying.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var maxSatisfying = (versions, range, options2) => {
      let max = null;
      let maxSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options2);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!max || maxSV.compare(v) === -1) {
            max = v;
            maxSV = new SemVer(max, options2);
          }
        }
      });
      return max;
    };
    module2.exports = maxSatisfying;
  }
});

// node_modules/semver/ranges/min-satisfying.js
var require_min_satisfying = __commonJS({
  "node_modules/semver/ranges/min-satisfying.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var minSatisfying = (versions, range, options2) => {
      let min = null;
      let minSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options2);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!min || minSV.compare(v) === 1) {
            min = v;
            minSV = new SemVer(min, options2);
          }
        }
      });
      return min;
    };
    module2.exports = minSatisfying;
  }
});

// node_modules/semver/ranges/min-version.js
var require_min_version = __commonJS({
  "node_modules/semver/ranges/min-version.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var gt = require_gt();
    var minVersion = (range, loose) => {
      range = new Range(range, loose);
      let minver = new SemVer("0.0.0");
      if (range.test(minver)) {
        return minver;
      }
      minver = new SemVer("0.0.0-0");
      if (range.test(minver)) {
        return minver;
      }
      minver = null;
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let setMin = null;
        comparators.forEach((comparator) => {
          const compver = new SemVer(comparator.semver.version);
          switch (comparator.operator) {
            case ">":
              if (compver.prerelease.length === 0) {
                compver.patch++;
              } else {
                compver.prerelease.push(0);
              }
              compver.raw = compver.format();
            /* fallthrough */
            case "":
            case ">=":
              if (!setMin || gt(compver, setMin)) {
                setMin = compver;
              }
              break;
            case "<":
            case "<=":
              break;
            /* istanbul ignore next */
            default:
              throw new Error(`Unexpected operation: ${comparator.operator}`);
          }
        });
        if (setMin && (!minver || gt(minver, setMin))) {
          minver = setMin;
        }
      }
      if (minver && range.test(minver)) {
        return minver;
      }
      return null;
    };
    module2.exports = minVersion;
  }
});

// node_modules/semver/ranges/valid.js
var require_valid2 = __commonJS({
  "node_modules/semver/ranges/valid.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var validRange = (range, options2) => {
      try {
        return new Range(range, options2).range || "*";
      } catch (er) {
        return null;
      }
    };
    module2.exports = validRange;
  }
});

// node_modules/semver/ranges/outside.js
var require_outside = __commonJS({
  "node_modules/semver/ranges/outside.js"(exports2, module2) {
    "use strict";
    var SemVer = require_semver();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var Range = require_range();
    var satisfies = require_satisfies();
    var gt = require_gt();
    var lt = require_lt();
    var lte = require_lte();
    var gte = require_gte();
    var outside = (version, range, hilo, options2) => {
      version = new SemVer(version, options2);
      range = new Range(range, options2);
      let gtfn, ltefn, ltfn, comp, ecomp;
      switch (hilo) {
        case ">":
          gtfn = gt;
          ltefn = lte;
          ltfn = lt;
          comp = ">";
          ecomp = ">=";
          break;
        case "<":
          gtfn = lt;
          ltefn = gte;
          ltfn = gt;
          comp = "<";
          ecomp = "<=";
          break;
        default:
          throw new TypeError('Must provide a hilo val of "<" or ">"');
      }
      if (satisfies(version, range, options2)) {
        return false;
      }
      for (let i = 0; i < range.set.length; ++i) {
        const comparators = range.set[i];
        let high = null;
        let low = null;
        comparators.forEach((comparator) => {
          if (comparator.semver === ANY) {
            comparator = new Comparator(">=0.0.0");
          }
          high = high || comparator;
          low = low || comparator;
          if (gtfn(comparator.semver, high.semver, options2)) {
            high = comparator;
          } else if (ltfn(comparator.semver, low.semver, options2)) {
            low = comparator;
          }
        });
        if (high.operator === comp || high.operator === ecomp) {
          return false;
        }
        if ((!low.operator || low.operator === comp) && ltefn(version, low.semver)) {
          return false;
        } else if (low.operator === ecomp && ltfn(version, low.semver)) {
          return false;
        }
      }
      return true;
    };
    module2.exports = outside;
  }
});

// node_modules/semver/ranges/gtr.js
var require_gtr = __commonJS({
  "node_modules/semver/ranges/gtr.js"(exports2, module2) {
    "use strict";
    var outside = require_outside();
    var gtr = (version, range, options2) => outside(version, range, ">", options2);
    module2.exports = gtr;
  }
});

// node_modules/semver/ranges/ltr.js
var require_ltr = __commonJS({
  "node_modules/semver/ranges/ltr.js"(exports2, module2) {
    "use strict";
    var outside = require_outside();
    var ltr = (version, range, options2) => outside(version, range, "<", options2);
    module2.exports = ltr;
  }
});

// node_modules/semver/ranges/intersects.js
var require_intersects = __commonJS({
  "node_modules/semver/ranges/intersects.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var intersects = (r1, r2, options2) => {
      r1 = new Range(r1, options2);
      r2 = new Range(r2, options2);
      return r1.intersects(r2, options2);
    };
    module2.exports = intersects;
  }
});

// node_modules/semver/ranges/simplify.js
var require_simplify = __commonJS({
  "node_modules/semver/ranges/simplify.js"(exports2, module2) {
    "use strict";
    var satisfies = require_satisfies();
    var compare = require_compare();
    module2.exports = (versions, range, options2) => {
      const set = [];
      let first = null;
      let prev = null;
      const v = versions.sort((a, b) => compare(a, b, options2));
      for (const version of v) {
        const included = satisfies(version, range, options2);
        if (included) {
          prev = version;
          if (!first) {
            first = version;
          }
        } else {
          if (prev) {
            set.push([first, prev]);
          }
          prev = null;
          first = null;
        }
      }
      if (first) {
        set.push([first, null]);
      }
      const ranges = [];
      for (const [min, max] of set) {
        if (min === max) {
          ranges.push(min);
        } else if (!max && min === v[0]) {
          ranges.push("*");
        } else if (!max) {
          ranges.push(`>=${min}`);
        } else if (min === v[0]) {
          ranges.push(`<=${max}`);
        } else {
          ranges.push(`${min} - ${max}`);
        }
      }
      const simplified = ranges.join(" || ");
      const original = typeof range.raw === "string" ? range.raw : String(range);
      return simplified.length < original.length ? simplified : range;
    };
  }
});

// node_modules/semver/ranges/subset.js
var require_subset = __commonJS({
  "node_modules/semver/ranges/subset.js"(exports2, module2) {
    "use strict";
    var Range = require_range();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var satisfies = require_satisfies();
    var compare = require_compare();
    var subset = (sub, dom, options2 = {}) => {
      if (sub === dom) {
        return true;
      }
      sub = new Range(sub, options2);
      dom = new Range(dom, options2);
      let sawNonNull = false;
      OUTER: for (const simpleSub of sub.set) {
        for (const simpleDom of dom.set) {
          const isSub = simpleSubset(simpleSub, simpleDom, options2);
          sawNonNull = sawNonNull || isSub !== null;
          if (isSub) {
            continue OUTER;
          }
        }
        if (sawNonNull) {
          return false;
        }
      }
      return true;
    };
    var minimumVersionWithPreRelease = [new Comparator(">=0.0.0-0")];
    var minimumVersion = [new Comparator(">=0.0.0")];
    var simpleSubset = (sub, dom, options2) => {
      if (sub === dom) {
        return true;
      }
      if (sub.length === 1 && sub[0].semver === ANY) {
        if (dom.length === 1 && dom[0].semver === ANY) {
          return true;
        } else if (options2.includePrerelease) {
          sub = minimumVersionWithPreRelease;
        } else {
          sub = minimumVersion;
        }
      }
      if (dom.length === 1 && dom[0].semver === ANY) {
        if (options2.includePrerelease) {
          return true;
        } else {
          dom = minimumVersion;
        }
      }
      const eqSet = /* @__PURE__ */ new Set();
      let gt, lt;
      for (const c of sub) {
        if (c.operator === ">" || c.operator === ">=") {
          gt = higherGT(gt, c, options2);
        } else if (c.operator === "<" || c.operator === "<=") {
          lt = lowerLT(lt, c, options2);
        } else {
          eqSet.add(c.semver);
        }
      }
      if (eqSet.size > 1) {
        return null;
      }
      let gtltComp;
      if (gt && lt) {
        gtltComp = compare(gt.semver, lt.semver, options2);
        if (gtltComp > 0) {
          return null;
        } else if (gtltComp === 0 && (gt.operator !== ">=" || lt.operator !== "<=")) {
          return null;
        }
      }
      for (const eq of eqSet) {
        if (gt && !satisfies(eq, String(gt), options2)) {
          return null;
        }
        if (lt && !satisfies(eq, String(lt), options2)) {
          return null;
        }
        for (const c of dom) {
          if (!satisfies(eq, String(c), options2)) {
            return false;
          }
        }
        return true;
      }
      let higher, lower;
      let hasDomLT, hasDomGT;
      let needDomLTPre = lt && !options2.includePrerelease && lt.semver.prerelease.length ? lt.semver : false;
      let needDomGTPre = gt && !options2.includePrerelease && gt.semver.prerelease.length ? gt.semver : false;
      if (needDomLTPre && needDomLTPre.prerelease.length === 1 && lt.operator === "<" && needDomLTPre.prerelease[0] === 0) {
        needDomLTPre = false;
      }
      for (const c of dom) {
        hasDomGT = hasDomGT || c.operator === ">" || c.operator === ">=";
        hasDomLT = hasDomLT || c.operator === "<" || c.operator === "<=";
        if (gt) {
          if (needDomGTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomGTPre.major && c.semver.minor === needDomGTPre.minor && c.semver.patch === needDomGTPre.patch) {
              needDomGTPre = false;
            }
          }
          if (c.operator === ">" || c.operator === ">=") {
            higher = higherGT(gt, c, options2);
            if (higher === c && higher !== gt) {
              return false;
            }
          } else if (gt.operator === ">=" && !c.test(gt.semver)) {
            return false;
          }
        }
        if (lt) {
          if (needDomLTPre) {
            if (c.semver.prerelease && c.semver.prerelease.length && c.semver.major === needDomLTPre.major && c.semver.minor === needDomLTPre.minor && c.semver.patch === needDomLTPre.patch) {
              needDomLTPre = false;
            }
          }
          if (c.operator === "<" || c.operator === "<=") {
            lower = lowerLT(lt, c, options2);
            if (lower === c && lower !== lt) {
              return false;
            }
          } else if (lt.operator === "<=" && !c.test(lt.semver)) {
            return false;
          }
        }
        if (!c.operator && (lt || gt) && gtltComp !== 0) {
          return false;
        }
      }
      if (gt && hasDomLT && !lt && gtltComp !== 0) {
        return false;
      }
      if (lt && hasDomGT && !gt && gtltComp !== 0) {
        return false;
      }
      if (needDomGTPre || needDomLTPre) {
        return false;
      }
      return true;
    };
    var higherGT = (a, b, options2) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options2);
      return comp > 0 ? a : comp < 0 ? b : b.operator === ">" && a.operator === ">=" ? b : a;
    };
    var lowerLT = (a, b, options2) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options2);
      return comp < 0 ? a : comp > 0 ? b : b.operator === "<" && a.operator === "<=" ? b : a;
    };
    module2.exports = subset;
  }
});

// node_modules/semver/index.js
var require_semver2 = __commonJS({
  "node_modules/semver/index.js"(exports2, module2) {
    "use strict";
    var internalRe = require_re();
    var constants = require_constants();
    var SemVer = require_semver();
    var identifiers = require_identifiers();
    var parse4 = require_parse();
    var valid = require_valid();
    var clean = require_clean();
    var inc = require_inc();
    var diff = require_diff();
    var major = require_major();
    var minor = require_minor();
    var patch = require_patch();
    var prerelease = require_prerelease();
    var compare = require_compare();
    var rcompare = require_rcompare();
    var compareLoose = require_compare_loose();
    var compareBuild = require_compare_build();
    var sort = require_sort();
    var rsort = require_rsort();
    var gt = require_gt();
    var lt = require_lt();
    var eq = require_eq();
    var neq = require_neq();
    var gte = require_gte();
    var lte = require_lte();
    var cmp = require_cmp();
    var coerce = require_coerce();
    var truncate = require_truncate();
    var Comparator = require_comparator();
    var Range = require_range();
    var satisfies = require_satisfies();
    var toComparators = require_to_comparators();
    var maxSatisfying = require_max_satisfying();
    var minSatisfying = require_min_satisfying();
    var minVersion = require_min_version();
    var validRange = require_valid2();
    var outside = require_outside();
    var gtr = require_gtr();
    var ltr = require_ltr();
    var intersects = require_intersects();
    var simplifyRange = require_simplify();
    var subset = require_subset();
    module2.exports = {
      parse: parse4,
      valid,
      clean,
      inc,
      diff,
      major,
      minor,
      patch,
      prerelease,
      compare,
      rcompare,
      compareLoose,
      compareBuild,
      sort,
      rsort,
      gt,
      lt,
      eq,
      neq,
      gte,
      lte,
      cmp,
      coerce,
      truncate,
      Comparator,
      Range,
      satisfies,
      toComparators,
      maxSatisfying,
      minSatisfying,
      minVersion,
      validRange,
      outside,
      gtr,
      ltr,
      intersects,
      simplifyRange,
      subset,
      SemVer,
      re: internalRe.re,
      src: internalRe.src,
      tokens: internalRe.t,
      SEMVER_SPEC_VERSION: constants.SEMVER_SPEC_VERSION,
      RELEASE_TYPES: constants.RELEASE_TYPES,
      compareIdentifiers: identifiers.compareIdentifiers,
      rcompareIdentifiers: identifiers.rcompareIdentifiers
    };
  }
});

// node_modules/yaml/dist/nodes/identity.js
var require_identity = __commonJS({
  "node_modules/yaml/dist/nodes/identity.js"(exports2) {
    "use strict";
    var ALIAS = /* @__PURE__ */ Symbol.for("yaml.alias");
    var DOC = /* @__PURE__ */ Symbol.for("yaml.document");
    var MAP = /* @__PURE__ */ Symbol.for("yaml.map");
    var PAIR = /* @__PURE__ */ Symbol.for("yaml.pair");
    var SCALAR = /* @__PURE__ */ Symbol.for("yaml.scalar");
    var SEQ = /* @__PURE__ */ Symbol.for("yaml.seq");
    var NODE_TYPE = /* @__PURE__ */ Symbol.for("yaml.node.type");
    var isAlias3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === ALIAS;
    var isDocument = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === DOC;
    var isMap3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === MAP;
    var isPair2 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === PAIR;
    var isScalar4 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SCALAR;
    var isSeq3 = (node) => !!node && typeof node === "object" && node[NODE_TYPE] === SEQ;
    function isCollection(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case MAP:
          case SEQ:
            return true;
        }
      return false;
    }
    function isNode(node) {
      if (node && typeof node === "object")
        switch (node[NODE_TYPE]) {
          case ALIAS:
          case MAP:
          case SCALAR:
          case SEQ:
            return true;
        }
      return false;
    }
    var hasAnchor = (node) => (isScalar4(node) || isCollection(node)) && !!node.anchor;
    exports2.ALIAS = ALIAS;
    exports2.DOC = DOC;
    exports2.MAP = MAP;
    exports2.NODE_TYPE = NODE_TYPE;
    exports2.PAIR = PAIR;
    exports2.SCALAR = SCALAR;
    exports2.SEQ = SEQ;
    exports2.hasAnchor = hasAnchor;
    exports2.isAlias = isAlias3;
    exports2.isCollection = isCollection;
    exports2.isDocument = isDocument;
    exports2.isMap = isMap3;
    exports2.isNode = isNode;
    exports2.isPair = isPair2;
    exports2.isScalar = isScalar4;
    exports2.isSeq = isSeq3;
  }
});

// node_modules/yaml/dist/visit.js
var require_visit = __commonJS({
  "node_modules/yaml/dist/visit.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove node");
    function visit2(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity2.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        visit_(null, node, visitor_, Object.freeze([]));
    }
    visit2.BREAK = BREAK;
    visit2.SKIP = SKIP;
    visit2.REMOVE = REMOVE;
    function visit_(key, node, visitor, path5) {
      const ctrl = callVisitor(key, node, visitor, path5);
      if (identity2.isNode(ctrl) || identity2.isPair(ctrl)) {
        replaceNode(key, path5, ctrl);
        return visit_(key, ctrl, visitor, path5);
      }
      if (typeof ctrl !== "symbol") {
        if (identity2.isCollection(node)) {
          path5 = Object.freeze(path5.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = visit_(i, node.items[i], visitor, path5);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity2.isPair(node)) {
          path5 = Object.freeze(path5.concat(node));
          const ck = visit_("key", node.key, visitor, path5);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = visit_("value", node.value, visitor, path5);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    async function visitAsync(node, visitor) {
      const visitor_ = initVisitor(visitor);
      if (identity2.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
          node.contents = null;
      } else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
    }
    visitAsync.BREAK = BREAK;
    visitAsync.SKIP = SKIP;
    visitAsync.REMOVE = REMOVE;
    async function visitAsync_(key, node, visitor, path5) {
      const ctrl = await callVisitor(key, node, visitor, path5);
      if (identity2.isNode(ctrl) || identity2.isPair(ctrl)) {
        replaceNode(key, path5, ctrl);
        return visitAsync_(key, ctrl, visitor, path5);
      }
      if (typeof ctrl !== "symbol") {
        if (identity2.isCollection(node)) {
          path5 = Object.freeze(path5.concat(node));
          for (let i = 0; i < node.items.length; ++i) {
            const ci = await visitAsync_(i, node.items[i], visitor, path5);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              node.items.splice(i, 1);
              i -= 1;
            }
          }
        } else if (identity2.isPair(node)) {
          path5 = Object.freeze(path5.concat(node));
          const ck = await visitAsync_("key", node.key, visitor, path5);
          if (ck === BREAK)
            return BREAK;
          else if (ck === REMOVE)
            node.key = null;
          const cv = await visitAsync_("value", node.value, visitor, path5);
          if (cv === BREAK)
            return BREAK;
          else if (cv === REMOVE)
            node.value = null;
        }
      }
      return ctrl;
    }
    function initVisitor(visitor) {
      if (typeof visitor === "object" && (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
          Alias: visitor.Node,
          Map: visitor.Node,
          Scalar: visitor.Node,
          Seq: visitor.Node
        }, visitor.Value && {
          Map: visitor.Value,
          Scalar: visitor.Value,
          Seq: visitor.Value
        }, visitor.Collection && {
          Map: visitor.Collection,
          Seq: visitor.Collection
        }, visitor);
      }
      return visitor;
    }
    function callVisitor(key, node, visitor, path5) {
      if (typeof visitor === "function")
        return visitor(key, node, path5);
      if (identity2.isMap(node))
        return visitor.Map?.(key, node, path5);
      if (identity2.isSeq(node))
        return visitor.Seq?.(key, node, path5);
      if (identity2.isPair(node))
        return visitor.Pair?.(key, node, path5);
      if (identity2.isScalar(node))
        return visitor.Scalar?.(key, node, path5);
      if (identity2.isAlias(node))
        return visitor.Alias?.(key, node, path5);
      return void 0;
    }
    function replaceNode(key, path5, node) {
      const parent = path5[path5.length - 1];
      if (identity2.isCollection(parent)) {
        parent.items[key] = node;
      } else if (identity2.isPair(parent)) {
        if (key === "key")
          parent.key = node;
        else
          parent.value = node;
      } else if (identity2.isDocument(parent)) {
        parent.contents = node;
      } else {
        const pt = identity2.isAlias(parent) ? "alias" : "scalar";
        throw new Error(`Cannot replace node with ${pt} parent`);
      }
    }
    exports2.visit = visit2;
    exports2.visitAsync = visitAsync;
  }
});

// node_modules/yaml/dist/doc/directives.js
var require_directives = __commonJS({
  "node_modules/yaml/dist/doc/directives.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var visit2 = require_visit();
    var escapeChars = {
      "!": "%21",
      ",": "%2C",
      "[": "%5B",
      "]": "%5D",
      "{": "%7B",
      "}": "%7D"
    };
    var escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, (ch) => escapeChars[ch]);
    var Directives = class _Directives {
      constructor(yaml, tags) {
        this.docStart = null;
        this.docEnd = false;
        this.yaml = Object.assign({}, _Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, _Directives.defaultTags, tags);
      }
      clone() {
        const copy = new _Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
      }
      /**
       * During parsing, get a Directives instance for the current document and
       * update the stream state according to the current version's spec.
       */
      atDocument() {
        const res = new _Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
          case "1.1":
            this.atNextDocument = true;
            break;
          case "1.2":
            this.atNextDocument = false;
            this.yaml = {
              explicit: _Directives.defaultYaml.explicit,
              version: "1.2"
            };
            this.tags = Object.assign({}, _Directives.defaultTags);
            break;
        }
        return res;
      }
      /**
       * @param onError - May be called even if the action was successful
       * @returns `true` on success
       */
      add(line, onError) {
        if (this.atNextDocument) {
          this.yaml = { explicit: _Directives.defaultYaml.explicit, version: "1.1" };
          this.tags = Object.assign({}, _Directives.defaultTags);
          this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
          case "%TAG": {
            if (parts.length !== 2) {
              onError(0, "%TAG directive should contain exactly two parts");
              if (parts.length < 2)
                return false;
            }
            const [handle, prefix] = parts;
            this.tags[handle] = prefix;
            return true;
          }
          case "%YAML": {
            this.yaml.explicit = true;
            if (parts.length !== 1) {
              onError(0, "%YAML directive should contain exactly one part");
              return false;
            }
            const [version] = parts;
            if (version === "1.1" || version === "1.2") {
              this.yaml.version = version;
              return true;
            } else {
              const isValid = /^\d+\.\d+$/.test(version);
              onError(6, `Unsupported YAML version ${version}`, isValid);
              return false;
            }
          }
          default:
            onError(0, `Unknown directive ${name}`, true);
            return false;
        }
      }
      /**
       * Resolves a tag, matching handles to those defined in %TAG directives.
       *
       * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
       *   `'!local'` tag, or `null` if unresolvable.
       */
      tagName(source, onError) {
        if (source === "!")
          return "!";
        if (source[0] !== "!") {
          onError(`Not a valid tag: ${source}`);
          return null;
        }
        if (source[1] === "<") {
          const verbatim = source.slice(2, -1);
          if (verbatim === "!" || verbatim === "!!") {
            onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
            return null;
          }
          if (source[source.length - 1] !== ">")
            onError("Verbatim tags must end with a >");
          return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
          onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
          try {
            return prefix + decodeURIComponent(suffix);
          } catch (error) {
            onError(String(error));
            return null;
          }
        }
        if (handle === "!")
          return source;
        onError(`Could not resolve tag: ${source}`);
        return null;
      }
      /**
       * Given a fully resolved tag, returns its printable string form,
       * taking into account current tag prefixes and defaults.
       */
      tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
          if (tag.startsWith(prefix))
            return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === "!" ? tag : `!<${tag}>`;
      }
      toString(doc) {
        const lines = this.yaml.explicit ? [`%YAML ${this.yaml.version || "1.2"}`] : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity2.isNode(doc.contents)) {
          const tags = {};
          visit2.visit(doc.contents, (_key, node) => {
            if (identity2.isNode(node) && node.tag)
              tags[node.tag] = true;
          });
          tagNames = Object.keys(tags);
        } else
          tagNames = [];
        for (const [handle, prefix] of tagEntries) {
          if (handle === "!!" && prefix === "tag:yaml.org,2002:")
            continue;
          if (!doc || tagNames.some((tn) => tn.startsWith(prefix)))
            lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join("\n");
      }
    };
    Directives.defaultYaml = { explicit: false, version: "1.2" };
    Directives.defaultTags = { "!!": "tag:yaml.org,2002:" };
    exports2.Directives = Directives;
  }
});

// node_modules/yaml/dist/doc/anchors.js
var require_anchors = __commonJS({
  "node_modules/yaml/dist/doc/anchors.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var visit2 = require_visit();
    function anchorIsValid(anchor) {
      if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
      }
      return true;
    }
    function anchorNames(root) {
      const anchors = /* @__PURE__ */ new Set();
      visit2.visit(root, {
        Value(_key, node) {
          if (node.anchor)
            anchors.add(node.anchor);
        }
      });
      return anchors;
    }
    function findNewAnchor(prefix, exclude) {
      for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
          return name;
      }
    }
    function createNodeAnchors(doc, prefix) {
      const aliasObjects = [];
      const sourceObjects = /* @__PURE__ */ new Map();
      let prevAnchors = null;
      return {
        onAnchor: (source) => {
          aliasObjects.push(source);
          prevAnchors ?? (prevAnchors = anchorNames(doc));
          const anchor = findNewAnchor(prefix, prevAnchors);
          prevAnchors.add(anchor);
          return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
          for (const source of aliasObjects) {
            const ref = sourceObjects.get(source);
            if (typeof ref === "object" && ref.anchor && (identity2.isScalar(ref.node) || identity2.isCollection(ref.node))) {
              ref.node.anchor = ref.anchor;
            } else {
              const error = new Error("Failed to resolve repeated object (this should not happen)");
              error.source = source;
              throw error;
            }
          }
        },
        sourceObjects
      };
    }
    exports2.anchorIsValid = anchorIsValid;
    exports2.anchorNames = anchorNames;
    exports2.createNodeAnchors = createNodeAnchors;
    exports2.findNewAnchor = findNewAnchor;
  }
});

// node_modules/yaml/dist/doc/applyReviver.js
var require_applyReviver = __commonJS({
  "node_modules/yaml/dist/doc/applyReviver.js"(exports2) {
    "use strict";
    function applyReviver(reviver, obj, key, val) {
      if (val && typeof val === "object") {
        if (Array.isArray(val)) {
          for (let i = 0, len = val.length; i < len; ++i) {
            const v0 = val[i];
            const v1 = applyReviver(reviver, val, String(i), v0);
            if (v1 === void 0)
              delete val[i];
            else if (v1 !== v0)
              val[i] = v1;
          }
        } else if (val instanceof Map) {
          for (const k of Array.from(val.keys())) {
            const v0 = val.get(k);
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              val.delete(k);
            else if (v1 !== v0)
              val.set(k, v1);
          }
        } else if (val instanceof Set) {
          for (const v0 of Array.from(val)) {
            const v1 = applyReviver(reviver, val, v0, v0);
            if (v1 === void 0)
              val.delete(v0);
            else if (v1 !== v0) {
              val.delete(v0);
              val.add(v1);
            }
          }
        } else {
          for (const [k, v0] of Object.entries(val)) {
            const v1 = applyReviver(reviver, val, k, v0);
            if (v1 === void 0)
              delete val[k];
            else if (v1 !== v0)
              val[k] = v1;
          }
        }
      }
      return reviver.call(obj, key, val);
    }
    exports2.applyReviver = applyReviver;
  }
});

// node_modules/yaml/dist/nodes/toJS.js
var require_toJS = __commonJS({
  "node_modules/yaml/dist/nodes/toJS.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    function toJS(value, arg, ctx) {
      if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
      if (value && typeof value.toJSON === "function") {
        if (!ctx || !identity2.hasAnchor(value))
          return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: void 0 };
        ctx.anchors.set(value, data);
        ctx.onCreate = (res2) => {
          data.res = res2;
          delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
          ctx.onCreate(res);
        return res;
      }
      if (typeof value === "bigint" && !ctx?.keep)
        return Number(value);
      return value;
    }
    exports2.toJS = toJS;
  }
});

// node_modules/yaml/dist/nodes/Node.js
var require_Node = __commonJS({
  "node_modules/yaml/dist/nodes/Node.js"(exports2) {
    "use strict";
    var applyReviver = require_applyReviver();
    var identity2 = require_identity();
    var toJS = require_toJS();
    var NodeBase = class {
      constructor(type) {
        Object.defineProperty(this, identity2.NODE_TYPE, { value: type });
      }
      /** Create a copy of this node.  */
      clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** A plain JavaScript representation of this node. */
      toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity2.isDocument(doc))
          throw new TypeError("A document argument is required");
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc,
          keep: true,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
    };
    exports2.NodeBase = NodeBase;
  }
});

// node_modules/yaml/dist/nodes/Alias.js
var require_Alias = __commonJS({
  "node_modules/yaml/dist/nodes/Alias.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var visit2 = require_visit();
    var identity2 = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var Alias = class extends Node.NodeBase {
      constructor(source) {
        super(identity2.ALIAS);
        this.source = source;
        Object.defineProperty(this, "tag", {
          set() {
            throw new Error("Alias nodes cannot have tags");
          }
        });
      }
      /**
       * Resolve the value of this alias within `doc`, finding the last
       * instance of the `source` anchor before this node.
       */
      resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
          throw new ReferenceError("Alias resolution is disabled");
        let nodes;
        if (ctx?.aliasResolveCache) {
          nodes = ctx.aliasResolveCache;
        } else {
          nodes = [];
          visit2.visit(doc, {
            Node: (_key, node) => {
              if (identity2.isAlias(node) || identity2.hasAnchor(node))
                nodes.push(node);
            }
          });
          if (ctx)
            ctx.aliasResolveCache = nodes;
        }
        let found = void 0;
        for (const node of nodes) {
          if (node === this)
            break;
          if (node.anchor === this.source)
            found = node;
        }
        if (found && ctx) {
          const { anchors: anchors2, doc: doc2, maxAliasCount } = ctx;
          let data = anchors2.get(found);
          if (!data) {
            toJS.toJS(found, null, ctx);
            data = anchors2.get(found);
          }
          if (data?.res === void 0) {
            const msg = "This should not happen: Alias anchor was not resolved?";
            throw new ReferenceError(msg);
          }
          if (maxAliasCount >= 0) {
            data.count += 1;
            if (data.aliasCount === 0)
              data.aliasCount = getAliasCount(doc2, found, anchors2);
            if (data.count * data.aliasCount > maxAliasCount) {
              const msg = "Excessive alias count indicates a resource exhaustion attack";
              throw new ReferenceError(msg);
            }
          }
        }
        return found;
      }
      toJSON(_arg, ctx) {
        if (!ctx)
          return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
          const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
          throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
      }
      toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
          anchors.anchorIsValid(this.source);
          if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new Error(msg);
          }
          if (ctx.implicitKey)
            return `${src} `;
        }
        return src;
      }
    };
    function getAliasCount(doc, node, anchors2) {
      if (identity2.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors2 && source && anchors2.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
      } else if (identity2.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
          const c = getAliasCount(doc, item, anchors2);
          if (c > count)
            count = c;
        }
        return count;
      } else if (identity2.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors2);
        const vc = getAliasCount(doc, node.value, anchors2);
        return Math.max(kc, vc);
      }
      return 1;
    }
    exports2.Alias = Alias;
  }
});

// node_modules/yaml/dist/nodes/Scalar.js
var require_Scalar = __commonJS({
  "node_modules/yaml/dist/nodes/Scalar.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Node = require_Node();
    var toJS = require_toJS();
    var isScalarValue = (value) => !value || typeof value !== "function" && typeof value !== "object";
    var Scalar = class extends Node.NodeBase {
      constructor(value) {
        super(identity2.SCALAR);
        this.value = value;
      }
      toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
      }
      toString() {
        return String(this.value);
      }
    };
    Scalar.BLOCK_FOLDED = "BLOCK_FOLDED";
    Scalar.BLOCK_LITERAL = "BLOCK_LITERAL";
    Scalar.PLAIN = "PLAIN";
    Scalar.QUOTE_DOUBLE = "QUOTE_DOUBLE";
    Scalar.QUOTE_SINGLE = "QUOTE_SINGLE";
    exports2.Scalar = Scalar;
    exports2.isScalarValue = isScalarValue;
  }
});

// node_modules/yaml/dist/doc/createNode.js
var require_createNode = __commonJS({
  "node_modules/yaml/dist/doc/createNode.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var defaultTagPrefix = "tag:yaml.org,2002:";
    function findTagObject(value, tagName, tags) {
      if (tagName) {
        const match = tags.filter((t) => t.tag === tagName);
        const tagObj = match.find((t) => !t.format) ?? match[0];
        if (!tagObj)
          throw new Error(`Tag ${tagName} not found`);
        return tagObj;
      }
      return tags.find((t) => t.identify?.(value) && !t.format);
    }
    function createNode(value, tagName, ctx) {
      if (identity2.isDocument(value))
        value = value.contents;
      if (identity2.isNode(value))
        return value;
      if (identity2.isPair(value)) {
        const map = ctx.schema[identity2.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
      }
      if (value instanceof String || value instanceof Number || value instanceof Boolean || typeof BigInt !== "undefined" && value instanceof BigInt) {
        value = value.valueOf();
      }
      const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
      let ref = void 0;
      if (aliasDuplicateObjects && value && typeof value === "object") {
        ref = sourceObjects.get(value);
        if (ref) {
          ref.anchor ?? (ref.anchor = onAnchor(value));
          return new Alias.Alias(ref.anchor);
        } else {
          ref = { anchor: null, node: null };
          sourceObjects.set(value, ref);
        }
      }
      if (tagName?.startsWith("!!"))
        tagName = defaultTagPrefix + tagName.slice(2);
      let tagObj = findTagObject(value, tagName, schema.tags);
      if (!tagObj) {
        if (value && typeof value.toJSON === "function") {
          value = value.toJSON();
        }
        if (!value || typeof value !== "object") {
          const node2 = new Scalar.Scalar(value);
          if (ref)
            ref.node = node2;
          return node2;
        }
        tagObj = value instanceof Map ? schema[identity2.MAP] : Symbol.iterator in Object(value) ? schema[identity2.SEQ] : schema[identity2.MAP];
      }
      if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
      }
      const node = tagObj?.createNode ? tagObj.createNode(ctx.schema, value, ctx) : typeof tagObj?.nodeClass?.from === "function" ? tagObj.nodeClass.from(ctx.schema, value, ctx) : new Scalar.Scalar(value);
      if (tagName)
        node.tag = tagName;
      else if (!tagObj.default)
        node.tag = tagObj.tag;
      if (ref)
        ref.node = node;
      return node;
    }
    exports2.createNode = createNode;
  }
});

// node_modules/yaml/dist/nodes/Collection.js
var require_Collection = __commonJS({
  "node_modules/yaml/dist/nodes/Collection.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var identity2 = require_identity();
    var Node = require_Node();
    function collectionFromPath(schema, path5, value) {
      let v = value;
      for (let i = path5.length - 1; i >= 0; --i) {
        const k = path5[i];
        if (typeof k === "number" && Number.isInteger(k) && k >= 0) {
          const a = [];
          a[k] = v;
          v = a;
        } else {
          v = /* @__PURE__ */ new Map([[k, v]]);
        }
      }
      return createNode.createNode(v, void 0, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
          throw new Error("This should not happen, please report a bug.");
        },
        schema,
        sourceObjects: /* @__PURE__ */ new Map()
      });
    }
    var isEmptyPath = (path5) => path5 == null || typeof path5 === "object" && !!path5[Symbol.iterator]().next().done;
    var Collection2 = class extends Node.NodeBase {
      constructor(type, schema) {
        super(type);
        Object.defineProperty(this, "schema", {
          value: schema,
          configurable: true,
          enumerable: false,
          writable: true
        });
      }
      /**
       * Create a copy of this collection.
       *
       * @param schema - If defined, overwrites the original's schema
       */
      clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
          copy.schema = schema;
        copy.items = copy.items.map((it) => identity2.isNode(it) || identity2.isPair(it) ? it.clone(schema) : it);
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /**
       * Adds a value to the collection. For `!!map` and `!!omap` the value must
       * be a Pair instance or a `{ key, value }` object, which may not have a key
       * that already exists in the map.
       */
      addIn(path5, value) {
        if (isEmptyPath(path5))
          this.add(value);
        else {
          const [key, ...rest] = path5;
          const node = this.get(key, true);
          if (identity2.isCollection(node))
            node.addIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
      /**
       * Removes a value from the collection.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path5) {
        const [key, ...rest] = path5;
        if (rest.length === 0)
          return this.delete(key);
        const node = this.get(key, true);
        if (identity2.isCollection(node))
          return node.deleteIn(rest);
        else
          throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path5, keepScalar) {
        const [key, ...rest] = path5;
        const node = this.get(key, true);
        if (rest.length === 0)
          return !keepScalar && identity2.isScalar(node) ? node.value : node;
        else
          return identity2.isCollection(node) ? node.getIn(rest, keepScalar) : void 0;
      }
      hasAllNullValues(allowScalar) {
        return this.items.every((node) => {
          if (!identity2.isPair(node))
            return false;
          const n = node.value;
          return n == null || allowScalar && identity2.isScalar(n) && n.value == null && !n.commentBefore && !n.comment && !n.tag;
        });
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       */
      hasIn(path5) {
        const [key, ...rest] = path5;
        if (rest.length === 0)
          return this.has(key);
        const node = this.get(key, true);
        return identity2.isCollection(node) ? node.hasIn(rest) : false;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path5, value) {
        const [key, ...rest] = path5;
        if (rest.length === 0) {
          this.set(key, value);
        } else {
          const node = this.get(key, true);
          if (identity2.isCollection(node))
            node.setIn(rest, value);
          else if (node === void 0 && this.schema)
            this.set(key, collectionFromPath(this.schema, rest, value));
          else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
      }
    };
    exports2.Collection = Collection2;
    exports2.collectionFromPath = collectionFromPath;
    exports2.isEmptyPath = isEmptyPath;
  }
});

// node_modules/yaml/dist/stringify/stringifyComment.js
var require_stringifyComment = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyComment.js"(exports2) {
    "use strict";
    var stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, "#");
    function indentComment(comment, indent) {
      if (/^\n+$/.test(comment))
        return comment.substring(1);
      return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
    }
    var lineComment = (str, indent, comment) => str.endsWith("\n") ? indentComment(comment, indent) : comment.includes("\n") ? "\n" + indentComment(comment, indent) : (str.endsWith(" ") ? "" : " ") + comment;
    exports2.indentComment = indentComment;
    exports2.lineComment = lineComment;
    exports2.stringifyComment = stringifyComment;
  }
});

// node_modules/yaml/dist/stringify/foldFlowLines.js
var require_foldFlowLines = __commonJS({
  "node_modules/yaml/dist/stringify/foldFlowLines.js"(exports2) {
    "use strict";
    var FOLD_FLOW = "flow";
    var FOLD_BLOCK = "block";
    var FOLD_QUOTED = "quoted";
    function foldFlowLines(text, indent, mode = "flow", { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
      if (!lineWidth || lineWidth < 0)
        return text;
      if (lineWidth < minContentWidth)
        minContentWidth = 0;
      const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
      if (text.length <= endStep)
        return text;
      const folds = [];
      const escapedFolds = {};
      let end = lineWidth - indent.length;
      if (typeof indentAtStart === "number") {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
          folds.push(0);
        else
          end = lineWidth - indentAtStart;
      }
      let split = void 0;
      let prev = void 0;
      let overflow = false;
      let i = -1;
      let escStart = -1;
      let escEnd = -1;
      if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
          end = i + endStep;
      }
      for (let ch; ch = text[i += 1]; ) {
        if (mode === FOLD_QUOTED && ch === "\\") {
          escStart = i;
          switch (text[i + 1]) {
            case "x":
              i += 3;
              break;
            case "u":
              i += 5;
              break;
            case "U":
              i += 9;
              break;
            default:
              i += 1;
          }
          escEnd = i;
        }
        if (ch === "\n") {
          if (mode === FOLD_BLOCK)
            i = consumeMoreIndentedLines(text, i, indent.length);
          end = i + indent.length + endStep;
          split = void 0;
        } else {
          if (ch === " " && prev && prev !== " " && prev !== "\n" && prev !== "	") {
            const next = text[i + 1];
            if (next && next !== " " && next !== "\n" && next !== "	")
              split = i;
          }
          if (i >= end) {
            if (split) {
              folds.push(split);
              end = split + endStep;
              split = void 0;
            } else if (mode === FOLD_QUOTED) {
              while (prev === " " || prev === "	") {
                prev = ch;
                ch = text[i += 1];
                overflow = true;
              }
              const j = i > escEnd + 1 ? i - 2 : escStart - 1;
              if (escapedFolds[j])
                return text;
              folds.push(j);
              escapedFolds[j] = true;
              end = j + endStep;
              split = void 0;
            } else {
              overflow = true;
            }
          }
        }
        prev = ch;
      }
      if (overflow && onOverflow)
        onOverflow();
      if (folds.length === 0)
        return text;
      if (onFold)
        onFold();
      let res = text.slice(0, folds[0]);
      for (let i2 = 0; i2 < folds.length; ++i2) {
        const fold = folds[i2];
        const end2 = folds[i2 + 1] || text.length;
        if (fold === 0)
          res = `
${indent}${text.slice(0, end2)}`;
        else {
          if (mode === FOLD_QUOTED && escapedFolds[fold])
            res += `${text[fold]}\\`;
          res += `
${indent}${text.slice(fold + 1, end2)}`;
        }
      }
      return res;
    }
    function consumeMoreIndentedLines(text, i, indent) {
      let end = i;
      let start = i + 1;
      let ch = text[start];
      while (ch === " " || ch === "	") {
        if (i < start + indent) {
          ch = text[++i];
        } else {
          do {
            ch = text[++i];
          } while (ch && ch !== "\n");
          end = i;
          start = i + 1;
          ch = text[start];
        }
      }
      return end;
    }
    exports2.FOLD_BLOCK = FOLD_BLOCK;
    exports2.FOLD_FLOW = FOLD_FLOW;
    exports2.FOLD_QUOTED = FOLD_QUOTED;
    exports2.foldFlowLines = foldFlowLines;
  }
});

// node_modules/yaml/dist/stringify/stringifyString.js
var require_stringifyString = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyString.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var foldFlowLines = require_foldFlowLines();
    var getFoldOptions = (ctx, isBlock) => ({
      indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
      lineWidth: ctx.options.lineWidth,
      minContentWidth: ctx.options.minContentWidth
    });
    var containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
    function lineLengthOverLimit(str, lineWidth, indentLength) {
      if (!lineWidth || lineWidth < 0)
        return false;
      const limit = lineWidth - indentLength;
      const strLen = str.length;
      if (strLen <= limit)
        return false;
      for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === "\n") {
          if (i - start > limit)
            return true;
          start = i + 1;
          if (strLen - start <= limit)
            return false;
        }
      }
      return true;
    }
    function doubleQuotedString(value, ctx) {
      const json = JSON.stringify(value);
      if (ctx.options.doubleQuotedAsJSON)
        return json;
      const { implicitKey } = ctx;
      const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      let str = "";
      let start = 0;
      for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === " " && json[i + 1] === "\\" && json[i + 2] === "n") {
          str += json.slice(start, i) + "\\ ";
          i += 1;
          start = i;
          ch = "\\";
        }
        if (ch === "\\")
          switch (json[i + 1]) {
            case "u":
              {
                str += json.slice(start, i);
                const code = json.substr(i + 2, 4);
                switch (code) {
                  case "0000":
                    str += "\\0";
                    break;
                  case "0007":
                    str += "\\a";
                    break;
                  case "000b":
                    str += "\\v";
                    break;
                  case "001b":
                    str += "\\e";
                    break;
                  case "0085":
                    str += "\\N";
                    break;
                  case "00a0":
                    str += "\\_";
                    break;
                  case "2028":
                    str += "\\L";
                    break;
                  case "2029":
                    str += "\\P";
                    break;
                  default:
                    if (code.substr(0, 2) === "00")
                      str += "\\x" + code.substr(2);
                    else
                      str += json.substr(i, 6);
                }
                i += 5;
                start = i + 1;
              }
              break;
            case "n":
              if (implicitKey || json[i + 2] === '"' || json.length < minMultiLineLength) {
                i += 1;
              } else {
                str += json.slice(start, i) + "\n\n";
                while (json[i + 2] === "\\" && json[i + 3] === "n" && json[i + 4] !== '"') {
                  str += "\n";
                  i += 2;
                }
                str += indent;
                if (json[i + 2] === " ")
                  str += "\\";
                i += 1;
                start = i + 1;
              }
              break;
            default:
              i += 1;
          }
      }
      str = start ? str + json.slice(start) : json;
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
    }
    function singleQuotedString(value, ctx) {
      if (ctx.options.singleQuote === false || ctx.implicitKey && value.includes("\n") || /[ \t]\n|\n[ \t]/.test(value))
        return doubleQuotedString(value, ctx);
      const indent = ctx.indent || (containsDocumentMarker(value) ? "  " : "");
      const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&
${indent}`) + "'";
      return ctx.implicitKey ? res : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function quotedString(value, ctx) {
      const { singleQuote } = ctx.options;
      let qs;
      if (singleQuote === false)
        qs = doubleQuotedString;
      else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
          qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
          qs = doubleQuotedString;
        else
          qs = singleQuote ? singleQuotedString : doubleQuotedString;
      }
      return qs(value, ctx);
    }
    var blockEndNewlines;
    try {
      blockEndNewlines = new RegExp("(^|(?<!\n))\n+(?!\n|$)", "g");
    } catch {
      blockEndNewlines = /\n+(?!\n|$)/g;
    }
    function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
      const { blockQuote, commentString, lineWidth } = ctx.options;
      if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
      }
      const indent = ctx.indent || (ctx.forceBlockIndent || containsDocumentMarker(value) ? "  " : "");
      const literal = blockQuote === "literal" ? true : blockQuote === "folded" || type === Scalar.Scalar.BLOCK_FOLDED ? false : type === Scalar.Scalar.BLOCK_LITERAL ? true : !lineLengthOverLimit(value, lineWidth, indent.length);
      if (!value)
        return literal ? "|\n" : ">\n";
      let chomp;
      let endStart;
      for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== "\n" && ch !== "	" && ch !== " ")
          break;
      }
      let end = value.substring(endStart);
      const endNlPos = end.indexOf("\n");
      if (endNlPos === -1) {
        chomp = "-";
      } else if (value === end || endNlPos !== end.length - 1) {
        chomp = "+";
        if (onChompKeep)
          onChompKeep();
      } else {
        chomp = "";
      }
      if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === "\n")
          end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
      }
      let startWithSpace = false;
      let startEnd;
      let startNlPos = -1;
      for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === " ")
          startWithSpace = true;
        else if (ch === "\n")
          startNlPos = startEnd;
        else
          break;
      }
      let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
      if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
      }
      const indentSize = indent ? "2" : "1";
      let header = (startWithSpace ? indentSize : "") + chomp;
      if (comment) {
        header += " " + commentString(comment.replace(/ ?[\r\n]+/g, " "));
        if (onComment)
          onComment();
      }
      if (!literal) {
        const foldedValue = value.replace(/\n+/g, "\n$&").replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, "$1$2").replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== "folded" && type !== Scalar.Scalar.BLOCK_FOLDED) {
          foldOptions.onOverflow = () => {
            literalFallback = true;
          };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
          return `>${header}
${indent}${body}`;
      }
      value = value.replace(/\n+/g, `$&${indent}`);
      return `|${header}
${indent}${start}${value}${end}`;
    }
    function plainString(item, ctx, onComment, onChompKeep) {
      const { type, value } = item;
      const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
      if (implicitKey && value.includes("\n") || inFlow && /[[\]{},]/.test(value)) {
        return quotedString(value, ctx);
      }
      if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        return implicitKey || inFlow || !value.includes("\n") ? quotedString(value, ctx) : blockString(item, ctx, onComment, onChompKeep);
      }
      if (!implicitKey && !inFlow && type !== Scalar.Scalar.PLAIN && value.includes("\n")) {
        return blockString(item, ctx, onComment, onChompKeep);
      }
      if (containsDocumentMarker(value)) {
        if (indent === "") {
          ctx.forceBlockIndent = true;
          return blockString(item, ctx, onComment, onChompKeep);
        } else if (implicitKey && indent === indentStep) {
          return quotedString(value, ctx);
        }
      }
      const str = value.replace(/\n+/g, `$&
${indent}`);
      if (actualString) {
        const test = (tag) => tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
          return quotedString(value, ctx);
      }
      return implicitKey ? str : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
    }
    function stringifyString(item, ctx, onComment, onChompKeep) {
      const { implicitKey, inFlow } = ctx;
      const ss = typeof item.value === "string" ? item : Object.assign({}, item, { value: String(item.value) });
      let { type } = item;
      if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
          type = Scalar.Scalar.QUOTE_DOUBLE;
      }
      const _stringify = (_type) => {
        switch (_type) {
          case Scalar.Scalar.BLOCK_FOLDED:
          case Scalar.Scalar.BLOCK_LITERAL:
            return implicitKey || inFlow ? quotedString(ss.value, ctx) : blockString(ss, ctx, onComment, onChompKeep);
          case Scalar.Scalar.QUOTE_DOUBLE:
            return doubleQuotedString(ss.value, ctx);
          case Scalar.Scalar.QUOTE_SINGLE:
            return singleQuotedString(ss.value, ctx);
          case Scalar.Scalar.PLAIN:
            return plainString(ss, ctx, onComment, onChompKeep);
          default:
            return null;
        }
      };
      let res = _stringify(type);
      if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = implicitKey && defaultKeyType || defaultStringType;
        res = _stringify(t);
        if (res === null)
          throw new Error(`Unsupported default string type ${t}`);
      }
      return res;
    }
    exports2.stringifyString = stringifyString;
  }
});

// node_modules/yaml/dist/stringify/stringify.js
var require_stringify = __commonJS({
  "node_modules/yaml/dist/stringify/stringify.js"(exports2) {
    "use strict";
    var anchors = require_anchors();
    var identity2 = require_identity();
    var stringifyComment = require_stringifyComment();
    var stringifyString = require_stringifyString();
    function createStringifyContext(doc, options2) {
      const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: "PLAIN",
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: "false",
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: "null",
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: "true",
        verifyAliasOrder: true
      }, doc.schema.toStringOptions, options2);
      let inFlow;
      switch (opt.collectionStyle) {
        case "block":
          inFlow = false;
          break;
        case "flow":
          inFlow = true;
          break;
        default:
          inFlow = null;
      }
      return {
        anchors: /* @__PURE__ */ new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? " " : "",
        indent: "",
        indentStep: typeof opt.indent === "number" ? " ".repeat(opt.indent) : "  ",
        inFlow,
        options: opt
      };
    }
    function getTagObject(tags, item) {
      if (item.tag) {
        const match = tags.filter((t) => t.tag === item.tag);
        if (match.length > 0)
          return match.find((t) => t.format === item.format) ?? match[0];
      }
      let tagObj = void 0;
      let obj;
      if (identity2.isScalar(item)) {
        obj = item.value;
        let match = tags.filter((t) => t.identify?.(obj));
        if (match.length > 1) {
          const testMatch = match.filter((t) => t.test);
          if (testMatch.length > 0)
            match = testMatch;
        }
        tagObj = match.find((t) => t.format === item.format) ?? match.find((t) => !t.format);
      } else {
        obj = item;
        tagObj = tags.find((t) => t.nodeClass && obj instanceof t.nodeClass);
      }
      if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? "null" : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
      }
      return tagObj;
    }
    function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
      if (!doc.directives)
        return "";
      const props = [];
      const anchor = (identity2.isScalar(node) || identity2.isCollection(node)) && node.anchor;
      if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
      }
      const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
      if (tag)
        props.push(doc.directives.tagString(tag));
      return props.join(" ");
    }
    function stringify(item, ctx, onComment, onChompKeep) {
      if (identity2.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
      if (identity2.isAlias(item)) {
        if (ctx.doc.directives)
          return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
          throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        } else {
          if (ctx.resolvedAliases)
            ctx.resolvedAliases.add(item);
          else
            ctx.resolvedAliases = /* @__PURE__ */ new Set([item]);
          item = item.resolve(ctx.doc);
        }
      }
      let tagObj = void 0;
      const node = identity2.isNode(item) ? item : ctx.doc.createNode(item, { onTagObj: (o) => tagObj = o });
      tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
      const props = stringifyProps(node, tagObj, ctx);
      if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
      const str = typeof tagObj.stringify === "function" ? tagObj.stringify(node, ctx, onComment, onChompKeep) : identity2.isScalar(node) ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep) : node.toString(ctx, onComment, onChompKeep);
      if (!props)
        return str;
      return identity2.isScalar(node) || str[0] === "{" || str[0] === "[" ? `${props} ${str}` : `${props}
${ctx.indent}${str}`;
    }
    exports2.createStringifyContext = createStringifyContext;
    exports2.stringify = stringify;
  }
});

// node_modules/yaml/dist/stringify/stringifyPair.js
var require_stringifyPair = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyPair.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
      const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
      let keyComment = identity2.isNode(key) && key.comment || null;
      if (simpleKeys) {
        if (keyComment) {
          throw new Error("With simple keys, key nodes cannot have comments");
        }
        if (identity2.isCollection(key) || !identity2.isNode(key) && typeof key === "object") {
          const msg = "With simple keys, collection cannot be used as a key value";
          throw new Error(msg);
        }
      }
      let explicitKey = !simpleKeys && (!key || keyComment && value == null && !ctx.inFlow || identity2.isCollection(key) || (identity2.isScalar(key) ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL : typeof key === "object"));
      ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
      });
      let keyCommentDone = false;
      let chompKeep = false;
      let str = stringify.stringify(key, ctx, () => keyCommentDone = true, () => chompKeep = true);
      if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
          throw new Error("With simple keys, single line scalar must not span more than 1024 characters");
        explicitKey = true;
      }
      if (ctx.inFlow) {
        if (allNullValues || value == null) {
          if (keyCommentDone && onComment)
            onComment();
          return str === "" ? "?" : explicitKey ? `? ${str}` : str;
        }
      } else if (allNullValues && !simpleKeys || value == null && explicitKey) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        } else if (chompKeep && onChompKeep)
          onChompKeep();
        return str;
      }
      if (keyCommentDone)
        keyComment = null;
      if (explicitKey) {
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}
${indent}:`;
      } else {
        str = `${str}:`;
        if (keyComment)
          str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
      }
      let vsb, vcb, valueComment;
      if (identity2.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
      } else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === "object")
          value = doc.createNode(value);
      }
      ctx.implicitKey = false;
      if (!explicitKey && !keyComment && identity2.isScalar(value))
        ctx.indentAtStart = str.length + 1;
      chompKeep = false;
      if (!indentSeq && indentStep.length >= 2 && !ctx.inFlow && !explicitKey && identity2.isSeq(value) && !value.flow && !value.tag && !value.anchor) {
        ctx.indent = ctx.indent.substring(2);
      }
      let valueCommentDone = false;
      const valueStr = stringify.stringify(value, ctx, () => valueCommentDone = true, () => chompKeep = true);
      let ws = " ";
      if (keyComment || vsb || vcb) {
        ws = vsb ? "\n" : "";
        if (vcb) {
          const cs = commentString(vcb);
          ws += `
${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === "" && !ctx.inFlow) {
          if (ws === "\n" && valueComment)
            ws = "\n\n";
        } else {
          ws += `
${ctx.indent}`;
        }
      } else if (!explicitKey && identity2.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf("\n");
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
          let hasPropsLine = false;
          if (hasNewline && (vs0 === "&" || vs0 === "!")) {
            let sp0 = valueStr.indexOf(" ");
            if (vs0 === "&" && sp0 !== -1 && sp0 < nl0 && valueStr[sp0 + 1] === "!") {
              sp0 = valueStr.indexOf(" ", sp0 + 1);
            }
            if (sp0 === -1 || nl0 < sp0)
              hasPropsLine = true;
          }
          if (!hasPropsLine)
            ws = `
${ctx.indent}`;
        }
      } else if (valueStr === "" || valueStr[0] === "\n") {
        ws = "";
      }
      str += ws + valueStr;
      if (ctx.inFlow) {
        if (valueCommentDone && onComment)
          onComment();
      } else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
      } else if (chompKeep && onChompKeep) {
        onChompKeep();
      }
      return str;
    }
    exports2.stringifyPair = stringifyPair;
  }
});

// node_modules/yaml/dist/log.js
var require_log = __commonJS({
  "node_modules/yaml/dist/log.js"(exports2) {
    "use strict";
    var node_process = require("process");
    function debug(logLevel, ...messages) {
      if (logLevel === "debug")
        console.log(...messages);
    }
    function warn(logLevel, warning) {
      if (logLevel === "debug" || logLevel === "warn") {
        if (typeof node_process.emitWarning === "function")
          node_process.emitWarning(warning);
        else
          console.warn(warning);
      }
    }
    exports2.debug = debug;
    exports2.warn = warn;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/merge.js
var require_merge = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/merge.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var MERGE_KEY = "<<";
    var merge2 = {
      identify: (value) => value === MERGE_KEY || typeof value === "symbol" && value.description === MERGE_KEY,
      default: "key",
      tag: "tag:yaml.org,2002:merge",
      test: /^<<$/,
      resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
      }),
      stringify: () => MERGE_KEY
    };
    var isMergeKey = (ctx, key) => (merge2.identify(key) || identity2.isScalar(key) && (!key.type || key.type === Scalar.Scalar.PLAIN) && merge2.identify(key.value)) && ctx?.doc.schema.tags.some((tag) => tag.tag === merge2.tag && tag.default);
    function addMergeToJSMap(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (identity2.isSeq(source))
        for (const it of source.items)
          mergeValue(ctx, map, it);
      else if (Array.isArray(source))
        for (const it of source)
          mergeValue(ctx, map, it);
      else
        mergeValue(ctx, map, source);
    }
    function mergeValue(ctx, map, value) {
      const source = resolveAliasValue(ctx, value);
      if (!identity2.isMap(source))
        throw new Error("Merge sources must be maps or map aliases");
      const srcMap = source.toJSON(null, ctx, Map);
      for (const [key, value2] of srcMap) {
        if (map instanceof Map) {
          if (!map.has(key))
            map.set(key, value2);
        } else if (map instanceof Set) {
          map.add(key);
        } else if (!Object.prototype.hasOwnProperty.call(map, key)) {
          Object.defineProperty(map, key, {
            value: value2,
            writable: true,
            enumerable: true,
            configurable: true
          });
        }
      }
      return map;
    }
    function resolveAliasValue(ctx, value) {
      return ctx && identity2.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
    }
    exports2.addMergeToJSMap = addMergeToJSMap;
    exports2.isMergeKey = isMergeKey;
    exports2.merge = merge2;
  }
});

// node_modules/yaml/dist/nodes/addPairToJSMap.js
var require_addPairToJSMap = __commonJS({
  "node_modules/yaml/dist/nodes/addPairToJSMap.js"(exports2) {
    "use strict";
    var log = require_log();
    var merge2 = require_merge();
    var stringify = require_stringify();
    var identity2 = require_identity();
    var toJS = require_toJS();
    function addPairToJSMap(ctx, map, { key, value }) {
      if (identity2.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
      else if (merge2.isMergeKey(ctx, key))
        merge2.addMergeToJSMap(ctx, map, value);
      else {
        const jsKey = toJS.toJS(key, "", ctx);
        if (map instanceof Map) {
          map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        } else if (map instanceof Set) {
          map.add(jsKey);
        } else {
          const stringKey = stringifyKey(key, jsKey, ctx);
          const jsValue = toJS.toJS(value, stringKey, ctx);
          if (stringKey in map)
            Object.defineProperty(map, stringKey, {
              value: jsValue,
              writable: true,
              enumerable: true,
              configurable: true
            });
          else
            map[stringKey] = jsValue;
        }
      }
      return map;
    }
    function stringifyKey(key, jsKey, ctx) {
      if (jsKey === null)
        return "";
      if (typeof jsKey !== "object")
        return String(jsKey);
      if (identity2.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = /* @__PURE__ */ new Set();
        for (const node of ctx.anchors.keys())
          strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
          let jsonStr = JSON.stringify(strKey);
          if (jsonStr.length > 40)
            jsonStr = jsonStr.substring(0, 36) + '..."';
          log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
          ctx.mapKeyWarned = true;
        }
        return strKey;
      }
      return JSON.stringify(jsKey);
    }
    exports2.addPairToJSMap = addPairToJSMap;
  }
});

// node_modules/yaml/dist/nodes/Pair.js
var require_Pair = __commonJS({
  "node_modules/yaml/dist/nodes/Pair.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyPair = require_stringifyPair();
    var addPairToJSMap = require_addPairToJSMap();
    var identity2 = require_identity();
    function createPair(key, value, ctx) {
      const k = createNode.createNode(key, void 0, ctx);
      const v = createNode.createNode(value, void 0, ctx);
      return new Pair(k, v);
    }
    var Pair = class _Pair {
      constructor(key, value = null) {
        Object.defineProperty(this, identity2.NODE_TYPE, { value: identity2.PAIR });
        this.key = key;
        this.value = value;
      }
      clone(schema) {
        let { key, value } = this;
        if (identity2.isNode(key))
          key = key.clone(schema);
        if (identity2.isNode(value))
          value = value.clone(schema);
        return new _Pair(key, value);
      }
      toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
      }
      toString(ctx, onComment, onChompKeep) {
        return ctx?.doc ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep) : JSON.stringify(this);
      }
    };
    exports2.Pair = Pair;
    exports2.createPair = createPair;
  }
});

// node_modules/yaml/dist/stringify/stringifyCollection.js
var require_stringifyCollection = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyCollection.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyCollection(collection, ctx, options2) {
      const flow = ctx.inFlow ?? collection.flow;
      const stringify2 = flow ? stringifyFlowCollection : stringifyBlockCollection;
      return stringify2(collection, ctx, options2);
    }
    function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
      const { indent, options: { commentString } } = ctx;
      const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
      let chompKeep = false;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment2 = null;
        if (identity2.isNode(item)) {
          if (!chompKeep && item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
          if (item.comment)
            comment2 = item.comment;
        } else if (identity2.isPair(item)) {
          const ik = identity2.isNode(item.key) ? item.key : null;
          if (ik) {
            if (!chompKeep && ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
          }
        }
        chompKeep = false;
        let str2 = stringify.stringify(item, itemCtx, () => comment2 = null, () => chompKeep = true);
        if (comment2)
          str2 += stringifyComment.lineComment(str2, itemIndent, commentString(comment2));
        if (chompKeep && comment2)
          chompKeep = false;
        lines.push(blockItemPrefix + str2);
      }
      let str;
      if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
      } else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
          const line = lines[i];
          str += line ? `
${indent}${line}` : "\n";
        }
      }
      if (comment) {
        str += "\n" + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
          onComment();
      } else if (chompKeep && onChompKeep)
        onChompKeep();
      return str;
    }
    function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
      const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
      itemIndent += indentStep;
      const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
      });
      let reqNewline = false;
      let linesAtValue = 0;
      const lines = [];
      for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity2.isNode(item)) {
          if (item.spaceBefore)
            lines.push("");
          addCommentBefore(ctx, lines, item.commentBefore, false);
          if (item.comment)
            comment = item.comment;
        } else if (identity2.isPair(item)) {
          const ik = identity2.isNode(item.key) ? item.key : null;
          if (ik) {
            if (ik.spaceBefore)
              lines.push("");
            addCommentBefore(ctx, lines, ik.commentBefore, false);
            if (ik.comment)
              reqNewline = true;
          }
          const iv = identity2.isNode(item.value) ? item.value : null;
          if (iv) {
            if (iv.comment)
              comment = iv.comment;
            if (iv.commentBefore)
              reqNewline = true;
          } else if (item.value == null && ik?.comment) {
            comment = ik.comment;
          }
        }
        if (comment)
          reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => comment = null);
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes("\n"));
        if (i < items.length - 1) {
          str += ",";
        } else if (ctx.options.trailingComma) {
          if (ctx.options.lineWidth > 0) {
            reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) + (str.length + 2) > ctx.options.lineWidth);
          }
          if (reqNewline) {
            str += ",";
          }
        }
        if (comment)
          str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
      }
      const { start, end } = flowChars;
      if (lines.length === 0) {
        return start + end;
      } else {
        if (!reqNewline) {
          const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
          reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
          let str = start;
          for (const line of lines)
            str += line ? `
${indentStep}${indent}${line}` : "\n";
          return `${str}
${indent}${end}`;
        } else {
          return `${start}${fcPadding}${lines.join(" ")}${fcPadding}${end}`;
        }
      }
    }
    function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
      if (comment && chompKeep)
        comment = comment.replace(/^\n+/, "");
      if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart());
      }
    }
    exports2.stringifyCollection = stringifyCollection;
  }
});

// node_modules/yaml/dist/nodes/YAMLMap.js
var require_YAMLMap = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLMap.js"(exports2) {
    "use strict";
    var stringifyCollection = require_stringifyCollection();
    var addPairToJSMap = require_addPairToJSMap();
    var Collection2 = require_Collection();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    function findPair(items, key) {
      const k = identity2.isScalar(key) ? key.value : key;
      for (const it of items) {
        if (identity2.isPair(it)) {
          if (it.key === key || it.key === k)
            return it;
          if (identity2.isScalar(it.key) && it.key.value === k)
            return it;
        }
      }
      return void 0;
    }
    var YAMLMap = class extends Collection2.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:map";
      }
      constructor(schema) {
        super(identity2.MAP, schema);
        this.items = [];
      }
      /**
       * A generic collection parsing method that can be extended
       * to other node classes that inherit from YAMLMap
       */
      static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
          if (typeof replacer === "function")
            value = replacer.call(obj, key, value);
          else if (Array.isArray(replacer) && !replacer.includes(key))
            return;
          if (value !== void 0 || keepUndefined)
            map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
          for (const [key, value] of obj)
            add(key, value);
        } else if (obj && typeof obj === "object") {
          for (const key of Object.keys(obj))
            add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === "function") {
          map.items.sort(schema.sortMapEntries);
        }
        return map;
      }
      /**
       * Adds a value to the collection.
       *
       * @param overwrite - If not set `true`, using a key that is already in the
       *   collection will throw. Otherwise, overwrites the previous value.
       */
      add(pair, overwrite) {
        let _pair;
        if (identity2.isPair(pair))
          _pair = pair;
        else if (!pair || typeof pair !== "object" || !("key" in pair)) {
          _pair = new Pair.Pair(pair, pair?.value);
        } else
          _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
          if (!overwrite)
            throw new Error(`Key ${_pair.key} already set`);
          if (identity2.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
            prev.value.value = _pair.value;
          else
            prev.value = _pair.value;
        } else if (sortEntries) {
          const i = this.items.findIndex((item) => sortEntries(_pair, item) < 0);
          if (i === -1)
            this.items.push(_pair);
          else
            this.items.splice(i, 0, _pair);
        } else {
          this.items.push(_pair);
        }
      }
      delete(key) {
        const it = findPair(this.items, key);
        if (!it)
          return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity2.isScalar(node) ? node.value : node) ?? void 0;
      }
      has(key) {
        return !!findPair(this.items, key);
      }
      set(key, value) {
        this.add(new Pair.Pair(key, value), true);
      }
      /**
       * @param ctx - Conversion context, originally set in Document#toJS()
       * @param {Class} Type - If set, forces the returned collection type
       * @returns Instance of Type, Map, or Object
       */
      toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? /* @__PURE__ */ new Map() : {};
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const item of this.items)
          addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        for (const item of this.items) {
          if (!identity2.isPair(item))
            throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
          ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "",
          flowChars: { start: "{", end: "}" },
          itemIndent: ctx.indent || "",
          onChompKeep,
          onComment
        });
      }
    };
    exports2.YAMLMap = YAMLMap;
    exports2.findPair = findPair;
  }
});

// node_modules/yaml/dist/schema/common/map.js
var require_map = __commonJS({
  "node_modules/yaml/dist/schema/common/map.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var YAMLMap = require_YAMLMap();
    var map = {
      collection: "map",
      default: true,
      nodeClass: YAMLMap.YAMLMap,
      tag: "tag:yaml.org,2002:map",
      resolve(map2, onError) {
        if (!identity2.isMap(map2))
          onError("Expected a mapping for this tag");
        return map2;
      },
      createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
    };
    exports2.map = map;
  }
});

// node_modules/yaml/dist/nodes/YAMLSeq.js
var require_YAMLSeq = __commonJS({
  "node_modules/yaml/dist/nodes/YAMLSeq.js"(exports2) {
    "use strict";
    var createNode = require_createNode();
    var stringifyCollection = require_stringifyCollection();
    var Collection2 = require_Collection();
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var toJS = require_toJS();
    var YAMLSeq = class extends Collection2.Collection {
      static get tagName() {
        return "tag:yaml.org,2002:seq";
      }
      constructor(schema) {
        super(identity2.SEQ, schema);
        this.items = [];
      }
      add(value) {
        this.items.push(value);
      }
      /**
       * Removes a value from the collection.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       *
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
      }
      get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          return void 0;
        const it = this.items[idx];
        return !keepScalar && identity2.isScalar(it) ? it.value : it;
      }
      /**
       * Checks if the collection includes a value with the key `key`.
       *
       * `key` must contain a representation of an integer for this to succeed.
       * It may be wrapped in a `Scalar`.
       */
      has(key) {
        const idx = asItemIndex(key);
        return typeof idx === "number" && idx < this.items.length;
      }
      /**
       * Sets a value in this collection. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       *
       * If `key` does not contain a representation of an integer, this will throw.
       * It may be wrapped in a `Scalar`.
       */
      set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== "number")
          throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity2.isScalar(prev) && Scalar.isScalarValue(value))
          prev.value = value;
        else
          this.items[idx] = value;
      }
      toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
          ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
          seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
          blockItemPrefix: "- ",
          flowChars: { start: "[", end: "]" },
          itemIndent: (ctx.indent || "") + "  ",
          onChompKeep,
          onComment
        });
      }
      static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
          let i = 0;
          for (let it of obj) {
            if (typeof replacer === "function") {
              const key = obj instanceof Set ? it : String(i++);
              it = replacer.call(obj, key, it);
            }
            seq.items.push(createNode.createNode(it, void 0, ctx));
          }
        }
        return seq;
      }
    };
    function asItemIndex(key) {
      let idx = identity2.isScalar(key) ? key.value : key;
      if (idx && typeof idx === "string")
        idx = Number(idx);
      return typeof idx === "number" && Number.isInteger(idx) && idx >= 0 ? idx : null;
    }
    exports2.YAMLSeq = YAMLSeq;
  }
});

// node_modules/yaml/dist/schema/common/seq.js
var require_seq = __commonJS({
  "node_modules/yaml/dist/schema/common/seq.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var YAMLSeq = require_YAMLSeq();
    var seq = {
      collection: "seq",
      default: true,
      nodeClass: YAMLSeq.YAMLSeq,
      tag: "tag:yaml.org,2002:seq",
      resolve(seq2, onError) {
        if (!identity2.isSeq(seq2))
          onError("Expected a sequence for this tag");
        return seq2;
      },
      createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
    };
    exports2.seq = seq;
  }
});

// node_modules/yaml/dist/schema/common/string.js
var require_string = __commonJS({
  "node_modules/yaml/dist/schema/common/string.js"(exports2) {
    "use strict";
    var stringifyString = require_stringifyString();
    var string = {
      identify: (value) => typeof value === "string",
      default: true,
      tag: "tag:yaml.org,2002:str",
      resolve: (str) => str,
      stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
      }
    };
    exports2.string = string;
  }
});

// node_modules/yaml/dist/schema/common/null.js
var require_null = __commonJS({
  "node_modules/yaml/dist/schema/common/null.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var nullTag = {
      identify: (value) => value == null,
      createNode: () => new Scalar.Scalar(null),
      default: true,
      tag: "tag:yaml.org,2002:null",
      test: /^(?:~|[Nn]ull|NULL)?$/,
      resolve: () => new Scalar.Scalar(null),
      stringify: ({ source }, ctx) => typeof source === "string" && nullTag.test.test(source) ? source : ctx.options.nullStr
    };
    exports2.nullTag = nullTag;
  }
});

// node_modules/yaml/dist/schema/core/bool.js
var require_bool = __commonJS({
  "node_modules/yaml/dist/schema/core/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var boolTag = {
      identify: (value) => typeof value === "boolean",
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
      resolve: (str) => new Scalar.Scalar(str[0] === "t" || str[0] === "T"),
      stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
          const sv = source[0] === "t" || source[0] === "T";
          if (value === sv)
            return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
      }
    };
    exports2.boolTag = boolTag;
  }
});

// node_modules/yaml/dist/stringify/stringifyNumber.js
var require_stringifyNumber = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyNumber.js"(exports2) {
    "use strict";
    function stringifyNumber({ format, minFractionDigits, tag, value }) {
      if (typeof value === "bigint")
        return String(value);
      const num = typeof value === "number" ? value : Number(value);
      if (!isFinite(num))
        return isNaN(num) ? ".nan" : num < 0 ? "-.inf" : ".inf";
      let n = Object.is(value, -0) ? "-0" : JSON.stringify(value);
      if (!format && minFractionDigits && (!tag || tag === "tag:yaml.org,2002:float") && /^-?\d/.test(n) && !n.includes("e")) {
        let i = n.indexOf(".");
        if (i < 0) {
          i = n.length;
          n += ".";
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
          n += "0";
      }
      return n;
    }
    exports2.stringifyNumber = stringifyNumber;
  }
});

// node_modules/yaml/dist/schema/core/float.js
var require_float = __commonJS({
  "node_modules/yaml/dist/schema/core/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf(".");
        if (dot !== -1 && str[str.length - 1] === "0")
          node.minFractionDigits = str.length - dot - 1;
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/core/int.js
var require_int = __commonJS({
  "node_modules/yaml/dist/schema/core/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    var intResolve = (str, offset, radix, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix);
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
      return stringifyNumber.stringifyNumber(node);
    }
    var intOct = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^0o[0-7]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
      stringify: (node) => intStringify(node, 8, "0o")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: (value) => intIdentify(value) && value >= 0,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^0x[0-9a-fA-F]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/core/schema.js
var require_schema = __commonJS({
  "node_modules/yaml/dist/schema/core/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.boolTag,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float
    ];
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/json/schema.js
var require_schema2 = __commonJS({
  "node_modules/yaml/dist/schema/json/schema.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var map = require_map();
    var seq = require_seq();
    function intIdentify(value) {
      return typeof value === "bigint" || Number.isInteger(value);
    }
    var stringifyJSON = ({ value }) => JSON.stringify(value);
    var jsonScalars = [
      {
        identify: (value) => typeof value === "string",
        default: true,
        tag: "tag:yaml.org,2002:str",
        resolve: (str) => str,
        stringify: stringifyJSON
      },
      {
        identify: (value) => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: "tag:yaml.org,2002:null",
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
      },
      {
        identify: (value) => typeof value === "boolean",
        default: true,
        tag: "tag:yaml.org,2002:bool",
        test: /^true$|^false$/,
        resolve: (str) => str === "true",
        stringify: stringifyJSON
      },
      {
        identify: intIdentify,
        default: true,
        tag: "tag:yaml.org,2002:int",
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
      },
      {
        identify: (value) => typeof value === "number",
        default: true,
        tag: "tag:yaml.org,2002:float",
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: (str) => parseFloat(str),
        stringify: stringifyJSON
      }
    ];
    var jsonError = {
      default: true,
      tag: "",
      test: /^/,
      resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
      }
    };
    var schema = [map.map, seq.seq].concat(jsonScalars, jsonError);
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/binary.js
var require_binary = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/binary.js"(exports2) {
    "use strict";
    var node_buffer = require("buffer");
    var Scalar = require_Scalar();
    var stringifyString = require_stringifyString();
    var binary = {
      identify: (value) => value instanceof Uint8Array,
      // Buffer inherits from Uint8Array
      default: false,
      tag: "tag:yaml.org,2002:binary",
      /**
       * Returns a Buffer in node and an Uint8Array in browsers
       *
       * To use the resulting buffer as an image, you'll want to do something like:
       *
       *   const blob = new Blob([buffer], { type: 'image/jpeg' })
       *   document.querySelector('#photo').src = URL.createObjectURL(blob)
       */
      resolve(src, onError) {
        if (typeof node_buffer.Buffer === "function") {
          return node_buffer.Buffer.from(src, "base64");
        } else if (typeof atob === "function") {
          const str = atob(src.replace(/[\n\r]/g, ""));
          const buffer = new Uint8Array(str.length);
          for (let i = 0; i < str.length; ++i)
            buffer[i] = str.charCodeAt(i);
          return buffer;
        } else {
          onError("This environment does not support reading binary tags; either Buffer or atob is required");
          return src;
        }
      },
      stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
          return "";
        const buf = value;
        let str;
        if (typeof node_buffer.Buffer === "function") {
          str = buf instanceof node_buffer.Buffer ? buf.toString("base64") : node_buffer.Buffer.from(buf.buffer).toString("base64");
        } else if (typeof btoa === "function") {
          let s = "";
          for (let i = 0; i < buf.length; ++i)
            s += String.fromCharCode(buf[i]);
          str = btoa(s);
        } else {
          throw new Error("This environment does not support writing binary tags; either Buffer or btoa is required");
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
          const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
          const n = Math.ceil(str.length / lineWidth);
          const lines = new Array(n);
          for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
            lines[i] = str.substr(o, lineWidth);
          }
          str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? "\n" : " ");
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
      }
    };
    exports2.binary = binary;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/pairs.js
var require_pairs = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/pairs.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLSeq = require_YAMLSeq();
    function resolvePairs(seq, onError) {
      if (identity2.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
          let item = seq.items[i];
          if (identity2.isPair(item))
            continue;
          else if (identity2.isMap(item)) {
            if (item.items.length > 1)
              onError("Each pair must have its own sequence indicator");
            const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
            if (item.commentBefore)
              pair.key.commentBefore = pair.key.commentBefore ? `${item.commentBefore}
${pair.key.commentBefore}` : item.commentBefore;
            if (item.comment) {
              const cn = pair.value ?? pair.key;
              cn.comment = cn.comment ? `${item.comment}
${cn.comment}` : item.comment;
            }
            item = pair;
          }
          seq.items[i] = identity2.isPair(item) ? item : new Pair.Pair(item);
        }
      } else
        onError("Expected a sequence for this tag");
      return seq;
    }
    function createPairs(schema, iterable, ctx) {
      const { replacer } = ctx;
      const pairs2 = new YAMLSeq.YAMLSeq(schema);
      pairs2.tag = "tag:yaml.org,2002:pairs";
      let i = 0;
      if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
          if (typeof replacer === "function")
            it = replacer.call(iterable, String(i++), it);
          let key, value;
          if (Array.isArray(it)) {
            if (it.length === 2) {
              key = it[0];
              value = it[1];
            } else
              throw new TypeError(`Expected [key, value] tuple: ${it}`);
          } else if (it && it instanceof Object) {
            const keys = Object.keys(it);
            if (keys.length === 1) {
              key = keys[0];
              value = it[key];
            } else {
              throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
            }
          } else {
            key = it;
          }
          pairs2.items.push(Pair.createPair(key, value, ctx));
        }
      return pairs2;
    }
    var pairs = {
      collection: "seq",
      default: false,
      tag: "tag:yaml.org,2002:pairs",
      resolve: resolvePairs,
      createNode: createPairs
    };
    exports2.createPairs = createPairs;
    exports2.pairs = pairs;
    exports2.resolvePairs = resolvePairs;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/omap.js
var require_omap = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/omap.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var toJS = require_toJS();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var pairs = require_pairs();
    var YAMLOMap = class _YAMLOMap extends YAMLSeq.YAMLSeq {
      constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = _YAMLOMap.tag;
      }
      /**
       * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
       * but TypeScript won't allow widening the signature of a child method.
       */
      toJSON(_, ctx) {
        if (!ctx)
          return super.toJSON(_);
        const map = /* @__PURE__ */ new Map();
        if (ctx?.onCreate)
          ctx.onCreate(map);
        for (const pair of this.items) {
          let key, value;
          if (identity2.isPair(pair)) {
            key = toJS.toJS(pair.key, "", ctx);
            value = toJS.toJS(pair.value, key, ctx);
          } else {
            key = toJS.toJS(pair, "", ctx);
          }
          if (map.has(key))
            throw new Error("Ordered maps must not include duplicate keys");
          map.set(key, value);
        }
        return map;
      }
      static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap2 = new this();
        omap2.items = pairs$1.items;
        return omap2;
      }
    };
    YAMLOMap.tag = "tag:yaml.org,2002:omap";
    var omap = {
      collection: "seq",
      identify: (value) => value instanceof Map,
      nodeClass: YAMLOMap,
      default: false,
      tag: "tag:yaml.org,2002:omap",
      resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
          if (identity2.isScalar(key)) {
            if (seenKeys.includes(key.value)) {
              onError(`Ordered maps must not include duplicate keys: ${key.value}`);
            } else {
              seenKeys.push(key.value);
            }
          }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
      },
      createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
    };
    exports2.YAMLOMap = YAMLOMap;
    exports2.omap = omap;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/bool.js
var require_bool2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/bool.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function boolStringify({ value, source }, ctx) {
      const boolObj = value ? trueTag : falseTag;
      if (source && boolObj.test.test(source))
        return source;
      return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
    var trueTag = {
      identify: (value) => value === true,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
      resolve: () => new Scalar.Scalar(true),
      stringify: boolStringify
    };
    var falseTag = {
      identify: (value) => value === false,
      default: true,
      tag: "tag:yaml.org,2002:bool",
      test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
      resolve: () => new Scalar.Scalar(false),
      stringify: boolStringify
    };
    exports2.falseTag = falseTag;
    exports2.trueTag = trueTag;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/float.js
var require_float2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/float.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var stringifyNumber = require_stringifyNumber();
    var floatNaN = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      resolve: (str) => str.slice(-3).toLowerCase() === "nan" ? NaN : str[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY,
      stringify: stringifyNumber.stringifyNumber
    };
    var floatExp = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "EXP",
      test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
      resolve: (str) => parseFloat(str.replace(/_/g, "")),
      stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
      }
    };
    var float = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
      resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, "")));
        const dot = str.indexOf(".");
        if (dot !== -1) {
          const f = str.substring(dot + 1).replace(/_/g, "");
          if (f[f.length - 1] === "0")
            node.minFractionDigits = f.length;
        }
        return node;
      },
      stringify: stringifyNumber.stringifyNumber
    };
    exports2.float = float;
    exports2.floatExp = floatExp;
    exports2.floatNaN = floatNaN;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/int.js
var require_int2 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/int.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    var intIdentify = (value) => typeof value === "bigint" || Number.isInteger(value);
    function intResolve(str, offset, radix, { intAsBigInt }) {
      const sign = str[0];
      if (sign === "-" || sign === "+")
        offset += 1;
      str = str.substring(offset).replace(/_/g, "");
      if (intAsBigInt) {
        switch (radix) {
          case 2:
            str = `0b${str}`;
            break;
          case 8:
            str = `0o${str}`;
            break;
          case 16:
            str = `0x${str}`;
            break;
        }
        const n2 = BigInt(str);
        return sign === "-" ? BigInt(-1) * n2 : n2;
      }
      const n = parseInt(str, radix);
      return sign === "-" ? -1 * n : n;
    }
    function intStringify(node, radix, prefix) {
      const { value } = node;
      if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? "-" + prefix + str.substr(1) : prefix + str;
      }
      return stringifyNumber.stringifyNumber(node);
    }
    var intBin = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "BIN",
      test: /^[-+]?0b[0-1_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
      stringify: (node) => intStringify(node, 2, "0b")
    };
    var intOct = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "OCT",
      test: /^[-+]?0[0-7_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
      stringify: (node) => intStringify(node, 8, "0")
    };
    var int = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      test: /^[-+]?[0-9][0-9_]*$/,
      resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
      stringify: stringifyNumber.stringifyNumber
    };
    var intHex = {
      identify: intIdentify,
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "HEX",
      test: /^[-+]?0x[0-9a-fA-F_]+$/,
      resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
      stringify: (node) => intStringify(node, 16, "0x")
    };
    exports2.int = int;
    exports2.intBin = intBin;
    exports2.intHex = intHex;
    exports2.intOct = intOct;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/set.js
var require_set = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/set.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSet = class _YAMLSet extends YAMLMap.YAMLMap {
      constructor(schema) {
        super(schema);
        this.tag = _YAMLSet.tag;
      }
      add(key) {
        let pair;
        if (identity2.isPair(key))
          pair = key;
        else if (key && typeof key === "object" && "key" in key && "value" in key && key.value === null)
          pair = new Pair.Pair(key.key, null);
        else
          pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
          this.items.push(pair);
      }
      /**
       * If `keepPair` is `true`, returns the Pair matching `key`.
       * Otherwise, returns the value of that Pair's key.
       */
      get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity2.isPair(pair) ? identity2.isScalar(pair.key) ? pair.key.value : pair.key : pair;
      }
      set(key, value) {
        if (typeof value !== "boolean")
          throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
          this.items.splice(this.items.indexOf(prev), 1);
        } else if (!prev && value) {
          this.items.push(new Pair.Pair(key));
        }
      }
      toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
      }
      toString(ctx, onComment, onChompKeep) {
        if (!ctx)
          return JSON.stringify(this);
        if (this.hasAllNullValues(true))
          return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
          throw new Error("Set items must all have null values");
      }
      static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set2 = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
          for (let value of iterable) {
            if (typeof replacer === "function")
              value = replacer.call(iterable, value, value);
            set2.items.push(Pair.createPair(value, null, ctx));
          }
        return set2;
      }
    };
    YAMLSet.tag = "tag:yaml.org,2002:set";
    var set = {
      collection: "map",
      identify: (value) => value instanceof Set,
      nodeClass: YAMLSet,
      default: false,
      tag: "tag:yaml.org,2002:set",
      createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
      resolve(map, onError) {
        if (identity2.isMap(map)) {
          if (map.hasAllNullValues(true))
            return Object.assign(new YAMLSet(), map);
          else
            onError("Set items must all have null values");
        } else
          onError("Expected a mapping for this tag");
        return map;
      }
    };
    exports2.YAMLSet = YAMLSet;
    exports2.set = set;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/timestamp.js
var require_timestamp = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/timestamp.js"(exports2) {
    "use strict";
    var stringifyNumber = require_stringifyNumber();
    function parseSexagesimal(str, asBigInt) {
      const sign = str[0];
      const parts = sign === "-" || sign === "+" ? str.substring(1) : str;
      const num = (n) => asBigInt ? BigInt(n) : Number(n);
      const res = parts.replace(/_/g, "").split(":").reduce((res2, p) => res2 * num(60) + num(p), num(0));
      return sign === "-" ? num(-1) * res : res;
    }
    function stringifySexagesimal(node) {
      let { value } = node;
      let num = (n) => n;
      if (typeof value === "bigint")
        num = (n) => BigInt(n);
      else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
      let sign = "";
      if (value < 0) {
        sign = "-";
        value *= num(-1);
      }
      const _60 = num(60);
      const parts = [value % _60];
      if (value < 60) {
        parts.unshift(0);
      } else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60);
        if (value >= 60) {
          value = (value - parts[0]) / _60;
          parts.unshift(value);
        }
      }
      return sign + parts.map((n) => String(n).padStart(2, "0")).join(":").replace(/000000\d*$/, "");
    }
    var intTime = {
      identify: (value) => typeof value === "bigint" || Number.isInteger(value),
      default: true,
      tag: "tag:yaml.org,2002:int",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
      resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
      stringify: stringifySexagesimal
    };
    var floatTime = {
      identify: (value) => typeof value === "number",
      default: true,
      tag: "tag:yaml.org,2002:float",
      format: "TIME",
      test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
      resolve: (str) => parseSexagesimal(str, false),
      stringify: stringifySexagesimal
    };
    var timestamp = {
      identify: (value) => value instanceof Date,
      default: true,
      tag: "tag:yaml.org,2002:timestamp",
      // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
      // may be omitted altogether, resulting in a date format. In such a case, the time part is
      // assumed to be 00:00:00Z (start of day, UTC).
      test: RegExp("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \\t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$"),
      resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
          throw new Error("!!timestamp expects a date, starting with yyyy-mm-dd");
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + "00").substr(1, 3)) : 0;
        let date2 = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== "Z") {
          let d = parseSexagesimal(tz, false);
          if (Math.abs(d) < 30)
            d *= 60;
          date2 -= 6e4 * d;
        }
        return new Date(date2);
      },
      stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, "") ?? ""
    };
    exports2.floatTime = floatTime;
    exports2.intTime = intTime;
    exports2.timestamp = timestamp;
  }
});

// node_modules/yaml/dist/schema/yaml-1.1/schema.js
var require_schema3 = __commonJS({
  "node_modules/yaml/dist/schema/yaml-1.1/schema.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var binary = require_binary();
    var bool = require_bool2();
    var float = require_float2();
    var int = require_int2();
    var merge2 = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var set = require_set();
    var timestamp = require_timestamp();
    var schema = [
      map.map,
      seq.seq,
      string.string,
      _null.nullTag,
      bool.trueTag,
      bool.falseTag,
      int.intBin,
      int.intOct,
      int.int,
      int.intHex,
      float.floatNaN,
      float.floatExp,
      float.float,
      binary.binary,
      merge2.merge,
      omap.omap,
      pairs.pairs,
      set.set,
      timestamp.intTime,
      timestamp.floatTime,
      timestamp.timestamp
    ];
    exports2.schema = schema;
  }
});

// node_modules/yaml/dist/schema/tags.js
var require_tags = __commonJS({
  "node_modules/yaml/dist/schema/tags.js"(exports2) {
    "use strict";
    var map = require_map();
    var _null = require_null();
    var seq = require_seq();
    var string = require_string();
    var bool = require_bool();
    var float = require_float();
    var int = require_int();
    var schema = require_schema();
    var schema$1 = require_schema2();
    var binary = require_binary();
    var merge2 = require_merge();
    var omap = require_omap();
    var pairs = require_pairs();
    var schema$2 = require_schema3();
    var set = require_set();
    var timestamp = require_timestamp();
    var schemas = /* @__PURE__ */ new Map([
      ["core", schema.schema],
      ["failsafe", [map.map, seq.seq, string.string]],
      ["json", schema$1.schema],
      ["yaml11", schema$2.schema],
      ["yaml-1.1", schema$2.schema]
    ]);
    var tagsByName = {
      binary: binary.binary,
      bool: bool.boolTag,
      float: float.float,
      floatExp: float.floatExp,
      floatNaN: float.floatNaN,
      floatTime: timestamp.floatTime,
      int: int.int,
      intHex: int.intHex,
      intOct: int.intOct,
      intTime: timestamp.intTime,
      map: map.map,
      merge: merge2.merge,
      null: _null.nullTag,
      omap: omap.omap,
      pairs: pairs.pairs,
      seq: seq.seq,
      set: set.set,
      timestamp: timestamp.timestamp
    };
    var coreKnownTags = {
      "tag:yaml.org,2002:binary": binary.binary,
      "tag:yaml.org,2002:merge": merge2.merge,
      "tag:yaml.org,2002:omap": omap.omap,
      "tag:yaml.org,2002:pairs": pairs.pairs,
      "tag:yaml.org,2002:set": set.set,
      "tag:yaml.org,2002:timestamp": timestamp.timestamp
    };
    function getTags(customTags, schemaName, addMergeTag) {
      const schemaTags = schemas.get(schemaName);
      if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge2.merge) ? schemaTags.concat(merge2.merge) : schemaTags.slice();
      }
      let tags = schemaTags;
      if (!tags) {
        if (Array.isArray(customTags))
          tags = [];
        else {
          const keys = Array.from(schemas.keys()).filter((key) => key !== "yaml11").map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
      }
      if (Array.isArray(customTags)) {
        for (const tag of customTags)
          tags = tags.concat(tag);
      } else if (typeof customTags === "function") {
        tags = customTags(tags.slice());
      }
      if (addMergeTag)
        tags = tags.concat(merge2.merge);
      return tags.reduce((tags2, tag) => {
        const tagObj = typeof tag === "string" ? tagsByName[tag] : tag;
        if (!tagObj) {
          const tagName = JSON.stringify(tag);
          const keys = Object.keys(tagsByName).map((key) => JSON.stringify(key)).join(", ");
          throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags2.includes(tagObj))
          tags2.push(tagObj);
        return tags2;
      }, []);
    }
    exports2.coreKnownTags = coreKnownTags;
    exports2.getTags = getTags;
  }
});

// node_modules/yaml/dist/schema/Schema.js
var require_Schema = __commonJS({
  "node_modules/yaml/dist/schema/Schema.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var map = require_map();
    var seq = require_seq();
    var string = require_string();
    var tags = require_tags();
    var sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
    var Schema = class _Schema {
      constructor({ compat, customTags, merge: merge2, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat) ? tags.getTags(compat, "compat") : compat ? tags.getTags(null, compat) : null;
        this.name = typeof schema === "string" && schema || "core";
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge2);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity2.MAP, { value: map.map });
        Object.defineProperty(this, identity2.SCALAR, { value: string.string });
        Object.defineProperty(this, identity2.SEQ, { value: seq.seq });
        this.sortMapEntries = typeof sortMapEntries === "function" ? sortMapEntries : sortMapEntries === true ? sortMapEntriesByKey : null;
      }
      clone() {
        const copy = Object.create(_Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
      }
    };
    exports2.Schema = Schema;
  }
});

// node_modules/yaml/dist/stringify/stringifyDocument.js
var require_stringifyDocument = __commonJS({
  "node_modules/yaml/dist/stringify/stringifyDocument.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var stringify = require_stringify();
    var stringifyComment = require_stringifyComment();
    function stringifyDocument(doc, options2) {
      const lines = [];
      let hasDirectives = options2.directives === true;
      if (options2.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
          lines.push(dir);
          hasDirectives = true;
        } else if (doc.directives.docStart)
          hasDirectives = true;
      }
      if (hasDirectives)
        lines.push("---");
      const ctx = stringify.createStringifyContext(doc, options2);
      const { commentString } = ctx.options;
      if (doc.commentBefore) {
        if (lines.length !== 1)
          lines.unshift("");
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ""));
      }
      let chompKeep = false;
      let contentComment = null;
      if (doc.contents) {
        if (identity2.isNode(doc.contents)) {
          if (doc.contents.spaceBefore && hasDirectives)
            lines.push("");
          if (doc.contents.commentBefore) {
            const cs = commentString(doc.contents.commentBefore);
            lines.push(stringifyComment.indentComment(cs, ""));
          }
          ctx.forceBlockIndent = !!doc.comment;
          contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? void 0 : () => chompKeep = true;
        let body = stringify.stringify(doc.contents, ctx, () => contentComment = null, onChompKeep);
        if (contentComment)
          body += stringifyComment.lineComment(body, "", commentString(contentComment));
        if ((body[0] === "|" || body[0] === ">") && lines[lines.length - 1] === "---") {
          lines[lines.length - 1] = `--- ${body}`;
        } else
          lines.push(body);
      } else {
        lines.push(stringify.stringify(doc.contents, ctx));
      }
      if (doc.directives?.docEnd) {
        if (doc.comment) {
          const cs = commentString(doc.comment);
          if (cs.includes("\n")) {
            lines.push("...");
            lines.push(stringifyComment.indentComment(cs, ""));
          } else {
            lines.push(`... ${cs}`);
          }
        } else {
          lines.push("...");
        }
      } else {
        let dc = doc.comment;
        if (dc && chompKeep)
          dc = dc.replace(/^\n+/, "");
        if (dc) {
          if ((!chompKeep || contentComment) && lines[lines.length - 1] !== "")
            lines.push("");
          lines.push(stringifyComment.indentComment(commentString(dc), ""));
        }
      }
      return lines.join("\n") + "\n";
    }
    exports2.stringifyDocument = stringifyDocument;
  }
});

// node_modules/yaml/dist/doc/Document.js
var require_Document = __commonJS({
  "node_modules/yaml/dist/doc/Document.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var Collection2 = require_Collection();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var toJS = require_toJS();
    var Schema = require_Schema();
    var stringifyDocument = require_stringifyDocument();
    var anchors = require_anchors();
    var applyReviver = require_applyReviver();
    var createNode = require_createNode();
    var directives = require_directives();
    var Document = class _Document {
      constructor(value, replacer, options2) {
        this.commentBefore = null;
        this.comment = null;
        this.errors = [];
        this.warnings = [];
        Object.defineProperty(this, identity2.NODE_TYPE, { value: identity2.DOC });
        let _replacer = null;
        if (typeof replacer === "function" || Array.isArray(replacer)) {
          _replacer = replacer;
        } else if (options2 === void 0 && replacer) {
          options2 = replacer;
          replacer = void 0;
        }
        const opt = Object.assign({
          intAsBigInt: false,
          keepSourceTokens: false,
          logLevel: "warn",
          prettyErrors: true,
          strict: true,
          stringKeys: false,
          uniqueKeys: true,
          version: "1.2"
        }, options2);
        this.options = opt;
        let { version } = opt;
        if (options2?._directives) {
          this.directives = options2._directives.atDocument();
          if (this.directives.yaml.explicit)
            version = this.directives.yaml.version;
        } else
          this.directives = new directives.Directives({ version });
        this.setSchema(version, options2);
        this.contents = value === void 0 ? null : this.createNode(value, _replacer, options2);
      }
      /**
       * Create a deep copy of this Document and its contents.
       *
       * Custom Node values that inherit from `Object` still refer to their original instances.
       */
      clone() {
        const copy = Object.create(_Document.prototype, {
          [identity2.NODE_TYPE]: { value: identity2.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
          copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        copy.contents = identity2.isNode(this.contents) ? this.contents.clone(copy.schema) : this.contents;
        if (this.range)
          copy.range = this.range.slice();
        return copy;
      }
      /** Adds a value to the document. */
      add(value) {
        if (assertCollection(this.contents))
          this.contents.add(value);
      }
      /** Adds a value to the document. */
      addIn(path5, value) {
        if (assertCollection(this.contents))
          this.contents.addIn(path5, value);
      }
      /**
       * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
       *
       * If `node` already has an anchor, `name` is ignored.
       * Otherwise, the `node.anchor` value will be set to `name`,
       * or if an anchor with that name is already present in the document,
       * `name` will be used as a prefix for a new unique anchor.
       * If `name` is undefined, the generated anchor will use 'a' as a prefix.
       */
      createAlias(node, name) {
        if (!node.anchor) {
          const prev = anchors.anchorNames(this);
          node.anchor = // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          !name || prev.has(name) ? anchors.findNewAnchor(name || "a", prev) : name;
        }
        return new Alias.Alias(node.anchor);
      }
      createNode(value, replacer, options2) {
        let _replacer = void 0;
        if (typeof replacer === "function") {
          value = replacer.call({ "": value }, "", value);
          _replacer = replacer;
        } else if (Array.isArray(replacer)) {
          const keyToStr = (v) => typeof v === "number" || v instanceof String || v instanceof Number;
          const asStr = replacer.filter(keyToStr).map(String);
          if (asStr.length > 0)
            replacer = replacer.concat(asStr);
          _replacer = replacer;
        } else if (options2 === void 0 && replacer) {
          options2 = replacer;
          replacer = void 0;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options2 ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(
          this,
          // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
          anchorPrefix || "a"
        );
        const ctx = {
          aliasDuplicateObjects: aliasDuplicateObjects ?? true,
          keepUndefined: keepUndefined ?? false,
          onAnchor,
          onTagObj,
          replacer: _replacer,
          schema: this.schema,
          sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity2.isCollection(node))
          node.flow = true;
        setAnchors();
        return node;
      }
      /**
       * Convert a key and a value into a `Pair` using the current schema,
       * recursively wrapping all values as `Scalar` or `Collection` nodes.
       */
      createPair(key, value, options2 = {}) {
        const k = this.createNode(key, null, options2);
        const v = this.createNode(value, null, options2);
        return new Pair.Pair(k, v);
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
      }
      /**
       * Removes a value from the document.
       * @returns `true` if the item was found and removed.
       */
      deleteIn(path5) {
        if (Collection2.isEmptyPath(path5)) {
          if (this.contents == null)
            return false;
          this.contents = null;
          return true;
        }
        return assertCollection(this.contents) ? this.contents.deleteIn(path5) : false;
      }
      /**
       * Returns item at `key`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      get(key, keepScalar) {
        return identity2.isCollection(this.contents) ? this.contents.get(key, keepScalar) : void 0;
      }
      /**
       * Returns item at `path`, or `undefined` if not found. By default unwraps
       * scalar values from their surrounding node; to disable set `keepScalar` to
       * `true` (collections are always returned intact).
       */
      getIn(path5, keepScalar) {
        if (Collection2.isEmptyPath(path5))
          return !keepScalar && identity2.isScalar(this.contents) ? this.contents.value : this.contents;
        return identity2.isCollection(this.contents) ? this.contents.getIn(path5, keepScalar) : void 0;
      }
      /**
       * Checks if the document includes a value with the key `key`.
       */
      has(key) {
        return identity2.isCollection(this.contents) ? this.contents.has(key) : false;
      }
      /**
       * Checks if the document includes a value at `path`.
       */
      hasIn(path5) {
        if (Collection2.isEmptyPath(path5))
          return this.contents !== void 0;
        return identity2.isCollection(this.contents) ? this.contents.hasIn(path5) : false;
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      set(key, value) {
        if (this.contents == null) {
          this.contents = Collection2.collectionFromPath(this.schema, [key], value);
        } else if (assertCollection(this.contents)) {
          this.contents.set(key, value);
        }
      }
      /**
       * Sets a value in this document. For `!!set`, `value` needs to be a
       * boolean to add/remove the item from the set.
       */
      setIn(path5, value) {
        if (Collection2.isEmptyPath(path5)) {
          this.contents = value;
        } else if (this.contents == null) {
          this.contents = Collection2.collectionFromPath(this.schema, Array.from(path5), value);
        } else if (assertCollection(this.contents)) {
          this.contents.setIn(path5, value);
        }
      }
      /**
       * Change the YAML version and schema used by the document.
       * A `null` version disables support for directives, explicit tags, anchors, and aliases.
       * It also requires the `schema` option to be given as a `Schema` instance value.
       *
       * Overrides all previously set schema options.
       */
      setSchema(version, options2 = {}) {
        if (typeof version === "number")
          version = String(version);
        let opt;
        switch (version) {
          case "1.1":
            if (this.directives)
              this.directives.yaml.version = "1.1";
            else
              this.directives = new directives.Directives({ version: "1.1" });
            opt = { resolveKnownTags: false, schema: "yaml-1.1" };
            break;
          case "1.2":
          case "next":
            if (this.directives)
              this.directives.yaml.version = version;
            else
              this.directives = new directives.Directives({ version });
            opt = { resolveKnownTags: true, schema: "core" };
            break;
          case null:
            if (this.directives)
              delete this.directives;
            opt = null;
            break;
          default: {
            const sv = JSON.stringify(version);
            throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
          }
        }
        if (options2.schema instanceof Object)
          this.schema = options2.schema;
        else if (opt)
          this.schema = new Schema.Schema(Object.assign(opt, options2));
        else
          throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
      }
      // json & jsonArg are only used from toJSON()
      toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
          anchors: /* @__PURE__ */ new Map(),
          doc: this,
          keep: !json,
          mapAsMap: mapAsMap === true,
          mapKeyWarned: false,
          maxAliasCount: typeof maxAliasCount === "number" ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? "", ctx);
        if (typeof onAnchor === "function")
          for (const { count, res: res2 } of ctx.anchors.values())
            onAnchor(res2, count);
        return typeof reviver === "function" ? applyReviver.applyReviver(reviver, { "": res }, "", res) : res;
      }
      /**
       * A JSON representation of the document `contents`.
       *
       * @param jsonArg Used by `JSON.stringify` to indicate the array index or
       *   property name.
       */
      toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
      }
      /** A YAML representation of the document. */
      toString(options2 = {}) {
        if (this.errors.length > 0)
          throw new Error("Document with errors cannot be stringified");
        if ("indent" in options2 && (!Number.isInteger(options2.indent) || Number(options2.indent) <= 0)) {
          const s = JSON.stringify(options2.indent);
          throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options2);
      }
    };
    function assertCollection(contents) {
      if (identity2.isCollection(contents))
        return true;
      throw new Error("Expected a YAML collection as document contents");
    }
    exports2.Document = Document;
  }
});

// node_modules/yaml/dist/errors.js
var require_errors = __commonJS({
  "node_modules/yaml/dist/errors.js"(exports2) {
    "use strict";
    var YAMLError = class extends Error {
      constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
      }
    };
    var YAMLParseError = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLParseError", pos, code, message);
      }
    };
    var YAMLWarning = class extends YAMLError {
      constructor(pos, code, message) {
        super("YAMLWarning", pos, code, message);
      }
    };
    var prettifyError = (src, lc) => (error) => {
      if (error.pos[0] === -1)
        return;
      error.linePos = error.pos.map((pos) => lc.linePos(pos));
      const { line, col } = error.linePos[0];
      error.message += ` at line ${line}, column ${col}`;
      let ci = col - 1;
      let lineStr = src.substring(lc.lineStarts[line - 1], lc.lineStarts[line]).replace(/[\n\r]+$/, "");
      if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = "\u2026" + lineStr.substring(trimStart);
        ci -= trimStart - 1;
      }
      if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + "\u2026";
      if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
          prev = prev.substring(0, 79) + "\u2026\n";
        lineStr = prev + lineStr;
      }
      if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
          count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = " ".repeat(ci) + "^".repeat(count);
        error.message += `:

${lineStr}
${pointer}
`;
      }
    };
    exports2.YAMLError = YAMLError;
    exports2.YAMLParseError = YAMLParseError;
    exports2.YAMLWarning = YAMLWarning;
    exports2.prettifyError = prettifyError;
  }
});

// node_modules/yaml/dist/compose/resolve-props.js
var require_resolve_props = __commonJS({
  "node_modules/yaml/dist/compose/resolve-props.js"(exports2) {
    "use strict";
    function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
      let spaceBefore = false;
      let atNewline = startOnNewline;
      let hasSpace = startOnNewline;
      let comment = "";
      let commentSep = "";
      let hasNewline = false;
      let reqSpace = false;
      let tab = null;
      let anchor = null;
      let tag = null;
      let newlineAfterProp = null;
      let comma = null;
      let found = null;
      let start = null;
      for (const token2 of tokens) {
        if (reqSpace) {
          if (token2.type !== "space" && token2.type !== "newline" && token2.type !== "comma")
            onError(token2.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
          reqSpace = false;
        }
        if (tab) {
          if (atNewline && token2.type !== "comment" && token2.type !== "newline") {
            onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
          }
          tab = null;
        }
        switch (token2.type) {
          case "space":
            if (!flow && (indicator !== "doc-start" || next?.type !== "flow-collection") && token2.source.includes("	")) {
              tab = token2;
            }
            hasSpace = true;
            break;
          case "comment": {
            if (!hasSpace)
              onError(token2, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
            const cb = token2.source.substring(1) || " ";
            if (!comment)
              comment = cb;
            else
              comment += commentSep + cb;
            commentSep = "";
            atNewline = false;
            break;
          }
          case "newline":
            if (atNewline) {
              if (comment)
                comment += token2.source;
              else if (!found || indicator !== "seq-item-ind")
                spaceBefore = true;
            } else
              commentSep += token2.source;
            atNewline = true;
            hasNewline = true;
            if (anchor || tag)
              newlineAfterProp = token2;
            hasSpace = true;
            break;
          case "anchor":
            if (anchor)
              onError(token2, "MULTIPLE_ANCHORS", "A node can have at most one anchor");
            if (token2.source.endsWith(":"))
              onError(token2.offset + token2.source.length - 1, "BAD_ALIAS", "Anchor ending in : is ambiguous", true);
            anchor = token2;
            start ?? (start = token2.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          case "tag": {
            if (tag)
              onError(token2, "MULTIPLE_TAGS", "A node can have at most one tag");
            tag = token2;
            start ?? (start = token2.offset);
            atNewline = false;
            hasSpace = false;
            reqSpace = true;
            break;
          }
          case indicator:
            if (anchor || tag)
              onError(token2, "BAD_PROP_ORDER", `Anchors and tags must be after the ${token2.source} indicator`);
            if (found)
              onError(token2, "UNEXPECTED_TOKEN", `Unexpected ${token2.source} in ${flow ?? "collection"}`);
            found = token2;
            atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
            hasSpace = false;
            break;
          case "comma":
            if (flow) {
              if (comma)
                onError(token2, "UNEXPECTED_TOKEN", `Unexpected , in ${flow}`);
              comma = token2;
              atNewline = false;
              hasSpace = false;
              break;
            }
          // else fallthrough
          default:
            onError(token2, "UNEXPECTED_TOKEN", `Unexpected ${token2.type} token`);
            atNewline = false;
            hasSpace = false;
        }
      }
      const last = tokens[tokens.length - 1];
      const end = last ? last.offset + last.source.length : offset;
      if (reqSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) {
        onError(next.offset, "MISSING_CHAR", "Tags and anchors must be separated from the next token by white space");
      }
      if (tab && (atNewline && tab.indent <= parentIndent || next?.type === "block-map" || next?.type === "block-seq"))
        onError(tab, "TAB_AS_INDENT", "Tabs are not allowed as indentation");
      return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
      };
    }
    exports2.resolveProps = resolveProps;
  }
});

// node_modules/yaml/dist/compose/util-contains-newline.js
var require_util_contains_newline = __commonJS({
  "node_modules/yaml/dist/compose/util-contains-newline.js"(exports2) {
    "use strict";
    function containsNewline(key) {
      if (!key)
        return null;
      switch (key.type) {
        case "alias":
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          if (key.source.includes("\n"))
            return true;
          if (key.end) {
            for (const st of key.end)
              if (st.type === "newline")
                return true;
          }
          return false;
        case "flow-collection":
          for (const it of key.items) {
            for (const st of it.start)
              if (st.type === "newline")
                return true;
            if (it.sep) {
              for (const st of it.sep)
                if (st.type === "newline")
                  return true;
            }
            if (containsNewline(it.key) || containsNewline(it.value))
              return true;
          }
          return false;
        default:
          return true;
      }
    }
    exports2.containsNewline = containsNewline;
  }
});

// node_modules/yaml/dist/compose/util-flow-indent-check.js
var require_util_flow_indent_check = __commonJS({
  "node_modules/yaml/dist/compose/util-flow-indent-check.js"(exports2) {
    "use strict";
    var utilContainsNewline = require_util_contains_newline();
    function flowIndentCheck(indent, fc, onError) {
      if (fc?.type === "flow-collection") {
        const end = fc.end[0];
        if (end.indent === indent && (end.source === "]" || end.source === "}") && utilContainsNewline.containsNewline(fc)) {
          const msg = "Flow end indicator should be more indented than parent";
          onError(end, "BAD_INDENT", msg, true);
        }
      }
    }
    exports2.flowIndentCheck = flowIndentCheck;
  }
});

// node_modules/yaml/dist/compose/util-map-includes.js
var require_util_map_includes = __commonJS({
  "node_modules/yaml/dist/compose/util-map-includes.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    function mapIncludes(ctx, items, search) {
      const { uniqueKeys } = ctx.options;
      if (uniqueKeys === false)
        return false;
      const isEqual = typeof uniqueKeys === "function" ? uniqueKeys : (a, b) => a === b || identity2.isScalar(a) && identity2.isScalar(b) && a.value === b.value;
      return items.some((pair) => isEqual(pair.key, search));
    }
    exports2.mapIncludes = mapIncludes;
  }
});

// node_modules/yaml/dist/compose/resolve-block-map.js
var require_resolve_block_map = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-map.js"(exports2) {
    "use strict";
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    var utilMapIncludes = require_util_map_includes();
    var startColMsg = "All mapping items must start at the same column";
    function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
      const map = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      let offset = bm.offset;
      let commentEnd = null;
      for (const collItem of bm.items) {
        const { start, key, sep: sep3, value } = collItem;
        const keyProps = resolveProps.resolveProps(start, {
          indicator: "explicit-key-ind",
          next: key ?? sep3?.[0],
          offset,
          onError,
          parentIndent: bm.indent,
          startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
          if (key) {
            if (key.type === "block-seq")
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "A block sequence may not be used as an implicit map key");
            else if ("indent" in key && key.indent !== bm.indent)
              onError(offset, "BAD_INDENT", startColMsg);
          }
          if (!keyProps.anchor && !keyProps.tag && !sep3) {
            commentEnd = keyProps.end;
            if (keyProps.comment) {
              if (map.comment)
                map.comment += "\n" + keyProps.comment;
              else
                map.comment = keyProps.comment;
            }
            continue;
          }
          if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
            onError(key ?? start[start.length - 1], "MULTILINE_IMPLICIT_KEY", "Implicit keys need to be on a single line");
          }
        } else if (keyProps.found?.indent !== bm.indent) {
          onError(offset, "BAD_INDENT", startColMsg);
        }
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key ? composeNode(ctx, key, keyProps, onError) : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
          onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
        const valueProps = resolveProps.resolveProps(sep3 ?? [], {
          indicator: "map-value-ind",
          next: value,
          offset: keyNode.range[2],
          onError,
          parentIndent: bm.indent,
          startOnNewline: !key || key.type === "block-scalar"
        });
        offset = valueProps.end;
        if (valueProps.found) {
          if (implicitKey) {
            if (value?.type === "block-map" && !valueProps.hasNewline)
              onError(offset, "BLOCK_AS_IMPLICIT_KEY", "Nested mappings are not allowed in compact mappings");
            if (ctx.options.strict && keyProps.start < valueProps.found.offset - 1024)
              onError(keyNode.range, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit block mapping key");
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : composeEmptyNode(ctx, offset, sep3, null, valueProps, onError);
          if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
          offset = valueNode.range[2];
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        } else {
          if (implicitKey)
            onError(keyNode.range, "MISSING_CHAR", "Implicit map keys need to be followed by map values");
          if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          map.items.push(pair);
        }
      }
      if (commentEnd && commentEnd < offset)
        onError(commentEnd, "IMPOSSIBLE", "Map comment with trailing content");
      map.range = [bm.offset, offset, commentEnd ?? offset];
      return map;
    }
    exports2.resolveBlockMap = resolveBlockMap;
  }
});

// node_modules/yaml/dist/compose/resolve-block-seq.js
var require_resolve_block_seq = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-seq.js"(exports2) {
    "use strict";
    var YAMLSeq = require_YAMLSeq();
    var resolveProps = require_resolve_props();
    var utilFlowIndentCheck = require_util_flow_indent_check();
    function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
      const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
      const seq = new NodeClass(ctx.schema);
      if (ctx.atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = bs.offset;
      let commentEnd = null;
      for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
          indicator: "seq-item-ind",
          next: value,
          offset,
          onError,
          parentIndent: bs.indent,
          startOnNewline: true
        });
        if (!props.found) {
          if (props.anchor || props.tag || value) {
            if (value?.type === "block-seq")
              onError(props.end, "BAD_INDENT", "All sequence items must start at the same column");
            else
              onError(offset, "MISSING_CHAR", "Sequence item without - indicator");
          } else {
            commentEnd = props.end;
            if (props.comment)
              seq.comment = props.comment;
            continue;
          }
        }
        const node = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
          utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
      }
      seq.range = [bs.offset, offset, commentEnd ?? offset];
      return seq;
    }
    exports2.resolveBlockSeq = resolveBlockSeq;
  }
});

// node_modules/yaml/dist/compose/resolve-end.js
var require_resolve_end = __commonJS({
  "node_modules/yaml/dist/compose/resolve-end.js"(exports2) {
    "use strict";
    function resolveEnd(end, offset, reqSpace, onError) {
      let comment = "";
      if (end) {
        let hasSpace = false;
        let sep3 = "";
        for (const token2 of end) {
          const { source, type } = token2;
          switch (type) {
            case "space":
              hasSpace = true;
              break;
            case "comment": {
              if (reqSpace && !hasSpace)
                onError(token2, "MISSING_CHAR", "Comments must be separated from other tokens by white space characters");
              const cb = source.substring(1) || " ";
              if (!comment)
                comment = cb;
              else
                comment += sep3 + cb;
              sep3 = "";
              break;
            }
            case "newline":
              if (comment)
                sep3 += source;
              hasSpace = true;
              break;
            default:
              onError(token2, "UNEXPECTED_TOKEN", `Unexpected ${type} at node end`);
          }
          offset += source.length;
        }
      }
      return { comment, offset };
    }
    exports2.resolveEnd = resolveEnd;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-collection.js
var require_resolve_flow_collection = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-collection.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Pair = require_Pair();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    var utilContainsNewline = require_util_contains_newline();
    var utilMapIncludes = require_util_map_includes();
    var blockMsg = "Block collections are not allowed within flow collections";
    var isBlock = (token2) => token2 && (token2.type === "block-map" || token2.type === "block-seq");
    function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
      const isMap3 = fc.start.source === "{";
      const fcName = isMap3 ? "flow map" : "flow sequence";
      const NodeClass = tag?.nodeClass ?? (isMap3 ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq);
      const coll = new NodeClass(ctx.schema);
      coll.flow = true;
      const atRoot = ctx.atRoot;
      if (atRoot)
        ctx.atRoot = false;
      if (ctx.atKey)
        ctx.atKey = false;
      let offset = fc.offset + fc.start.source.length;
      for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep: sep3, value } = collItem;
        const props = resolveProps.resolveProps(start, {
          flow: fcName,
          indicator: "explicit-key-ind",
          next: key ?? sep3?.[0],
          offset,
          onError,
          parentIndent: fc.indent,
          startOnNewline: false
        });
        if (!props.found) {
          if (!props.anchor && !props.tag && !sep3 && !value) {
            if (i === 0 && props.comma)
              onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
            else if (i < fc.items.length - 1)
              onError(props.start, "UNEXPECTED_TOKEN", `Unexpected empty item in ${fcName}`);
            if (props.comment) {
              if (coll.comment)
                coll.comment += "\n" + props.comment;
              else
                coll.comment = props.comment;
            }
            offset = props.end;
            continue;
          }
          if (!isMap3 && ctx.options.strict && utilContainsNewline.containsNewline(key))
            onError(
              key,
              // checked by containsNewline()
              "MULTILINE_IMPLICIT_KEY",
              "Implicit keys of flow sequence pairs need to be on a single line"
            );
        }
        if (i === 0) {
          if (props.comma)
            onError(props.comma, "UNEXPECTED_TOKEN", `Unexpected , in ${fcName}`);
        } else {
          if (!props.comma)
            onError(props.start, "MISSING_CHAR", `Missing , between ${fcName} items`);
          if (props.comment) {
            let prevItemComment = "";
            loop: for (const st of start) {
              switch (st.type) {
                case "comma":
                case "space":
                  break;
                case "comment":
                  prevItemComment = st.source.substring(1);
                  break loop;
                default:
                  break loop;
              }
            }
            if (prevItemComment) {
              let prev = coll.items[coll.items.length - 1];
              if (identity2.isPair(prev))
                prev = prev.value ?? prev.key;
              if (prev.comment)
                prev.comment += "\n" + prevItemComment;
              else
                prev.comment = prevItemComment;
              props.comment = props.comment.substring(prevItemComment.length + 1);
            }
          }
        }
        if (!isMap3 && !sep3 && !props.found) {
          const valueNode = value ? composeNode(ctx, value, props, onError) : composeEmptyNode(ctx, props.end, sep3, null, props, onError);
          coll.items.push(valueNode);
          offset = valueNode.range[2];
          if (isBlock(value))
            onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
        } else {
          ctx.atKey = true;
          const keyStart = props.end;
          const keyNode = key ? composeNode(ctx, key, props, onError) : composeEmptyNode(ctx, keyStart, start, null, props, onError);
          if (isBlock(key))
            onError(keyNode.range, "BLOCK_IN_FLOW", blockMsg);
          ctx.atKey = false;
          const valueProps = resolveProps.resolveProps(sep3 ?? [], {
            flow: fcName,
            indicator: "map-value-ind",
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
          });
          if (valueProps.found) {
            if (!isMap3 && !props.found && ctx.options.strict) {
              if (sep3)
                for (const st of sep3) {
                  if (st === valueProps.found)
                    break;
                  if (st.type === "newline") {
                    onError(st, "MULTILINE_IMPLICIT_KEY", "Implicit keys of flow sequence pairs need to be on a single line");
                    break;
                  }
                }
              if (props.start < valueProps.found.offset - 1024)
                onError(valueProps.found, "KEY_OVER_1024_CHARS", "The : indicator must be at most 1024 chars after the start of an implicit flow sequence key");
            }
          } else if (value) {
            if ("source" in value && value.source?.[0] === ":")
              onError(value, "MISSING_CHAR", `Missing space after : in ${fcName}`);
            else
              onError(valueProps.start, "MISSING_CHAR", `Missing , or : between ${fcName} items`);
          }
          const valueNode = value ? composeNode(ctx, value, valueProps, onError) : valueProps.found ? composeEmptyNode(ctx, valueProps.end, sep3, null, valueProps, onError) : null;
          if (valueNode) {
            if (isBlock(value))
              onError(valueNode.range, "BLOCK_IN_FLOW", blockMsg);
          } else if (valueProps.comment) {
            if (keyNode.comment)
              keyNode.comment += "\n" + valueProps.comment;
            else
              keyNode.comment = valueProps.comment;
          }
          const pair = new Pair.Pair(keyNode, valueNode);
          if (ctx.options.keepSourceTokens)
            pair.srcToken = collItem;
          if (isMap3) {
            const map = coll;
            if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
              onError(keyStart, "DUPLICATE_KEY", "Map keys must be unique");
            map.items.push(pair);
          } else {
            const map = new YAMLMap.YAMLMap(ctx.schema);
            map.flow = true;
            map.items.push(pair);
            const endRange = (valueNode ?? keyNode).range;
            map.range = [keyNode.range[0], endRange[1], endRange[2]];
            coll.items.push(map);
          }
          offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
      }
      const expectedEnd = isMap3 ? "}" : "]";
      const [ce, ...ee] = fc.end;
      let cePos = offset;
      if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
      else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot ? `${name} must end with a ${expectedEnd}` : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? "MISSING_CHAR" : "BAD_INDENT", msg);
        if (ce && ce.source.length !== 1)
          ee.unshift(ce);
      }
      if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
          if (coll.comment)
            coll.comment += "\n" + end.comment;
          else
            coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
      } else {
        coll.range = [fc.offset, cePos, cePos];
      }
      return coll;
    }
    exports2.resolveFlowCollection = resolveFlowCollection;
  }
});

// node_modules/yaml/dist/compose/compose-collection.js
var require_compose_collection = __commonJS({
  "node_modules/yaml/dist/compose/compose-collection.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var resolveBlockMap = require_resolve_block_map();
    var resolveBlockSeq = require_resolve_block_seq();
    var resolveFlowCollection = require_resolve_flow_collection();
    function resolveCollection(CN, ctx, token2, onError, tagName, tag) {
      const coll = token2.type === "block-map" ? resolveBlockMap.resolveBlockMap(CN, ctx, token2, onError, tag) : token2.type === "block-seq" ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token2, onError, tag) : resolveFlowCollection.resolveFlowCollection(CN, ctx, token2, onError, tag);
      const Coll = coll.constructor;
      if (tagName === "!" || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
      }
      if (tagName)
        coll.tag = tagName;
      return coll;
    }
    function composeCollection(CN, ctx, token2, props, onError) {
      const tagToken = props.tag;
      const tagName = !tagToken ? null : ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg));
      if (token2.type === "block-seq") {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken ? anchor.offset > tagToken.offset ? anchor : tagToken : anchor ?? tagToken;
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
          const message = "Missing newline after block sequence props";
          onError(lastProp, "MISSING_CHAR", message);
        }
      }
      const expType = token2.type === "block-map" ? "map" : token2.type === "block-seq" ? "seq" : token2.start.source === "{" ? "map" : "seq";
      if (!tagToken || !tagName || tagName === "!" || tagName === YAMLMap.YAMLMap.tagName && expType === "map" || tagName === YAMLSeq.YAMLSeq.tagName && expType === "seq") {
        return resolveCollection(CN, ctx, token2, onError, tagName);
      }
      let tag = ctx.schema.tags.find((t) => t.tag === tagName && t.collection === expType);
      if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
          ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
          tag = kt;
        } else {
          if (kt) {
            onError(tagToken, "BAD_COLLECTION_TYPE", `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? "scalar"}`, true);
          } else {
            onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, true);
          }
          return resolveCollection(CN, ctx, token2, onError, tagName);
        }
      }
      const coll = resolveCollection(CN, ctx, token2, onError, tagName, tag);
      const res = tag.resolve?.(coll, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg), ctx.options) ?? coll;
      const node = identity2.isNode(res) ? res : new Scalar.Scalar(res);
      node.range = coll.range;
      node.tag = tagName;
      if (tag?.format)
        node.format = tag.format;
      return node;
    }
    exports2.composeCollection = composeCollection;
  }
});

// node_modules/yaml/dist/compose/resolve-block-scalar.js
var require_resolve_block_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-block-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    function resolveBlockScalar(ctx, scalar, onError) {
      const start = scalar.offset;
      const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
      if (!header)
        return { value: "", type: null, comment: "", range: [start, start, start] };
      const type = header.mode === ">" ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
      const lines = scalar.source ? splitLines2(scalar.source) : [];
      let chompStart = lines.length;
      for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === "" || content === "\r")
          chompStart = i;
        else
          break;
      }
      if (chompStart === 0) {
        const value2 = header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
        let end2 = start + header.length;
        if (scalar.source)
          end2 += scalar.source.length;
        return { value: value2, type, comment: header.comment, range: [start, end2, end2] };
      }
      let trimIndent = scalar.indent + header.indent;
      let offset = scalar.offset + header.length;
      let contentStart = 0;
      for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === "" || content === "\r") {
          if (header.indent === 0 && indent.length > trimIndent)
            trimIndent = indent.length;
        } else {
          if (indent.length < trimIndent) {
            const message = "Block scalars with more-indented leading empty lines must use an explicit indentation indicator";
            onError(offset + indent.length, "MISSING_CHAR", message);
          }
          if (header.indent === 0)
            trimIndent = indent.length;
          contentStart = i;
          if (trimIndent === 0 && !ctx.atRoot) {
            const message = "Block scalar values in collections must be indented";
            onError(offset, "BAD_INDENT", message);
          }
          break;
        }
        offset += indent.length + content.length + 1;
      }
      for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
          chompStart = i + 1;
      }
      let value = "";
      let sep3 = "";
      let prevMoreIndented = false;
      for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + "\n";
      for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === "\r";
        if (crlf)
          content = content.slice(0, -1);
        if (content && indent.length < trimIndent) {
          const src = header.indent ? "explicit indentation indicator" : "first line";
          const message = `Block scalar lines must not be less indented than their ${src}`;
          onError(offset - content.length - (crlf ? 2 : 1), "BAD_INDENT", message);
          indent = "";
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
          value += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
        } else if (indent.length > trimIndent || content[0] === "	") {
          if (sep3 === " ")
            sep3 = "\n";
          else if (!prevMoreIndented && sep3 === "\n")
            sep3 = "\n\n";
          value += sep3 + indent.slice(trimIndent) + content;
          sep3 = "\n";
          prevMoreIndented = true;
        } else if (content === "") {
          if (sep3 === "\n")
            value += "\n";
          else
            sep3 = "\n";
        } else {
          value += sep3 + content;
          sep3 = " ";
          prevMoreIndented = false;
        }
      }
      switch (header.chomp) {
        case "-":
          break;
        case "+":
          for (let i = chompStart; i < lines.length; ++i)
            value += "\n" + lines[i][0].slice(trimIndent);
          if (value[value.length - 1] !== "\n")
            value += "\n";
          break;
        default:
          value += "\n";
      }
      const end = start + header.length + scalar.source.length;
      return { value, type, comment: header.comment, range: [start, end, end] };
    }
    function parseBlockScalarHeader({ offset, props }, strict, onError) {
      if (props[0].type !== "block-scalar-header") {
        onError(props[0], "IMPOSSIBLE", "Block scalar header not found");
        return null;
      }
      const { source } = props[0];
      const mode = source[0];
      let indent = 0;
      let chomp = "";
      let error = -1;
      for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === "-" || ch === "+"))
          chomp = ch;
        else {
          const n = Number(ch);
          if (!indent && n)
            indent = n;
          else if (error === -1)
            error = offset + i;
        }
      }
      if (error !== -1)
        onError(error, "UNEXPECTED_TOKEN", `Block scalar header includes extra characters: ${source}`);
      let hasSpace = false;
      let comment = "";
      let length = source.length;
      for (let i = 1; i < props.length; ++i) {
        const token2 = props[i];
        switch (token2.type) {
          case "space":
            hasSpace = true;
          // fallthrough
          case "newline":
            length += token2.source.length;
            break;
          case "comment":
            if (strict && !hasSpace) {
              const message = "Comments must be separated from other tokens by white space characters";
              onError(token2, "MISSING_CHAR", message);
            }
            length += token2.source.length;
            comment = token2.source.substring(1);
            break;
          case "error":
            onError(token2, "UNEXPECTED_TOKEN", token2.message);
            length += token2.source.length;
            break;
          /* istanbul ignore next should not happen */
          default: {
            const message = `Unexpected token in block scalar header: ${token2.type}`;
            onError(token2, "UNEXPECTED_TOKEN", message);
            const ts = token2.source;
            if (ts && typeof ts === "string")
              length += ts.length;
          }
        }
      }
      return { mode, indent, chomp, comment, length };
    }
    function splitLines2(source) {
      const split = source.split(/\n( *)/);
      const first = split[0];
      const m = first.match(/^( *)/);
      const line0 = m?.[1] ? [m[1], first.slice(m[1].length)] : ["", first];
      const lines = [line0];
      for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
      return lines;
    }
    exports2.resolveBlockScalar = resolveBlockScalar;
  }
});

// node_modules/yaml/dist/compose/resolve-flow-scalar.js
var require_resolve_flow_scalar = __commonJS({
  "node_modules/yaml/dist/compose/resolve-flow-scalar.js"(exports2) {
    "use strict";
    var Scalar = require_Scalar();
    var resolveEnd = require_resolve_end();
    function resolveFlowScalar(scalar, strict, onError) {
      const { offset, type, source, end } = scalar;
      let _type;
      let value;
      const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
      switch (type) {
        case "scalar":
          _type = Scalar.Scalar.PLAIN;
          value = plainValue(source, _onError);
          break;
        case "single-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_SINGLE;
          value = singleQuotedValue(source, _onError);
          break;
        case "double-quoted-scalar":
          _type = Scalar.Scalar.QUOTE_DOUBLE;
          value = doubleQuotedValue(source, _onError);
          break;
        /* istanbul ignore next should not happen */
        default:
          onError(scalar, "UNEXPECTED_TOKEN", `Expected a flow scalar value, but found: ${type}`);
          return {
            value: "",
            type: null,
            comment: "",
            range: [offset, offset + source.length, offset + source.length]
          };
      }
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
      return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
      };
    }
    function plainValue(source, onError) {
      let badChar = "";
      switch (source[0]) {
        /* istanbul ignore next should not happen */
        case "	":
          badChar = "a tab character";
          break;
        case ",":
          badChar = "flow indicator character ,";
          break;
        case "%":
          badChar = "directive indicator character %";
          break;
        case "|":
        case ">": {
          badChar = `block scalar indicator ${source[0]}`;
          break;
        }
        case "@":
        case "`": {
          badChar = `reserved character ${source[0]}`;
          break;
        }
      }
      if (badChar)
        onError(0, "BAD_SCALAR_START", `Plain value cannot start with ${badChar}`);
      return unfoldLines(source);
    }
    function singleQuotedValue(source, onError) {
      if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, "MISSING_CHAR", "Missing closing 'quote");
      return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
    }
    function unfoldLines(source) {
      const line = /(.*?)\r?\n/sy;
      let match = line.exec(source);
      if (!match)
        return source;
      let trimEnd, trimBoth;
      try {
        trimEnd = new RegExp("(?<![ 	])[ 	]+$");
        trimBoth = new RegExp("^[ 	]+|(?<![ 	])[ 	]+$", "g");
      } catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
      }
      let res = match[1].replace(trimEnd, "");
      let sep3 = " ";
      let pos = line.lastIndex;
      while (match = line.exec(source)) {
        const lm = match[1].replace(trimBoth, "");
        if (lm === "") {
          if (sep3 === "\n")
            res += sep3;
          else
            sep3 = "\n";
        } else {
          res += sep3 + lm;
          sep3 = " ";
        }
        pos = line.lastIndex;
      }
      const last = /[ \t]*(.*)/sy;
      last.lastIndex = pos;
      match = last.exec(source);
      return res + sep3 + (match?.[1] ?? "");
    }
    function doubleQuotedValue(source, onError) {
      let res = "";
      for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === "\r" && source[i + 1] === "\n")
          continue;
        if (ch === "\n") {
          const { fold, offset } = foldNewline(source, i);
          res += fold;
          i = offset;
        } else if (ch === "\\") {
          let next = source[++i];
          const cc = escapeCodes[next];
          if (cc)
            res += cc;
          else if (next === "\n") {
            next = source[i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "\r" && source[i + 1] === "\n") {
            next = source[++i + 1];
            while (next === " " || next === "	")
              next = source[++i + 1];
          } else if (next === "x" || next === "u" || next === "U") {
            const length = next === "x" ? 2 : next === "u" ? 4 : 8;
            res += parseCharCode(source, i + 1, length, onError);
            i += length;
          } else {
            const raw = source.substr(i - 1, 2);
            onError(i - 1, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
            res += raw;
          }
        } else if (ch === " " || ch === "	") {
          const wsStart = i;
          let next = source[i + 1];
          while (next === " " || next === "	")
            next = source[++i + 1];
          if (next !== "\n" && !(next === "\r" && source[i + 2] === "\n"))
            res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        } else {
          res += ch;
        }
      }
      if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, "MISSING_CHAR", 'Missing closing "quote');
      return res;
    }
    function foldNewline(source, offset) {
      let fold = "";
      let ch = source[offset + 1];
      while (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
        if (ch === "\r" && source[offset + 2] !== "\n")
          break;
        if (ch === "\n")
          fold += "\n";
        offset += 1;
        ch = source[offset + 1];
      }
      if (!fold)
        fold = " ";
      return { fold, offset };
    }
    var escapeCodes = {
      "0": "\0",
      // null character
      a: "\x07",
      // bell character
      b: "\b",
      // backspace
      e: "\x1B",
      // escape character
      f: "\f",
      // form feed
      n: "\n",
      // line feed
      r: "\r",
      // carriage return
      t: "	",
      // horizontal tab
      v: "\v",
      // vertical tab
      N: "\x85",
      // Unicode next line
      _: "\xA0",
      // Unicode non-breaking space
      L: "\u2028",
      // Unicode line separator
      P: "\u2029",
      // Unicode paragraph separator
      " ": " ",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "	": "	"
    };
    function parseCharCode(source, offset, length, onError) {
      const cc = source.substr(offset, length);
      const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
      const code = ok ? parseInt(cc, 16) : NaN;
      try {
        return String.fromCodePoint(code);
      } catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, "BAD_DQ_ESCAPE", `Invalid escape sequence ${raw}`);
        return raw;
      }
    }
    exports2.resolveFlowScalar = resolveFlowScalar;
  }
});

// node_modules/yaml/dist/compose/compose-scalar.js
var require_compose_scalar = __commonJS({
  "node_modules/yaml/dist/compose/compose-scalar.js"(exports2) {
    "use strict";
    var identity2 = require_identity();
    var Scalar = require_Scalar();
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    function composeScalar(ctx, token2, tagToken, onError) {
      const { value, type, comment, range } = token2.type === "block-scalar" ? resolveBlockScalar.resolveBlockScalar(ctx, token2, onError) : resolveFlowScalar.resolveFlowScalar(token2, ctx.options.strict, onError);
      const tagName = tagToken ? ctx.directives.tagName(tagToken.source, (msg) => onError(tagToken, "TAG_RESOLVE_FAILED", msg)) : null;
      let tag;
      if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity2.SCALAR];
      } else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
      else if (token2.type === "scalar")
        tag = findScalarTagByTest(ctx, value, token2, onError);
      else
        tag = ctx.schema[identity2.SCALAR];
      let scalar;
      try {
        const res = tag.resolve(value, (msg) => onError(tagToken ?? token2, "TAG_RESOLVE_FAILED", msg), ctx.options);
        scalar = identity2.isScalar(res) ? res : new Scalar.Scalar(res);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token2, "TAG_RESOLVE_FAILED", msg);
        scalar = new Scalar.Scalar(value);
      }
      scalar.range = range;
      scalar.source = value;
      if (type)
        scalar.type = type;
      if (tagName)
        scalar.tag = tagName;
      if (tag.format)
        scalar.format = tag.format;
      if (comment)
        scalar.comment = comment;
      return scalar;
    }
    function findScalarTagByName(schema, value, tagName, tagToken, onError) {
      if (tagName === "!")
        return schema[identity2.SCALAR];
      const matchWithTest = [];
      for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
          if (tag.default && tag.test)
            matchWithTest.push(tag);
          else
            return tag;
        }
      }
      for (const tag of matchWithTest)
        if (tag.test?.test(value))
          return tag;
      const kt = schema.knownTags[tagName];
      if (kt && !kt.collection) {
        schema.tags.push(Object.assign({}, kt, { default: false, test: void 0 }));
        return kt;
      }
      onError(tagToken, "TAG_RESOLVE_FAILED", `Unresolved tag: ${tagName}`, tagName !== "tag:yaml.org,2002:str");
      return schema[identity2.SCALAR];
    }
    function findScalarTagByTest({ atKey, directives, schema }, value, token2, onError) {
      const tag = schema.tags.find((tag2) => (tag2.default === true || atKey && tag2.default === "key") && tag2.test?.test(value)) || schema[identity2.SCALAR];
      if (schema.compat) {
        const compat = schema.compat.find((tag2) => tag2.default && tag2.test?.test(value)) ?? schema[identity2.SCALAR];
        if (tag.tag !== compat.tag) {
          const ts = directives.tagString(tag.tag);
          const cs = directives.tagString(compat.tag);
          const msg = `Value may be parsed as either ${ts} or ${cs}`;
          onError(token2, "TAG_RESOLVE_FAILED", msg, true);
        }
      }
      return tag;
    }
    exports2.composeScalar = composeScalar;
  }
});

// node_modules/yaml/dist/compose/util-empty-scalar-position.js
var require_util_empty_scalar_position = __commonJS({
  "node_modules/yaml/dist/compose/util-empty-scalar-position.js"(exports2) {
    "use strict";
    function emptyScalarPosition(offset, before, pos) {
      if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
          let st = before[i];
          switch (st.type) {
            case "space":
            case "comment":
            case "newline":
              offset -= st.source.length;
              continue;
          }
          st = before[++i];
          while (st?.type === "space") {
            offset += st.source.length;
            st = before[++i];
          }
          break;
        }
      }
      return offset;
    }
    exports2.emptyScalarPosition = emptyScalarPosition;
  }
});

// node_modules/yaml/dist/compose/compose-node.js
var require_compose_node = __commonJS({
  "node_modules/yaml/dist/compose/compose-node.js"(exports2) {
    "use strict";
    var Alias = require_Alias();
    var identity2 = require_identity();
    var composeCollection = require_compose_collection();
    var composeScalar = require_compose_scalar();
    var resolveEnd = require_resolve_end();
    var utilEmptyScalarPosition = require_util_empty_scalar_position();
    var CN = { composeNode, composeEmptyNode };
    function composeNode(ctx, token2, props, onError) {
      const atKey = ctx.atKey;
      const { spaceBefore, comment, anchor, tag } = props;
      let node;
      let isSrcToken = true;
      switch (token2.type) {
        case "alias":
          node = composeAlias(ctx, token2, onError);
          if (anchor || tag)
            onError(token2, "ALIAS_PROPS", "An alias node must not specify any properties");
          break;
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "block-scalar":
          node = composeScalar.composeScalar(ctx, token2, tag, onError);
          if (anchor)
            node.anchor = anchor.source.substring(1);
          break;
        case "block-map":
        case "block-seq":
        case "flow-collection":
          try {
            node = composeCollection.composeCollection(CN, ctx, token2, props, onError);
            if (anchor)
              node.anchor = anchor.source.substring(1);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            onError(token2, "RESOURCE_EXHAUSTION", message);
          }
          break;
        default: {
          const message = token2.type === "error" ? token2.message : `Unsupported token (type: ${token2.type})`;
          onError(token2, "UNEXPECTED_TOKEN", message);
          isSrcToken = false;
        }
      }
      node ?? (node = composeEmptyNode(ctx, token2.offset, void 0, null, props, onError));
      if (anchor && node.anchor === "")
        onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      if (atKey && ctx.options.stringKeys && (!identity2.isScalar(node) || typeof node.value !== "string" || node.tag && node.tag !== "tag:yaml.org,2002:str")) {
        const msg = "With stringKeys, all keys must be strings";
        onError(tag ?? token2, "NON_STRING_KEY", msg);
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        if (token2.type === "scalar" && token2.source === "")
          node.comment = comment;
        else
          node.commentBefore = comment;
      }
      if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token2;
      return node;
    }
    function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
      const token2 = {
        type: "scalar",
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ""
      };
      const node = composeScalar.composeScalar(ctx, token2, tag, onError);
      if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === "")
          onError(anchor, "BAD_ALIAS", "Anchor cannot be an empty string");
      }
      if (spaceBefore)
        node.spaceBefore = true;
      if (comment) {
        node.comment = comment;
        node.range[2] = end;
      }
      return node;
    }
    function composeAlias({ options: options2 }, { offset, source, end }, onError) {
      const alias = new Alias.Alias(source.substring(1));
      if (alias.source === "")
        onError(offset, "BAD_ALIAS", "Alias cannot be an empty string");
      if (alias.source.endsWith(":"))
        onError(offset + source.length - 1, "BAD_ALIAS", "Alias ending in : is ambiguous", true);
      const valueEnd = offset + source.length;
      const re = resolveEnd.resolveEnd(end, valueEnd, options2.strict, onError);
      alias.range = [offset, valueEnd, re.offset];
      if (re.comment)
        alias.comment = re.comment;
      return alias;
    }
    exports2.composeEmptyNode = composeEmptyNode;
    exports2.composeNode = composeNode;
  }
});

// node_modules/yaml/dist/compose/compose-doc.js
var require_compose_doc = __commonJS({
  "node_modules/yaml/dist/compose/compose-doc.js"(exports2) {
    "use strict";
    var Document = require_Document();
    var composeNode = require_compose_node();
    var resolveEnd = require_resolve_end();
    var resolveProps = require_resolve_props();
    function composeDoc(options2, directives, { offset, start, value, end }, onError) {
      const opts = Object.assign({ _directives: directives }, options2);
      const doc = new Document.Document(void 0, opts);
      const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
      };
      const props = resolveProps.resolveProps(start, {
        indicator: "doc-start",
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
      });
      if (props.found) {
        doc.directives.docStart = true;
        if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline)
          onError(props.end, "MISSING_CHAR", "Block collection cannot start on same line with directives-end marker");
      }
      doc.contents = value ? composeNode.composeNode(ctx, value, props, onError) : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
      const contentEnd = doc.contents.range[2];
      const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
      if (re.comment)
        doc.comment = re.comment;
      doc.range = [offset, contentEnd, re.offset];
      return doc;
    }
    exports2.composeDoc = composeDoc;
  }
});

// node_modules/yaml/dist/compose/composer.js
var require_composer = __commonJS({
  "node_modules/yaml/dist/compose/composer.js"(exports2) {
    "use strict";
    var node_process = require("process");
    var directives = require_directives();
    var Document = require_Document();
    var errors = require_errors();
    var identity2 = require_identity();
    var composeDoc = require_compose_doc();
    var resolveEnd = require_resolve_end();
    function getErrorPos(src) {
      if (typeof src === "number")
        return [src, src + 1];
      if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
      const { offset, source } = src;
      return [offset, offset + (typeof source === "string" ? source.length : 1)];
    }
    function parsePrelude(prelude) {
      let comment = "";
      let atComment = false;
      let afterEmptyLine = false;
      for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
          case "#":
            comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
            atComment = true;
            afterEmptyLine = false;
            break;
          case "%":
            if (prelude[i + 1]?.[0] !== "#")
              i += 1;
            atComment = false;
            break;
          default:
            if (!atComment)
              afterEmptyLine = true;
            atComment = false;
        }
      }
      return { comment, afterEmptyLine };
    }
    var Composer = class {
      constructor(options2 = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
          const pos = getErrorPos(source);
          if (warning)
            this.warnings.push(new errors.YAMLWarning(pos, code, message));
          else
            this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        this.directives = new directives.Directives({ version: options2.version || "1.2" });
        this.options = options2;
      }
      decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        if (comment) {
          const dc = doc.contents;
          if (afterDoc) {
            doc.comment = doc.comment ? `${doc.comment}
${comment}` : comment;
          } else if (afterEmptyLine || doc.directives.docStart || !dc) {
            doc.commentBefore = comment;
          } else if (identity2.isCollection(dc) && !dc.flow && dc.items.length > 0) {
            let it = dc.items[0];
            if (identity2.isPair(it))
              it = it.key;
            const cb = it.commentBefore;
            it.commentBefore = cb ? `${comment}
${cb}` : comment;
          } else {
            const cb = dc.commentBefore;
            dc.commentBefore = cb ? `${comment}
${cb}` : comment;
          }
        }
        if (afterDoc) {
          for (let i = 0; i < this.errors.length; ++i)
            doc.errors.push(this.errors[i]);
          for (let i = 0; i < this.warnings.length; ++i)
            doc.warnings.push(this.warnings[i]);
        } else {
          doc.errors = this.errors;
          doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
      }
      /**
       * Current stream status information.
       *
       * Mostly useful at the end of input for an empty stream.
       */
      streamInfo() {
        return {
          comment: parsePrelude(this.prelude).comment,
          directives: this.directives,
          errors: this.errors,
          warnings: this.warnings
        };
      }
      /**
       * Compose tokens into documents.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token2 of tokens)
          yield* this.next(token2);
        yield* this.end(forceDoc, endOffset);
      }
      /** Advance the composer by one CST token. */
      *next(token2) {
        if (node_process.env.LOG_STREAM)
          console.dir(token2, { depth: null });
        switch (token2.type) {
          case "directive":
            this.directives.add(token2.source, (offset, message, warning) => {
              const pos = getErrorPos(token2);
              pos[0] += offset;
              this.onError(pos, "BAD_DIRECTIVE", message, warning);
            });
            this.prelude.push(token2.source);
            this.atDirectives = true;
            break;
          case "document": {
            const doc = composeDoc.composeDoc(this.options, this.directives, token2, this.onError);
            if (this.atDirectives && !doc.directives.docStart)
              this.onError(token2, "MISSING_CHAR", "Missing directives-end/doc-start indicator line");
            this.decorate(doc, false);
            if (this.doc)
              yield this.doc;
            this.doc = doc;
            this.atDirectives = false;
            break;
          }
          case "byte-order-mark":
          case "space":
            break;
          case "comment":
          case "newline":
            this.prelude.push(token2.source);
            break;
          case "error": {
            const msg = token2.source ? `${token2.message}: ${JSON.stringify(token2.source)}` : token2.message;
            const error = new errors.YAMLParseError(getErrorPos(token2), "UNEXPECTED_TOKEN", msg);
            if (this.atDirectives || !this.doc)
              this.errors.push(error);
            else
              this.doc.errors.push(error);
            break;
          }
          case "doc-end": {
            if (!this.doc) {
              const msg = "Unexpected doc-end without preceding document";
              this.errors.push(new errors.YAMLParseError(getErrorPos(token2), "UNEXPECTED_TOKEN", msg));
              break;
            }
            this.doc.directives.docEnd = true;
            const end = resolveEnd.resolveEnd(token2.end, token2.offset + token2.source.length, this.doc.options.strict, this.onError);
            this.decorate(this.doc, true);
            if (end.comment) {
              const dc = this.doc.comment;
              this.doc.comment = dc ? `${dc}
${end.comment}` : end.comment;
            }
            this.doc.range[2] = end.offset;
            break;
          }
          default:
            this.errors.push(new errors.YAMLParseError(getErrorPos(token2), "UNEXPECTED_TOKEN", `Unsupported token ${token2.type}`));
        }
      }
      /**
       * Call at end of input to yield any remaining document.
       *
       * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
       * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
       */
      *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
          this.decorate(this.doc, true);
          yield this.doc;
          this.doc = null;
        } else if (forceDoc) {
          const opts = Object.assign({ _directives: this.directives }, this.options);
          const doc = new Document.Document(void 0, opts);
          if (this.atDirectives)
            this.onError(endOffset, "MISSING_CHAR", "Missing directives-end indicator line");
          doc.range = [0, endOffset, endOffset];
          this.decorate(doc, false);
          yield doc;
        }
      }
    };
    exports2.Composer = Composer;
  }
});

// node_modules/yaml/dist/parse/cst-scalar.js
var require_cst_scalar = __commonJS({
  "node_modules/yaml/dist/parse/cst-scalar.js"(exports2) {
    "use strict";
    var resolveBlockScalar = require_resolve_block_scalar();
    var resolveFlowScalar = require_resolve_flow_scalar();
    var errors = require_errors();
    var stringifyString = require_stringifyString();
    function resolveAsScalar(token2, strict = true, onError) {
      if (token2) {
        const _onError = (pos, code, message) => {
          const offset = typeof pos === "number" ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
          if (onError)
            onError(offset, code, message);
          else
            throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token2.type) {
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return resolveFlowScalar.resolveFlowScalar(token2, strict, _onError);
          case "block-scalar":
            return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token2, _onError);
        }
      }
      return null;
    }
    function createScalarToken(value, context) {
      const { implicitKey = false, indent, inFlow = false, offset = -1, type = "PLAIN" } = context;
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      const end = context.end ?? [
        { type: "newline", offset: -1, indent, source: "\n" }
      ];
      switch (source[0]) {
        case "|":
        case ">": {
          const he = source.indexOf("\n");
          const head = source.substring(0, he);
          const body = source.substring(he + 1) + "\n";
          const props = [
            { type: "block-scalar-header", offset, indent, source: head }
          ];
          if (!addEndtoBlockProps(props, end))
            props.push({ type: "newline", offset: -1, indent, source: "\n" });
          return { type: "block-scalar", offset, indent, props, source: body };
        }
        case '"':
          return { type: "double-quoted-scalar", offset, indent, source, end };
        case "'":
          return { type: "single-quoted-scalar", offset, indent, source, end };
        default:
          return { type: "scalar", offset, indent, source, end };
      }
    }
    function setScalarValue(token2, value, context = {}) {
      let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
      let indent = "indent" in token2 ? token2.indent : null;
      if (afterKey && typeof indent === "number")
        indent += 2;
      if (!type)
        switch (token2.type) {
          case "single-quoted-scalar":
            type = "QUOTE_SINGLE";
            break;
          case "double-quoted-scalar":
            type = "QUOTE_DOUBLE";
            break;
          case "block-scalar": {
            const header = token2.props[0];
            if (header.type !== "block-scalar-header")
              throw new Error("Invalid block scalar header");
            type = header.source[0] === ">" ? "BLOCK_FOLDED" : "BLOCK_LITERAL";
            break;
          }
          default:
            type = "PLAIN";
        }
      const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? " ".repeat(indent) : "",
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
      });
      switch (source[0]) {
        case "|":
        case ">":
          setBlockScalarValue(token2, source);
          break;
        case '"':
          setFlowScalarValue(token2, source, "double-quoted-scalar");
          break;
        case "'":
          setFlowScalarValue(token2, source, "single-quoted-scalar");
          break;
        default:
          setFlowScalarValue(token2, source, "scalar");
      }
    }
    function setBlockScalarValue(token2, source) {
      const he = source.indexOf("\n");
      const head = source.substring(0, he);
      const body = source.substring(he + 1) + "\n";
      if (token2.type === "block-scalar") {
        const header = token2.props[0];
        if (header.type !== "block-scalar-header")
          throw new Error("Invalid block scalar header");
        header.source = head;
        token2.source = body;
      } else {
        const { offset } = token2;
        const indent = "indent" in token2 ? token2.indent : -1;
        const props = [
          { type: "block-scalar-header", offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, "end" in token2 ? token2.end : void 0))
          props.push({ type: "newline", offset: -1, indent, source: "\n" });
        for (const key of Object.keys(token2))
          if (key !== "type" && key !== "offset")
            delete token2[key];
        Object.assign(token2, { type: "block-scalar", indent, props, source: body });
      }
    }
    function addEndtoBlockProps(props, end) {
      if (end)
        for (const st of end)
          switch (st.type) {
            case "space":
            case "comment":
              props.push(st);
              break;
            case "newline":
              props.push(st);
              return true;
          }
      return false;
    }
    function setFlowScalarValue(token2, source, type) {
      switch (token2.type) {
        case "scalar":
        case "double-quoted-scalar":
        case "single-quoted-scalar":
          token2.type = type;
          token2.source = source;
          break;
        case "block-scalar": {
          const end = token2.props.slice(1);
          let oa = source.length;
          if (token2.props[0].type === "block-scalar-header")
            oa -= token2.props[0].source.length;
          for (const tok of end)
            tok.offset += oa;
          delete token2.props;
          Object.assign(token2, { type, source, end });
          break;
        }
        case "block-map":
        case "block-seq": {
          const offset = token2.offset + source.length;
          const nl = { type: "newline", offset, indent: token2.indent, source: "\n" };
          delete token2.items;
          Object.assign(token2, { type, source, end: [nl] });
          break;
        }
        default: {
          const indent = "indent" in token2 ? token2.indent : -1;
          const end = "end" in token2 && Array.isArray(token2.end) ? token2.end.filter((st) => st.type === "space" || st.type === "comment" || st.type === "newline") : [];
          for (const key of Object.keys(token2))
            if (key !== "type" && key !== "offset")
              delete token2[key];
          Object.assign(token2, { type, indent, source, end });
        }
      }
    }
    exports2.createScalarToken = createScalarToken;
    exports2.resolveAsScalar = resolveAsScalar;
    exports2.setScalarValue = setScalarValue;
  }
});

// node_modules/yaml/dist/parse/cst-stringify.js
var require_cst_stringify = __commonJS({
  "node_modules/yaml/dist/parse/cst-stringify.js"(exports2) {
    "use strict";
    var stringify = (cst) => "type" in cst ? stringifyToken(cst) : stringifyItem(cst);
    function stringifyToken(token2) {
      switch (token2.type) {
        case "block-scalar": {
          let res = "";
          for (const tok of token2.props)
            res += stringifyToken(tok);
          return res + token2.source;
        }
        case "block-map":
        case "block-seq": {
          let res = "";
          for (const item of token2.items)
            res += stringifyItem(item);
          return res;
        }
        case "flow-collection": {
          let res = token2.start.source;
          for (const item of token2.items)
            res += stringifyItem(item);
          for (const st of token2.end)
            res += st.source;
          return res;
        }
        case "document": {
          let res = stringifyItem(token2);
          if (token2.end)
            for (const st of token2.end)
              res += st.source;
          return res;
        }
        default: {
          let res = token2.source;
          if ("end" in token2 && token2.end)
            for (const st of token2.end)
              res += st.source;
          return res;
        }
      }
    }
    function stringifyItem({ start, key, sep: sep3, value }) {
      let res = "";
      for (const st of start)
        res += st.source;
      if (key)
        res += stringifyToken(key);
      if (sep3)
        for (const st of sep3)
          res += st.source;
      if (value)
        res += stringifyToken(value);
      return res;
    }
    exports2.stringify = stringify;
  }
});

// node_modules/yaml/dist/parse/cst-visit.js
var require_cst_visit = __commonJS({
  "node_modules/yaml/dist/parse/cst-visit.js"(exports2) {
    "use strict";
    var BREAK = /* @__PURE__ */ Symbol("break visit");
    var SKIP = /* @__PURE__ */ Symbol("skip children");
    var REMOVE = /* @__PURE__ */ Symbol("remove item");
    function visit2(cst, visitor) {
      if ("type" in cst && cst.type === "document")
        cst = { start: cst.start, value: cst.value };
      _visit(Object.freeze([]), cst, visitor);
    }
    visit2.BREAK = BREAK;
    visit2.SKIP = SKIP;
    visit2.REMOVE = REMOVE;
    visit2.itemAtPath = (cst, path5) => {
      let item = cst;
      for (const [field, index] of path5) {
        const tok = item?.[field];
        if (tok && "items" in tok) {
          item = tok.items[index];
        } else
          return void 0;
      }
      return item;
    };
    visit2.parentCollection = (cst, path5) => {
      const parent = visit2.itemAtPath(cst, path5.slice(0, -1));
      const field = path5[path5.length - 1][0];
      const coll = parent?.[field];
      if (coll && "items" in coll)
        return coll;
      throw new Error("Parent collection not found");
    };
    function _visit(path5, item, visitor) {
      let ctrl = visitor(item, path5);
      if (typeof ctrl === "symbol")
        return ctrl;
      for (const field of ["key", "value"]) {
        const token2 = item[field];
        if (token2 && "items" in token2) {
          for (let i = 0; i < token2.items.length; ++i) {
            const ci = _visit(Object.freeze(path5.concat([[field, i]])), token2.items[i], visitor);
            if (typeof ci === "number")
              i = ci - 1;
            else if (ci === BREAK)
              return BREAK;
            else if (ci === REMOVE) {
              token2.items.splice(i, 1);
              i -= 1;
            }
          }
          if (typeof ctrl === "function" && field === "key")
            ctrl = ctrl(item, path5);
        }
      }
      return typeof ctrl === "function" ? ctrl(item, path5) : ctrl;
    }
    exports2.visit = visit2;
  }
});

// node_modules/yaml/dist/parse/cst.js
var require_cst = __commonJS({
  "node_modules/yaml/dist/parse/cst.js"(exports2) {
    "use strict";
    var cstScalar = require_cst_scalar();
    var cstStringify = require_cst_stringify();
    var cstVisit = require_cst_visit();
    var BOM = "\uFEFF";
    var DOCUMENT = "";
    var FLOW_END = "";
    var SCALAR = "";
    var isCollection = (token2) => !!token2 && "items" in token2;
    var isScalar4 = (token2) => !!token2 && (token2.type === "scalar" || token2.type === "single-quoted-scalar" || token2.type === "double-quoted-scalar" || token2.type === "block-scalar");
    function prettyToken(token2) {
      switch (token2) {
        case BOM:
          return "<BOM>";
        case DOCUMENT:
          return "<DOC>";
        case FLOW_END:
          return "<FLOW_END>";
        case SCALAR:
          return "<SCALAR>";
        default:
          return JSON.stringify(token2);
      }
    }
    function tokenType(source) {
      switch (source) {
        case BOM:
          return "byte-order-mark";
        case DOCUMENT:
          return "doc-mode";
        case FLOW_END:
          return "flow-error-end";
        case SCALAR:
          return "scalar";
        case "---":
          return "doc-start";
        case "...":
          return "doc-end";
        case "":
        case "\n":
        case "\r\n":
          return "newline";
        case "-":
          return "seq-item-ind";
        case "?":
          return "explicit-key-ind";
        case ":":
          return "map-value-ind";
        case "{":
          return "flow-map-start";
        case "}":
          return "flow-map-end";
        case "[":
          return "flow-seq-start";
        case "]":
          return "flow-seq-end";
        case ",":
          return "comma";
      }
      switch (source[0]) {
        case " ":
        case "	":
          return "space";
        case "#":
          return "comment";
        case "%":
          return "directive-line";
        case "*":
          return "alias";
        case "&":
          return "anchor";
        case "!":
          return "tag";
        case "'":
          return "single-quoted-scalar";
        case '"':
          return "double-quoted-scalar";
        case "|":
        case ">":
          return "block-scalar-header";
      }
      return null;
    }
    exports2.createScalarToken = cstScalar.createScalarToken;
    exports2.resolveAsScalar = cstScalar.resolveAsScalar;
    exports2.setScalarValue = cstScalar.setScalarValue;
    exports2.stringify = cstStringify.stringify;
    exports2.visit = cstVisit.visit;
    exports2.BOM = BOM;
    exports2.DOCUMENT = DOCUMENT;
    exports2.FLOW_END = FLOW_END;
    exports2.SCALAR = SCALAR;
    exports2.isCollection = isCollection;
    exports2.isScalar = isScalar4;
    exports2.prettyToken = prettyToken;
    exports2.tokenType = tokenType;
  }
});

// node_modules/yaml/dist/parse/lexer.js
var require_lexer = __commonJS({
  "node_modules/yaml/dist/parse/lexer.js"(exports2) {
    "use strict";
    var cst = require_cst();
    function isEmpty(ch) {
      switch (ch) {
        case void 0:
        case " ":
        case "\n":
        case "\r":
        case "	":
          return true;
        default:
          return false;
      }
    }
    var hexDigits = new Set("0123456789ABCDEFabcdef");
    var tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
    var flowIndicatorChars = new Set(",[]{}");
    var invalidAnchorChars = new Set(" ,[]{}\n\r	");
    var isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
    var Lexer = class {
      constructor() {
        this.atEnd = false;
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        this.buffer = "";
        this.flowKey = false;
        this.flowLevel = 0;
        this.indentNext = 0;
        this.indentValue = 0;
        this.lineEndPos = null;
        this.next = null;
        this.pos = 0;
      }
      /**
       * Generate YAML tokens from the `source` string. If `incomplete`,
       * a part of the last line may be left as a buffer for the next call.
       *
       * @returns A generator of lexical tokens
       */
      *lex(source, incomplete = false) {
        if (source) {
          if (typeof source !== "string")
            throw TypeError("source is not a string");
          this.buffer = this.buffer ? this.buffer + source : source;
          this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? "stream";
        while (next && (incomplete || this.hasChars(1)))
          next = yield* this.parseNext(next);
      }
      atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === " " || ch === "	")
          ch = this.buffer[++i];
        if (!ch || ch === "#" || ch === "\n")
          return true;
        if (ch === "\r")
          return this.buffer[i + 1] === "\n";
        return false;
      }
      charAt(n) {
        return this.buffer[this.pos + n];
      }
      continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
          let indent = 0;
          while (ch === " ")
            ch = this.buffer[++indent + offset];
          if (ch === "\r") {
            const next = this.buffer[indent + offset + 1];
            if (next === "\n" || !next && !this.atEnd)
              return offset + indent + 1;
          }
          return ch === "\n" || indent >= this.indentNext || !ch && !this.atEnd ? offset + indent : -1;
        }
        if (ch === "-" || ch === ".") {
          const dt = this.buffer.substr(offset, 3);
          if ((dt === "---" || dt === "...") && isEmpty(this.buffer[offset + 3]))
            return -1;
        }
        return offset;
      }
      getLine() {
        let end = this.lineEndPos;
        if (typeof end !== "number" || end !== -1 && end < this.pos) {
          end = this.buffer.indexOf("\n", this.pos);
          this.lineEndPos = end;
        }
        if (end === -1)
          return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === "\r")
          end -= 1;
        return this.buffer.substring(this.pos, end);
      }
      hasChars(n) {
        return this.pos + n <= this.buffer.length;
      }
      setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
      }
      peek(n) {
        return this.buffer.substr(this.pos, n);
      }
      *parseNext(next) {
        switch (next) {
          case "stream":
            return yield* this.parseStream();
          case "line-start":
            return yield* this.parseLineStart();
          case "block-start":
            return yield* this.parseBlockStart();
          case "doc":
            return yield* this.parseDocument();
          case "flow":
            return yield* this.parseFlowCollection();
          case "quoted-scalar":
            return yield* this.parseQuotedScalar();
          case "block-scalar":
            return yield* this.parseBlockScalar();
          case "plain-scalar":
            return yield* this.parsePlainScalar();
        }
      }
      *parseStream() {
        let line = this.getLine();
        if (line === null)
          return this.setNext("stream");
        if (line[0] === cst.BOM) {
          yield* this.pushCount(1);
          line = line.substring(1);
        }
        if (line[0] === "%") {
          let dirEnd = line.length;
          let cs = line.indexOf("#");
          while (cs !== -1) {
            const ch = line[cs - 1];
            if (ch === " " || ch === "	") {
              dirEnd = cs - 1;
              break;
            } else {
              cs = line.indexOf("#", cs + 1);
            }
          }
          while (true) {
            const ch = line[dirEnd - 1];
            if (ch === " " || ch === "	")
              dirEnd -= 1;
            else
              break;
          }
          const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
          yield* this.pushCount(line.length - n);
          this.pushNewline();
          return "stream";
        }
        if (this.atLineEnd()) {
          const sp = yield* this.pushSpaces(true);
          yield* this.pushCount(line.length - sp);
          yield* this.pushNewline();
          return "stream";
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
      }
      *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
          return this.setNext("line-start");
        if (ch === "-" || ch === ".") {
          if (!this.atEnd && !this.hasChars(4))
            return this.setNext("line-start");
          const s = this.peek(3);
          if ((s === "---" || s === "...") && isEmpty(this.charAt(3))) {
            yield* this.pushCount(3);
            this.indentValue = 0;
            this.indentNext = 0;
            return s === "---" ? "doc" : "stream";
          }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
          this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
      }
      *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
          return this.setNext("block-start");
        if ((ch0 === "-" || ch0 === "?" || ch0 === ":") && isEmpty(ch1)) {
          const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
          this.indentNext = this.indentValue + 1;
          this.indentValue += n;
          return "block-start";
        }
        return "doc";
      }
      *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
          return this.setNext("doc");
        let n = yield* this.pushIndicators();
        switch (line[n]) {
          case "#":
            yield* this.pushCount(line.length - n);
          // fallthrough
          case void 0:
            yield* this.pushNewline();
            return yield* this.parseLineStart();
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel = 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            return "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "doc";
          case '"':
          case "'":
            return yield* this.parseQuotedScalar();
          case "|":
          case ">":
            n += yield* this.parseBlockScalarHeader();
            n += yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - n);
            yield* this.pushNewline();
            return yield* this.parseBlockScalar();
          default:
            return yield* this.parsePlainScalar();
        }
      }
      *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
          nl = yield* this.pushNewline();
          if (nl > 0) {
            sp = yield* this.pushSpaces(false);
            this.indentValue = indent = sp;
          } else {
            sp = 0;
          }
          sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
          return this.setNext("flow");
        if (indent !== -1 && indent < this.indentNext && line[0] !== "#" || indent === 0 && (line.startsWith("---") || line.startsWith("...")) && isEmpty(line[3])) {
          const atFlowEndMarker = indent === this.indentNext - 1 && this.flowLevel === 1 && (line[0] === "]" || line[0] === "}");
          if (!atFlowEndMarker) {
            this.flowLevel = 0;
            yield cst.FLOW_END;
            return yield* this.parseLineStart();
          }
        }
        let n = 0;
        while (line[n] === ",") {
          n += yield* this.pushCount(1);
          n += yield* this.pushSpaces(true);
          this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
          case void 0:
            return "flow";
          case "#":
            yield* this.pushCount(line.length - n);
            return "flow";
          case "{":
          case "[":
            yield* this.pushCount(1);
            this.flowKey = false;
            this.flowLevel += 1;
            return "flow";
          case "}":
          case "]":
            yield* this.pushCount(1);
            this.flowKey = true;
            this.flowLevel -= 1;
            return this.flowLevel ? "flow" : "doc";
          case "*":
            yield* this.pushUntil(isNotAnchorChar);
            return "flow";
          case '"':
          case "'":
            this.flowKey = true;
            return yield* this.parseQuotedScalar();
          case ":": {
            const next = this.charAt(1);
            if (this.flowKey || isEmpty(next) || next === ",") {
              this.flowKey = false;
              yield* this.pushCount(1);
              yield* this.pushSpaces(true);
              return "flow";
            }
          }
          // fallthrough
          default:
            this.flowKey = false;
            return yield* this.parsePlainScalar();
        }
      }
      *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
          while (end !== -1 && this.buffer[end + 1] === "'")
            end = this.buffer.indexOf("'", end + 2);
        } else {
          while (end !== -1) {
            let n = 0;
            while (this.buffer[end - 1 - n] === "\\")
              n += 1;
            if (n % 2 === 0)
              break;
            end = this.buffer.indexOf('"', end + 1);
          }
        }
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf("\n", this.pos);
        if (nl !== -1) {
          while (nl !== -1) {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = qb.indexOf("\n", cs);
          }
          if (nl !== -1) {
            end = nl - (qb[nl - 1] === "\r" ? 2 : 1);
          }
        }
        if (end === -1) {
          if (!this.atEnd)
            return this.setNext("quoted-scalar");
          end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? "flow" : "doc";
      }
      *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
          const ch = this.buffer[++i];
          if (ch === "+")
            this.blockScalarKeep = true;
          else if (ch > "0" && ch <= "9")
            this.blockScalarIndent = Number(ch) - 1;
          else if (ch !== "-")
            break;
        }
        return yield* this.pushUntil((ch) => isEmpty(ch) || ch === "#");
      }
      *parseBlockScalar() {
        let nl = this.pos - 1;
        let indent = 0;
        let ch;
        loop: for (let i2 = this.pos; ch = this.buffer[i2]; ++i2) {
          switch (ch) {
            case " ":
              indent += 1;
              break;
            case "\n":
              nl = i2;
              indent = 0;
              break;
            case "\r": {
              const next = this.buffer[i2 + 1];
              if (!next && !this.atEnd)
                return this.setNext("block-scalar");
              if (next === "\n")
                break;
            }
            // fallthrough
            default:
              break loop;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("block-scalar");
        if (indent >= this.indentNext) {
          if (this.blockScalarIndent === -1)
            this.indentNext = indent;
          else {
            this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
          }
          do {
            const cs = this.continueScalar(nl + 1);
            if (cs === -1)
              break;
            nl = this.buffer.indexOf("\n", cs);
          } while (nl !== -1);
          if (nl === -1) {
            if (!this.atEnd)
              return this.setNext("block-scalar");
            nl = this.buffer.length;
          }
        }
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === " ")
          ch = this.buffer[++i];
        if (ch === "	") {
          while (ch === "	" || ch === " " || ch === "\r" || ch === "\n")
            ch = this.buffer[++i];
          nl = i - 1;
        } else if (!this.blockScalarKeep) {
          do {
            let i2 = nl - 1;
            let ch2 = this.buffer[i2];
            if (ch2 === "\r")
              ch2 = this.buffer[--i2];
            const lastChar = i2;
            while (ch2 === " ")
              ch2 = this.buffer[--i2];
            if (ch2 === "\n" && i2 >= this.pos && i2 + 1 + indent > lastChar)
              nl = i2;
            else
              break;
          } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
      }
      *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while (ch = this.buffer[++i]) {
          if (ch === ":") {
            const next = this.buffer[i + 1];
            if (isEmpty(next) || inFlow && flowIndicatorChars.has(next))
              break;
            end = i;
          } else if (isEmpty(ch)) {
            let next = this.buffer[i + 1];
            if (ch === "\r") {
              if (next === "\n") {
                i += 1;
                ch = "\n";
                next = this.buffer[i + 1];
              } else
                end = i;
            }
            if (next === "#" || inFlow && flowIndicatorChars.has(next))
              break;
            if (ch === "\n") {
              const cs = this.continueScalar(i + 1);
              if (cs === -1)
                break;
              i = Math.max(i, cs - 2);
            }
          } else {
            if (inFlow && flowIndicatorChars.has(ch))
              break;
            end = i;
          }
        }
        if (!ch && !this.atEnd)
          return this.setNext("plain-scalar");
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? "flow" : "doc";
      }
      *pushCount(n) {
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos += n;
          return n;
        }
        return 0;
      }
      *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
          yield s;
          this.pos += s.length;
          return s.length;
        } else if (allowEmpty)
          yield "";
        return 0;
      }
      *pushIndicators() {
        let n = 0;
        loop: while (true) {
          switch (this.charAt(0)) {
            case "!":
              n += yield* this.pushTag();
              n += yield* this.pushSpaces(true);
              continue loop;
            case "&":
              n += yield* this.pushUntil(isNotAnchorChar);
              n += yield* this.pushSpaces(true);
              continue loop;
            case "-":
            // this is an error
            case "?":
            // this is an error outside flow collections
            case ":": {
              const inFlow = this.flowLevel > 0;
              const ch1 = this.charAt(1);
              if (isEmpty(ch1) || inFlow && flowIndicatorChars.has(ch1)) {
                if (!inFlow)
                  this.indentNext = this.indentValue + 1;
                else if (this.flowKey)
                  this.flowKey = false;
                n += yield* this.pushCount(1);
                n += yield* this.pushSpaces(true);
                continue loop;
              }
            }
          }
          break loop;
        }
        return n;
      }
      *pushTag() {
        if (this.charAt(1) === "<") {
          let i = this.pos + 2;
          let ch = this.buffer[i];
          while (!isEmpty(ch) && ch !== ">")
            ch = this.buffer[++i];
          return yield* this.pushToIndex(ch === ">" ? i + 1 : i, false);
        } else {
          let i = this.pos + 1;
          let ch = this.buffer[i];
          while (ch) {
            if (tagChars.has(ch))
              ch = this.buffer[++i];
            else if (ch === "%" && hexDigits.has(this.buffer[i + 1]) && hexDigits.has(this.buffer[i + 2])) {
              ch = this.buffer[i += 3];
            } else
              break;
          }
          return yield* this.pushToIndex(i, false);
        }
      }
      *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === "\n")
          return yield* this.pushCount(1);
        else if (ch === "\r" && this.charAt(1) === "\n")
          return yield* this.pushCount(2);
        else
          return 0;
      }
      *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
          ch = this.buffer[++i];
        } while (ch === " " || allowTabs && ch === "	");
        const n = i - this.pos;
        if (n > 0) {
          yield this.buffer.substr(this.pos, n);
          this.pos = i;
        }
        return n;
      }
      *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
          ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
      }
    };
    exports2.Lexer = Lexer;
  }
});

// node_modules/yaml/dist/parse/line-counter.js
var require_line_counter = __commonJS({
  "node_modules/yaml/dist/parse/line-counter.js"(exports2) {
    "use strict";
    var LineCounter2 = class {
      constructor() {
        this.lineStarts = [];
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        this.linePos = (offset) => {
          let low = 0;
          let high = this.lineStarts.length;
          while (low < high) {
            const mid = low + high >> 1;
            if (this.lineStarts[mid] < offset)
              low = mid + 1;
            else
              high = mid;
          }
          if (this.lineStarts[low] === offset)
            return { line: low + 1, col: 1 };
          if (low === 0)
            return { line: 0, col: offset };
          const start = this.lineStarts[low - 1];
          return { line: low, col: offset - start + 1 };
        };
      }
    };
    exports2.LineCounter = LineCounter2;
  }
});

// node_modules/yaml/dist/parse/parser.js
var require_parser = __commonJS({
  "node_modules/yaml/dist/parse/parser.js"(exports2) {
    "use strict";
    var node_process = require("process");
    var cst = require_cst();
    var lexer = require_lexer();
    function includesToken(list, type) {
      for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
          return true;
      return false;
    }
    function findNonEmptyIndex(list) {
      for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
          case "space":
          case "comment":
          case "newline":
            break;
          default:
            return i;
        }
      }
      return -1;
    }
    function isFlowToken(token2) {
      switch (token2?.type) {
        case "alias":
        case "scalar":
        case "single-quoted-scalar":
        case "double-quoted-scalar":
        case "flow-collection":
          return true;
        default:
          return false;
      }
    }
    function getPrevProps(parent) {
      switch (parent.type) {
        case "document":
          return parent.start;
        case "block-map": {
          const it = parent.items[parent.items.length - 1];
          return it.sep ?? it.start;
        }
        case "block-seq":
          return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
          return [];
      }
    }
    function getFirstKeyStartProps(prev) {
      if (prev.length === 0)
        return [];
      let i = prev.length;
      loop: while (--i >= 0) {
        switch (prev[i].type) {
          case "doc-start":
          case "explicit-key-ind":
          case "map-value-ind":
          case "seq-item-ind":
          case "newline":
            break loop;
        }
      }
      while (prev[++i]?.type === "space") {
      }
      return prev.splice(i, prev.length);
    }
    function arrayPushArray(target, source) {
      if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
      else
        for (let i = 0; i < source.length; ++i)
          target.push(source[i]);
    }
    function fixFlowSeqItems(fc) {
      if (fc.start.type === "flow-seq-start") {
        for (const it of fc.items) {
          if (it.sep && !it.value && !includesToken(it.start, "explicit-key-ind") && !includesToken(it.sep, "map-value-ind")) {
            if (it.key)
              it.value = it.key;
            delete it.key;
            if (isFlowToken(it.value)) {
              if (it.value.end)
                arrayPushArray(it.value.end, it.sep);
              else
                it.value.end = it.sep;
            } else
              arrayPushArray(it.start, it.sep);
            delete it.sep;
          }
        }
      }
    }
    var Parser = class {
      /**
       * @param onNewLine - If defined, called separately with the start position of
       *   each new line (in `parse()`, including the start of input).
       */
      constructor(onNewLine) {
        this.atNewLine = true;
        this.atScalar = false;
        this.indent = 0;
        this.offset = 0;
        this.onKeyLine = false;
        this.stack = [];
        this.source = "";
        this.type = "";
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
      }
      /**
       * Parse `source` as a YAML stream.
       * If `incomplete`, a part of the last line may be left as a buffer for the next call.
       *
       * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
       *
       * @returns A generator of tokens representing each directive, document, and other structure.
       */
      *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
          this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
          yield* this.next(lexeme);
        if (!incomplete)
          yield* this.end();
      }
      /**
       * Advance the parser by the `source` of one lexical token.
       */
      *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
          console.log("|", cst.prettyToken(source));
        if (this.atScalar) {
          this.atScalar = false;
          yield* this.step();
          this.offset += source.length;
          return;
        }
        const type = cst.tokenType(source);
        if (!type) {
          const message = `Not a YAML token: ${source}`;
          yield* this.pop({ type: "error", offset: this.offset, message, source });
          this.offset += source.length;
        } else if (type === "scalar") {
          this.atNewLine = false;
          this.atScalar = true;
          this.type = "scalar";
        } else {
          this.type = type;
          yield* this.step();
          switch (type) {
            case "newline":
              this.atNewLine = true;
              this.indent = 0;
              if (this.onNewLine)
                this.onNewLine(this.offset + source.length);
              break;
            case "space":
              if (this.atNewLine && source[0] === " ")
                this.indent += source.length;
              break;
            case "explicit-key-ind":
            case "map-value-ind":
            case "seq-item-ind":
              if (this.atNewLine)
                this.indent += source.length;
              break;
            case "doc-mode":
            case "flow-error-end":
              return;
            default:
              this.atNewLine = false;
          }
          this.offset += source.length;
        }
      }
      /** Call at end of input to push out any remaining constructions */
      *end() {
        while (this.stack.length > 0)
          yield* this.pop();
      }
      get sourceToken() {
        const st = {
          type: this.type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
        return st;
      }
      *step() {
        const top = this.peek(1);
        if (this.type === "doc-end" && top?.type !== "doc-end") {
          while (this.stack.length > 0)
            yield* this.pop();
          this.stack.push({
            type: "doc-end",
            offset: this.offset,
            source: this.source
          });
          return;
        }
        if (!top)
          return yield* this.stream();
        switch (top.type) {
          case "document":
            return yield* this.document(top);
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return yield* this.scalar(top);
          case "block-scalar":
            return yield* this.blockScalar(top);
          case "block-map":
            return yield* this.blockMap(top);
          case "block-seq":
            return yield* this.blockSequence(top);
          case "flow-collection":
            return yield* this.flowCollection(top);
          case "doc-end":
            return yield* this.documentEnd(top);
        }
        yield* this.pop();
      }
      peek(n) {
        return this.stack[this.stack.length - n];
      }
      *pop(error) {
        const token2 = error ?? this.stack.pop();
        if (!token2) {
          const message = "Tried to pop an empty stack";
          yield { type: "error", offset: this.offset, source: "", message };
        } else if (this.stack.length === 0) {
          yield token2;
        } else {
          const top = this.peek(1);
          if (token2.type === "block-scalar") {
            token2.indent = "indent" in top ? top.indent : 0;
          } else if (token2.type === "flow-collection" && top.type === "document") {
            token2.indent = 0;
          }
          if (token2.type === "flow-collection")
            fixFlowSeqItems(token2);
          switch (top.type) {
            case "document":
              top.value = token2;
              break;
            case "block-scalar":
              top.props.push(token2);
              break;
            case "block-map": {
              const it = top.items[top.items.length - 1];
              if (it.value) {
                top.items.push({ start: [], key: token2, sep: [] });
                this.onKeyLine = true;
                return;
              } else if (it.sep) {
                it.value = token2;
              } else {
                Object.assign(it, { key: token2, sep: [] });
                this.onKeyLine = !it.explicitKey;
                return;
              }
              break;
            }
            case "block-seq": {
              const it = top.items[top.items.length - 1];
              if (it.value)
                top.items.push({ start: [], value: token2 });
              else
                it.value = token2;
              break;
            }
            case "flow-collection": {
              const it = top.items[top.items.length - 1];
              if (!it || it.value)
                top.items.push({ start: [], key: token2, sep: [] });
              else if (it.sep)
                it.value = token2;
              else
                Object.assign(it, { key: token2, sep: [] });
              return;
            }
            /* istanbul ignore next should not happen */
            default:
              yield* this.pop();
              yield* this.pop(token2);
          }
          if ((top.type === "document" || top.type === "block-map" || top.type === "block-seq") && (token2.type === "block-map" || token2.type === "block-seq")) {
            const last = token2.items[token2.items.length - 1];
            if (last && !last.sep && !last.value && last.start.length > 0 && findNonEmptyIndex(last.start) === -1 && (token2.indent === 0 || last.start.every((st) => st.type !== "comment" || st.indent < token2.indent))) {
              if (top.type === "document")
                top.end = last.start;
              else
                top.items.push({ start: last.start });
              token2.items.splice(-1, 1);
            }
          }
        }
      }
      *stream() {
        switch (this.type) {
          case "directive-line":
            yield { type: "directive", offset: this.offset, source: this.source };
            return;
          case "byte-order-mark":
          case "space":
          case "comment":
          case "newline":
            yield this.sourceToken;
            return;
          case "doc-mode":
          case "doc-start": {
            const doc = {
              type: "document",
              offset: this.offset,
              start: []
            };
            if (this.type === "doc-start")
              doc.start.push(this.sourceToken);
            this.stack.push(doc);
            return;
          }
        }
        yield {
          type: "error",
          offset: this.offset,
          message: `Unexpected ${this.type} token in YAML stream`,
          source: this.source
        };
      }
      *document(doc) {
        if (doc.value)
          return yield* this.lineEnd(doc);
        switch (this.type) {
          case "doc-start": {
            if (findNonEmptyIndex(doc.start) !== -1) {
              yield* this.pop();
              yield* this.step();
            } else
              doc.start.push(this.sourceToken);
            return;
          }
          case "anchor":
          case "tag":
          case "space":
          case "comment":
          case "newline":
            doc.start.push(this.sourceToken);
            return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
          this.stack.push(bv);
        else {
          yield {
            type: "error",
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML document`,
            source: this.source
          };
        }
      }
      *scalar(scalar) {
        if (this.type === "map-value-ind") {
          const prev = getPrevProps(this.peek(2));
          const start = getFirstKeyStartProps(prev);
          let sep3;
          if (scalar.end) {
            sep3 = scalar.end;
            sep3.push(this.sourceToken);
            delete scalar.end;
          } else
            sep3 = [this.sourceToken];
          const map = {
            type: "block-map",
            offset: scalar.offset,
            indent: scalar.indent,
            items: [{ start, key: scalar, sep: sep3 }]
          };
          this.onKeyLine = true;
          this.stack[this.stack.length - 1] = map;
        } else
          yield* this.lineEnd(scalar);
      }
      *blockScalar(scalar) {
        switch (this.type) {
          case "space":
          case "comment":
          case "newline":
            scalar.props.push(this.sourceToken);
            return;
          case "scalar":
            scalar.source = this.source;
            this.atNewLine = true;
            this.indent = 0;
            if (this.onNewLine) {
              let nl = this.source.indexOf("\n") + 1;
              while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf("\n", nl) + 1;
              }
            }
            yield* this.pop();
            break;
          /* istanbul ignore next should not happen */
          default:
            yield* this.pop();
            yield* this.step();
        }
      }
      *blockMap(map) {
        const it = map.items[map.items.length - 1];
        switch (this.type) {
          case "newline":
            this.onKeyLine = false;
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              it.start.push(this.sourceToken);
            }
            return;
          case "space":
          case "comment":
            if (it.value) {
              map.items.push({ start: [this.sourceToken] });
            } else if (it.sep) {
              it.sep.push(this.sourceToken);
            } else {
              if (this.atIndentedComment(it.start, map.indent)) {
                const prev = map.items[map.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  map.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
        }
        if (this.indent >= map.indent) {
          const atMapIndent = !this.onKeyLine && this.indent === map.indent;
          const atNextItem = atMapIndent && (it.sep || it.explicitKey) && this.type !== "seq-item-ind";
          let start = [];
          if (atNextItem && it.sep && !it.value) {
            const nl = [];
            for (let i = 0; i < it.sep.length; ++i) {
              const st = it.sep[i];
              switch (st.type) {
                case "newline":
                  nl.push(i);
                  break;
                case "space":
                  break;
                case "comment":
                  if (st.indent > map.indent)
                    nl.length = 0;
                  break;
                default:
                  nl.length = 0;
              }
            }
            if (nl.length >= 2)
              start = it.sep.splice(nl[1]);
          }
          switch (this.type) {
            case "anchor":
            case "tag":
              if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start });
                this.onKeyLine = true;
              } else if (it.sep) {
                it.sep.push(this.sourceToken);
              } else {
                it.start.push(this.sourceToken);
              }
              return;
            case "explicit-key-ind":
              if (!it.sep && !it.explicitKey) {
                it.start.push(this.sourceToken);
                it.explicitKey = true;
              } else if (atNextItem || it.value) {
                start.push(this.sourceToken);
                map.items.push({ start, explicitKey: true });
              } else {
                this.stack.push({
                  type: "block-map",
                  offset: this.offset,
                  indent: this.indent,
                  items: [{ start: [this.sourceToken], explicitKey: true }]
                });
              }
              this.onKeyLine = true;
              return;
            case "map-value-ind":
              if (it.explicitKey) {
                if (!it.sep) {
                  if (includesToken(it.start, "newline")) {
                    Object.assign(it, { key: null, sep: [this.sourceToken] });
                  } else {
                    const start2 = getFirstKeyStartProps(it.start);
                    this.stack.push({
                      type: "block-map",
                      offset: this.offset,
                      indent: this.indent,
                      items: [{ start: start2, key: null, sep: [this.sourceToken] }]
                    });
                  }
                } else if (it.value) {
                  map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                  });
                } else if (isFlowToken(it.key) && !includesToken(it.sep, "newline")) {
                  const start2 = getFirstKeyStartProps(it.start);
                  const key = it.key;
                  const sep3 = it.sep;
                  sep3.push(this.sourceToken);
                  delete it.key;
                  delete it.sep;
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: start2, key, sep: sep3 }]
                  });
                } else if (start.length > 0) {
                  it.sep = it.sep.concat(start, this.sourceToken);
                } else {
                  it.sep.push(this.sourceToken);
                }
              } else {
                if (!it.sep) {
                  Object.assign(it, { key: null, sep: [this.sourceToken] });
                } else if (it.value || atNextItem) {
                  map.items.push({ start, key: null, sep: [this.sourceToken] });
                } else if (includesToken(it.sep, "map-value-ind")) {
                  this.stack.push({
                    type: "block-map",
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [], key: null, sep: [this.sourceToken] }]
                  });
                } else {
                  it.sep.push(this.sourceToken);
                }
              }
              this.onKeyLine = true;
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (atNextItem || it.value) {
                map.items.push({ start, key: fs, sep: [] });
                this.onKeyLine = true;
              } else if (it.sep) {
                this.stack.push(fs);
              } else {
                Object.assign(it, { key: fs, sep: [] });
                this.onKeyLine = true;
              }
              return;
            }
            default: {
              const bv = this.startBlockValue(map);
              if (bv) {
                if (bv.type === "block-seq") {
                  if (!it.explicitKey && it.sep && !includesToken(it.sep, "newline")) {
                    yield* this.pop({
                      type: "error",
                      offset: this.offset,
                      message: "Unexpected block-seq-ind on same line with key",
                      source: this.source
                    });
                    return;
                  }
                } else if (atMapIndent) {
                  map.items.push({ start });
                }
                this.stack.push(bv);
                return;
              }
            }
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
          case "newline":
            if (it.value) {
              const end = "end" in it.value ? it.value.end : void 0;
              const last = Array.isArray(end) ? end[end.length - 1] : void 0;
              if (last?.type === "comment")
                end?.push(this.sourceToken);
              else
                seq.items.push({ start: [this.sourceToken] });
            } else
              it.start.push(this.sourceToken);
            return;
          case "space":
          case "comment":
            if (it.value)
              seq.items.push({ start: [this.sourceToken] });
            else {
              if (this.atIndentedComment(it.start, seq.indent)) {
                const prev = seq.items[seq.items.length - 2];
                const end = prev?.value?.end;
                if (Array.isArray(end)) {
                  arrayPushArray(end, it.start);
                  end.push(this.sourceToken);
                  seq.items.pop();
                  return;
                }
              }
              it.start.push(this.sourceToken);
            }
            return;
          case "anchor":
          case "tag":
            if (it.value || this.indent <= seq.indent)
              break;
            it.start.push(this.sourceToken);
            return;
          case "seq-item-ind":
            if (this.indent !== seq.indent)
              break;
            if (it.value || includesToken(it.start, "seq-item-ind"))
              seq.items.push({ start: [this.sourceToken] });
            else
              it.start.push(this.sourceToken);
            return;
        }
        if (this.indent > seq.indent) {
          const bv = this.startBlockValue(seq);
          if (bv) {
            this.stack.push(bv);
            return;
          }
        }
        yield* this.pop();
        yield* this.step();
      }
      *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === "flow-error-end") {
          let top;
          do {
            yield* this.pop();
            top = this.peek(1);
          } while (top?.type === "flow-collection");
        } else if (fc.end.length === 0) {
          switch (this.type) {
            case "comma":
            case "explicit-key-ind":
              if (!it || it.sep)
                fc.items.push({ start: [this.sourceToken] });
              else
                it.start.push(this.sourceToken);
              return;
            case "map-value-ind":
              if (!it || it.value)
                fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                Object.assign(it, { key: null, sep: [this.sourceToken] });
              return;
            case "space":
            case "comment":
            case "newline":
            case "anchor":
            case "tag":
              if (!it || it.value)
                fc.items.push({ start: [this.sourceToken] });
              else if (it.sep)
                it.sep.push(this.sourceToken);
              else
                it.start.push(this.sourceToken);
              return;
            case "alias":
            case "scalar":
            case "single-quoted-scalar":
            case "double-quoted-scalar": {
              const fs = this.flowScalar(this.type);
              if (!it || it.value)
                fc.items.push({ start: [], key: fs, sep: [] });
              else if (it.sep)
                this.stack.push(fs);
              else
                Object.assign(it, { key: fs, sep: [] });
              return;
            }
            case "flow-map-end":
            case "flow-seq-end":
              fc.end.push(this.sourceToken);
              return;
          }
          const bv = this.startBlockValue(fc);
          if (bv)
            this.stack.push(bv);
          else {
            yield* this.pop();
            yield* this.step();
          }
        } else {
          const parent = this.peek(2);
          if (parent.type === "block-map" && (this.type === "map-value-ind" && parent.indent === fc.indent || this.type === "newline" && !parent.items[parent.items.length - 1].sep)) {
            yield* this.pop();
            yield* this.step();
          } else if (this.type === "map-value-ind" && parent.type !== "flow-collection") {
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            fixFlowSeqItems(fc);
            const sep3 = fc.end.splice(1, fc.end.length);
            sep3.push(this.sourceToken);
            const map = {
              type: "block-map",
              offset: fc.offset,
              indent: fc.indent,
              items: [{ start, key: fc, sep: sep3 }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
          } else {
            yield* this.lineEnd(fc);
          }
        }
      }
      flowScalar(type) {
        if (this.onNewLine) {
          let nl = this.source.indexOf("\n") + 1;
          while (nl !== 0) {
            this.onNewLine(this.offset + nl);
            nl = this.source.indexOf("\n", nl) + 1;
          }
        }
        return {
          type,
          offset: this.offset,
          indent: this.indent,
          source: this.source
        };
      }
      startBlockValue(parent) {
        switch (this.type) {
          case "alias":
          case "scalar":
          case "single-quoted-scalar":
          case "double-quoted-scalar":
            return this.flowScalar(this.type);
          case "block-scalar-header":
            return {
              type: "block-scalar",
              offset: this.offset,
              indent: this.indent,
              props: [this.sourceToken],
              source: ""
            };
          case "flow-map-start":
          case "flow-seq-start":
            return {
              type: "flow-collection",
              offset: this.offset,
              indent: this.indent,
              start: this.sourceToken,
              items: [],
              end: []
            };
          case "seq-item-ind":
            return {
              type: "block-seq",
              offset: this.offset,
              indent: this.indent,
              items: [{ start: [this.sourceToken] }]
            };
          case "explicit-key-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            start.push(this.sourceToken);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, explicitKey: true }]
            };
          }
          case "map-value-ind": {
            this.onKeyLine = true;
            const prev = getPrevProps(parent);
            const start = getFirstKeyStartProps(prev);
            return {
              type: "block-map",
              offset: this.offset,
              indent: this.indent,
              items: [{ start, key: null, sep: [this.sourceToken] }]
            };
          }
        }
        return null;
      }
      atIndentedComment(start, indent) {
        if (this.type !== "comment")
          return false;
        if (this.indent <= indent)
          return false;
        return start.every((st) => st.type === "newline" || st.type === "space");
      }
      *documentEnd(docEnd) {
        if (this.type !== "doc-mode") {
          if (docEnd.end)
            docEnd.end.push(this.sourceToken);
          else
            docEnd.end = [this.sourceToken];
          if (this.type === "newline")
            yield* this.pop();
        }
      }
      *lineEnd(token2) {
        switch (this.type) {
          case "comma":
          case "doc-start":
          case "doc-end":
          case "flow-seq-end":
          case "flow-map-end":
          case "map-value-ind":
            yield* this.pop();
            yield* this.step();
            break;
          case "newline":
            this.onKeyLine = false;
          // fallthrough
          case "space":
          case "comment":
          default:
            if (token2.end)
              token2.end.push(this.sourceToken);
            else
              token2.end = [this.sourceToken];
            if (this.type === "newline")
              yield* this.pop();
        }
      }
    };
    exports2.Parser = Parser;
  }
});

// node_modules/yaml/dist/public-api.js
var require_public_api = __commonJS({
  "node_modules/yaml/dist/public-api.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var errors = require_errors();
    var log = require_log();
    var identity2 = require_identity();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    function parseOptions(options2) {
      const prettyErrors = options2.prettyErrors !== false;
      const lineCounter$1 = options2.lineCounter || prettyErrors && new lineCounter.LineCounter() || null;
      return { lineCounter: lineCounter$1, prettyErrors };
    }
    function parseAllDocuments3(source, options2 = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options2);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options2);
      const docs = Array.from(composer$1.compose(parser$1.parse(source)));
      if (prettyErrors && lineCounter2)
        for (const doc of docs) {
          doc.errors.forEach(errors.prettifyError(source, lineCounter2));
          doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
        }
      if (docs.length > 0)
        return docs;
      return Object.assign([], { empty: true }, composer$1.streamInfo());
    }
    function parseDocument3(source, options2 = {}) {
      const { lineCounter: lineCounter2, prettyErrors } = parseOptions(options2);
      const parser$1 = new parser.Parser(lineCounter2?.addNewLine);
      const composer$1 = new composer.Composer(options2);
      let doc = null;
      for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
          doc = _doc;
        else if (doc.options.logLevel !== "silent") {
          doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), "MULTIPLE_DOCS", "Source contains multiple documents; please use YAML.parseAllDocuments()"));
          break;
        }
      }
      if (prettyErrors && lineCounter2) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter2));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter2));
      }
      return doc;
    }
    function parse4(src, reviver, options2) {
      let _reviver = void 0;
      if (typeof reviver === "function") {
        _reviver = reviver;
      } else if (options2 === void 0 && reviver && typeof reviver === "object") {
        options2 = reviver;
      }
      const doc = parseDocument3(src, options2);
      if (!doc)
        return null;
      doc.warnings.forEach((warning) => log.warn(doc.options.logLevel, warning));
      if (doc.errors.length > 0) {
        if (doc.options.logLevel !== "silent")
          throw doc.errors[0];
        else
          doc.errors = [];
      }
      return doc.toJS(Object.assign({ reviver: _reviver }, options2));
    }
    function stringify(value, replacer, options2) {
      let _replacer = null;
      if (typeof replacer === "function" || Array.isArray(replacer)) {
        _replacer = replacer;
      } else if (options2 === void 0 && replacer) {
        options2 = replacer;
      }
      if (typeof options2 === "string")
        options2 = options2.length;
      if (typeof options2 === "number") {
        const indent = Math.round(options2);
        options2 = indent < 1 ? void 0 : indent > 8 ? { indent: 8 } : { indent };
      }
      if (value === void 0) {
        const { keepUndefined } = options2 ?? replacer ?? {};
        if (!keepUndefined)
          return void 0;
      }
      if (identity2.isDocument(value) && !_replacer)
        return value.toString(options2);
      return new Document.Document(value, _replacer, options2).toString(options2);
    }
    exports2.parse = parse4;
    exports2.parseAllDocuments = parseAllDocuments3;
    exports2.parseDocument = parseDocument3;
    exports2.stringify = stringify;
  }
});

// node_modules/yaml/dist/index.js
var require_dist = __commonJS({
  "node_modules/yaml/dist/index.js"(exports2) {
    "use strict";
    var composer = require_composer();
    var Document = require_Document();
    var Schema = require_Schema();
    var errors = require_errors();
    var Alias = require_Alias();
    var identity2 = require_identity();
    var Pair = require_Pair();
    var Scalar = require_Scalar();
    var YAMLMap = require_YAMLMap();
    var YAMLSeq = require_YAMLSeq();
    var cst = require_cst();
    var lexer = require_lexer();
    var lineCounter = require_line_counter();
    var parser = require_parser();
    var publicApi = require_public_api();
    var visit2 = require_visit();
    exports2.Composer = composer.Composer;
    exports2.Document = Document.Document;
    exports2.Schema = Schema.Schema;
    exports2.YAMLError = errors.YAMLError;
    exports2.YAMLParseError = errors.YAMLParseError;
    exports2.YAMLWarning = errors.YAMLWarning;
    exports2.Alias = Alias.Alias;
    exports2.isAlias = identity2.isAlias;
    exports2.isCollection = identity2.isCollection;
    exports2.isDocument = identity2.isDocument;
    exports2.isMap = identity2.isMap;
    exports2.isNode = identity2.isNode;
    exports2.isPair = identity2.isPair;
    exports2.isScalar = identity2.isScalar;
    exports2.isSeq = identity2.isSeq;
    exports2.Pair = Pair.Pair;
    exports2.Scalar = Scalar.Scalar;
    exports2.YAMLMap = YAMLMap.YAMLMap;
    exports2.YAMLSeq = YAMLSeq.YAMLSeq;
    exports2.CST = cst;
    exports2.Lexer = lexer.Lexer;
    exports2.LineCounter = lineCounter.LineCounter;
    exports2.Parser = parser.Parser;
    exports2.parse = publicApi.parse;
    exports2.parseAllDocuments = publicApi.parseAllDocuments;
    exports2.parseDocument = publicApi.parseDocument;
    exports2.stringify = publicApi.stringify;
    exports2.visit = visit2.visit;
    exports2.visitAsync = visit2.visitAsync;
  }
});

// src/cli/main.ts
var import_node_fs11 = require("node:fs");
var import_node_path18 = require("node:path");

// src/errors.ts
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

// src/log.ts
function stderrLogger(opts = {}) {
  const write = (s) => {
    if (!opts.quiet) process.stderr.write(`${s}
`);
  };
  const at = (w) => w?.file ? `${w.file}${w.line ? `:${w.line}` : ""}: ` : "";
  return {
    info: write,
    warning: (m, w) => write(`warning: ${at(w)}${m}`),
    error: (m, w) => process.stderr.write(`error: ${at(w)}${m}
`),
    async group(name, fn) {
      write(`== ${name}`);
      return fn();
    }
  };
}

// src/build.ts
var import_node_fs4 = require("node:fs");
var import_promises5 = require("node:fs/promises");
var import_node_os2 = require("node:os");
var import_node_path5 = require("node:path");

// src/buildplan.ts
var import_node_fs = require("node:fs");
var import_promises3 = require("node:fs/promises");
var import_node_path3 = require("node:path");

// src/version.ts
var import_promises = require("node:fs/promises");
var import_node_path = require("node:path");
var import_semver = __toESM(require_semver2(), 1);
var VERSION_FILE = "lib/mastodon/version.rb";
var OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
var SHA = /^[0-9a-f]{7,40}$/;
function methodBody(source, name) {
  const re = new RegExp(`^[ \\t]*def ${name}\\b(?:\\(\\))?[ \\t]*(?:=[ \\t]*(.+)|\\n([\\s\\S]*?)\\n[ \\t]*end\\b)`, "m");
  const m = re.exec(source);
  if (!m) return void 0;
  const line = source.slice(0, m.index).split("\n").length;
  const body = (m[1] ?? m[2] ?? "").split("\n").map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean).join(" ");
  return { expr: body, line };
}
function stringLiteral(expr) {
  const m = /^(['"])((?:[^'"\\]|\\.)*)\1$/.exec(expr.trim());
  if (!m) return void 0;
  if (m[1] === '"' && m[2].includes("#{")) return void 0;
  return m[2].replace(/\\(.)/g, "$1");
}
function valueWithoutEnv(source, expr, depth = 0) {
  const e = expr.trim();
  const literal = stringLiteral(e);
  if (literal !== void 0) return literal;
  if (e === "nil" || e === "''" || e === '""') return "";
  let m = /^ENV\.fetch\(\s*['"][A-Z_]+['"]\s*,\s*(.+?)\s*\)$/.exec(e);
  if (m) return valueWithoutEnv(source, m[1], depth);
  m = /^ENV\.fetch\(\s*['"][A-Z_]+['"]\s*\)\s*\{\s*(.+?)\s*\}$/.exec(e);
  if (m) return valueWithoutEnv(source, m[1], depth);
  m = /^(?:ENV\[['"][A-Z_]+['"]\]|version_configuration\[:\w+\]|\w+)(?:\.presence)?\s*\|\|\s*(.+)$/.exec(e);
  if (m && /^(ENV|version_configuration)/.test(e)) return valueWithoutEnv(source, m[1], depth);
  if (/^[a-z_]+$/.test(e) && depth < 3) {
    const body = methodBody(source, e);
    if (body) return valueWithoutEnv(source, body.expr, depth + 1);
  }
  return void 0;
}
function integerMethod(source, name, file) {
  const body = methodBody(source, name);
  if (!body || !/^\d+$/.test(body.expr)) {
    throw new OffmainError(
      `${file}${body ? `:${body.line}` : ""}: cannot read the version: \`def ${name}\` does not return a plain integer; is this a Mastodon tree at a supported commit (v4.0 or later)?`,
      { file, line: body?.line }
    );
  }
  return Number(body.expr);
}
function parseVersionRb(source, file = VERSION_FILE) {
  const major = integerMethod(source, "major", file);
  const minor = integerMethod(source, "minor", file);
  const patch = integerMethod(source, "patch", file);
  const core = `${major}.${minor}.${patch}`;
  const defaultPrerelease = methodBody(source, "default_prerelease");
  if (defaultPrerelease) {
    const pre = valueWithoutEnv(source, defaultPrerelease.expr);
    if (pre === void 0 || !/^[0-9A-Za-z.-]*$/.test(pre)) {
      throw new OffmainError(
        `${file}:${defaultPrerelease.line}: cannot read the version: \`default_prerelease\` is not a plain string (${defaultPrerelease.expr})`,
        { file, line: defaultPrerelease.line }
      );
    }
    return { major, minor, patch, prerelease: pre, shape: "prerelease", text: pre ? `${core}-${pre}` : core };
  }
  const flags = methodBody(source, "flags");
  const suffix = methodBody(source, "suffix");
  if (flags && suffix) {
    const f = valueWithoutEnv(source, flags.expr);
    const s = valueWithoutEnv(source, suffix.expr);
    if (f === void 0 || s === void 0) {
      const bad = f === void 0 ? flags : suffix;
      throw new OffmainError(`${file}:${bad.line}: cannot read the version: unexpected expression \`${bad.expr}\``, {
        file,
        line: bad.line
      });
    }
    const readsEnv = /ENV/.test(flags.expr) || /ENV/.test(suffix.expr);
    return {
      major,
      minor,
      patch,
      prerelease: f.replace(/^-/, ""),
      shape: readsEnv ? "env-suffix" : "literal",
      text: `${core}${f}${s}`
    };
  }
  return { major, minor, patch, prerelease: "", shape: "literal", text: core };
}
async function readDeclaredVersion(dir) {
  let source;
  try {
    source = await (0, import_promises.readFile)((0, import_node_path.join)(dir, VERSION_FILE), "utf8");
  } catch {
    throw new OffmainError(
      `${dir} is not a Mastodon tree: ${VERSION_FILE} was not found; point --dir/path at a checkout of mastodon/mastodon`,
      { file: VERSION_FILE }
    );
  }
  return parseVersionRb(source);
}
function displayVersion(declared, sha) {
  const s = sha.toLowerCase();
  if (!SHA.test(s)) throw new OffmainError(`"${sha}" is not a commit sha: expected 7 to 40 hexadecimal characters`);
  if (declared.includes("+") || declared.includes("_")) {
    throw new OffmainError(`declared version "${declared}" already carries build metadata; expected X.Y.Z[-prerelease]`);
  }
  return `${declared}+${s.slice(0, 7)}`;
}
function imageTag(display) {
  const plus = display.split("+");
  if (plus.length !== 2 || display.includes("_")) {
    throw new OffmainError(`"${display}" is not a display version: expected X.Y.Z[-prerelease]+sha7`);
  }
  const tag = display.replace("+", "_");
  if (!OCI_TAG.test(tag)) {
    throw new OffmainError(`"${tag}" is not a valid OCI tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`);
  }
  return tag;
}
function displayVersionFromTag(tag) {
  const parts = tag.split("_");
  if (parts.length !== 2) return void 0;
  const [version, sha] = parts;
  if (!/^\d+\.\d+\.\d+/.test(version) || !SHA.test(sha)) return void 0;
  return `${version}+${sha}`;
}
function parseImageTag(tag) {
  const display = displayVersionFromTag(tag);
  if (!display) return void 0;
  const [version, shortSha] = display.split("+");
  return { version, shortSha, display };
}
function isValidOciTag(tag) {
  return OCI_TAG.test(tag);
}
function semverOf(declared) {
  const v = import_semver.default.valid(declared) ?? import_semver.default.valid(declared.replace(/^(\d+\.\d+\.\d+)(?=[A-Za-z])/, "$1-"));
  if (!v) throw new OffmainError(`"${declared}" is not a version offmain can compare (expected X.Y.Z[-prerelease])`);
  return v;
}
async function versionOf(dir, sha) {
  const declared = await readDeclaredVersion(dir);
  const display = displayVersion(declared.text, sha);
  return { declared, display, imageTag: imageTag(display) };
}

// src/imageref.ts
function parseImageRef(ref) {
  const at = ref.indexOf("@");
  const digest = at >= 0 ? ref.slice(at + 1) : void 0;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = rest.indexOf(":", rest.lastIndexOf("/") + 1);
  const out = { repository: colon >= 0 ? rest.slice(0, colon) : rest };
  if (colon >= 0) out.tag = rest.slice(colon + 1);
  if (digest !== void 0) out.digest = digest;
  return out;
}
function formatImageRef(ref) {
  return `${ref.repository}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}
var DOCKER_HUB = /^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io|registry\.hub\.docker\.com)\//;
function canonicalRepository(repository) {
  let r = repository.trim().toLowerCase().replace(DOCKER_HUB, "");
  if (/^library\/[^/]+$/.test(r)) r = r.slice("library/".length);
  return r;
}
function sameRepository(a, b) {
  return canonicalRepository(a) === canonicalRepository(b);
}
function repositoryPath(repository) {
  const c = canonicalRepository(repository);
  const slash = c.indexOf("/");
  return slash >= 0 && hasRegistryHost(c) ? c.slice(slash + 1) : c;
}
function hasRegistryHost(repository) {
  const slash = repository.indexOf("/");
  if (slash < 0) return false;
  const first = repository.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase();
}
var HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::\d+)?$/;
var PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
function isValidRepository(repository) {
  const parts = repository.split("/");
  if (hasRegistryHost(repository) && !HOST.test(parts.shift())) return false;
  return parts.length > 0 && parts.every((p) => PATH_COMPONENT.test(p)) && repository.length <= 255;
}
var DIGEST = /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
function isValidDigest(digest) {
  return DIGEST.test(digest);
}
function validateTarget(t, what = t.repository) {
  if (!isValidRepository(t.repository)) {
    throw new OffmainError(
      `${what}: "${t.repository}" is not an image repository (expected e.g. ghcr.io/acme/mastodon, lower case, no tag)`
    );
  }
  if (!isValidOciTag(t.tag)) {
    throw new OffmainError(`${what}: "${t.tag}" is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`);
  }
  if (t.digest !== void 0 && !isValidDigest(t.digest)) {
    throw new OffmainError(`${what}: "${t.digest}" is not an image digest (expected sha256: and 64 lower-case hex digits)`);
  }
}

// src/tags.ts
var TAG_PLACEHOLDERS = [
  "version",
  "display",
  "declared",
  "major",
  "minor",
  "patch",
  "sha7",
  "sha",
  "commit_time",
  "branch"
];
function sortableTime(iso2) {
  const t = Date.parse(iso2);
  if (!Number.isFinite(t)) {
    throw new OffmainError(`commit time "${iso2}" is not an ISO 8601 date (e.g. 2026-08-21T14:03:11Z)`);
  }
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, "").replace(/[-:T]/g, "");
}
function tagSafe(text) {
  return text.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[.-]+/, "");
}
function values(ctx) {
  return {
    version: ctx.version,
    display: ctx.version,
    declared: ctx.declared,
    major: String(ctx.major),
    minor: String(ctx.minor),
    patch: String(ctx.patch),
    sha7: ctx.sha.slice(0, 7),
    sha: ctx.sha,
    commit_time: sortableTime(ctx.commitTime),
    branch: tagSafe(ctx.branch)
  };
}
function renderTag(template, ctx) {
  const v = values(ctx);
  const t = template.trim();
  const out = t.replace(/\{([^{}]*)\}/g, (_all, name) => {
    const key = name.trim();
    if (!(key in v)) {
      throw new OffmainError(
        `tag template "${t}": unknown placeholder {${name}}; use ${TAG_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}`
      );
    }
    return v[key];
  });
  if (/[{}]/.test(out)) throw new OffmainError(`tag template "${t}": unbalanced { or }`);
  if (!isValidOciTag(out)) {
    throw new OffmainError(
      `tag template "${t}" gives "${out}", which is not a valid image tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`
    );
  }
  return out;
}
function renderTags(templates, ctx) {
  const out = [];
  for (const t of templates) {
    if (!t.trim()) continue;
    const tag = renderTag(t, ctx);
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}
function defaultTagTemplates(track2) {
  return track2 === "main" ? ["edge"] : ["latest", "v{major}.{minor}"];
}

// src/upstream.ts
var import_promises2 = require("node:fs/promises");
var import_node_path2 = __toESM(require("node:path"), 1);
var import_semver2 = __toESM(require_semver2(), 1);

// src/git.ts
var import_node_child_process = require("node:child_process");
function authEnv(token2) {
  if (!token2) return {};
  const basic = Buffer.from(`x-access-token:${token2}`).toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.extraheader",
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`
  };
}
function git(args, opts = {}) {
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_ASKPASS: "echo",
    SSH_ASKPASS: "echo",
    GCM_INTERACTIVE: "never",
    LC_ALL: "C",
    ...authEnv(opts.token),
    ...opts.env
  };
  return new Promise((resolve8, reject) => {
    const child = (0, import_node_child_process.execFile)(
      "git",
      args,
      { cwd: opts.cwd, env, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        const code = error ? typeof error.code === "number" ? error.code : 1 : 0;
        if (error && error.code === "ENOENT") {
          reject(new OffmainError("git was not found on PATH: install git (2.25 or newer) and run again"));
          return;
        }
        const result = { code, stdout, stderr };
        if (code !== 0 && !opts.allowFailure) {
          reject(new GitError(args, result));
          return;
        }
        resolve8(result);
      }
    );
    if (opts.input !== void 0) child.stdin?.end(opts.input);
  });
}
var GitError = class extends OffmainError {
  constructor(args, result) {
    const last = result.stderr.trim().split("\n").filter(Boolean).pop() ?? `exit code ${result.code}`;
    super(`git ${args[0]} failed: ${last}`);
    this.args = args;
    this.result = result;
    this.name = "GitError";
  }
  args;
  result;
};

// src/upstream.ts
var DEFAULT_REPOSITORY = "https://github.com/mastodon/mastodon.git";
function parseLsRemote(output) {
  const refs = [];
  for (const line of output.split("\n")) {
    const m = /^([0-9a-f]{40}|[0-9a-f]{64})\t(\S+)\s*$/.exec(line.trim());
    if (m) refs.push({ sha: m[1], ref: m[2] });
  }
  return refs;
}
var STABLE_TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
var STABLE_BRANCH = /^stable-(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
function parseStableTag(name) {
  if (!STABLE_TAG.test(name)) return void 0;
  return import_semver2.default.parse(name.slice(1)) ?? void 0;
}
function stableTags(refs) {
  const list = typeof refs === "string" ? parseLsRemote(refs) : refs;
  const direct = /* @__PURE__ */ new Map();
  const peeled = /* @__PURE__ */ new Map();
  for (const { sha, ref } of list) {
    if (!ref.startsWith("refs/tags/")) continue;
    const name = ref.slice("refs/tags/".length);
    if (name.endsWith("^{}")) peeled.set(name.slice(0, -3), sha);
    else direct.set(name, sha);
  }
  const tags = [];
  for (const name of /* @__PURE__ */ new Set([...direct.keys(), ...peeled.keys()])) {
    const version = parseStableTag(name);
    const sha = peeled.get(name) ?? direct.get(name);
    if (version && sha) tags.push({ tag: name, sha, version });
  }
  return tags.sort((a, b) => import_semver2.default.rcompare(a.version, b.version));
}
function stableBranches(refs) {
  const names = [];
  for (const { ref } of refs) {
    if (!ref.startsWith("refs/heads/")) continue;
    const name = ref.slice("refs/heads/".length);
    const m = STABLE_BRANCH.exec(name);
    if (m) names.push({ name, major: Number(m[1]), minor: Number(m[2]) });
  }
  return names.sort((a, b) => b.major - a.major || b.minor - a.minor).map((b) => b.name);
}
function parseStableBranch(name) {
  const m = STABLE_BRANCH.exec(name);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : void 0;
}
function normalizeCommit(commit) {
  const c = commit.trim();
  if (!/^[0-9a-fA-F]{7,40}$/.test(c)) {
    throw new OffmainError(
      `commit "${c}" is not a valid sha: pass 7 to 40 hexadecimal characters (the full 40-character sha is safest)`
    );
  }
  return c.toLowerCase();
}
function isValidBranchName(name) {
  return /^[A-Za-z0-9._/-]+$/.test(name) && !name.startsWith("-") && !name.startsWith("/") && !name.endsWith("/") && !name.endsWith(".") && !name.endsWith(".lock") && !name.includes("..") && !name.includes("//") && !name.split("/").some((part) => part.startsWith("."));
}
var SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
var SSH_SCHEMES = /* @__PURE__ */ new Set(["ssh", "git+ssh", "ssh+git"]);
function redactUrl(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i, (all, scheme, userinfo) => {
    const s = scheme.slice(0, -3).toLowerCase();
    if (SSH_SCHEMES.has(s) && !userinfo.includes(":")) return all;
    return scheme;
  });
}
function redactText(text, secrets = []) {
  let out = text.replace(
    /([a-z][a-z0-9+.-]*:\/\/)[^/\s@'"]*@/gi,
    (all, scheme) => /^(ssh|git\+ssh|ssh\+git):\/\/$/i.test(scheme) && !all.slice(scheme.length).includes(":") ? all : scheme
  );
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join("***");
  return out;
}
function splitCredentials(url) {
  const m = /^(https?:\/\/)([^/?#]*)@(.*)$/i.exec(url);
  if (!m) return { url };
  const [user = "", pass] = m[2].split(/:(.*)/s);
  const decode = (s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return { url: m[1] + m[3], username: decode(user), password: pass === void 0 ? void 0 : decode(pass) };
}
function isLocalPath(repository) {
  if (SCHEME.test(repository)) return false;
  const colon = repository.indexOf(":");
  const slash = repository.indexOf("/");
  if (colon > 0 && (slash < 0 || colon < slash) && !/^[A-Za-z]:[\\/]/.test(repository)) return false;
  return true;
}
function githubRepoSlug(repository) {
  const m = /^(?:(?:https?|git|ssh|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?(?:www\.)?github\.com(?::\d+)?\/|(?:[^@/:]+@)?github\.com:\/?)([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/i.exec(
    repository.trim()
  );
  if (!m) return void 0;
  const name = m[2];
  if (name === "." || name === "..") return void 0;
  return `${m[1]}/${name}`;
}
function commitUrl(repository, sha) {
  const slug = githubRepoSlug(repository);
  return slug ? `https://github.com/${slug}/commit/${sha}` : void 0;
}
function compareUrl(repository, fromSha, toSha) {
  const slug = githubRepoSlug(repository);
  return slug ? `https://github.com/${slug}/compare/${fromSha}...${toSha}` : void 0;
}
function isoUtc(unixSeconds) {
  return new Date(unixSeconds * 1e3).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function sameRepository2(a, b) {
  const norm = (s) => s.trim().replace(/\/+$/, "").replace(/\.git$/, "").replace(/\/+$/, "");
  return norm(a) === norm(b);
}
var DEEPEN_STEPS = [100, 1e3, 1e4];
var WANTED_REF = "refs/offmain/wanted";
function remoteFor(repository, token2) {
  if (repository.startsWith("-")) {
    throw new OffmainError(`repository "${redactUrl(repository)}" is not a git URL or path: pass an https, ssh or file URL`);
  }
  const display = redactUrl(repository);
  const secrets = token2 ? [token2] : [];
  if (isLocalPath(repository)) {
    const abs = import_node_path2.default.resolve(repository);
    return { fetchUrl: abs, display, identity: abs, secrets };
  }
  const cred = splitCredentials(repository);
  if (cred.password !== void 0) secrets.push(cred.password);
  if (cred.username) secrets.push(cred.username);
  const remote = { fetchUrl: cred.url, display, identity: display, secrets };
  if (token2) {
    remote.token = token2;
  } else if (cred.username !== void 0 && (cred.username || cred.password)) {
    const basic = Buffer.from(`${cred.username}:${cred.password ?? ""}`).toString("base64");
    remote.env = {
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "http.extraheader",
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`
    };
  }
  return remote;
}
function gitReason(r, remote) {
  const lines = r.stderr.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("hint:") && !/^warning: (filtering not recognized|This repository uses promisor)/.test(l));
  const line = lines.find((l) => l.startsWith("fatal:")) ?? lines.pop() ?? `exit code ${r.code}`;
  return redactText(line.replace(/^(fatal|error): /, ""), remote.secrets);
}
function unreachable(remote, r) {
  return new OffmainError(
    `cannot read the git repository ${remote.display} (${gitReason(r, remote)}): check the repository URL, and the token if it is private`
  );
}
var Checkout = class {
  constructor(dir, remote) {
    this.dir = dir;
    this.remote = remote;
  }
  dir;
  remote;
  run(args, allowFailure = false) {
    return git(args, { cwd: this.dir, token: this.remote.token, env: this.remote.env, allowFailure });
  }
  /** `git fetch` from origin; a failure is reported as the repository being unreadable unless `allowFailure`. */
  async fetch(args, allowFailure = false) {
    const r = await this.run(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", ...args], true);
    if (r.code !== 0 && !allowFailure) throw unreachable(this.remote, r);
    return r;
  }
  async isShallow() {
    return (await this.run(["rev-parse", "--is-shallow-repository"])).stdout.trim() === "true";
  }
  /** The commit for a full sha or unique prefix, looking only at local objects (never a lazy fetch). */
  async locate(commit) {
    if (commit.length === 40) {
      const r2 = await this.run(["rev-list", "--missing=print", "--no-walk", commit], true);
      if (r2.code !== 0) return void 0;
      const type = await this.run(["cat-file", "-t", commit], true);
      return type.stdout.trim() === "commit" ? commit : void 0;
    }
    const r = await this.run(["rev-parse", "--verify", "--end-of-options", `${commit}^{commit}`], true);
    if (r.code === 0) return r.stdout.trim();
    if (/ambiguous/i.test(r.stderr)) {
      throw new OffmainError(
        `commit ${commit} is ambiguous in ${this.remote.display}: pass more characters, or the full 40-character sha`
      );
    }
    return void 0;
  }
  async isAncestor(sha, ref) {
    const r = await this.run(["merge-base", "--is-ancestor", sha, ref], true);
    return r.code === 0;
  }
  /**
   * Fetches `branches` blobless, deeper and deeper, until `commit` is found on one of them or the
   * whole history is there. Returns the commit's full sha if it is present at all, and the branch.
   */
  async findOnBranches(branches, commit) {
    const refspecs = branches.map((b) => `+refs/heads/${b}:refs/remotes/origin/${b}`);
    const hadHistory = (await this.run(["rev-parse", "--verify", "--quiet", "HEAD"], true)).code === 0;
    const complete = hadHistory && !await this.isShallow();
    if (commit.length === 40) {
      await this.fetch(["--depth=1", "--filter=blob:none", "origin", `+${commit}:${WANTED_REF}`], true);
    }
    let sha = await this.locate(commit);
    const steps = complete ? ["all"] : [...DEEPEN_STEPS, "all"];
    for (const step of steps) {
      const args = ["--filter=blob:none"];
      if (step !== "all") args.push(`--depth=${step}`);
      else if (await this.isShallow()) args.push("--unshallow");
      await this.fetch([...args, "origin", ...refspecs]);
      const found = await this.locate(commit);
      if (found) {
        sha = found;
        for (const b of branches) if (await this.isAncestor(found, `refs/remotes/origin/${b}`)) return { sha, branch: b };
      }
      if (!await this.isShallow()) break;
    }
    return { sha };
  }
  async checkout(sha) {
    const r = await this.run(["-c", "advice.detachedHead=false", "checkout", "--quiet", "--force", "--detach", sha, "--"], true);
    if (r.code !== 0) throw unreachable(this.remote, r);
    await this.run(["clean", "-q", "-ffdx"]);
  }
  async committerDate(sha) {
    const r = await this.run(["show", "-s", "--format=%ct", sha]);
    return isoUtc(Number(r.stdout.trim()));
  }
};
async function inspectPath(dir, remote) {
  let st;
  try {
    st = await (0, import_promises2.stat)(dir);
  } catch (e) {
    if (e.code === "ENOENT") return "create";
    throw e;
  }
  if (!st.isDirectory()) {
    throw new OffmainError(`path ${dir} is not a directory: choose an empty or new directory for the upstream tree`);
  }
  const entries = await (0, import_promises2.readdir)(dir);
  if (entries.length === 0) return "init";
  let recorded;
  if (entries.includes(".git")) {
    const r = await git(["config", "--file", import_node_path2.default.join(dir, ".git", "config"), "--get", "offmain.repository"], {
      allowFailure: true
    });
    if (r.code === 0 && r.stdout.trim()) recorded = r.stdout.trim();
  }
  if (recorded === void 0) {
    throw new OffmainError(
      `path ${dir} is not empty and is not an offmain checkout: choose an empty or new directory for the upstream tree`
    );
  }
  if (!sameRepository2(recorded, remote.identity)) {
    throw new OffmainError(
      `path ${dir} holds a checkout of ${redactUrl(recorded)}, not ${remote.display}: choose another path, or empty it`
    );
  }
  return "reuse";
}
async function preparePath(dir, state, remote) {
  if (state === "create") await (0, import_promises2.mkdir)(dir, { recursive: true });
  const co = new Checkout(dir, remote);
  if (state !== "reuse") {
    await co.run(["init", "--quiet"]);
    await co.run(["config", "offmain.repository", remote.identity]);
    await co.run(["remote", "add", "origin", remote.fetchUrl]);
  } else {
    await co.run(["remote", "set-url", "origin", remote.fetchUrl]);
  }
  await co.run(["config", "remote.origin.tagOpt", "--no-tags"]);
  return co;
}
async function lsRemote(remote) {
  const r = await git(["ls-remote", "--heads", "--tags", "--", remote.fetchUrl], {
    token: remote.token,
    env: remote.env,
    allowFailure: true
  });
  if (r.code !== 0) throw unreachable(remote, r);
  return parseLsRemote(r.stdout);
}
async function resolveUpstream(opts) {
  const repository = opts.repository?.trim() || DEFAULT_REPOSITORY;
  const track2 = opts.track ?? "main";
  if (track2 !== "main" && track2 !== "release") {
    throw new OffmainError(`track "${String(track2)}" is not known: use "main" or "release"`);
  }
  const refGiven = Boolean(opts.ref?.trim());
  const ref = opts.ref?.trim() || "main";
  if (!isValidBranchName(ref)) throw new OffmainError(`ref "${ref}" is not a valid branch name: pass a branch such as main`);
  const commit = opts.commit?.trim() ? normalizeCommit(opts.commit) : void 0;
  const remote = remoteFor(repository, opts.token);
  const dir = import_node_path2.default.resolve(opts.path);
  const state = await inspectPath(dir, remote);
  const refs = await lsRemote(remote);
  const heads = new Map(refs.filter((r) => r.ref.startsWith("refs/heads/")).map((r) => [r.ref.slice(11), r.sha]));
  const tags = stableTags(refs);
  const tagFor = (sha2) => tags.find((t) => t.sha === sha2)?.tag;
  const branchMissing = (b) => new OffmainError(`branch ${b} was not found in ${remote.display}: check the ref setting (and the repository URL)`);
  let sha;
  let resultRef;
  let tag;
  let co;
  if (track2 === "main") {
    if (!heads.has(ref)) throw branchMissing(ref);
    co = await preparePath(dir, state, remote);
    const tracking = `refs/remotes/origin/${ref}`;
    if (!commit) {
      await co.fetch(["--depth=1", "origin", `+refs/heads/${ref}:${tracking}`]);
      sha = (await co.run(["rev-parse", "--verify", `${tracking}^{commit}`])).stdout.trim();
    } else {
      const found = await co.findOnBranches([ref], commit);
      if (!found.branch || !found.sha) throw notOn(commit, found.sha, [ref], remote, tagFor);
      sha = found.sha;
    }
    resultRef = ref;
    tag = tagFor(sha);
  } else {
    const stable = stableBranches(refs);
    const branchOf = (t) => {
      const b = `stable-${t.version.major}.${t.version.minor}`;
      return heads.has(b) ? b : t.tag;
    };
    if (!commit) {
      const series = parseStableBranch(ref);
      if (series && !heads.has(ref)) throw branchMissing(ref);
      const newest = tags.find((t) => !series || t.version.major === series.major && t.version.minor === series.minor);
      if (!newest) {
        throw new OffmainError(
          `no stable release tag (vX.Y.Z)${series ? ` for ${ref}` : ""} was found in ${remote.display}: use track main, or check the repository`
        );
      }
      co = await preparePath(dir, state, remote);
      await co.fetch(["--depth=1", "origin", `+refs/tags/${newest.tag}:refs/tags/${newest.tag}`]);
      sha = (await co.run(["rev-parse", "--verify", `refs/tags/${newest.tag}^{commit}`])).stdout.trim();
      tag = newest.tag;
      resultRef = branchOf(newest);
    } else {
      if (refGiven && !heads.has(ref)) throw branchMissing(ref);
      const matching = tags.filter((t) => t.sha.startsWith(commit));
      const shas = new Set(matching.map((t) => t.sha));
      if (shas.size > 1) {
        throw new OffmainError(`commit ${commit} is ambiguous in ${remote.display}: pass the full 40-character sha`);
      }
      co = await preparePath(dir, state, remote);
      const release = matching[0];
      if (release) {
        await co.fetch(["--depth=1", "origin", `+refs/tags/${release.tag}:refs/tags/${release.tag}`]);
        sha = release.sha;
        tag = release.tag;
        resultRef = branchOf(release);
      } else {
        const branches = [...stable, ...heads.has(ref) && !stable.includes(ref) ? [ref] : []];
        if (branches.length === 0) throw branchMissing(ref);
        const found = await co.findOnBranches(branches, commit);
        if (!found.branch || !found.sha) throw notOn(commit, found.sha, branches, remote, tagFor);
        sha = found.sha;
        resultRef = found.branch;
        tag = tagFor(sha);
      }
    }
  }
  await co.checkout(sha);
  return {
    repository: redactUrl(repository),
    track: track2,
    ref: resultRef,
    ...tag ? { tag } : {},
    sha,
    shortSha: sha.slice(0, 7),
    date: await co.committerDate(sha),
    path: dir,
    ...commitUrl(repository, sha) ? { webUrl: commitUrl(repository, sha) } : {}
  };
}
function notOn(commit, existing, branches, remote, tagFor) {
  const short = (existing ?? commit).slice(0, 7);
  if (!existing) {
    const given = commit.length < 40 ? commit : short;
    return new OffmainError(
      `commit ${given} was not found in ${remote.display}: check the sha, or pass the full 40-character sha`
    );
  }
  const where = branches.length === 1 ? branches[0] : `${branches.slice(0, -1).join(", ")} or ${branches.at(-1)}`;
  const tag = tagFor(existing);
  const why = tag ? `it is release ${tag}; set track to release to build releases` : "it is probably from a fork, an unmerged pull request or another branch; pass a commit from that branch, or set ref/track";
  return new OffmainError(`commit ${short} exists but is not on ${where} of ${remote.display}: ${why}`);
}

// src/buildplan.ts
var DEFAULT_PLATFORMS = ["linux/amd64", "linux/arm64"];
var DOCKERFILES = {
  mastodon: "Dockerfile",
  "mastodon-streaming": "streaming/Dockerfile"
};
var LABEL = {
  source: "org.opencontainers.image.source",
  revision: "org.opencontainers.image.revision",
  version: "org.opencontainers.image.version",
  created: "org.opencontainers.image.created",
  title: "org.opencontainers.image.title",
  description: "org.opencontainers.image.description",
  licenses: "org.opencontainers.image.licenses",
  url: "org.opencontainers.image.url",
  patches: "offmain.patches",
  patchesDigest: "offmain.patches.digest"
};
var MASTODON_LICENSE = "AGPL-3.0";
function dockerfileArgs(text) {
  const escape = /^#\s*escape\s*=\s*`/im.test(text.split(/\n(?!\s*#)/)[0] ?? "") ? "`" : "\\";
  const logical = [];
  let current = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    if (current && /^\s*#/.test(line)) continue;
    if (line.endsWith(escape)) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = "";
  }
  if (current) logical.push(current);
  const args = /* @__PURE__ */ new Map();
  for (const line of logical) {
    const m = /^\s*ARG\s+(.+)$/i.exec(line);
    if (!m) continue;
    for (const tok of m[1].match(/(?:[^\s"']+|"(?:[^"\\]|\\.)*"|'[^']*')+/g) ?? []) {
      const eq = tok.indexOf("=");
      const name = eq < 0 ? tok : tok.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      const value = eq < 0 ? void 0 : tok.slice(eq + 1).replace(/^"(.*)"$/s, "$1").replace(/^'(.*)'$/s, "$1");
      if (!args.has(name) || args.get(name) === void 0 && value !== void 0) args.set(name, value);
    }
  }
  return args;
}
var ARCHES = {
  amd64: ["v1", "v2", "v3", "v4"],
  arm64: ["v8"],
  arm: ["v5", "v6", "v7"],
  "386": [],
  ppc64le: [],
  s390x: [],
  riscv64: [],
  mips64le: [],
  loong64: []
};
function parsePlatforms(input) {
  const items = (typeof input === "string" ? input.split(/[\s,]+/) : [...input ?? []]).map((p) => p.trim()).filter(Boolean);
  const list = items.length ? items : [...DEFAULT_PLATFORMS];
  const out = [];
  for (const p of list) {
    const [os, arch, variant, ...rest] = p.split("/");
    const variants = arch !== void 0 ? ARCHES[arch] : void 0;
    if (os !== "linux" || !variants || rest.length > 0 || variant !== void 0 && !variants.includes(variant)) {
      throw new OffmainError(
        `platform "${p}" is not one offmain builds: expected linux/ARCH[/VARIANT] with ARCH one of ${Object.keys(ARCHES).join(", ")} (e.g. linux/amd64,linux/arm64)`
      );
    }
    if (!out.includes(p)) out.push(p);
  }
  return out;
}
function platformSlug(platform) {
  return platform.replace(/\//g, "-");
}
function validateImageName(name, what = "image") {
  const n = name.trim();
  const ref = parseImageRef(n);
  if (ref.tag !== void 0 || ref.digest !== void 0) {
    throw new OffmainError(
      `${what} "${n}" carries a ${ref.digest ? "digest" : "tag"}: give the repository only (e.g. ghcr.io/owner/mastodon); tags come from the tags input`
    );
  }
  const parts = n.split("/");
  const first = parts[0] ?? "";
  const hasHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasHost && !isValidRepository(`${first}/x`)) {
    throw new OffmainError(
      `${what} "${n}": "${first}" is not a registry host (expected e.g. ghcr.io, docker.io or localhost:5000)`
    );
  }
  if (n !== n.toLowerCase() && isValidRepository(n.toLowerCase())) {
    const path5 = hasHost ? parts.slice(1).join("/") : n;
    if (path5 !== path5.toLowerCase()) {
      throw new OffmainError(
        `${what} "${n}" has capital letters: image repositories must be lower case (e.g. "${hasHost ? `${first}/` : ""}${path5.toLowerCase()}")`
      );
    }
  }
  if (!isValidRepository(n)) {
    throw new OffmainError(
      `${what} "${n}" is not an image repository: expected [REGISTRY/]PATH with lower-case letters, digits and . _ - separators (e.g. ghcr.io/owner/mastodon)`
    );
  }
  return n;
}
function streamingName(repository) {
  return `${repository}-streaming`;
}
function unique(names) {
  const out = [];
  for (const n of names) if (!out.some((o) => sameRepository(o, n))) out.push(n);
  return out;
}
function parseBuildArgs(input) {
  if (!input) return {};
  if (!Array.isArray(input)) return { ...input };
  const out = {};
  for (const line of input) {
    const l = line.trim();
    if (!l || l.startsWith("#")) continue;
    const eq = l.indexOf("=");
    const key = eq < 0 ? "" : l.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      throw new OffmainError(`build argument "${l}" is not KEY=VALUE (e.g. RUBY_YJIT_ENABLE=1)`);
    }
    out[key] = l.slice(eq + 1);
  }
  return out;
}
function sourceUrl(repository) {
  const slug = githubRepoSlug(repository);
  if (slug) return `https://github.com/${slug}`;
  return redactUrl(repository.trim()).replace(/\.git\/?$/, "").replace(/\/$/, "");
}
async function readBuildTree(dir) {
  const read = async (p) => (0, import_node_fs.existsSync)((0, import_node_path3.join)(dir, p)) ? (0, import_promises3.readFile)((0, import_node_path3.join)(dir, p), "utf8") : void 0;
  return { dockerfile: await read(DOCKERFILES.mastodon), streamingDockerfile: await read(DOCKERFILES["mastodon-streaming"]) };
}
function argsFor(declared, input) {
  const sha = input.commit;
  const wanted = {};
  wanted.MASTODON_VERSION_METADATA = sha.slice(0, 7);
  if (input.version.declared.shape === "env-suffix") wanted.MASTODON_VERSION_SUFFIX = `+${sha.slice(0, 7)}`;
  wanted.SOURCE_COMMIT = sha;
  const asked = { ...input.buildArgs ?? {} };
  if (input.prerelease !== void 0) asked.MASTODON_VERSION_PRERELEASE = input.prerelease;
  const args = {};
  const skipped = [];
  for (const [k, v] of Object.entries(wanted)) if (declared.has(k)) args[k] = v;
  for (const [k, v] of Object.entries(asked)) {
    if (declared.has(k)) args[k] = v;
    else skipped.push(k);
  }
  return { args, skipped };
}
function planBuild(input, files) {
  const sha = input.commit.trim().toLowerCase();
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) {
    throw new OffmainError(`commit "${input.commit}" is not a full sha: pass all 40 hexadecimal characters of the upstream commit`);
  }
  if (files.dockerfile === void 0) {
    throw new OffmainError(
      `${input.dir}: no Dockerfile at the tree root, so there is no mastodon image to build; point dir at a patched Mastodon checkout (the patch step's path output)`,
      { file: "Dockerfile" }
    );
  }
  if (!isValidOciTag(input.version.imageTag)) {
    throw new OffmainError(`image tag "${input.version.imageTag}" is not a valid OCI tag`);
  }
  const platforms = parsePlatforms(input.platforms);
  const track2 = input.track ?? "main";
  const declared = input.version.declared;
  const branch = input.branch?.trim() || (track2 === "main" ? "main" : `stable-${declared.major}.${declared.minor}`);
  const warnings = [];
  if (input.images.length === 0) {
    throw new OffmainError("no image name given: pass at least one repository for the mastodon image (e.g. ghcr.io/owner/mastodon)");
  }
  const images = unique(input.images.map((n) => validateImageName(n, "image")));
  const streamingGiven = (input.streamingImages ?? []).filter((n) => n.trim());
  const streamingImages = unique(
    streamingGiven.length ? streamingGiven.map((n) => validateImageName(n, "streaming image")) : images.map(streamingName)
  );
  for (const s of streamingImages) {
    if (images.some((i) => sameRepository(i, s))) {
      throw new OffmainError(`streaming image "${s}" is also a mastodon image name: give the streaming image its own repository`);
    }
  }
  const ctx = {
    version: input.version.imageTag,
    declared: declared.text,
    major: declared.major,
    minor: declared.minor,
    patch: declared.patch,
    sha,
    commitTime: input.commitTime,
    branch
  };
  const tags = renderTags([input.version.imageTag, ...input.tags ?? defaultTagTemplates(track2)], ctx);
  const created = new Date(Date.parse(input.commitTime)).toISOString().replace(/\.\d{3}Z$/, "Z");
  const source = sourceUrl(input.upstream ?? DEFAULT_REPOSITORY);
  const patches = [...new Set(input.patches ?? [])];
  const plans = [];
  const entries = [
    ["mastodon", files.dockerfile, images],
    ["mastodon-streaming", files.streamingDockerfile, streamingImages]
  ];
  for (const [key, text, repositories] of entries) {
    if (text === void 0) {
      if (key === "mastodon-streaming" && streamingGiven.length) {
        warnings.push(`streaming images were given but ${DOCKERFILES[key]} does not exist (Mastodon has a separate streaming image from v4.3 on): not built`);
      }
      continue;
    }
    const { args, skipped } = argsFor(dockerfileArgs(text), input);
    for (const k of skipped) {
      warnings.push(`build argument ${k} is not declared by ${DOCKERFILES[key]}: not passed to the ${key} image`);
    }
    const labels = {
      [LABEL.source]: source,
      [LABEL.url]: source,
      [LABEL.revision]: sha,
      [LABEL.version]: input.version.display,
      [LABEL.created]: created,
      [LABEL.title]: key,
      [LABEL.description]: key === "mastodon" ? `Mastodon ${input.version.display} (web and Sidekiq), built by offmain from ${source} at ${sha.slice(0, 7)}` : `Mastodon ${input.version.display} streaming server, built by offmain from ${source} at ${sha.slice(0, 7)}`,
      [LABEL.licenses]: MASTODON_LICENSE,
      [LABEL.patches]: patches.join(","),
      ...input.patchesDigest ? { [LABEL.patchesDigest]: input.patchesDigest } : {}
    };
    plans.push({
      key,
      dockerfile: DOCKERFILES[key],
      context: ".",
      repositories,
      tags,
      refs: repositories.flatMap((r) => tags.map((t) => `${r}:${t}`)),
      buildArgs: args,
      skippedArgs: skipped,
      labels,
      annotations: { ...labels }
    });
  }
  return {
    commit: sha,
    shortSha: sha.slice(0, 7),
    commitTime: created,
    version: input.version.display,
    imageTag: input.version.imageTag,
    track: track2,
    branch,
    source,
    platforms,
    tags,
    patches,
    images: plans,
    warnings
  };
}
function appliedPatchIds(report) {
  return (report?.patches ?? []).filter((p) => p.status === "applied" || p.status === "already-applied").map((p) => p.id);
}

// src/buildx.ts
var import_node_child_process2 = require("node:child_process");
var import_node_fs2 = require("node:fs");
var BUILD_MODES = ["all", "platform", "merge"];
var CACHE_MODES = ["gha", "registry", "none"];
function hasIndex(s) {
  return s.platforms.length > 1 || s.provenance || s.sbom !== false;
}
function csvField(field) {
  return /[",]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
function ghaCacheAvailable(env = process.env) {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL));
}
function cacheArgs(image, s) {
  const suffix = s.mode === "platform" ? `-${platformSlug(s.platforms[0])}` : "";
  if (s.cache === "gha") {
    const scope = `${image.key}-${s.platforms.map(platformSlug).join("_")}`;
    return ["--cache-from", `type=gha,scope=${scope}`, ...s.push ? ["--cache-to", `type=gha,scope=${scope},mode=max`] : []];
  }
  if (s.cache === "registry") {
    const ref = `${image.repositories[0]}:buildcache${suffix}`;
    return [
      "--cache-from",
      `type=registry,ref=${ref}`,
      ...s.push ? ["--cache-to", `type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true`] : []
    ];
  }
  return [];
}
function buildxBuildArgs(image, s) {
  const args = ["buildx", "build"];
  if (s.builder) args.push("--builder", s.builder);
  args.push("--progress", "plain", "--file", `${s.dir}/${image.dockerfile}`, "--platform", s.platforms.join(","));
  for (const [k, v] of Object.entries(image.buildArgs)) args.push("--build-arg", `${k}=${v}`);
  for (const [k, v] of Object.entries(image.labels)) args.push("--label", `${k}=${v}`);
  const index = hasIndex(s);
  for (const [k, v] of Object.entries(image.annotations)) {
    args.push("--annotation", `manifest:${k}=${v}`);
    if (index) args.push("--annotation", `index:${k}=${v}`);
  }
  args.push("--provenance", s.provenance ? "mode=max" : "false");
  args.push("--sbom", s.sbom === false ? "false" : s.sbom === true ? "true" : `generator=${s.sbom}`);
  args.push(...cacheArgs(image, s));
  if (s.mode === "all") {
    for (const ref of image.refs) args.push("--tag", ref);
    args.push("--output", s.push ? "type=image,push=true,oci-mediatypes=true" : "type=image,push=false");
  } else if (s.push && s.digestPush === "native") {
    args.push(
      "--output",
      ["type=image", csvField(`name=${image.repositories.join(",")}`), "push-by-digest=true", "name-canonical=true", "oci-mediatypes=true", "push=true"].join(",")
    );
  } else {
    if (!s.ociLayoutDir) throw new Error("buildxBuildArgs: ociLayoutDir is required in platform mode without native push-by-digest");
    args.push("--output", `type=oci,dest=${s.ociLayoutDir},tar=false,oci-mediatypes=true`);
  }
  args.push("--metadata-file", s.metadataFile, s.dir);
  return args;
}
function imagetoolsCreateArgs(opts) {
  const args = ["buildx", "imagetools", "create"];
  if (opts.builder) args.push("--builder", opts.builder);
  for (const [k, v] of Object.entries(opts.annotations)) args.push("--annotation", `index:${k}=${v}`);
  for (const t of opts.tags) args.push("--tag", `${opts.repository}:${t}`);
  args.push(...opts.sources);
  return args;
}
function docker(args, opts = {}) {
  return new Promise((resolve8, reject) => {
    const child = (0, import_node_child_process2.spawn)("docker", args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    let partial = "";
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => {
      err.push(b);
      if (opts.stream && opts.log) {
        const text = partial + b.toString("utf8");
        const lines = text.split("\n");
        partial = lines.pop() ?? "";
        for (const l of lines) if (l.trim()) opts.log.info(l);
      }
    });
    child.on("error", (e) => {
      if (e.code === "ENOENT") {
        reject(new OffmainError("docker was not found on PATH: install Docker with the buildx plugin (on GitHub: docker/setup-buildx-action)"));
      } else reject(e);
    });
    child.on("close", (code) => {
      if (opts.stream && opts.log && partial.trim()) opts.log.info(partial);
      resolve8({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}
function buildxError(stderr) {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  const error = [...lines].reverse().find((l) => /^(ERROR|error)\b:?/.test(l));
  return (error ?? lines[lines.length - 1] ?? "no output").replace(/^ERROR:\s*/, "");
}
async function builderDriver(builder, opts = {}) {
  const r = await docker(["buildx", "inspect", ...builder ? [builder] : []], opts);
  if (r.code !== 0) {
    if (/is not a docker command|unknown command/i.test(r.stderr)) {
      throw new OffmainError("docker buildx is not installed: install the buildx plugin (Debian: docker-buildx; on GitHub: docker/setup-buildx-action)");
    }
    throw new OffmainError(`docker buildx inspect${builder ? ` ${builder}` : ""} failed: ${buildxError(r.stderr)}`);
  }
  const m = /^Driver:\s*(\S+)/m.exec(r.stdout);
  return m?.[1] ?? "unknown";
}
function progressStats(stderr) {
  const steps = /* @__PURE__ */ new Set();
  const cached = /* @__PURE__ */ new Set();
  for (const line of stderr.split("\n")) {
    const step = /^#(\d+) \[(?:[^\]]*\s)?\d+\/\d+\]/.exec(line);
    if (step) steps.add(step[1]);
    const c = /^#(\d+) CACHED\s*$/.exec(line);
    if (c) cached.add(c[1]);
  }
  return { steps: steps.size, cached: [...cached].filter((c) => steps.has(c)).length };
}
async function runBuildxBuild(args, metadataFile, what, opts) {
  const t0 = performance.now();
  const r = await docker(args, { ...opts, stream: true });
  const seconds = (performance.now() - t0) / 1e3;
  if (r.code !== 0) {
    if (/is not a docker command|unknown command/i.test(r.stderr)) {
      throw new OffmainError("docker buildx is not installed: install the buildx plugin (Debian: docker-buildx; on GitHub: docker/setup-buildx-action)");
    }
    const error = buildxError(r.stderr);
    const hint = /docker driver/i.test(error) ? ' (the default "docker" builder cannot do this: create a docker-container builder, e.g. with docker/setup-buildx-action, and pass it as builder)' : "";
    throw new OffmainError(`docker buildx build of ${what} failed: ${error}${hint}`);
  }
  if (!(0, import_node_fs2.existsSync)(metadataFile)) throw new OffmainError(`docker buildx build of ${what} wrote no metadata file (${metadataFile}); is buildx 0.10 or newer installed?`);
  const metadata = JSON.parse((0, import_node_fs2.readFileSync)(metadataFile, "utf8"));
  const digest = metadata["containerimage.digest"];
  if (typeof digest !== "string" || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new OffmainError(`docker buildx build of ${what} reported no image digest in its metadata (containerimage.digest)`);
  }
  return { digest, metadata, seconds, ...progressStats(r.stderr) };
}

// src/registry.ts
var import_node_child_process3 = require("node:child_process");
var import_node_crypto = require("node:crypto");
var import_node_fs3 = require("node:fs");
var import_promises4 = require("node:fs/promises");
var import_node_os = require("node:os");
var import_node_path4 = require("node:path");
var import_node_stream = require("node:stream");
var MEDIA = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json"
};
var MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(", ");
function isIndexMediaType(mediaType) {
  return mediaType === MEDIA.ociIndex || mediaType === MEDIA.dockerList;
}
var DOCKER_HUB_NAMES = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);
function isLoopbackHost(host) {
  const h = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h);
}
function locate(repository) {
  const parts = repository.split("/");
  const first = parts[0] ?? "";
  const hasHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasHost ? first.toLowerCase() : "docker.io";
  let path5 = hasHost ? parts.slice(1).join("/") : repository;
  const hub = DOCKER_HUB_NAMES.has(registry);
  if (hub && !path5.includes("/")) path5 = `library/${path5}`;
  return {
    registry: hub ? "docker.io" : registry,
    apiHost: hub ? "registry-1.docker.io" : registry,
    path: path5,
    scheme: isLoopbackHost(registry) ? "http" : "https"
  };
}
function dockerConfigPath(env = process.env) {
  return (0, import_node_path4.join)(env.DOCKER_CONFIG || (0, import_node_path4.join)(env.HOME || (0, import_node_os.homedir)(), ".docker"), "config.json");
}
function authKeys(registry) {
  if (registry === "docker.io") {
    return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io", "https://registry-1.docker.io"];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}
function runHelper(helper, registry, env) {
  return new Promise((resolve8, reject) => {
    const child = (0, import_node_child_process3.execFile)(`docker-credential-${helper}`, ["get"], { env, timeout: 2e4 }, (error, stdout, stderr) => {
      if (error) {
        if (error.code === "ENOENT") {
          reject(
            new OffmainError(
              `the Docker config names the credential helper "${helper}" for ${registry}, but docker-credential-${helper} is not on PATH: install it, or log in with a config that stores credentials in auths`
            )
          );
          return;
        }
        if (/not found/i.test(`${stdout}${stderr}`)) resolve8(void 0);
        else reject(new OffmainError(`docker-credential-${helper} get failed for ${registry}: ${(stderr || stdout).trim().split("\n").pop()}`));
        return;
      }
      try {
        const r = JSON.parse(stdout);
        if (!r.Secret) return resolve8(void 0);
        resolve8(
          r.Username === "<token>" ? { identityToken: r.Secret, source: `docker-credential-${helper}` } : { username: r.Username, password: r.Secret, source: `docker-credential-${helper}` }
        );
      } catch {
        reject(new OffmainError(`docker-credential-${helper} get returned something that is not JSON for ${registry}`));
      }
    });
    child.stdin?.end(registry === "docker.io" ? "https://index.docker.io/v1/" : registry);
  });
}
async function credentialsFor(registry, env = process.env) {
  const file = dockerConfigPath(env);
  if (!(0, import_node_fs3.existsSync)(file)) return void 0;
  let config;
  try {
    config = JSON.parse(await (0, import_promises4.readFile)(file, "utf8"));
  } catch {
    throw new OffmainError(`${file} is not valid JSON: fix or remove it (it is Docker's config with the registry credentials)`);
  }
  const keys = authKeys(registry);
  for (const key of keys) {
    const helper = config.credHelpers?.[key];
    if (helper) return runHelper(helper, registry, env);
  }
  for (const key of keys) {
    const a = config.auths?.[key];
    if (!a) continue;
    if (a.identitytoken) return { identityToken: a.identitytoken, source: file };
    if (a.auth) {
      const decoded = Buffer.from(a.auth, "base64").toString("utf8");
      const sep3 = decoded.indexOf(":");
      if (sep3 < 0) throw new OffmainError(`${file}: auths["${key}"].auth is not base64 of user:password; log in again with docker login ${registry}`);
      return { username: decoded.slice(0, sep3), password: decoded.slice(sep3 + 1), source: file };
    }
    if (a.username && a.password) return { username: a.username, password: a.password, source: file };
  }
  if (config.credsStore) return runHelper(config.credsStore, registry, env);
  return void 0;
}
var RegistryError = class extends OffmainError {
  constructor(message, registry, status) {
    super(message);
    this.registry = registry;
    this.status = status;
    this.name = "RegistryError";
  }
  registry;
  status;
};
function parseChallenge(header) {
  if (!header) return void 0;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return void 0;
  const scheme = m[1].toLowerCase();
  if (scheme === "basic") return { scheme: "basic" };
  if (scheme !== "bearer") return void 0;
  const params = {};
  for (const p of m[2].matchAll(/(\w+)="([^"]*)"/g)) params[p[1].toLowerCase()] = p[2];
  if (!params.realm) return void 0;
  return { scheme: "bearer", realm: params.realm, service: params.service };
}
function sha256(bytes) {
  return `sha256:${(0, import_node_crypto.createHash)("sha256").update(bytes).digest("hex")}`;
}
var RegistryClient = class {
  env;
  timeoutMs;
  creds = /* @__PURE__ */ new Map();
  challenges = /* @__PURE__ */ new Map();
  tokens = /* @__PURE__ */ new Map();
  /** Requests made, for tests and the benchmark. */
  requests = 0;
  constructor(opts = {}) {
    this.env = opts.env ?? process.env;
    this.timeoutMs = opts.timeoutMs ?? 3e4;
  }
  credentials(registry) {
    let c = this.creds.get(registry);
    if (!c) {
      c = credentialsFor(registry, this.env);
      this.creds.set(registry, c);
    }
    return c;
  }
  async authorization(loc, scope, challenge) {
    const creds = await this.credentials(loc.registry);
    if (challenge.scheme === "basic") {
      if (!creds?.username || creds.password === void 0) return void 0;
      return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
    }
    const key = `${loc.registry} ${scope}`;
    const cached = this.tokens.get(key);
    if (cached) return cached;
    const url = new URL(challenge.realm);
    if (challenge.service) url.searchParams.set("service", challenge.service);
    url.searchParams.set("scope", scope);
    let res;
    try {
      this.requests++;
      if (creds?.identityToken) {
        const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: creds.identityToken, scope, client_id: "offmain" });
        if (challenge.service) form.set("service", challenge.service);
        res = await fetch(challenge.realm, { method: "POST", body: form, signal: AbortSignal.timeout(this.timeoutMs) });
      } else {
        const headers = {};
        if (creds?.username && creds.password !== void 0) {
          headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
        }
        res = await fetch(url, { headers, signal: AbortSignal.timeout(this.timeoutMs) });
      }
    } catch (e) {
      throw new RegistryError(`registry ${loc.registry}: its token service ${url.origin} cannot be reached (${e.message})`, loc.registry);
    }
    if (res.status === 401 || res.status === 403) {
      throw this.refused(loc, creds, res.status);
    }
    if (!res.ok) throw new RegistryError(`registry ${loc.registry}: its token service answered HTTP ${res.status}`, loc.registry, res.status);
    const body = await res.json();
    const token2 = body.token ?? body.access_token;
    if (!token2) throw new RegistryError(`registry ${loc.registry}: its token service returned no token`, loc.registry);
    const value = `Bearer ${token2}`;
    this.tokens.set(key, value);
    return value;
  }
  refused(loc, creds, status, push = false) {
    if (!creds) {
      return new RegistryError(
        `registry ${loc.registry} refused anonymous access to ${loc.path} (HTTP ${status}) and ${dockerConfigPath(this.env)} has no credentials for it: log in first (docker login ${loc.registry}, or docker/login-action)`,
        loc.registry,
        status
      );
    }
    const who = creds.username ? `user "${creds.username}"` : "the identity token";
    if (status === 403 || push) {
      return new RegistryError(
        `registry ${loc.registry} refused ${who} (from ${creds.source}) ${push ? "push access" : "access"} to ${loc.path} (HTTP ${status}): give that account write access to the repository, or log in as one that has it`,
        loc.registry,
        status
      );
    }
    return new RegistryError(
      `registry ${loc.registry} refused the credentials of ${who} (from ${creds.source}) (HTTP ${status}): log in again (docker login ${loc.registry}) with a valid password or token`,
      loc.registry,
      status
    );
  }
  /** One API request with authentication: anonymous first, then the challenge the registry answers with. */
  async request(loc, pathAndQuery, init) {
    const scope = `repository:${loc.path}:${init.push ? "pull,push" : "pull"}`;
    const url = init.absolute ?? `${loc.scheme}://${loc.apiHost}/v2/${pathAndQuery}`;
    const hostKey = loc.registry;
    const send = async (auth3) => {
      const headers = { ...init.headers ?? {} };
      if (auth3) headers.Authorization = auth3;
      this.requests++;
      const body = init.body?.();
      try {
        return await fetch(url, {
          method: init.method ?? "GET",
          headers,
          body,
          redirect: "follow",
          ...body instanceof ReadableStream ? { duplex: "half" } : {},
          signal: init.timeout === false ? void 0 : AbortSignal.timeout(this.timeoutMs)
        });
      } catch (e) {
        const cause = e.cause;
        throw new RegistryError(
          `registry ${loc.registry} cannot be reached at ${loc.scheme}://${loc.apiHost} (${cause?.code ?? cause?.message ?? e.message}): check the registry host in the image name`,
          loc.registry
        );
      }
    };
    let challenge = this.challenges.get(hostKey);
    let auth2 = challenge ? await this.authorization(loc, scope, challenge) : void 0;
    let res = await send(auth2);
    if (res.status === 401) {
      await res.body?.cancel();
      const c = parseChallenge(res.headers.get("www-authenticate"));
      if (!c) throw this.refused(loc, await this.credentials(loc.registry), 401, init.push);
      challenge = c;
      this.challenges.set(hostKey, c);
      this.tokens.delete(`${loc.registry} ${scope}`);
      auth2 = await this.authorization(loc, scope, c);
      if (!auth2 && c.scheme === "basic") throw this.refused(loc, void 0, 401, init.push);
      res = await send(auth2);
      if (res.status === 401) {
        await res.body?.cancel();
        throw this.refused(loc, await this.credentials(loc.registry), 401, init.push);
      }
    }
    if (res.status === 403) {
      await res.body?.cancel();
      throw this.refused(loc, await this.credentials(loc.registry), 403, init.push);
    }
    return res;
  }
  async failed(loc, what, res) {
    let detail = "";
    try {
      const body = await res.json();
      detail = body.errors?.map((e) => `${e.code ?? ""} ${e.message ?? ""}`.trim()).join("; ") ?? "";
    } catch {
    }
    return new RegistryError(`registry ${loc.registry}: ${what} answered HTTP ${res.status}${detail ? ` (${detail})` : ""}`, loc.registry, res.status);
  }
  /** Checks that the registry answers and accepts the credentials Docker has (GET /v2/ and a pull token). */
  async check(repository) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/tags/list?n=1`, {});
    await res.body?.cancel();
    if (res.status >= 500) throw await this.failed(loc, `listing ${loc.path}`, res);
  }
  /** A manifest or index by tag or digest, or undefined when the registry does not have it. */
  async manifest(repository, reference) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/manifests/${reference}`, { headers: { Accept: MANIFEST_ACCEPT } });
    if (res.status === 404) {
      await res.body?.cancel();
      return void 0;
    }
    if (!res.ok) throw await this.failed(loc, `GET ${loc.path}/manifests/${reference}`, res);
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = JSON.parse(bytes.toString("utf8"));
    const mediaType = json.mediaType ?? res.headers.get("content-type")?.split(";")[0] ?? "";
    return { digest: res.headers.get("docker-content-digest") ?? sha256(bytes), mediaType, bytes, json };
  }
  /** The digest of a tag (HEAD), or undefined. */
  async digest(repository, reference) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/manifests/${reference}`, { method: "HEAD", headers: { Accept: MANIFEST_ACCEPT } });
    if (res.status === 404) return void 0;
    if (!res.ok) throw new RegistryError(`registry ${loc.registry}: HEAD ${loc.path}/manifests/${reference} answered HTTP ${res.status}`, loc.registry, res.status);
    const d = res.headers.get("docker-content-digest");
    if (d) return d;
    return (await this.manifest(repository, reference))?.digest;
  }
  async tags(repository) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/tags/list`, {});
    if (res.status === 404) {
      await res.body?.cancel();
      return [];
    }
    if (!res.ok) throw await this.failed(loc, `listing the tags of ${loc.path}`, res);
    return (await res.json()).tags ?? [];
  }
  async blob(repository, digest) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/blobs/${digest}`, {});
    if (!res.ok) throw await this.failed(loc, `GET ${loc.path}/blobs/${digest}`, res);
    return Buffer.from(await res.arrayBuffer());
  }
  /** The labels of an image config blob. */
  async configLabels(repository, manifest) {
    if (!manifest.config) return {};
    const config = JSON.parse((await this.blob(repository, manifest.config.digest)).toString("utf8"));
    return config.config?.Labels ?? {};
  }
  /**
   * What a tag is: its digest, platforms (with sizes when `sizes`), annotations, attestation count and,
   * when `labels`, the config labels of its first platform. Undefined when the tag does not exist.
   */
  async describe(repository, reference, opts = {}) {
    const top = await this.manifest(repository, reference);
    if (!top) return void 0;
    const out = {
      repository,
      reference,
      digest: top.digest,
      mediaType: top.mediaType,
      annotations: top.json.annotations ?? {},
      platforms: [],
      attestations: 0
    };
    const size2 = (m) => (m.config?.size ?? 0) + (m.layers ?? []).reduce((s, l) => s + l.size, 0);
    let first;
    if (isIndexMediaType(top.mediaType)) {
      for (const d of top.json.manifests ?? []) {
        if (d.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") {
          out.attestations++;
          continue;
        }
        const p = d.platform;
        const platform = p ? [p.os, p.architecture, p.variant].filter(Boolean).join("/") : "unknown";
        const entry = { platform, digest: d.digest, annotations: d.annotations ?? {} };
        if (opts.sizes || opts.labels && !first) {
          const m = await this.manifest(repository, d.digest);
          if (m) {
            if (opts.sizes) entry.size = size2(m.json);
            entry.annotations = { ...m.json.annotations ?? {}, ...entry.annotations };
            first ??= m.json;
          }
        }
        out.platforms.push(entry);
      }
    } else {
      first = top.json;
      out.platforms.push({ platform: "unknown", digest: top.digest, annotations: top.json.annotations ?? {}, ...opts.sizes ? { size: size2(top.json) } : {} });
    }
    if (opts.labels && first) out.labels = await this.configLabels(repository, first);
    return out;
  }
  // -------------------------------------------------------------------------------------------
  // Pushing by digest
  // -------------------------------------------------------------------------------------------
  async blobExists(repository, digest, push = false) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/blobs/${digest}`, { method: "HEAD", push });
    return res.ok;
  }
  /** Uploads one blob (monolithic: POST then PUT) unless the repository has it already. */
  async uploadBlob(repository, digest, size2, body) {
    if (await this.blobExists(repository, digest, true)) return false;
    const loc = locate(repository);
    const start = await this.request(loc, `${loc.path}/blobs/uploads/`, { method: "POST", push: true, headers: { "Content-Length": "0" } });
    if (start.status !== 202) throw await this.failed(loc, `starting an upload to ${loc.path}`, start);
    await start.body?.cancel();
    const location = start.headers.get("location");
    if (!location) throw new RegistryError(`registry ${loc.registry}: an upload started without a Location`, loc.registry);
    const url = new URL(location, `${loc.scheme}://${loc.apiHost}/`);
    url.searchParams.set("digest", digest);
    const put = await this.request(loc, "", {
      method: "PUT",
      push: true,
      absolute: url.toString(),
      timeout: false,
      headers: { "Content-Type": "application/octet-stream", "Content-Length": String(size2) },
      body
    });
    if (put.status !== 201) throw await this.failed(loc, `uploading ${digest} to ${loc.path}`, put);
    await put.body?.cancel();
    return true;
  }
  async putManifest(repository, reference, mediaType, bytes) {
    const loc = locate(repository);
    const res = await this.request(loc, `${loc.path}/manifests/${reference}`, {
      method: "PUT",
      push: true,
      headers: { "Content-Type": mediaType },
      body: () => bytes
    });
    if (res.status !== 201) throw await this.failed(loc, `PUT ${loc.path}/manifests/${reference}`, res);
    await res.body?.cancel();
    return res.headers.get("docker-content-digest") ?? sha256(bytes);
  }
  /** Points more tags at a manifest the repository already has (the same bytes, so the same digest). */
  async tag(repository, digest, tags) {
    const m = await this.manifest(repository, digest);
    if (!m) throw new RegistryError(`registry ${locate(repository).registry}: ${repository}@${digest} does not exist, so it cannot be tagged`, locate(repository).registry);
    for (const t of tags) {
      const d = await this.putManifest(repository, t, m.mediaType, m.bytes);
      if (d !== digest) throw new RegistryError(`registry ${locate(repository).registry}: tagging ${repository}:${t} gave ${d}, not ${digest}`, locate(repository).registry);
    }
  }
  /**
   * Pushes what an OCI image layout holds (the manifest or index its index.json names, with every
   * manifest and blob below it) to a repository, by digest only: no tag is created. Returns the digest.
   */
  async pushOciLayout(layoutDir, repository) {
    const index = JSON.parse(await (0, import_promises4.readFile)((0, import_node_path4.join)(layoutDir, "index.json"), "utf8"));
    const root = index.manifests?.[0];
    if (!root) throw new OffmainError(`${layoutDir}/index.json names no image: the build exported nothing`);
    const blobPath = (digest) => (0, import_node_path4.join)(layoutDir, "blobs", ...digest.split(":"));
    let uploaded = 0;
    let bytes = 0;
    const pushBlob = async (d) => {
      const file = blobPath(d.digest);
      const size2 = (0, import_node_fs3.statSync)(file).size;
      const did = await this.uploadBlob(
        repository,
        d.digest,
        size2,
        () => size2 < 4 * 1024 * 1024 ? (0, import_node_fs3.readFileSync)(file) : import_node_stream.Readable.toWeb((0, import_node_fs3.createReadStream)(file))
      );
      if (did) {
        uploaded++;
        bytes += size2;
      }
    };
    const pushManifest = async (d) => {
      const raw = await (0, import_promises4.readFile)(blobPath(d.digest));
      const json = JSON.parse(raw.toString("utf8"));
      if (isIndexMediaType(d.mediaType)) {
        for (const child of json.manifests ?? []) await pushManifest(child);
      } else {
        await Promise.all([...json.config ? [json.config] : [], ...json.layers ?? []].map(pushBlob));
      }
      await this.putManifest(repository, d.digest, d.mediaType, raw);
    };
    await pushManifest(root);
    return { digest: root.digest, uploaded, bytes };
  }
};

// src/summary.ts
var STATUS_MARK = {
  applied: "\u2705 applied",
  "already-applied": "\u2705 already applied",
  "not-needed": "\u2796 not needed",
  failed: "\u274C failed"
};
function cell(text) {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
function table(header, rows) {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`)
  ].join("\n");
}
function patchSummaryMarkdown(input) {
  const u = input.upstream;
  const short = input.commit.slice(0, 7);
  const commitCell = u?.webUrl ? `[\`${short}\`](${u.webUrl})` : `\`${short}\``;
  const overview = [
    ["Upstream commit", `${commitCell}${u ? ` on ${cell(u.tag ?? u.ref)} of ${cell(u.repository)}` : ""}`],
    ...u ? [["Commit time", u.date]] : [],
    ["Version", `\`${input.version.display}\``],
    ["Image tag", `\`${input.version.imageTag}\``],
    ["Changed files", input.report.changedFiles.length ? input.report.changedFiles.map((f) => `\`${cell(f)}\``).join(", ") : "none"]
  ];
  const patches = input.results.map((p) => [
    `\`${cell(p.id)}\``,
    STATUS_MARK[p.status],
    cell(
      p.status === "failed" && p.failure ? `${p.failure.file}${p.failure.line ? `:${p.failure.line}` : ""}: expected ${p.failure.expected}${p.reason ? `; ${p.reason}` : ""}` : p.reason ?? p.description
    )
  ]);
  return [
    "## offmain patch",
    "",
    table(["", ""], overview),
    "",
    "### Patches",
    "",
    patches.length ? table(["Patch", "Status", "Details"], patches) : "_No patches were requested._",
    ""
  ].join("\n");
}

// src/build.ts
async function commitDateOf(dir, commit) {
  const r = await git(["show", "-s", "--format=%cI", `${commit}^{commit}`], { cwd: dir, allowFailure: true });
  const date2 = r.stdout.trim();
  if (r.code !== 0 || !date2) {
    throw new OffmainError(
      `the commit date of ${commit.slice(0, 7)} is unknown (${dir} is not a git checkout that has it): pass the commit date (the patch step's commit-date output, or --commit-date)`
    );
  }
  return date2;
}
async function patchInfo(report, commit) {
  if (report === void 0 || report === "") return { ids: [] };
  let r;
  if (typeof report === "string") {
    const text = report.trim().startsWith("{") ? report : await (0, import_promises5.readFile)(report, "utf8").catch(() => {
      throw new OffmainError(`patch report "${report}" is neither JSON nor a readable file: pass the patch step's patch-report output`);
    });
    try {
      r = JSON.parse(text);
    } catch {
      throw new OffmainError("the patch report is not valid JSON: pass the patch step's patch-report output as it is");
    }
  } else r = report;
  if (r.commit && !commit.startsWith(r.commit.toLowerCase()) && !r.commit.toLowerCase().startsWith(commit)) {
    throw new OffmainError(`the patch report is for commit ${r.commit.slice(0, 7)}, not ${commit.slice(0, 7)}: pass the report of the tree being built`);
  }
  if (r.ok === false) throw new OffmainError("the patch report says the patch step failed: fix the patches before building");
  return { ids: appliedPatchIds(r), ...typeof r.digest === "string" && r.digest ? { digest: r.digest } : {} };
}
async function checkExisting(registry, image, plan) {
  const wantPatches = image.labels[LABEL.patchesDigest];
  return Promise.all(
    image.repositories.map(async (repository) => {
      const d = await registry.describe(repository, plan.imageTag);
      if (!d) return { repository, state: "missing" };
      let about = d.annotations;
      if (!about[LABEL.revision]) about = (await registry.describe(repository, plan.imageTag, { labels: true }))?.labels ?? {};
      const revision = about[LABEL.revision];
      const digest = about[LABEL.patchesDigest];
      const state = revision !== plan.commit ? "other" : wantPatches && digest && digest !== wantPatches ? "repatched" : "same";
      return { repository, state, description: d, revision, patches: about[LABEL.patches] };
    })
  );
}
function parseDigests(items, plan) {
  const out = /* @__PURE__ */ new Map();
  for (const raw of items.flatMap((i) => i.split(/[\s,]+/)).map((i) => i.trim()).filter(Boolean)) {
    const at = raw.lastIndexOf("@");
    const name = at > 0 ? raw.slice(0, at) : "";
    const digest = raw.slice(at + 1);
    if (at <= 0 || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
      throw new OffmainError(`digest "${raw}" is not IMAGE@sha256:<64 hex> (pass the digests output of each platform job)`);
    }
    const image = plan.images.find((i) => i.key === name || i.repositories.includes(name));
    if (!image) {
      throw new OffmainError(`digest "${raw}" names "${name}", which is none of ${plan.images.map((i) => i.key).join(", ")} nor their repositories`);
    }
    const list = out.get(image.key) ?? [];
    if (!list.includes(digest)) list.push(digest);
    out.set(image.key, list);
  }
  return out;
}
function pinnedRefs(image, tag, digestByRepo) {
  return image.repositories.map((r) => `${r}:${tag}@${digestByRepo.get(r)}`);
}
async function build(opts, log) {
  const t0 = performance.now();
  const env = opts.env ?? process.env;
  const mode = opts.mode ?? "all";
  const push = mode === "merge" ? true : Boolean(opts.push);
  const dir = (0, import_node_path5.resolve)(opts.dir);
  if (!(0, import_node_fs4.existsSync)(dir)) throw new OffmainError(`${dir} does not exist: point dir at the patched Mastodon tree (the patch step's path output)`);
  const commit = opts.commit.trim().toLowerCase();
  const plan = await log.group("Plan", async () => {
    const files = await readBuildTree(dir);
    if (files.dockerfile === void 0) {
      throw new OffmainError(
        `${dir}: no Dockerfile at the tree root, so there is no mastodon image to build; point dir at a patched Mastodon checkout (the patch step's path output)`,
        { file: "Dockerfile" }
      );
    }
    for (const n of opts.images) validateImageName(n, "image");
    for (const n of opts.streamingImages ?? []) if (n.trim()) validateImageName(n, "streaming image");
    parsePlatforms(opts.platforms);
    const version = await versionOf(dir, commit);
    const patched = await patchInfo(opts.patchReport, commit);
    const p = planBuild(
      {
        dir,
        commit,
        commitTime: opts.commitDate ?? await commitDateOf(dir, commit),
        version,
        upstream: opts.upstream,
        track: opts.track,
        branch: opts.branch,
        images: opts.images,
        streamingImages: opts.streamingImages,
        platforms: opts.platforms,
        tags: opts.tags,
        buildArgs: parseBuildArgs(opts.buildArgs),
        prerelease: opts.prerelease,
        patches: patched.ids,
        patchesDigest: patched.digest
      },
      files
    );
    if (mode === "platform" && p.platforms.length !== 1) {
      throw new OffmainError(
        `mode platform builds one platform per job: pass exactly one platform (got ${p.platforms.join(",")}); run one job per platform, then mode merge`
      );
    }
    log.info(`${p.version} (${p.commit.slice(0, 7)}, ${p.commitTime}), tags ${p.tags.join(", ")}, platforms ${p.platforms.join(", ")}`);
    for (const i of p.images) {
      log.info(`${i.key}: ${i.dockerfile} -> ${i.repositories.join(", ")}; build args ${Object.keys(i.buildArgs).join(", ") || "none"}`);
    }
    for (const w of p.warnings) log.warning(w);
    return p;
  });
  const warnings = [...plan.warnings];
  let cache = opts.cache ?? "none";
  if (cache === "gha" && !ghaCacheAvailable(env)) {
    warnings.push("cache gha needs the GitHub Actions cache service (ACTIONS_RUNTIME_TOKEN and ACTIONS_CACHE_URL): building without a cache");
    log.warning(warnings[warnings.length - 1]);
    cache = "none";
  }
  const registry = new RegistryClient({ env });
  const results = [];
  const pending = [];
  if (push) {
    await log.group("Registry check", async () => {
      const checks = await Promise.all(plan.images.map(async (image) => ({ image, existing: await checkExisting(registry, image, plan) })));
      for (const { image, existing } of checks) {
        const other = existing.filter((e) => e.state === "other");
        if (other.length && !opts.force) {
          const o = other[0];
          throw new OffmainError(
            `${o.repository}:${plan.imageTag} already exists with upstream revision ${o.revision ? o.revision.slice(0, 12) : "(none)"}, not ${plan.commit.slice(0, 12)}: an immutable tag is never overwritten; remove it or pass force to rebuild it`
          );
        }
        const repatched = existing.filter((e) => e.state === "repatched");
        if (repatched.length && !opts.force) {
          const o = repatched[0];
          throw new OffmainError(
            `${o.repository}:${plan.imageTag} already exists for this upstream commit but was built with other patches (${o.patches || "none"}; now: ${image.labels[LABEL.patches] || "none"}, or their text changed): an immutable tag is never overwritten silently; pass force to rebuild it with the new patches, or let the next upstream commit carry them`
          );
        }
        const same = existing.filter((e) => e.state === "same");
        for (const e of existing) {
          log.info(`${e.repository}:${plan.imageTag}: ${e.state === "same" ? `exists (${e.description.digest}), revision ${plan.commit.slice(0, 7)}` : e.state === "missing" ? "not there yet" : e.state === "repatched" ? "exists with other patches; force: rebuilding" : `exists with revision ${e.revision ?? "(none)"}; force: rebuilding`}`);
        }
        if (opts.force || same.length === 0) {
          pending.push(image);
          continue;
        }
        const source = same[0];
        const digests = new Map(same.map((e) => [e.repository, e.description.digest]));
        const missing = existing.filter((e) => e.state === "missing");
        let status = "skipped";
        const t = performance.now();
        if (missing.length && mode !== "platform") {
          status = "copied";
          for (const m of missing) {
            const args = imagetoolsCreateArgs({
              repository: m.repository,
              tags: [plan.imageTag],
              sources: [`${source.repository}@${source.description.digest}`],
              annotations: {},
              builder: opts.builder
            });
            log.info(`copying ${source.repository}@${source.description.digest} to ${m.repository} (${image.tags.join(", ")})`);
            const r = await docker(args, { env, log, stream: true });
            if (r.code !== 0) throw new OffmainError(`copying ${image.key} to ${m.repository} failed: ${buildxError(r.stderr)}`);
            const copied = await registry.digest(m.repository, plan.imageTag);
            if (!copied) throw new OffmainError(`copying ${image.key} to ${m.repository}: ${plan.imageTag} is missing right after imagetools create`);
            await registry.tag(m.repository, copied, image.tags.slice(1));
            digests.set(m.repository, copied);
          }
        } else if (missing.length) {
          pending.push(image);
          continue;
        }
        results.push({
          key: image.key,
          repositories: image.repositories,
          // A skipped image keeps its moving tags where they are (a rerun of an older commit must not move
          // `edge` back); only the immutable tag is known to point at it.
          tags: status === "copied" ? image.tags : [plan.imageTag],
          digest: source.description.digest,
          pinned: pinnedRefs(image, plan.imageTag, digests),
          platforms: source.description.platforms.map((p) => ({ platform: p.platform, digest: p.digest })),
          status,
          seconds: (performance.now() - t) / 1e3
        });
      }
    });
  } else {
    pending.push(...plan.images);
  }
  let builds = 0;
  if (pending.length) {
    const tmp = (0, import_node_fs4.mkdtempSync)((0, import_node_path5.join)(env.RUNNER_TEMP || (0, import_node_os2.tmpdir)(), "offmain-build-"));
    try {
      if (mode === "merge") {
        const byKey = parseDigests(opts.digests ?? [], plan);
        for (const image of pending) {
          results.push(await log.group(`Merge ${image.key}`, () => mergeImage(image, plan, byKey.get(image.key) ?? [], registry, opts, env, log)));
        }
      } else {
        const digestPush = mode === "platform" && push ? await builderDriver(opts.builder, { env }) === "docker" ? "oci-layout" : "native" : void 0;
        for (const image of pending) {
          results.push(
            await log.group(`Build ${image.key} (${plan.platforms.join(", ")})`, async () => {
              builds++;
              return buildImage(image, plan, { mode, push, cache, digestPush, tmp, registry, opts, env, log });
            })
          );
        }
      }
    } finally {
      (0, import_node_fs4.rmSync)(tmp, { recursive: true, force: true });
    }
  }
  results.sort((a, b) => plan.images.findIndex((i) => i.key === a.key) - plan.images.findIndex((i) => i.key === b.key));
  return {
    mode,
    push,
    skipped: push && results.every((r) => r.status === "skipped"),
    plan,
    images: results,
    builds,
    seconds: (performance.now() - t0) / 1e3,
    cache,
    warnings
  };
}
async function buildImage(image, plan, c) {
  const slug = `${image.key}-${plan.platforms.map(platformSlug).join("_")}`;
  const metadataFile = (0, import_node_path5.join)(c.tmp, `${slug}.metadata.json`);
  const ociLayoutDir = (0, import_node_path5.join)(c.tmp, `${slug}.oci`);
  const args = buildxBuildArgs(image, {
    mode: c.mode,
    platforms: plan.platforms,
    push: c.push,
    cache: c.cache,
    provenance: c.opts.provenance ?? true,
    sbom: c.opts.sbom ?? true,
    builder: c.opts.builder,
    digestPush: c.digestPush,
    ociLayoutDir,
    metadataFile,
    dir: (0, import_node_path5.resolve)(c.opts.dir),
    env: c.env
  });
  c.log.info(`docker ${args.map((a) => /[\s"']/.test(a) ? JSON.stringify(a) : a).join(" ")}`);
  const r = await runBuildxBuild(args, metadataFile, `${image.key} (${plan.platforms.join(", ")})`, { env: c.env, log: c.log });
  c.log.info(`${image.key}: ${r.digest} in ${r.seconds.toFixed(1)} s, ${r.cached} of ${r.steps} steps from the cache`);
  const digests = /* @__PURE__ */ new Map();
  if (c.mode === "platform") {
    if (c.push && c.digestPush === "oci-layout") {
      for (const repository of image.repositories) {
        const p = await c.registry.pushOciLayout(ociLayoutDir, repository);
        if (p.digest !== r.digest) throw new OffmainError(`pushing ${image.key} to ${repository} gave ${p.digest}, not the built ${r.digest}`);
        c.log.info(`pushed ${repository}@${p.digest} by digest (${p.uploaded} new blobs, ${(p.bytes / 1e6).toFixed(1)} MB)`);
      }
    }
    for (const repo of image.repositories) digests.set(repo, r.digest);
    return {
      key: image.key,
      repositories: image.repositories,
      tags: [],
      digest: r.digest,
      pinned: image.repositories.map((repo) => `${repo}@${r.digest}`),
      platforms: [{ platform: plan.platforms[0], digest: r.digest }],
      status: "built",
      seconds: r.seconds,
      steps: r.steps,
      cached: r.cached,
      metadata: r.metadata
    };
  }
  let platforms = plan.platforms.map((p) => ({ platform: p, digest: "" }));
  if (c.push) {
    const d = await c.registry.describe(image.repositories[0], plan.imageTag, { sizes: true });
    if (!d || d.digest !== r.digest) {
      throw new OffmainError(`${image.repositories[0]}:${plan.imageTag} is not the image just built (${d?.digest ?? "missing"} instead of ${r.digest}): was it pushed meanwhile by another job?`);
    }
    platforms = d.platforms.map((p) => ({ platform: p.platform, digest: p.digest, ...p.size !== void 0 ? { size: p.size } : {} }));
  }
  for (const repo of image.repositories) digests.set(repo, r.digest);
  return {
    key: image.key,
    repositories: image.repositories,
    tags: image.tags,
    digest: r.digest,
    pinned: pinnedRefs(image, plan.imageTag, digests),
    platforms,
    status: "built",
    seconds: r.seconds,
    steps: r.steps,
    cached: r.cached,
    metadata: r.metadata
  };
}
async function mergeImage(image, plan, digests, registry, opts, env, log) {
  const t = performance.now();
  if (digests.length === 0) {
    throw new OffmainError(`merge: no per-platform digest for ${image.key}: pass the digests output of every platform job (e.g. ${image.key}@sha256:...)`);
  }
  const found = /* @__PURE__ */ new Map();
  for (const d2 of digests) {
    const desc = await registry.describe(image.repositories[0], d2);
    if (!desc) throw new OffmainError(`merge: ${image.repositories[0]}@${d2} does not exist: did the platform job push it?`);
    for (const p of desc.platforms) {
      if (found.has(p.platform)) throw new OffmainError(`merge: ${image.key} has two digests for ${p.platform} (${found.get(p.platform)} and ${d2}): pass one per platform`);
      found.set(p.platform, d2);
    }
  }
  const missing = plan.platforms.filter((p) => !found.has(p));
  if (missing.length) {
    throw new OffmainError(`merge: no digest for ${missing.join(", ")} of ${image.key} (got ${[...found.keys()].join(", ")}): did every platform job run?`);
  }
  const byRepo = /* @__PURE__ */ new Map();
  for (const repository of image.repositories) {
    const args = imagetoolsCreateArgs({
      repository,
      tags: [plan.imageTag],
      sources: digests.map((d2) => `${repository}@${d2}`),
      annotations: image.annotations,
      builder: opts.builder
    });
    log.info(`docker ${args.map((a) => /[\s"']/.test(a) ? JSON.stringify(a) : a).join(" ")}`);
    const r = await docker(args, { env, log, stream: true });
    if (r.code !== 0) throw new OffmainError(`merging ${image.key} into ${repository} failed: ${buildxError(r.stderr)}`);
    const digest = await registry.digest(repository, plan.imageTag);
    if (!digest) throw new OffmainError(`merge: ${repository}:${plan.imageTag} is missing right after imagetools create`);
    await registry.tag(repository, digest, image.tags.slice(1));
    byRepo.set(repository, digest);
  }
  const first = byRepo.get(image.repositories[0]);
  const d = await registry.describe(image.repositories[0], first, { sizes: true });
  return {
    key: image.key,
    repositories: image.repositories,
    tags: image.tags,
    digest: first,
    pinned: pinnedRefs(image, plan.imageTag, byRepo),
    platforms: (d?.platforms ?? []).map((p) => ({ platform: p.platform, digest: p.digest, ...p.size !== void 0 ? { size: p.size } : {} })),
    status: "merged",
    seconds: (performance.now() - t) / 1e3
  };
}
function buildOutputs(r) {
  const m = r.images.find((i) => i.key === "mastodon");
  const s = r.images.find((i) => i.key === "mastodon-streaming");
  const metadata = {};
  for (const i of r.images) if (i.metadata) metadata[i.key] = i.metadata;
  return {
    skipped: r.skipped,
    mode: r.mode,
    version: r.plan.version,
    "image-tag": r.plan.imageTag,
    digest: m?.digest ?? "",
    image: m?.pinned[0] ?? "",
    "streaming-digest": s?.digest ?? "",
    "streaming-image": s?.pinned[0] ?? "",
    images: r.images.flatMap((i) => i.pinned),
    digests: r.images.map((i) => `${i.key}@${i.digest}`),
    tags: r.images.flatMap((i) => i.repositories.flatMap((repo) => i.tags.map((t) => `${repo}:${t}`))),
    platforms: r.plan.platforms,
    metadata
  };
}
function size(bytes) {
  if (bytes === void 0) return "";
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}
var STATUS = {
  built: "\u{1F528} built",
  skipped: "\u23ED\uFE0F skipped (exists with this revision)",
  copied: "\u{1F4CB} copied (existed in another registry)",
  merged: "\u{1F517} merged"
};
function buildSummaryMarkdown(r) {
  const p = r.plan;
  const lines = [];
  lines.push(`### offmain build: ${r.skipped ? "nothing to build" : r.mode === "platform" ? `${p.platforms[0]} by digest` : "images pushed"}`);
  lines.push("");
  lines.push(`Upstream ${p.source} at \`${p.shortSha}\` (${p.commitTime}), version \`${p.version}\`, mode \`${r.mode}\`${r.push ? "" : " (not pushed)"}, cache \`${r.cache}\`.`);
  if (p.patches.length) lines.push(`Patches: ${p.patches.map((x) => `\`${x}\``).join(", ")}.`);
  lines.push("");
  lines.push("| image | status | digest | platforms | size | time | cache |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- |");
  for (const i of r.images) {
    const plats = i.platforms.map((x) => `${x.platform}${x.size !== void 0 ? ` (${size(x.size)})` : ""}`).join("<br>");
    const total = i.platforms.some((x) => x.size !== void 0) ? size(i.platforms.reduce((s, x) => s + (x.size ?? 0), 0)) : "";
    const cacheUse = i.steps !== void 0 ? `${i.cached}/${i.steps} steps cached` : "";
    lines.push(`| ${cell(i.repositories.join("<br>"))} | ${STATUS[i.status]} | \`${i.digest}\` | ${plats} | ${total} | ${i.seconds.toFixed(1)} s | ${cacheUse} |`);
  }
  if (r.mode !== "platform") {
    lines.push("");
    lines.push(`Tags: ${p.tags.map((t) => `\`${t}\``).join(", ")}`);
    lines.push("");
    lines.push("Pinned references (what a cluster should run):");
    lines.push("");
    for (const i of r.images) for (const ref of i.pinned) lines.push(`- \`${ref}\``);
  } else {
    lines.push("");
    lines.push("Pass these to the merge step:");
    lines.push("");
    for (const i of r.images) lines.push(`- \`${i.key}@${i.digest}\``);
  }
  if (r.warnings.length) {
    lines.push("");
    for (const w of r.warnings) lines.push(`> \u26A0\uFE0F ${w}`);
  }
  return `${lines.join("\n")}
`;
}

// src/deploy.ts
var import_promises9 = require("node:fs/promises");
var import_node_os4 = require("node:os");
var import_node_path9 = __toESM(require("node:path"), 1);
var import_semver4 = __toESM(require_semver2(), 1);

// src/bump.ts
var import_node_fs5 = require("node:fs");
var import_promises6 = require("node:fs/promises");
var import_node_path6 = require("node:path");
var import_semver3 = __toESM(require_semver2(), 1);

// src/bump/edit.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/bump/refs.ts
var import_yaml = __toESM(require_dist(), 1);
var HELM_KEYS = {
  repository: ["repository"],
  tag: ["tag"],
  digest: ["digest"],
  registry: ["registry"]
};
var CONTAINER_LISTS = /* @__PURE__ */ new Set(["containers", "initContainers", "ephemeralContainers"]);
var COMPOSE_FILE = /(?:^|\/)(?:docker-)?compose(?:\.[^/]*)?\.ya?ml$/;
var KUSTOMIZATION_FILE = /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/;
var COMPOSE_KEYS = /* @__PURE__ */ new Set(["version", "name", "services", "networks", "volumes", "configs", "secrets", "include"]);
var SEARCHED = "kustomization images, Helm values image.repository/tag, workload containers, compose services, offmain/$imagepolicy markers";
function findReferences(text, file, opts) {
  const docs = (0, import_yaml.parseAllDocuments)(text);
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const line = err.linePos?.[0].line ?? lineAt(text, err.pos[0]);
      const msg = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      throw new OffmainError(`${file}:${line}: YAML syntax error: ${msg}; fix the file, nothing was changed`, {
        file,
        line
      });
    }
  }
  const refs = [];
  const taken = /* @__PURE__ */ new Set();
  const add = (r) => {
    if (!r) return;
    const at = r.shape === "whole" ? r.scalar.range[0] : (r.tag ?? r.digest)?.scalar.range[0] ?? r.offset;
    if (taken.has(at)) return;
    taken.add(at);
    refs.push(r);
  };
  const withMarkers = /offmain:|\$imagepolicy/.test(text);
  for (const doc of docs) {
    const scan2 = new DocScan(doc, text, file, opts);
    if (withMarkers) scan2.markers().forEach(add);
    scan2.layout().forEach(add);
  }
  return refs.sort((a, b) => a.offset - b.offset);
}
function lineAt(text, offset) {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
var DocScan = class {
  constructor(doc, text, file, opts) {
    this.doc = doc;
    this.text = text;
    this.file = file;
    this.opts = opts;
    this.keys = { ...HELM_KEYS, ...opts.helmKeys };
  }
  doc;
  text;
  file;
  opts;
  keys;
  /** References the document's layout implies. */
  layout() {
    const file = this.file;
    const root = this.doc.contents;
    if (!(0, import_yaml.isMap)(root)) return [];
    const apiVersion = this.str(root, "apiVersion") ?? "";
    const kind = this.str(root, "kind");
    if (KUSTOMIZATION_FILE.test(file) || apiVersion.startsWith("kustomize.config.k8s.io/") && kind) {
      return this.kustomizeImages(this.get(root, "images"));
    }
    if (apiVersion && kind) return this.k8sObject(root, apiVersion, kind);
    if (this.isCompose(root, file)) return this.compose(root);
    return this.helmValues(root);
  }
  k8sObject(root, apiVersion, kind) {
    const refs = [];
    const spec = this.map(root, "spec");
    if (spec && kind === "Kustomization" && apiVersion.startsWith("kustomize.toolkit.fluxcd.io/")) {
      refs.push(...this.kustomizeImages(this.get(spec, "images")));
    }
    if (spec && kind === "HelmRelease") {
      refs.push(...this.helmValues(this.get(spec, "values")));
      for (const pr of this.items(this.get(spec, "postRenderers"))) {
        const k = (0, import_yaml.isMap)(pr) ? this.map(pr, "kustomize") : void 0;
        if (k) refs.push(...this.kustomizeImages(this.get(k, "images")));
      }
    }
    if (spec && kind === "Application" && apiVersion.startsWith("argoproj.io/")) {
      const sources = [this.get(spec, "source"), ...this.items(this.get(spec, "sources"))];
      for (const s of sources) {
        if (!(0, import_yaml.isMap)(s)) continue;
        const helm = this.map(s, "helm");
        if (helm) refs.push(...this.helmValues(this.get(helm, "valuesObject")));
        const k = this.map(s, "kustomize");
        for (const item of k ? this.items(this.get(k, "images")) : []) {
          const r = this.whole(item, "kustomize", (v) => v.slice(0, v.indexOf("=") + 1));
          if (r) refs.push(r);
        }
      }
    }
    (0, import_yaml.visit)(root, {
      Pair: (_, pair) => {
        if (!(0, import_yaml.isScalar)(pair.key) || !CONTAINER_LISTS.has(String(pair.key.value))) return;
        for (const c of this.items(this.resolve(pair.value))) {
          const r = (0, import_yaml.isMap)(c) ? this.whole(this.get(c, "image"), "workload") : void 0;
          if (r) refs.push(r);
        }
      }
    });
    return refs;
  }
  isCompose(root, file) {
    if (!(0, import_yaml.isMap)(this.get(root, "services"))) return false;
    if (COMPOSE_FILE.test(file)) return true;
    return root.items.every((p) => (0, import_yaml.isScalar)(p.key) && (COMPOSE_KEYS.has(String(p.key.value)) || /^x-/.test(String(p.key.value))));
  }
  compose(root) {
    const services = this.get(root, "services");
    if (!(0, import_yaml.isMap)(services)) return [];
    return services.items.flatMap((p) => {
      const s = this.resolve(p.value);
      const r = (0, import_yaml.isMap)(s) ? this.whole(this.get(s, "image"), "compose") : void 0;
      return r ? [r] : [];
    });
  }
  /** Kustomize `images:` entries: name / newName / newTag / digest. */
  kustomizeImages(images) {
    const refs = [];
    for (const entry of this.items(images)) {
      if (!(0, import_yaml.isMap)(entry)) continue;
      const repo = this.str(entry, "newName") ?? this.str(entry, "name");
      if (!repo || !this.wanted(repo)) continue;
      const tag = this.slot(entry, "newTag");
      const digest = this.slot(entry, "digest");
      refs.push({
        shape: "split",
        kind: "kustomize",
        repository: canonicalRepository(repo),
        map: entry,
        tag,
        digest,
        addTag: "newTag",
        addDigest: "digest",
        dropDigest: "remove-line",
        offset: (tag ?? digest)?.scalar.range[0] ?? entry.range[0],
        now: this.current(tag, digest)
      });
    }
    return refs;
  }
  /**
   * Helm values: every mapping with `repository: <repo>` (plus `registry:` if split) and a `tag:` key,
   * and every string that is a whole `repo:tag` reference (`image: repo:tag`, or any value with a tag).
   */
  helmValues(values2) {
    if (!(0, import_yaml.isMap)(values2) && !(0, import_yaml.isSeq)(values2)) return [];
    const refs = [];
    const k = this.keys;
    (0, import_yaml.visit)(values2, {
      Map: (_, map) => {
        const repoKey = k.repository.find((key) => this.str(map, key) !== void 0);
        const tagKey = k.tag.find((key) => map.has(key));
        if (!repoKey || !tagKey) return;
        const registry = k.registry.map((key) => this.str(map, key)).find((v) => v);
        const repo = `${registry ? `${registry.replace(/\/+$/, "")}/` : ""}${this.str(map, repoKey)}`;
        if (!this.wanted(repo)) return;
        const tag = this.slot(map, tagKey);
        if (!tag && this.get(map, tagKey) != null) return;
        const digestKey = k.digest.find((key) => map.has(key));
        const digest = digestKey ? this.slot(map, digestKey) : void 0;
        refs.push({
          shape: "split",
          kind: "helm",
          repository: canonicalRepository(repo),
          map,
          tag,
          digest,
          dropDigest: "empty",
          offset: tag?.scalar.range[0] ?? map.range[0],
          now: this.current(tag, digest)
        });
      },
      Pair: (_, pair) => {
        const key = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : "";
        if (k.repository.includes(key) || k.tag.includes(key) || k.digest.includes(key)) return;
        const r = this.whole(pair.value, "helm", void 0, key === "image");
        if (r) refs.push(r);
      },
      Seq: (_, seq) => {
        for (const item of seq.items) {
          const r = this.whole(item, "helm", void 0, false);
          if (r) refs.push(r);
        }
      }
    });
    return refs;
  }
  /** A scalar holding a whole image reference to a requested repository. */
  whole(node, kind, prefixOf = () => "", untagged = true) {
    const scalar = this.resolve(node);
    if (!(0, import_yaml.isScalar)(scalar) || typeof scalar.value !== "string") return void 0;
    const prefix = prefixOf(scalar.value);
    const ref = parseImageRef(scalar.value.slice(prefix.length).trim());
    if (!this.wanted(ref.repository) || !untagged && ref.tag === void 0 && ref.digest === void 0) return void 0;
    const s = scalar;
    this.refuseTemplated(s, scalar.value);
    return {
      shape: "whole",
      kind,
      repository: canonicalRepository(ref.repository),
      scalar: s,
      prefix,
      name: ref.repository,
      now: { tag: ref.tag, digest: ref.digest },
      offset: s.range[0]
    };
  }
  refuseTemplated(s, value) {
    if (!/\$\{|\{\{/.test(value)) return;
    const line = lineAt(this.text, s.range[0]);
    throw new OffmainError(
      `${this.file}:${line}: "${value}" takes its tag from a variable; set that variable instead, or write a literal tag here`,
      { file: this.file, line }
    );
  }
  /** Scalars with an `offmain:` or `$imagepolicy` marker comment at the end of their line. */
  markers() {
    const refs = [];
    const splits = /* @__PURE__ */ new Map();
    (0, import_yaml.visit)(this.doc, {
      Scalar: (key, node, path5) => {
        if (key === "key") return;
        const s = node;
        const eol = this.text.indexOf("\n", s.range[1]);
        const m = /^[ \t]*#[ \t]*(.*?)\s*$/.exec(this.text.slice(s.range[1], eol < 0 ? void 0 : eol));
        const marker = m ? this.parseMarker(m[1]) : void 0;
        if (!marker) return;
        const { repo, part } = marker;
        if (part === "whole" || part === "name") {
          const value = s.value == null ? "" : String(s.value);
          this.refuseTemplated(s, value);
          const ref = parseImageRef(value);
          const same = canonicalRepository(ref.repository) === repo;
          refs.push({
            shape: "whole",
            kind: "marker",
            repository: repo,
            scalar: s,
            prefix: "",
            name: same ? ref.repository : "",
            nameOnly: part === "name",
            now: same && part === "whole" ? { tag: ref.tag, digest: ref.digest } : {},
            offset: s.range[0]
          });
          return;
        }
        const last = path5[path5.length - 1];
        const parent = (0, import_yaml.isPair)(last) ? path5[path5.length - 2] : last;
        let r = splits.get(parent);
        if (!r || r.repository !== repo || r[part]) {
          r = {
            shape: "split",
            kind: "marker",
            repository: repo,
            map: parent,
            dropDigest: "empty",
            offset: s.range[0],
            now: {}
          };
          splits.set(parent, r);
          refs.push(r);
        }
        r[part] = { pair: (0, import_yaml.isPair)(last) ? last : void 0, scalar: s };
        r.now = this.current(r.tag, r.digest);
      }
    });
    return refs;
  }
  parseMarker(comment) {
    const withPart = (spec, known) => {
      const m = /^(.*?)(?::(tag|digest|name))?$/.exec(spec);
      const repo = known(m[1]);
      return repo ? { repo, part: m[2] ?? "whole" } : void 0;
    };
    const own = /^offmain:\s*(\S+)$/.exec(comment);
    if (own) {
      return withPart(own[1], (r) => {
        const c = canonicalRepository(r);
        return this.opts.repositories.has(c) ? c : void 0;
      });
    }
    if (!comment.includes("$imagepolicy") || !this.opts.policies) return void 0;
    let policy;
    try {
      policy = JSON.parse(comment)["$imagepolicy"];
    } catch {
      return void 0;
    }
    if (typeof policy !== "string") return void 0;
    return withPart(policy, (p) => {
      const repo = this.opts.policies?.[p];
      const c = repo === void 0 ? void 0 : canonicalRepository(repo);
      return c && this.opts.repositories.has(c) ? c : void 0;
    });
  }
  current(tag, digest) {
    const out = {};
    const t = tag && scalarText(tag.scalar, this.text);
    const d = digest && scalarText(digest.scalar, this.text);
    if (t) out.tag = t;
    if (d) out.digest = d;
    return out;
  }
  wanted(repository) {
    return this.opts.repositories.has(canonicalRepository(repository));
  }
  resolve(node) {
    return (0, import_yaml.isAlias)(node) ? node.resolve(this.doc) : node;
  }
  /** A key's value, following aliases and `<<` merge keys. */
  get(map, key) {
    for (const p of map.items) {
      if ((0, import_yaml.isScalar)(p.key) && p.key.value === key) return this.resolve(p.value);
    }
    for (const p of map.items) {
      if (!(0, import_yaml.isScalar)(p.key) || p.key.value !== "<<") continue;
      const sources = (0, import_yaml.isSeq)(p.value) ? p.value.items : [p.value];
      for (const s of sources) {
        const m = this.resolve(s);
        const v = (0, import_yaml.isMap)(m) ? this.get(m, key) : void 0;
        if (v !== void 0) return v;
      }
    }
    return void 0;
  }
  map(map, key) {
    const v = this.get(map, key);
    return (0, import_yaml.isMap)(v) ? v : void 0;
  }
  str(map, key) {
    const v = this.get(map, key);
    return (0, import_yaml.isScalar)(v) && typeof v.value === "string" ? v.value : void 0;
  }
  items(node) {
    const n = this.resolve(node);
    return (0, import_yaml.isSeq)(n) ? n.items.map((i) => this.resolve(i)) : [];
  }
  /** The pair `key` of `map` itself (not merged) when its value is a scalar, for editing in place. */
  slot(map, key) {
    const pair = map.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === key);
    const v = pair && this.resolve(pair.value);
    return pair && (0, import_yaml.isScalar)(v) ? { pair, scalar: v } : void 0;
  }
};
function scalarText(s, text) {
  if (s.value == null) return "";
  if (typeof s.value === "string") return s.value;
  const r = s.range;
  return s.type === "PLAIN" && r ? text.slice(r[0], r[1]).trim() : String(s.value);
}

// src/bump/edit.ts
var DROPPED = "removed the old digest: no digest was given for the new tag";
function planReference(file, text, ref, want) {
  const at = { file, text };
  if (ref.shape === "whole") {
    const old2 = scalarText(ref.scalar, text);
    const name = ref.name || want.repository;
    const value = ref.prefix + (ref.nameOnly ? name : formatImageRef({ ...want, repository: name }));
    const plan2 = { edits: value === old2 ? [] : [replaceScalar(at, ref.scalar, value)], old: old2, new: value };
    if (ref.now.digest && !want.digest && !ref.nameOnly) plan2.note = DROPPED;
    return plan2;
  }
  const edits = [];
  const add = [];
  const notes = [];
  if (ref.tag) {
    if (ref.tag.scalar.value == null || scalarText(ref.tag.scalar, text) !== want.tag) {
      edits.push(replaceScalar(at, ref.tag.scalar, want.tag));
    }
  } else if (ref.addTag) {
    add.push([ref.addTag, want.tag]);
  }
  let pinned = false;
  if (want.digest) {
    if (ref.digest) {
      pinned = true;
      if (ref.digest.scalar.value !== want.digest) edits.push(replaceScalar(at, ref.digest.scalar, want.digest));
    } else if (ref.addDigest) {
      pinned = true;
      add.push([ref.addDigest, want.digest]);
    } else if (ref.tag) {
      notes.push(
        `digest not pinned: ${ref.kind === "marker" ? "the marker sets the tag only" : "this image mapping has no digest key"}`
      );
    }
  } else if (ref.digest && ref.digest.scalar.value) {
    edits.push(ref.dropDigest === "remove-line" ? removePair(at, ref.map, ref.digest) : replaceScalar(at, ref.digest.scalar, ""));
    notes.push(DROPPED);
  }
  if (add.length) {
    const after = ref.tag?.pair ?? ref.map.items[ref.map.items.length - 1];
    edits.push(insertPairs(at, ref.map, after, add, ref.tag?.scalar));
  }
  const old = `${ref.now.tag ?? ""}${ref.now.digest ? `@${ref.now.digest}` : ""}`;
  const plan = { edits, old, new: `${ref.tag || ref.addTag ? want.tag : ""}${pinned ? `@${want.digest}` : ""}` };
  if (notes.length) plan.note = notes.join("; ");
  return plan;
}
function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error(`overlapping edits at offset ${e.start}`);
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
function assertParses(text, file) {
  for (const doc of (0, import_yaml2.parseAllDocuments)(text)) {
    const err = doc.errors[0];
    if (err) throw new Error(`offmain produced invalid YAML in ${file}: ${err.message}`);
  }
}
function replaceScalar(at, s, value) {
  const { text } = at;
  const [start, end] = s.range;
  let out = render(at, s, value);
  if (start === end) {
    if (!/[ \t]/.test(text[start - 1] ?? "")) out = ` ${out}`;
    if (text[start] === "#") out = `${out} `;
  }
  return { start, end, text: out };
}
function render(at, s, value) {
  switch (s.type) {
    case "QUOTE_SINGLE":
      return `'${value.replace(/'/g, "''")}'`;
    case "QUOTE_DOUBLE":
      return JSON.stringify(value);
    case "BLOCK_LITERAL":
    case "BLOCK_FOLDED": {
      const line = lineAt(at.text, s.range[0]);
      throw new OffmainError(
        `${at.file}:${line}: the image is a block scalar (| or >); write it on one line so offmain can update it`,
        { file: at.file, line }
      );
    }
    default:
      return plainSafe(value) ? value : JSON.stringify(value);
  }
}
var plainCache = /* @__PURE__ */ new Map();
function plainSafe(value) {
  let ok = plainCache.get(value);
  if (ok === void 0) {
    ok = value !== "" && value.trim() === value && ["1.1", "1.2"].every((version) => {
      const doc = (0, import_yaml2.parseDocument)(`[${value}]`, { version });
      const item = doc.contents?.items?.[0];
      return doc.errors.length === 0 && (0, import_yaml2.isScalar)(item) && item.value === value;
    });
    plainCache.set(value, ok);
  }
  return ok;
}
function insertPairs(at, map, after, pairs, like) {
  const anchor = after?.value ?? after?.key;
  if (!after || !anchor?.range) throw new Error("cannot add a key to an empty mapping");
  const { text } = at;
  const shown = pairs.map(([k, v]) => `${k}: ${render(at, like ?? { type: "PLAIN" }, v)}`);
  if (map.flow) {
    const pos2 = anchor.range[1];
    return { start: pos2, end: pos2, text: shown.map((p) => `, ${p}`).join("") };
  }
  const keyStart = map.items[0].key.range[0];
  const indent = " ".repeat(keyStart - (text.lastIndexOf("\n", keyStart - 1) + 1));
  const nl = text.indexOf("\n", anchor.range[1]);
  const pos = nl < 0 ? text.length : text[nl - 1] === "\r" ? nl - 1 : nl;
  const eol = nl < 0 ? text.includes("\r\n") ? "\r\n" : "\n" : text.slice(pos, nl + 1);
  return { start: pos, end: pos, text: shown.map((p) => `${eol}${indent}${p}`).join("") };
}
function removePair(at, map, slot) {
  const { text } = at;
  const keyStart = slot.pair?.key?.range?.[0] ?? slot.scalar.range[0];
  const lineStart = text.lastIndexOf("\n", keyStart - 1) + 1;
  const nl = text.indexOf("\n", slot.scalar.range[1]);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  const line = lineAt(text, keyStart);
  if (map.flow || !/^[ \t]*$/.test(text.slice(lineStart, keyStart)) || !/^[ \t]*(#.*)?\r?\n?$/.test(text.slice(slot.scalar.range[1], lineEnd))) {
    throw new OffmainError(
      `${at.file}:${line}: this image entry pins a digest and no new digest was given; pass one (repo=tag@sha256:...) or remove the digest line by hand`,
      { file: at.file, line }
    );
  }
  return nl < 0 && lineStart > 0 ? { start: lineStart - (text[lineStart - 2] === "\r" ? 2 : 1), end: lineEnd, text: "" } : { start: lineStart, end: lineEnd, text: "" };
}

// src/bump.ts
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", ".github", "node_modules"]);
async function bump(opts) {
  const dir = (0, import_node_path6.resolve)(opts.dir);
  const targets = /* @__PURE__ */ new Map();
  for (const t of opts.targets) {
    validateTarget(t);
    const c = canonicalRepository(t.repository);
    if (targets.has(c)) throw new OffmainError(`${t.repository} is given twice; give each image once`);
    targets.set(c, t);
  }
  if (targets.size === 0) throw new OffmainError("no image to bump: give at least one repository=tag");
  const files = yamlFiles(dir);
  const found = scan(dir, files, targets, opts);
  const sameImage = (t) => `${t.repository.split("/").pop()}:${t.tag}@${t.digest ?? ""}`;
  const referenced = new Set(found.map((f) => sameImage(targets.get(f.ref.repository))));
  for (const [, t] of targets) {
    if (referenced.has(sameImage(t))) continue;
    throw new OffmainError(
      `no reference to ${t.repository} found in ${dir} (searched ${files.length} YAML files: ${SEARCHED}); add an offmain marker (# offmain: ${t.repository}) on the line to update`
    );
  }
  const result = { changed: false, changes: [], files: [], previous: {}, unchanged: [] };
  const edits = /* @__PURE__ */ new Map();
  const moving = /* @__PURE__ */ new Set();
  for (const f of found) {
    const t = targets.get(f.ref.repository);
    const want = { repository: t.repository, tag: t.tag, digest: opts.pinDigest === false ? void 0 : t.digest };
    const plan = planReference(f.file, f.text, f.ref, want);
    const change = {
      file: f.file,
      line: lineAt(f.text, f.ref.offset),
      repository: t.repository,
      kind: f.ref.kind,
      old: plan.old,
      new: plan.new
    };
    if (plan.note) change.note = plan.note;
    if (plan.edits.length === 0) {
      result.unchanged.push(change);
      continue;
    }
    if (!opts.allowDowngrade) await refuseDowngrade(change, f.ref.now.tag, t.tag, opts.isAncestor);
    result.changes.push(change);
    moving.add(f);
    edits.set(f.file, [...edits.get(f.file) ?? [], ...plan.edits]);
  }
  for (const [c, t] of targets) {
    const mine = found.filter((f) => f.ref.repository === c && f.ref.now.tag);
    const tag = (mine.find((f) => moving.has(f)) ?? mine[0])?.ref.now.tag;
    result.previous[t.repository] = tag ? { tag, display: parseImageTag(tag)?.display } : {};
  }
  const texts = new Map(found.map((f) => [f.file, f.text]));
  const out = [...edits].map(([file, e]) => {
    const text = applyEdits(texts.get(file), e);
    assertParses(text, file);
    return [file, text];
  });
  if (!opts.dryRun) await writeAll(dir, out, texts);
  result.files = out.map(([file]) => file).sort();
  result.changed = out.length > 0;
  return result;
}
async function writeAll(dir, out, old) {
  const staged = [];
  const replaced = [];
  try {
    for (const [file, text] of out) {
      const tmp = (0, import_node_path6.join)(dir, `${file}.offmain-tmp`);
      staged.push(tmp);
      await (0, import_promises6.writeFile)(tmp, text, "utf8");
    }
    for (const [i, [file]] of out.entries()) {
      await (0, import_promises6.rename)(staged[i], (0, import_node_path6.join)(dir, file));
      replaced.push(file);
    }
  } catch (e) {
    for (const file of replaced) await (0, import_promises6.writeFile)((0, import_node_path6.join)(dir, file), old.get(file), "utf8").catch(() => void 0);
    for (const tmp of staged) await (0, import_promises6.rm)(tmp, { force: true }).catch(() => void 0);
    throw new OffmainError(`could not write ${dir}: ${e.message}; every file was left as it was`);
  }
}
function yamlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of (0, import_node_fs5.readdirSync)(d, { withFileTypes: true })) {
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk((0, import_node_path6.join)(d, e.name));
      else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push((0, import_node_path6.relative)(dir, (0, import_node_path6.join)(d, e.name)).split(import_node_path6.sep).join("/"));
    }
  };
  try {
    walk(dir);
  } catch (e) {
    if (e.code === "ENOENT") {
      throw new OffmainError(`${dir} does not exist: point --dir at the config repository checkout`);
    }
    throw e;
  }
  return out.sort();
}
function scan(dir, files, targets, opts) {
  const needles = [...targets.keys()].map((c) => Buffer.from(repositoryPath(c)));
  if (opts.policies && Object.keys(opts.policies).length) needles.push(Buffer.from("$imagepolicy"));
  const scanOpts = { repositories: new Set(targets.keys()), policies: opts.policies, helmKeys: opts.helmKeys };
  return files.flatMap((file) => {
    const buf = (0, import_node_fs5.readFileSync)((0, import_node_path6.join)(dir, file));
    if (!needles.some((n) => buf.includes(n))) return [];
    const text = buf.toString("utf8");
    const refs = findReferences(text, file, scanOpts);
    if (refs.length && !Buffer.from(text, "utf8").equals(buf)) {
      throw new OffmainError(`${file} is not valid UTF-8: offmain only edits UTF-8 YAML; re-save it as UTF-8`, { file });
    }
    return refs.map((ref) => ({ file, text, ref }));
  });
}
async function refuseDowngrade(change, now, tag, isAncestor) {
  const from = now ? parseImageTag(now) : void 0;
  const to = parseImageTag(tag);
  if (!from || !to) return;
  let order;
  try {
    order = import_semver3.default.compare(semverOf(to.version), semverOf(from.version));
  } catch {
    return;
  }
  let why = "";
  if (order < 0) why = "an older version";
  else if (order === 0 && !from.shortSha.startsWith(to.shortSha) && !to.shortSha.startsWith(from.shortSha)) {
    if (await isAncestor?.(from.shortSha, to.shortSha) === false) why = `not a descendant of ${from.shortSha}`;
  }
  if (!why) return;
  throw new OffmainError(
    `${change.file}:${change.line}: refusing to downgrade ${change.repository} from ${from.display} (deployed) to ${to.display} (${why}); pass --allow-downgrade to deploy it anyway`,
    { file: change.file, line: change.line }
  );
}
function parseSetArg(s) {
  const eq = s.indexOf("=");
  let target;
  if (eq >= 0) {
    const value = s.slice(eq + 1);
    const at = value.indexOf("@");
    target = { repository: s.slice(0, eq).trim(), tag: at >= 0 ? value.slice(0, at) : value };
    if (at >= 0) target.digest = value.slice(at + 1);
  } else {
    const ref = parseImageRef(s.trim());
    target = { repository: ref.repository, tag: ref.tag ?? "" };
    if (ref.digest !== void 0) target.digest = ref.digest;
  }
  if (!target.tag) {
    throw new OffmainError(`"${s}" has no tag: expected REPOSITORY=TAG[@sha256:DIGEST], e.g. ghcr.io/acme/mastodon=4.8.0_2f40549`);
  }
  validateTarget(target, `"${s}"`);
  return target;
}

// src/configrepo.ts
var import_promises7 = require("node:fs/promises");
var import_node_path7 = __toESM(require("node:path"), 1);
var DEFAULT_SERVER_URL = "https://github.com";
var DEFAULT_AUTHOR = "offmain <offmain@users.noreply.github.com>";
var SLUG = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+?)(?:\.git)?$/;
function configRemote(repository, opts = {}) {
  const spec = repository.trim();
  if (!spec || spec.startsWith("-")) {
    throw new OffmainError(
      `config repository "${redactUrl(spec)}" is not a git URL or OWNER/NAME: pass e.g. acme/mastodon-config or https://git.example.com/acme/config.git`
    );
  }
  const server = (opts.serverUrl || process.env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL).replace(/\/+$/, "");
  const secrets = opts.token ? [opts.token] : [];
  const slug = SLUG.exec(spec);
  let url = spec;
  if (slug && slug[2] !== "." && slug[2] !== "..") url = `${server}/${slug[1]}/${slug[2]}.git`;
  if (isLocalPath(url)) {
    const abs = import_node_path7.default.resolve(url);
    return { fetchUrl: abs, display: abs, secrets };
  }
  const cred = splitCredentials(url);
  if (cred.password) secrets.push(cred.password);
  if (cred.username && cred.username.length >= 4) secrets.push(cred.username);
  const remote = { fetchUrl: cred.url, display: redactUrl(url), secrets };
  if (opts.token) {
    remote.token = opts.token;
  } else if (cred.username || cred.password) {
    const basic = Buffer.from(`${cred.username ?? ""}:${cred.password ?? ""}`).toString("base64");
    remote.env = { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraheader", GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` };
  }
  const gh = githubOf(cred.url, server);
  if (gh) {
    remote.github = gh;
    const host = githubRepoSlug(cred.url) ? DEFAULT_SERVER_URL : server;
    remote.webUrl = `${host}/${gh.owner}/${gh.repo}`;
  }
  return remote;
}
function githubOf(url, server) {
  const onGithub = githubRepoSlug(url);
  const s = onGithub ?? (url.toLowerCase().startsWith(`${server.toLowerCase()}/`) ? url.slice(server.length + 1) : void 0);
  const m = s ? SLUG.exec(s.replace(/\/+$/, "")) : null;
  return m ? { owner: m[1], repo: m[2] } : void 0;
}
function parseAuthor(text) {
  const m = /^\s*([^<>]*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (!m || !m[1]) {
    throw new OffmainError(`author "${text}" is not "Name <email>": pass e.g. "offmain <offmain@users.noreply.github.com>"`);
  }
  return { name: m[1], email: m[2] };
}
function classifyPushFailure(output) {
  if (/\[rejected\][^\n]*\((?:fetch first|non-fast-forward|stale info|already exists)\)/.test(output)) return "race";
  if (/\[remote rejected\][^\n]*\((?:cannot lock ref|failed to update ref|incorrect old value|failed to lock)/i.test(output)) {
    return "race";
  }
  if (/GH006|GH013|protected branch|Repository rule violations|\[remote rejected\][^\n]*hook declined/i.test(output)) return "protected";
  if (/returned error: 403|Permission to \S+ denied|permission denied|Write access to repository not granted|403 Forbidden/i.test(output)) {
    return "forbidden";
  }
  if (/returned error: 401|Authentication failed|could not read (?:Username|Password)|Invalid username or password|Bad credentials/i.test(output)) {
    return "unauthorized";
  }
  if (/returned error: 404|Repository not found|does not appear to be a git repository/i.test(output)) return "not-found";
  return "other";
}
function backoffDelay(attempt, baseMs, random = Math.random) {
  const exp = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(exp * (0.5 + random()));
}
function lastLine(r, remote) {
  const lines = `${r.stderr}
${r.stdout}`.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("hint:") && !l.startsWith("To ") && l !== "Done");
  const line = lines.find((l) => l.startsWith("fatal:")) ?? lines.find((l) => /^(error|remote):/.test(l)) ?? lines.pop();
  return redactText((line ?? `exit code ${r.code}`).replace(/^(fatal|error): /, ""), remote.secrets);
}
function readFailure(remote, r) {
  const why = lastLine(r, remote);
  switch (classifyPushFailure(`${r.stderr}
${r.stdout}`)) {
    case "unauthorized":
      return new OffmainError(
        `cannot read the config repository ${remote.display}: the credentials were refused (HTTP 401): check the token (it must be valid and allowed to read the repository)`
      );
    case "forbidden":
      return new OffmainError(
        `cannot read the config repository ${remote.display}: access denied (HTTP 403): give the token read and write access to its contents (contents: write)`
      );
    case "not-found":
      return new OffmainError(
        `cannot read the config repository ${remote.display}: not found (${why}): check the repository name, and that the token can see it`
      );
    default:
      return new OffmainError(`cannot read the config repository ${remote.display} (${why}): check the repository URL and the token`);
  }
}
var ConfigCheckout = class _ConfigCheckout {
  constructor(dir, remote, branch, defaultBranch, heads) {
    this.dir = dir;
    this.remote = remote;
    this.branch = branch;
    this.defaultBranch = defaultBranch;
    this.heads = heads;
  }
  dir;
  remote;
  branch;
  defaultBranch;
  heads;
  static async clone(opts) {
    const { remote } = opts;
    const dir = import_node_path7.default.resolve(opts.dir);
    if (opts.branch !== void 0 && !isValidBranchName(opts.branch)) {
      throw new OffmainError(`branch "${opts.branch}" is not a valid branch name: pass a branch such as main`);
    }
    await (0, import_promises7.mkdir)(dir, { recursive: true });
    await git(["init", "-q", dir]);
    const quoted = remote.fetchUrl.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
    await (0, import_promises7.appendFile)(
      import_node_path7.default.join(dir, ".git", "config"),
      `[core]
	autocrlf = false
	hooksPath = /dev/null
[commit]
	gpgsign = false
[remote "origin"]
	url = "${quoted}"
	fetch = +refs/heads/*:refs/remotes/origin/*
`
    );
    const co0 = new _ConfigCheckout(dir, remote, "", void 0, /* @__PURE__ */ new Map());
    const ls = await co0.run(["ls-remote", "--symref", "origin", "HEAD", "refs/heads/*"], true);
    if (ls.code !== 0) throw readFailure(remote, ls);
    const defaultBranch = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(ls.stdout)?.[1];
    const heads = new Map(
      parseLsRemote(ls.stdout).filter((r) => r.ref.startsWith("refs/heads/")).map((r) => [r.ref.slice("refs/heads/".length), r.sha])
    );
    const branch = opts.branch ?? defaultBranch;
    if (!branch || !heads.has(branch)) {
      if (heads.size === 0) {
        throw new OffmainError(`the config repository ${remote.display} has no branches: push a first commit to it`);
      }
      const known = [...heads.keys()].filter((b) => !b.startsWith("offmain/")).slice(0, 5).join(", ");
      throw new OffmainError(
        `branch ${branch ?? "(default)"} was not found in the config repository ${remote.display}: check the branch setting${defaultBranch ? ` (the default branch is ${defaultBranch})` : known ? ` (branches: ${known})` : ""}`
      );
    }
    const co = new _ConfigCheckout(dir, remote, branch, defaultBranch, heads);
    await co.refresh();
    opts.log?.info(`cloned ${branch} of ${remote.display} at ${(await co.head()).slice(0, 7)}`);
    return co;
  }
  run(args, allowFailure = false, env, input) {
    return git(args, { cwd: this.dir, token: this.remote.token, env: { ...this.remote.env, ...env }, allowFailure, input });
  }
  /** Fetches the branch's newest commit and resets the tree to it (no local change survives). Returns its sha. */
  async refresh() {
    const tracking = `refs/remotes/origin/${this.branch}`;
    const r = await this.run(["fetch", "-q", "--no-tags", "--depth=1", "origin", `+refs/heads/${this.branch}:${tracking}`], true);
    if (r.code !== 0) throw readFailure(this.remote, r);
    await this.run(["checkout", "-q", "--force", "-B", this.branch, tracking, "--"]);
    await this.run(["clean", "-q", "-ffdx"]);
    return this.head();
  }
  async head() {
    return (await this.run(["rev-parse", "--verify", "HEAD^{commit}"])).stdout.trim();
  }
  /** Commits `files` (relative to the repository root) with `author` as author and committer. */
  async commit(message, files, author, date2) {
    await this.run(["add", "-A", "--", ...files]);
    const env = {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email
    };
    if (date2) env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = date2.toISOString();
    await this.run(["commit", "-q", "--no-verify", "--cleanup=verbatim", "-F", "-"], false, env, message);
    return this.head();
  }
  /**
   * Pushes HEAD to `refs/heads/<branch>`. With `lease`, only if the remote branch is at that sha
   * (`''`: only if it does not exist), forcing otherwise: for branches offmain owns. Returns whether
   * it landed or lost a race; throws an OffmainError for anything a retry cannot fix.
   */
  async push(branch, opts = {}) {
    const args = ["push", "--porcelain", "--no-verify"];
    if (opts.lease !== void 0) args.push(`--force-with-lease=refs/heads/${branch}:${opts.lease}`);
    args.push("origin", `HEAD:refs/heads/${branch}`);
    const r = await this.run(args, true);
    if (r.code === 0) return { ok: true, sha: await this.head() };
    const out = `${r.stdout}
${r.stderr}`;
    const kind = classifyPushFailure(out);
    const why = lastLine(r, this.remote);
    const where = `${branch} of the config repository ${this.remote.display}`;
    switch (kind) {
      case "race":
        return { ok: false, race: true, reason: why };
      case "protected":
        throw new OffmainError(
          `the push to ${where} was refused: the branch is protected (${why}); set mode to pull-request to open a pull request instead, or allow this token to push to ${branch}`
        );
      case "forbidden":
        throw new OffmainError(
          `the token may not push to ${where} (HTTP 403): give it write access to the repository contents (contents: write), or use a deploy key or token with push rights`
        );
      case "unauthorized":
        throw new OffmainError(`the credentials were refused when pushing to ${where} (HTTP 401): check the token`);
      default:
        throw new OffmainError(`the push to ${where} failed (${why}): nothing was changed on the remote`);
    }
  }
  /** The sha of a remote branch now (`undefined` when it does not exist). */
  async remoteBranch(branch) {
    const r = await this.run(["ls-remote", "origin", `refs/heads/${branch}`], true);
    if (r.code !== 0) throw readFailure(this.remote, r);
    return parseLsRemote(r.stdout).find((x) => x.ref === `refs/heads/${branch}`)?.sha;
  }
  /** Fetches one remote branch's tip (depth 1) and returns `{sha, tree, parents}` of it. */
  async inspectRemoteBranch(branch) {
    const ref = `refs/offmain/remote/${branch}`;
    const r = await this.run(["fetch", "-q", "--no-tags", "--depth=1", "origin", `+refs/heads/${branch}:${ref}`], true);
    if (r.code !== 0) return void 0;
    const sha = (await this.run(["rev-parse", "--verify", `${ref}^{commit}`])).stdout.trim();
    const raw = (await this.run(["cat-file", "commit", sha])).stdout;
    const tree = /^tree ([0-9a-f]+)$/m.exec(raw)?.[1];
    const parents = [...raw.split("\n\n")[0].matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]);
    return tree ? { sha, tree, parents } : void 0;
  }
  async treeOf(rev) {
    return (await this.run(["rev-parse", "--verify", `${rev}^{tree}`])).stdout.trim();
  }
  /** Deletes a remote branch offmain created, only if it is still at `sha`. Best effort. */
  async deleteRemoteBranch(branch, sha) {
    const r = await this.run(["push", "--porcelain", `--force-with-lease=refs/heads/${branch}:${sha}`, "origin", `:refs/heads/${branch}`], true);
    return r.code === 0;
  }
};
async function updateBranch(opts) {
  const { checkout: co, log } = opts;
  const attempts = Math.max(1, opts.attempts ?? 5);
  let lastReason = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      const wait = backoffDelay(attempt - 1, opts.backoffMs ?? 250);
      log?.info(`the push lost a race (${lastReason}); retrying in ${wait} ms on the new head of ${co.branch} (attempt ${attempt} of ${attempts})`);
      await new Promise((r) => setTimeout(r, wait));
      const head = await co.refresh();
      log?.info(`${co.branch} is now at ${head.slice(0, 7)}; applying the change again`);
    }
    const change = await opts.apply(attempt);
    if (typeof change === "string") return { pushed: false, reason: change, attempts: attempt };
    const commit = await co.commit(change.message, change.files, opts.author);
    await opts.beforePush?.(attempt);
    const pushed = opts.push ? await opts.push() : await co.push(co.branch);
    if (pushed.ok) {
      if (!opts.push) log?.info(`pushed ${commit.slice(0, 7)} to ${co.branch} of ${co.remote.display}`);
      return { pushed: true, commit: pushed.sha, attempts: attempt, files: change.files, message: change.message };
    }
    lastReason = pushed.reason;
  }
  throw new OffmainError(
    `the push to ${opts.target ?? co.branch} of the config repository ${co.remote.display} lost the race ${attempts} times (${lastReason}): other writers keep pushing to that branch; run the deploy again (nothing of this run was pushed)`
  );
}

// src/freshness.ts
var import_node_crypto2 = require("node:crypto");
var import_node_fs6 = require("node:fs");
var import_promises8 = require("node:fs/promises");
var import_node_os3 = require("node:os");
var import_node_path8 = __toESM(require("node:path"), 1);
var DEFAULT_MAX_LAG_HOURS = 48;
function computeLag(notDeployed, now) {
  const nowMs = typeof now === "number" ? now : now.getTime();
  let oldest;
  for (const c of notDeployed) if (!oldest || c.time < oldest.time) oldest = c;
  if (!oldest) return { hours: 0, behind: 0 };
  const hours2 = Math.max(0, (nowMs - oldest.time * 1e3) / 36e5);
  return { hours: Math.round(hours2 * 10) / 10, behind: notDeployed.length, oldest };
}
function assessFreshness(lag, maxLagHours = DEFAULT_MAX_LAG_HOURS, warnOnly = false) {
  if (lag.hours <= maxLagHours) return "ok";
  return warnOnly ? "warn" : "fail";
}
function formatHours(hours2) {
  const h = Number.isInteger(hours2) ? String(hours2) : hours2.toFixed(1);
  return hours2 >= 48 ? `${h} h (${(hours2 / 24).toFixed(1)} days)` : `${h} h`;
}
function freshnessLine(r) {
  const dep = r.deployed.sha.slice(0, 7);
  if (r.lag.behind === 0) return `deployed ${dep} is the newest commit of ${r.ref}: lag 0 h (goal ${r.maxLagHours} h)`;
  const oldest = r.lag.oldest;
  return `deployed ${dep} is ${r.lag.behind} commit${r.lag.behind === 1 ? "" : "s"} behind ${r.ref} (${r.head.sha.slice(0, 7)}); the oldest missing one, ${oldest.sha.slice(0, 7)}, landed ${r.oldestMissingDate}: lag ${formatHours(r.lag.hours)} (goal ${r.maxLagHours} h)`;
}
function freshnessFailure(r) {
  return `the deployed Mastodon is ${formatHours(r.lag.hours)} behind ${r.ref} of ${r.upstream}, past the ${r.maxLagHours} h goal: ${freshnessLine(r)}; deploy a newer build (or raise max-lag)`;
}
var MARK = { ok: "\u2705 within goal", warn: "\u26A0\uFE0F past goal", fail: "\u274C past goal" };
function freshnessMarkdown(r, heading = "### Freshness") {
  const link = (sha, url) => url ? `[\`${sha.slice(0, 7)}\`](${url})` : `\`${sha.slice(0, 7)}\``;
  const rows = [
    ["Deployed", `${link(r.deployed.sha, r.deployedUrl)} (${r.deployed.date})`],
    ["Upstream", `${link(r.head.sha, r.headUrl)} (${r.head.date}) on ${cell(r.ref)} of ${cell(r.upstream)}`],
    [
      "Behind",
      r.lag.behind === 0 ? "nothing: the deployed commit is the newest" : `${r.lag.behind} commit${r.lag.behind === 1 ? "" : "s"}${r.compareUrl ? ` ([compare](${r.compareUrl}))` : ""}; oldest missing \`${r.lag.oldest.sha.slice(0, 7)}\` from ${r.oldestMissingDate}`
    ],
    ["Lag", `${formatHours(r.lag.hours)} (goal ${r.maxLagHours} h): ${MARK[r.status]}`]
  ];
  return [heading, "", "| | |", "| --- | --- |", ...rows.map(([a, b]) => `| ${a} | ${b} |`), ""].join("\n");
}
var DEPTHS = [100, 1e3, 1e4];
var locks = /* @__PURE__ */ new Map();
function locked(key, fn) {
  const prev = locks.get(key) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(
    key,
    next.catch(() => void 0)
  );
  return next;
}
function defaultCacheDir(repository) {
  const base = process.env.RUNNER_TEMP || (0, import_node_os3.tmpdir)();
  const id = (0, import_node_crypto2.createHash)("sha256").update(redactUrl(repository)).digest("hex").slice(0, 12);
  return import_node_path8.default.join(base, `offmain-upstream-${id}`);
}
var UpstreamHistory = class _UpstreamHistory {
  constructor(dir, repository, ref, auth2) {
    this.dir = dir;
    this.repository = repository;
    this.ref = ref;
    this.auth = auth2;
  }
  dir;
  repository;
  ref;
  auth;
  step = 0;
  complete = false;
  get tracking() {
    return `refs/remotes/origin/${this.ref}`;
  }
  static async open(opts) {
    const ref = opts.ref?.trim() || "main";
    if (!isValidBranchName(ref)) throw new OffmainError(`upstream ref "${ref}" is not a valid branch name: pass a branch such as main`);
    let repository = opts.repository?.trim();
    let dir;
    if (opts.dir) {
      dir = import_node_path8.default.resolve(opts.dir);
      if (!(0, import_node_fs6.existsSync)(import_node_path8.default.join(dir, ".git")) && !(0, import_node_fs6.existsSync)(import_node_path8.default.join(dir, "HEAD"))) {
        throw new OffmainError(`upstream path ${dir} is not a git checkout: pass the patch step's path output, or leave it empty`);
      }
      if (!repository) {
        const r = await git(["remote", "get-url", "origin"], { cwd: dir, allowFailure: true });
        repository = r.stdout.trim();
        if (r.code !== 0 || !repository) {
          throw new OffmainError(`upstream path ${dir} has no origin remote: pass the upstream repository too`);
        }
      }
    } else {
      if (!repository) throw new OffmainError("no upstream repository given: pass the upstream git URL");
      dir = import_node_path8.default.resolve(opts.cacheDir ?? defaultCacheDir(repository));
    }
    const secrets = opts.token ? [opts.token] : [];
    let fetchUrl = repository;
    let env;
    if (isLocalPath(repository)) {
      fetchUrl = import_node_path8.default.resolve(repository);
    } else {
      const cred = splitCredentials(repository);
      fetchUrl = cred.url;
      if (cred.password) secrets.push(cred.password);
      if (!opts.token && (cred.username || cred.password)) {
        const basic = Buffer.from(`${cred.username ?? ""}:${cred.password ?? ""}`).toString("base64");
        env = { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "http.extraheader", GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` };
      }
    }
    const history = new _UpstreamHistory(dir, redactUrl(repository), ref, { token: opts.token, env, secrets });
    await locked(dir, async () => {
      if (!opts.dir && !(0, import_node_fs6.existsSync)(import_node_path8.default.join(dir, "HEAD"))) {
        await (0, import_promises8.mkdir)(dir, { recursive: true });
        await git(["init", "-q", "--bare", dir]);
      }
      const has = await git(["remote", "get-url", "origin"], { cwd: dir, allowFailure: true });
      if (has.code !== 0) await git(["remote", "add", "origin", fetchUrl], { cwd: dir });
      else if (!opts.dir && has.stdout.trim() !== fetchUrl) await git(["remote", "set-url", "origin", fetchUrl], { cwd: dir });
    });
    await history.fetch();
    return history;
  }
  run(args, allowFailure = false) {
    return git(args, { cwd: this.dir, token: this.auth.token, env: this.auth.env, allowFailure });
  }
  async isShallow() {
    return (await this.run(["rev-parse", "--is-shallow-repository"])).stdout.trim() === "true";
  }
  /** Fetches the branch at the current depth step (or everything new, once complete). */
  async fetch() {
    await locked(this.dir, async () => {
      const args = ["fetch", "-q", "--no-tags", "--no-write-fetch-head", "--filter=blob:none"];
      const hadRef = (await this.run(["rev-parse", "--verify", "-q", this.tracking], true)).code === 0;
      if (hadRef && !await this.isShallow()) this.complete = true;
      if (!this.complete) {
        const depth = DEPTHS[this.step];
        if (depth !== void 0) args.push(`--depth=${depth}`);
        else if (await this.isShallow()) args.push("--unshallow");
      }
      args.push("origin", `+refs/heads/${this.ref}:${this.tracking}`);
      let r = await this.run(args, true);
      if (r.code !== 0 && /lock|already exists/i.test(r.stderr)) r = await this.run(args, true);
      if (r.code !== 0) {
        const why = redactText(
          (r.stderr.split("\n").find((l) => l.startsWith("fatal:")) ?? r.stderr.trim().split("\n").pop() ?? `exit ${r.code}`).replace(/^fatal: /, ""),
          this.auth.secrets
        );
        if (/couldn't find remote ref/i.test(r.stderr)) {
          throw new OffmainError(`branch ${this.ref} was not found in the upstream repository ${this.repository}: check the upstream ref`);
        }
        throw new OffmainError(`cannot read the upstream repository ${this.repository} (${why}): check its URL (and token, if private)`);
      }
      if (!await this.isShallow()) this.complete = true;
    });
  }
  /** Fetches deeper; false when the whole history is already there. */
  async deepen() {
    if (this.complete) return false;
    this.step++;
    await this.fetch();
    return true;
  }
  /** The newest commit of the branch. */
  async head() {
    const sha = (await this.run(["rev-parse", "--verify", `${this.tracking}^{commit}`])).stdout.trim();
    return { sha, time: await this.commitTime(sha) };
  }
  async commitTime(sha) {
    return Number((await this.run(["show", "-s", "--format=%ct", sha])).stdout.trim());
  }
  /** A full sha, unique sha prefix, or offmain image tag -> the full sha if present locally (no lazy fetch). */
  async locate(commit) {
    const c = commit.trim().toLowerCase();
    if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(c)) {
      const seen = await this.run(["rev-list", "--missing=print", "--no-walk", c], true);
      if (seen.code !== 0 || !seen.stdout.startsWith(c)) return void 0;
      const type = await this.run(["cat-file", "-t", c], true);
      return type.stdout.trim() === "commit" ? c : void 0;
    }
    const r = await this.run(["rev-parse", "--verify", "-q", "--end-of-options", `${c}^{commit}`], true);
    if (r.code === 0) return r.stdout.trim();
    if (/ambiguous/i.test(r.stderr)) {
      throw new OffmainError(`commit ${commit} is ambiguous in ${this.repository}: pass more characters, or the full sha`);
    }
    return void 0;
  }
  /**
   * The full sha of `deployed`: a sha (7 to 40 hex digits) or an offmain image tag (`4.8.0-alpha.1_2f40549`)
   * or display version (`4.8.0-alpha.1+2f40549`). Fetches deeper until it is found on the branch.
   */
  async resolve(deployed) {
    const sha = shaOf(deployed);
    for (; ; ) {
      const found = await this.locate(sha);
      if (found && await this.contains(found)) return found;
      if (!await this.deepen()) {
        if (found) return found;
        throw new OffmainError(
          `commit ${sha.slice(0, 12)} (from "${deployed}") was not found on ${this.ref} of ${this.repository}: check the deployed commit or tag, and the upstream ref you track`
        );
      }
    }
  }
  /** Whether `sha` is in the branch's history. */
  async contains(sha) {
    return (await this.run(["merge-base", "--is-ancestor", sha, this.tracking], true)).code === 0;
  }
  /**
   * Whether the commit `older` is an ancestor of (or equal to) `newer`; sha prefixes allowed.
   * `undefined` when either is not found on the branch even in its whole history.
   */
  async isAncestor(older, newer) {
    for (; ; ) {
      const a = await this.locate(older);
      const b = await this.locate(newer);
      if (a && b && await this.contains(b)) {
        return (await this.run(["merge-base", "--is-ancestor", a, b], true)).code === 0;
      }
      if (!await this.deepen()) {
        if (a && b) return (await this.run(["merge-base", "--is-ancestor", a, b], true)).code === 0;
        return void 0;
      }
    }
  }
  /** First-parent commits of the branch that `deployed` (a full sha on the branch) lacks, oldest first. */
  async notDeployed(deployed) {
    const r = await this.run(["rev-list", "--first-parent", "--reverse", "--format=%ct", `${deployed}..${this.tracking}`]);
    const out = [];
    const lines = r.stdout.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const m = /^commit ([0-9a-f]{40,64})$/.exec(lines[i]);
      if (m) out.push({ sha: m[1], time: Number(lines[++i]) });
    }
    return out;
  }
};
function shaOf(deployed) {
  const d = deployed.trim();
  if (/^[0-9a-fA-F]{7,64}$/.test(d)) return d.toLowerCase();
  const tag = parseImageTag(d.replace("+", "_"));
  if (tag) return tag.shortSha;
  throw new OffmainError(
    `"${deployed}" is neither a commit sha nor an offmain image tag: pass a sha (7 to 40 hex digits) or a tag such as 4.8.0-alpha.1_2f40549`
  );
}
async function freshness(opts) {
  const maxLagHours = opts.maxLagHours ?? DEFAULT_MAX_LAG_HOURS;
  if (!Number.isFinite(maxLagHours) || maxLagHours < 0) {
    throw new OffmainError(`max-lag "${opts.maxLagHours}" is not a number of hours: pass e.g. 48`);
  }
  const history = opts.history ?? await UpstreamHistory.open(opts);
  const deployedSha = await history.resolve(opts.deployed);
  const head = await history.head();
  const onBranch = await history.isAncestor(deployedSha, head.sha) === true;
  const missing = await history.notDeployed(deployedSha);
  const now = opts.now ?? /* @__PURE__ */ new Date();
  const lag = computeLag(missing, now);
  const deployedTime = await history.commitTime(deployedSha);
  const report = {
    upstream: history.repository,
    ref: history.ref,
    head: { ...head, date: isoUtc(head.time) },
    deployed: { sha: deployedSha, time: deployedTime, date: isoUtc(deployedTime) },
    lag,
    maxLagHours,
    status: assessFreshness(lag, maxLagHours, opts.warnOnly),
    now: now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    onBranch
  };
  if (lag.oldest) report.oldestMissingDate = isoUtc(lag.oldest.time);
  const cmp = lag.behind ? compareUrl(history.repository, deployedSha, head.sha) : void 0;
  if (cmp) report.compareUrl = cmp;
  const du = commitUrl(history.repository, deployedSha);
  if (du) report.deployedUrl = du;
  const hu = commitUrl(history.repository, head.sha);
  if (hu) report.headUrl = hu;
  return report;
}

// node_modules/universal-user-agent/index.js
function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }
  if (typeof process === "object" && process.version !== void 0) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${process.arch})`;
  }
  return "<environment undetectable>";
}

// node_modules/before-after-hook/lib/register.js
function register(state, name, method, options2) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }
  if (!options2) {
    options2 = {};
  }
  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name2) => {
      return register.bind(null, state, name2, callback, options2);
    }, method)();
  }
  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options2);
    }
    return state.registry[name].reduce((method2, registered) => {
      return registered.hook.bind(null, method2, options2);
    }, method)();
  });
}

// node_modules/before-after-hook/lib/add.js
function addHook(state, kind, name, hook2) {
  const orig = hook2;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }
  if (kind === "before") {
    hook2 = (method, options2) => {
      return Promise.resolve().then(orig.bind(null, options2)).then(method.bind(null, options2));
    };
  }
  if (kind === "after") {
    hook2 = (method, options2) => {
      let result;
      return Promise.resolve().then(method.bind(null, options2)).then((result_) => {
        result = result_;
        return orig(result, options2);
      }).then(() => {
        return result;
      });
    };
  }
  if (kind === "error") {
    hook2 = (method, options2) => {
      return Promise.resolve().then(method.bind(null, options2)).catch((error) => {
        return orig(error, options2);
      });
    };
  }
  state.registry[name].push({
    hook: hook2,
    orig
  });
}

// node_modules/before-after-hook/lib/remove.js
function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }
  const index = state.registry[name].map((registered) => {
    return registered.orig;
  }).indexOf(method);
  if (index === -1) {
    return;
  }
  state.registry[name].splice(index, 1);
}

// node_modules/before-after-hook/index.js
var bind = Function.bind;
var bindable = bind.bind(bind);
function bindApi(hook2, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    name ? [state, name] : [state]
  );
  hook2.api = { remove: removeHookRef };
  hook2.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = name ? [state, kind, name] : [state, kind];
    hook2[kind] = hook2.api[kind] = bindable(addHook, null).apply(null, args);
  });
}
function Singular() {
  const singularHookName = /* @__PURE__ */ Symbol("Singular");
  const singularHookState = {
    registry: {}
  };
  const singularHook = register.bind(null, singularHookState, singularHookName);
  bindApi(singularHook, singularHookState, singularHookName);
  return singularHook;
}
function Collection() {
  const state = {
    registry: {}
  };
  const hook2 = register.bind(null, state);
  bindApi(hook2, state);
  return hook2;
}
var before_after_hook_default = { Singular, Collection };

// node_modules/@octokit/endpoint/dist-bundle/index.js
var VERSION = "0.0.0-development";
var userAgent = `octokit-endpoint.js/${VERSION} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
function mergeDeep(defaults, options2) {
  const result = Object.assign({}, defaults);
  Object.keys(options2).forEach((key) => {
    if (isPlainObject(options2[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options2[key] });
      else result[key] = mergeDeep(defaults[key], options2[key]);
    } else {
      Object.assign(result, { [key]: options2[key] });
    }
  });
  return result;
}
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}
function merge(defaults, route, options2) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options2 = Object.assign(url ? { method, url } : { url: method }, options2);
  } else {
    options2 = Object.assign({}, route);
  }
  options2.headers = lowercaseKeys(options2.headers);
  removeUndefinedProperties(options2);
  removeUndefinedProperties(options2.headers);
  const mergedOptions = mergeDeep(defaults || {}, options2);
  if (options2.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values2 = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values2.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values2.length !== 0 ? operator : "") + values2.join(separator);
        } else {
          return values2.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}
function parse(options2) {
  let method = options2.method.toUpperCase();
  let url = (options2.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options2.headers);
  let body;
  let parameters = omit(options2, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options2.baseUrl + url;
  }
  const omittedParameters = Object.keys(options2).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options2.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options2.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options2.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options2.mediaType.previews).map((preview) => {
          const format = options2.mediaType.format ? `.${options2.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options2.request ? { request: options2.request } : null
  );
}
function endpointWithDefaults(defaults, route, options2) {
  return parse(merge(defaults, route, options2));
}
function withDefaults(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse
  });
}
var endpoint = withDefaults(null, DEFAULTS);

// node_modules/content-type/dist/index.js
var SP = 32;
var HTAB = 9;
var SEMI = 59;
var EQ = 61;
var DQUOTE = 34;
var BSLASH = 92;
var COMMA = 44;
var LOWER_CASE = 1;
var OWS = 2;
var SEMI_FLAG = 4;
var COMMA_FLAG = 8;
var TOKEN_FLAG = 16;
var NON_ASCII = 65280;
var CASE_FLAGS = LOWER_CASE | NON_ASCII;
var CHAR_MAP = new Uint8Array(256);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 128; code <= 255; code++) {
  CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
  CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 48; code <= 57; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 65; code <= 90; code++) {
  CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 97; code <= 122; code++) {
  CHAR_MAP[code] |= TOKEN_FLAG;
}
var NullObject = /* @__PURE__ */ (() => {
  const C = function() {
  };
  C.prototype = /* @__PURE__ */ Object.create(null);
  return C;
})();
function parse2(header, options2) {
  const stopFlags = SEMI_FLAG | (options2?.comma === true ? COMMA_FLAG : 0);
  const len = header.length;
  let valueStart = options2?.start ?? 0;
  while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
    valueStart++;
  }
  let index = valueStart;
  let typeFlags = 0;
  let whitespace = -1;
  let stop = options2?.parameters === false ? COMMA_FLAG : 0;
  while (index < len) {
    const code = header.charCodeAt(index);
    const flags = CHAR_MAP[code];
    if ((flags & stopFlags) !== 0) {
      stop |= flags & COMMA_FLAG;
      break;
    }
    if ((flags & OWS) !== 0) {
      if (whitespace === -1)
        whitespace = index;
    } else {
      whitespace = -1;
    }
    typeFlags |= code & NON_ASCII | flags;
    index++;
  }
  const valueEnd = whitespace === -1 ? index : whitespace;
  const value = header.slice(valueStart, valueEnd);
  const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
  if (index === len || stop !== 0) {
    return { type, index, parameters: new NullObject() };
  }
  return parseParameters(header, type, index, len, stopFlags);
}
function parseParameters(header, type, index, len, stopFlags) {
  const parameters = new NullObject();
  parameter: while (index < len) {
    index++;
    while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
      index++;
    }
    const keyStart = index;
    let keyFlags = 0;
    let keyWhitespace = -1;
    while (index < len) {
      const code = header.charCodeAt(index);
      const flags = CHAR_MAP[code];
      if ((flags & stopFlags) !== 0) {
        if ((flags & COMMA_FLAG) !== 0)
          break parameter;
        continue parameter;
      }
      if (code === EQ) {
        const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
        const value = header.slice(keyStart, keyEnd);
        const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
        index++;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
          index++;
        }
        if (index < len && header.charCodeAt(index) === DQUOTE) {
          const quotedStart = ++index;
          let escaped = false;
          while (index < len) {
            const code2 = header.charCodeAt(index);
            if (code2 === DQUOTE) {
              if (parameters[key] === void 0) {
                parameters[key] = escaped ? unescapeQuotedPairs(header, quotedStart, index) : header.slice(quotedStart, index);
              }
              index++;
              let stop2 = 0;
              while (index < len) {
                const code3 = header.charCodeAt(index);
                const flags2 = CHAR_MAP[code3];
                if ((flags2 & stopFlags) !== 0) {
                  stop2 = flags2 & COMMA_FLAG;
                  break;
                }
                index++;
              }
              if (stop2 !== 0)
                break parameter;
              continue parameter;
            }
            if (code2 === BSLASH && index + 1 < len) {
              escaped = true;
              index += 2;
              continue;
            }
            index++;
          }
          continue parameter;
        }
        const valueStart = index;
        let stop = 0;
        let valueWhitespace = -1;
        while (index < len) {
          const code2 = header.charCodeAt(index);
          const flags2 = CHAR_MAP[code2];
          if ((flags2 & stopFlags) !== 0) {
            stop = flags2 & COMMA_FLAG;
            break;
          }
          if ((flags2 & OWS) !== 0) {
            if (valueWhitespace === -1)
              valueWhitespace = index;
          } else {
            valueWhitespace = -1;
          }
          index++;
        }
        if (parameters[key] === void 0) {
          const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
          parameters[key] = header.slice(valueStart, valueEnd);
        }
        if (stop !== 0)
          break parameter;
        continue parameter;
      }
      if ((flags & OWS) !== 0) {
        if (keyWhitespace === -1)
          keyWhitespace = index;
      } else {
        keyWhitespace = -1;
      }
      keyFlags |= code & NON_ASCII | flags;
      index++;
    }
  }
  return { type, index, parameters };
}
function unescapeQuotedPairs(str, start, end) {
  let result = "";
  for (let index = start; index < end; index++) {
    if (str.charCodeAt(index) === BSLASH) {
      result += str.slice(start, index);
      start = ++index;
    }
  }
  return result + str.slice(start, end);
}

// node_modules/json-with-bigint/json-with-bigint.js
var intRegex = /^-?\d+$/;
var noiseValue = /^-?\d+n+$/;
var originalStringify = JSON.stringify;
var originalParse = JSON.parse;
var customFormat = /^-?\d+n$/;
var bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
var noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;
var isUnstringifiable = (val) => val === void 0 || typeof val === "function" || typeof val === "symbol";
var isRawJSON = (val) => val !== null && typeof val === "object" && val.constructor && val.constructor.name === "RawJSON";
var stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  if (typeof spaceParam === "number") {
    space = " ".repeat(Math.min(10, Math.max(0, Math.floor(spaceParam))));
  } else if (typeof spaceParam === "string") {
    space = spaceParam.slice(0, 10);
  }
  const isFunctionReplacer = typeof replacer === "function";
  const propertyList = Array.isArray(replacer) ? new Set(replacer.map(String)) : null;
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";
    if (hasToJSON) {
      val = val.toJSON(key);
    }
    const isNoise = typeof val === "string" && noiseValue.test(val);
    if (isNoise) return val + "n";
    const isBigInt = typeof val === "bigint";
    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return JSON.rawJSON(val.toString());
      return val.toString() + "n";
    }
    if (isFunctionReplacer) {
      val = replacer.call(parent, key, val);
    }
    const isPostReplacerObject = val !== null && typeof val === "object";
    if (isPostReplacerObject) {
      const isPrimitiveWrapper = val instanceof Number || val instanceof String || val instanceof Boolean;
      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }
    return val;
  };
  const rootProcessed = prepareVal({ "": rootValue }, "", rootValue);
  if (isUnstringifiable(rootProcessed)) {
    return void 0;
  }
  const isRootPrimitive = rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);
  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }
  const chunks = [];
  let level = 0;
  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true
    }
  ];
  const visited = new WeakSet([rootProcessed]);
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
      level++;
    }
    let isDone = false;
    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");
        if (space) chunks.push("\n" + space.repeat(level));
        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);
        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject = childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);
          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }
            visited.add(childVal);
            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true
            });
            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];
        const isFilteredOutByArray = propertyList && !propertyList.has(k);
        if (isFilteredOutByArray) continue;
        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);
        if (isUnstringifiable(childVal)) continue;
        if (!node.first) chunks.push(",");
        if (space) {
          chunks.push("\n" + space.repeat(level) + originalStringify(k) + ": ");
        } else {
          chunks.push(originalStringify(k) + ":");
        }
        const isComplexObject = childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);
        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }
          visited.add(childVal);
          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true
          });
          node.first = false;
          break;
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }
      const isNodeFullyProcessed = node.index >= node.keys.length && stack[stack.length - 1] === node;
      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }
    if (isDone) {
      level--;
      if (!node.first && space) chunks.push("\n" + space.repeat(level));
      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }
  return chunks.join("");
};
var JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;
    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());
          const hasFunctionReplacer = typeof replacer === "function";
          if (hasFunctionReplacer) return replacer(key, val);
          const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
          if (isKeyInArrayReplacer) return val;
          return val;
        },
        space
      );
    }
    if (!value) return originalStringify(value, replacer, space);
    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);
        if (isNoise) return val.toString() + "n";
        if (typeof val === "bigint") return val.toString() + "n";
        const hasFunctionReplacer = typeof replacer === "function";
        if (hasFunctionReplacer) return replacer(key, val);
        const isKeyInArrayReplacer = Array.isArray(replacer) && replacer.includes(key);
        if (isKeyInArrayReplacer) return val;
        return val;
      },
      space
    );
    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3"
    );
    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3");
    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer, space);
      if (convertedJSON === void 0) return void 0;
      const supportsRawJSON = "rawJSON" in JSON;
      if (supportsRawJSON) return convertedJSON;
      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");
      return processedJSON.replace(noiseStringify, "$1$2$3");
    }
    throw error;
  }
};
var featureCache = /* @__PURE__ */ new Map();
var isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();
  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }
  try {
    const result = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1"
    );
    featureCache.set(parseFingerprint, result);
    return result;
  } catch {
    featureCache.set(parseFingerprint, false);
    return false;
  }
};
var convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt = typeof value === "string" && customFormat.test(value);
  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));
  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);
  const hasUserReviver = typeof userReviver === "function";
  if (!hasUserReviver) return value;
  return userReviver(key, value, context);
};
var JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds = value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;
    if (isBigInt) return BigInt(context.source);
    const hasCustomReviver = typeof reviver === "function";
    if (!hasCustomReviver) return value;
    return reviver(key, value, context);
  });
};
var MAX_INT = Number.MAX_SAFE_INTEGER.toString();
var MAX_DIGITS = MAX_INT.length;
var stringsOrLargeNumbers = /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
var noiseValueWithQuotes = /^"-?\d+n+"$/;
var applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (!node.visited) {
      node.visited = true;
      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";
      if (isComplexObject) {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];
      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);
        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);
          if (isNoise) value = value.slice(0, -1);
        }
      }
      const hasUserReviver = typeof userReviver === "function";
      if (hasUserReviver) {
        value = userReviver.call(parent, key, value);
      }
      const isDeleted = value === void 0;
      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }
      stack.pop();
    }
  }
  return rootHolder[""];
};
var serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);
      if (isNoise) return match.substring(0, match.length - 1) + 'n"';
      const hasFractionalOrExponential = fractional || exponential;
      const isLessThanMaxSafeInt = digits && (digits.length < MAX_DIGITS || digits.length === MAX_DIGITS && digits <= MAX_INT);
      const isStandardValue = isString || hasFractionalOrExponential || isLessThanMaxSafeInt;
      if (isStandardValue) return match;
      return '"' + match + 'n"';
    }
  );
};
var JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);
  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver);
    const serializedData = serializeBigInts(text);
    return originalParse(
      serializedData,
      (key, value, context) => convertMarkedBigIntsReviver(key, value, context, reviver)
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);
      return applyReviverIteratively(parsed, reviver);
    }
    throw error;
  }
};

// node_modules/@octokit/request-error/dist-src/index.js
var RequestError = class extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options2) {
    super(message, { cause: options2.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    if ("response" in options2) {
      this.response = options2.response;
    }
    const requestCopy = Object.assign({}, options2.request);
    if (options2.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options2.request.headers, {
        authorization: options2.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
};

// node_modules/@octokit/request/dist-bundle/index.js
var VERSION2 = "10.0.16";
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION2} ${getUserAgent()}`
  }
};
function isPlainObject2(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop = () => "";
async function fetchWrapper(requestOptions) {
  const fetch2 = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch2) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject2(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch2(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop);
  }
  const mimetype = parse2(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}
function withDefaults2(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: withDefaults2.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults2.bind(null, endpoint2)
  });
}
var request = withDefaults2(endpoint, defaults_default);

// node_modules/@octokit/graphql/dist-bundle/index.js
var VERSION3 = "0.0.0-development";
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options2) {
  if (options2) {
    if (typeof query === "string" && "query" in options2) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options2) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options2) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}
function withDefaults3(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options2) => {
    return graphql(newRequest, query, options2);
  };
  return Object.assign(newApi, {
    defaults: withDefaults3.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}
var graphql2 = withDefaults3(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION3} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults3(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}

// node_modules/@octokit/auth-token/dist-bundle/index.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep2 = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep2}${b64url}${sep2}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);
async function auth(token2) {
  const isApp = isJWT(token2);
  const isInstallation = token2.startsWith("v1.") || token2.startsWith("ghs_");
  const isUserToServer = token2.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token: token2,
    tokenType
  };
}
function withAuthorizationPrefix(token2) {
  if (token2.split(/\./).length === 3) {
    return `bearer ${token2}`;
  }
  return `token ${token2}`;
}
async function hook(token2, request2, route, parameters) {
  const endpoint2 = request2.endpoint.merge(
    route,
    parameters
  );
  endpoint2.headers.authorization = withAuthorizationPrefix(token2);
  return request2(endpoint2);
}
var createTokenAuth = function createTokenAuth2(token2) {
  if (!token2) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token2 !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token2 = token2.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token2), {
    hook: hook.bind(null, token2)
  });
};

// node_modules/@octokit/core/dist-src/version.js
var VERSION4 = "7.0.8";

// node_modules/@octokit/core/dist-src/index.js
var noop2 = () => {
};
var consoleWarn = console.warn.bind(console);
var consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop2;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop2;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
var userAgentTrail = `octokit-core.js/${VERSION4} ${getUserAgent()}`;
var Octokit = class {
  static VERSION = VERSION4;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options2 = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options2));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options2,
            options2.userAgent && defaults.userAgent ? {
              userAgent: `${options2.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options2 = {}) {
    const hook2 = new before_after_hook_default.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options2.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook2.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options2.userAgent ? `${options2.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options2.baseUrl) {
      requestDefaults.baseUrl = options2.baseUrl;
    }
    if (options2.previews) {
      requestDefaults.mediaType.previews = options2.previews;
    }
    if (options2.timeZone) {
      requestDefaults.headers["time-zone"] = options2.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options2.log);
    this.hook = hook2;
    if (!options2.authStrategy) {
      if (!options2.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth2 = createTokenAuth(options2.auth);
        hook2.wrap("request", auth2.hook);
        this.auth = auth2;
      }
    } else {
      const { authStrategy, ...otherOptions } = options2;
      const auth2 = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options2.auth
        )
      );
      hook2.wrap("request", auth2.hook);
      this.auth = auth2;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options2));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
};

// node_modules/@octokit/plugin-request-log/dist-src/version.js
var VERSION5 = "6.0.0";

// node_modules/@octokit/plugin-request-log/dist-src/index.js
function requestLog(octokit) {
  octokit.hook.wrap("request", (request2, options2) => {
    octokit.log.debug("request", options2);
    const start = Date.now();
    const requestOptions = octokit.request.endpoint.parse(options2);
    const path5 = requestOptions.url.replace(options2.baseUrl, "");
    return request2(options2).then((response) => {
      const requestId = response.headers["x-github-request-id"];
      octokit.log.info(
        `${requestOptions.method} ${path5} - ${response.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      return response;
    }).catch((error) => {
      const requestId = error.response?.headers["x-github-request-id"] || "UNKNOWN";
      octokit.log.error(
        `${requestOptions.method} ${path5} - ${error.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      throw error;
    });
  });
}
requestLog.VERSION = VERSION5;

// node_modules/@octokit/plugin-paginate-rest/dist-bundle/index.js
var VERSION6 = "0.0.0-development";
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}
function iterator(octokit, route, parameters) {
  const options2 = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options2.method;
  const headers = options2.headers;
  let url = options2.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}
var composePaginateRest = Object.assign(paginate, {
  iterator
});
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest.VERSION = VERSION6;

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/version.js
var VERSION7 = "17.0.0";

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/generated/endpoints.js
var Endpoints = {
  actions: {
    addCustomLabelsToSelfHostedRunnerForOrg: [
      "POST /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    addCustomLabelsToSelfHostedRunnerForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    addRepoAccessToSelfHostedRunnerGroupInOrg: [
      "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    approveWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve"
    ],
    cancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel"
    ],
    createEnvironmentVariable: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    createHostedRunnerForOrg: ["POST /orgs/{org}/actions/hosted-runners"],
    createOrUpdateEnvironmentSecret: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    createOrUpdateOrgSecret: ["PUT /orgs/{org}/actions/secrets/{secret_name}"],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    createOrgVariable: ["POST /orgs/{org}/actions/variables"],
    createRegistrationTokenForOrg: [
      "POST /orgs/{org}/actions/runners/registration-token"
    ],
    createRegistrationTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/registration-token"
    ],
    createRemoveTokenForOrg: ["POST /orgs/{org}/actions/runners/remove-token"],
    createRemoveTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/remove-token"
    ],
    createRepoVariable: ["POST /repos/{owner}/{repo}/actions/variables"],
    createWorkflowDispatch: [
      "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
    ],
    deleteActionsCacheById: [
      "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
    ],
    deleteActionsCacheByKey: [
      "DELETE /repos/{owner}/{repo}/actions/caches{?key,ref}"
    ],
    deleteArtifact: [
      "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"
    ],
    deleteCustomImageFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    deleteCustomImageVersionFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    deleteEnvironmentSecret: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    deleteEnvironmentVariable: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    deleteHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/actions/secrets/{secret_name}"],
    deleteOrgVariable: ["DELETE /orgs/{org}/actions/variables/{name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    deleteRepoVariable: [
      "DELETE /repos/{owner}/{repo}/actions/variables/{name}"
    ],
    deleteSelfHostedRunnerFromOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}"
    ],
    deleteSelfHostedRunnerFromRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    deleteWorkflowRun: ["DELETE /repos/{owner}/{repo}/actions/runs/{run_id}"],
    deleteWorkflowRunLogs: [
      "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    disableSelectedRepositoryGithubActionsOrganization: [
      "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    disableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable"
    ],
    downloadArtifact: [
      "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"
    ],
    downloadJobLogsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs"
    ],
    downloadWorkflowRunAttemptLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs"
    ],
    downloadWorkflowRunLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    enableSelectedRepositoryGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    enableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable"
    ],
    forceCancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel"
    ],
    generateRunnerJitconfigForOrg: [
      "POST /orgs/{org}/actions/runners/generate-jitconfig"
    ],
    generateRunnerJitconfigForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig"
    ],
    getActionsCacheList: ["GET /repos/{owner}/{repo}/actions/caches"],
    getActionsCacheUsage: ["GET /repos/{owner}/{repo}/actions/cache/usage"],
    getActionsCacheUsageByRepoForOrg: [
      "GET /orgs/{org}/actions/cache/usage-by-repository"
    ],
    getActionsCacheUsageForOrg: ["GET /orgs/{org}/actions/cache/usage"],
    getAllowedActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/selected-actions"
    ],
    getAllowedActionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    getArtifact: ["GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"],
    getCustomImageForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    getCustomImageVersionForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    getCustomOidcSubClaimForRepo: [
      "GET /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    getEnvironmentPublicKey: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"
    ],
    getEnvironmentSecret: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    getEnvironmentVariable: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    getGithubActionsDefaultWorkflowPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions/workflow"
    ],
    getGithubActionsDefaultWorkflowPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    getGithubActionsPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions"
    ],
    getGithubActionsPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions"
    ],
    getHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    getHostedRunnersGithubOwnedImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/github-owned"
    ],
    getHostedRunnersLimitsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/limits"
    ],
    getHostedRunnersMachineSpecsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/machine-sizes"
    ],
    getHostedRunnersPartnerImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/partner"
    ],
    getHostedRunnersPlatformsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/platforms"
    ],
    getJobForWorkflowRun: ["GET /repos/{owner}/{repo}/actions/jobs/{job_id}"],
    getOrgPublicKey: ["GET /orgs/{org}/actions/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/actions/secrets/{secret_name}"],
    getOrgVariable: ["GET /orgs/{org}/actions/variables/{name}"],
    getPendingDeploymentsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    getRepoPermissions: [
      "GET /repos/{owner}/{repo}/actions/permissions",
      {},
      { renamed: ["actions", "getGithubActionsPermissionsRepository"] }
    ],
    getRepoPublicKey: ["GET /repos/{owner}/{repo}/actions/secrets/public-key"],
    getRepoSecret: ["GET /repos/{owner}/{repo}/actions/secrets/{secret_name}"],
    getRepoVariable: ["GET /repos/{owner}/{repo}/actions/variables/{name}"],
    getReviewsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals"
    ],
    getSelfHostedRunnerForOrg: ["GET /orgs/{org}/actions/runners/{runner_id}"],
    getSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    getWorkflow: ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}"],
    getWorkflowAccessToRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/access"
    ],
    getWorkflowRun: ["GET /repos/{owner}/{repo}/actions/runs/{run_id}"],
    getWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}"
    ],
    getWorkflowRunUsage: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing"
    ],
    getWorkflowUsage: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing"
    ],
    listArtifactsForRepo: ["GET /repos/{owner}/{repo}/actions/artifacts"],
    listCustomImageVersionsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions"
    ],
    listCustomImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom"
    ],
    listEnvironmentSecrets: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets"
    ],
    listEnvironmentVariables: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    listGithubHostedRunnersInGroupForOrg: [
      "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners"
    ],
    listHostedRunnersForOrg: ["GET /orgs/{org}/actions/hosted-runners"],
    listJobsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"
    ],
    listJobsForWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"
    ],
    listLabelsForSelfHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    listLabelsForSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    listOrgSecrets: ["GET /orgs/{org}/actions/secrets"],
    listOrgVariables: ["GET /orgs/{org}/actions/variables"],
    listRepoOrganizationSecrets: [
      "GET /repos/{owner}/{repo}/actions/organization-secrets"
    ],
    listRepoOrganizationVariables: [
      "GET /repos/{owner}/{repo}/actions/organization-variables"
    ],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/actions/secrets"],
    listRepoVariables: ["GET /repos/{owner}/{repo}/actions/variables"],
    listRepoWorkflows: ["GET /repos/{owner}/{repo}/actions/workflows"],
    listRunnerApplicationsForOrg: ["GET /orgs/{org}/actions/runners/downloads"],
    listRunnerApplicationsForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/downloads"
    ],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    listSelectedReposForOrgVariable: [
      "GET /orgs/{org}/actions/variables/{name}/repositories"
    ],
    listSelectedRepositoriesEnabledGithubActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/repositories"
    ],
    listSelfHostedRunnersForOrg: ["GET /orgs/{org}/actions/runners"],
    listSelfHostedRunnersForRepo: ["GET /repos/{owner}/{repo}/actions/runners"],
    listWorkflowRunArtifacts: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"
    ],
    listWorkflowRuns: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"
    ],
    listWorkflowRunsForRepo: ["GET /repos/{owner}/{repo}/actions/runs"],
    reRunJobForWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun"
    ],
    reRunWorkflow: ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun"],
    reRunWorkflowFailedJobs: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    removeCustomLabelFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeCustomLabelFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgVariable: [
      "DELETE /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    reviewCustomGatesForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule"
    ],
    reviewPendingDeploymentsForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    setAllowedActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/selected-actions"
    ],
    setAllowedActionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    setCustomLabelsForSelfHostedRunnerForOrg: [
      "PUT /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    setCustomLabelsForSelfHostedRunnerForRepo: [
      "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    setCustomOidcSubClaimForRepo: [
      "PUT /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    setGithubActionsDefaultWorkflowPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/workflow"
    ],
    setGithubActionsDefaultWorkflowPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    setGithubActionsPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions"
    ],
    setGithubActionsPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories"
    ],
    setSelectedRepositoriesEnabledGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories"
    ],
    setWorkflowAccessToRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/access"
    ],
    updateEnvironmentVariable: [
      "PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    updateHostedRunnerForOrg: [
      "PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    updateOrgVariable: ["PATCH /orgs/{org}/actions/variables/{name}"],
    updateRepoVariable: [
      "PATCH /repos/{owner}/{repo}/actions/variables/{name}"
    ]
  },
  activity: {
    checkRepoIsStarredByAuthenticatedUser: ["GET /user/starred/{owner}/{repo}"],
    deleteRepoSubscription: ["DELETE /repos/{owner}/{repo}/subscription"],
    deleteThreadSubscription: [
      "DELETE /notifications/threads/{thread_id}/subscription"
    ],
    getFeeds: ["GET /feeds"],
    getRepoSubscription: ["GET /repos/{owner}/{repo}/subscription"],
    getThread: ["GET /notifications/threads/{thread_id}"],
    getThreadSubscriptionForAuthenticatedUser: [
      "GET /notifications/threads/{thread_id}/subscription"
    ],
    listEventsForAuthenticatedUser: ["GET /users/{username}/events"],
    listNotificationsForAuthenticatedUser: ["GET /notifications"],
    listOrgEventsForAuthenticatedUser: [
      "GET /users/{username}/events/orgs/{org}"
    ],
    listPublicEvents: ["GET /events"],
    listPublicEventsForRepoNetwork: ["GET /networks/{owner}/{repo}/events"],
    listPublicEventsForUser: ["GET /users/{username}/events/public"],
    listPublicOrgEvents: ["GET /orgs/{org}/events"],
    listReceivedEventsForUser: ["GET /users/{username}/received_events"],
    listReceivedPublicEventsForUser: [
      "GET /users/{username}/received_events/public"
    ],
    listRepoEvents: ["GET /repos/{owner}/{repo}/events"],
    listRepoNotificationsForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/notifications"
    ],
    listReposStarredByAuthenticatedUser: ["GET /user/starred"],
    listReposStarredByUser: ["GET /users/{username}/starred"],
    listReposWatchedByUser: ["GET /users/{username}/subscriptions"],
    listStargazersForRepo: ["GET /repos/{owner}/{repo}/stargazers"],
    listWatchedReposForAuthenticatedUser: ["GET /user/subscriptions"],
    listWatchersForRepo: ["GET /repos/{owner}/{repo}/subscribers"],
    markNotificationsAsRead: ["PUT /notifications"],
    markRepoNotificationsAsRead: ["PUT /repos/{owner}/{repo}/notifications"],
    markThreadAsDone: ["DELETE /notifications/threads/{thread_id}"],
    markThreadAsRead: ["PATCH /notifications/threads/{thread_id}"],
    setRepoSubscription: ["PUT /repos/{owner}/{repo}/subscription"],
    setThreadSubscription: [
      "PUT /notifications/threads/{thread_id}/subscription"
    ],
    starRepoForAuthenticatedUser: ["PUT /user/starred/{owner}/{repo}"],
    unstarRepoForAuthenticatedUser: ["DELETE /user/starred/{owner}/{repo}"]
  },
  apps: {
    addRepoToInstallation: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "addRepoToInstallationForAuthenticatedUser"] }
    ],
    addRepoToInstallationForAuthenticatedUser: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    checkToken: ["POST /applications/{client_id}/token"],
    createFromManifest: ["POST /app-manifests/{code}/conversions"],
    createInstallationAccessToken: [
      "POST /app/installations/{installation_id}/access_tokens"
    ],
    deleteAuthorization: ["DELETE /applications/{client_id}/grant"],
    deleteInstallation: ["DELETE /app/installations/{installation_id}"],
    deleteToken: ["DELETE /applications/{client_id}/token"],
    getAuthenticated: ["GET /app"],
    getBySlug: ["GET /apps/{app_slug}"],
    getInstallation: ["GET /app/installations/{installation_id}"],
    getOrgInstallation: ["GET /orgs/{org}/installation"],
    getRepoInstallation: ["GET /repos/{owner}/{repo}/installation"],
    getSubscriptionPlanForAccount: [
      "GET /marketplace_listing/accounts/{account_id}"
    ],
    getSubscriptionPlanForAccountStubbed: [
      "GET /marketplace_listing/stubbed/accounts/{account_id}"
    ],
    getUserInstallation: ["GET /users/{username}/installation"],
    getWebhookConfigForApp: ["GET /app/hook/config"],
    getWebhookDelivery: ["GET /app/hook/deliveries/{delivery_id}"],
    listAccountsForPlan: ["GET /marketplace_listing/plans/{plan_id}/accounts"],
    listAccountsForPlanStubbed: [
      "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts"
    ],
    listInstallationReposForAuthenticatedUser: [
      "GET /user/installations/{installation_id}/repositories"
    ],
    listInstallationRequestsForAuthenticatedApp: [
      "GET /app/installation-requests"
    ],
    listInstallations: ["GET /app/installations"],
    listInstallationsForAuthenticatedUser: ["GET /user/installations"],
    listPlans: ["GET /marketplace_listing/plans"],
    listPlansStubbed: ["GET /marketplace_listing/stubbed/plans"],
    listReposAccessibleToInstallation: ["GET /installation/repositories"],
    listSubscriptionsForAuthenticatedUser: ["GET /user/marketplace_purchases"],
    listSubscriptionsForAuthenticatedUserStubbed: [
      "GET /user/marketplace_purchases/stubbed"
    ],
    listWebhookDeliveries: ["GET /app/hook/deliveries"],
    redeliverWebhookDelivery: [
      "POST /app/hook/deliveries/{delivery_id}/attempts"
    ],
    removeRepoFromInstallation: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "removeRepoFromInstallationForAuthenticatedUser"] }
    ],
    removeRepoFromInstallationForAuthenticatedUser: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    resetToken: ["PATCH /applications/{client_id}/token"],
    revokeInstallationAccessToken: ["DELETE /installation/token"],
    scopeToken: ["POST /applications/{client_id}/token/scoped"],
    suspendInstallation: ["PUT /app/installations/{installation_id}/suspended"],
    unsuspendInstallation: [
      "DELETE /app/installations/{installation_id}/suspended"
    ],
    updateWebhookConfigForApp: ["PATCH /app/hook/config"]
  },
  billing: {
    getGithubActionsBillingOrg: ["GET /orgs/{org}/settings/billing/actions"],
    getGithubActionsBillingUser: [
      "GET /users/{username}/settings/billing/actions"
    ],
    getGithubBillingPremiumRequestUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/premium_request/usage"
    ],
    getGithubBillingPremiumRequestUsageReportUser: [
      "GET /users/{username}/settings/billing/premium_request/usage"
    ],
    getGithubBillingUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/usage"
    ],
    getGithubBillingUsageReportUser: [
      "GET /users/{username}/settings/billing/usage"
    ],
    getGithubPackagesBillingOrg: ["GET /orgs/{org}/settings/billing/packages"],
    getGithubPackagesBillingUser: [
      "GET /users/{username}/settings/billing/packages"
    ],
    getSharedStorageBillingOrg: [
      "GET /orgs/{org}/settings/billing/shared-storage"
    ],
    getSharedStorageBillingUser: [
      "GET /users/{username}/settings/billing/shared-storage"
    ]
  },
  campaigns: {
    createCampaign: ["POST /orgs/{org}/campaigns"],
    deleteCampaign: ["DELETE /orgs/{org}/campaigns/{campaign_number}"],
    getCampaignSummary: ["GET /orgs/{org}/campaigns/{campaign_number}"],
    listOrgCampaigns: ["GET /orgs/{org}/campaigns"],
    updateCampaign: ["PATCH /orgs/{org}/campaigns/{campaign_number}"]
  },
  checks: {
    create: ["POST /repos/{owner}/{repo}/check-runs"],
    createSuite: ["POST /repos/{owner}/{repo}/check-suites"],
    get: ["GET /repos/{owner}/{repo}/check-runs/{check_run_id}"],
    getSuite: ["GET /repos/{owner}/{repo}/check-suites/{check_suite_id}"],
    listAnnotations: [
      "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"
    ],
    listForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-runs"],
    listForSuite: [
      "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs"
    ],
    listSuitesForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-suites"],
    rerequestRun: [
      "POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest"
    ],
    rerequestSuite: [
      "POST /repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest"
    ],
    setSuitesPreferences: [
      "PATCH /repos/{owner}/{repo}/check-suites/preferences"
    ],
    update: ["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]
  },
  codeScanning: {
    commitAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix/commits"
    ],
    createAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    createVariantAnalysis: [
      "POST /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses"
    ],
    deleteAnalysis: [
      "DELETE /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}{?confirm_delete}"
    ],
    deleteCodeqlDatabase: [
      "DELETE /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
      {},
      { renamedParameters: { alert_id: "alert_number" } }
    ],
    getAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}"
    ],
    getAutofix: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    getCodeqlDatabase: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getDefaultSetup: ["GET /repos/{owner}/{repo}/code-scanning/default-setup"],
    getSarif: ["GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}"],
    getVariantAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}"
    ],
    getVariantAnalysisRepoTask: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}/repos/{repo_owner}/{repo_name}"
    ],
    listAlertInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/code-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/code-scanning/alerts"],
    listAlertsInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
      {},
      { renamed: ["codeScanning", "listAlertInstances"] }
    ],
    listCodeqlDatabases: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases"
    ],
    listRecentAnalyses: ["GET /repos/{owner}/{repo}/code-scanning/analyses"],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}"
    ],
    updateDefaultSetup: [
      "PATCH /repos/{owner}/{repo}/code-scanning/default-setup"
    ],
    uploadSarif: ["POST /repos/{owner}/{repo}/code-scanning/sarifs"]
  },
  codeSecurity: {
    attachConfiguration: [
      "POST /orgs/{org}/code-security/configurations/{configuration_id}/attach"
    ],
    attachEnterpriseConfiguration: [
      "POST /enterprises/{enterprise}/code-security/configurations/{configuration_id}/attach"
    ],
    createConfiguration: ["POST /orgs/{org}/code-security/configurations"],
    createConfigurationForEnterprise: [
      "POST /enterprises/{enterprise}/code-security/configurations"
    ],
    deleteConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    deleteConfigurationForEnterprise: [
      "DELETE /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    detachConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/detach"
    ],
    getConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    getConfigurationForRepository: [
      "GET /repos/{owner}/{repo}/code-security-configuration"
    ],
    getConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations"
    ],
    getConfigurationsForOrg: ["GET /orgs/{org}/code-security/configurations"],
    getDefaultConfigurations: [
      "GET /orgs/{org}/code-security/configurations/defaults"
    ],
    getDefaultConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/defaults"
    ],
    getRepositoriesForConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories"
    ],
    getRepositoriesForEnterpriseConfiguration: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories"
    ],
    getSingleConfigurationForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    setConfigurationAsDefault: [
      "PUT /orgs/{org}/code-security/configurations/{configuration_id}/defaults"
    ],
    setConfigurationAsDefaultForEnterprise: [
      "PUT /enterprises/{enterprise}/code-security/configurations/{configuration_id}/defaults"
    ],
    updateConfiguration: [
      "PATCH /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    updateEnterpriseConfiguration: [
      "PATCH /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ]
  },
  codesOfConduct: {
    getAllCodesOfConduct: ["GET /codes_of_conduct"],
    getConductCode: ["GET /codes_of_conduct/{key}"]
  },
  codespaces: {
    addRepositoryForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    checkPermissionsForDevcontainer: [
      "GET /repos/{owner}/{repo}/codespaces/permissions_check"
    ],
    codespaceMachinesForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/machines"
    ],
    createForAuthenticatedUser: ["POST /user/codespaces"],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}"
    ],
    createWithPrForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/codespaces"
    ],
    createWithRepoForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/codespaces"
    ],
    deleteForAuthenticatedUser: ["DELETE /user/codespaces/{codespace_name}"],
    deleteFromOrganization: [
      "DELETE /orgs/{org}/members/{username}/codespaces/{codespace_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/codespaces/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    deleteSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}"
    ],
    exportForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/exports"
    ],
    getCodespacesForUserInOrg: [
      "GET /orgs/{org}/members/{username}/codespaces"
    ],
    getExportDetailsForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/exports/{export_id}"
    ],
    getForAuthenticatedUser: ["GET /user/codespaces/{codespace_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/codespaces/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/codespaces/secrets/{secret_name}"],
    getPublicKeyForAuthenticatedUser: [
      "GET /user/codespaces/secrets/public-key"
    ],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    getSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}"
    ],
    listDevcontainersInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/devcontainers"
    ],
    listForAuthenticatedUser: ["GET /user/codespaces"],
    listInOrganization: [
      "GET /orgs/{org}/codespaces",
      {},
      { renamedParameters: { org_id: "org" } }
    ],
    listInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces"
    ],
    listOrgSecrets: ["GET /orgs/{org}/codespaces/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/codespaces/secrets"],
    listRepositoriesForSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}/repositories"
    ],
    listSecretsForAuthenticatedUser: ["GET /user/codespaces/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    preFlightWithRepoForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/new"
    ],
    publishForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/publish"
    ],
    removeRepositoryForSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repoMachinesForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/machines"
    ],
    setRepositoriesForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    startForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/start"],
    stopForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/stop"],
    stopInOrganization: [
      "POST /orgs/{org}/members/{username}/codespaces/{codespace_name}/stop"
    ],
    updateForAuthenticatedUser: ["PATCH /user/codespaces/{codespace_name}"]
  },
  copilot: {
    addCopilotSeatsForTeams: [
      "POST /orgs/{org}/copilot/billing/selected_teams"
    ],
    addCopilotSeatsForUsers: [
      "POST /orgs/{org}/copilot/billing/selected_users"
    ],
    cancelCopilotSeatAssignmentForTeams: [
      "DELETE /orgs/{org}/copilot/billing/selected_teams"
    ],
    cancelCopilotSeatAssignmentForUsers: [
      "DELETE /orgs/{org}/copilot/billing/selected_users"
    ],
    copilotMetricsForOrganization: ["GET /orgs/{org}/copilot/metrics"],
    copilotMetricsForTeam: ["GET /orgs/{org}/team/{team_slug}/copilot/metrics"],
    getCopilotOrganizationDetails: ["GET /orgs/{org}/copilot/billing"],
    getCopilotSeatDetailsForUser: [
      "GET /orgs/{org}/members/{username}/copilot"
    ],
    listCopilotSeats: ["GET /orgs/{org}/copilot/billing/seats"]
  },
  credentials: { revoke: ["POST /credentials/revoke"] },
  dependabot: {
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/dependabot/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    getAlert: ["GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"],
    getOrgPublicKey: ["GET /orgs/{org}/dependabot/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/dependabot/secrets/{secret_name}"],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    listAlertsForEnterprise: [
      "GET /enterprises/{enterprise}/dependabot/alerts"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/dependabot/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/dependabot/alerts"],
    listOrgSecrets: ["GET /orgs/{org}/dependabot/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/dependabot/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repositoryAccessForOrg: [
      "GET /organizations/{org}/dependabot/repository-access"
    ],
    setRepositoryAccessDefaultLevel: [
      "PUT /organizations/{org}/dependabot/repository-access/default-level"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"
    ],
    updateRepositoryAccessForOrg: [
      "PATCH /organizations/{org}/dependabot/repository-access"
    ]
  },
  dependencyGraph: {
    createRepositorySnapshot: [
      "POST /repos/{owner}/{repo}/dependency-graph/snapshots"
    ],
    diffRange: [
      "GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}"
    ],
    exportSbom: ["GET /repos/{owner}/{repo}/dependency-graph/sbom"]
  },
  emojis: { get: ["GET /emojis"] },
  enterpriseTeamMemberships: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove"
    ],
    get: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    list: ["GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships"],
    remove: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ]
  },
  enterpriseTeamOrganizations: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/remove"
    ],
    delete: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignment: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignments: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations"
    ]
  },
  enterpriseTeams: {
    create: ["POST /enterprises/{enterprise}/teams"],
    delete: ["DELETE /enterprises/{enterprise}/teams/{team_slug}"],
    get: ["GET /enterprises/{enterprise}/teams/{team_slug}"],
    list: ["GET /enterprises/{enterprise}/teams"],
    update: ["PATCH /enterprises/{enterprise}/teams/{team_slug}"]
  },
  gists: {
    checkIsStarred: ["GET /gists/{gist_id}/star"],
    create: ["POST /gists"],
    createComment: ["POST /gists/{gist_id}/comments"],
    delete: ["DELETE /gists/{gist_id}"],
    deleteComment: ["DELETE /gists/{gist_id}/comments/{comment_id}"],
    fork: ["POST /gists/{gist_id}/forks"],
    get: ["GET /gists/{gist_id}"],
    getComment: ["GET /gists/{gist_id}/comments/{comment_id}"],
    getRevision: ["GET /gists/{gist_id}/{sha}"],
    list: ["GET /gists"],
    listComments: ["GET /gists/{gist_id}/comments"],
    listCommits: ["GET /gists/{gist_id}/commits"],
    listForUser: ["GET /users/{username}/gists"],
    listForks: ["GET /gists/{gist_id}/forks"],
    listPublic: ["GET /gists/public"],
    listStarred: ["GET /gists/starred"],
    star: ["PUT /gists/{gist_id}/star"],
    unstar: ["DELETE /gists/{gist_id}/star"],
    update: ["PATCH /gists/{gist_id}"],
    updateComment: ["PATCH /gists/{gist_id}/comments/{comment_id}"]
  },
  git: {
    createBlob: ["POST /repos/{owner}/{repo}/git/blobs"],
    createCommit: ["POST /repos/{owner}/{repo}/git/commits"],
    createRef: ["POST /repos/{owner}/{repo}/git/refs"],
    createTag: ["POST /repos/{owner}/{repo}/git/tags"],
    createTree: ["POST /repos/{owner}/{repo}/git/trees"],
    deleteRef: ["DELETE /repos/{owner}/{repo}/git/refs/{ref}"],
    getBlob: ["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"],
    getCommit: ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}"],
    getRef: ["GET /repos/{owner}/{repo}/git/ref/{ref}"],
    getTag: ["GET /repos/{owner}/{repo}/git/tags/{tag_sha}"],
    getTree: ["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"],
    listMatchingRefs: ["GET /repos/{owner}/{repo}/git/matching-refs/{ref}"],
    updateRef: ["PATCH /repos/{owner}/{repo}/git/refs/{ref}"]
  },
  gitignore: {
    getAllTemplates: ["GET /gitignore/templates"],
    getTemplate: ["GET /gitignore/templates/{name}"]
  },
  hostedCompute: {
    createNetworkConfigurationForOrg: [
      "POST /orgs/{org}/settings/network-configurations"
    ],
    deleteNetworkConfigurationFromOrg: [
      "DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkConfigurationForOrg: [
      "GET /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkSettingsForOrg: [
      "GET /orgs/{org}/settings/network-settings/{network_settings_id}"
    ],
    listNetworkConfigurationsForOrg: [
      "GET /orgs/{org}/settings/network-configurations"
    ],
    updateNetworkConfigurationForOrg: [
      "PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ]
  },
  interactions: {
    getRestrictionsForAuthenticatedUser: ["GET /user/interaction-limits"],
    getRestrictionsForOrg: ["GET /orgs/{org}/interaction-limits"],
    getRestrictionsForRepo: ["GET /repos/{owner}/{repo}/interaction-limits"],
    getRestrictionsForYourPublicRepos: [
      "GET /user/interaction-limits",
      {},
      { renamed: ["interactions", "getRestrictionsForAuthenticatedUser"] }
    ],
    removeRestrictionsForAuthenticatedUser: ["DELETE /user/interaction-limits"],
    removeRestrictionsForOrg: ["DELETE /orgs/{org}/interaction-limits"],
    removeRestrictionsForRepo: [
      "DELETE /repos/{owner}/{repo}/interaction-limits"
    ],
    removeRestrictionsForYourPublicRepos: [
      "DELETE /user/interaction-limits",
      {},
      { renamed: ["interactions", "removeRestrictionsForAuthenticatedUser"] }
    ],
    setRestrictionsForAuthenticatedUser: ["PUT /user/interaction-limits"],
    setRestrictionsForOrg: ["PUT /orgs/{org}/interaction-limits"],
    setRestrictionsForRepo: ["PUT /repos/{owner}/{repo}/interaction-limits"],
    setRestrictionsForYourPublicRepos: [
      "PUT /user/interaction-limits",
      {},
      { renamed: ["interactions", "setRestrictionsForAuthenticatedUser"] }
    ]
  },
  issues: {
    addAssignees: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    addBlockedByDependency: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    addLabels: ["POST /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    addSubIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    checkUserCanBeAssigned: ["GET /repos/{owner}/{repo}/assignees/{assignee}"],
    checkUserCanBeAssignedToIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/assignees/{assignee}"
    ],
    create: ["POST /repos/{owner}/{repo}/issues"],
    createComment: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
    ],
    createLabel: ["POST /repos/{owner}/{repo}/labels"],
    createMilestone: ["POST /repos/{owner}/{repo}/milestones"],
    deleteComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}"
    ],
    deleteLabel: ["DELETE /repos/{owner}/{repo}/labels/{name}"],
    deleteMilestone: [
      "DELETE /repos/{owner}/{repo}/milestones/{milestone_number}"
    ],
    get: ["GET /repos/{owner}/{repo}/issues/{issue_number}"],
    getComment: ["GET /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    getEvent: ["GET /repos/{owner}/{repo}/issues/events/{event_id}"],
    getLabel: ["GET /repos/{owner}/{repo}/labels/{name}"],
    getMilestone: ["GET /repos/{owner}/{repo}/milestones/{milestone_number}"],
    getParent: ["GET /repos/{owner}/{repo}/issues/{issue_number}/parent"],
    list: ["GET /issues"],
    listAssignees: ["GET /repos/{owner}/{repo}/assignees"],
    listComments: ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"],
    listCommentsForRepo: ["GET /repos/{owner}/{repo}/issues/comments"],
    listDependenciesBlockedBy: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    listDependenciesBlocking: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking"
    ],
    listEvents: ["GET /repos/{owner}/{repo}/issues/{issue_number}/events"],
    listEventsForRepo: ["GET /repos/{owner}/{repo}/issues/events"],
    listEventsForTimeline: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline"
    ],
    listForAuthenticatedUser: ["GET /user/issues"],
    listForOrg: ["GET /orgs/{org}/issues"],
    listForRepo: ["GET /repos/{owner}/{repo}/issues"],
    listLabelsForMilestone: [
      "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels"
    ],
    listLabelsForRepo: ["GET /repos/{owner}/{repo}/labels"],
    listLabelsOnIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    listMilestones: ["GET /repos/{owner}/{repo}/milestones"],
    listSubIssues: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    lock: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    removeAllLabels: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    removeAssignees: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    removeDependencyBlockedBy: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}"
    ],
    removeLabel: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"
    ],
    removeSubIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue"
    ],
    reprioritizeSubIssue: [
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority"
    ],
    setLabels: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    unlock: ["DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    update: ["PATCH /repos/{owner}/{repo}/issues/{issue_number}"],
    updateComment: ["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    updateLabel: ["PATCH /repos/{owner}/{repo}/labels/{name}"],
    updateMilestone: [
      "PATCH /repos/{owner}/{repo}/milestones/{milestone_number}"
    ]
  },
  licenses: {
    get: ["GET /licenses/{license}"],
    getAllCommonlyUsed: ["GET /licenses"],
    getForRepo: ["GET /repos/{owner}/{repo}/license"]
  },
  markdown: {
    render: ["POST /markdown"],
    renderRaw: [
      "POST /markdown/raw",
      { headers: { "content-type": "text/plain; charset=utf-8" } }
    ]
  },
  meta: {
    get: ["GET /meta"],
    getAllVersions: ["GET /versions"],
    getOctocat: ["GET /octocat"],
    getZen: ["GET /zen"],
    root: ["GET /"]
  },
  migrations: {
    deleteArchiveForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/archive"
    ],
    deleteArchiveForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/archive"
    ],
    downloadArchiveForOrg: [
      "GET /orgs/{org}/migrations/{migration_id}/archive"
    ],
    getArchiveForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/archive"
    ],
    getStatusForAuthenticatedUser: ["GET /user/migrations/{migration_id}"],
    getStatusForOrg: ["GET /orgs/{org}/migrations/{migration_id}"],
    listForAuthenticatedUser: ["GET /user/migrations"],
    listForOrg: ["GET /orgs/{org}/migrations"],
    listReposForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/repositories"
    ],
    listReposForOrg: ["GET /orgs/{org}/migrations/{migration_id}/repositories"],
    listReposForUser: [
      "GET /user/migrations/{migration_id}/repositories",
      {},
      { renamed: ["migrations", "listReposForAuthenticatedUser"] }
    ],
    startForAuthenticatedUser: ["POST /user/migrations"],
    startForOrg: ["POST /orgs/{org}/migrations"],
    unlockRepoForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/repos/{repo_name}/lock"
    ],
    unlockRepoForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/repos/{repo_name}/lock"
    ]
  },
  oidc: {
    getOidcCustomSubTemplateForOrg: [
      "GET /orgs/{org}/actions/oidc/customization/sub"
    ],
    updateOidcCustomSubTemplateForOrg: [
      "PUT /orgs/{org}/actions/oidc/customization/sub"
    ]
  },
  orgs: {
    addSecurityManagerTeam: [
      "PUT /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.addSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#add-a-security-manager-team"
      }
    ],
    assignTeamToOrgRole: [
      "PUT /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    assignUserToOrgRole: [
      "PUT /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    blockUser: ["PUT /orgs/{org}/blocks/{username}"],
    cancelInvitation: ["DELETE /orgs/{org}/invitations/{invitation_id}"],
    checkBlockedUser: ["GET /orgs/{org}/blocks/{username}"],
    checkMembershipForUser: ["GET /orgs/{org}/members/{username}"],
    checkPublicMembershipForUser: ["GET /orgs/{org}/public_members/{username}"],
    convertMemberToOutsideCollaborator: [
      "PUT /orgs/{org}/outside_collaborators/{username}"
    ],
    createArtifactStorageRecord: [
      "POST /orgs/{org}/artifacts/metadata/storage-record"
    ],
    createInvitation: ["POST /orgs/{org}/invitations"],
    createIssueType: ["POST /orgs/{org}/issue-types"],
    createWebhook: ["POST /orgs/{org}/hooks"],
    customPropertiesForOrgsCreateOrUpdateOrganizationValues: [
      "PATCH /organizations/{org}/org-properties/values"
    ],
    customPropertiesForOrgsGetOrganizationValues: [
      "GET /organizations/{org}/org-properties/values"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinition: [
      "PUT /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinitions: [
      "PATCH /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationValues: [
      "PATCH /orgs/{org}/properties/values"
    ],
    customPropertiesForReposDeleteOrganizationDefinition: [
      "DELETE /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinition: [
      "GET /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinitions: [
      "GET /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposGetOrganizationValues: [
      "GET /orgs/{org}/properties/values"
    ],
    delete: ["DELETE /orgs/{org}"],
    deleteAttestationsBulk: ["POST /orgs/{org}/attestations/delete-request"],
    deleteAttestationsById: [
      "DELETE /orgs/{org}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /orgs/{org}/attestations/digest/{subject_digest}"
    ],
    deleteIssueType: ["DELETE /orgs/{org}/issue-types/{issue_type_id}"],
    deleteWebhook: ["DELETE /orgs/{org}/hooks/{hook_id}"],
    disableSelectedRepositoryImmutableReleasesOrganization: [
      "DELETE /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    enableSelectedRepositoryImmutableReleasesOrganization: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    get: ["GET /orgs/{org}"],
    getImmutableReleasesSettings: [
      "GET /orgs/{org}/settings/immutable-releases"
    ],
    getImmutableReleasesSettingsRepositories: [
      "GET /orgs/{org}/settings/immutable-releases/repositories"
    ],
    getMembershipForAuthenticatedUser: ["GET /user/memberships/orgs/{org}"],
    getMembershipForUser: ["GET /orgs/{org}/memberships/{username}"],
    getOrgRole: ["GET /orgs/{org}/organization-roles/{role_id}"],
    getOrgRulesetHistory: ["GET /orgs/{org}/rulesets/{ruleset_id}/history"],
    getOrgRulesetVersion: [
      "GET /orgs/{org}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getWebhook: ["GET /orgs/{org}/hooks/{hook_id}"],
    getWebhookConfigForOrg: ["GET /orgs/{org}/hooks/{hook_id}/config"],
    getWebhookDelivery: [
      "GET /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    list: ["GET /organizations"],
    listAppInstallations: ["GET /orgs/{org}/installations"],
    listArtifactStorageRecords: [
      "GET /orgs/{org}/artifacts/{subject_digest}/metadata/storage-records"
    ],
    listAttestationRepositories: ["GET /orgs/{org}/attestations/repositories"],
    listAttestations: ["GET /orgs/{org}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /orgs/{org}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedUsers: ["GET /orgs/{org}/blocks"],
    listFailedInvitations: ["GET /orgs/{org}/failed_invitations"],
    listForAuthenticatedUser: ["GET /user/orgs"],
    listForUser: ["GET /users/{username}/orgs"],
    listInvitationTeams: ["GET /orgs/{org}/invitations/{invitation_id}/teams"],
    listIssueTypes: ["GET /orgs/{org}/issue-types"],
    listMembers: ["GET /orgs/{org}/members"],
    listMembershipsForAuthenticatedUser: ["GET /user/memberships/orgs"],
    listOrgRoleTeams: ["GET /orgs/{org}/organization-roles/{role_id}/teams"],
    listOrgRoleUsers: ["GET /orgs/{org}/organization-roles/{role_id}/users"],
    listOrgRoles: ["GET /orgs/{org}/organization-roles"],
    listOrganizationFineGrainedPermissions: [
      "GET /orgs/{org}/organization-fine-grained-permissions"
    ],
    listOutsideCollaborators: ["GET /orgs/{org}/outside_collaborators"],
    listPatGrantRepositories: [
      "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories"
    ],
    listPatGrantRequestRepositories: [
      "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories"
    ],
    listPatGrantRequests: ["GET /orgs/{org}/personal-access-token-requests"],
    listPatGrants: ["GET /orgs/{org}/personal-access-tokens"],
    listPendingInvitations: ["GET /orgs/{org}/invitations"],
    listPublicMembers: ["GET /orgs/{org}/public_members"],
    listSecurityManagerTeams: [
      "GET /orgs/{org}/security-managers",
      {},
      {
        deprecated: "octokit.rest.orgs.listSecurityManagerTeams() is deprecated, see https://docs.github.com/rest/orgs/security-managers#list-security-manager-teams"
      }
    ],
    listWebhookDeliveries: ["GET /orgs/{org}/hooks/{hook_id}/deliveries"],
    listWebhooks: ["GET /orgs/{org}/hooks"],
    pingWebhook: ["POST /orgs/{org}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeMember: ["DELETE /orgs/{org}/members/{username}"],
    removeMembershipForUser: ["DELETE /orgs/{org}/memberships/{username}"],
    removeOutsideCollaborator: [
      "DELETE /orgs/{org}/outside_collaborators/{username}"
    ],
    removePublicMembershipForAuthenticatedUser: [
      "DELETE /orgs/{org}/public_members/{username}"
    ],
    removeSecurityManagerTeam: [
      "DELETE /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.removeSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#remove-a-security-manager-team"
      }
    ],
    reviewPatGrantRequest: [
      "POST /orgs/{org}/personal-access-token-requests/{pat_request_id}"
    ],
    reviewPatGrantRequestsInBulk: [
      "POST /orgs/{org}/personal-access-token-requests"
    ],
    revokeAllOrgRolesTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}"
    ],
    revokeAllOrgRolesUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}"
    ],
    revokeOrgRoleTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    revokeOrgRoleUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    setImmutableReleasesSettings: [
      "PUT /orgs/{org}/settings/immutable-releases"
    ],
    setImmutableReleasesSettingsRepositories: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories"
    ],
    setMembershipForUser: ["PUT /orgs/{org}/memberships/{username}"],
    setPublicMembershipForAuthenticatedUser: [
      "PUT /orgs/{org}/public_members/{username}"
    ],
    unblockUser: ["DELETE /orgs/{org}/blocks/{username}"],
    update: ["PATCH /orgs/{org}"],
    updateIssueType: ["PUT /orgs/{org}/issue-types/{issue_type_id}"],
    updateMembershipForAuthenticatedUser: [
      "PATCH /user/memberships/orgs/{org}"
    ],
    updatePatAccess: ["POST /orgs/{org}/personal-access-tokens/{pat_id}"],
    updatePatAccesses: ["POST /orgs/{org}/personal-access-tokens"],
    updateWebhook: ["PATCH /orgs/{org}/hooks/{hook_id}"],
    updateWebhookConfigForOrg: ["PATCH /orgs/{org}/hooks/{hook_id}/config"]
  },
  packages: {
    deletePackageForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}"
    ],
    deletePackageForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    deletePackageForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}"
    ],
    deletePackageVersionForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getAllPackageVersionsForAPackageOwnedByAnOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
      {},
      { renamed: ["packages", "getAllPackageVersionsForPackageOwnedByOrg"] }
    ],
    getAllPackageVersionsForAPackageOwnedByTheAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions",
      {},
      {
        renamed: [
          "packages",
          "getAllPackageVersionsForPackageOwnedByAuthenticatedUser"
        ]
      }
    ],
    getAllPackageVersionsForPackageOwnedByAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions"
    ],
    getPackageForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}"
    ],
    getPackageForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    getPackageForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}"
    ],
    getPackageVersionForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    listDockerMigrationConflictingPackagesForAuthenticatedUser: [
      "GET /user/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForOrganization: [
      "GET /orgs/{org}/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForUser: [
      "GET /users/{username}/docker/conflicts"
    ],
    listPackagesForAuthenticatedUser: ["GET /user/packages"],
    listPackagesForOrganization: ["GET /orgs/{org}/packages"],
    listPackagesForUser: ["GET /users/{username}/packages"],
    restorePackageForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageVersionForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ]
  },
  privateRegistries: {
    createOrgPrivateRegistry: ["POST /orgs/{org}/private-registries"],
    deleteOrgPrivateRegistry: [
      "DELETE /orgs/{org}/private-registries/{secret_name}"
    ],
    getOrgPrivateRegistry: ["GET /orgs/{org}/private-registries/{secret_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/private-registries/public-key"],
    listOrgPrivateRegistries: ["GET /orgs/{org}/private-registries"],
    updateOrgPrivateRegistry: [
      "PATCH /orgs/{org}/private-registries/{secret_name}"
    ]
  },
  projects: {
    addItemForOrg: ["POST /orgs/{org}/projectsV2/{project_number}/items"],
    addItemForUser: [
      "POST /users/{username}/projectsV2/{project_number}/items"
    ],
    deleteItemForOrg: [
      "DELETE /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    deleteItemForUser: [
      "DELETE /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    getFieldForOrg: [
      "GET /orgs/{org}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getFieldForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getForOrg: ["GET /orgs/{org}/projectsV2/{project_number}"],
    getForUser: ["GET /users/{username}/projectsV2/{project_number}"],
    getOrgItem: ["GET /orgs/{org}/projectsV2/{project_number}/items/{item_id}"],
    getUserItem: [
      "GET /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    listFieldsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/fields"],
    listFieldsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields"
    ],
    listForOrg: ["GET /orgs/{org}/projectsV2"],
    listForUser: ["GET /users/{username}/projectsV2"],
    listItemsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/items"],
    listItemsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/items"
    ],
    updateItemForOrg: [
      "PATCH /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    updateItemForUser: [
      "PATCH /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ]
  },
  pulls: {
    checkIfMerged: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    create: ["POST /repos/{owner}/{repo}/pulls"],
    createReplyForReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies"
    ],
    createReview: ["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    createReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    deletePendingReview: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    deleteReviewComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ],
    dismissReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals"
    ],
    get: ["GET /repos/{owner}/{repo}/pulls/{pull_number}"],
    getReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    getReviewComment: ["GET /repos/{owner}/{repo}/pulls/comments/{comment_id}"],
    list: ["GET /repos/{owner}/{repo}/pulls"],
    listCommentsForReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/commits"],
    listFiles: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"],
    listRequestedReviewers: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    listReviewComments: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    listReviewCommentsForRepo: ["GET /repos/{owner}/{repo}/pulls/comments"],
    listReviews: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    merge: ["PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    removeRequestedReviewers: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    requestReviewers: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    submitReview: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events"
    ],
    update: ["PATCH /repos/{owner}/{repo}/pulls/{pull_number}"],
    updateBranch: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch"
    ],
    updateReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    updateReviewComment: [
      "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ]
  },
  rateLimit: { get: ["GET /rate_limit"] },
  reactions: {
    createForCommitComment: [
      "POST /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    createForIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions"
    ],
    createForIssueComment: [
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    createForPullRequestReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    createForRelease: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    createForTeamDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    createForTeamDiscussionInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ],
    deleteForCommitComment: [
      "DELETE /repos/{owner}/{repo}/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}"
    ],
    deleteForIssueComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForPullRequestComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForRelease: [
      "DELETE /repos/{owner}/{repo}/releases/{release_id}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussion: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussionComment: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions/{reaction_id}"
    ],
    listForCommitComment: [
      "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    listForIssue: ["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"],
    listForIssueComment: [
      "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    listForPullRequestReviewComment: [
      "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    listForRelease: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    listForTeamDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    listForTeamDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ]
  },
  repos: {
    acceptInvitation: [
      "PATCH /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "acceptInvitationForAuthenticatedUser"] }
    ],
    acceptInvitationForAuthenticatedUser: [
      "PATCH /user/repository_invitations/{invitation_id}"
    ],
    addAppAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    addCollaborator: ["PUT /repos/{owner}/{repo}/collaborators/{username}"],
    addStatusCheckContexts: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    addTeamAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    addUserAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    cancelPagesDeployment: [
      "POST /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}/cancel"
    ],
    checkAutomatedSecurityFixes: [
      "GET /repos/{owner}/{repo}/automated-security-fixes"
    ],
    checkCollaborator: ["GET /repos/{owner}/{repo}/collaborators/{username}"],
    checkImmutableReleases: ["GET /repos/{owner}/{repo}/immutable-releases"],
    checkPrivateVulnerabilityReporting: [
      "GET /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    checkVulnerabilityAlerts: [
      "GET /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    codeownersErrors: ["GET /repos/{owner}/{repo}/codeowners/errors"],
    compareCommits: ["GET /repos/{owner}/{repo}/compare/{base}...{head}"],
    compareCommitsWithBasehead: [
      "GET /repos/{owner}/{repo}/compare/{basehead}"
    ],
    createAttestation: ["POST /repos/{owner}/{repo}/attestations"],
    createAutolink: ["POST /repos/{owner}/{repo}/autolinks"],
    createCommitComment: [
      "POST /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    createCommitSignatureProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    createCommitStatus: ["POST /repos/{owner}/{repo}/statuses/{sha}"],
    createDeployKey: ["POST /repos/{owner}/{repo}/keys"],
    createDeployment: ["POST /repos/{owner}/{repo}/deployments"],
    createDeploymentBranchPolicy: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    createDeploymentProtectionRule: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    createDeploymentStatus: [
      "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    createDispatchEvent: ["POST /repos/{owner}/{repo}/dispatches"],
    createForAuthenticatedUser: ["POST /user/repos"],
    createFork: ["POST /repos/{owner}/{repo}/forks"],
    createInOrg: ["POST /orgs/{org}/repos"],
    createOrUpdateEnvironment: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    createOrUpdateFileContents: ["PUT /repos/{owner}/{repo}/contents/{path}"],
    createOrgRuleset: ["POST /orgs/{org}/rulesets"],
    createPagesDeployment: ["POST /repos/{owner}/{repo}/pages/deployments"],
    createPagesSite: ["POST /repos/{owner}/{repo}/pages"],
    createRelease: ["POST /repos/{owner}/{repo}/releases"],
    createRepoRuleset: ["POST /repos/{owner}/{repo}/rulesets"],
    createUsingTemplate: [
      "POST /repos/{template_owner}/{template_repo}/generate"
    ],
    createWebhook: ["POST /repos/{owner}/{repo}/hooks"],
    customPropertiesForReposCreateOrUpdateRepositoryValues: [
      "PATCH /repos/{owner}/{repo}/properties/values"
    ],
    customPropertiesForReposGetRepositoryValues: [
      "GET /repos/{owner}/{repo}/properties/values"
    ],
    declineInvitation: [
      "DELETE /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "declineInvitationForAuthenticatedUser"] }
    ],
    declineInvitationForAuthenticatedUser: [
      "DELETE /user/repository_invitations/{invitation_id}"
    ],
    delete: ["DELETE /repos/{owner}/{repo}"],
    deleteAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    deleteAdminBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    deleteAnEnvironment: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    deleteAutolink: ["DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    deleteBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    deleteCommitComment: ["DELETE /repos/{owner}/{repo}/comments/{comment_id}"],
    deleteCommitSignatureProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    deleteDeployKey: ["DELETE /repos/{owner}/{repo}/keys/{key_id}"],
    deleteDeployment: [
      "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}"
    ],
    deleteDeploymentBranchPolicy: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    deleteFile: ["DELETE /repos/{owner}/{repo}/contents/{path}"],
    deleteInvitation: [
      "DELETE /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    deleteOrgRuleset: ["DELETE /orgs/{org}/rulesets/{ruleset_id}"],
    deletePagesSite: ["DELETE /repos/{owner}/{repo}/pages"],
    deletePullRequestReviewProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    deleteRelease: ["DELETE /repos/{owner}/{repo}/releases/{release_id}"],
    deleteReleaseAsset: [
      "DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    deleteRepoRuleset: ["DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    deleteWebhook: ["DELETE /repos/{owner}/{repo}/hooks/{hook_id}"],
    disableAutomatedSecurityFixes: [
      "DELETE /repos/{owner}/{repo}/automated-security-fixes"
    ],
    disableDeploymentProtectionRule: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    disableImmutableReleases: [
      "DELETE /repos/{owner}/{repo}/immutable-releases"
    ],
    disablePrivateVulnerabilityReporting: [
      "DELETE /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    disableVulnerabilityAlerts: [
      "DELETE /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    downloadArchive: [
      "GET /repos/{owner}/{repo}/zipball/{ref}",
      {},
      { renamed: ["repos", "downloadZipballArchive"] }
    ],
    downloadTarballArchive: ["GET /repos/{owner}/{repo}/tarball/{ref}"],
    downloadZipballArchive: ["GET /repos/{owner}/{repo}/zipball/{ref}"],
    enableAutomatedSecurityFixes: [
      "PUT /repos/{owner}/{repo}/automated-security-fixes"
    ],
    enableImmutableReleases: ["PUT /repos/{owner}/{repo}/immutable-releases"],
    enablePrivateVulnerabilityReporting: [
      "PUT /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    enableVulnerabilityAlerts: [
      "PUT /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    generateReleaseNotes: [
      "POST /repos/{owner}/{repo}/releases/generate-notes"
    ],
    get: ["GET /repos/{owner}/{repo}"],
    getAccessRestrictions: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    getAdminBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    getAllDeploymentProtectionRules: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    getAllEnvironments: ["GET /repos/{owner}/{repo}/environments"],
    getAllStatusCheckContexts: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts"
    ],
    getAllTopics: ["GET /repos/{owner}/{repo}/topics"],
    getAppsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps"
    ],
    getAutolink: ["GET /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    getBranch: ["GET /repos/{owner}/{repo}/branches/{branch}"],
    getBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    getBranchRules: ["GET /repos/{owner}/{repo}/rules/branches/{branch}"],
    getClones: ["GET /repos/{owner}/{repo}/traffic/clones"],
    getCodeFrequencyStats: ["GET /repos/{owner}/{repo}/stats/code_frequency"],
    getCollaboratorPermissionLevel: [
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission"
    ],
    getCombinedStatusForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/status"],
    getCommit: ["GET /repos/{owner}/{repo}/commits/{ref}"],
    getCommitActivityStats: ["GET /repos/{owner}/{repo}/stats/commit_activity"],
    getCommitComment: ["GET /repos/{owner}/{repo}/comments/{comment_id}"],
    getCommitSignatureProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    getCommunityProfileMetrics: ["GET /repos/{owner}/{repo}/community/profile"],
    getContent: ["GET /repos/{owner}/{repo}/contents/{path}"],
    getContributorsStats: ["GET /repos/{owner}/{repo}/stats/contributors"],
    getCustomDeploymentProtectionRule: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    getDeployKey: ["GET /repos/{owner}/{repo}/keys/{key_id}"],
    getDeployment: ["GET /repos/{owner}/{repo}/deployments/{deployment_id}"],
    getDeploymentBranchPolicy: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    getDeploymentStatus: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}"
    ],
    getEnvironment: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    getLatestPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/latest"],
    getLatestRelease: ["GET /repos/{owner}/{repo}/releases/latest"],
    getOrgRuleSuite: ["GET /orgs/{org}/rulesets/rule-suites/{rule_suite_id}"],
    getOrgRuleSuites: ["GET /orgs/{org}/rulesets/rule-suites"],
    getOrgRuleset: ["GET /orgs/{org}/rulesets/{ruleset_id}"],
    getOrgRulesets: ["GET /orgs/{org}/rulesets"],
    getPages: ["GET /repos/{owner}/{repo}/pages"],
    getPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/{build_id}"],
    getPagesDeployment: [
      "GET /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}"
    ],
    getPagesHealthCheck: ["GET /repos/{owner}/{repo}/pages/health"],
    getParticipationStats: ["GET /repos/{owner}/{repo}/stats/participation"],
    getPullRequestReviewProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    getPunchCardStats: ["GET /repos/{owner}/{repo}/stats/punch_card"],
    getReadme: ["GET /repos/{owner}/{repo}/readme"],
    getReadmeInDirectory: ["GET /repos/{owner}/{repo}/readme/{dir}"],
    getRelease: ["GET /repos/{owner}/{repo}/releases/{release_id}"],
    getReleaseAsset: ["GET /repos/{owner}/{repo}/releases/assets/{asset_id}"],
    getReleaseByTag: ["GET /repos/{owner}/{repo}/releases/tags/{tag}"],
    getRepoRuleSuite: [
      "GET /repos/{owner}/{repo}/rulesets/rule-suites/{rule_suite_id}"
    ],
    getRepoRuleSuites: ["GET /repos/{owner}/{repo}/rulesets/rule-suites"],
    getRepoRuleset: ["GET /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    getRepoRulesetHistory: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history"
    ],
    getRepoRulesetVersion: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getRepoRulesets: ["GET /repos/{owner}/{repo}/rulesets"],
    getStatusChecksProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    getTeamsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams"
    ],
    getTopPaths: ["GET /repos/{owner}/{repo}/traffic/popular/paths"],
    getTopReferrers: ["GET /repos/{owner}/{repo}/traffic/popular/referrers"],
    getUsersWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users"
    ],
    getViews: ["GET /repos/{owner}/{repo}/traffic/views"],
    getWebhook: ["GET /repos/{owner}/{repo}/hooks/{hook_id}"],
    getWebhookConfigForRepo: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    getWebhookDelivery: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    listActivities: ["GET /repos/{owner}/{repo}/activity"],
    listAttestations: [
      "GET /repos/{owner}/{repo}/attestations/{subject_digest}"
    ],
    listAutolinks: ["GET /repos/{owner}/{repo}/autolinks"],
    listBranches: ["GET /repos/{owner}/{repo}/branches"],
    listBranchesForHeadCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/branches-where-head"
    ],
    listCollaborators: ["GET /repos/{owner}/{repo}/collaborators"],
    listCommentsForCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    listCommitCommentsForRepo: ["GET /repos/{owner}/{repo}/comments"],
    listCommitStatusesForRef: [
      "GET /repos/{owner}/{repo}/commits/{ref}/statuses"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/commits"],
    listContributors: ["GET /repos/{owner}/{repo}/contributors"],
    listCustomDeploymentRuleIntegrations: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps"
    ],
    listDeployKeys: ["GET /repos/{owner}/{repo}/keys"],
    listDeploymentBranchPolicies: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    listDeploymentStatuses: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    listDeployments: ["GET /repos/{owner}/{repo}/deployments"],
    listForAuthenticatedUser: ["GET /user/repos"],
    listForOrg: ["GET /orgs/{org}/repos"],
    listForUser: ["GET /users/{username}/repos"],
    listForks: ["GET /repos/{owner}/{repo}/forks"],
    listInvitations: ["GET /repos/{owner}/{repo}/invitations"],
    listInvitationsForAuthenticatedUser: ["GET /user/repository_invitations"],
    listLanguages: ["GET /repos/{owner}/{repo}/languages"],
    listPagesBuilds: ["GET /repos/{owner}/{repo}/pages/builds"],
    listPublic: ["GET /repositories"],
    listPullRequestsAssociatedWithCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls"
    ],
    listReleaseAssets: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/assets"
    ],
    listReleases: ["GET /repos/{owner}/{repo}/releases"],
    listTags: ["GET /repos/{owner}/{repo}/tags"],
    listTeams: ["GET /repos/{owner}/{repo}/teams"],
    listWebhookDeliveries: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries"
    ],
    listWebhooks: ["GET /repos/{owner}/{repo}/hooks"],
    merge: ["POST /repos/{owner}/{repo}/merges"],
    mergeUpstream: ["POST /repos/{owner}/{repo}/merge-upstream"],
    pingWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeAppAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    removeCollaborator: [
      "DELETE /repos/{owner}/{repo}/collaborators/{username}"
    ],
    removeStatusCheckContexts: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    removeStatusCheckProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    removeTeamAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    removeUserAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    renameBranch: ["POST /repos/{owner}/{repo}/branches/{branch}/rename"],
    replaceAllTopics: ["PUT /repos/{owner}/{repo}/topics"],
    requestPagesBuild: ["POST /repos/{owner}/{repo}/pages/builds"],
    setAdminBranchProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    setAppAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    setStatusCheckContexts: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    setTeamAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    setUserAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    testPushWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/tests"],
    transfer: ["POST /repos/{owner}/{repo}/transfer"],
    update: ["PATCH /repos/{owner}/{repo}"],
    updateBranchProtection: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    updateCommitComment: ["PATCH /repos/{owner}/{repo}/comments/{comment_id}"],
    updateDeploymentBranchPolicy: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    updateInformationAboutPagesSite: ["PUT /repos/{owner}/{repo}/pages"],
    updateInvitation: [
      "PATCH /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    updateOrgRuleset: ["PUT /orgs/{org}/rulesets/{ruleset_id}"],
    updatePullRequestReviewProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    updateRelease: ["PATCH /repos/{owner}/{repo}/releases/{release_id}"],
    updateReleaseAsset: [
      "PATCH /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    updateRepoRuleset: ["PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    updateStatusCheckPotection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks",
      {},
      { renamed: ["repos", "updateStatusCheckProtection"] }
    ],
    updateStatusCheckProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    updateWebhook: ["PATCH /repos/{owner}/{repo}/hooks/{hook_id}"],
    updateWebhookConfigForRepo: [
      "PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    uploadReleaseAsset: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}",
      { baseUrl: "https://uploads.github.com" }
    ]
  },
  search: {
    code: ["GET /search/code"],
    commits: ["GET /search/commits"],
    issuesAndPullRequests: ["GET /search/issues"],
    labels: ["GET /search/labels"],
    repos: ["GET /search/repositories"],
    topics: ["GET /search/topics"],
    users: ["GET /search/users"]
  },
  secretScanning: {
    createPushProtectionBypass: [
      "POST /repos/{owner}/{repo}/secret-scanning/push-protection-bypasses"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    getScanHistory: ["GET /repos/{owner}/{repo}/secret-scanning/scan-history"],
    listAlertsForOrg: ["GET /orgs/{org}/secret-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/secret-scanning/alerts"],
    listLocationsForAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations"
    ],
    listOrgPatternConfigs: [
      "GET /orgs/{org}/secret-scanning/pattern-configurations"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    updateOrgPatternConfigs: [
      "PATCH /orgs/{org}/secret-scanning/pattern-configurations"
    ]
  },
  securityAdvisories: {
    createFork: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks"
    ],
    createPrivateVulnerabilityReport: [
      "POST /repos/{owner}/{repo}/security-advisories/reports"
    ],
    createRepositoryAdvisory: [
      "POST /repos/{owner}/{repo}/security-advisories"
    ],
    createRepositoryAdvisoryCveRequest: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/cve"
    ],
    getGlobalAdvisory: ["GET /advisories/{ghsa_id}"],
    getRepositoryAdvisory: [
      "GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ],
    listGlobalAdvisories: ["GET /advisories"],
    listOrgRepositoryAdvisories: ["GET /orgs/{org}/security-advisories"],
    listRepositoryAdvisories: ["GET /repos/{owner}/{repo}/security-advisories"],
    updateRepositoryAdvisory: [
      "PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ]
  },
  teams: {
    addOrUpdateMembershipForUserInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    addOrUpdateRepoPermissionsInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    checkPermissionsForRepoInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    create: ["POST /orgs/{org}/teams"],
    createDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    createDiscussionInOrg: ["POST /orgs/{org}/teams/{team_slug}/discussions"],
    deleteDiscussionCommentInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    deleteDiscussionInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    deleteInOrg: ["DELETE /orgs/{org}/teams/{team_slug}"],
    getByName: ["GET /orgs/{org}/teams/{team_slug}"],
    getDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    getDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    getMembershipForUserInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    list: ["GET /orgs/{org}/teams"],
    listChildInOrg: ["GET /orgs/{org}/teams/{team_slug}/teams"],
    listDiscussionCommentsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    listDiscussionsInOrg: ["GET /orgs/{org}/teams/{team_slug}/discussions"],
    listForAuthenticatedUser: ["GET /user/teams"],
    listMembersInOrg: ["GET /orgs/{org}/teams/{team_slug}/members"],
    listPendingInvitationsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/invitations"
    ],
    listReposInOrg: ["GET /orgs/{org}/teams/{team_slug}/repos"],
    removeMembershipForUserInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    removeRepoInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    updateDiscussionCommentInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    updateDiscussionInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    updateInOrg: ["PATCH /orgs/{org}/teams/{team_slug}"]
  },
  users: {
    addEmailForAuthenticated: [
      "POST /user/emails",
      {},
      { renamed: ["users", "addEmailForAuthenticatedUser"] }
    ],
    addEmailForAuthenticatedUser: ["POST /user/emails"],
    addSocialAccountForAuthenticatedUser: ["POST /user/social_accounts"],
    block: ["PUT /user/blocks/{username}"],
    checkBlocked: ["GET /user/blocks/{username}"],
    checkFollowingForUser: ["GET /users/{username}/following/{target_user}"],
    checkPersonIsFollowedByAuthenticated: ["GET /user/following/{username}"],
    createGpgKeyForAuthenticated: [
      "POST /user/gpg_keys",
      {},
      { renamed: ["users", "createGpgKeyForAuthenticatedUser"] }
    ],
    createGpgKeyForAuthenticatedUser: ["POST /user/gpg_keys"],
    createPublicSshKeyForAuthenticated: [
      "POST /user/keys",
      {},
      { renamed: ["users", "createPublicSshKeyForAuthenticatedUser"] }
    ],
    createPublicSshKeyForAuthenticatedUser: ["POST /user/keys"],
    createSshSigningKeyForAuthenticatedUser: ["POST /user/ssh_signing_keys"],
    deleteAttestationsBulk: [
      "POST /users/{username}/attestations/delete-request"
    ],
    deleteAttestationsById: [
      "DELETE /users/{username}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /users/{username}/attestations/digest/{subject_digest}"
    ],
    deleteEmailForAuthenticated: [
      "DELETE /user/emails",
      {},
      { renamed: ["users", "deleteEmailForAuthenticatedUser"] }
    ],
    deleteEmailForAuthenticatedUser: ["DELETE /user/emails"],
    deleteGpgKeyForAuthenticated: [
      "DELETE /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "deleteGpgKeyForAuthenticatedUser"] }
    ],
    deleteGpgKeyForAuthenticatedUser: ["DELETE /user/gpg_keys/{gpg_key_id}"],
    deletePublicSshKeyForAuthenticated: [
      "DELETE /user/keys/{key_id}",
      {},
      { renamed: ["users", "deletePublicSshKeyForAuthenticatedUser"] }
    ],
    deletePublicSshKeyForAuthenticatedUser: ["DELETE /user/keys/{key_id}"],
    deleteSocialAccountForAuthenticatedUser: ["DELETE /user/social_accounts"],
    deleteSshSigningKeyForAuthenticatedUser: [
      "DELETE /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    follow: ["PUT /user/following/{username}"],
    getAuthenticated: ["GET /user"],
    getById: ["GET /user/{account_id}"],
    getByUsername: ["GET /users/{username}"],
    getContextForUser: ["GET /users/{username}/hovercard"],
    getGpgKeyForAuthenticated: [
      "GET /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "getGpgKeyForAuthenticatedUser"] }
    ],
    getGpgKeyForAuthenticatedUser: ["GET /user/gpg_keys/{gpg_key_id}"],
    getPublicSshKeyForAuthenticated: [
      "GET /user/keys/{key_id}",
      {},
      { renamed: ["users", "getPublicSshKeyForAuthenticatedUser"] }
    ],
    getPublicSshKeyForAuthenticatedUser: ["GET /user/keys/{key_id}"],
    getSshSigningKeyForAuthenticatedUser: [
      "GET /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    list: ["GET /users"],
    listAttestations: ["GET /users/{username}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /users/{username}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedByAuthenticated: [
      "GET /user/blocks",
      {},
      { renamed: ["users", "listBlockedByAuthenticatedUser"] }
    ],
    listBlockedByAuthenticatedUser: ["GET /user/blocks"],
    listEmailsForAuthenticated: [
      "GET /user/emails",
      {},
      { renamed: ["users", "listEmailsForAuthenticatedUser"] }
    ],
    listEmailsForAuthenticatedUser: ["GET /user/emails"],
    listFollowedByAuthenticated: [
      "GET /user/following",
      {},
      { renamed: ["users", "listFollowedByAuthenticatedUser"] }
    ],
    listFollowedByAuthenticatedUser: ["GET /user/following"],
    listFollowersForAuthenticatedUser: ["GET /user/followers"],
    listFollowersForUser: ["GET /users/{username}/followers"],
    listFollowingForUser: ["GET /users/{username}/following"],
    listGpgKeysForAuthenticated: [
      "GET /user/gpg_keys",
      {},
      { renamed: ["users", "listGpgKeysForAuthenticatedUser"] }
    ],
    listGpgKeysForAuthenticatedUser: ["GET /user/gpg_keys"],
    listGpgKeysForUser: ["GET /users/{username}/gpg_keys"],
    listPublicEmailsForAuthenticated: [
      "GET /user/public_emails",
      {},
      { renamed: ["users", "listPublicEmailsForAuthenticatedUser"] }
    ],
    listPublicEmailsForAuthenticatedUser: ["GET /user/public_emails"],
    listPublicKeysForUser: ["GET /users/{username}/keys"],
    listPublicSshKeysForAuthenticated: [
      "GET /user/keys",
      {},
      { renamed: ["users", "listPublicSshKeysForAuthenticatedUser"] }
    ],
    listPublicSshKeysForAuthenticatedUser: ["GET /user/keys"],
    listSocialAccountsForAuthenticatedUser: ["GET /user/social_accounts"],
    listSocialAccountsForUser: ["GET /users/{username}/social_accounts"],
    listSshSigningKeysForAuthenticatedUser: ["GET /user/ssh_signing_keys"],
    listSshSigningKeysForUser: ["GET /users/{username}/ssh_signing_keys"],
    setPrimaryEmailVisibilityForAuthenticated: [
      "PATCH /user/email/visibility",
      {},
      { renamed: ["users", "setPrimaryEmailVisibilityForAuthenticatedUser"] }
    ],
    setPrimaryEmailVisibilityForAuthenticatedUser: [
      "PATCH /user/email/visibility"
    ],
    unblock: ["DELETE /user/blocks/{username}"],
    unfollow: ["DELETE /user/following/{username}"],
    updateAuthenticated: ["PATCH /user"]
  }
};
var endpoints_default = Endpoints;

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/endpoints-to-methods.js
var endpointMethodsMap = /* @__PURE__ */ new Map();
for (const [scope, endpoints] of Object.entries(endpoints_default)) {
  for (const [methodName, endpoint2] of Object.entries(endpoints)) {
    const [route, defaults, decorations] = endpoint2;
    const [method, url] = route.split(/ /);
    const endpointDefaults = Object.assign(
      {
        method,
        url
      },
      defaults
    );
    if (!endpointMethodsMap.has(scope)) {
      endpointMethodsMap.set(scope, /* @__PURE__ */ new Map());
    }
    endpointMethodsMap.get(scope).set(methodName, {
      scope,
      methodName,
      endpointDefaults,
      decorations
    });
  }
}
var handler = {
  has({ scope }, methodName) {
    return endpointMethodsMap.get(scope).has(methodName);
  },
  getOwnPropertyDescriptor(target, methodName) {
    return {
      value: this.get(target, methodName),
      // ensures method is in the cache
      configurable: true,
      writable: true,
      enumerable: true
    };
  },
  defineProperty(target, methodName, descriptor) {
    Object.defineProperty(target.cache, methodName, descriptor);
    return true;
  },
  deleteProperty(target, methodName) {
    delete target.cache[methodName];
    return true;
  },
  ownKeys({ scope }) {
    return [...endpointMethodsMap.get(scope).keys()];
  },
  set(target, methodName, value) {
    return target.cache[methodName] = value;
  },
  get({ octokit, scope, cache }, methodName) {
    if (cache[methodName]) {
      return cache[methodName];
    }
    const method = endpointMethodsMap.get(scope).get(methodName);
    if (!method) {
      return void 0;
    }
    const { endpointDefaults, decorations } = method;
    if (decorations) {
      cache[methodName] = decorate(
        octokit,
        scope,
        methodName,
        endpointDefaults,
        decorations
      );
    } else {
      cache[methodName] = octokit.request.defaults(endpointDefaults);
    }
    return cache[methodName];
  }
};
function endpointsToMethods(octokit) {
  const newMethods = {};
  for (const scope of endpointMethodsMap.keys()) {
    newMethods[scope] = new Proxy({ octokit, scope, cache: {} }, handler);
  }
  return newMethods;
}
function decorate(octokit, scope, methodName, defaults, decorations) {
  const requestWithDefaults = octokit.request.defaults(defaults);
  function withDecorations(...args) {
    let options2 = requestWithDefaults.endpoint.merge(...args);
    if (decorations.mapToData) {
      options2 = Object.assign({}, options2, {
        data: options2[decorations.mapToData],
        [decorations.mapToData]: void 0
      });
      return requestWithDefaults(options2);
    }
    if (decorations.renamed) {
      const [newScope, newMethodName] = decorations.renamed;
      octokit.log.warn(
        `octokit.${scope}.${methodName}() has been renamed to octokit.${newScope}.${newMethodName}()`
      );
    }
    if (decorations.deprecated) {
      octokit.log.warn(decorations.deprecated);
    }
    if (decorations.renamedParameters) {
      const options22 = requestWithDefaults.endpoint.merge(...args);
      for (const [name, alias] of Object.entries(
        decorations.renamedParameters
      )) {
        if (name in options22) {
          octokit.log.warn(
            `"${name}" parameter is deprecated for "octokit.${scope}.${methodName}()". Use "${alias}" instead`
          );
          if (!(alias in options22)) {
            options22[alias] = options22[name];
          }
          delete options22[name];
        }
      }
      return requestWithDefaults(options22);
    }
    return requestWithDefaults(...args);
  }
  return Object.assign(withDecorations, requestWithDefaults);
}

// node_modules/@octokit/plugin-rest-endpoint-methods/dist-src/index.js
function restEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    rest: api
  };
}
restEndpointMethods.VERSION = VERSION7;
function legacyRestEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    ...api,
    rest: api
  };
}
legacyRestEndpointMethods.VERSION = VERSION7;

// node_modules/@octokit/rest/dist-src/version.js
var VERSION8 = "22.0.1";

// node_modules/@octokit/rest/dist-src/index.js
var Octokit2 = Octokit.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
  {
    userAgent: `octokit-rest.js/${VERSION8}`
  }
);

// src/pullrequest.ts
var DEFAULT_API_URL = "https://api.github.com";
var PR_MARKER = "<!-- offmain:deploy -->";
var BRANCH_PREFIX = "offmain/";
function info(p) {
  return {
    number: p.number,
    url: p.html_url,
    nodeId: p.node_id,
    author: p.user?.login ?? "",
    headRef: p.head.ref,
    headSha: p.head.sha,
    title: p.title
  };
}
function isHttpError(e) {
  return typeof e === "object" && e !== null && typeof e.status === "number";
}
function apiText(e) {
  const data = e.response?.data;
  const parts = [data?.message ?? e.message];
  for (const x of data?.errors ?? []) parts.push(x.message ?? [x.field, x.code].filter(Boolean).join(" "));
  return parts.filter(Boolean).join(": ");
}
var GitHubPullRequests = class {
  constructor(opts) {
    this.opts = opts;
    const log = opts.log;
    this.slug = `${opts.owner}/${opts.repo}`;
    this.octokit = new Octokit2({
      auth: opts.token,
      baseUrl: (opts.apiUrl || process.env.GITHUB_API_URL || DEFAULT_API_URL).replace(/\/+$/, ""),
      userAgent: "offmain",
      log: { debug: () => {
      }, info: () => {
      }, warn: (m) => log?.warning(m), error: () => {
      } }
    });
  }
  opts;
  octokit;
  slug;
  /** Turns an API failure into one line naming the repository and what to do. */
  fail(e, doing) {
    if (!isHttpError(e)) throw e;
    const text = apiText(e);
    switch (e.status) {
      case 401:
        throw new OffmainError(`GitHub refused the token while ${doing} in ${this.slug} (401 ${text}): check the token`);
      case 403:
        throw new OffmainError(
          `GitHub refused ${doing} in ${this.slug} (403 ${text}): the token needs pull-requests: write and contents: write (for GITHUB_TOKEN, also allow GitHub Actions to create pull requests in the repository settings)`
        );
      case 404:
        throw new OffmainError(`${this.slug} was not found while ${doing} (404): check the repository, and that the token can see it`);
      default:
        throw new OffmainError(`GitHub answered ${e.status} while ${doing} in ${this.slug}: ${text}`);
    }
  }
  /** Checks that the token can see the repository; returns what the deploy needs to know of it. */
  async repository() {
    try {
      const { data } = await this.octokit.rest.repos.get({ owner: this.opts.owner, repo: this.opts.repo });
      const out = { defaultBranch: data.default_branch };
      if (typeof data.allow_auto_merge === "boolean") out.allowAutoMerge = data.allow_auto_merge;
      if (data.permissions) out.canPush = data.permissions.push;
      return out;
    } catch (e) {
      this.fail(e, "reading the repository");
    }
  }
  /** The open pull request from `head` (a branch of this repository) into `base`, if any. */
  async findOpen(head, base) {
    try {
      const { data } = await this.octokit.rest.pulls.list({
        owner: this.opts.owner,
        repo: this.opts.repo,
        state: "open",
        head: `${this.opts.owner}:${head}`,
        ...base ? { base } : {},
        per_page: 100
      });
      const mine = data.find((p) => p.head.ref === head && p.head.repo?.full_name === this.slug);
      return mine && info(mine);
    } catch (e) {
      this.fail(e, "listing pull requests");
    }
  }
  async listOpen(base) {
    try {
      const all = await this.octokit.paginate(this.octokit.rest.pulls.list, {
        owner: this.opts.owner,
        repo: this.opts.repo,
        state: "open",
        base,
        per_page: 100
      });
      return all;
    } catch (e) {
      this.fail(e, "listing pull requests");
    }
  }
  /** Opens the pull request, or updates the one already open for the same branch. */
  async openOrUpdate(o) {
    const log = this.opts.log;
    const body = o.body.includes(PR_MARKER) ? o.body : `${o.body.trimEnd()}

${PR_MARKER}
`;
    const { owner, repo } = this.opts;
    let pr = await this.findOpen(o.head, o.base);
    let created = false;
    if (pr) {
      try {
        const { data } = await this.octokit.rest.pulls.update({ owner, repo, pull_number: pr.number, title: o.title, body, base: o.base });
        pr = info(data);
        log?.info(`updated pull request #${pr.number}: ${pr.url}`);
      } catch (e) {
        this.fail(e, `updating pull request #${pr.number}`);
      }
    } else {
      try {
        const { data } = await this.octokit.rest.pulls.create({ owner, repo, title: o.title, body, head: o.head, base: o.base });
        pr = info(data);
        created = true;
        log?.info(`opened pull request #${pr.number}: ${pr.url}`);
      } catch (e) {
        if (isHttpError(e) && e.status === 422 && /already exists/i.test(apiText(e))) {
          const other = await this.findOpen(o.head, o.base);
          if (!other) this.fail(e, "opening a pull request");
          try {
            const { data } = await this.octokit.rest.pulls.update({ owner, repo, pull_number: other.number, title: o.title, body });
            pr = info(data);
          } catch (e2) {
            this.fail(e2, `updating pull request #${other.number}`);
          }
        } else {
          this.fail(e, "opening a pull request");
        }
      }
    }
    const result = { pullRequest: pr, created, labels: [], closed: [] };
    const labels = [...new Set((o.labels ?? []).map((l) => l.trim()).filter(Boolean))];
    if (labels.length) {
      try {
        const { data } = await this.octokit.rest.issues.addLabels({ owner, repo, issue_number: pr.number, labels });
        result.labels = data.map((l) => l.name);
      } catch (e) {
        this.fail(e, `labelling pull request #${pr.number}`);
      }
    }
    if (o.autoMerge) result.autoMerge = await this.enableAutoMerge(pr, o.autoMerge);
    if (o.closeSuperseded !== false && o.isSuperseded) {
      for (const other of await this.listOpen(o.base)) {
        if (other.number === pr.number || !other.head.ref.startsWith(BRANCH_PREFIX) || other.head.ref === o.head) continue;
        const offmains = other.head.repo?.full_name === this.slug && other.user?.login === pr.author && (other.body ?? "").includes(PR_MARKER);
        if (!offmains) {
          log?.info(`left pull request #${other.number} (${other.head.ref}) open: it was not opened by offmain as ${pr.author}`);
          continue;
        }
        if (!await o.isSuperseded(other.head.ref)) {
          log?.info(`left pull request #${other.number} (${other.head.ref}) open: it is not older than this deploy`);
          continue;
        }
        try {
          await this.octokit.rest.issues.createComment({
            owner,
            repo,
            issue_number: other.number,
            body: `Superseded by #${pr.number} (${o.head}). Closed by offmain.`
          });
          await this.octokit.rest.pulls.update({ owner, repo, pull_number: other.number, state: "closed" });
          result.closed.push(info(other));
          log?.info(`closed pull request #${other.number} (${other.head.ref}): superseded by #${pr.number}`);
        } catch (e) {
          log?.warning(`could not close the superseded pull request #${other.number}: ${isHttpError(e) ? apiText(e) : String(e)}`);
        }
      }
    }
    return result;
  }
  /** Enables auto-merge; on failure warns and returns why (the pull request itself stands). */
  async enableAutoMerge(pr, method) {
    const mutation = `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: {pullRequestId: $pullRequestId, mergeMethod: $mergeMethod}) {
    pullRequest { number autoMergeRequest { enabledAt mergeMethod } }
  }
}`;
    try {
      await this.octokit.graphql(mutation, { pullRequestId: pr.nodeId, mergeMethod: method.toUpperCase() });
      this.opts.log?.info(`enabled auto-merge (${method}) on #${pr.number}`);
      return "enabled";
    } catch (e) {
      const errors = e.errors;
      const why = errors?.map((x) => x.message).filter(Boolean).join("; ") || (isHttpError(e) ? apiText(e) : String(e));
      this.opts.log?.warning(
        `auto-merge could not be enabled on pull request #${pr.number} (${why}): allow auto-merge in the repository settings and protect the base branch with a required check, or merge it by hand`
      );
      return why;
    }
  }
};

// src/deploy.ts
function imageName(repository) {
  return repository.split("/").pop() ?? repository;
}
function displayOf(tag) {
  if (!tag) return void 0;
  return parseImageTag(tag)?.display ?? tag;
}
function deployCommitMessage(input) {
  const moving = input.images.filter((t) => input.bump.changes.some((c) => canonicalRepository(c.repository) === canonicalRepository(t.repository)));
  const lead = moving[0] ?? input.images[0];
  const before = input.bump.previous[lead.repository];
  const from = before?.display ?? before?.tag ?? "(none)";
  const to = lead === input.images[0] && input.version ? input.version : displayOf(lead.tag);
  const subject = `${imageName(lead.repository)} ${from} -> ${to}`;
  const body = [];
  const u = input.upstream;
  if (u) {
    const oldSha = before?.tag ? parseImageTag(before.tag)?.shortSha : void 0;
    const newSha = u.commit ?? parseImageTag(lead.tag)?.shortSha;
    const cmp = oldSha && newSha && oldSha !== newSha.slice(0, oldSha.length) ? compareUrl(u.repository, oldSha, newSha) : void 0;
    if (cmp) body.push(`Upstream changes: ${cmp}`);
    if (newSha) {
      const link = commitUrl(u.repository, newSha);
      body.push(`Upstream commit: ${link ?? `${newSha} of ${redactUrl(u.repository)}`}${u.ref ? ` (${u.ref})` : ""}`);
    }
    if (body.length) body.push("");
  }
  const patches = input.patchReport?.patches ?? [];
  if (patches.length) {
    body.push("Patches:");
    for (const p of patches) body.push(`- ${p.id}: ${p.status}${p.reason ? ` (${p.reason.split("\n")[0]})` : ""}`);
    body.push("");
  }
  body.push("Images:");
  for (const t of input.images) {
    const moved = moving.includes(t) ? "" : " (already there)";
    body.push(`- ${formatImageRef(t)}${moved}`);
  }
  body.push("");
  body.push("Files:");
  const prefix = input.prefix ? `${input.prefix.replace(/\/+$/, "")}/` : "";
  for (const f of input.bump.files) {
    const n = input.bump.changes.filter((c) => c.file === f).length;
    body.push(`- ${prefix}${f}${n > 1 ? ` (${n} references)` : ""}`);
  }
  const text = body.join("\n").trimEnd();
  return { subject, body: text, message: `${subject}

${text}
` };
}
function table2(rows) {
  return ["| | |", "| --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}
function deploySummaryMarkdown(r) {
  const rows = [
    ["Config repository", `${cell(r.repository)} (${cell(r.branch)})`],
    ["Deployed before", r.previous.version ? `\`${cell(r.previous.version)}\`` : "unknown"],
    ["Deployed now", `\`${cell(r.next.version)}\``]
  ];
  if (r.upstream?.compareUrl) rows.push(["Upstream changes", `[compare](${r.upstream.compareUrl})`]);
  if (r.pullRequest) {
    rows.push(["Pull request", `[#${r.pullRequest.number}](${r.pullRequest.url}) ${r.pullRequest.created ? "opened" : "updated"} from \`${cell(r.pullRequest.branch)}\``]);
    if (r.pullRequest.autoMerge) rows.push(["Auto-merge", r.pullRequest.autoMerge === "enabled" ? "enabled" : `not enabled: ${cell(r.pullRequest.autoMerge)}`]);
    if (r.pullRequest.closed.length) rows.push(["Superseded", r.pullRequest.closed.map((n) => `#${n}`).join(", ") + " closed"]);
  }
  if (r.commit) {
    const short = `\`${r.commit.slice(0, 7)}\``;
    rows.push(["Commit", r.commitUrl ? `[${short}](${r.commitUrl})` : short]);
  } else {
    rows.push(["Commit", `none: ${cell(r.reason ?? "nothing changed")}`]);
  }
  if (r.files.length) rows.push(["Files", r.files.map((f) => `\`${cell(f)}\``).join(", ")]);
  const images = r.images.map((t) => {
    const moved = r.changes.some((c) => canonicalRepository(c.repository) === canonicalRepository(t.repository));
    return [`\`${cell(t.repository)}\``, `\`${cell(t.tag)}\``, t.digest ? `\`${t.digest}\`` : "", moved ? "updated" : "already there"];
  });
  const out = [
    `## offmain deploy: ${r.changed ? r.mode === "push" ? "pushed" : "pull request" : "no change"}`,
    "",
    table2(rows),
    "",
    "### Images",
    "",
    "| Image | Tag | Digest | |",
    "| --- | --- | --- | --- |",
    ...images.map((x) => `| ${x.join(" | ")} |`),
    ""
  ];
  if (r.freshness) out.push(freshnessMarkdown(r.freshness));
  else if (r.freshnessError) out.push("### Freshness", "", `Not measured: ${cell(r.freshnessError)}`, "");
  return out.join("\n");
}
function parseReport(report) {
  if (report === void 0 || report === "") return void 0;
  if (typeof report !== "string") return report;
  try {
    const r = JSON.parse(report);
    if (!r || typeof r !== "object" || !Array.isArray(r.patches)) throw new Error("no patches list");
    return r;
  } catch (e) {
    throw new OffmainError(`the patch report is not the patch step's JSON (${errorMessage(e)}): pass its patch-report output unchanged`);
  }
}
async function olderDeploy(otherRef, ours, history) {
  const theirs = parseImageTag(otherRef.slice(BRANCH_PREFIX.length));
  const mine = parseImageTag(ours);
  if (!theirs || !mine) return false;
  let order;
  try {
    order = import_semver4.default.compare(semverOf(mine.version), semverOf(theirs.version));
  } catch {
    return false;
  }
  if (order !== 0) return order > 0;
  if (theirs.shortSha === mine.shortSha) return false;
  return await history?.isAncestor(theirs.shortSha, mine.shortSha) === true;
}
var quiet = { info() {
}, warning() {
}, error() {
}, group: (_n, fn) => fn() };
async function deploy(opts) {
  const log = opts.log ?? quiet;
  const mode = opts.mode ?? "push";
  if (mode !== "push" && mode !== "pull-request") throw new OffmainError(`mode "${String(mode)}" is not known: use push or pull-request`);
  if (!opts.images.length) throw new OffmainError("no image to deploy: give at least one REPOSITORY=TAG@DIGEST");
  const author = parseAuthor(opts.author?.trim() || DEFAULT_AUTHOR);
  const report = parseReport(opts.patchReport);
  const sub = import_node_path9.default.posix.normalize(`${(opts.path ?? "").trim() || "."}/`).replace(/^\.\/$/, "").replace(/\/+$/, "");
  if (sub === ".." || sub.startsWith("../") || import_node_path9.default.isAbsolute(sub)) {
    throw new OffmainError(`path "${opts.path}" must be a directory inside the config repository (relative, no ..)`);
  }
  const lead = opts.images[0];
  const nextVersion = opts.version?.trim() || displayOf(lead.tag);
  const remote = configRemote(opts.repository, { token: opts.token, serverUrl: opts.serverUrl });
  const prBranch = `${BRANCH_PREFIX}${lead.tag}`;
  let gh;
  if (mode === "pull-request") {
    if (!remote.github) {
      throw new OffmainError(
        `mode pull-request needs a repository on GitHub (OWNER/NAME, or a URL on ${opts.serverUrl || process.env.GITHUB_SERVER_URL || "https://github.com"}); ${remote.display} is not: use mode push`
      );
    }
    if (!opts.token) throw new OffmainError("mode pull-request needs a token (pull-requests: write, contents: write) to open the pull request");
    if (!isValidBranchName(prBranch)) throw new OffmainError(`"${lead.tag}" cannot be part of a branch name: use an image tag such as 4.8.0_2f40549`);
    gh = new GitHubPullRequests({ token: opts.token, owner: remote.github.owner, repo: remote.github.repo, apiUrl: opts.apiUrl, log });
  }
  let history;
  let deployedSha;
  let freshnessError;
  const up = opts.upstream;
  if (up && (up.repository || up.path)) {
    history = await log.group("Upstream history", async () => {
      const h = await UpstreamHistory.open({ repository: up.repository, ref: up.ref, dir: up.path, cacheDir: up.cacheDir, token: up.token });
      const head = await h.head();
      log.info(`${h.repository} ${h.ref} is at ${head.sha.slice(0, 7)}`);
      try {
        deployedSha = await h.resolve(up.commit ?? shaOf(lead.tag));
        log.info(`the images are built from ${deployedSha.slice(0, 7)}`);
      } catch (e) {
        freshnessError = errorMessage(e);
        log.warning(`the lag cannot be measured: ${freshnessError}`);
      }
      return h;
    });
  }
  const workDir = opts.workDir ?? await (0, import_promises9.mkdtemp)(import_node_path9.default.join(process.env.RUNNER_TEMP || (0, import_node_os4.tmpdir)(), "offmain-config-"));
  try {
    const repoInfo = gh ? await log.group("GitHub", async () => {
      const info2 = await gh.repository();
      log.info(`${gh.slug}: default branch ${info2.defaultBranch}`);
      if (opts.autoMerge && info2.allowAutoMerge === false) {
        log.warning(`auto-merge is not allowed in ${gh.slug}'s settings: the pull request will be opened without it`);
      }
      return info2;
    }) : void 0;
    const co = await log.group(
      "Clone the config repository",
      () => ConfigCheckout.clone({ remote, dir: import_node_path9.default.join(workDir, "config"), branch: opts.branch?.trim() || repoInfo?.defaultBranch, log })
    );
    const bumpDir = import_node_path9.default.join(co.dir, sub);
    const isAncestor = history ? (a, b) => history.isAncestor(a, b) : void 0;
    if (opts.dryRun) {
      const r = await bump({
        dir: bumpDir,
        targets: opts.images,
        pinDigest: opts.pinDigest,
        allowDowngrade: opts.allowDowngrade,
        policies: opts.policies,
        helmKeys: opts.helmKeys,
        isAncestor,
        dryRun: true
      });
      const prev2 = r.previous[lead.repository];
      return {
        changed: r.changed,
        mode,
        repository: remote.display,
        branch: co.branch,
        files: r.files.map((f) => sub ? `${sub}/${f}` : f),
        changes: r.changes,
        previous: prev2?.tag ? { tag: prev2.tag, version: prev2.display ?? prev2.tag } : {},
        next: { tag: lead.tag, version: nextVersion, ...deployedSha ? { commit: deployedSha } : {} },
        images: opts.images,
        attempts: 0,
        reason: "dry run: nothing committed or pushed"
      };
    }
    let last;
    let lastMessage = "";
    const apply = async (attempt) => {
      let r;
      try {
        r = await bump({
          dir: bumpDir,
          targets: opts.images,
          pinDigest: opts.pinDigest,
          allowDowngrade: opts.allowDowngrade,
          policies: opts.policies,
          helmKeys: opts.helmKeys,
          isAncestor
        });
      } catch (e) {
        if (attempt > 1 && /refusing to downgrade/.test(errorMessage(e))) {
          return `superseded: a newer version is already deployed on ${co.branch} (${errorMessage(e).replace(/^.*?from (\S+) \(deployed\).*$/, "$1")})`;
        }
        throw e;
      }
      last = r;
      for (const c of r.changes) log.info(`${sub ? `${sub}/` : ""}${c.file}:${c.line}: ${c.old} -> ${c.new}${c.note ? ` (${c.note})` : ""}`);
      if (!r.changed) return `already at the target: ${r.unchanged.length} reference${r.unchanged.length === 1 ? "" : "s"} already at ${opts.images.map((t) => t.tag).join(", ")}`;
      const msg = deployCommitMessage({
        images: opts.images,
        bump: r,
        version: nextVersion,
        prefix: sub,
        upstream: history ? { repository: history.repository, ref: history.ref, commit: deployedSha } : void 0,
        patchReport: report
      });
      lastMessage = msg.message;
      return { message: msg.message, files: r.files.map((f) => sub ? `${sub}/${f}` : f) };
    };
    let prLease = co.heads.get(prBranch) ?? "";
    let createdBranch = false;
    const pushPr = async () => {
      const tip = prLease ? await co.inspectRemoteBranch(prBranch) : void 0;
      const head = await co.head();
      const base = (await co.run(["rev-parse", "HEAD^"])).stdout.trim();
      if (tip && tip.tree === await co.treeOf(head) && tip.parents[0] === base) {
        log.info(`${prBranch} already holds this change on the current ${co.branch}: not pushed again`);
        return { ok: true, sha: tip.sha };
      }
      const r = await co.push(prBranch, { lease: prLease ?? "" });
      if (r.ok) {
        createdBranch = !prLease;
        log.info(`pushed ${r.sha.slice(0, 7)} to ${prBranch}`);
      } else {
        prLease = await co.remoteBranch(prBranch) ?? "";
      }
      return r;
    };
    const outcome = await log.group(
      mode === "push" ? `Bump and push to ${co.branch}` : `Bump and push ${prBranch}`,
      () => updateBranch({
        checkout: co,
        apply,
        author,
        attempts: opts.attempts,
        backoffMs: opts.backoffMs,
        beforePush: opts.beforePush,
        push: gh ? pushPr : void 0,
        target: gh ? prBranch : void 0,
        log
      })
    );
    const bumped = last;
    const result = {
      changed: outcome.pushed,
      mode,
      repository: remote.display,
      branch: co.branch,
      files: outcome.pushed ? outcome.files : [],
      changes: outcome.pushed && bumped ? bumped.changes : [],
      previous: {},
      next: { tag: lead.tag, version: nextVersion, ...deployedSha ? { commit: deployedSha } : {} },
      images: opts.images,
      attempts: outcome.attempts
    };
    const prev = bumped?.previous[lead.repository];
    if (prev?.tag) result.previous = { tag: prev.tag, version: prev.display ?? prev.tag };
    if (history) {
      const oldSha = prev?.tag ? parseImageTag(prev.tag)?.shortSha : void 0;
      const newSha = deployedSha ?? parseImageTag(lead.tag)?.shortSha;
      result.upstream = { repository: history.repository, ref: history.ref };
      const cmp = oldSha && newSha && !newSha.startsWith(oldSha) ? compareUrl(history.repository, oldSha, newSha) : void 0;
      if (cmp) result.upstream.compareUrl = cmp;
      const cu = newSha ? commitUrl(history.repository, newSha) : void 0;
      if (cu) result.upstream.commitUrl = cu;
    }
    if (outcome.pushed) {
      result.commit = outcome.commit;
      result.message = lastMessage;
      if (remote.webUrl) result.commitUrl = `${remote.webUrl}/commit/${outcome.commit}`;
    } else {
      result.reason = outcome.reason;
      log.info(`nothing pushed: ${outcome.reason}`);
    }
    if (gh && outcome.pushed) {
      const [subject, ...rest] = lastMessage.split("\n");
      try {
        const pr = await log.group(
          "Pull request",
          () => gh.openOrUpdate({
            base: co.branch,
            head: prBranch,
            title: subject,
            body: `${rest.join("\n").trim()}

Opened by offmain: merging it rolls the cluster out to \`${nextVersion}\`.

${PR_MARKER}
`,
            labels: opts.labels,
            autoMerge: opts.autoMerge,
            closeSuperseded: opts.closeSuperseded,
            isSuperseded: (ref) => olderDeploy(ref, lead.tag, history)
          })
        );
        result.pullRequest = {
          number: pr.pullRequest.number,
          url: pr.pullRequest.url,
          created: pr.created,
          branch: prBranch,
          closed: pr.closed.map((c) => c.number),
          labels: pr.labels,
          ...pr.autoMerge ? { autoMerge: pr.autoMerge } : {}
        };
      } catch (e) {
        if (createdBranch && await co.deleteRemoteBranch(prBranch, outcome.commit)) {
          log.info(`removed the branch ${prBranch} again: the pull request could not be opened`);
        }
        throw e;
      }
    }
    let running = deployedSha;
    if (history && mode === "pull-request" && result.changed) {
      const prevSha = result.previous.tag ? parseImageTag(result.previous.tag)?.shortSha : void 0;
      running = void 0;
      if (prevSha) {
        try {
          running = await history.resolve(prevSha);
          log.info(`until the pull request is merged the cluster runs ${prevSha}: the lag is measured for it`);
        } catch (e) {
          freshnessError = errorMessage(e);
        }
      } else {
        freshnessError = `the base branch names ${result.previous.tag ?? "no offmain tag"}, so the commit the cluster runs until the pull request is merged is unknown`;
      }
    }
    if (history && running) {
      const h = history;
      const sha = running;
      result.freshness = await log.group("Freshness", async () => {
        const f = await freshness({ history: h, deployed: sha, now: opts.now, maxLagHours: opts.maxLagHours, warnOnly: opts.warnOnly });
        log.info(freshnessLine(f));
        if (f.status === "warn") log.warning(freshnessFailure(f));
        return f;
      });
    } else if (freshnessError) {
      result.freshnessError = freshnessError;
    }
    return result;
  } finally {
    if (!opts.workDir) await (0, import_promises9.rm)(workDir, { recursive: true, force: true });
  }
}

// src/prepare.ts
var import_node_fs7 = require("node:fs");
var import_node_crypto3 = require("node:crypto");
var import_promises13 = require("node:fs/promises");
var import_node_path13 = require("node:path");

// patches/redis-tls.yml
var redis_tls_default = `# Built-in patch set "redis-tls": Redis over TLS (rediss:// URLs) on every upstream line.
# Format: docs/patch-sets.md. Facts behind each variant are in the comments.
name: redis-tls
description: >-
  Make rediss:// (Redis over TLS) work. redis-rb 4.x's hiredis driver raises "SSL not supported by
  hiredis driver": Mastodon 4.0-4.2 need the pure-Ruby driver, 4.3-4.5 have a run-time switch
  (REDIS_DRIVER=ruby), and from 4.6 redis-rb 5 with hiredis-client does TLS itself.

patches:
  - id: hiredis-removal
    description: >-
      Drop the hiredis gem and driver so redis-rb uses its pure-Ruby driver, which does TLS.
      The redis constraint (~> 4.5) is deliberately left alone: under frozen Bundler, bumping it to
      ~> 4.8.1 in the Gemfile and in DEPENDENCIES does not change the resolved redis spec (a real
      upgrade needs \`bundle lock --update redis\`) and would make Gemfile and Gemfile.lock disagree;
      the resolved redis-rb (4.5.1 on 4.0-4.1, 4.8.1 on 4.2) already does TLS with the Ruby driver.
    variants:
      # 4.3-4.5, and main between the redis_config.rb -> redis_configuration.rb rename and redis 5:
      # Mastodon::RedisConfiguration#driver is \`ENV['REDIS_DRIVER'] == 'ruby' ? :ruby : :hiredis\`
      # (PR #30717). Change nothing: removing the hiredis gem breaks redis-rb 4.x
      # ('Cannot load driver "hiredis"') and editing hiredis-client breaks frozen bundle install.
      - when:
          any:
            - version: ">=4.3.0 <4.6.0-0"
            - all:
                - version: ">=4.0.0 <4.6.0"
                - { file: lib/mastodon/redis_configuration.rb, exists: true }
                - { file: Gemfile.lock, contains: '^    redis \\(4\\.' }
        require:
          - file: lib/mastodon/redis_configuration.rb
            contains: "ENV\\\\['REDIS_DRIVER'\\\\] == 'ruby'"
          - file: Gemfile.lock
            contains: '^    redis \\(4\\.'
        not-needed: >-
          set REDIS_DRIVER=ruby: Mastodon 4.3-4.5 choose the Redis driver at run time (upstream's
          switch since 4.3, PR #30717), and with the Ruby driver rediss:// URLs work. Nothing is
          changed: removing the hiredis gem here makes redis-rb 4.x fail with 'Cannot load driver
          "hiredis"', and editing hiredis-client breaks the frozen bundle install.

      # 4.0-4.2: hiredis is hard-wired (Gemfile require, redis_config.rb, the setup task,
      # RedisConfiguration#raw_connection).
      - when: { version: ">=4.0.0 <4.3.0" }
        operations:
          - file: Gemfile
            delete: "^gem 'hiredis', '~> 0\\\\.6'$"
            expect: 1
          - file: Gemfile
            replace: "^(gem 'redis', '~> 4\\\\.\\\\d+'), require: \\\\['redis', 'redis/connection/hiredis'\\\\]$"
            with: "$1"
            done: "^gem 'redis', '~> 4\\\\.\\\\d+'$"
            expect: 1
          - file: Gemfile.lock
            delete: '^    hiredis \\([^)]*\\)$'
            expect: 1
          - file: Gemfile.lock
            delete: '^  hiredis \\(~> 0\\.6\\)$'
            expect: 1
          - file: lib/mastodon/redis_config.rb
            delete: '^\\s*driver: :hiredis,$'
            expect: 2
          - file: lib/tasks/mastodon.rake
            delete: '^\\s*driver: :hiredis,$'
            expect: 1
          - file: app/lib/redis_configuration.rb
            replace: 'Redis\\.new\\(url: url, driver: :hiredis\\)'
            with: 'Redis.new(url: url)'
            expect: 1
        checks:
          - { file: Gemfile, not-contains: 'hiredis' }
          - { file: Gemfile.lock, not-contains: 'hiredis' }
          - { file: lib/mastodon/redis_config.rb, not-contains: ':hiredis' }
          - { file: lib/tasks/mastodon.rake, not-contains: ':hiredis' }
          - { file: app/lib/redis_configuration.rb, not-contains: ':hiredis' }
          - { lockfile: true }

      # 4.6 and later (main included): redis-rb 5 on redis-client; hiredis-client does TLS.
      - when: { version: ">=4.6.0-0" }
        require:
          - { file: Gemfile.lock, contains: '^    redis \\(5\\.' }
          - { file: Gemfile.lock, contains: '^    hiredis-client \\(' }
        not-needed: >-
          From Mastodon 4.6, redis-rb 5 with hiredis-client supports TLS: put rediss:// in
          REDIS_URL / SIDEKIQ_REDIS_URL / CACHE_REDIS_URL (REDIS_HOST/REDIS_PORT always build a
          redis:// URL, so TLS needs the URL form).

  - id: streaming-redis
    description: >-
      Raise the streaming server's node-redis from "^4.0.6 <4.1.0" (Mastodon 4.0-4.1 and main
      before ioredis) to "^4.6.5", the client the production TLS patch ran. yarn.lock is not edited:
      these Dockerfiles install with \`yarn install --pure-lockfile\`, which resolves the new range.
    variants:
      # From 4.2 (PR #26581, August 2023) the streaming server uses ioredis: TLS for rediss://.
      - when:
          any:
            - { file: package.json, contains: '"ioredis":' }
            - { file: streaming/package.json, contains: '"ioredis":' }
        not-needed: >-
          The streaming server uses ioredis (Mastodon 4.2 and later), which connects with TLS for
          rediss:// URLs by itself.
      - when:
          - version: ">=4.0.0"
          - { file: package.json, contains: '^\\s*"redis": "' }
        require:
          - file: Dockerfile
            not-contains: 'yarn install[^\\n]*--frozen-lockfile'
        operations:
          - file: package.json
            replace: '"redis": "\\^4\\.0\\.6 <4\\.1\\.0",'
            with: '"redis": "^4.6.5",'
            expect: 1
        checks:
          - { file: package.json, contains: '"redis": "\\^4\\.6\\.5",' }
`;

// patches/version-metadata.yml
var version_metadata_default = `# Built-in patch set "version-metadata": let images built from a commit say which commit.
# Format: docs/patch-sets.md.
#
# From 4.2, the Dockerfile declares ARG MASTODON_VERSION_METADATA and version.rb prints
# X.Y.Z[-prerelease]+<metadata>, so the build passes MASTODON_VERSION_METADATA=<sha7>. Older trees
# have no such build argument: this patch adds it, so the About page shows e.g. 4.1.2+4b9e4f6.
name: version-metadata
description: >-
  Build metadata in the version string (4.1.2+4b9e4f6) for upstream lines whose Dockerfile cannot
  take MASTODON_VERSION_METADATA (4.0, 4.1, and main of 2023).

patches:
  - id: version-metadata
    description: >-
      Declare ARG/ENV MASTODON_VERSION_METADATA in the Dockerfile's final stage and make
      lib/mastodon/version.rb's suffix return "+<metadata>" when it is set (plain Ruby).
    variants:
      # Release lines up to 4.1.x: flags and suffix are hard-coded ''.
      - when: { file: lib/mastodon/version.rb, contains: "def flags\\\\n\\\\s*''\\\\n\\\\s*end" }
        operations:
          - file: Dockerfile
            insert-after: '^FROM\\s'
            occurrence: last
            lines:
              - 'ARG MASTODON_VERSION_METADATA=""'
              - 'ENV MASTODON_VERSION_METADATA="\${MASTODON_VERSION_METADATA}"'
            expect: ">=1"
          - file: lib/mastodon/version.rb
            replace: "^    def suffix\\\\n      ''\\\\n    end$"
            with: |2-
                  def suffix
                    metadata = ENV.fetch('MASTODON_VERSION_METADATA', '')
                    metadata.empty? ? '' : "+#{metadata}"
                  end
            expect: 1
        checks:
          - { file: Dockerfile, contains: '^ARG MASTODON_VERSION_METADATA=""$' }
          - { file: lib/mastodon/version.rb, contains: "ENV\\\\.fetch\\\\('MASTODON_VERSION_METADATA', ''\\\\)" }

      # main between 2023-05-04 and 2023-08-25 (e.g. 5811ccc, 4.1.2): flags and suffix read
      # MASTODON_VERSION_FLAGS / MASTODON_VERSION_SUFFIX; the suffix keeps working when no
      # metadata is given.
      - when: { file: lib/mastodon/version.rb, contains: "ENV\\\\.fetch\\\\('MASTODON_VERSION_FLAGS'" }
        operations:
          - file: Dockerfile
            insert-after: '^FROM\\s'
            occurrence: last
            lines:
              - 'ARG MASTODON_VERSION_METADATA=""'
              - 'ENV MASTODON_VERSION_METADATA="\${MASTODON_VERSION_METADATA}"'
            expect: ">=1"
          - file: lib/mastodon/version.rb
            replace: "^    def suffix\\\\n      ENV\\\\.fetch\\\\('MASTODON_VERSION_SUFFIX', ''\\\\)\\\\n    end$"
            with: |2-
                  def suffix
                    metadata = ENV.fetch('MASTODON_VERSION_METADATA', '')
                    metadata.empty? ? ENV.fetch('MASTODON_VERSION_SUFFIX', '') : "+#{metadata}"
                  end
            expect: 1
        checks:
          - { file: Dockerfile, contains: '^ARG MASTODON_VERSION_METADATA=""$' }
          - { file: lib/mastodon/version.rb, contains: "ENV\\\\.fetch\\\\('MASTODON_VERSION_METADATA', ''\\\\)" }

      # 4.2 and later: the build argument exists upstream.
      - when: { file: Dockerfile, contains: '^\\s*ARG MASTODON_VERSION_METADATA\\b' }
        require:
          - { file: lib/mastodon/version.rb, contains: 'def build_metadata' }
        not-needed: >-
          The Dockerfile already declares ARG MASTODON_VERSION_METADATA (Mastodon 4.2 and later):
          the build passes the commit as build metadata and the version reads X.Y.Z+<sha7>.
`;

// src/builtin-patches.ts
var BUILTIN_PATCH_SETS = Object.freeze({
  "redis-tls": redis_tls_default,
  "version-metadata": version_metadata_default
});
var DEFAULT_PATCH_SETS = Object.freeze(["redis-tls", "version-metadata"]);
function builtinPatchSetNames() {
  return Object.keys(BUILTIN_PATCH_SETS).sort();
}
function builtinPatchSet(name) {
  return Object.prototype.hasOwnProperty.call(BUILTIN_PATCH_SETS, name) ? BUILTIN_PATCH_SETS[name] : void 0;
}

// src/patch.ts
var import_promises12 = require("node:fs/promises");
var import_node_path12 = require("node:path");
var import_semver6 = __toESM(require_semver2(), 1);

// src/lockfile.ts
var GEM_LINE = /^\s*gem\s*\(?\s*(['"])([^'"]+)\1/;
var GEMSPEC_LINE = /^\s*gemspec\b/;
function parseGemfile(text) {
  const gems = /* @__PURE__ */ new Map();
  let hasGemspec = false;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    if (/^\s*#/.test(raw)) continue;
    const m = GEM_LINE.exec(raw);
    if (m) {
      const name = m[2] ?? "";
      if (!gems.has(name)) gems.set(name, { name, line: i + 1 });
      continue;
    }
    if (GEMSPEC_LINE.test(raw)) hasGemspec = true;
  }
  return { gems, hasGemspec };
}
var SPEC_SECTIONS = /* @__PURE__ */ new Set(["GEM", "GIT", "PATH", "PLUGIN SOURCE"]);
var NAME_AND_PAREN = /^(\S+?)(?: \(([^)]*)\))?(!)?$/;
function parseLockfile(text) {
  const specs = [];
  const dependencies = /* @__PURE__ */ new Map();
  let hasDependenciesSection = false;
  let section = "";
  let inSpecs = false;
  let current;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? "").replace(/\r$/, "");
    const lineNo = i + 1;
    if (raw.trim() === "") {
      current = void 0;
      inSpecs = false;
      continue;
    }
    if (!raw.startsWith(" ")) {
      section = raw.trim();
      inSpecs = false;
      current = void 0;
      if (section === "DEPENDENCIES") hasDependenciesSection = true;
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (SPEC_SECTIONS.has(section)) {
      if (indent === 2) {
        inSpecs = body === "specs:";
        current = void 0;
        continue;
      }
      if (!inSpecs) continue;
      if (indent === 4) {
        const m = NAME_AND_PAREN.exec(body);
        if (!m) continue;
        const name = m[1] ?? body;
        const version = m[2] ?? "";
        current = { name, version, key: body, line: lineNo, deps: [], section };
        specs.push(current);
        continue;
      }
      if (indent === 6 && current) {
        const m = NAME_AND_PAREN.exec(body);
        if (!m) continue;
        current.deps.push({ name: m[1] ?? body, requirement: m[2] ?? "", text: body, line: lineNo });
      }
      continue;
    }
    if (section === "DEPENDENCIES" && indent === 2) {
      const m = NAME_AND_PAREN.exec(body);
      if (!m) continue;
      const name = m[1] ?? body;
      if (!dependencies.has(name)) {
        dependencies.set(name, { name, pinned: m[3] === "!", text: body, line: lineNo });
      }
    }
  }
  return { specs, specNames: new Set(specs.map((s) => s.name)), dependencies, hasDependenciesSection };
}
function checkLockfile(pair, reference, lines = {}) {
  const problems = [];
  const lockAt = lines.lockfile ?? ((n) => n);
  const gemAt = lines.gemfile ?? ((n) => n);
  const gemfile = parseGemfile(pair.gemfile);
  const lock = parseLockfile(pair.lockfile);
  const lockLines = pair.lockfile.split("\n");
  const gemLines = pair.gemfile.split("\n");
  const lockText = (line) => lockLines[line - 1]?.trim();
  const gemText = (line) => gemLines[line - 1]?.trim();
  if (!lock.hasDependenciesSection) {
    problems.push({
      key: "no-dependencies-section",
      file: "Gemfile.lock",
      message: "Gemfile.lock: has no DEPENDENCIES section"
    });
  } else {
    for (const dep of lock.dependencies.values()) {
      if (!gemfile.gems.has(dep.name) && !gemfile.hasGemspec) {
        problems.push({
          key: `lock-only:${dep.name}`,
          file: "Gemfile.lock",
          line: lockAt(dep.line),
          text: lockText(dep.line),
          message: `Gemfile.lock:${lockAt(dep.line)}: DEPENDENCIES lists ${dep.name} but the Gemfile does not declare it`
        });
      }
      if (!lock.specNames.has(dep.name)) {
        problems.push({
          key: `no-spec:${dep.name}`,
          file: "Gemfile.lock",
          line: lockAt(dep.line),
          text: lockText(dep.line),
          message: `Gemfile.lock:${lockAt(dep.line)}: DEPENDENCIES lists ${dep.name} but no spec in Gemfile.lock resolves it`
        });
      }
    }
    for (const gem of gemfile.gems.values()) {
      if (!lock.dependencies.has(gem.name)) {
        problems.push({
          key: `gemfile-only:${gem.name}`,
          file: "Gemfile",
          line: gemAt(gem.line),
          text: gemText(gem.line),
          message: `Gemfile:${gemAt(gem.line)}: declares ${gem.name} but Gemfile.lock's DEPENDENCIES does not list it`
        });
      }
    }
  }
  const referenceSpecs = reference ? specsByKey(parseLockfile(reference.lockfile)) : void 0;
  for (const spec of lock.specs) {
    const before = referenceSpecs?.get(spec.key);
    const known = before ? new Set(before.deps.map((d) => d.text)) : void 0;
    for (const dep of spec.deps) {
      if (known && !known.has(dep.text)) {
        problems.push({
          key: `orphan:${spec.key}>${dep.text}`,
          file: "Gemfile.lock",
          line: lockAt(dep.line),
          text: lockText(dep.line),
          message: `Gemfile.lock:${lockAt(dep.line)}: ${dep.text} is left under ${spec.key}, which does not depend on it: the spec line it belonged to was deleted`
        });
        continue;
      }
      if (dep.name !== "bundler" && !lock.specNames.has(dep.name)) {
        problems.push({
          key: `missing-spec:${spec.key}>${dep.name}`,
          file: "Gemfile.lock",
          line: lockAt(dep.line),
          text: lockText(dep.line),
          message: `Gemfile.lock:${lockAt(dep.line)}: ${spec.key} depends on ${dep.name}, which has no spec in Gemfile.lock`
        });
      }
    }
  }
  return problems;
}
function specsByKey(lock) {
  const map = /* @__PURE__ */ new Map();
  for (const spec of lock.specs) if (!map.has(spec.key)) map.set(spec.key, spec);
  return map;
}
function introducedProblems(before, after, lines = {}) {
  const preexisting = checkLockfile(before);
  const known = new Set(preexisting.map((p) => p.key));
  const introduced = checkLockfile(after, before, lines).filter((p) => !known.has(p.key));
  return { introduced, preexisting };
}

// src/patchset.ts
var import_promises10 = require("node:fs/promises");
var import_node_path10 = require("node:path");
var import_semver5 = __toESM(require_semver2(), 1);
var import_yaml3 = __toESM(require_dist(), 1);
var NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
var YamlReader = class {
  constructor(source, lc, doc) {
    this.source = source;
    this.lc = lc;
    this.doc = doc;
  }
  source;
  lc;
  doc;
  line(node, fallback = 1) {
    const range = node?.range;
    if (!range) return fallback;
    return this.lc.linePos(range[0]).line;
  }
  fail(line, message) {
    throw new OffmainError(`${this.source}:${line}: ${message}`, { file: this.source, line });
  }
  resolve(node) {
    return (0, import_yaml3.isAlias)(node) ? node.resolve(this.doc) : node;
  }
  map(node, what, line) {
    const n = this.resolve(node);
    if (!(0, import_yaml3.isMap)(n)) this.fail(this.line(n, line), `${what} must be a mapping (key: value)`);
    return n;
  }
  /** Entries of a mapping, rejecting unknown keys (a typo must not silently disable a guard). */
  entries(m, what, allowed) {
    const out = /* @__PURE__ */ new Map();
    for (const pair of m.items) {
      const keyNode = this.resolve(pair.key);
      const key = (0, import_yaml3.isScalar)(keyNode) ? String(keyNode.value) : String(keyNode);
      const line = this.line(keyNode, this.line(m));
      if (!allowed.includes(key)) {
        this.fail(line, `unknown key "${key}" in ${what} (allowed: ${allowed.join(", ")})`);
      }
      out.set(key, { value: this.resolve(pair.value), line });
    }
    return out;
  }
  string(entry, what, allowEmpty = false) {
    if (!entry) throw new Error("internal: missing entry");
    const v = entry.value;
    if (!(0, import_yaml3.isScalar)(v) || v.value === null || v.value === void 0 || typeof v.value === "object") {
      this.fail(entry.line, `${what} must be a string`);
    }
    const s = String(v.value);
    if (!allowEmpty && s.trim() === "") this.fail(entry.line, `${what} must not be empty`);
    return s;
  }
  boolean(entry, what) {
    const v = entry.value;
    if (!(0, import_yaml3.isScalar)(v) || typeof v.value !== "boolean") this.fail(entry.line, `${what} must be true or false`);
    return v.value;
  }
  seq(entry, what) {
    const v = entry.value;
    if (!(0, import_yaml3.isSeq)(v)) this.fail(entry.line, `${what} must be a list`);
    return v.items.map((i) => this.resolve(i));
  }
  pattern(entry, what) {
    const source = this.string(entry, what);
    try {
      return { source, re: new RegExp(source, "m") };
    } catch (e) {
      const msg = e instanceof Error ? e.message.replace(/^Invalid regular expression: /, "") : String(e);
      this.fail(entry.line, `invalid regular expression in ${what}: ${msg}`);
    }
  }
  path(entry, what) {
    const p = this.string(entry, what);
    const norm = import_node_path10.posix.normalize(p.replace(/^\.\//, ""));
    if ((0, import_node_path10.isAbsolute)(p) || p.includes("\\") || norm === "." || norm.startsWith("../") || norm === "..") {
      this.fail(entry.line, `${what} must be a path inside the Mastodon tree, relative to its root (got "${p}")`);
    }
    return norm;
  }
};
function parsePatchSet(text, source) {
  const lc = new import_yaml3.LineCounter();
  const doc = (0, import_yaml3.parseDocument)(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = lc.linePos(err.pos[0]).line;
    const msg = err.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "syntax error";
    throw new OffmainError(`${source}:${line}: YAML syntax error: ${msg}`, { file: source, line });
  }
  const r = new YamlReader(source, lc, doc);
  if (doc.contents === null) r.fail(1, "the patch set is empty: it needs name and patches");
  const top = r.entries(r.map(doc.contents, "a patch set", 1), "the patch set", ["name", "description", "patches"]);
  const nameEntry = top.get("name");
  if (!nameEntry) r.fail(1, "the patch set needs a name");
  const name = r.string(nameEntry, "name");
  if (!NAME_RE.test(name)) r.fail(nameEntry.line, `name "${name}" may only contain letters, digits, ".", "_" and "-"`);
  const description = top.get("description") ? r.string(top.get("description"), "description", true) : "";
  const patchesEntry = top.get("patches");
  if (!patchesEntry) r.fail(1, "the patch set needs a list of patches");
  const patchNodes = r.seq(patchesEntry, "patches");
  const patches = [];
  const ids = /* @__PURE__ */ new Map();
  for (const node of patchNodes) {
    const patch = parsePatch(r, node, patchesEntry.line);
    const previous = ids.get(patch.id);
    if (previous !== void 0) r.fail(patch.line, `duplicate patch id "${patch.id}" (first used at line ${previous})`);
    ids.set(patch.id, patch.line);
    patches.push(patch);
  }
  return { name, description, patches, source };
}
var VARIANT_KEYS = ["when", "require", "not-needed", "operations", "checks"];
function parsePatch(r, node, fallbackLine) {
  const line = r.line(node, fallbackLine);
  const e = r.entries(r.map(node, "a patch", line), "a patch", ["id", "description", "variants", ...VARIANT_KEYS]);
  const idEntry = e.get("id");
  if (!idEntry) r.fail(line, "a patch needs an id");
  const id = r.string(idEntry, "id");
  if (!NAME_RE.test(id)) r.fail(idEntry.line, `patch id "${id}" may only contain letters, digits, ".", "_" and "-"`);
  const descEntry = e.get("description");
  if (!descEntry) r.fail(line, `patch "${id}" needs a description`);
  const description = r.string(descEntry, "description").trim();
  const variants = [];
  const variantsEntry = e.get("variants");
  if (variantsEntry) {
    for (const key of VARIANT_KEYS) {
      const other = e.get(key);
      if (other) r.fail(other.line, `patch "${id}" has variants: put "${key}" inside a variant`);
    }
    const items = r.seq(variantsEntry, "variants");
    if (items.length === 0) r.fail(variantsEntry.line, `patch "${id}" has an empty variants list`);
    for (const item of items) {
      const vLine = r.line(item, variantsEntry.line);
      variants.push(parseVariant(r, r.entries(r.map(item, "a variant", vLine), "a variant", VARIANT_KEYS), vLine, id));
    }
  } else {
    variants.push(parseVariant(r, e, line, id));
  }
  return { id, description, variants, line };
}
function parseVariant(r, e, line, id) {
  const whenEntry = e.get("when");
  const when = whenEntry ? parseCondition(r, whenEntry.value, whenEntry.line, "when") : void 0;
  const requireEntry = e.get("require");
  const require2 = requireEntry ? conditionList(r, requireEntry, "require") : [];
  const notNeededEntry = e.get("not-needed");
  const notNeeded = notNeededEntry ? r.string(notNeededEntry, "not-needed").trim() : void 0;
  const opsEntry = e.get("operations");
  const operations = opsEntry ? r.seq(opsEntry, "operations").map((n) => parseOperation(r, n, opsEntry.line)) : [];
  const checksEntry = e.get("checks");
  const checks = checksEntry ? r.seq(checksEntry, "checks").map((n) => parseCheck(r, n, checksEntry.line)) : [];
  if (notNeeded !== void 0 && opsEntry) {
    r.fail(opsEntry.line, `patch "${id}": a variant has either not-needed or operations, not both`);
  }
  if (notNeeded !== void 0 && checksEntry) {
    r.fail(checksEntry.line, `patch "${id}": a not-needed variant proves its reason with require, not checks`);
  }
  if (notNeeded === void 0 && operations.length === 0) {
    r.fail(opsEntry?.line ?? line, `patch "${id}": a variant needs operations (a non-empty list) or not-needed: "reason"`);
  }
  return { when, require: require2, notNeeded, operations, checks, line };
}
function conditionList(r, entry, what) {
  if ((0, import_yaml3.isSeq)(entry.value)) {
    return r.seq(entry, what).map((n) => parseCondition(r, n, r.line(n, entry.line), what));
  }
  return [parseCondition(r, entry.value, entry.line, what)];
}
var CONDITION_KEYS = ["version", "file", "exists", "contains", "not-contains", "absent", "any", "all"];
function parseCondition(r, node, fallbackLine, what) {
  const line = r.line(node, fallbackLine);
  if ((0, import_yaml3.isSeq)(node)) {
    const items = node.items.map((i) => r.resolve(i)).map((n) => parseCondition(r, n, line, what));
    if (items.length === 0) r.fail(line, `${what} must not be an empty list`);
    return items.length === 1 ? items[0] : { kind: "all", items, line };
  }
  const e = r.entries(r.map(node, `a ${what} condition`, line), `a ${what} condition`, CONDITION_KEYS);
  const parts = [];
  const version = e.get("version");
  if (version) {
    const range = r.string(version, "version");
    if (import_semver5.default.validRange(range, { includePrerelease: true }) === null) {
      r.fail(version.line, `version "${range}" is not a semver range (e.g. ">=4.3.0 <4.6.0")`);
    }
    parts.push({ kind: "version", range, line: version.line });
  }
  const fileEntry = e.get("file");
  const tests = ["exists", "contains", "not-contains", "absent"].filter((k) => e.has(k));
  if (fileEntry) {
    const file = r.path(fileEntry, "file");
    if (tests.length === 0) r.fail(fileEntry.line, `a condition on file ${file} needs one of exists, contains, not-contains`);
    for (const t of tests) {
      const entry = e.get(t);
      if (t === "exists") parts.push({ kind: "exists", file, exists: r.boolean(entry, "exists"), line: entry.line });
      else parts.push({ kind: "contains", file, pattern: r.pattern(entry, t), negate: t !== "contains", line: entry.line });
    }
  } else if (tests.length > 0) {
    r.fail(e.get(tests[0]).line, `"${tests[0]}" needs a file: key naming the file to look at`);
  }
  for (const k of ["any", "all"]) {
    const entry = e.get(k);
    if (!entry) continue;
    const items = r.seq(entry, k).map((n) => parseCondition(r, n, r.line(n, entry.line), what));
    if (items.length === 0) r.fail(entry.line, `${k} must not be an empty list`);
    parts.push({ kind: k, items, line: entry.line });
  }
  if (parts.length === 0) r.fail(line, `a ${what} condition needs version, file (with exists/contains/not-contains), any or all`);
  return parts.length === 1 ? parts[0] : { kind: "all", items: parts, line };
}
function parseCheck(r, node, fallbackLine) {
  const line = r.line(node, fallbackLine);
  const m = r.map(node, "a check", line);
  const hasLockfile = m.items.some((p) => {
    const k = r.resolve(p.key);
    return (0, import_yaml3.isScalar)(k) && k.value === "lockfile";
  });
  if (hasLockfile) {
    const e = r.entries(m, "a lockfile check", ["lockfile"]);
    const entry = e.get("lockfile");
    if (!r.boolean(entry, "lockfile")) r.fail(entry.line, 'lockfile: only "lockfile: true" is meaningful');
    return { kind: "lockfile", line };
  }
  return parseCondition(r, node, line, "check");
}
var OPERATION_KEYS = ["file", "delete", "replace", "with", "insert-after", "lines", "expect", "occurrence", "done"];
function parseOperation(r, node, fallbackLine) {
  const line = r.line(node, fallbackLine);
  const e = r.entries(r.map(node, "an operation", line), "an operation", OPERATION_KEYS);
  const kinds = ["delete", "replace", "insert-after"].filter((k) => e.has(k));
  if (kinds.length !== 1) r.fail(line, "operation needs exactly one of delete, replace, insert-after");
  const kind = kinds[0];
  const fileEntry = e.get("file");
  if (!fileEntry) r.fail(line, `operation ${kind} needs file: (the path of the file to edit)`);
  const file = r.path(fileEntry, "file");
  const expectEntry = e.get("expect");
  if (!expectEntry) r.fail(line, `operation ${kind} on ${file} needs expect: N (how many matches it expects)`);
  const expect = parseExpect(r, expectEntry);
  const doneEntry = e.get("done");
  const done = doneEntry ? r.pattern(doneEntry, "done") : void 0;
  for (const k of ["with", "lines", "occurrence"]) {
    const entry = e.get(k);
    const owner = k === "with" ? "replace" : "insert-after";
    if (entry && kind !== owner) r.fail(entry.line, `"${k}" belongs to ${owner} operations, not ${kind}`);
  }
  const patternEntry = e.get(kind);
  if (kind === "delete") {
    return { kind, file, pattern: r.pattern(patternEntry, "delete"), expect, done, line };
  }
  if (kind === "replace") {
    const withEntry = e.get("with");
    if (!withEntry) r.fail(line, `replace on ${file} needs with: (the replacement text; "" to remove the match)`);
    const replacement = r.string(withEntry, "with", true);
    return { kind, file, pattern: r.pattern(patternEntry, "replace"), with: replacement, expect, done, line };
  }
  const linesEntry = e.get("lines");
  if (!linesEntry) r.fail(line, `insert-after on ${file} needs lines: (a list of lines to insert)`);
  const items = r.seq(linesEntry, "lines");
  if (items.length === 0) r.fail(linesEntry.line, "lines must not be empty");
  const lines = items.map((item) => {
    const l = r.line(item, linesEntry.line);
    if (!(0, import_yaml3.isScalar)(item) || item.value === null || typeof item.value === "object") r.fail(l, "each of lines must be a string");
    const s = String(item.value);
    if (s.includes("\n")) r.fail(l, "each of lines is one line: split multi-line text into several entries");
    return s;
  });
  let occurrence = "all";
  const occEntry = e.get("occurrence");
  if (occEntry) {
    const o = r.string(occEntry, "occurrence");
    if (o !== "all" && o !== "first" && o !== "last") r.fail(occEntry.line, "occurrence must be all, first or last");
    occurrence = o;
  }
  return { kind, file, pattern: r.pattern(patternEntry, "insert-after"), lines, occurrence, expect, done, line };
}
function parseExpect(r, entry) {
  const v = entry.value;
  const raw = (0, import_yaml3.isScalar)(v) ? v.value : void 0;
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 1) return { min: raw, max: raw, text: String(raw) };
  if (typeof raw === "string") {
    const exact = /^\s*(\d+)\s*$/.exec(raw);
    if (exact && Number(exact[1]) >= 1) return { min: Number(exact[1]), max: Number(exact[1]), text: exact[1] };
    const atLeast = /^\s*>=\s*(\d+)\s*$/.exec(raw);
    if (atLeast && Number(atLeast[1]) >= 1) return { min: Number(atLeast[1]), max: Infinity, text: `>=${atLeast[1]}` };
  }
  r.fail(entry.line, 'expect must be a whole number of matches (1 or more) or ">=N"');
}
var Workspace = class {
  constructor(dir) {
    this.dir = dir;
  }
  dir;
  pristine = /* @__PURE__ */ new Map();
  current = /* @__PURE__ */ new Map();
  /** File modes for files a unified diff creates or changes the mode of. */
  modes = /* @__PURE__ */ new Map();
  async read(path5) {
    if (this.current.has(path5)) return this.current.get(path5) ?? null;
    const text = await readTreeFile(this.dir, path5);
    this.pristine.set(path5, text);
    this.current.set(path5, text);
    return text;
  }
  async readPristine(path5) {
    if (!this.pristine.has(path5)) await this.read(path5);
    return this.pristine.get(path5) ?? null;
  }
  set(path5, text) {
    if (!this.pristine.has(path5)) throw new Error(`internal: ${path5} set before it was read`);
    this.current.set(path5, text);
  }
  /** Files whose content now differs from the tree on disk, sorted. */
  changedFiles() {
    const out = [];
    for (const [path5, text] of this.current) {
      if (text !== this.pristine.get(path5) || this.modes.has(path5)) out.push(path5);
    }
    return out.sort();
  }
  /** Write every change; on any error restore every file touched so far (and remove created ones). */
  async commit() {
    const changed = this.changedFiles();
    const done = [];
    const createdDirs = [];
    try {
      for (const path5 of changed) {
        const abs = (0, import_node_path10.join)(this.dir, path5);
        const before = this.pristine.get(path5) ?? null;
        const after = this.current.get(path5) ?? null;
        const mode = before === null ? void 0 : (await (0, import_promises10.stat)(abs)).mode & 4095;
        if (after === null) {
          if (before !== null) {
            await (0, import_promises10.unlink)(abs);
            done.push({ path: path5, before, mode });
          }
          continue;
        }
        if (before === null) {
          const made = await (0, import_promises10.mkdir)((0, import_node_path10.dirname)(abs), { recursive: true });
          if (made) createdDirs.push(made);
        }
        done.push({ path: path5, before, mode });
        if (before !== after) await (0, import_promises10.writeFile)(abs, after, "utf8");
        const wanted = this.modes.get(path5);
        if (wanted !== void 0) await (0, import_promises10.chmod)(abs, wanted);
      }
    } catch (e) {
      const problems = [];
      for (const { path: path5, before, mode } of done.reverse()) {
        const abs = (0, import_node_path10.join)(this.dir, path5);
        try {
          if (before === null) await (0, import_promises10.unlink)(abs).catch(() => void 0);
          else {
            await (0, import_promises10.writeFile)(abs, before, "utf8");
            if (mode !== void 0) await (0, import_promises10.chmod)(abs, mode);
          }
        } catch (re) {
          problems.push(`${path5} (${re instanceof Error ? re.message : String(re)})`);
        }
      }
      for (const d of createdDirs) await removeEmptyDirs(d, this.dir);
      const what = e instanceof Error ? e.message : String(e);
      throw new OffmainError(
        problems.length === 0 ? `could not write the patched files (${what}); every file was restored to its upstream content` : `could not write the patched files (${what}) and could not restore ${problems.join(", ")}: check out the upstream tree again`
      );
    }
    return changed;
  }
};
async function removeEmptyDirs(first, root) {
  const walk = async (d) => {
    const entries = await (0, import_promises10.readdir)(d, { withFileTypes: true }).catch(() => []);
    for (const ent of entries) if (ent.isDirectory()) await walk((0, import_node_path10.join)(d, ent.name));
    await (0, import_promises10.rmdir)(d).catch(() => void 0);
  };
  if (first.startsWith(root)) await walk(first);
}
async function readTreeFile(dir, path5) {
  try {
    return await (0, import_promises10.readFile)((0, import_node_path10.join)(dir, path5), "utf8");
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    if (code === "EISDIR") throw new OffmainError(`${path5}: is a directory where a patch expects a file`, { file: path5 });
    throw new OffmainError(`${path5}: cannot be read (${e.message})`, { file: path5 });
  }
}
var Overlay = class {
  constructor(ws) {
    this.ws = ws;
  }
  ws;
  edits = /* @__PURE__ */ new Map();
  async read(path5) {
    if (this.edits.has(path5)) return this.edits.get(path5) ?? null;
    return this.ws.read(path5);
  }
  set(path5, text) {
    this.edits.set(path5, text);
  }
  /** Apply to the workspace. */
  commit() {
    for (const [path5, text] of this.edits) this.ws.set(path5, text);
  }
};
function literalize(source) {
  let out = "";
  const skipQuantifier = (i) => {
    let j = i;
    const brace = /^\{\d+(?:,\d*)?\}/.exec(source.slice(j + 1));
    if (brace) j += brace[0].length;
    else if ("*+?".includes(source[j + 1] ?? "_")) j++;
    if (source[j + 1] === "?") j++;
    return j;
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      const n = source[++i] ?? "";
      const map = { n: "\n", t: "	", s: " ", d: "0", w: "x", b: "", B: "", S: "x", D: "x", W: " " };
      out += map[n] ?? n;
      i = skipQuantifier(i);
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      if (source[j] === "]") j++;
      while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
      i = skipQuantifier(j);
      continue;
    }
    if (c === "(") {
      const group = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(source.slice(i));
      if (group) i += group[0].length - 1;
      continue;
    }
    if (c === ".") {
      out += " ";
      i = skipQuantifier(i);
      continue;
    }
    if (")|^$*+?".includes(c)) continue;
    out += c;
  }
  return out;
}
function bigrams(s) {
  const m = /* @__PURE__ */ new Map();
  const t = s.toLowerCase().replace(/\s+/g, " ").trim();
  for (let i = 0; i < t.length - 1; i++) {
    const g = t.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}
function dice(a, aSize, b) {
  const bg = bigrams(b);
  let bSize = 0;
  let common = 0;
  for (const [g, n] of bg) {
    bSize += n;
    const an = a.get(g);
    if (an) common += Math.min(an, n);
  }
  return aSize + bSize === 0 ? 0 : 2 * common / (aSize + bSize);
}
function nearestLines(text, pattern, limit = 3, isRegex = true) {
  const wanted = isRegex ? literalize(pattern) : pattern;
  const segments = wanted.split("\n").map((s) => s.trim());
  const key = segments.reduce((best, s) => s.replace(/[^A-Za-z0-9]/g, "").length > best.replace(/[^A-Za-z0-9]/g, "").length ? s : best, "");
  if (key === "") return [];
  const a = bigrams(key);
  let aSize = 0;
  for (const n of a.values()) aSize += n;
  const scored = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? "";
    if (l.trim() === "") continue;
    const score = dice(a, aSize, l);
    if (score > 0.2) scored.push({ line: i + 1, text: l, score });
  }
  scored.sort((x, y) => y.score - x.score || x.line - y.line);
  return scored.slice(0, limit).map(({ line, text: t }) => ({ line, text: t }));
}
function matchingLines(text, re, limit = 5) {
  const out = [];
  const g = new RegExp(re.source, "gm");
  const starts = lineStarts(text);
  const lines = text.split("\n");
  for (const m of text.matchAll(g)) {
    if (out.length >= limit) break;
    const line = lineAt2(starts, m.index ?? 0);
    if (out.some((o) => o.line === line)) continue;
    out.push({ line, text: lines[line - 1] ?? "" });
    if (m[0] === "") break;
  }
  return out;
}
function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
function lineAt2(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
var identity = (line) => line;
function lineMapper(upstream, seen) {
  if (upstream === null || upstream === seen) return identity;
  let map;
  return (line) => {
    map ??= matchLines(upstream.split("\n"), seen.split("\n"));
    for (let i = Math.min(line, map.length) - 1; i >= 0; i--) {
      const m = map[i];
      if (m >= 0) return i === line - 1 ? m + 1 : m + 2;
    }
    return 1;
  };
}
function matchLines(a, b) {
  const map = new Int32Array(b.length).fill(-1);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) map[pre] = pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) {
    map[b.length - 1 - suf] = a.length - 1 - suf;
    suf++;
  }
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  if (n === 0 || m === 0) return map;
  const max = Math.min(n + m, 4e3);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x2 = k === -d || k !== d && v[k - 1 + off] < v[k + 1 + off] ? v[k + 1 + off] : v[k - 1 + off] + 1;
      let y2 = x2 - k;
      while (x2 < n && y2 < m && A[x2] === B[y2]) {
        x2++;
        y2++;
      }
      v[k + off] = x2;
      if (x2 >= n && y2 >= m) {
        found = true;
        break;
      }
    }
  }
  if (!found) return map;
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const t = trace[d];
    const k = x - y;
    const prevK = k === -d || k !== d && t[k - 1 + off] < t[k + 1 + off] ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : t[prevK + off];
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      map[pre + y] = pre + x;
    }
    x = prevX;
    y = prevY;
  }
  return map;
}
function mapNear(near, at) {
  return near.map((n) => ({ line: at(n.line), text: n.text }));
}
function conditionFiles(c) {
  switch (c.kind) {
    case "all":
    case "any":
      return c.items.flatMap(conditionFiles);
    case "version":
      return [];
    default:
      return [c.file];
  }
}
function describeCondition(c) {
  switch (c.kind) {
    case "version":
      return `version ${c.range}`;
    case "exists":
      return c.exists ? `${c.file} exists` : `${c.file} does not exist`;
    case "contains":
      return `${c.file} ${c.negate ? "does not contain" : "contains"} /${c.pattern.source}/`;
    case "all":
      return c.items.map(describeCondition).join(" and ");
    case "any":
      return `(${c.items.map(describeCondition).join(" or ")})`;
  }
}
var noMapping = async () => identity;
async function evaluate(c, tree, version, mapping) {
  switch (c.kind) {
    case "version": {
      const ok = import_semver5.default.satisfies(version, c.range, { includePrerelease: true });
      return { ok, detail: `this upstream is ${version.version}, not ${c.range}` };
    }
    case "exists": {
      const text = await tree.read(c.file);
      const ok = text !== null === c.exists;
      return {
        ok,
        detail: c.exists ? `${c.file}: file not found` : `${c.file} exists`,
        failure: ok ? void 0 : { file: c.file, expected: c.exists ? "the file exists" : "no such file", nearest: [] }
      };
    }
    case "contains": {
      const text = await tree.read(c.file);
      if (text === null) {
        return { ok: false, detail: `${c.file}: file not found`, failure: { file: c.file, expected: "the file exists", nearest: [] } };
      }
      const found = c.pattern.re.test(text);
      if (found !== c.negate) return { ok: true, detail: "" };
      const at = await mapping(c.file, text);
      if (c.negate) {
        const hits = mapNear(matchingLines(text, c.pattern.re), at);
        return {
          ok: false,
          detail: `${c.file}:${hits[0]?.line ?? 1}: still contains /${c.pattern.source}/`,
          failure: { file: c.file, line: hits[0]?.line, expected: `no match of /${c.pattern.source}/`, nearest: hits }
        };
      }
      const near = mapNear(nearestLines(text, c.pattern.source), at);
      return {
        ok: false,
        detail: `${c.file}: does not contain /${c.pattern.source}/`,
        failure: { file: c.file, line: near[0]?.line, expected: `a match of /${c.pattern.source}/`, nearest: near }
      };
    }
    case "all": {
      for (const item of c.items) {
        const o = await evaluate(item, tree, version, mapping);
        if (!o.ok) return o;
      }
      return { ok: true, detail: "" };
    }
    case "any": {
      const details = [];
      let first;
      for (const item of c.items) {
        const o = await evaluate(item, tree, version, mapping);
        if (o.ok) return o;
        first ??= o;
        details.push(o.detail);
      }
      return { ok: false, detail: details.join("; "), failure: first?.failure };
    }
  }
}
function describeOperation(op) {
  switch (op.kind) {
    case "delete":
      return `delete /${op.pattern.source}/`;
    case "replace":
      return `replace /${op.pattern.source}/`;
    case "insert-after":
      return `insert after ${op.occurrence === "all" ? "" : `the ${op.occurrence} `}/${op.pattern.source}/`;
  }
}
function inRange(n, e) {
  return n >= e.min && n <= e.max;
}
function countText(e) {
  return e.max === Infinity ? `at least ${e.min}` : String(e.min);
}
function isLiteralReplacement(s) {
  return !/\$([$&`']|\d|<)/.test(s);
}
function splitLines(text) {
  const trailingNewline = text.endsWith("\n");
  const lines = text.split("\n");
  if (trailingNewline) lines.pop();
  return { lines, trailingNewline };
}
function joinLines(lines, trailingNewline) {
  return lines.join("\n") + (trailingNewline && lines.length > 0 ? "\n" : "");
}
function evaluateOperation(op, text, at = identity) {
  const mismatch = (found, hits2) => {
    const unit = op.kind === "replace" ? "match" : "line";
    const plural = op.expect.min === 1 && op.expect.max === 1 ? unit : `${unit}${unit === "match" ? "es" : "s"}`;
    const expected = `${countText(op.expect)} ${plural} matching /${op.pattern.source}/ (${op.kind})`;
    const nearest = found === 0 ? mapNear(nearestLines(text, op.pattern.source), at) : hits2;
    return {
      state: "failed",
      reason: `${op.file}: expected ${expected}, found ${found}${found === 0 && nearest[0] ? `; nearest is line ${nearest[0].line}` : ""}`,
      failure: { file: op.file, line: nearest[0]?.line, expected, nearest }
    };
  };
  const notDone = () => {
    const expected = `${countText(op.expect)} match(es) of /${op.pattern.source}/ or its result /${op.done?.source}/`;
    const nearest = mapNear(nearestLines(text, op.pattern.source), at);
    return {
      state: "failed",
      reason: `${op.file}: neither /${op.pattern.source}/ (to ${op.kind}) nor its result /${op.done?.source}/ is there`,
      failure: { file: op.file, line: nearest[0]?.line, expected, nearest }
    };
  };
  if (op.kind === "delete") {
    const { lines: lines2, trailingNewline: trailingNewline2 } = splitLines(text);
    const hits2 = [];
    const drop = /* @__PURE__ */ new Set();
    lines2.forEach((l, i) => {
      if (!op.pattern.re.test(l)) return;
      drop.add(i);
      hits2.push({ line: at(i + 1), text: l });
    });
    if (hits2.length === 0) {
      if (op.done && !op.done.re.test(text)) return notDone();
      return { state: "done", weak: !op.done };
    }
    if (!inRange(hits2.length, op.expect)) return mismatch(hits2.length, hits2);
    return { state: "apply", text: joinLines(lines2.filter((_, i) => !drop.has(i)), trailingNewline2), firstLine: hits2[0].line, hits: hits2 };
  }
  if (op.kind === "replace") {
    const re = new RegExp(op.pattern.re.source, "gm");
    const starts = lineStarts(text);
    const matches = [...text.matchAll(re)];
    const hits2 = matches.slice(0, 5).map((m) => {
      const line = lineAt2(starts, m.index ?? 0);
      return { line: at(line), text: text.split("\n")[line - 1] ?? "" };
    });
    if (matches.some((m) => m[0] === "")) {
      return {
        state: "failed",
        reason: `${op.file}: /${op.pattern.source}/ matches empty text: make the pattern match what it replaces`,
        failure: { file: op.file, expected: "a pattern that matches text", nearest: [] }
      };
    }
    if (matches.length === 0) {
      if (op.done) return op.done.re.test(text) ? { state: "done", weak: false } : notDone();
      if (op.with !== "" && isLiteralReplacement(op.with) && !text.includes(op.with)) {
        const nearest = mapNear(nearestLines(text, op.pattern.source), at);
        const expected = `${countText(op.expect)} match(es) of /${op.pattern.source}/ (replace), or its replacement text`;
        return {
          state: "failed",
          reason: `${op.file}: expected ${countText(op.expect)} match(es) of /${op.pattern.source}/ (replace), found 0 and its replacement is not there either${nearest[0] ? `; nearest is line ${nearest[0].line}` : ""}`,
          failure: { file: op.file, line: nearest[0]?.line, expected, nearest }
        };
      }
      return { state: "done", weak: op.with === "" || !isLiteralReplacement(op.with) };
    }
    if (!inRange(matches.length, op.expect)) return mismatch(matches.length, hits2);
    const out2 = text.replace(re, op.with);
    const again = [...out2.matchAll(new RegExp(op.pattern.re.source, "gm"))].length;
    if (again > 0) {
      return {
        state: "failed",
        reason: `${op.file}: after the replacement /${op.pattern.source}/ still matches ${again} time(s): a second run would replace again; anchor the pattern so it does not match its own result`,
        failure: { file: op.file, line: hits2[0]?.line, expected: "a replacement the pattern no longer matches", nearest: hits2 }
      };
    }
    return { state: "apply", text: out2, firstLine: hits2[0].line, hits: hits2 };
  }
  const { lines, trailingNewline } = splitLines(text);
  const anchors = [];
  lines.forEach((l, i) => {
    if (op.pattern.re.test(l)) anchors.push(i);
  });
  const hits = anchors.slice(0, 5).map((i) => ({ line: at(i + 1), text: lines[i] ?? "" }));
  if (!inRange(anchors.length, op.expect)) return mismatch(anchors.length, hits);
  const selected = op.occurrence === "first" ? anchors.slice(0, 1) : op.occurrence === "last" ? anchors.slice(-1) : anchors;
  const present = selected.map((i) => op.lines.every((l, k) => lines[i + 1 + k] === l));
  if (present.every(Boolean)) {
    if (op.done && !op.done.re.test(text)) return notDone();
    return { state: "done", weak: false };
  }
  if (present.some(Boolean)) {
    const missing = selected.filter((_, k) => !present[k]).map((i) => ({ line: at(i + 1), text: lines[i] ?? "" }));
    return {
      state: "failed",
      reason: `${op.file}:${missing[0].line}: the lines to insert are already after some matches of /${op.pattern.source}/ but not after this one (a half-patched file)`,
      failure: { file: op.file, line: missing[0].line, expected: `the inserted lines after every selected match of /${op.pattern.source}/`, nearest: missing }
    };
  }
  if (op.lines.some((l) => op.pattern.re.test(l))) {
    return {
      state: "failed",
      reason: `${op.file}: a line to insert matches /${op.pattern.source}/ itself: a second run could not tell it from the anchor`,
      failure: { file: op.file, line: hits[0]?.line, expected: "inserted lines that do not match the anchor", nearest: hits }
    };
  }
  const out = [...lines];
  for (const i of [...selected].reverse()) out.splice(i + 1, 0, ...op.lines);
  return { state: "apply", text: joinLines(out, trailingNewline), firstLine: at(selected[0] + 1), hits };
}
async function lockfileVerdict(before, after, explicit, mapping = noMapping) {
  const [gb, lb, ga, la] = await Promise.all([
    before.read("Gemfile"),
    before.read("Gemfile.lock"),
    after.read("Gemfile"),
    after.read("Gemfile.lock")
  ]);
  if (ga === null || la === null) {
    if (!explicit && (gb === null || lb === null)) return {};
    const file = ga === null ? "Gemfile" : "Gemfile.lock";
    return { failed: { reason: `${file}: file not found`, failure: { file, expected: "the file exists", nearest: [] } } };
  }
  if (gb === null || lb === null) return {};
  const lines = { gemfile: await mapping("Gemfile", ga), lockfile: await mapping("Gemfile.lock", la) };
  const { introduced } = introducedProblems({ gemfile: gb, lockfile: lb }, { gemfile: ga, lockfile: la }, lines);
  if (introduced.length === 0) return {};
  return { failed: lockfileFailure(introduced) };
}
function lockfileFailure(problems) {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1).map((p) => p.message).join("; ")})` : "";
  return {
    reason: `Gemfile and Gemfile.lock no longer agree, so a frozen bundle install would fail: ${first.message}${more}`,
    failure: {
      file: first.file,
      line: first.line,
      expected: "Gemfile and Gemfile.lock that agree (every gem on both sides, no dependency left under the wrong spec)",
      nearest: problems.filter((p) => p.file === first.file && p.line !== void 0).slice(0, 5).map((p) => ({ line: p.line, text: p.text ?? "" }))
    }
  };
}
async function evaluatePatch(set, patch, ws, version) {
  const base = { id: patch.id, set: set.name, description: patch.description };
  const failed = (reason, failure) => ({
    result: { ...base, status: "failed", reason, files: [failure.file], failure }
  });
  const mapping = async (file, seen) => lineMapper(await ws.readPristine(file), seen);
  let variant;
  const misses = [];
  for (const v of patch.variants) {
    if (!v.when) {
      variant = v;
      break;
    }
    const o = await evaluate(v.when, ws, version, mapping);
    if (o.ok) {
      variant = v;
      break;
    }
    misses.push(o.detail);
  }
  if (!variant) {
    const applies = patch.variants.map((v) => v.when ? describeCondition(v.when) : "any tree").join("; or ");
    const facts = [...new Set(misses.filter((m) => !m.startsWith("this upstream is")))];
    return {
      result: {
        ...base,
        status: "not-needed",
        reason: `applies to ${applies}; this upstream is ${version.version}${facts.length ? ` (${facts.join("; ")})` : ""}`,
        files: []
      }
    };
  }
  for (const req of variant.require) {
    const o = await evaluate(req, ws, version, mapping);
    if (!o.ok) {
      return failed(
        `requirement not met: ${o.detail}. This variant relies on ${describeCondition(req)}; the tree is not what the patch set expects for it`,
        o.failure ?? { file: set.source, line: req.line, expected: describeCondition(req), nearest: [] }
      );
    }
  }
  if (variant.notNeeded !== void 0) {
    return { result: { ...base, status: "not-needed", reason: variant.notNeeded, files: [] } };
  }
  const overlay = new Overlay(ws);
  const states = [];
  for (const [index, op] of variant.operations.entries()) {
    const text = await overlay.read(op.file);
    if (text === null) {
      return failed(`${op.file}: file not found (operation ${index + 1}: ${describeOperation(op)})`, {
        file: op.file,
        expected: "the file exists",
        nearest: []
      });
    }
    const at = lineMapper(await ws.readPristine(op.file), text);
    const outcome = evaluateOperation(op, text, at);
    if (outcome.state === "failed") return failed(outcome.reason, outcome.failure);
    if (outcome.state === "apply") overlay.set(op.file, outcome.text);
    states.push({ op, index, outcome, seen: text, at });
  }
  const files = [...new Set(variant.operations.map((o) => o.file))];
  const applying = states.filter((s) => s.outcome.state === "apply");
  const doneOps = states.filter((s) => s.outcome.state === "done");
  const weakFailure = (weak, why) => {
    const nearest = mapNear(nearestLines(weak.seen, weak.op.pattern.source), weak.at);
    const unit = weak.op.kind === "replace" ? "match(es)" : "line(s)";
    const expected = `${countText(weak.op.expect)} ${unit} matching /${weak.op.pattern.source}/ (${weak.op.kind})`;
    return failed(
      `${weak.op.file}: expected ${expected}, found 0${nearest[0] ? `; nearest is line ${nearest[0].line}` : ""} (operation ${weak.index + 1}; ${why})`,
      { file: weak.op.file, line: nearest[0]?.line, expected, nearest }
    );
  };
  if (applying.length > 0 && doneOps.length > 0) {
    const weak = doneOps.find((s) => s.outcome.state === "done" && s.outcome.weak);
    if (weak) {
      return weakFailure(weak, "other operations of this patch still apply, so upstream changed this text or the tree is half-patched");
    }
    const d = doneOps[0];
    const a = applying[0];
    const hits = a.outcome.state === "apply" ? a.outcome.hits : [];
    const line = a.outcome.state === "apply" ? a.outcome.firstLine : void 0;
    return failed(
      `half-patched tree: operation ${d.index + 1} (${d.op.file}: ${describeOperation(d.op)}) is already done but operation ${a.index + 1} (${a.op.file}: ${describeOperation(a.op)}) still matches at line ${line}; restore the upstream files and run again`,
      { file: a.op.file, line, expected: "every operation of the patch in the same state (all done or none)", nearest: hits }
    );
  }
  if (applying.length === 0) {
    const checked = new Set(variant.checks.flatMap((c) => c.kind === "lockfile" ? [] : conditionFiles(c)));
    const unproven = doneOps.find((s) => s.outcome.state === "done" && s.outcome.weak && !checked.has(s.op.file));
    if (unproven) {
      return weakFailure(
        unproven,
        `nothing proves it was already applied: if it was, give the operation a done: pattern or the patch a check on ${unproven.op.file}`
      );
    }
  }
  const after = applying.length > 0 ? overlay : ws;
  for (const check of variant.checks) {
    if (check.kind === "lockfile") continue;
    const o = await evaluate(check, after, version, mapping);
    if (!o.ok) {
      return failed(
        `check failed after the patch: ${o.detail}`,
        o.failure ?? { file: set.source, line: check.line, expected: describeCondition(check), nearest: [] }
      );
    }
  }
  const explicitLock = variant.checks.some((c) => c.kind === "lockfile");
  const touchesLock = applying.some((s) => s.op.file === "Gemfile" || s.op.file === "Gemfile.lock");
  if (explicitLock || touchesLock) {
    const verdict = await lockfileVerdict(ws, after, explicitLock, mapping);
    if (verdict.failed) return failed(verdict.failed.reason, verdict.failed.failure);
  }
  if (applying.length === 0) return { result: { ...base, status: "already-applied", files } };
  const changed = [...overlay.edits.keys()].sort();
  return { result: { ...base, status: "applied", files: changed }, overlay };
}

// src/unifieddiff.ts
var import_promises11 = require("node:fs/promises");
var import_node_os5 = require("node:os");
var import_node_path11 = require("node:path");
function unquote(p) {
  if (!p.startsWith('"') || !p.endsWith('"') || p.length < 2) return p;
  const body = p.slice(1, -1);
  const bytes = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      continue;
    }
    const n = body[++i] ?? "";
    if (/[0-7]/.test(n)) {
      const oct = body.slice(i, i + 3);
      bytes.push(parseInt(oct, 8));
      i += 2;
    } else {
      bytes.push({ n: 10, t: 9, r: 13, '"': 34, "\\": 92, a: 7, b: 8, f: 12, v: 11 }[n] ?? n.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
function parseUnifiedDiff(text, source) {
  const fail = (line, message) => {
    throw new OffmainError(`${source}:${line}: ${message}`, { file: source, line });
  };
  const stripPrefix = (raw, line) => {
    let p = raw.replace(/\t.*$/, "");
    if (!p.startsWith('"')) p = p.replace(/\s+$/, "");
    p = unquote(p);
    if (p === "/dev/null") return null;
    const slash = p.indexOf("/");
    if (slash <= 0) {
      fail(line, `path "${p}" has no leading directory to strip (a/, b/): make the diff with \`git diff\` or \`diff -ru a/ b/\``);
    }
    return safePath(p.slice(slash + 1), line);
  };
  const safePath = (p, line) => {
    const norm = import_node_path11.posix.normalize(p);
    if ((0, import_node_path11.isAbsolute)(p) || norm === ".." || norm.startsWith("../") || norm === "." || norm === "") {
      fail(line, `path "${p}" is outside the tree`);
    }
    return norm;
  };
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const files = [];
  const preamble = [];
  let cur;
  let hunk;
  let oldLeft = 0;
  let newLeft = 0;
  const startFile = (line, git2) => {
    cur = { oldPath: null, newPath: null, hunks: [], line, sawOld: false, sawNew: false, git: git2 };
    files.push(cur);
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const lineNo = i + 1;
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const marker = l[0] ?? " ";
      if (marker === " " || l === "") {
        oldLeft--;
        newLeft--;
      } else if (marker === "-") oldLeft--;
      else if (marker === "+") newLeft--;
      else if (marker === "\\") {
        hunk.lines.push(l);
        continue;
      } else {
        fail(lineNo, `hunk from line ${hunk.line} ends early: ${oldLeft} old and ${newLeft} new lines still expected`);
      }
      if (oldLeft < 0 || newLeft < 0) fail(lineNo, `hunk from line ${hunk.line} has more lines than its @@ header says`);
      hunk.lines.push(l === "" ? " " : l);
      continue;
    }
    if (hunk && l.startsWith("\\")) {
      hunk.lines.push(l);
      continue;
    }
    hunk = void 0;
    if (l.startsWith("diff --git ")) {
      startFile(lineNo, true);
      const m = /^diff --git (\S+) (\S+)$/.exec(l);
      if (m) {
        cur.oldPath = stripPrefix(m[1], lineNo);
        cur.newPath = stripPrefix(m[2], lineNo);
      }
      continue;
    }
    if (l.startsWith("GIT binary patch") || /^Binary files .* differ$/.test(l)) {
      fail(lineNo, "binary diffs are not supported: patch text files only");
    }
    if (cur && cur.git && cur.hunks.length === 0 && !cur.sawOld) {
      let m;
      if (m = /^new file mode (\d+)$/.exec(l)) {
        cur.newMode = parseInt(m[1], 8) & 4095;
        cur.oldPath = null;
        continue;
      }
      if (/^deleted file mode /.test(l)) {
        cur.newPath = null;
        continue;
      }
      if (m = /^new mode (\d+)$/.exec(l)) {
        cur.newMode = parseInt(m[1], 8) & 4095;
        continue;
      }
      if (m = /^(?:rename|copy) from (.+)$/.exec(l)) {
        cur.oldPath = safePath(unquote(m[1]), lineNo);
        continue;
      }
      if (m = /^(?:rename|copy) to (.+)$/.exec(l)) {
        cur.newPath = safePath(unquote(m[1]), lineNo);
        continue;
      }
    }
    if (l.startsWith("--- ")) {
      if (!cur || cur.sawOld || cur.hunks.length > 0 || !cur.git) startFile(lineNo, false);
      cur.oldPath = stripPrefix(l.slice(4), lineNo);
      cur.sawOld = true;
      continue;
    }
    if (l.startsWith("+++ ")) {
      if (!cur || !cur.sawOld || cur.sawNew) fail(lineNo, '"+++" without the "---" line before it');
      cur.newPath = stripPrefix(l.slice(4), lineNo);
      cur.sawNew = true;
      continue;
    }
    if (l.startsWith("@@")) {
      const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(l);
      if (!m) fail(lineNo, `malformed hunk header "${l}"`);
      if (!cur || !cur.sawNew) fail(lineNo, 'hunk before the "--- a/file" and "+++ b/file" lines');
      hunk = {
        oldStart: Number(m[1]),
        oldLines: m[2] === void 0 ? 1 : Number(m[2]),
        newStart: Number(m[3]),
        newLines: m[4] === void 0 ? 1 : Number(m[4]),
        lines: [],
        line: lineNo
      };
      oldLeft = hunk.oldLines;
      newLeft = hunk.newLines;
      cur.hunks.push(hunk);
      continue;
    }
    if (files.length === 0) preamble.push(l);
  }
  if (hunk && (oldLeft > 0 || newLeft > 0)) {
    fail(lines.length, `the diff ends inside the hunk from line ${hunk.line} (${oldLeft} old and ${newLeft} new lines missing)`);
  }
  if (files.length === 0) fail(1, 'not a unified diff: no "--- a/file" / "+++ b/file" headers found');
  for (const f of files) {
    if (!f.git && f.hunks.length === 0) fail(f.line, "a file header without any hunk");
    if (f.oldPath === null && f.newPath === null) fail(f.line, "a file header without a path");
  }
  const subject = preamble.map((l) => /^Subject:\s*(?:\[[^\]]*\]\s*)?(.*)$/.exec(l)?.[1]).find(Boolean);
  const firstText = preamble.map((l) => l.trim()).find((l) => l !== "" && !/^(From|Date|diff|index|---)\b/.test(l));
  return {
    source,
    text,
    description: subject ?? firstText ?? `unified diff ${(0, import_node_path11.basename)(source)}`,
    files: files.map(({ oldPath, newPath, newMode, hunks, line }) => ({ oldPath, newPath, newMode, hunks, line }))
  };
}
async function loadUnifiedDiff(path5, baseDir = process.cwd()) {
  let text;
  try {
    text = await (0, import_promises11.readFile)((0, import_node_path11.resolve)(baseDir, path5), "utf8");
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT") throw new OffmainError(`diff file not found: ${path5}`, { file: path5 });
    throw new OffmainError(`cannot read diff file ${path5}: ${e.message}`, { file: path5 });
  }
  return parseUnifiedDiff(text, path5);
}
function touchedPaths(diff) {
  const set = /* @__PURE__ */ new Set();
  for (const f of diff.files) {
    if (f.oldPath) set.add(f.oldPath);
    if (f.newPath) set.add(f.newPath);
  }
  return [...set];
}
function gitEnv(scratch) {
  return {
    GIT_CEILING_DIRECTORIES: (0, import_node_path11.dirname)(scratch),
    GIT_DIR: void 0,
    GIT_WORK_TREE: void 0,
    GIT_INDEX_FILE: void 0,
    GIT_CONFIG_NOSYSTEM: "1"
  };
}
var APPLY_ARGS = ["apply", "-p1", "--whitespace=nowarn"];
async function applyUnifiedDiff(diff, ws) {
  const base = { id: (0, import_node_path11.basename)(diff.source), set: diff.source, description: diff.description };
  const paths = touchedPaths(diff);
  const scratch = await (0, import_promises11.mkdtemp)((0, import_node_path11.join)((0, import_node_os5.tmpdir)(), "offmain-diff-"));
  try {
    const current = /* @__PURE__ */ new Map();
    for (const p of paths) {
      const text = await ws.read(p);
      current.set(p, text);
      if (text === null) continue;
      const abs = (0, import_node_path11.join)(scratch, p);
      await (0, import_promises11.mkdir)((0, import_node_path11.dirname)(abs), { recursive: true });
      await (0, import_promises11.writeFile)(abs, text, "utf8");
    }
    const env = gitEnv(scratch);
    const check = await git([...APPLY_ARGS, "--check"], { cwd: scratch, input: diff.text, env, allowFailure: true });
    if (check.code !== 0) {
      const reverse = await git([...APPLY_ARGS, "--check", "--reverse"], { cwd: scratch, input: diff.text, env, allowFailure: true });
      if (reverse.code === 0) return { result: { ...base, status: "already-applied", files: paths.sort() } };
      const { reason, failure } = await explainFailure(diff, check.stderr, current, ws);
      return { result: { ...base, status: "failed", reason, files: [failure.file], failure } };
    }
    await git(APPLY_ARGS, { cwd: scratch, input: diff.text, env });
    const overlay = new Overlay(ws);
    for (const p of paths) {
      const abs = (0, import_node_path11.join)(scratch, p);
      let text = null;
      try {
        text = await (0, import_promises11.readFile)(abs, "utf8");
      } catch (e) {
        if (e.code !== "ENOENT") throw e;
      }
      if (text !== current.get(p)) overlay.set(p, text);
    }
    if (overlay.edits.size === 0 && diff.files.some((f) => f.hunks.length > 0)) {
      const file = touchedPaths(diff)[0] ?? diff.source;
      return {
        result: {
          ...base,
          status: "failed",
          reason: `${diff.source}: git apply changed nothing although the diff has hunks`,
          files: [file],
          failure: { file, expected: "the diff changes the files it names", nearest: [] }
        }
      };
    }
    for (const f of diff.files) {
      if (f.newPath && f.newMode !== void 0) {
        const mode = (await (0, import_promises11.stat)((0, import_node_path11.join)(scratch, f.newPath))).mode & 4095;
        ws.modes.set(f.newPath, mode);
        if (!overlay.edits.has(f.newPath)) overlay.set(f.newPath, current.get(f.newPath) ?? null);
      }
    }
    const touchesLock = [...overlay.edits.keys()].some((p) => p === "Gemfile" || p === "Gemfile.lock");
    if (touchesLock) {
      const verdict = await lockfileVerdict(
        ws,
        overlay,
        false,
        async (file, seen) => lineMapper(await ws.readPristine(file), seen)
      );
      if (verdict.failed) {
        const { reason, failure } = verdict.failed;
        for (const f of diff.files) if (f.newPath) ws.modes.delete(f.newPath);
        return { result: { ...base, status: "failed", reason, files: [failure.file], failure } };
      }
    }
    return { result: { ...base, status: "applied", files: [...overlay.edits.keys()].sort() }, overlay };
  } finally {
    await (0, import_promises11.rm)(scratch, { recursive: true, force: true });
  }
}
async function explainFailure(diff, stderr, current, ws) {
  const errors = stderr.split("\n").map((l) => l.trim()).filter((l) => l.startsWith("error:")).map((l) => l.replace(/^error:\s*/, ""));
  const gitSays = errors.join("; ") || stderr.trim().split("\n").pop() || "git apply --check failed";
  let file;
  let line;
  const failedAt = errors.map((e) => /^patch failed: (.+):(\d+)$/.exec(e)).find(Boolean);
  if (failedAt) {
    file = failedAt[1];
    line = Number(failedAt[2]);
  } else {
    const named = errors.map((e) => /^(.+?): (?:No such file or directory|does not exist|already exists in working directory|patch does not apply)/.exec(e)).find(Boolean);
    file = named?.[1];
  }
  file ??= touchedPaths(diff)[0] ?? diff.source;
  const text = current.get(file) ?? null;
  const df = diff.files.find((f) => f.oldPath === file || f.newPath === file);
  if (text === null && df && df.oldPath !== null) {
    return {
      reason: `${diff.source}: ${file}: file not found (the diff changes it)`,
      failure: { file, expected: "the file exists", nearest: [] }
    };
  }
  if (text !== null && df && df.oldPath === null) {
    return {
      reason: `${diff.source}: ${file} already exists with other content (the diff creates it)`,
      failure: { file, line: 1, expected: "no such file (the diff creates it)", nearest: [] }
    };
  }
  const hunk = df?.hunks.find((h) => h.oldStart === line) ?? df?.hunks[0];
  const oldSide = (hunk?.lines ?? []).filter((l) => l.startsWith(" ") || l.startsWith("-")).map((l) => l.slice(1));
  const present = new Set(text?.split("\n") ?? []);
  const wantedLine = oldSide.find((l) => l.trim() !== "" && !present.has(l)) ?? hunk?.lines.find((l) => l.startsWith("-"))?.slice(1) ?? oldSide.find((l) => l.trim() !== "");
  const at = text === null ? (n) => n : lineMapper(await ws.readPristine(file), text);
  const nearest = text !== null && wantedLine ? nearestLines(text, wantedLine, 3, false).map((n) => ({ line: at(n.line), text: n.text })) : [];
  return {
    reason: `${diff.source}: does not apply to ${file}${line ? `:${line}` : ""} (git apply: ${gitSays})`,
    failure: {
      file,
      line: nearest[0]?.line ?? line,
      expected: wantedLine !== void 0 ? `the hunk${hunk ? ` at line ${hunk.oldStart}` : ""}: ${wantedLine.trim()}` : "the diff applies",
      nearest
    }
  };
}

// src/patch.ts
var parsedBuiltins = /* @__PURE__ */ new Map();
async function loadPatchSet(spec, baseDir = process.cwd()) {
  const builtin = builtinPatchSet(spec);
  if (builtin !== void 0) {
    let set = parsedBuiltins.get(spec);
    if (!set) parsedBuiltins.set(spec, set = parsePatchSet(builtin, `patches/${spec}.yml`));
    return set;
  }
  const looksLikePath = /[\\/]/.test(spec) || /\.ya?ml$/i.test(spec);
  if (!looksLikePath) {
    throw new OffmainError(
      `unknown patch set "${spec}": the built-in patch sets are ${builtinPatchSetNames().join(", ")}; a path to a .yml patch-set file also works (e.g. ./patches/mine.yml)`
    );
  }
  let text;
  try {
    text = await (0, import_promises12.readFile)((0, import_node_path12.resolve)(baseDir, spec), "utf8");
  } catch (e) {
    const code = e.code;
    if (code === "ENOENT") {
      throw new OffmainError(
        `patch set file not found: ${spec} (built-in patch sets: ${builtinPatchSetNames().join(", ")})`,
        { file: spec }
      );
    }
    throw new OffmainError(`cannot read patch set ${spec}: ${e.message}`, { file: spec });
  }
  return parsePatchSet(text, spec);
}
function parseVersion(version) {
  const v = import_semver6.default.parse(version.trim().replace(/^v/, ""));
  if (!v) {
    throw new OffmainError(`upstream version "${version}" is not a semantic version (expected e.g. 4.3.0 or 4.8.0-alpha.1)`);
  }
  return v;
}
async function runPatches(opts) {
  const version = parseVersion(opts.version);
  const baseDir = opts.baseDir ?? process.cwd();
  const sets = await Promise.all(opts.patchSets.map((s) => loadPatchSet(s, baseDir)));
  const diffs = await Promise.all((opts.diffs ?? []).map((d) => loadUnifiedDiff(d, baseDir)));
  const dir = (0, import_node_path12.resolve)(opts.dir);
  const info2 = await (0, import_promises12.stat)(dir).catch(() => void 0);
  if (!info2?.isDirectory()) throw new OffmainError(`the Mastodon tree ${opts.dir} is not a directory`);
  const ws = new Workspace(dir);
  const results = [];
  for (const set of sets) {
    for (const patch of set.patches) {
      const { result, overlay } = await evaluatePatch(set, patch, ws, version);
      if (result.status === "applied" && overlay) overlay.commit();
      results.push(result);
    }
  }
  for (const diff of diffs) {
    const { result, overlay } = await applyUnifiedDiff(diff, ws);
    if (result.status === "applied" && overlay) overlay.commit();
    results.push(result);
  }
  const warnings = [];
  const [gemfile, lockfile] = await Promise.all([ws.readPristine("Gemfile"), ws.readPristine("Gemfile.lock")]);
  if (gemfile !== null && lockfile !== null) {
    for (const p of checkLockfile({ gemfile, lockfile })) {
      warnings.push(`${p.message} (already so in the upstream tree, not caused by patching)`);
    }
  }
  const ok = results.every((r) => r.status !== "failed");
  if (!ok) return { ok, results, changedFiles: [], warnings };
  const changedFiles = await ws.commit();
  return { ok, results, changedFiles, warnings };
}

// src/prepare.ts
async function headOf(dir) {
  if (!(0, import_node_fs7.existsSync)(dir)) throw new OffmainError(`${dir} does not exist: point --dir at a checked-out Mastodon tree`);
  const top = await git(["rev-parse", "--show-toplevel"], { cwd: dir, allowFailure: true });
  const own = top.code === 0 && await (0, import_promises13.realpath)(top.stdout.trim()) === await (0, import_promises13.realpath)(dir);
  const head = own ? await git(["rev-parse", "--verify", "HEAD^{commit}"], { cwd: dir, allowFailure: true }) : void 0;
  if (!head || head.code !== 0) {
    throw new OffmainError(`${dir} is not a git checkout, so its commit is unknown: pass --commit SHA (the upstream commit the tree is at)`);
  }
  return head.stdout.trim();
}
async function patchTree(opts, log) {
  const dir = (0, import_node_path13.resolve)(opts.dir);
  const commit = opts.commit ?? await headOf(dir);
  const version = await log.group("Version", async () => {
    const v = await versionOf(dir, commit);
    log.info(`${v.declared.text} declared by lib/mastodon/version.rb (${v.declared.shape} shape)`);
    log.info(`display version ${v.display}, image tag ${v.imageTag}`);
    return v;
  });
  const patchSets = opts.patchSets ?? DEFAULT_PATCH_SETS;
  const run = await log.group("Patch", async () => {
    const r = await runPatches({
      dir,
      version: semverOf(version.declared.text),
      patchSets: [...patchSets],
      diffs: opts.diffs ?? [],
      baseDir: opts.baseDir
    });
    for (const p of r.results) {
      const line = `${p.id}: ${p.status}${p.reason ? ` (${p.reason})` : ""}`;
      if (p.status === "failed") {
        log.error(
          `patch ${p.id} failed${p.failure ? `: ${p.failure.file}${p.failure.line ? `:${p.failure.line}` : ""}: expected ${p.failure.expected}` : ""}${p.reason ? `; ${p.reason}` : ""}`,
          { file: p.failure?.file, line: p.failure?.line, title: `offmain patch ${p.id}` }
        );
        for (const n of p.failure?.nearest ?? []) log.info(`    nearest ${p.failure?.file}:${n.line}: ${n.text}`);
      } else {
        log.info(line);
      }
    }
    for (const w of r.warnings) log.warning(w);
    if (r.changedFiles.length > 0) log.info(`changed: ${r.changedFiles.join(", ")}`);
    return r;
  });
  const inEffect = run.results.filter((p) => p.status === "applied" || p.status === "already-applied").map((p) => p.id);
  const report = {
    commit,
    version: version.display,
    imageTag: version.imageTag,
    ok: run.ok,
    patches: run.results.map((p) => ({
      id: p.id,
      status: p.status,
      ...p.reason !== void 0 ? { reason: p.reason } : {},
      files: p.files
    })),
    changedFiles: run.changedFiles,
    warnings: run.warnings,
    digest: await patchesDigest(patchSets, opts.diffs ?? [], opts.baseDir, inEffect)
  };
  return { dir, commit, version, results: run.results, report };
}
async function patchesDigest(sets, diffs, baseDir = process.cwd(), inEffect = []) {
  const h = (0, import_node_crypto3.createHash)("sha256");
  for (const spec of sets) h.update(`set\0${spec}\0${builtinPatchSet(spec) ?? await (0, import_promises13.readFile)((0, import_node_path13.resolve)(baseDir, spec), "utf8")}\0`);
  for (const d of diffs) h.update(`diff\0${await (0, import_promises13.readFile)((0, import_node_path13.resolve)(baseDir, d), "utf8")}\0`);
  h.update(`in-effect\0${[...inEffect].sort().join(",")}`);
  return `sha256:${h.digest("hex")}`;
}
function failureLine(result) {
  const failed = result.results.filter((p) => p.status === "failed");
  const first = failed[0];
  if (!first) return void 0;
  const where = first.failure ? `${first.failure.file}${first.failure.line ? `:${first.failure.line}` : ""}: ` : "";
  const what = first.failure ? `expected ${first.failure.expected}` : first.reason ?? "failed";
  const more = failed.length > 1 ? ` (and ${failed.length - 1} more failed patch${failed.length > 2 ? "es" : ""})` : "";
  return `patch ${first.id} no longer applies to ${result.version.display}: ${where}${what}${more}; nothing was modified. Update or drop the patch for this upstream.`;
}
async function prepare(opts, log) {
  const upstream = await log.group("Resolve upstream", async () => {
    const u = await resolveUpstream(opts);
    log.info(
      `${u.repository} ${u.tag ?? u.ref} -> ${u.sha} (${u.date})${u.webUrl ? ` ${u.webUrl}` : ""}`
    );
    return u;
  });
  const patched = await patchTree(
    { dir: upstream.path, commit: upstream.sha, patchSets: opts.patchSets, diffs: opts.diffs, baseDir: opts.baseDir },
    log
  );
  return { ...patched, upstream };
}

// src/pipeline.ts
async function planOnly(prepared, opts) {
  const u = prepared.upstream;
  return planBuild(
    {
      dir: prepared.dir,
      commit: u.sha,
      commitTime: u.date,
      version: prepared.version,
      upstream: u.repository,
      track: u.track,
      branch: u.track === "main" ? u.ref : void 0,
      images: opts.build.images,
      streamingImages: opts.build.streamingImages,
      platforms: opts.build.platforms,
      tags: opts.build.tags,
      buildArgs: Array.isArray(opts.build.buildArgs) ? void 0 : opts.build.buildArgs,
      prerelease: opts.build.prerelease,
      patches: prepared.report.patches.filter((p) => p.status === "applied" || p.status === "already-applied").map((p) => p.id)
    },
    await readBuildTree(prepared.dir)
  );
}
function deployTargets(result) {
  if (result.build) {
    return result.build.images.flatMap(
      (img) => img.repositories.map((repository) => ({ repository, tag: result.build.plan.imageTag, digest: img.digest }))
    );
  }
  const plan = result.plan;
  return plan.images.flatMap((img) => img.repositories.map((repository) => ({ repository, tag: plan.imageTag })));
}
async function runPipeline(opts, log) {
  const t0 = performance.now();
  const seconds = () => Math.round((performance.now() - t0) / 10) / 100;
  const prepared = await prepare(opts.upstream, log);
  const failure = failureLine(prepared);
  if (failure) return { ok: false, failure, prepared, seconds: seconds() };
  const u = prepared.upstream;
  const deployOptions = (images) => ({
    ...opts.deploy,
    images,
    upstream: { repository: u.repository, ref: u.ref, commit: u.sha, path: prepared.dir, token: opts.upstream.token },
    version: prepared.version.display,
    patchReport: prepared.report,
    log
  });
  if (opts.deploy && !opts.build.planOnly) {
    await log.group("Check the deploy before building", async () => {
      const check = await deploy({ ...deployOptions(deployTargets({ plan: await planOnly(prepared, opts) })), pinDigest: false, dryRun: true });
      log.info(
        check.changed ? `${check.files.join(", ")} will move from ${check.previous.version ?? "an unknown version"} to ${check.next.version}` : `the config repository already runs ${check.next.version}`
      );
    });
  }
  let built;
  let plan;
  if (opts.build.planOnly) {
    plan = await log.group("Build plan (no Docker engine: nothing is built)", async () => {
      const p = await planOnly(prepared, opts);
      for (const img of p.images) {
        log.info(`${img.key}: ${img.dockerfile} for ${p.platforms.join(", ")} -> ${img.refs.join(", ")}`);
        log.info(`  build args: ${Object.entries(img.buildArgs).map(([k, v]) => `${k}=${v}`).join(" ") || "none"}`);
      }
      return p;
    });
  } else {
    const { planOnly: _ignored, ...buildOptions } = opts.build;
    built = await build(
      {
        ...buildOptions,
        dir: prepared.dir,
        commit: u.sha,
        commitDate: u.date,
        upstream: u.repository,
        track: u.track,
        branch: u.track === "main" ? u.ref : void 0,
        patchReport: prepared.report,
        mode: "all",
        push: true
      },
      log
    );
  }
  let deployed;
  if (opts.deploy) {
    deployed = await log.group("Deploy", () => deploy(deployOptions(deployTargets({ build: built, plan }))));
  }
  return { ok: true, prepared, plan, build: built, deploy: deployed, seconds: seconds() };
}
function planMarkdown(plan) {
  const rows = plan.images.map(
    (img) => `| ${img.key} | \`${img.dockerfile}\` | ${plan.platforms.join(", ")} | ${img.refs.map((r) => `\`${r}\``).join("<br>")} |`
  );
  return [
    "## offmain build plan",
    "",
    "_No Docker engine here: this is what would be built._",
    "",
    "| Image | Dockerfile | Platforms | Tags |",
    "| --- | --- | --- | --- |",
    ...rows,
    ""
  ].join("\n");
}
function pipelineSummaryMarkdown(r) {
  const parts = [patchSummaryMarkdown(r.prepared)];
  if (r.build) parts.push(buildSummaryMarkdown(r.build));
  if (r.plan) parts.push(planMarkdown(r.plan));
  if (r.deploy) parts.push(deploySummaryMarkdown(r.deploy));
  if (r.failure) parts.push(`**Stopped before anything was built or pushed:** ${r.failure}
`);
  return parts.join("\n");
}

// src/runners.ts
var NATIVE_RUNNERS = Object.freeze({
  "linux/amd64": "ubuntu-24.04",
  "linux/arm64": "ubuntu-24.04-arm"
});
function runnerMatrix(platforms) {
  return {
    include: parsePlatforms(platforms).map((platform) => {
      const runner = NATIVE_RUNNERS[platform];
      if (!runner) {
        throw new OffmainError(
          `platform ${platform} has no native GitHub runner: expected one of ${Object.keys(NATIVE_RUNNERS).join(", ")} (or build it under QEMU with action-build mode all)`
        );
      }
      return { platform, runner, slug: platformSlug(platform) };
    })
  };
}

// src/cli/args.ts
var import_node_util = require("node:util");
var COMMON_OPTIONS = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  quiet: { type: "boolean", short: "q" }
};
function parse3(command2, args, options2) {
  try {
    return (0, import_node_util.parseArgs)({ args, options: { ...COMMON_OPTIONS, ...options2 }, allowPositionals: false, strict: true }).values;
  } catch (e) {
    throw new OffmainError(`offmain ${command2}: ${errorMessage(e)} (see offmain --help)`);
  }
}
function required(command2, name, value) {
  if (!value) throw new OffmainError(`offmain ${command2}: --${name} is required (see offmain --help)`);
  return value;
}

// src/cli/build.ts
var import_node_path14 = require("node:path");
var import_node_util2 = require("node:util");
var BUILD_USAGE = `usage: offmain build --dir DIR --image NAME [--image NAME ...] [options]

Builds the mastodon image (Dockerfile) and, from v4.3 on, mastodon-streaming (streaming/Dockerfile) of a
patched tree with docker buildx, tags them by upstream commit and pushes them once.

  --dir DIR                 the (patched) Mastodon tree (required)
  --commit SHA              the upstream commit the tree is at (default: the tree's git HEAD)
  --commit-date ISO         its committer date (default: from the tree's git checkout)
  --repository URL          upstream repository, for the source label (default upstream Mastodon)
  --track main|release      main: moving tag edge; release: latest and vX.Y (default main)
  --ref BRANCH              the upstream branch, for {branch} (default main / stable-X.Y)
  --image NAME              a repository of the mastodon image, one per registry (repeatable, required)
  --streaming-image NAME    a repository of the streaming image (default: each --image + "-streaming")
  --platforms LIST          default linux/amd64,linux/arm64
  --tag TEMPLATE            a tag besides the immutable one (repeatable; replaces the default moving tags);
                            placeholders {version} {sha7} {sha} {commit_time} {branch} {declared} {major} {minor} {patch}
  --build-arg KEY=VALUE     passed only when the Dockerfile declares KEY (repeatable)
  --prerelease TEXT         MASTODON_VERSION_PRERELEASE
  --patch-report FILE|JSON  the patch step's report: its applied patch ids become the offmain.patches label
  --push                    push (and first check the registries: an existing tag with this revision is skipped)
  --mode all|platform|merge all platforms here; one platform pushed by digest; or merge the digests (default all)
  --digest IMAGE@sha256:..  merge mode: a per-platform digest (repeatable; the platform runs' "digests")
  --cache gha|registry|none default none
  --no-provenance           no provenance attestation (default: mode=max)
  --no-sbom                 no SBOM attestation (default: on)
  --sbom-generator IMAGE    the SBOM generator image (default: BuildKit's)
  --force                   rebuild and overwrite even when the immutable tag exists
  --builder NAME            the buildx builder to use
  --json                    print the outputs as one JSON object (the action's output names)`;
var options = {
  dir: { type: "string" },
  commit: { type: "string" },
  "commit-date": { type: "string" },
  repository: { type: "string" },
  track: { type: "string" },
  ref: { type: "string" },
  image: { type: "string", multiple: true },
  "streaming-image": { type: "string", multiple: true },
  platforms: { type: "string" },
  tag: { type: "string", multiple: true },
  "build-arg": { type: "string", multiple: true },
  prerelease: { type: "string" },
  "patch-report": { type: "string" },
  push: { type: "boolean" },
  mode: { type: "string" },
  digest: { type: "string", multiple: true },
  cache: { type: "string" },
  "no-provenance": { type: "boolean" },
  "no-sbom": { type: "boolean" },
  "sbom-generator": { type: "string" },
  force: { type: "boolean" },
  builder: { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" }
};
function choice(name, value, choices, fallback) {
  if (value === void 0) return fallback;
  if (!choices.includes(value)) throw new OffmainError(`--${name} is "${value}": expected ${choices.join(", ")}`);
  return value;
}
async function buildCommand(args, out) {
  try {
    let v;
    try {
      v = (0, import_node_util2.parseArgs)({ args, options, allowPositionals: false, strict: true }).values;
    } catch (e) {
      throw new OffmainError(`offmain build: ${errorMessage(e)} (see offmain build --help)`);
    }
    if (v.help) {
      out.stdout(BUILD_USAGE);
      return 0;
    }
    if (!v.dir) throw new OffmainError("offmain build: --dir is required (see offmain build --help)");
    if (!v.image?.length) throw new OffmainError("offmain build: --image is required: the repository of the mastodon image, e.g. ghcr.io/owner/mastodon");
    if (v["no-sbom"] && v["sbom-generator"]) throw new OffmainError("offmain build: --no-sbom and --sbom-generator contradict each other");
    const dir = (0, import_node_path14.resolve)(v.dir);
    const result = await build(
      {
        dir,
        commit: v.commit ?? await headOf(dir),
        commitDate: v["commit-date"],
        upstream: v.repository,
        track: choice("track", v.track, ["main", "release"], "main"),
        branch: v.ref,
        images: v.image,
        streamingImages: v["streaming-image"],
        platforms: v.platforms,
        tags: v.tag,
        buildArgs: v["build-arg"],
        prerelease: v.prerelease,
        patchReport: v["patch-report"],
        push: Boolean(v.push),
        mode: choice("mode", v.mode, BUILD_MODES, "all"),
        digests: v.digest,
        cache: choice("cache", v.cache, CACHE_MODES, "none"),
        provenance: !v["no-provenance"],
        sbom: v["no-sbom"] ? false : v["sbom-generator"] ?? true,
        force: Boolean(v.force),
        builder: v.builder
      },
      out.log
    );
    out.stdout(v.json ? JSON.stringify(buildOutputs(result), null, 2) : buildSummaryMarkdown(result));
    return 0;
  } catch (e) {
    if (isOffmainError(e)) {
      out.log.error(e.message);
      return 1;
    }
    throw e;
  }
}

// src/cli/demo.ts
var import_node_fs9 = require("node:fs");
var import_node_os6 = require("node:os");
var import_node_path16 = require("node:path");

// src/localservices.ts
var import_node_fs8 = require("node:fs");
var import_node_path15 = require("node:path");
function servicesEnvFile(root) {
  return (0, import_node_path15.join)(root, ".tmp", "services.env");
}
function readServicesEnv(root) {
  const file = servicesEnvFile(root);
  if (!(0, import_node_fs8.existsSync)(file)) return void 0;
  const vars = {};
  for (const line of (0, import_node_fs8.readFileSync)(file, "utf8").split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) vars[line.slice(0, i)] = line.slice(i + 1);
  }
  return vars;
}

// src/cli/demo.ts
function fixturesRoot() {
  const candidates = [
    typeof __dirname !== "undefined" ? (0, import_node_path16.resolve)(__dirname, "../../test/fixtures/mastodon") : void 0,
    (0, import_node_path16.resolve)("test/fixtures/mastodon")
  ].filter((p) => p !== void 0);
  const found = candidates.find((p) => (0, import_node_fs9.existsSync)(p));
  if (!found) {
    throw new OffmainError(`the demo needs offmain's fixture trees (test/fixtures/mastodon): run it from a clone of offmain`);
  }
  return found;
}
var MINI_DOCKERFILE = `# Mastodon-shaped for the offmain demo: same ARGs as upstream's, builds offline.
ARG BASE_IMAGE=busybox
FROM \${BASE_IMAGE}
ARG MASTODON_VERSION_PRERELEASE=""
ARG MASTODON_VERSION_METADATA=""
ARG SOURCE_COMMIT=""
COPY lib/mastodon/version.rb /opt/mastodon/lib/mastodon/version.rb
RUN echo "metadata=\${MASTODON_VERSION_METADATA} commit=\${SOURCE_COMMIT}" > /opt/mastodon/BUILD
`;
var MINI_STREAMING_DOCKERFILE = `# Mastodon-shaped streaming image for the offmain demo (context: the repository root).
ARG BASE_IMAGE=busybox
FROM \${BASE_IMAGE}
ARG MASTODON_VERSION_METADATA=""
COPY package.json /opt/mastodon/package.json
RUN echo "streaming metadata=\${MASTODON_VERSION_METADATA}" > /opt/mastodon/BUILD
`;
function miniDockerfiles(work) {
  (0, import_node_fs9.writeFileSync)((0, import_node_path16.join)(work, "Dockerfile"), MINI_DOCKERFILE);
  if ((0, import_node_fs9.existsSync)((0, import_node_path16.join)(work, "streaming"))) (0, import_node_fs9.writeFileSync)((0, import_node_path16.join)(work, "streaming", "Dockerfile"), MINI_STREAMING_DOCKERFILE);
}
async function commitTree(work, tree, message, date2, edit) {
  for (const entry of (0, import_node_fs9.readdirSync)(work)) if (entry !== ".git") (0, import_node_fs9.rmSync)((0, import_node_path16.join)(work, entry), { recursive: true, force: true });
  (0, import_node_fs9.cpSync)(tree, work, { recursive: true });
  miniDockerfiles(work);
  edit?.(work);
  await git(["add", "-A"], { cwd: work });
  const env = { GIT_AUTHOR_DATE: date2, GIT_COMMITTER_DATE: date2 };
  await git(["-c", "user.name=Upstream Dev", "-c", "user.email=dev@upstream.invalid", "commit", "-q", "-m", message], {
    cwd: work,
    env
  });
  return (await git(["rev-parse", "HEAD"], { cwd: work })).stdout.trim();
}
var iso = (t) => new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z");
async function makeDemoUpstream(root, fixtures = fixturesRoot()) {
  const work = (0, import_node_path16.join)(root, "upstream-work");
  const bare = (0, import_node_path16.join)(root, "upstream.git");
  await git(["init", "-q", "-b", "main", work]);
  const hour = 36e5;
  const now = Date.now();
  await commitTree(work, (0, import_node_path16.join)(fixtures, "v4.2"), "Bump version to v4.2.0", iso(now - 400 * 24 * hour));
  await git(["tag", "v4.2.0"], { cwd: work });
  await git(["checkout", "-q", "-b", "stable-4.2"], { cwd: work });
  const stableRelease = await commitTree(work, (0, import_node_path16.join)(fixtures, "v4.2"), "Bump version to v4.2.1", iso(now - 390 * 24 * hour), (w) => {
    const file = (0, import_node_path16.join)(w, "lib/mastodon/version.rb");
    (0, import_node_fs9.writeFileSync)(file, (0, import_node_fs9.readFileSync)(file, "utf8").replace(/(def patch\s+)\d+/, "$11"));
  });
  await git(["-c", "user.name=Upstream Dev", "-c", "user.email=dev@upstream.invalid", "tag", "-a", "v4.2.1", "-m", "v4.2.1"], { cwd: work });
  await git(["checkout", "-q", "main"], { cwd: work });
  const main2 = await commitTree(work, (0, import_node_path16.join)(fixtures, "main"), "Add a feature on main", iso(now - 2 * hour));
  await git(["clone", "-q", "--bare", work, bare]);
  await git(["config", "uploadpack.allowFilter", "true"], { cwd: bare });
  await git(["config", "uploadpack.allowAnySHA1InWant", "true"], { cwd: bare });
  return { url: `file://${bare}`, dir: bare, shas: { stableRelease, main: main2 }, releaseTag: "v4.2.1" };
}
function demoKustomization(imagePrefix, tag = "4.7.0_c5b3651") {
  return `# Mastodon on the demo cluster. Flux reconciles this directory; offmain bumps the images below.
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: mastodon
resources:
  - web.yaml        # puma
  - sidekiq.yaml    # default, push, pull queues
  - streaming.yaml

images:
  # Upstream's images are replaced by ours (patched: Redis over TLS).
  - name: ghcr.io/mastodon/mastodon
    newName: ${imagePrefix}/mastodon
    newTag: "${tag}"
  - name: ghcr.io/mastodon/mastodon-streaming
    newName: ${imagePrefix}/mastodon-streaming
    newTag: '${tag}'
`;
}
async function makeDemoConfigRepo(root, imagePrefix) {
  const work = (0, import_node_path16.join)(root, "config-work");
  const bare = (0, import_node_path16.join)(root, "config.git");
  (0, import_node_fs9.mkdirSync)((0, import_node_path16.join)(work, "apps/mastodon"), { recursive: true });
  (0, import_node_fs9.writeFileSync)((0, import_node_path16.join)(work, "apps/mastodon/kustomization.yaml"), demoKustomization(imagePrefix));
  const workload = (name, image) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: ${name}
          image: ${image}
`;
  (0, import_node_fs9.writeFileSync)((0, import_node_path16.join)(work, "apps/mastodon/web.yaml"), workload("web", "ghcr.io/mastodon/mastodon"));
  (0, import_node_fs9.writeFileSync)((0, import_node_path16.join)(work, "apps/mastodon/sidekiq.yaml"), workload("sidekiq", "ghcr.io/mastodon/mastodon"));
  (0, import_node_fs9.writeFileSync)((0, import_node_path16.join)(work, "apps/mastodon/streaming.yaml"), workload("streaming", "ghcr.io/mastodon/mastodon-streaming"));
  await git(["init", "-q", "-b", "main", work]);
  await git(["add", "-A"], { cwd: work });
  await git(["-c", "user.name=Admin", "-c", "user.email=admin@example.invalid", "commit", "-q", "-m", "Mastodon 4.7.0"], { cwd: work });
  await git(["clone", "-q", "--bare", work, bare]);
  return `file://${bare}`;
}
async function demoServices(root = (0, import_node_path16.resolve)(fixturesRoot(), "../../..")) {
  const vars = readServicesEnv(root);
  if (!vars) return void 0;
  const { DOCKER_HOST, DOCKER_CONFIG, OFFMAIN_TEST_REGISTRY: registry, OFFMAIN_TEST_BASE_IMAGE: baseImage } = vars;
  if (!DOCKER_HOST || !DOCKER_CONFIG || !registry || !baseImage) return void 0;
  const socket = DOCKER_HOST.replace(/^unix:\/\//, "");
  if (DOCKER_HOST.startsWith("unix://") && !(0, import_node_fs9.existsSync)(socket)) return void 0;
  try {
    const r = await fetch(`http://${registry}/v2/`, { signal: AbortSignal.timeout(2e3) });
    if (r.status !== 200 && r.status !== 401) return void 0;
  } catch {
    return void 0;
  }
  return {
    env: { ...process.env, DOCKER_HOST, DOCKER_CONFIG },
    registry,
    baseImage,
    sbomGenerator: vars.OFFMAIN_TEST_SBOM_GENERATOR
  };
}
async function runDemo(out, opts = {}) {
  const services = opts.services === null ? void 0 : opts.services ?? await demoServices();
  out.stdout(
    services ? `offmain demo: real build with the Docker engine and registry at ${services.registry} (scripts/services.sh)` : "offmain demo: no Docker engine is available here, so the build runs as a printed plan (start one with `bash scripts/services.sh start`); every other step is real"
  );
  const root = opts.root ?? (0, import_node_fs9.mkdtempSync)((0, import_node_path16.join)((0, import_node_os6.tmpdir)(), "offmain-demo-"));
  const registry = services?.registry ?? "127.0.0.1:5000";
  const upstream = await makeDemoUpstream(root);
  const config = await makeDemoConfigRepo(root, `${registry}/offmain-demo`);
  out.stdout(`upstream:    ${upstream.url} (main at 4.8.0-alpha.1; stable-4.2 with ${upstream.releaseTag})`);
  out.stdout(`config repo: ${config} (apps/mastodon, Kustomize, deployed: 4.7.0_c5b3651)
`);
  const options2 = {
    upstream: { repository: upstream.url, track: "main", path: (0, import_node_path16.join)(root, "mastodon") },
    build: {
      images: [`${registry}/offmain-demo/mastodon`],
      platforms: "linux/amd64,linux/arm64",
      planOnly: !services,
      cache: "none",
      ...services ? {
        env: services.env,
        buildArgs: { BASE_IMAGE: services.baseImage },
        sbom: services.sbomGenerator ?? false
      } : {}
    },
    deploy: { repository: config, mode: "push", workDir: (0, import_node_path16.join)(root, "config-checkout"), maxLagHours: 48 }
  };
  const first = await runPipeline(options2, out.log);
  out.stdout(pipelineSummaryMarkdown(first));
  if (!first.ok) {
    out.log.error(first.failure ?? "the pipeline failed");
    return 1;
  }
  (0, import_node_fs9.rmSync)((0, import_node_path16.join)(root, "config-checkout"), { recursive: true, force: true });
  const second = await runPipeline(options2, out.log);
  const built = second.build ? `${second.build.builds} builds${second.build.skipped ? " (skipped: already in the registry)" : ""}` : "plan only";
  out.stdout(
    `
second run: ${built}; deploy ${second.deploy?.changed ? `committed ${second.deploy.commit}` : "changed nothing (already at the target)"}; ${second.seconds} s`
  );
  const release = await prepare({ repository: upstream.url, track: "release", path: (0, import_node_path16.join)(root, "mastodon-release") }, out.log);
  out.stdout(`
# The newest release (${upstream.releaseTag}, on stable-4.2) needs the Redis TLS patch:
`);
  out.stdout(patchSummaryMarkdown(release));
  out.stdout(`work files: ${root}`);
  return second.ok && release.report.ok ? 0 : 1;
}

// src/cli/deploy.ts
var import_node_fs10 = require("node:fs");
var import_node_path17 = require("node:path");
var DEPLOY_USAGE = `  bump      --dir DIR --set REPOSITORY=TAG[@DIGEST] [--set ...] [--no-digest] [--allow-downgrade]
            [--policy NAMESPACE:NAME=REPOSITORY ...] [--dry-run] [--json]
            set the image tags (and digests) in a config directory, changing only those scalars
  deploy    --repository OWNER/NAME|URL --image REPOSITORY=TAG[@DIGEST] [--image ...] [--branch BRANCH]
            [--mode push|pull-request] [--path SUBDIR] [--author "Name <email>"]
            [--upstream URL] [--upstream-ref BRANCH] [--upstream-commit SHA] [--upstream-path DIR]
            [--version VERSION] [--patch-report FILE] [--no-digest] [--allow-downgrade] [--policy ...]
            [--label LABEL ...] [--auto-merge merge|squash|rebase] [--keep-superseded]
            [--max-lag HOURS] [--warn-only] [--json]
            clone the config repo, bump, commit, push (or open one pull request), report the lag
  freshness --upstream URL [--ref BRANCH] --deployed SHA|TAG [--max-lag HOURS] [--warn-only] [--cache DIR] [--json]
            how far the deployed commit is behind upstream (goal: ${DEFAULT_MAX_LAG_HOURS} h)`;
function hours(command2, value) {
  if (value === void 0) return void 0;
  const n = Number(value);
  if (!value.trim() || !Number.isFinite(n) || n < 0) throw new OffmainError(`offmain ${command2}: --max-lag is "${value}": expected a number of hours, e.g. 48`);
  return n;
}
function date(command2, value) {
  if (value === void 0) return void 0;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new OffmainError(`offmain ${command2}: --now is "${value}": expected an ISO 8601 time`);
  return d;
}
function parsePolicies(entries) {
  if (!entries?.length) return void 0;
  const out = {};
  for (const e of entries) {
    const m = /^\s*([^=\s]+:[^=\s]+)\s*=\s*(\S+)\s*$/.exec(e);
    if (!m) throw new OffmainError(`policy "${e}" is not NAMESPACE:NAME=REPOSITORY, e.g. flux-system:mastodon=ghcr.io/acme/mastodon`);
    out[m[1]] = m[2];
  }
  return out;
}
function mergeMethod(value) {
  if (value === void 0 || value === "" || value === "false") return void 0;
  if (value === "true") return "squash";
  if (value === "merge" || value === "squash" || value === "rebase") return value;
  throw new OffmainError(`auto-merge is "${value}": expected merge, squash, rebase (or true for squash, false for none)`);
}
var policyOption = { policy: { type: "string", multiple: true } };
function guarded(fn) {
  return async (args, out) => {
    try {
      return await fn(args, out);
    } catch (e) {
      if (isOffmainError(e)) {
        out.log.error(e.message, e.location.file ? { file: e.location.file, line: e.location.line } : void 0);
        return 1;
      }
      throw e;
    }
  };
}
var bumpCommand = async (args, out) => {
  const v = parse3("bump", args, {
    dir: { type: "string" },
    set: { type: "string", multiple: true },
    "no-digest": { type: "boolean" },
    "allow-downgrade": { type: "boolean" },
    "dry-run": { type: "boolean" },
    ...policyOption
  });
  const dir = (0, import_node_path17.resolve)(required("bump", "dir", v.dir));
  if (!v.set?.length) throw new OffmainError("offmain bump: --set REPOSITORY=TAG[@DIGEST] is required (see offmain --help)");
  const r = await bump({
    dir,
    targets: v.set.map(parseSetArg),
    pinDigest: !v["no-digest"],
    allowDowngrade: Boolean(v["allow-downgrade"]),
    policies: parsePolicies(v.policy),
    dryRun: Boolean(v["dry-run"])
  });
  if (v.json) {
    out.stdout(JSON.stringify({ changed: r.changed, files: r.files, changes: r.changes, unchanged: r.unchanged, previous: r.previous }, null, 2));
  } else {
    for (const c of r.changes) out.stdout(`${c.file}:${c.line}: ${c.old} -> ${c.new}${c.note ? `  (${c.note})` : ""}`);
    out.stdout(
      r.changed ? `${v["dry-run"] ? "would change" : "changed"} ${r.files.length} file${r.files.length === 1 ? "" : "s"}, ${r.changes.length} reference${r.changes.length === 1 ? "" : "s"}` : `already at the target: ${r.unchanged.length} reference${r.unchanged.length === 1 ? "" : "s"}, nothing changed`
    );
  }
  return 0;
};
var deployCommand = async (args, out) => {
  const v = parse3("deploy", args, {
    repository: { type: "string" },
    branch: { type: "string" },
    image: { type: "string", multiple: true },
    mode: { type: "string" },
    path: { type: "string" },
    author: { type: "string" },
    upstream: { type: "string" },
    "upstream-ref": { type: "string" },
    "upstream-commit": { type: "string" },
    "upstream-path": { type: "string" },
    cache: { type: "string" },
    version: { type: "string" },
    "patch-report": { type: "string" },
    "no-digest": { type: "boolean" },
    "allow-downgrade": { type: "boolean" },
    label: { type: "string", multiple: true },
    "auto-merge": { type: "string" },
    "keep-superseded": { type: "boolean" },
    "max-lag": { type: "string" },
    "warn-only": { type: "boolean" },
    attempts: { type: "string" },
    "server-url": { type: "string" },
    "api-url": { type: "string" },
    now: { type: "string" },
    ...policyOption
  });
  const repository = required("deploy", "repository", v.repository);
  if (!v.image?.length) throw new OffmainError("offmain deploy: --image REPOSITORY=TAG[@DIGEST] is required (see offmain --help)");
  const mode = v.mode ?? "push";
  if (mode !== "push" && mode !== "pull-request") throw new OffmainError(`offmain deploy: --mode is "${v.mode}": expected push or pull-request`);
  let patchReport;
  if (v["patch-report"]) {
    try {
      patchReport = (0, import_node_fs10.readFileSync)((0, import_node_path17.resolve)(v["patch-report"]), "utf8");
    } catch {
      throw new OffmainError(`offmain deploy: cannot read the patch report ${v["patch-report"]}: pass the file \`offmain patch --json\` wrote`);
    }
  }
  const attempts = v.attempts === void 0 ? void 0 : Number(v.attempts);
  if (attempts !== void 0 && !(Number.isInteger(attempts) && attempts >= 1)) {
    throw new OffmainError(`offmain deploy: --attempts is "${v.attempts}": expected a whole number of at least 1`);
  }
  const upstream = v.upstream || v["upstream-path"] ? {
    repository: v.upstream,
    ref: v["upstream-ref"],
    commit: v["upstream-commit"],
    path: v["upstream-path"] ? (0, import_node_path17.resolve)(v["upstream-path"]) : void 0,
    token: process.env.OFFMAIN_UPSTREAM_TOKEN || void 0,
    cacheDir: v.cache ? (0, import_node_path17.resolve)(v.cache) : void 0
  } : void 0;
  const r = await deploy({
    repository,
    branch: v.branch,
    token: process.env.OFFMAIN_CONFIG_TOKEN || void 0,
    serverUrl: v["server-url"],
    apiUrl: v["api-url"],
    images: v.image.map(parseSetArg),
    path: v.path,
    mode,
    pinDigest: !v["no-digest"],
    allowDowngrade: Boolean(v["allow-downgrade"]),
    policies: parsePolicies(v.policy),
    author: v.author,
    upstream,
    version: v.version,
    patchReport,
    labels: v.label,
    autoMerge: mergeMethod(v["auto-merge"]),
    closeSuperseded: !v["keep-superseded"],
    maxLagHours: hours("deploy", v["max-lag"]),
    warnOnly: Boolean(v["warn-only"]),
    now: date("deploy", v.now),
    attempts,
    log: out.log
  });
  if (v.json) out.stdout(JSON.stringify(r, null, 2));
  else out.stdout(deploySummaryMarkdown(r));
  if (r.freshness?.status === "fail") {
    out.log.error(freshnessFailure(r.freshness));
    return 1;
  }
  return 0;
};
var freshnessCommand = async (args, out) => {
  const v = parse3("freshness", args, {
    upstream: { type: "string" },
    ref: { type: "string" },
    deployed: { type: "string" },
    "max-lag": { type: "string" },
    "warn-only": { type: "boolean" },
    cache: { type: "string" },
    now: { type: "string" }
  });
  const r = await freshness({
    repository: required("freshness", "upstream", v.upstream),
    ref: v.ref,
    deployed: required("freshness", "deployed", v.deployed),
    maxLagHours: hours("freshness", v["max-lag"]),
    warnOnly: Boolean(v["warn-only"]),
    cacheDir: v.cache ? (0, import_node_path17.resolve)(v.cache) : void 0,
    token: process.env.OFFMAIN_UPSTREAM_TOKEN || void 0,
    now: date("freshness", v.now)
  });
  if (v.json) out.stdout(JSON.stringify(r, null, 2));
  else out.stdout(`${freshnessLine(r)}

${freshnessMarkdown(r, "## offmain freshness")}`);
  if (r.status === "fail") {
    out.log.error(freshnessFailure(r));
    return 1;
  }
  if (r.status === "warn") out.log.warning(freshnessFailure(r));
  return 0;
};
var deployCommands = {
  bump: guarded(bumpCommand),
  deploy: guarded(deployCommand),
  freshness: guarded(freshnessCommand)
};

// src/cli/main.ts
var USAGE = `usage: offmain <command> [options]

commands:
  resolve  --repository URL [--ref BRANCH] [--commit SHA] [--track main|release] [--path DIR] [--json]
           find the upstream commit (newest of the branch, newest stable release, or the one given),
           check that it is on upstream, and check its tree out into DIR (default ./mastodon)
  version  --dir DIR [--commit SHA]
           print the display version of a checked-out tree (e.g. 4.8.0-alpha.1+2f40549)
  patch    --dir DIR [--commit SHA] [--patch-set NAME|FILE ...] [--patch FILE.diff ...] [--json]
           apply patch sets (default: ${DEFAULT_PATCH_SETS.join(", ")}) and diffs, all or nothing
  run      [--repository URL] [--ref BRANCH] [--commit SHA] [--track main|release] [--path DIR]
           [--patch-set NAME|FILE ...] [--patch FILE.diff ...]
           [--image NAME ... [--streaming-image NAME ...] [--platforms P] [--tag TEMPLATE ...] [--plan-only]]
           [--config OWNER/NAME|URL [--config-branch B] [--config-path DIR] [--mode push|pull-request]
            [--max-lag HOURS] [--warn-only] [--allow-downgrade]] [--json]
           the chain in one go: resolve and patch; with --image, build and push; with --config, deploy
           (token from OFFMAIN_CONFIG_TOKEN) and measure the freshness; prints the summary
  build    --dir DIR --image NAME [--image NAME ...] [--streaming-image NAME ...] [--platforms P] [--push]
           [--mode all|platform|merge] [--digest IMAGE@sha256:...] [--tag TEMPLATE ...] [--json] ...
           build the mastodon (and streaming) images with docker buildx, skip what is already pushed
           (offmain build --help lists every option)
  runners  [--platforms linux/amd64,linux/arm64] [--github-output FILE]
           the build matrix: one native GitHub runner per platform (JSON; appended as matrix=... to FILE)
  run --demo
           the whole pipeline on embedded defaults: a local Mastodon-shaped upstream, nothing configured
${DEPLOY_USAGE.replace(/^  (\w+) {1,}/gm, (_m, name) => `  ${`${name} `.padEnd(9)}`).replace(/^ {12}/gm, "           ")}

Every command exits 0 on success and 1 on any failure, with one line on stderr saying why.`;
var resolveOptions = {
  repository: { type: "string" },
  ref: { type: "string" },
  commit: { type: "string" },
  track: { type: "string" },
  path: { type: "string" }
};
var patchOptions = {
  "patch-set": { type: "string", multiple: true },
  patch: { type: "string", multiple: true }
};
function track(value) {
  if (value === void 0 || value === "main" || value === "release") return value ?? "main";
  throw new OffmainError(`--track is "${value}": expected main or release`);
}
function token() {
  return process.env.OFFMAIN_UPSTREAM_TOKEN || void 0;
}
function printPatchResult(out, result, json) {
  if (json) {
    out.stdout(JSON.stringify(result.report, null, 2));
  } else {
    out.stdout(patchSummaryMarkdown(result));
  }
  const failed = failureLine(result);
  if (failed) {
    out.log.error(failed);
    return 1;
  }
  return 0;
}
async function command(name, args, out) {
  switch (name) {
    case "resolve": {
      const v = parse3(name, args, resolveOptions);
      const u = await resolveUpstream({
        repository: required(name, "repository", v.repository),
        ref: v.ref,
        commit: v.commit,
        track: track(v.track),
        path: (0, import_node_path18.resolve)(v.path ?? "mastodon"),
        token: token()
      });
      out.stdout(v.json ? JSON.stringify(u, null, 2) : `${u.sha} ${u.date} ${u.tag ?? u.ref} ${u.path}`);
      return 0;
    }
    case "version": {
      const v = parse3(name, args, { dir: { type: "string" }, commit: { type: "string" } });
      const dir = (0, import_node_path18.resolve)(required(name, "dir", v.dir));
      const commit = v.commit ?? await headOf(dir);
      const info2 = await versionOf(dir, commit);
      out.stdout(v.json ? JSON.stringify({ version: info2.display, imageTag: info2.imageTag, declared: info2.declared.text }) : info2.display);
      return 0;
    }
    case "patch": {
      const v = parse3(name, args, { dir: { type: "string" }, commit: { type: "string" }, ...patchOptions });
      const result = await patchTree(
        {
          dir: required(name, "dir", v.dir),
          commit: v.commit,
          patchSets: v["patch-set"] ?? DEFAULT_PATCH_SETS,
          diffs: (v.patch ?? []).map((p) => (0, import_node_path18.resolve)(p))
        },
        out.log
      );
      return printPatchResult(out, result, Boolean(v.json));
    }
    case "run": {
      const v = parse3(name, args, {
        ...resolveOptions,
        ...patchOptions,
        demo: { type: "boolean" },
        image: { type: "string", multiple: true },
        "streaming-image": { type: "string", multiple: true },
        platforms: { type: "string" },
        tag: { type: "string", multiple: true },
        "plan-only": { type: "boolean" },
        config: { type: "string" },
        "config-branch": { type: "string" },
        "config-path": { type: "string" },
        mode: { type: "string" },
        "max-lag": { type: "string" },
        "warn-only": { type: "boolean" },
        "allow-downgrade": { type: "boolean" }
      });
      if (v.demo) return runDemo(out);
      const upstream = {
        repository: v.repository ?? DEFAULT_REPOSITORY,
        ref: v.ref,
        commit: v.commit,
        track: track(v.track),
        path: (0, import_node_path18.resolve)(v.path ?? "mastodon"),
        token: token(),
        patchSets: v["patch-set"] ?? DEFAULT_PATCH_SETS,
        diffs: (v.patch ?? []).map((p) => (0, import_node_path18.resolve)(p))
      };
      if (!v.image?.length) {
        if (v.config) throw new OffmainError("offmain run: --config needs --image (the images to build and deploy)");
        return printPatchResult(out, await prepare(upstream, out.log), Boolean(v.json));
      }
      const mode = v.mode ?? "push";
      if (mode !== "push" && mode !== "pull-request") throw new OffmainError(`--mode is "${mode}": expected push or pull-request`);
      const maxLag = v["max-lag"] === void 0 ? void 0 : Number(v["max-lag"]);
      if (maxLag !== void 0 && !(maxLag >= 0)) throw new OffmainError(`--max-lag is "${v["max-lag"]}": expected a number of hours, e.g. 48`);
      const result = await runPipeline(
        {
          upstream,
          build: { images: v.image, streamingImages: v["streaming-image"], platforms: v.platforms, tags: v.tag, planOnly: v["plan-only"] },
          deploy: v.config ? {
            repository: v.config,
            branch: v["config-branch"],
            path: v["config-path"],
            token: process.env.OFFMAIN_CONFIG_TOKEN,
            mode,
            maxLagHours: maxLag,
            warnOnly: v["warn-only"],
            allowDowngrade: v["allow-downgrade"]
          } : void 0
        },
        out.log
      );
      out.stdout(
        v.json ? JSON.stringify({ ok: result.ok, failure: result.failure, patch: result.prepared.report, images: result.build?.images.flatMap((i) => i.pinned), deploy: result.deploy && { changed: result.deploy.changed, commit: result.deploy.commit, pullRequest: result.deploy.pullRequest?.url, lagHours: result.deploy.freshness?.lag.hours } }, null, 2) : pipelineSummaryMarkdown(result)
      );
      if (result.failure) out.log.error(result.failure);
      const late = result.deploy?.freshness?.status === "fail";
      if (late) out.log.error(`the cluster is ${result.deploy.freshness.lag.hours} h behind upstream, past --max-lag ${result.deploy.freshness.maxLagHours} h`);
      return result.ok && !late ? 0 : 1;
    }
    case "build":
      return buildCommand(args, out);
    case "runners": {
      const v = parse3(name, args, { platforms: { type: "string" }, "github-output": { type: "string" } });
      const matrix = JSON.stringify(runnerMatrix(v.platforms ?? "linux/amd64,linux/arm64"));
      if (v["github-output"]) (0, import_node_fs11.appendFileSync)(v["github-output"], `matrix=${matrix}
`);
      out.stdout(matrix);
      return 0;
    }
    default: {
      const other = deployCommands[name];
      if (other) return other(args, out);
      throw new OffmainError(
        `unknown command "${name}": expected one of resolve, version, patch, run, build, runners, ${Object.keys(deployCommands).join(", ")} (see offmain --help)`
      );
    }
  }
}
async function main(argv, io) {
  const quiet2 = argv.includes("--quiet") || argv.includes("-q");
  const out = {
    stdout: io?.stdout ?? ((s) => process.stdout.write(`${s}
`)),
    log: io?.log ?? stderrLogger({ quiet: quiet2 })
  };
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help" || rest.includes("--help") || rest.includes("-h")) {
    out.stdout(name === "build" ? BUILD_USAGE : USAGE);
    return name ? 0 : 1;
  }
  try {
    return await command(name, rest, out);
  } catch (e) {
    if (isOffmainError(e)) {
      out.log.error(e.message);
      return 1;
    }
    throw e;
  }
}

// src/entries/cli.ts
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`offmain: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}
`);
    process.exitCode = 1;
  }
);
