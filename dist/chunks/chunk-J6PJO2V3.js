import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);
import {
  assertAliasName,
  assertTrackName,
  isValidTrackName,
  isWorkflowPath,
  parsePatterns,
  patternMatcher,
  printable,
  require_picomatch,
  splitPatterns,
  trackMatcher
} from "./chunk-2ZIKKBOL.js";
import {
  BUDGET_FACTOR,
  DEFAULT_NETWORK,
  DEFAULT_NETWORK_TIMEOUT,
  hostOf,
  netFetch,
  pRetry,
  proxyFor,
  throughProxy,
  withinBudget
} from "./chunk-ZV5OM7D7.js";
import {
  CancelledError,
  InputError,
  SnapbackError,
  StallError,
  TransientError,
  addSecret,
  isRetryableStatus,
  redact
} from "./chunk-OPSMRKRC.js";
import {
  __commonJS,
  __toESM
} from "./chunk-7K27WSPA.js";

// node_modules/semver/internal/constants.js
var require_constants = __commonJS({
  "node_modules/semver/internal/constants.js"(exports, module) {
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
    module.exports = {
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
  "node_modules/semver/internal/debug.js"(exports, module) {
    "use strict";
    var debug2 = typeof process === "object" && process.env && process.env.NODE_DEBUG && /\bsemver\b/i.test(process.env.NODE_DEBUG) ? (...args) => console.error("SEMVER", ...args) : () => {
    };
    module.exports = debug2;
  }
});

// node_modules/semver/internal/re.js
var require_re = __commonJS({
  "node_modules/semver/internal/re.js"(exports, module) {
    "use strict";
    var {
      MAX_SAFE_COMPONENT_LENGTH,
      MAX_SAFE_BUILD_LENGTH,
      MAX_LENGTH
    } = require_constants();
    var debug2 = require_debug();
    exports = module.exports = {};
    var re = exports.re = [];
    var safeRe = exports.safeRe = [];
    var src = exports.src = [];
    var safeSrc = exports.safeSrc = [];
    var t = exports.t = {};
    var R = 0;
    var LETTERDASHNUMBER = "[a-zA-Z0-9-]";
    var safeRegexReplacements = [
      ["\\s", 1],
      ["\\d", MAX_LENGTH],
      [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH]
    ];
    var makeSafeRegex = (value2) => {
      for (const [token, max] of safeRegexReplacements) {
        value2 = value2.split(`${token}*`).join(`${token}{0,${max}}`).split(`${token}+`).join(`${token}{1,${max}}`);
      }
      return value2;
    };
    var createToken = (name, value2, isGlobal) => {
      const safe = makeSafeRegex(value2);
      const index = R++;
      debug2(name, index, value2);
      t[name] = index;
      src[index] = value2;
      safeSrc[index] = safe;
      re[index] = new RegExp(value2, isGlobal ? "g" : void 0);
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
    exports.tildeTrimReplace = "$1~";
    createToken("TILDE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
    createToken("TILDELOOSE", `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("LONECARET", "(?:\\^)");
    createToken("CARETTRIM", `(\\s*)${src[t.LONECARET]}\\s+`, true);
    exports.caretTrimReplace = "$1^";
    createToken("CARET", `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
    createToken("CARETLOOSE", `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);
    createToken("COMPARATORLOOSE", `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
    createToken("COMPARATOR", `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);
    createToken("COMPARATORTRIM", `(\\s*)${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
    exports.comparatorTrimReplace = "$1$2$3";
    createToken("HYPHENRANGE", `^\\s*(${src[t.XRANGEPLAIN]})\\s+-\\s+(${src[t.XRANGEPLAIN]})\\s*$`);
    createToken("HYPHENRANGELOOSE", `^\\s*(${src[t.XRANGEPLAINLOOSE]})\\s+-\\s+(${src[t.XRANGEPLAINLOOSE]})\\s*$`);
    createToken("STAR", "(<|>)?=?\\s*\\*");
    createToken("GTE0", "^\\s*>=\\s*0\\.0\\.0\\s*$");
    createToken("GTE0PRE", "^\\s*>=\\s*0\\.0\\.0-0\\s*$");
  }
});

// node_modules/semver/internal/parse-options.js
var require_parse_options = __commonJS({
  "node_modules/semver/internal/parse-options.js"(exports, module) {
    "use strict";
    var looseOption = Object.freeze({ loose: true });
    var emptyOpts = Object.freeze({});
    var parseOptions = (options) => {
      if (!options) {
        return emptyOpts;
      }
      if (typeof options !== "object") {
        return looseOption;
      }
      return options;
    };
    module.exports = parseOptions;
  }
});

// node_modules/semver/internal/identifiers.js
var require_identifiers = __commonJS({
  "node_modules/semver/internal/identifiers.js"(exports, module) {
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
    module.exports = {
      compareIdentifiers,
      rcompareIdentifiers
    };
  }
});

// node_modules/semver/classes/semver.js
var require_semver = __commonJS({
  "node_modules/semver/classes/semver.js"(exports, module) {
    "use strict";
    var debug2 = require_debug();
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
      constructor(version2, options) {
        options = parseOptions(options);
        if (version2 instanceof _SemVer) {
          if (version2.loose === !!options.loose && version2.includePrerelease === !!options.includePrerelease) {
            return version2;
          } else {
            version2 = version2.version;
          }
        } else if (typeof version2 !== "string") {
          throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version2}".`);
        }
        if (version2.length > MAX_LENGTH) {
          throw new TypeError(
            `version is longer than ${MAX_LENGTH} characters`
          );
        }
        debug2("SemVer", version2, options);
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
        const m = version2.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL]);
        if (!m) {
          throw new TypeError(`Invalid Version: ${version2}`);
        }
        this.raw = version2;
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
              const num2 = +id;
              if (num2 >= 0 && num2 < MAX_SAFE_INTEGER) {
                return num2;
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
        debug2("SemVer.compare", this.version, this.options, other);
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
          debug2("prerelease compare", i, a, b);
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
          debug2("build compare", i, a, b);
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
    module.exports = SemVer;
  }
});

// node_modules/semver/functions/parse.js
var require_parse = __commonJS({
  "node_modules/semver/functions/parse.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse = (version2, options, throwErrors = false) => {
      if (version2 instanceof SemVer) {
        return version2;
      }
      try {
        return new SemVer(version2, options);
      } catch (er) {
        if (!throwErrors) {
          return null;
        }
        throw er;
      }
    };
    module.exports = parse;
  }
});

// node_modules/semver/functions/valid.js
var require_valid = __commonJS({
  "node_modules/semver/functions/valid.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var valid = (version2, options) => {
      const v = parse(version2, options);
      return v ? v.version : null;
    };
    module.exports = valid;
  }
});

// node_modules/semver/functions/clean.js
var require_clean = __commonJS({
  "node_modules/semver/functions/clean.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var clean = (version2, options) => {
      const s = parse(version2.trim().replace(/^[=v]+/, ""), options);
      return s ? s.version : null;
    };
    module.exports = clean;
  }
});

// node_modules/semver/functions/inc.js
var require_inc = __commonJS({
  "node_modules/semver/functions/inc.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var inc = (version2, release, options, identifier, identifierBase) => {
      if (typeof options === "string") {
        identifierBase = identifier;
        identifier = options;
        options = void 0;
      }
      try {
        return new SemVer(
          version2 instanceof SemVer ? version2.version : version2,
          options
        ).inc(release, identifier, identifierBase).version;
      } catch (er) {
        return null;
      }
    };
    module.exports = inc;
  }
});

// node_modules/semver/functions/diff.js
var require_diff = __commonJS({
  "node_modules/semver/functions/diff.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var diff2 = (version1, version2) => {
      const v1 = parse(version1, null, true);
      const v2 = parse(version2, null, true);
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
    module.exports = diff2;
  }
});

// node_modules/semver/functions/major.js
var require_major = __commonJS({
  "node_modules/semver/functions/major.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var major = (a, loose) => new SemVer(a, loose).major;
    module.exports = major;
  }
});

// node_modules/semver/functions/minor.js
var require_minor = __commonJS({
  "node_modules/semver/functions/minor.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var minor = (a, loose) => new SemVer(a, loose).minor;
    module.exports = minor;
  }
});

// node_modules/semver/functions/patch.js
var require_patch = __commonJS({
  "node_modules/semver/functions/patch.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var patch = (a, loose) => new SemVer(a, loose).patch;
    module.exports = patch;
  }
});

// node_modules/semver/functions/prerelease.js
var require_prerelease = __commonJS({
  "node_modules/semver/functions/prerelease.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var prerelease = (version2, options) => {
      const parsed = parse(version2, options);
      return parsed && parsed.prerelease.length ? parsed.prerelease : null;
    };
    module.exports = prerelease;
  }
});

// node_modules/semver/functions/compare.js
var require_compare = __commonJS({
  "node_modules/semver/functions/compare.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var compare = (a, b, loose) => new SemVer(a, loose).compare(new SemVer(b, loose));
    module.exports = compare;
  }
});

// node_modules/semver/functions/rcompare.js
var require_rcompare = __commonJS({
  "node_modules/semver/functions/rcompare.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var rcompare = (a, b, loose) => compare(b, a, loose);
    module.exports = rcompare;
  }
});

// node_modules/semver/functions/compare-loose.js
var require_compare_loose = __commonJS({
  "node_modules/semver/functions/compare-loose.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var compareLoose = (a, b) => compare(a, b, true);
    module.exports = compareLoose;
  }
});

// node_modules/semver/functions/compare-build.js
var require_compare_build = __commonJS({
  "node_modules/semver/functions/compare-build.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var compareBuild = (a, b, loose) => {
      const versionA = new SemVer(a, loose);
      const versionB = new SemVer(b, loose);
      return versionA.compare(versionB) || versionA.compareBuild(versionB);
    };
    module.exports = compareBuild;
  }
});

// node_modules/semver/functions/sort.js
var require_sort = __commonJS({
  "node_modules/semver/functions/sort.js"(exports, module) {
    "use strict";
    var compareBuild = require_compare_build();
    var sort = (list2, loose) => list2.sort((a, b) => compareBuild(a, b, loose));
    module.exports = sort;
  }
});

// node_modules/semver/functions/rsort.js
var require_rsort = __commonJS({
  "node_modules/semver/functions/rsort.js"(exports, module) {
    "use strict";
    var compareBuild = require_compare_build();
    var rsort = (list2, loose) => list2.sort((a, b) => compareBuild(b, a, loose));
    module.exports = rsort;
  }
});

// node_modules/semver/functions/gt.js
var require_gt = __commonJS({
  "node_modules/semver/functions/gt.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var gt = (a, b, loose) => compare(a, b, loose) > 0;
    module.exports = gt;
  }
});

// node_modules/semver/functions/lt.js
var require_lt = __commonJS({
  "node_modules/semver/functions/lt.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var lt = (a, b, loose) => compare(a, b, loose) < 0;
    module.exports = lt;
  }
});

// node_modules/semver/functions/eq.js
var require_eq = __commonJS({
  "node_modules/semver/functions/eq.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var eq = (a, b, loose) => compare(a, b, loose) === 0;
    module.exports = eq;
  }
});

// node_modules/semver/functions/neq.js
var require_neq = __commonJS({
  "node_modules/semver/functions/neq.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var neq = (a, b, loose) => compare(a, b, loose) !== 0;
    module.exports = neq;
  }
});

// node_modules/semver/functions/gte.js
var require_gte = __commonJS({
  "node_modules/semver/functions/gte.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var gte = (a, b, loose) => compare(a, b, loose) >= 0;
    module.exports = gte;
  }
});

// node_modules/semver/functions/lte.js
var require_lte = __commonJS({
  "node_modules/semver/functions/lte.js"(exports, module) {
    "use strict";
    var compare = require_compare();
    var lte = (a, b, loose) => compare(a, b, loose) <= 0;
    module.exports = lte;
  }
});

// node_modules/semver/functions/cmp.js
var require_cmp = __commonJS({
  "node_modules/semver/functions/cmp.js"(exports, module) {
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
    module.exports = cmp;
  }
});

// node_modules/semver/functions/coerce.js
var require_coerce = __commonJS({
  "node_modules/semver/functions/coerce.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var parse = require_parse();
    var { safeRe: re, t } = require_re();
    var coerce = (version2, options) => {
      if (version2 instanceof SemVer) {
        return version2;
      }
      if (typeof version2 === "number") {
        version2 = String(version2);
      }
      if (typeof version2 !== "string") {
        return null;
      }
      options = options || {};
      let match = null;
      if (!options.rtl) {
        match = version2.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE]);
      } else {
        const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL];
        let next;
        while ((next = coerceRtlRegex.exec(version2)) && (!match || match.index + match[0].length !== version2.length)) {
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
      const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : "";
      const build = options.includePrerelease && match[6] ? `+${match[6]}` : "";
      return parse(`${major}.${minor}.${patch}${prerelease}${build}`, options);
    };
    module.exports = coerce;
  }
});

// node_modules/semver/functions/truncate.js
var require_truncate = __commonJS({
  "node_modules/semver/functions/truncate.js"(exports, module) {
    "use strict";
    var parse = require_parse();
    var constants = require_constants();
    var SemVer = require_semver();
    var truncate = (version2, truncation, options) => {
      if (!constants.RELEASE_TYPES.includes(truncation)) {
        return null;
      }
      const clonedVersion = cloneInputVersion(version2, options);
      return clonedVersion && doTruncation(clonedVersion, truncation);
    };
    var cloneInputVersion = (version2, options) => {
      const versionStringToParse = version2 instanceof SemVer ? version2.version : version2;
      return parse(versionStringToParse, options);
    };
    var doTruncation = (version2, truncation) => {
      if (isPrerelease(truncation)) {
        return version2.version;
      }
      version2.prerelease = [];
      switch (truncation) {
        case "major":
          version2.minor = 0;
          version2.patch = 0;
          break;
        case "minor":
          version2.patch = 0;
          break;
      }
      return version2.format();
    };
    var isPrerelease = (type) => {
      return type.startsWith("pre");
    };
    module.exports = truncate;
  }
});

// node_modules/semver/internal/lrucache.js
var require_lrucache = __commonJS({
  "node_modules/semver/internal/lrucache.js"(exports, module) {
    "use strict";
    var LRUCache = class {
      constructor() {
        this.max = 1e3;
        this.map = /* @__PURE__ */ new Map();
      }
      get(key2) {
        const value2 = this.map.get(key2);
        if (value2 === void 0) {
          return void 0;
        } else {
          this.map.delete(key2);
          this.map.set(key2, value2);
          return value2;
        }
      }
      delete(key2) {
        return this.map.delete(key2);
      }
      set(key2, value2) {
        const deleted = this.delete(key2);
        if (!deleted && value2 !== void 0) {
          if (this.map.size >= this.max) {
            const firstKey = this.map.keys().next().value;
            this.delete(firstKey);
          }
          this.map.set(key2, value2);
        }
        return this;
      }
    };
    module.exports = LRUCache;
  }
});

// node_modules/semver/internal/trim-comparator-whitespace.js
var require_trim_comparator_whitespace = __commonJS({
  "node_modules/semver/internal/trim-comparator-whitespace.js"(exports, module) {
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
    module.exports = trimComparatorWhitespace;
  }
});

// node_modules/semver/classes/range.js
var require_range = __commonJS({
  "node_modules/semver/classes/range.js"(exports, module) {
    "use strict";
    var SPACE_CHARACTERS = /\s+/g;
    var Range = class _Range {
      constructor(range, options) {
        options = parseOptions(options);
        if (range instanceof _Range) {
          if (range.loose === !!options.loose && range.includePrerelease === !!options.includePrerelease) {
            return range;
          } else {
            return new _Range(range.raw, options);
          }
        }
        if (range instanceof Comparator) {
          this.raw = range.value;
          this.set = [[range]];
          this.formatted = void 0;
          return this;
        }
        this.options = options;
        this.loose = !!options.loose;
        this.includePrerelease = !!options.includePrerelease;
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
        debug2("hyphen replace", range);
        range = trimComparatorWhitespace(range);
        debug2("comparator trim", range);
        range = range.replace(re[t.TILDETRIM], tildeTrimReplace);
        debug2("tilde trim", range);
        range = range.replace(re[t.CARETTRIM], caretTrimReplace);
        debug2("caret trim", range);
        let rangeList = range.split(" ").map((comp) => parseComparator(comp, this.options)).join(" ").split(/\s+/).map((comp) => replaceGTE0(comp, this.options));
        if (loose) {
          rangeList = rangeList.filter((comp) => {
            debug2("loose invalid filter", comp, this.options);
            return !!comp.match(re[t.COMPARATORLOOSE]);
          });
        }
        debug2("range list", rangeList);
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
      intersects(range, options) {
        if (!(range instanceof _Range)) {
          throw new TypeError("a Range is required");
        }
        return this.set.some((thisComparators) => {
          return isSatisfiable(thisComparators, options) && range.set.some((rangeComparators) => {
            return isSatisfiable(rangeComparators, options) && thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options);
              });
            });
          });
        });
      }
      // if ANY of the sets match ALL of its comparators, then pass
      test(version2) {
        if (!version2) {
          return false;
        }
        if (typeof version2 === "string") {
          try {
            version2 = new SemVer(version2, this.options);
          } catch (er) {
            return false;
          }
        }
        for (let i = 0; i < this.set.length; i++) {
          if (testSet(this.set[i], version2, this.options)) {
            return true;
          }
        }
        return false;
      }
    };
    module.exports = Range;
    var LRU = require_lrucache();
    var cache = new LRU();
    var parseOptions = require_parse_options();
    var Comparator = require_comparator();
    var debug2 = require_debug();
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
    var isSatisfiable = (comparators, options) => {
      let result = true;
      const remainingComparators = comparators.slice();
      let testComparator = remainingComparators.pop();
      while (result && remainingComparators.length) {
        result = remainingComparators.every((otherComparator) => {
          return testComparator.intersects(otherComparator, options);
        });
        testComparator = remainingComparators.pop();
      }
      return result;
    };
    var parseComparator = (comp, options) => {
      comp = comp.replace(re[t.BUILD], "");
      debug2("comp", comp, options);
      comp = replaceCarets(comp, options);
      debug2("caret", comp);
      comp = replaceTildes(comp, options);
      debug2("tildes", comp);
      comp = replaceXRanges(comp, options);
      debug2("xrange", comp);
      comp = replaceStars(comp, options);
      debug2("stars", comp);
      return comp;
    };
    var isX = (id) => !id || id.toLowerCase() === "x" || id === "*";
    var invalidXRangeOrder = (M, m, p2) => isX(M) && !isX(m) || isX(m) && p2 && !isX(p2);
    var replaceTildes = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceTilde(c, options)).join(" ");
    };
    var replaceTilde = (comp, options) => {
      const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p2, pr) => {
        debug2("tilde", comp, _, M, m, p2, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p2)) {
          ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
        } else if (pr) {
          debug2("replaceTilde pr", pr);
          ret = `>=${M}.${m}.${p2}-${pr} <${M}.${+m + 1}.0-0`;
        } else {
          ret = `>=${M}.${m}.${p2} <${M}.${+m + 1}.0-0`;
        }
        debug2("tilde return", ret);
        return ret;
      });
    };
    var replaceCarets = (comp, options) => {
      return comp.trim().split(/\s+/).map((c) => replaceCaret(c, options)).join(" ");
    };
    var replaceCaret = (comp, options) => {
      debug2("caret", comp, options);
      const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET];
      const z = options.includePrerelease ? "-0" : "";
      return comp.replace(r, (_, M, m, p2, pr) => {
        debug2("caret", comp, _, M, m, p2, pr);
        let ret;
        if (isX(M)) {
          ret = "";
        } else if (isX(m)) {
          ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`;
        } else if (isX(p2)) {
          if (M === "0") {
            ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`;
          } else {
            ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`;
          }
        } else if (pr) {
          debug2("replaceCaret pr", pr);
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p2}-${pr} <${M}.${m}.${+p2 + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p2}-${pr} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p2}-${pr} <${+M + 1}.0.0-0`;
          }
        } else {
          debug2("no pr");
          if (M === "0") {
            if (m === "0") {
              ret = `>=${M}.${m}.${p2} <${M}.${m}.${+p2 + 1}-0`;
            } else {
              ret = `>=${M}.${m}.${p2} <${M}.${+m + 1}.0-0`;
            }
          } else {
            ret = `>=${M}.${m}.${p2} <${+M + 1}.0.0-0`;
          }
        }
        debug2("caret return", ret);
        return ret;
      });
    };
    var replaceXRanges = (comp, options) => {
      debug2("replaceXRanges", comp, options);
      return comp.split(/\s+/).map((c) => replaceXRange(c, options)).join(" ");
    };
    var replaceXRange = (comp, options) => {
      comp = comp.trim();
      const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE];
      return comp.replace(r, (ret, gtlt, M, m, p2, pr) => {
        debug2("xRange", comp, ret, gtlt, M, m, p2, pr);
        if (invalidXRangeOrder(M, m, p2)) {
          return comp;
        }
        const xM = isX(M);
        const xm = xM || isX(m);
        const xp = xm || isX(p2);
        const anyX = xp;
        if (gtlt === "=" && anyX) {
          gtlt = "";
        }
        pr = options.includePrerelease ? "-0" : "";
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
          p2 = 0;
          if (gtlt === ">") {
            gtlt = ">=";
            if (xm) {
              M = +M + 1;
              m = 0;
              p2 = 0;
            } else {
              m = +m + 1;
              p2 = 0;
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
          ret = `${gtlt + M}.${m}.${p2}${pr}`;
        } else if (xm) {
          ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`;
        } else if (xp) {
          ret = `>=${M}.${m}.0${pr} <${M}.${+m + 1}.0-0`;
        }
        debug2("xRange return", ret);
        return ret;
      });
    };
    var replaceStars = (comp, options) => {
      debug2("replaceStars", comp, options);
      return comp.trim().replace(re[t.STAR], "");
    };
    var replaceGTE0 = (comp, options) => {
      debug2("replaceGTE0", comp, options);
      return comp.trim().replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], "");
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
    var testSet = (set, version2, options) => {
      for (let i = 0; i < set.length; i++) {
        if (!set[i].test(version2)) {
          return false;
        }
      }
      if (version2.prerelease.length && !options.includePrerelease) {
        for (let i = 0; i < set.length; i++) {
          debug2(set[i].semver);
          if (set[i].semver === Comparator.ANY) {
            continue;
          }
          if (set[i].semver.prerelease.length > 0) {
            const allowed = set[i].semver;
            if (allowed.major === version2.major && allowed.minor === version2.minor && allowed.patch === version2.patch) {
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
  "node_modules/semver/classes/comparator.js"(exports, module) {
    "use strict";
    var ANY = /* @__PURE__ */ Symbol("SemVer ANY");
    var Comparator = class _Comparator {
      static get ANY() {
        return ANY;
      }
      constructor(comp, options) {
        options = parseOptions(options);
        if (comp instanceof _Comparator) {
          if (comp.loose === !!options.loose) {
            return comp;
          } else {
            comp = comp.value;
          }
        }
        comp = comp.trim().split(/\s+/).join(" ");
        debug2("comparator", comp, options);
        this.options = options;
        this.loose = !!options.loose;
        this.parse(comp);
        if (this.semver === ANY) {
          this.value = "";
        } else {
          this.value = this.operator + this.semver.version;
        }
        debug2("comp", this);
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
      test(version2) {
        debug2("Comparator.test", version2, this.options.loose);
        if (this.semver === ANY || version2 === ANY) {
          return true;
        }
        if (typeof version2 === "string") {
          try {
            version2 = new SemVer(version2, this.options);
          } catch (er) {
            return false;
          }
        }
        return cmp(version2, this.operator, this.semver, this.options);
      }
      intersects(comp, options) {
        if (!(comp instanceof _Comparator)) {
          throw new TypeError("a Comparator is required");
        }
        if (this.operator === "") {
          if (this.value === "") {
            return true;
          }
          return new Range(comp.value, options).test(this.value);
        } else if (comp.operator === "") {
          if (comp.value === "") {
            return true;
          }
          return new Range(this.value, options).test(comp.semver);
        }
        options = parseOptions(options);
        if (options.includePrerelease && (this.value === "<0.0.0-0" || comp.value === "<0.0.0-0")) {
          return false;
        }
        if (!options.includePrerelease && (this.value.startsWith("<0.0.0") || comp.value.startsWith("<0.0.0"))) {
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
        if (cmp(this.semver, "<", comp.semver, options) && this.operator.startsWith(">") && comp.operator.startsWith("<")) {
          return true;
        }
        if (cmp(this.semver, ">", comp.semver, options) && this.operator.startsWith("<") && comp.operator.startsWith(">")) {
          return true;
        }
        return false;
      }
    };
    module.exports = Comparator;
    var parseOptions = require_parse_options();
    var { safeRe: re, t } = require_re();
    var cmp = require_cmp();
    var debug2 = require_debug();
    var SemVer = require_semver();
    var Range = require_range();
  }
});

// node_modules/semver/functions/satisfies.js
var require_satisfies = __commonJS({
  "node_modules/semver/functions/satisfies.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var satisfies = (version2, range, options) => {
      try {
        range = new Range(range, options);
      } catch (er) {
        return false;
      }
      return range.test(version2);
    };
    module.exports = satisfies;
  }
});

// node_modules/semver/ranges/to-comparators.js
var require_to_comparators = __commonJS({
  "node_modules/semver/ranges/to-comparators.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var toComparators = (range, options) => new Range(range, options).set.map((comp) => comp.map((c) => c.value).join(" ").trim().split(" "));
    module.exports = toComparators;
  }
});

// node_modules/semver/ranges/max-satisfying.js
var require_max_satisfying = __commonJS({
  "node_modules/semver/ranges/max-satisfying.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var maxSatisfying = (versions, range, options) => {
      let max = null;
      let maxSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!max || maxSV.compare(v) === -1) {
            max = v;
            maxSV = new SemVer(max, options);
          }
        }
      });
      return max;
    };
    module.exports = maxSatisfying;
  }
});

// node_modules/semver/ranges/min-satisfying.js
var require_min_satisfying = __commonJS({
  "node_modules/semver/ranges/min-satisfying.js"(exports, module) {
    "use strict";
    var SemVer = require_semver();
    var Range = require_range();
    var minSatisfying = (versions, range, options) => {
      let min = null;
      let minSV = null;
      let rangeObj = null;
      try {
        rangeObj = new Range(range, options);
      } catch (er) {
        return null;
      }
      versions.forEach((v) => {
        if (rangeObj.test(v)) {
          if (!min || minSV.compare(v) === 1) {
            min = v;
            minSV = new SemVer(min, options);
          }
        }
      });
      return min;
    };
    module.exports = minSatisfying;
  }
});

// node_modules/semver/ranges/min-version.js
var require_min_version = __commonJS({
  "node_modules/semver/ranges/min-version.js"(exports, module) {
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
    module.exports = minVersion;
  }
});

// node_modules/semver/ranges/valid.js
var require_valid2 = __commonJS({
  "node_modules/semver/ranges/valid.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var validRange = (range, options) => {
      try {
        return new Range(range, options).range || "*";
      } catch (er) {
        return null;
      }
    };
    module.exports = validRange;
  }
});

// node_modules/semver/ranges/outside.js
var require_outside = __commonJS({
  "node_modules/semver/ranges/outside.js"(exports, module) {
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
    var outside = (version2, range, hilo, options) => {
      version2 = new SemVer(version2, options);
      range = new Range(range, options);
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
      if (satisfies(version2, range, options)) {
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
          if (gtfn(comparator.semver, high.semver, options)) {
            high = comparator;
          } else if (ltfn(comparator.semver, low.semver, options)) {
            low = comparator;
          }
        });
        if (high.operator === comp || high.operator === ecomp) {
          return false;
        }
        if ((!low.operator || low.operator === comp) && ltefn(version2, low.semver)) {
          return false;
        } else if (low.operator === ecomp && ltfn(version2, low.semver)) {
          return false;
        }
      }
      return true;
    };
    module.exports = outside;
  }
});

// node_modules/semver/ranges/gtr.js
var require_gtr = __commonJS({
  "node_modules/semver/ranges/gtr.js"(exports, module) {
    "use strict";
    var outside = require_outside();
    var gtr = (version2, range, options) => outside(version2, range, ">", options);
    module.exports = gtr;
  }
});

// node_modules/semver/ranges/ltr.js
var require_ltr = __commonJS({
  "node_modules/semver/ranges/ltr.js"(exports, module) {
    "use strict";
    var outside = require_outside();
    var ltr = (version2, range, options) => outside(version2, range, "<", options);
    module.exports = ltr;
  }
});

// node_modules/semver/ranges/intersects.js
var require_intersects = __commonJS({
  "node_modules/semver/ranges/intersects.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var intersects = (r1, r2, options) => {
      r1 = new Range(r1, options);
      r2 = new Range(r2, options);
      return r1.intersects(r2, options);
    };
    module.exports = intersects;
  }
});

// node_modules/semver/ranges/simplify.js
var require_simplify = __commonJS({
  "node_modules/semver/ranges/simplify.js"(exports, module) {
    "use strict";
    var satisfies = require_satisfies();
    var compare = require_compare();
    module.exports = (versions, range, options) => {
      const set = [];
      let first = null;
      let prev = null;
      const v = versions.sort((a, b) => compare(a, b, options));
      for (const version2 of v) {
        const included = satisfies(version2, range, options);
        if (included) {
          prev = version2;
          if (!first) {
            first = version2;
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
      const ranges2 = [];
      for (const [min, max] of set) {
        if (min === max) {
          ranges2.push(min);
        } else if (!max && min === v[0]) {
          ranges2.push("*");
        } else if (!max) {
          ranges2.push(`>=${min}`);
        } else if (min === v[0]) {
          ranges2.push(`<=${max}`);
        } else {
          ranges2.push(`${min} - ${max}`);
        }
      }
      const simplified = ranges2.join(" || ");
      const original = typeof range.raw === "string" ? range.raw : String(range);
      return simplified.length < original.length ? simplified : range;
    };
  }
});

// node_modules/semver/ranges/subset.js
var require_subset = __commonJS({
  "node_modules/semver/ranges/subset.js"(exports, module) {
    "use strict";
    var Range = require_range();
    var Comparator = require_comparator();
    var { ANY } = Comparator;
    var satisfies = require_satisfies();
    var compare = require_compare();
    var subset = (sub, dom, options = {}) => {
      if (sub === dom) {
        return true;
      }
      sub = new Range(sub, options);
      dom = new Range(dom, options);
      let sawNonNull = false;
      OUTER: for (const simpleSub of sub.set) {
        for (const simpleDom of dom.set) {
          const isSub = simpleSubset(simpleSub, simpleDom, options);
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
    var simpleSubset = (sub, dom, options) => {
      if (sub === dom) {
        return true;
      }
      if (sub.length === 1 && sub[0].semver === ANY) {
        if (dom.length === 1 && dom[0].semver === ANY) {
          return true;
        } else if (options.includePrerelease) {
          sub = minimumVersionWithPreRelease;
        } else {
          sub = minimumVersion;
        }
      }
      if (dom.length === 1 && dom[0].semver === ANY) {
        if (options.includePrerelease) {
          return true;
        } else {
          dom = minimumVersion;
        }
      }
      const eqSet = /* @__PURE__ */ new Set();
      let gt, lt;
      for (const c of sub) {
        if (c.operator === ">" || c.operator === ">=") {
          gt = higherGT(gt, c, options);
        } else if (c.operator === "<" || c.operator === "<=") {
          lt = lowerLT(lt, c, options);
        } else {
          eqSet.add(c.semver);
        }
      }
      if (eqSet.size > 1) {
        return null;
      }
      let gtltComp;
      if (gt && lt) {
        gtltComp = compare(gt.semver, lt.semver, options);
        if (gtltComp > 0) {
          return null;
        } else if (gtltComp === 0 && (gt.operator !== ">=" || lt.operator !== "<=")) {
          return null;
        }
      }
      for (const eq of eqSet) {
        if (gt && !satisfies(eq, String(gt), options)) {
          return null;
        }
        if (lt && !satisfies(eq, String(lt), options)) {
          return null;
        }
        for (const c of dom) {
          if (!satisfies(eq, String(c), options)) {
            return false;
          }
        }
        return true;
      }
      let higher, lower;
      let hasDomLT, hasDomGT;
      let needDomLTPre = lt && !options.includePrerelease && lt.semver.prerelease.length ? lt.semver : false;
      let needDomGTPre = gt && !options.includePrerelease && gt.semver.prerelease.length ? gt.semver : false;
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
            higher = higherGT(gt, c, options);
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
            lower = lowerLT(lt, c, options);
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
    var higherGT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp > 0 ? a : comp < 0 ? b : b.operator === ">" && a.operator === ">=" ? b : a;
    };
    var lowerLT = (a, b, options) => {
      if (!a) {
        return b;
      }
      const comp = compare(a.semver, b.semver, options);
      return comp < 0 ? a : comp > 0 ? b : b.operator === "<" && a.operator === "<=" ? b : a;
    };
    module.exports = subset;
  }
});

// node_modules/semver/index.js
var require_semver2 = __commonJS({
  "node_modules/semver/index.js"(exports, module) {
    "use strict";
    var internalRe = require_re();
    var constants = require_constants();
    var SemVer = require_semver();
    var identifiers = require_identifiers();
    var parse = require_parse();
    var valid = require_valid();
    var clean = require_clean();
    var inc = require_inc();
    var diff2 = require_diff();
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
    module.exports = {
      parse,
      valid,
      clean,
      inc,
      diff: diff2,
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

// src/core/people.ts
var ACTIONS_BOT = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com"
};
var NOBODY = { name: "snapback", email: "snapback@snapback.invalid" };
var LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;
function actionsIdentity(actor, actorId, committer) {
  const known = actor !== void 0 && LOGIN.test(actor) && Number.isSafeInteger(actorId) && actorId > 0;
  return {
    author: known ? { name: actor, email: `${actorId}+${actor}@users.noreply.github.com` } : ACTIONS_BOT,
    committer: committer ?? ACTIONS_BOT
  };
}
var PERSON = /^([^<>]*[^<>\s])\s*<([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>$/;
function parsePerson(value2, input) {
  const text = value2.trim();
  const m = PERSON.exec(text);
  if (!m || /[\u0000-\u001f\u007f]/.test(text) || text.length > 320) {
    throw new InputError(
      input,
      `'${printable(value2)}' is not a name and an address in the form 'Name <email>'.`,
      "Give both, like 'Release Bot <release-bot@example.com>', or leave it empty for github-actions[bot]."
    );
  }
  return { name: m[1].trim(), email: m[2] };
}
function parseIdent(line) {
  const m = /^(.*?)\s*<([^<>]*)>/.exec(line.trim());
  return m && m[1] && m[2] ? { name: m[1], email: m[2] } : void 0;
}
function formatPerson(p2) {
  return `${p2.name} <${p2.email}>`;
}

// src/git/native-git.ts
import { copyFile, lstat, readFile, rm as rm2, stat as stat2, utimes } from "node:fs/promises";
import { once as once2 } from "node:events";
import { join as join2 } from "node:path";

// src/memory.ts
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
var gc;
function collectGarbage() {
  if (gc === void 0) {
    try {
      setFlagsFromString("--expose-gc");
      const found = runInNewContext("gc");
      gc = typeof found === "function" ? found : null;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

// src/git/git.ts
var EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

// src/core/refs.ts
var VERSIONS_PREFIX = "refs/versions/";
var NOTES_REF = "refs/notes/versions";
var ZERO_OID = "0000000000000000000000000000000000000000";
function trackPrefix(track) {
  return `${VERSIONS_PREFIX}${track}/`;
}
function versionRef(track, version2) {
  return `${trackPrefix(track)}${version2}`;
}
function aliasRef(track, alias) {
  return `${trackPrefix(track)}aliases/${alias}`;
}
function versionsOf(track, refs) {
  const prefix = trackPrefix(track);
  const out = /* @__PURE__ */ new Map();
  for (const [ref, oid] of refs) {
    if (!ref.startsWith(prefix)) continue;
    const rest = ref.slice(prefix.length);
    if (/^[1-9][0-9]{0,15}$/.test(rest)) out.set(Number(rest), oid);
  }
  return out;
}
function latestVersion(versions) {
  let latest = 0;
  for (const n of versions.keys()) if (n > latest) latest = n;
  return latest;
}
function aliasesOf(track, refs) {
  const prefix = `${trackPrefix(track)}aliases/`;
  const out = /* @__PURE__ */ new Map();
  for (const [ref, oid] of refs) {
    if (ref.startsWith(prefix) && ref.length > prefix.length)
      out.set(ref.slice(prefix.length), oid);
  }
  return out;
}

// src/git/object-sizes.ts
import { spawn as spawn2 } from "node:child_process";

// src/git/run-git.ts
import { spawn } from "node:child_process";

// src/git/rate-limit.ts
var RATE_LIMIT_BUDGET_MS = 5 * 6e4;
var FIRST_GUESS_MS = 5e3;
var HINT = "The git server is rate-limiting this repository or token. Re-run the job later, spread out workflows that start at the same moment (cron schedules at :00), or give busy jobs a concurrency group.";
var RateLimited = class extends SnapbackError {
  constructor(status2, retryAfterMs) {
    super("rate-limited", `The git server is rate-limiting requests (HTTP ${status2}).`, HINT);
    this.status = status2;
    this.retryAfterMs = retryAfterMs;
    this.name = "RateLimited";
  }
  status;
  retryAfterMs;
};
function parseRetryAfter(value2, now = Date.now()) {
  const v = value2?.trim();
  if (!v) return void 0;
  if (/^\d{1,9}$/.test(v)) return Number(v) * 1e3;
  const at = Date.parse(v);
  return Number.isNaN(at) ? void 0 : Math.max(0, at - now);
}
function rateLimitOf(status2, retryAfter) {
  const wait = parseRetryAfter(retryAfter);
  if (status2 === 429 || status2 === 503 && wait !== void 0)
    return new RateLimited(status2, wait);
  return null;
}
function newBudget(ms = RATE_LIMIT_BUDGET_MS) {
  return { left: ms };
}
async function withRateLimits(what, budget, log, fn, sleep = (ms) => new Promise((r) => setTimeout(r, ms))) {
  let guess = FIRST_GUESS_MS;
  for (; ; ) {
    try {
      return await fn();
    } catch (e) {
      if (!(e instanceof RateLimited)) throw e;
      const wait = e.retryAfterMs ?? guess;
      if (e.retryAfterMs === void 0) guess *= 2;
      if (wait > budget.left) {
        throw new SnapbackError(
          "rate-limited",
          `Could not ${what}: the git server is rate-limiting requests (HTTP ${e.status}) and asked to wait ${seconds(wait)}, beyond the ${seconds(budget.left)} left of snapback's ${seconds(RATE_LIMIT_BUDGET_MS)} budget for such waits.`,
          HINT
        );
      }
      log(
        `The git server is rate-limiting requests (HTTP ${e.status}); waiting ${seconds(wait)}${e.retryAfterMs === void 0 ? "" : " as it asked"} before trying to ${what} again.`
      );
      budget.left -= wait;
      await sleep(wait);
    }
  }
}
function seconds(ms) {
  return `${Math.ceil(ms / 1e3)} s`;
}

// src/git/run-git.ts
var HINTS = {
  action: {
    auth: "Give the job 'permissions: contents: write' (or pass a token with write access to the 'token' input).",
    notFound: "Check GITHUB_SERVER_URL and GITHUB_REPOSITORY, and that the token can read the repository."
  },
  cli: {
    auth: "Give git credentials for the remote that may write to the repository, through a credential helper (git help credentials; for GitHub: gh auth login, then gh auth setup-git), and run the command again.",
    notFound: "Check the remote's URL (git remote -v, or --remote), and that git's credentials for it can read the repository."
  }
};
var BIG_FILE_BYTES = 32 * 1024 * 1024;
var FIXED_CONFIG = [
  // Blobs over this size are streamed (hashed into a pack, copied out of one) rather than
  // loaded whole, and never searched for deltas: a 95 MB model file re-recorded with 1 KB
  // appended took pack-objects to 455 MB with git's 512 MiB default, 98 MB with this.
  ["core.bigFileThreshold", `${BIG_FILE_BYTES / 1024 / 1024}m`],
  // Files under that size are written as loose objects, which only wait to be packed for the
  // push, where pack-objects deflates them again. Written stored, 81 incompressible files of
  // 5 MB were hashed in 2.1-2.4 s instead of 9.6-10.3 s, and the pack sent is the same. They
  // stay uncompressed in the clone until git packs them.
  ["core.looseCompression", "0"],
  ["http.lowSpeedLimit", "1"],
  ["http.lowSpeedTime", "60"],
  ["core.hooksPath", "/dev/null"],
  ["gc.auto", "0"],
  ["maintenance.auto", "false"],
  ["fetch.writeCommitGraph", "false"],
  ["core.fsmonitor", "false"],
  ["core.autocrlf", "false"],
  ["advice.detachedHead", "false"]
];
var BOUNDED_PACKING = [
  // pack-objects copies packed objects through mapped windows of the pack files; git's
  // defaults (1 GiB windows, 8 GiB in all) let a first push of a 500 MB track map all of it
  // (488 MB resident); 16 MiB windows, 64 MiB in all, kept it at 70-100 MB.
  "-c",
  "core.packedGitWindowSize=16m",
  "-c",
  "core.packedGitLimit=64m",
  "-c",
  "pack.threads=1",
  // The window is also pack-objects' delta search: every object is compared with each one
  // in it. With 32 MiB it held six 5 MB blobs, and a first record of 81 such files of noise
  // spent 13 of its 22 s in comparisons that found nothing; with 8 MiB it held one (15 s).
  // Small files still see ten neighbours, and a changed file still finds its previous
  // version, which sorts next to it.
  "-c",
  "pack.windowMemory=8m",
  "-c",
  "pack.deltaCacheSize=16m"
];
function inheritedConfig(env = process.env) {
  const count = Number(env.GIT_CONFIG_COUNT ?? "0");
  if (!Number.isInteger(count) || count <= 0) return [];
  const out = [];
  for (let i = 0; i < count; i++) {
    const key2 = env[`GIT_CONFIG_KEY_${i}`];
    if (key2 === void 0) return [];
    out.push([key2, env[`GIT_CONFIG_VALUE_${i}`] ?? ""]);
  }
  return out;
}
function configEnv(entries) {
  return asConfigEnv([...inheritedConfig(), ...FIXED_CONFIG, ...entries]);
}
function userConfigEnv() {
  return asConfigEnv(inheritedConfig());
}
function asConfigEnv(all) {
  const env = { GIT_CONFIG_COUNT: String(all.length) };
  all.forEach(([key2, value2], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key2;
    env[`GIT_CONFIG_VALUE_${i}`] = value2;
  });
  return env;
}
function withConfig(env, entries) {
  const out = { ...env };
  let n = Number(env.GIT_CONFIG_COUNT ?? "0") || 0;
  for (const [key2, value2] of entries) {
    out[`GIT_CONFIG_KEY_${n}`] = key2;
    out[`GIT_CONFIG_VALUE_${n}`] = value2;
    n++;
  }
  out.GIT_CONFIG_COUNT = String(n);
  return out;
}
function gitProcessEnv(extra = {}) {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    LC_ALL: "C",
    ...configEnv([]),
    ...extra
  };
}
function runGit(args, opts) {
  const started = startGit(args, opts);
  started.send(opts.input ?? "");
  return started.result;
}
function startGit(args, opts) {
  const network = opts.network;
  let env = gitProcessEnv(opts.env);
  if (network) {
    env = withConfig(env, [["http.lowSpeedTime", String(Math.ceil(network.stallMs / 1e3))]]);
  }
  const child = spawn("git", args, {
    cwd: opts.cwd,
    env,
    stdio: ["pipe", "pipe", "pipe"],
    detached: network !== void 0
  });
  const stopped = network ? stopOnAbort(child, network.signal) : void 0;
  const result = new Promise((resolve3, reject) => {
    const out = [];
    let err = "";
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => {
      err = (err + d.toString("utf8")).slice(-16384);
    });
    child.on(
      "error",
      (e) => reject(
        new SnapbackError(
          "git-failed",
          `Could not start git: ${e.message}`,
          "Install git 2.31 or newer and put it on PATH."
        )
      )
    );
    child.on("close", (code) => {
      stopped?.dispose();
      if (network?.signal.aborted) return reject(network.signal.reason);
      const r = { code: code ?? 128, stdout: Buffer.concat(out), stderr: err };
      if (r.code === 0 || opts.okCodes?.includes(r.code)) resolve3(r);
      else reject(classifyFailure(args, r, network?.runsIn));
    });
  });
  child.stdin.on("error", () => {
  });
  return { send: (input) => child.stdin.end(input), result };
}
function streamGit(args, opts) {
  const child = spawn("git", args, {
    cwd: opts.cwd,
    env: gitProcessEnv(opts.env),
    stdio: ["pipe", "pipe", "pipe"]
  });
  const result = new Promise((resolve3, reject) => {
    let err = "";
    child.stderr.on("data", (d) => {
      err = (err + d.toString("utf8")).slice(-16384);
    });
    child.on(
      "error",
      (e) => reject(
        new SnapbackError(
          "git-failed",
          `Could not start git: ${e.message}`,
          "Install git 2.31 or newer and put it on PATH."
        )
      )
    );
    child.on("close", (code, signal) => {
      const r = { code: code ?? 128, stdout: Buffer.alloc(0), stderr: err };
      if (r.code === 0 || opts.okCodes?.includes(r.code)) resolve3(r);
      else reject(classifyFailure(args, { ...r, stderr: err || `killed by ${signal ?? "?"}` }));
    });
  });
  result.catch(() => void 0);
  child.stdin.on("error", () => void 0);
  child.stdout.on("error", () => void 0);
  child.stdout.on("readable", () => void 0);
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    result,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  };
}
function stopOnAbort(child, signal) {
  let force;
  const group = (sig) => {
    try {
      if (child.pid !== void 0) process.kill(-child.pid, sig);
    } catch {
    }
  };
  const onAbort = () => {
    group("SIGTERM");
    force = setTimeout(() => group("SIGKILL"), 2e3);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  return {
    dispose: () => {
      signal.removeEventListener("abort", onAbort);
      if (force) {
        clearTimeout(force);
        group("SIGKILL");
      }
    }
  };
}
var STALLED = [/Operation too slow/i, /Operation timed out/i, /curl 28/, /timed out/i];
var HTTP_STATUS = /RPC failed; HTTP (\d{3})|returned error: (\d{3})/;
var TRANSIENT = [
  /RPC failed/,
  /Connection reset/i,
  /Empty reply from server/i,
  /Recv failure|Send failure/i,
  /was not closed cleanly/i,
  /Connection refused/i,
  /Failed to connect/i,
  /Could not resolve host/i,
  /early EOF/,
  /unexpected disconnect/,
  /remote end hung up/,
  /transfer closed/
];
function classifyFailure(args, r, runsIn = "action") {
  const what = `git ${args[0] ?? ""}`.trim();
  const hints = HINTS[runsIn];
  const stderr = redact(r.stderr.trim());
  if (/returned error: (401|403)|Authentication failed|could not read Username|terminal prompts disabled/i.test(
    stderr
  )) {
    return new SnapbackError(
      "auth-failed",
      `${what} was refused by the server: ${lastLine(stderr)}`,
      hints.auth
    );
  }
  if (/returned error: 404|repository .* not found/i.test(stderr)) {
    return new SnapbackError(
      "git-failed",
      `${what}: repository not found: ${lastLine(stderr)}`,
      hints.notFound
    );
  }
  if (/returned error: 429/.test(stderr)) return new RateLimited(429, void 0);
  if (STALLED.some((re) => re.test(stderr)))
    return new StallError(`${what} stopped: ${lastLine(stderr)}`);
  const status2 = HTTP_STATUS.exec(stderr)?.slice(1).find((s) => s !== void 0);
  if (status2 !== void 0) {
    if (isRetryableStatus(Number(status2)))
      return new TransientError(`${what} failed: ${lastLine(stderr)}`);
    return new SnapbackError(
      "git-failed",
      `${what} failed: the server answered HTTP ${status2}: ${lastLine(stderr)}`
    );
  }
  if (TRANSIENT.some((re) => re.test(stderr)))
    return new TransientError(`${what} failed: ${lastLine(stderr)}`);
  return new SnapbackError(
    "git-failed",
    `${what} failed (exit ${r.code}): ${lastLine(stderr) || "(no message)"}`
  );
}
function lastLine(text) {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return lines.slice(-3).join(" / ");
}

// src/git/object-sizes.ts
var ObjectSizes = class {
  constructor(cwd) {
    this.cwd = cwd;
    this.start();
  }
  cwd;
  child;
  buffered = "";
  pending;
  /** Queries go one at a time: answers come back in the order the oids were written. */
  queue = Promise.resolve();
  /** oid → size in bytes; oids git does not have are left out. */
  lookup(oids) {
    const unique = [...new Set(oids)];
    if (unique.length === 0) return Promise.resolve(/* @__PURE__ */ new Map());
    const run = this.queue.then(() => this.ask(unique));
    this.queue = run.catch(() => void 0);
    return run.then((lines) => {
      const sizes2 = /* @__PURE__ */ new Map();
      for (const line of lines) {
        const [oid = "", size = ""] = line.split(" ");
        if (/^\d+$/.test(size)) sizes2.set(oid, Number(size));
      }
      return sizes2;
    });
  }
  /** Ends the process; a later lookup starts a new one. */
  close() {
    this.child?.stdin.end();
    this.child = void 0;
  }
  start() {
    const child = spawn2("git", ["cat-file", "--batch-check=%(objectname) %(objectsize)"], {
      cwd: this.cwd,
      env: gitProcessEnv(),
      stdio: ["pipe", "pipe", "pipe"]
    });
    this.buffered = "";
    child.stdout.setEncoding("latin1");
    child.stdout.on("data", (chunk) => this.receive(chunk));
    child.stderr.resume();
    child.stdin.on("error", () => {
    });
    const fail = (why) => {
      if (this.child === child) this.child = void 0;
      const p2 = this.pending;
      this.pending = void 0;
      p2?.reject(
        new SnapbackError(
          "git-failed",
          `git cat-file stopped: ${why}`,
          "Install git 2.31 or newer and put it on PATH."
        )
      );
    };
    child.on("error", (e) => fail(e.message));
    child.on("close", (code) => fail(`exit code ${code ?? "unknown"}`));
    this.idle(child);
    this.child = child;
    return child;
  }
  ask(oids) {
    const child = this.child ?? this.start();
    return new Promise((resolve3, reject) => {
      this.pending = { expected: oids.length, lines: [], resolve: resolve3, reject };
      child.ref();
      pipe(child.stdout).ref();
      child.stdin.write(`${oids.join("\n")}
`);
    }).finally(() => this.idle(child));
  }
  idle(child) {
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) pipe(stream).unref();
  }
  receive(chunk) {
    this.buffered += chunk;
    let eol;
    while ((eol = this.buffered.indexOf("\n")) >= 0) {
      const line = this.buffered.slice(0, eol);
      this.buffered = this.buffered.slice(eol + 1);
      const p2 = this.pending;
      if (!p2) continue;
      p2.lines.push(line);
      if (p2.lines.length === p2.expected) {
        this.pending = void 0;
        p2.resolve(p2.lines);
      }
    }
  }
};
function pipe(stream) {
  return stream;
}

// src/git/index-file.ts
var STAT_BYTES = 40;
var EXTENDED = 16384;
var NAME_MASK = 4095;
var SPARSE_DIR_MODE = 16384;
function readIndexEntries(buf, oidBytes) {
  if (buf.length < 12 || buf.toString("latin1", 0, 4) !== "DIRC") return void 0;
  const version2 = buf.readUInt32BE(4);
  if (version2 < 2 || version2 > 4) return void 0;
  const count = buf.readUInt32BE(8);
  const entries = [];
  let at = 12;
  let previous = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = at;
    if (at + STAT_BYTES + oidBytes + 2 > buf.length) return void 0;
    const mode = buf.readUInt32BE(at + 24);
    const size = buf.readUInt32BE(at + 36);
    const oid = buf.toString("hex", at + STAT_BYTES, at + STAT_BYTES + oidBytes);
    const flags = buf.readUInt16BE(at + STAT_BYTES + oidBytes);
    at += STAT_BYTES + oidBytes + 2;
    if (flags & EXTENDED) {
      if (version2 < 3) return void 0;
      at += 2;
    }
    let name;
    if (version2 === 4) {
      const strip = readOffset(buf, at);
      if (!strip || strip.value > previous.length) return void 0;
      at = strip.next;
      const end = buf.indexOf(0, at);
      if (end < 0) return void 0;
      name = Buffer.concat([
        previous.subarray(0, previous.length - strip.value),
        buf.subarray(at, end)
      ]);
      at = end + 1;
    } else {
      const length = flags & NAME_MASK;
      const end = length < NAME_MASK ? at + length : buf.indexOf(0, at);
      if (end < 0 || end >= buf.length || buf[end] !== 0) return void 0;
      name = buf.subarray(at, end);
      at = start + (end - start + 8 & ~7);
    }
    if (mode === SPARSE_DIR_MODE) return void 0;
    previous = name;
    entries.push({
      path: name.toString("utf8"),
      mode: mode.toString(8),
      oid,
      stage: flags >> 12 & 3,
      size
    });
  }
  if (hasExtension(buf, at, oidBytes, "link")) return void 0;
  return entries;
}
function readOffset(buf, at) {
  if (at >= buf.length) return void 0;
  let byte = buf[at++];
  let value2 = byte & 127;
  while (byte & 128) {
    if (at >= buf.length || value2 > 16777215) return void 0;
    byte = buf[at++];
    value2 = value2 + 1 << 7 | byte & 127;
  }
  return { value: value2, next: at };
}
function hasExtension(buf, at, oidBytes, name) {
  const end = buf.length - oidBytes;
  while (at + 8 <= end) {
    if (buf.toString("latin1", at, at + 4) === name) return true;
    at += 8 + buf.readUInt32BE(at + 4);
  }
  return false;
}

// src/git/temp-names.ts
import { randomBytes } from "node:crypto";
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
var STARTED = Math.floor(Date.now() - process.uptime() * 1e3);
var MAX_AGE_MS = 24 * 36e5;
var INDEX_PREFIX = "snapback-index-";
var TEMP_REFS = "refs/snapback/tmp/";
function tempName() {
  return `${process.pid}-${STARTED}-${randomBytes(4).toString("hex")}`;
}
function isStale(name, now, modified) {
  const m = /^(\d+)-(?:(\d{10,})-)?[0-9a-f]+$/.exec(name);
  if (!m) return false;
  const pid = Number(m[1]);
  const started = m[2] === void 0 ? void 0 : Number(m[2]);
  const born = started ?? modified;
  if (born !== void 0 && now - born > MAX_AGE_MS) return true;
  if (pid === process.pid) return started !== void 0 && started !== STARTED;
  return !alive(pid);
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM";
  }
}
async function sweepIndexFiles(gitDir, now = Date.now()) {
  const names2 = await readdir(gitDir).catch(() => []);
  for (const file of names2) {
    if (!file.startsWith(INDEX_PREFIX)) continue;
    const name = file.slice(INDEX_PREFIX.length).replace(/\.lock$/, "");
    const path = join(gitDir, file);
    const modified = (await stat(path).catch(() => void 0))?.mtimeMs;
    if (isStale(name, now, modified)) await rm(path, { force: true }).catch(() => void 0);
  }
}

// src/git/incompressible.ts
import { open } from "node:fs/promises";
import { deflateRawSync } from "node:zlib";
var SAMPLE = 64 * 1024;
var MIN_SAVING = 0.1;
async function looksIncompressible(path, size) {
  const f = await open(path, "r").catch(() => void 0);
  if (!f) return false;
  try {
    let raw = 0;
    let packed = 0;
    const buf = Buffer.alloc(Math.min(SAMPLE, size));
    for (const at of /* @__PURE__ */ new Set([0, Math.floor((size - buf.length) / 2), size - buf.length])) {
      const { bytesRead } = await f.read(buf, 0, buf.length, at);
      raw += bytesRead;
      packed += deflateRawSync(buf.subarray(0, bytesRead), { level: 1 }).length;
    }
    return raw > 0 && packed >= raw * (1 - MIN_SAVING);
  } catch {
    return false;
  } finally {
    await f.close();
  }
}

// src/git/push-refusal.ts
var STALE = /stale info|fetch first|non-fast-forward|failed to update ref|cannot lock ref|reference already exists|but expected|failed to lock/i;
var SIBLING = /atomic push fail|atomic transaction failed/i;
var KINDS = [
  {
    kind: "rules",
    test: /GH013|repository rule violations|push protection/i,
    hint: "A repository ruleset or secret-scanning push protection blocks these refs. Exclude 'refs/versions/**' and 'refs/notes/versions' from the ruleset (or add the job's token to its bypass list); if a secret was found, take it out of the tracked files."
  },
  {
    kind: "large-file",
    test: /GH001|large files? detected|exceeds GitHub's file size limit/i,
    hint: "GitHub refuses files over 100 MB. Leave the file out of the track with a '!pattern' in paths, or lower 'max-file-size' so snapback stops before pushing."
  },
  {
    kind: "workflows",
    test: /without [`']?workflows?[`']? permission|refusing to allow .* to create or update workflow/i,
    hint: "GitHub refuses a push that creates or changes files under .github/workflows/ with the job's token. Leave 'include-workflows' off (workflow files then stay out of the track), or pass a token allowed to change workflows ('Workflows: write', or the 'workflow' scope) to the 'token' input."
  },
  {
    kind: "ref-limit",
    test: /maximum ref updates exceeded/i,
    hint: "The repository's push policy limits how many refs one push may update (Settings \u2192 General \u2192 Pushes). Raise the limit, or change fewer tracks or aliases at once."
  },
  {
    kind: "hook",
    test: /hook declined|pre-receive|update hook/i,
    hint: "A server-side hook refused the push; its own words are above. Ask the server's administrator what it checks, or allow 'refs/versions/*' and 'refs/notes/versions' through it."
  },
  {
    kind: "denied",
    test: /\bdeny|denied|deletion prohibited|hidden ref|protected/i,
    hint: "The server's configuration forbids this kind of ref update. Ask its administrator to allow updates and deletions of 'refs/versions/*' and 'refs/notes/versions'."
  }
];
var UNKNOWN_HINT = "Retrying will not help: the server gave a reason other than a ref moving meanwhile. The server's own words are above; 'push-mode: git' tries the plain git push path if the server refuses snapback's direct request.";
var PushRefused = class extends SnapbackError {
  kind;
  /** For `ref-limit`: the most ref updates one push may carry. */
  limit;
  constructor(kind, message, hint, limit) {
    super("push-refused", message, hint);
    this.name = "PushRefused";
    this.kind = kind;
    this.limit = limit;
  }
};
function serverLines(progress) {
  return progress.split(/\r?\n|\r/).map((l) => l.replace(/\s+$/, "")).map((l) => /^remote:/.test(l) ? l : `remote: ${l}`).filter((l) => l.replace(/^remote:\s*/, "") !== "");
}
function isRace(rejections, progress) {
  if (rejections.length === 0) return false;
  if (!rejections.every((r) => STALE.test(r.reason) || SIBLING.test(r.reason))) return false;
  if (rejections.some((r) => STALE.test(r.reason))) return true;
  return !looksRefused(progress);
}
function refusal(rejections, progress) {
  const reasons = [...new Set(rejections.map((r) => r.reason))];
  const all = `${progress}
${reasons.join("\n")}`;
  const known = KINDS.find((k) => k.test.test(all));
  const kind = known?.kind ?? "unknown";
  const limit = kind === "ref-limit" ? refLimit(all) : void 0;
  const refs = rejections.map((r) => r.ref);
  const what = refs.length === 0 ? "the push" : refs.length === 1 ? refs[0] : `${refs[0]} and ${refs.length - 1} other ref${refs.length === 2 ? "" : "s"}`;
  const said = serverLines(progress);
  const shown = said.length > 40 ? [...said.slice(0, 20), "remote: \u2026", ...said.slice(-19)] : said;
  const message = redact(
    [
      `The git server refused to update ${what}: ${reasons.join("; ") || "no reason given"}.`,
      ...shown
    ].join("\n")
  ).slice(0, 8e3);
  return new PushRefused(kind, message, known?.hint ?? UNKNOWN_HINT, limit);
}
function refLimit(text) {
  const m = /max(?:imum)? allowed is (\d{1,9})/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : void 0;
}
function looksRefused(text) {
  return KINDS.some((k) => k.test.test(text)) || /remote rejected|declined/i.test(text);
}

// src/git/pkt-line.ts
function pktLine(text) {
  const body = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, "0")), body]);
}
function readPktLines(buf) {
  const out = [];
  let at = 0;
  while (at + 4 <= buf.length) {
    const len = parseInt(buf.subarray(at, at + 4).toString("latin1"), 16);
    if (Number.isNaN(len)) break;
    if (len === 0) {
      at += 4;
      if (out.length > 0) break;
      continue;
    }
    out.push(buf.subarray(at + 4, at + len));
    at += len;
  }
  return out;
}

// src/git/receive-pack.ts
var NeedsFullPush = class extends Error {
};
var AuthRefused = class extends SnapbackError {
  constructor(status2) {
    super(
      "auth-failed",
      `The git server refused the push (HTTP ${status2}).`,
      "Give the job 'permissions: contents: write' (or pass a token with write access to the 'token' input)."
    );
    this.status = status2;
  }
  status;
};
function commandLines(updates, caps) {
  const lines = updates.map((u, i) => {
    const command = `${u.expected ?? ZERO_OID} ${u.next ?? ZERO_OID} ${u.ref}`;
    return pktLine(i === 0 ? `${command}\0${caps}
` : `${command}
`);
  });
  return Buffer.concat([...lines, Buffer.from("0000")]);
}
var HTTP_CAPS = "report-status side-band-64k atomic quiet agent=snapback";
async function* requestBody(updates, pack, caps = HTTP_CAPS) {
  yield commandLines(updates, caps);
  if (!pack) return;
  for await (const chunk of pack.bytes) yield chunk;
  await pack.done;
}
function parseReport(body) {
  const band1 = [];
  const band2 = [];
  let fatal;
  for (const pkt of readPktLines(body)) {
    const band = pkt[0];
    if (band === 1) band1.push(pkt.subarray(1));
    else if (band === 2) band2.push(pkt.subarray(1));
    else if (band === 3) fatal = pkt.subarray(1).toString("utf8").trim();
  }
  const refs = /* @__PURE__ */ new Map();
  let unpack = "";
  for (const line of readPktLines(Buffer.concat(band1))) {
    const text = line.toString("utf8").replace(/\n$/, "");
    if (text.startsWith("unpack ")) unpack = text.slice(7);
    else if (text.startsWith("ok ")) refs.set(text.slice(3), null);
    else if (text.startsWith("ng ")) {
      const [ref = "", ...reason] = text.slice(3).split(" ");
      refs.set(ref, reason.join(" ") || "rejected");
    }
  }
  const progress = Buffer.concat(band2).toString("utf8");
  return { unpack, refs, progress, ...fatal ? { fatal } : {} };
}
var MISSING = /missing necessary objects|unresolved delta|bad pack|index-pack|unpack-objects|connectivity|missing (blob|tree|commit)/i;
async function sendReceivePack(req) {
  const pack = req.pack ? req.pack() : null;
  let packError;
  pack?.done.catch((e) => {
    packError = e;
  });
  let res;
  try {
    res = await netFetch(`${req.url}/git-receive-pack`, {
      method: "POST",
      headers: {
        ...req.headers,
        "Content-Type": "application/x-git-receive-pack-request",
        Accept: "application/x-git-receive-pack-result",
        "User-Agent": "git/2.39 (snapback)"
      },
      body: requestBody(req.updates, pack),
      signal: req.signal,
      stallMs: req.stallMs
    });
  } catch (e) {
    if (packError !== void 0) throw new NeedsFullPush(String(packError.message));
    throw e;
  } finally {
    pack?.stop();
  }
  return judge(req, res);
}
function judge(req, res) {
  if (res.status === 401 || res.status === 403) throw new AuthRefused(res.status);
  const limited = rateLimitOf(res.status, res.headers.get("retry-after"));
  if (limited) throw limited;
  if (isRetryableStatus(res.status))
    throw new TransientError(`The git server answered HTTP ${res.status} to the push.`);
  if (res.status !== 200) throw new NeedsFullPush(`HTTP ${res.status}`);
  const report = parseReport(res.body);
  if (report.fatal) {
    if (MISSING.test(report.fatal)) throw new NeedsFullPush(report.fatal);
    throw refusal([], `${report.progress}
${report.fatal}`);
  }
  if (report.unpack !== "ok") {
    if (report.unpack === "" && looksRefused(report.progress)) throw refusal([], report.progress);
    if (report.unpack === "" || MISSING.test(report.unpack))
      throw new NeedsFullPush(report.unpack || "no report");
    throw new SnapbackError(
      "git-failed",
      `The git server could not unpack the push: ${report.unpack}`
    );
  }
  const refused = [...report.refs].filter(([, reason]) => reason !== null);
  if (refused.length === 0 && report.refs.size === req.updates.length) return { ok: true };
  if (refused.some(([, reason]) => MISSING.test(reason ?? ""))) {
    throw new NeedsFullPush(refused.map(([r, why]) => `${r}: ${why}`).join("; "));
  }
  const rejections = refused.map(([ref, reason]) => ({ ref, reason: reason ?? "rejected" }));
  if (!isRace(rejections, report.progress)) throw refusal(rejections, report.progress);
  return {
    ok: false,
    rejected: rejections.map((r) => r.ref),
    detail: rejections.map((r) => `! ${r.ref} ${r.reason}`).join("\n")
  };
}

// src/git/ls-refs.ts
var LsRefsStatus = class extends Error {
  constructor(statusCode, retryAfter) {
    super(`HTTP ${statusCode}`);
    this.statusCode = statusCode;
    this.retryAfter = retryAfter;
  }
  statusCode;
  retryAfter;
};
var NotProtocolV2 = class extends Error {
};
function lsRefsBody(prefixes) {
  return Buffer.concat([
    pktLine("command=ls-refs\n"),
    pktLine("agent=snapback\n"),
    Buffer.from("0001"),
    ...prefixes.map((p2) => pktLine(`ref-prefix ${p2}
`)),
    Buffer.from("0000")
  ]);
}
function parseLsRefs(body) {
  const refs = /* @__PURE__ */ new Map();
  let at = 0;
  while (at + 4 <= body.length) {
    const len = parseInt(body.subarray(at, at + 4).toString("latin1"), 16);
    if (Number.isNaN(len) || len > 0 && len < 4) throw new NotProtocolV2("not pkt-lines");
    if (len === 0) return refs;
    const line = body.subarray(at + 4, at + len).toString("utf8").replace(/\n$/, "");
    at += len;
    const m = /^([0-9a-f]{40}|[0-9a-f]{64}) (\S+)/.exec(line);
    if (!m) throw new NotProtocolV2(line.slice(0, 200));
    refs.set(m[2], m[1]);
  }
  throw new NotProtocolV2("no flush at the end of the listing");
}
async function lsRefs(req) {
  const res = await netFetch(`${req.url}/git-upload-pack`, {
    method: "POST",
    headers: {
      ...req.headers,
      "Content-Type": "application/x-git-upload-pack-request",
      Accept: "application/x-git-upload-pack-result",
      "Git-Protocol": "version=2",
      "User-Agent": "git/2.39 (snapback)"
    },
    body: lsRefsBody(req.prefixes),
    signal: req.signal,
    stallMs: req.stallMs
  });
  if (res.status !== 200) throw new LsRefsStatus(res.status, res.headers.get("retry-after"));
  const listed = parseLsRefs(res.body);
  return new Map([...listed].filter(([ref]) => req.prefixes.some((p2) => ref.startsWith(p2))));
}

// src/git/http-access.ts
import { spawn as spawn3 } from "node:child_process";

// src/git/extra-headers.ts
var SETTING = "http.extraheader";
var MAX_ENTRIES = 32;
var NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var OURS = /* @__PURE__ */ new Set([
  "accept",
  "accept-encoding",
  "connection",
  "content-encoding",
  "content-length",
  "content-type",
  "expect",
  "git-protocol",
  "host",
  "keep-alive",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent"
]);
var SECRET_NAME = /authorization|cookie|token|secret|key|password|credential|session|signature/i;
async function extraHeaders(cwd, url) {
  const entries = await readEntries(cwd);
  if (entries.length === 0) return { headers: {} };
  if (entries.length > MAX_ENTRIES) return { unusable: SETTING };
  const taken = await takenByGit(cwd, url, entries);
  let lines = [];
  for (const [i, entry] of entries.entries()) {
    if (!taken.has(i)) continue;
    if (entry.value === null) return { unusable: SETTING };
    if (entry.value === "") lines = [];
    else lines.push(entry.value);
  }
  const headers = {};
  const seen = /* @__PURE__ */ new Set();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 0) return { unusable: SETTING };
    const name = line.slice(0, colon).trim();
    const value2 = line.slice(colon + 1).trim();
    const lower = name.toLowerCase();
    if (!NAME.test(name) || value2 === "" || /[\r\n\0]/.test(value2)) return { unusable: SETTING };
    if (OURS.has(lower) || seen.has(lower)) return { unusable: SETTING };
    seen.add(lower);
    if (SECRET_NAME.test(name)) keepSecret(lower, value2);
    headers[name] = value2;
  }
  return { headers };
}
async function readEntries(cwd) {
  const out = (await runGit(["config", "-z", "--get-regexp", "^http\\.(.*\\.)?extraheader$"], {
    cwd,
    okCodes: [1]
  })).stdout.toString("utf8");
  const entries = [];
  for (const record2 of out.split("\0")) {
    if (!record2) continue;
    const nl = record2.indexOf("\n");
    const key2 = nl < 0 ? record2 : record2.slice(0, nl);
    const value2 = nl < 0 ? null : record2.slice(nl + 1);
    entries.push({ url: key2.slice("http.".length, -".extraheader".length), value: value2 });
  }
  return entries;
}
async function takenByGit(cwd, url, entries) {
  const probes = [];
  for (let k = 0; k < entries.length; k++) {
    for (let i = 0; i <= k; i++) {
      const at = entries[i].url;
      probes.push([at ? `http.${at}.snapbackprobe${k}` : `http.snapbackprobe${k}`, String(i)]);
    }
  }
  const out = (await runGit(["config", "--get-urlmatch", "http", url], {
    cwd,
    env: configEnv(probes),
    okCodes: [1]
  })).stdout.toString("utf8");
  const taken = /* @__PURE__ */ new Set();
  for (const line of out.split("\n")) {
    const m = /^http\.snapbackprobe(\d+) (\d+)$/.exec(line);
    if (m && m[1] === m[2]) taken.add(Number(m[1]));
  }
  return taken;
}
function keepSecret(name, value2) {
  addSecret(value2);
  const scheme = /^(\S+)\s+(\S+)$/.exec(value2);
  if (!scheme) return;
  const credentials = scheme[2];
  addSecret(credentials);
  if ((name === "authorization" || name === "proxy-authorization") && /^basic$/i.test(scheme[1])) {
    const decoded = Buffer.from(credentials, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon >= 0) addSecret(decoded.slice(colon + 1));
  }
}

// src/git/http-access.ts
var HARMLESS = /* @__PURE__ */ new Set([
  "http.postbuffer",
  "http.lowspeedlimit",
  "http.lowspeedtime",
  "http.maxrequests",
  "http.minsessions",
  "http.useragent",
  "http.version",
  "http.followredirects",
  "http.emptyauth",
  "http.savecookies",
  "http.sslbackend",
  "http.schannelcheckrevoke",
  "http.schannelusesslcainfo",
  "http.sslautoclientcert",
  "http.delegation",
  "http.keepalivetime",
  "http.keepaliveinterval",
  "http.keepalivecount",
  "http.noepsv",
  // Server-side settings of git http-backend, read from a clone only by accident.
  "http.receivepack",
  "http.uploadpack",
  "http.getanyfile"
]);
var CURL_ENV = [
  "GIT_SSL_NO_VERIFY",
  "GIT_SSL_CAINFO",
  "GIT_SSL_CAPATH",
  "GIT_SSL_CERT",
  "GIT_SSL_KEY",
  "GIT_SSL_CERT_PASSWORD_PROTECTED",
  "GIT_SSL_CIPHER_LIST",
  "GIT_SSL_VERSION",
  "GIT_HTTP_PROXY_AUTHMETHOD",
  "GIT_PROXY_SSL_CERT",
  "GIT_PROXY_SSL_KEY",
  "GIT_PROXY_SSL_CAINFO",
  "GIT_PROXY_SSL_CERT_PASSWORD_PROTECTED"
];
var TRUE = /^(true|yes|on|1)$/i;
async function examine(cwd, url, env) {
  const tls = /^https:/i.test(url);
  const applies = (key2) => tls || !/^(GIT_SSL_|http\.ssl|http\.pinnedpubkey)/i.test(key2);
  const fromEnv = CURL_ENV.find((name) => !!env[name] && applies(name));
  if (fromEnv) return { cannot: fromEnv };
  const listed = (await runGit(["config", "--get-urlmatch", "http", url], { cwd, okCodes: [1] })).stdout.toString("utf8");
  let withHeaders = false;
  for (const line of listed.split("\n")) {
    if (!line) continue;
    const space = line.indexOf(" ");
    const key2 = (space < 0 ? line : line.slice(0, space)).toLowerCase();
    const value2 = space < 0 ? "" : line.slice(space + 1).trim();
    if (HARMLESS.has(key2) || !applies(key2)) continue;
    if (key2 === "http.sslverify" && (value2 === "" || TRUE.test(value2))) continue;
    if (key2 === "http.extraheader") {
      withHeaders = true;
      continue;
    }
    if (key2 === "http.proxy" && sameProxy(value2, url, env)) continue;
    return { cannot: key2 };
  }
  const remoteProxies = (await runGit(["config", "--get-regexp", "^remote\\..*\\.proxy$"], { cwd, okCodes: [1] })).stdout.toString("utf8").trim();
  if (remoteProxies) return { cannot: remoteProxies.split(" ")[0] };
  if (!withHeaders) return { extra: {} };
  const extra = await extraHeaders(cwd, url);
  return "unusable" in extra ? { cannot: extra.unusable } : { extra: extra.headers };
}
function sameProxy(value2, url, env) {
  const ours = proxyFor(url, env);
  if (value2 === "") return ours === void 0;
  if (!ours) return false;
  try {
    const theirs = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value2) ? value2 : `http://${value2}`);
    return theirs.href === new URL(ours.url).href;
  } catch {
    return false;
  }
}
function describe(url, username) {
  const lines = [
    `protocol=${url.protocol.replace(/:$/, "")}`,
    `host=${url.host}`,
    // git drops the path again unless credential.useHttpPath applies to this URL.
    `path=${decodeURIComponent(url.pathname.replace(/^\//, ""))}`
  ];
  if (username) lines.push(`username=${username}`);
  return `${lines.join("\n")}

`;
}
function basic(username, password) {
  addSecret(password);
  const value2 = Buffer.from(`${username}:${password}`).toString("base64");
  addSecret(value2);
  return { Authorization: `Basic ${value2}` };
}
var NOTHING = async () => void 0;
async function httpAccess(cwd, url, opts) {
  const env = opts.env ?? process.env;
  const examined = await examine(cwd, url, env);
  if (examined.cannot !== void 0) return void 0;
  const extra = examined.extra;
  const parsed = new URL(url);
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const bare = new URL(url);
  bare.username = "";
  bare.password = "";
  const plain = parsed.username || parsed.password ? bare.href : url;
  if (Object.keys(extra).some((name) => name.toLowerCase() === "authorization")) {
    return { url: plain, headers: extra, source: "header", approve: NOTHING, reject: NOTHING };
  }
  if (password) {
    return {
      url: plain,
      headers: { ...extra, ...basic(username, password) },
      source: "url",
      approve: NOTHING,
      reject: NOTHING
    };
  }
  const asked = describe(bare, username || void 0);
  const filled = await fill(cwd, asked, opts);
  if (!filled) {
    return { url: plain, headers: extra, source: "none", approve: NOTHING, reject: NOTHING };
  }
  const told = /* @__PURE__ */ new Set();
  const tell = async (verb) => {
    if (told.has(verb)) return;
    told.add(verb);
    try {
      await runGit(["credential", verb], { cwd, input: filled.raw });
    } catch {
    }
  };
  return {
    url: plain,
    headers: { ...extra, ...basic(filled.username, filled.password) },
    source: "helper",
    approve: () => tell("approve"),
    reject: () => tell("reject")
  };
}
async function fill(cwd, asked, opts) {
  const env = opts.env ?? process.env;
  const prompts = opts.interactive && env.GIT_TERMINAL_PROMPT !== "0";
  const out = await new Promise((resolve3) => {
    const child = spawn3("git", ["credential", "fill"], {
      cwd,
      env: gitProcessEnv(prompts ? { GIT_TERMINAL_PROMPT: "1" } : {}),
      stdio: ["pipe", "pipe", "ignore"],
      // Its own process group, so a helper it started stops with it when the time is up; not
      // when it may prompt: a background group that reads the terminal is stopped by it.
      detached: !prompts
    });
    const chunks = [];
    child.stdout.on("data", (d) => chunks.push(d));
    const stop = () => {
      try {
        if (child.pid !== void 0) process.kill(prompts ? child.pid : -child.pid, "SIGKILL");
      } catch {
      }
    };
    const timer = setTimeout(stop, opts.timeoutMs);
    opts.cancel?.addEventListener("abort", stop, { once: true });
    child.on("error", () => resolve3(void 0));
    child.on("close", (code) => {
      clearTimeout(timer);
      opts.cancel?.removeEventListener("abort", stop);
      resolve3(code === 0 ? Buffer.concat(chunks).toString("utf8") : void 0);
    });
    child.stdin.on("error", () => void 0);
    child.stdin.end(asked);
  });
  if (out === void 0) return void 0;
  const fields = /* @__PURE__ */ new Map();
  for (const line of out.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const password = fields.get("password");
  if (!password) return void 0;
  addSecret(password);
  return { username: fields.get("username") ?? "", password, raw: `${out.trimEnd()}

` };
}

// src/git/stdio-push.ts
import { spawn as spawn4 } from "node:child_process";
import { once } from "node:events";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var LOCAL_REPO_ENV = [
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_CONFIG",
  "GIT_CONFIG_PARAMETERS",
  "GIT_CONFIG_COUNT",
  "GIT_OBJECT_DIRECTORY",
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_IMPLICIT_WORK_TREE",
  "GIT_GRAFT_FILE",
  "GIT_INDEX_FILE",
  "GIT_NO_REPLACE_OBJECTS",
  "GIT_REPLACE_REF_BASE",
  "GIT_PREFIX",
  "GIT_SHALLOW_FILE",
  "GIT_COMMON_DIR"
];
function localEnv(env) {
  const out = {};
  for (const [key2, value2] of Object.entries(env)) {
    if (LOCAL_REPO_ENV.includes(key2) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(key2)) continue;
    out[key2] = value2;
  }
  return out;
}
function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
function receivePackProgram(url, cwd, env, sshCommand) {
  if (url.includes("::")) return void 0;
  if (/^file:\/\//i.test(url)) {
    return { file: "git", args: ["receive-pack", fileURLToPath(url)], env: localEnv(env) };
  }
  const ssh = sshTarget(url);
  if (ssh) {
    const remote = `git-receive-pack ${shellQuote(ssh.path)}`;
    const target = [...ssh.port ? ["-p", ssh.port] : [], ssh.host, remote];
    const command = env.GIT_SSH_COMMAND || sshCommand;
    if (command) {
      if (!/^\s*ssh(\s|$)/.test(command)) return void 0;
      return { file: [command, ...target.map(shellQuote)].join(" "), args: [], shell: true, env };
    }
    const program = env.GIT_SSH || "ssh";
    if (!/(^|\/)ssh$/.test(program)) return void 0;
    return { file: program, args: target, env };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return void 0;
  const path = isAbsolute(url) ? url : resolve(cwd, url);
  return { file: "git", args: ["receive-pack", path], env: localEnv(env) };
}
function sshTarget(url) {
  const full = /^(?:git\+)?ssh:\/\/([^/]+?)(?::(\d+))?(\/.*)$/i.exec(url);
  if (full) {
    const path = full[3].startsWith("/~") ? full[3].slice(1) : full[3];
    return { host: full[1], ...full[2] ? { port: full[2] } : {}, path };
  }
  const scp = /^([^/:]+):(.+)$/.exec(url);
  if (scp && !url.includes("://")) return { host: scp[1], path: scp[2] };
  return void 0;
}
var PktReader = class {
  buf = Buffer.alloc(0);
  ended = false;
  chunks;
  constructor(stream) {
    this.chunks = stream[Symbol.asyncIterator]();
  }
  async fill(n) {
    while (this.buf.length < n && !this.ended) {
      const next = await this.chunks.next();
      if (next.done) this.ended = true;
      else this.buf = Buffer.concat([this.buf, next.value]);
    }
    return this.buf.length >= n;
  }
  /** The next pkt-line's payload; null for a flush; undefined at the end of the stream. */
  async next() {
    if (!await this.fill(4)) return void 0;
    const len = parseInt(this.buf.subarray(0, 4).toString("latin1"), 16);
    if (Number.isNaN(len) || len > 0 && len < 4) return void 0;
    if (len === 0) {
      this.buf = this.buf.subarray(4);
      return null;
    }
    if (!await this.fill(len)) return void 0;
    const payload = this.buf.subarray(4, len);
    this.buf = this.buf.subarray(len);
    return payload;
  }
  /** Everything left, unparsed. */
  async rest() {
    const parts = [this.buf];
    for (; ; ) {
      const next = await this.chunks.next();
      if (next.done) break;
      parts.push(next.value);
    }
    this.buf = Buffer.alloc(0);
    return Buffer.concat(parts);
  }
};
var WANTED_CAPS = ["report-status", "side-band-64k", "atomic", "quiet", "delete-refs"];
async function pushOverStdio(req) {
  const { program } = req;
  const child = spawn4(program.file, program.args, {
    cwd: req.cwd,
    env: program.env,
    shell: program.shell ?? false,
    stdio: ["pipe", "pipe", "pipe"],
    // Its own process group, so stopping it also stops what it started (ssh's helpers).
    detached: true
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr = (stderr + d.toString("utf8")).slice(-16384);
  });
  child.stdin.on("error", () => void 0);
  const exited = new Promise((done) => {
    child.on("close", (code) => done(code ?? 128));
    child.on("error", () => done(127));
  });
  const kill = () => {
    try {
      if (child.pid !== void 0) process.kill(-child.pid, "SIGKILL");
    } catch {
    }
  };
  if (req.signal.aborted) kill();
  req.signal.addEventListener("abort", kill, { once: true });
  let pack = null;
  try {
    const reader = new PktReader(child.stdout);
    const first = await reader.next();
    if (!first) return await failed(exited, () => stderr, req);
    const advertised = first.toString("utf8");
    if (advertised.startsWith("ERR ")) return await failed(exited, () => advertised, req);
    const caps = new Set((advertised.split("\0")[1] ?? "").trim().split(/\s+/));
    for (let line = first; line; line = await reader.next()) {
    }
    if (!caps.has("atomic")) {
      throw new SnapbackError(
        "git-failed",
        "The git server does not support atomic pushes.",
        'Snapback needs a server with the "atomic" capability (GitHub and git 2.4+ servers have it).'
      );
    }
    if (!caps.has("report-status") || !caps.has("side-band-64k")) {
      throw new NeedsFullPush("no report-status or side-band-64k");
    }
    const ask = [...WANTED_CAPS.filter((c) => caps.has(c)), "agent=snapback"].join(" ");
    let open2 = await write(child.stdin, commandLines(req.updates, ask), exited);
    pack = req.pack ? req.pack() : null;
    if (pack && open2) {
      for await (const chunk of pack.bytes) {
        open2 = await write(child.stdin, chunk, exited);
        if (!open2) break;
      }
      if (open2) {
        await pack.done.catch((e) => {
          throw new NeedsFullPush(e.message);
        });
      }
    }
    child.stdin.end();
    const body = await reader.rest();
    const code = await exited;
    if (req.signal.aborted) throw req.signal.reason;
    if (body.length === 0) return await failed(Promise.resolve(code), () => stderr, req);
    return judge(req, { status: 200, headers: new Headers(), body });
  } finally {
    req.signal.removeEventListener("abort", kill);
    pack?.stop();
    if (child.exitCode === null) kill();
  }
}
async function write(stream, chunk, exited) {
  if (stream.write(chunk)) return true;
  return Promise.race([once(stream, "drain").then(() => true), exited.then(() => false)]);
}
async function failed(exited, said, req) {
  const code = await exited;
  throw classifyFailure(
    ["push"],
    { code, stdout: Buffer.alloc(0), stderr: said() || req.program.file },
    req.runsIn
  );
}

// src/git/native-git.ts
var STEP = {
  list: { verb: "list refs", doing: "listing the registry's refs" },
  fetch: { verb: "fetch", doing: "fetching from the registry" },
  fetchForPush: { verb: "fetch", doing: "fetching the objects a push needs" },
  push: { verb: "push", doing: "pushing to the registry" },
  head: { verb: "look up the default branch", doing: "asking the server for its default branch" }
};
var CONVERTING = /* @__PURE__ */ new Set(["filter", "text", "crlf", "eol", "ident", "working-tree-encoding"]);
var NativeGit = class _NativeGit {
  constructor(workdir, gitDir, shallow, remote, identity, checkpoint = () => void 0, observe = void 0, noteBlobsOnDemand = false) {
    this.workdir = workdir;
    this.gitDir = gitDir;
    this.shallow = shallow;
    this.remote = remote;
    this.identity = identity;
    this.checkpoint = checkpoint;
    this.observe = observe;
    this.noteBlobsOnDemand = noteBlobsOnDemand;
    this.sizes = new ObjectSizes(workdir);
    if (remote.token) {
      addSecret(remote.token);
      const basic2 = Buffer.from(`x-access-token:${remote.token}`).toString("base64");
      const key2 = `http.${remote.url}.extraheader`;
      this.authEnv = configEnv([
        [key2, ""],
        [key2, `AUTHORIZATION: basic ${basic2}`]
      ]);
      this.authHeaders = { Authorization: `Basic ${basic2}` };
    } else {
      this.authEnv = {};
      this.authHeaders = {};
    }
  }
  workdir;
  gitDir;
  shallow;
  remote;
  identity;
  checkpoint;
  observe;
  noteBlobsOnDemand;
  authEnv;
  authHeaders;
  /** Started with the repository, so a diff's size lookup does not wait for a process start. */
  sizes;
  autocrlf;
  /** One budget for every wait on a rate-limiting server during this run. */
  rateBudget = newBudget();
  /** How our own requests reach an HTTP remote; looked up once, when first needed. */
  access;
  /** Fan-out depth of each notes commit read so far (a commit never changes). */
  depths = /* @__PURE__ */ new Map();
  /** Whether the clone may lack note blobs (asked once; see fetchNoteBlobs). */
  promisor;
  /** The notes tip was last fetched with its blobs: nothing to fetch by id. */
  notesWhole = false;
  /** Note blobs fetched by id in this run. */
  noteBlobsHere = /* @__PURE__ */ new Set();
  static async open(workdir, remote, opts = {}) {
    let out;
    try {
      out = (await runGit(["rev-parse", "--absolute-git-dir", "--is-shallow-repository"], {
        cwd: workdir
      })).stdout.toString("utf8");
    } catch {
      throw new SnapbackError(
        "not-a-repository",
        `${workdir} is not a git work tree.`,
        "Run actions/checkout before snapback, or run the CLI inside a clone."
      );
    }
    const [gitDir = "", shallow = "false"] = out.trim().split("\n");
    const git = new _NativeGit(
      workdir,
      gitDir,
      shallow === "true",
      remote,
      opts.identity ?? { author: NOBODY, committer: NOBODY },
      opts.checkpoint,
      opts.observe,
      opts.noteBlobsOnDemand ?? false
    );
    await git.sweepLitter();
    return git;
  }
  /** Removes the temporary index files and refs of runs that were killed mid-way. */
  async sweepLitter() {
    const now = Date.now();
    await sweepIndexFiles(this.gitDir, now);
    try {
      const refs = (await this.text(["for-each-ref", "--format=%(refname)", TEMP_REFS])).split("\n").filter((r) => r && isStale(r.slice(TEMP_REFS.length), now));
      if (refs.length > 0) {
        await this.git(["update-ref", "--stdin"], {
          input: refs.map((r) => `delete ${r}
`).join("")
        });
      }
    } catch {
    }
  }
  async git(args, opts = {}) {
    const r = await runGit(args, { cwd: this.workdir, ...opts });
    this.observe?.(args, r.stdout.length);
    return r;
  }
  async text(args, opts = {}) {
    return (await this.git(args, opts)).stdout.toString("utf8");
  }
  /**
   * One network step: each attempt gets a signal that ends with the step's budget or the run's
   * cancellation; stalled and transient failures are retried while the budget lasts. A server
   * that rate-limits is waited for (as it asks, within the run's rate-limit budget), and then
   * the step starts again with a fresh budget.
   */
  network(step, fn) {
    const log = this.remote.log ?? (() => void 0);
    const net = this.remote.network ?? DEFAULT_NETWORK;
    const stallMs = net.limits.stallMs;
    const url = this.remote.url;
    return withRateLimits(
      step.verb,
      this.rateBudget,
      log,
      () => withinBudget(
        { host: hostOf(url), what: step.doing },
        net,
        (signal) => fn({ signal, git: { stallMs, signal, runsIn: this.remote.runsIn } }).catch(
          (e) => {
            throw throughProxy(e, url);
          }
        )
      ),
      (ms) => pause(ms, net.cancel)
    );
  }
  async head() {
    return (await this.text(["rev-parse", "--verify", "HEAD^{commit}"])).trim();
  }
  async listRemoteRefs(prefixes) {
    if (!/^https?:\/\//i.test(this.remote.url)) return this.lsRemote(prefixes);
    const access2 = await this.httpAccess();
    if (!access2) return this.lsRemote(prefixes);
    try {
      const refs = await this.network(STEP.list, async ({ signal, git }) => {
        try {
          return await lsRefs({
            url: access2.url,
            headers: access2.headers,
            prefixes,
            signal,
            stallMs: git.stallMs
          });
        } catch (e) {
          if (signal.aborted) throw signal.reason;
          if (e instanceof LsRefsStatus) {
            const limited = rateLimitOf(e.statusCode, e.retryAfter);
            if (limited) throw limited;
            if (access2.source !== "token" && (e.statusCode === 401 || e.statusCode === 403)) {
              throw await this.refused(access2, e.statusCode, "list refs");
            }
          }
          if (e instanceof NotProtocolV2) throw e;
          throw httpFailure(e, "list refs");
        }
      });
      await access2.approve();
      return refs;
    } catch (e) {
      if (e instanceof NotProtocolV2) return this.lsRemote(prefixes);
      throw e;
    }
  }
  /** SSH and file remotes (the CLI on a developer's clone): plain `git ls-remote`. */
  async lsRemote(prefixes) {
    const patterns = prefixes.map((p2) => p2.endsWith("/") ? `${p2}*` : p2);
    const out = await this.network(
      STEP.list,
      ({ git }) => this.text(["ls-remote", this.remote.url, ...patterns], { env: this.authEnv, network: git })
    );
    const refs = /* @__PURE__ */ new Map();
    for (const line of out.split("\n")) {
      const [oid, ref] = line.split("	");
      if (oid && ref && prefixes.some((p2) => ref.startsWith(p2))) refs.set(ref, oid);
    }
    return refs;
  }
  async fetchRefs(refs, opts = {}) {
    if (refs.length === 0) return /* @__PURE__ */ new Map();
    const lazy = this.noteBlobsOnDemand && !opts.wholeNotes ? refs.filter((r) => r.remote === NOTES_REF) : [];
    const whole = refs.filter((r) => !lazy.includes(r));
    if (whole.length > 0) await this.fetchInto(whole, []);
    if (lazy.length > 0) {
      await this.fetchInto(lazy, ["--filter=blob:none"]);
      this.promisor = Promise.resolve(true);
    }
    if (refs.some((r) => r.remote === NOTES_REF)) this.notesWhole = lazy.length === 0;
    const oids = (await this.text(["rev-parse", ...refs.map((r) => r.local)])).trim().split("\n");
    return new Map(refs.map((r, i) => [r.local, oids[i] ?? ""]));
  }
  async fetchInto(refs, filter) {
    const args = [
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      "--no-recurse-submodules",
      ...filter.length > 0 ? filter : ["--no-filter"]
    ];
    if (this.shallow) args.push("--depth=1");
    args.push(this.remote.url, ...refs.map((r) => `+${r.remote}:${r.local}`));
    await this.network(
      STEP.fetch,
      ({ git }) => this.git(args, { env: this.authEnv, network: git })
    );
  }
  /**
   * Brings the blobs named here when this clone got notes without them. git would fetch each
   * missing one by itself, one request per object; this asks for all in one request, without
   * negotiation (the server would otherwise skip blobs reachable from what we have).
   */
  async fetchNoteBlobs(oids) {
    if (this.notesWhole) return;
    const wanted = [...new Set(oids)].filter((o) => !this.noteBlobsHere.has(o));
    if (wanted.length === 0 || !await this.isPromisor()) return;
    const args = [
      "-c",
      "fetch.negotiationAlgorithm=noop",
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      "--no-recurse-submodules",
      "--filter=blob:none",
      "--stdin",
      this.remote.url
    ];
    await this.network(
      STEP.fetch,
      ({ git }) => this.git(args, { env: this.authEnv, network: git, input: `${wanted.join("\n")}
` })
    );
    for (const o of wanted) this.noteBlobsHere.add(o);
  }
  /** Whether this clone may lack blobs (a partial clone, or notes fetched without them). */
  isPromisor() {
    this.promisor ??= this.git(["config", "--get-regexp", "^remote\\..*\\.promisor$"], {
      okCodes: [1]
    }).then(
      (r) => /\strue$/m.test(r.stdout.toString("utf8")),
      () => false
    );
    return this.promisor;
  }
  async hasObject(oid) {
    return (await this.commitsPresent([oid])).size > 0;
  }
  /**
   * Which of these commits are here (a tag counts by the commit it names), found without
   * fetching one. In a clone with a promisor, `cat-file -e` fetches an object it lacks, and for
   * a version commit that means every commit and tree behind its source commit: git's own
   * fetches take no depth. `rev-list --missing` turns that off, `--ignore-missing` skips the
   * absent ones, `--no-walk` reads nothing beyond the commits named.
   */
  async commitsPresent(oids) {
    if (oids.length === 0) return /* @__PURE__ */ new Set();
    const out = await this.text(
      ["rev-list", "--no-walk", "--ignore-missing", "--missing=allow-any", "--stdin"],
      { input: `${oids.join("\n")}
` }
    );
    return new Set(out.split("\n").filter(Boolean));
  }
  async listWorkTree(pathspecs) {
    const out = await this.text(["ls-files", "-z", "--cached", "--others", "--", ...pathspecs]);
    const paths = /* @__PURE__ */ new Set();
    for (const p2 of out.split("\0")) {
      if (p2 && !p2.endsWith("/")) paths.add(p2);
    }
    return [...paths];
  }
  async writeTree(paths) {
    return this.withTempIndex((env) => this.indexTree(paths, env));
  }
  async writeSnapshot(files) {
    return this.withTempIndex(async (env) => {
      const tree = await this.indexTree(
        files.map((f) => f.path),
        env,
        files
      );
      return { tree, sizes: await this.storedSizes(env.GIT_INDEX_FILE, tree, files) };
    });
  }
  /**
   * The size of each blob just stored, from the index that stored it. git records the size of
   * the file it hashed (or whose stat data it trusted) in the entry, and for a file stored as is
   * that is the blob's size; where the entry and the caller's measure agree, that is the answer.
   * The rest — entries git marked to look at again (size 0), files added by object id, files of
   * 4 GiB or more (sizes are 32-bit there), files that changed after they were measured — are
   * looked up by object id. An index this reader cannot read whole leaves it all to git.
   */
  async storedSizes(indexFile, tree, files) {
    const entries = readIndexEntries(await readFile(indexFile), tree.length === 64 ? 32 : 20);
    if (!entries) return this.blobSizes(tree);
    const measured = new Map(files.map((f) => [f.path, f.size]));
    const sizes2 = /* @__PURE__ */ new Map();
    const ask = /* @__PURE__ */ new Map();
    for (const e of entries) {
      if (e.stage !== 0 || e.mode === "160000") continue;
      const size = measured.get(e.path);
      if (size === void 0) continue;
      if (e.size === size && size > 0) sizes2.set(e.path, size);
      else ask.set(e.oid, [...ask.get(e.oid) ?? [], e.path]);
    }
    if (ask.size > 0) {
      const found = await this.sizes.lookup([...ask.keys()]);
      for (const [oid, paths] of ask) {
        const size = found.get(oid);
        if (size !== void 0) for (const path of paths) sizes2.set(path, size);
      }
    }
    return sizes2;
  }
  /**
   * Fills a temporary index with `paths` and writes its tree. The index starts as a copy of the
   * checkout's own: files whose stat data still matches are not read again, so only generated or
   * changed files are hashed. That is the same trust `git add` and `git status` place in the
   * index, racy-entry checks included.
   */
  async indexTree(paths, env, measured = []) {
    const rawLookup = this.rawPaths(paths);
    rawLookup.catch(() => void 0);
    const storing = this.storingConfig(measured);
    if (!await this.checkoutConvertsLineEndings()) {
      await seedIndex(join2(this.gitDir, "index"), env.GIT_INDEX_FILE);
    }
    const raw = await rawLookup;
    const store = await storing;
    const wanted = new Set(paths);
    const drop = [];
    for (const entry of (await this.text(["ls-files", "-z", "-v", "--cached"], { env })).split(
      "\0"
    )) {
      if (!entry) continue;
      const tag = entry.slice(0, 1);
      const path = entry.slice(2);
      if (!wanted.has(path) || tag !== "H" || raw.has(path)) drop.push(path);
    }
    if (drop.length > 0) {
      await this.git(["update-index", "--force-remove", "-z", "--stdin"], {
        env,
        input: `${drop.join("\0")}\0`
      });
    }
    const plain = raw.size > 0 ? paths.filter((p2) => !raw.has(p2)) : paths;
    if (plain.length > 0) {
      await this.git(
        [...store, "update-index", "--add", "--remove", "--replace", "-z", "--stdin"],
        { env, input: `${plain.join("\0")}\0` }
      );
    }
    if (raw.size > 0) await this.addUnfiltered([...raw], env, store);
    this.checkpoint("index-written");
    return (await this.text(["write-tree"], { env })).trim();
  }
  /**
   * git streams a file over BIG_FILE_BYTES into a pack as it hashes it, deflated at level 6,
   * and the push sends that data as it is. When every such file of the snapshot looks
   * incompressible (model weights, archives), it is stored without deflating: a 95 MB file
   * took 2.3-2.7 s to store, 0.5 s this way, and the bytes sent are the same within 0.02%. A
   * compressible one keeps compression for all (one setting covers the whole process).
   */
  async storingConfig(measured) {
    const big = measured.filter((f) => f.size > BIG_FILE_BYTES);
    if (big.length === 0) return [];
    for (const f of big) {
      if (!await looksIncompressible(join2(this.workdir, f.path), f.size)) return [];
    }
    return ["-c", "pack.compression=0"];
  }
  /** Whether the clone's own configuration (not ours) has git convert line endings on checkout. */
  checkoutConvertsLineEndings() {
    this.autocrlf ??= this.git(["config", "--type=bool-or-str", "--get", "core.autocrlf"], {
      okCodes: [1],
      env: userConfigEnv()
    }).then(
      (r) => r.stdout.toString("utf8").trim() === "true",
      () => false
    );
    return this.autocrlf;
  }
  /**
   * The paths whose bytes git would convert on the way in: a `filter` (Git LFS stores a pointer
   * whose object nobody uploads), `text`/`eol`/`crlf` (line endings), `ident` or
   * `working-tree-encoding`. A version holds what was on disk, so these skip conversion.
   */
  async rawPaths(paths) {
    const raw = /* @__PURE__ */ new Set();
    if (paths.length === 0) return raw;
    const out = await this.text(["check-attr", "-a", "-z", "--stdin"], {
      input: `${paths.join("\0")}\0`
    });
    const fields = out.split("\0");
    for (let i = 0; i + 2 < fields.length; i += 3) {
      const value2 = fields[i + 2];
      if (CONVERTING.has(fields[i + 1]) && value2 !== "unspecified" && value2 !== "unset") {
        raw.add(fields[i]);
      }
    }
    return raw;
  }
  /** Adds work-tree files to the index as their exact bytes, with no filter or conversion. */
  async addUnfiltered(paths, env, store) {
    const files = [];
    for (const path of paths) {
      const st = await lstat(join2(this.workdir, path)).catch(() => void 0);
      if (!st?.isFile()) continue;
      files.push({ path, mode: st.mode & 73 ? "100755" : "100644" });
    }
    if (files.length === 0) return;
    const oids = /* @__PURE__ */ new Map();
    const listable = files.filter((f) => !/[\n\r]/.test(f.path) && !f.path.startsWith('"'));
    if (listable.length > 0) {
      const out = await this.text(
        [...store, "hash-object", "-w", "--no-filters", "--stdin-paths"],
        {
          input: `${listable.map((f) => f.path).join("\n")}
`
        }
      );
      out.trim().split("\n").forEach((oid, i) => oids.set(listable[i].path, oid));
    }
    for (const f of files) {
      if (oids.has(f.path)) continue;
      const bytes = await readFile(join2(this.workdir, f.path));
      oids.set(
        f.path,
        (await this.text([...store, "hash-object", "-w", "--no-filters", "--stdin"], {
          input: bytes
        })).trim()
      );
    }
    await this.git(["update-index", "--add", "-z", "--index-info"], {
      env,
      input: files.map((f) => `${f.mode} ${oids.get(f.path)}	${f.path}\0`).join("")
    });
  }
  async readCommit(oid) {
    return parseCommit(oid, await this.text(["cat-file", "commit", oid]));
  }
  async readCommits(oids) {
    const commits = /* @__PURE__ */ new Map();
    for (const [oid, o] of await this.objectsById(oids)) {
      if (o.type === "commit") commits.set(oid, parseCommit(oid, o.content.toString("utf8")));
    }
    return commits;
  }
  async writeCommit(c) {
    const args = ["commit-tree", c.tree, ...c.parents.flatMap((p2) => ["-p", p2]), "-F", "-"];
    const env = {
      GIT_AUTHOR_NAME: c.author.name,
      GIT_AUTHOR_EMAIL: c.author.email,
      GIT_COMMITTER_NAME: c.committer.name,
      GIT_COMMITTER_EMAIL: c.committer.email
    };
    return (await this.text(args, { env, input: c.message })).trim();
  }
  async readNote(notes, object) {
    return (await this.readNotes(notes, [object])).get(object);
  }
  async writeNotes(base, notes, message) {
    const source = "textsOf" in notes ? notes : { objects: [...notes.keys()], textsOf: () => Promise.resolve(notes) };
    const { objects } = source;
    const ref = `${TEMP_REFS}${tempName()}`;
    const when2 = Math.floor(Date.now() / 1e3);
    const here = await this.isPromisor() ? /* @__PURE__ */ new Set() : await this.commitsPresent(objects);
    const pathOf = objects.some((o) => !here.has(o)) ? await this.notePaths(
      base,
      objects.filter((o) => !here.has(o))
    ) : void 0;
    const args = ["fast-import", "--quiet", "--done"];
    const child = streamGit(args, { cwd: this.workdir });
    const send = async (parts) => {
      const chunk = Buffer.concat(parts.map((p2) => typeof p2 === "string" ? Buffer.from(p2) : p2));
      if (child.stdin.write(chunk)) return;
      await Promise.race([once2(child.stdin, "drain"), child.result]);
    };
    const data = (parts, text) => {
      const buf = Buffer.from(text, "utf8");
      parts.push(`data ${buf.length}
`, buf, "\n");
    };
    try {
      const head = [
        `reset ${ref}
`,
        `commit ${ref}
`,
        `author ${ident(this.identity.author)} ${when2} +0000
`,
        `committer ${ident(this.identity.committer)} ${when2} +0000
`
      ];
      data(head, message);
      if (base) head.push(`from ${base}
`);
      await send(head);
      for (let at = 0; at < objects.length; at += NOTES_SLICE) {
        const slice = objects.slice(at, at + NOTES_SLICE);
        const texts = await source.textsOf(slice);
        const parts = [];
        for (const object of slice) {
          if (here.has(object) || !pathOf) parts.push(`N inline ${object}
`);
          else parts.push(`M 100644 inline ${pathOf(object)}
`);
          data(parts, texts.get(object) ?? "");
        }
        await send(parts);
        if (objects.length > NOTES_SLICE) collectGarbage();
      }
      child.stdin.end("\ndone\n");
      await child.result;
      this.observe?.(args, 0);
      this.checkpoint("notes-ref-written");
      return (await this.text(["rev-parse", "--verify", ref])).trim();
    } finally {
      child.stop();
      await this.git(["update-ref", "-d", ref], { okCodes: [1] });
    }
  }
  async diffTrees(from, to, opts = {}) {
    const args = [
      "diff",
      "--raw",
      "-z",
      "--no-abbrev",
      "--no-ext-diff",
      "--no-color",
      "--no-relative",
      "--ignore-submodules=none",
      "-O/dev/null",
      opts.renames ? "-M" : "--no-renames"
    ];
    const changes2 = parseRawDiff(await this.text([...args, from ?? EMPTY_TREE, to]));
    const sizes2 = await this.sizes.lookup(
      changes2.flatMap((c) => [c.oldOid, c.newOid]).filter((o) => o !== null)
    );
    for (const c of changes2) {
      c.oldSize = c.oldOid ? sizes2.get(c.oldOid) ?? 0 : 0;
      c.newSize = c.newOid ? sizes2.get(c.newOid) ?? 0 : 0;
    }
    return changes2;
  }
  async readBlobs(oids) {
    const blobs = /* @__PURE__ */ new Map();
    for (const [oid, o] of await this.objectsById(oids)) {
      if (o.type === "blob") blobs.set(oid, o.content);
    }
    return blobs;
  }
  /** Objects by id, in one `cat-file --batch`; ids git does not have are left out. */
  async objectsById(oids) {
    const unique = [...new Set(oids)];
    const objects = /* @__PURE__ */ new Map();
    if (unique.length === 0) return objects;
    (await this.catFileBatch(unique)).forEach((hit, i) => {
      if (hit?.content) objects.set(unique[i], { type: hit.type, content: hit.content });
    });
    return objects;
  }
  async readNotes(notes, objects) {
    if (objects !== "all") return this.notesAt(notes, objects);
    const blobOf = /* @__PURE__ */ new Map();
    for (const e of await this.listNotes(["-r", notes])) blobOf.set(e.object, e.oid);
    const blobs = await this.noteBlobs([...blobOf.values()]);
    const out = /* @__PURE__ */ new Map();
    for (const [object, blob] of blobOf) {
      const text = blobs.get(blob);
      if (text) out.set(object, text.toString("utf8"));
    }
    return out;
  }
  /**
   * The notes of these objects, each looked up at the paths git may keep it at (flat, `ab/…`,
   * `ab/cd/…`, `ab/cd/ef/…`): what git prints grows with the objects asked for, never with the
   * size of the notes tree.
   */
  async notesAt(notes, objects) {
    const out = /* @__PURE__ */ new Map();
    const unique = [...new Set(objects)].filter((o) => NOTE_OBJECT.test(o));
    if (unique.length === 0) return out;
    if (await this.isPromisor()) {
      const found = await this.noteEntries(notes, unique);
      const blobs = await this.noteBlobs([...found.values()].map((e) => e.oid));
      for (const [object, { oid }] of found) {
        const text = blobs.get(oid);
        if (text) out.set(object, text.toString("utf8"));
      }
      return out;
    }
    for (const [object, hit] of await this.locateNotes(notes, unique, false)) {
      if (hit.content) out.set(object, hit.content.toString("utf8"));
    }
    return out;
  }
  /** Note blobs by id, fetched first when this clone got its notes without them. */
  async noteBlobs(oids) {
    await this.fetchNoteBlobs(oids);
    return this.readBlobs(oids);
  }
  /**
   * Where each object's note sits in the notes tree, and its blob, read from the trees alone
   * (`ls-tree` never reads a blob, so nothing is fetched): by the candidate paths of a few
   * objects, or from the whole listing for many.
   */
  async noteEntries(notes, objects) {
    const found = /* @__PURE__ */ new Map();
    const take = (listed, wanted) => {
      for (const { object, path, oid } of listed) {
        if (wanted.has(object) && !found.has(object)) found.set(object, { path, oid });
      }
    };
    if (objects.length > MAX_NOTE_PATHS) {
      take(await this.listNotes(["-r", "--full-tree", notes]), new Set(objects));
      return found;
    }
    await this.probeNotePaths(notes, objects, found, async (asked) => {
      const listed = await this.listNotes([
        "--full-tree",
        notes,
        "--",
        ...asked.map((a) => a.path)
      ]);
      take(listed, new Set(asked.map((a) => a.object)));
    });
    return found;
  }
  /**
   * The blobs `git ls-tree -z <args>` lists in a notes tree, each with the object it annotates:
   * flat and fanned-out notes alike, the path's parts joined. ls-tree never reads a blob.
   */
  async listNotes(args) {
    const listed = [];
    for (const entry of (await this.text(["ls-tree", "-z", ...args])).split("\0")) {
      const tab = entry.indexOf("	");
      if (tab < 0) continue;
      const [, type, oid = ""] = entry.slice(0, tab).split(" ");
      const path = entry.slice(tab + 1);
      if (type === "blob") listed.push({ object: path.replace(/\//g, ""), path, oid });
    }
    return listed;
  }
  /**
   * Asks for each object's note at the paths git may keep it at: all four depths for a few
   * objects; for many, first the depth the tree fans out to (two `ls-tree` of one branch), then
   * only the ones not found there at the other depths: for 10,000 notes that is 10,000 names
   * instead of 40,000, and no 30,000 "missing" answers to collect.
   */
  async probeNotePaths(notes, objects, found, ask) {
    const everywhere = (o) => fanOutPaths(o).map((path) => ({ object: o, path }));
    if (objects.length < GUESS_DEPTH_FROM) {
      await ask(objects.flatMap(everywhere));
      return;
    }
    const depth = await this.fanOutDepth(notes);
    await ask(objects.map((o) => ({ object: o, path: fanOutPaths(o)[depth] ?? o })));
    const rest = objects.filter((o) => !found.has(o)).flatMap((o) => everywhere(o).filter((a) => a.path !== fanOutPaths(o)[depth]));
    if (rest.length > 0) await ask(rest);
  }
  /**
   * Where each object's note sits in the notes commit `notes` (with its text unless `check`),
   * in one `cat-file` per round of probeNotePaths (a prune of 9,990 versions once asked 40,000
   * names and collected 30,000 "missing" answers, twice, in 5 s each).
   */
  async locateNotes(notes, objects, check) {
    const found = /* @__PURE__ */ new Map();
    await this.probeNotePaths(notes, objects, found, async (asked) => {
      const answers = await this.catFileBatch(
        asked.map((a) => `${notes}:${a.path}`),
        check
      );
      asked.forEach((a, i) => {
        const hit = answers[i];
        if (hit?.type === "blob" && !found.has(a.object)) {
          found.set(a.object, { path: a.path, content: hit.content });
        }
      });
    });
    return found;
  }
  /**
   * `git cat-file --batch` (or `--batch-check`): one answer per name asked, in order; undefined
   * for a name git could not resolve.
   */
  async catFileBatch(names2, check = false) {
    const out = (await this.git(["cat-file", check ? "--batch-check" : "--batch"], {
      input: `${names2.join("\n")}
`
    })).stdout;
    const answers = [];
    let at = 0;
    while (at < out.length && answers.length < names2.length) {
      const eol = out.indexOf(10, at);
      if (eol < 0) break;
      const header2 = out.subarray(at, eol).toString("latin1");
      at = eol + 1;
      const m = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(header2);
      if (!m) {
        answers.push(void 0);
        continue;
      }
      const [, oid = "", type = "", size = "0"] = m;
      if (check) {
        answers.push({ oid, type });
        continue;
      }
      const end = at + Number(size);
      answers.push({ oid, type, content: out.subarray(at, end) });
      at = end + 1;
    }
    return answers;
  }
  async subTree(treeish, keep) {
    return this.withTempIndex(async (env) => {
      await this.git(["read-tree", treeish], { env });
      const drop = (await this.text(["ls-files", "-z"], { env })).split("\0").filter((p2) => p2 && !keep(p2));
      if (drop.length > 0) {
        await this.git(["update-index", "--force-remove", "-z", "--stdin"], {
          env,
          input: `${drop.join("\0")}\0`
        });
      }
      return (await this.text(["write-tree"], { env })).trim();
    });
  }
  async resolveCommit(rev) {
    const r = await this.git(
      ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`],
      {
        okCodes: [1, 128]
      }
    );
    return r.code === 0 ? r.stdout.toString("utf8").trim() : void 0;
  }
  async withTempIndex(fn) {
    const index = join2(this.gitDir, `${INDEX_PREFIX}${tempName()}`);
    try {
      return await fn({ GIT_INDEX_FILE: index });
    } finally {
      await rm2(index, { force: true });
      await rm2(`${index}.lock`, { force: true });
    }
  }
  async listTree(treeish) {
    const out = await this.text(["ls-tree", "-r", "-z", "--full-tree", treeish]);
    const entries = [];
    for (const line of out.split("\0")) {
      const tab = line.indexOf("	");
      if (tab < 0) continue;
      const [mode = "", type = "", oid = ""] = line.slice(0, tab).split(" ");
      entries.push({ mode, type, oid, path: line.slice(tab + 1) });
    }
    return entries;
  }
  async blobSizes(treeish) {
    const out = await this.text(["ls-tree", "-r", "-l", "-z", "--full-tree", treeish]);
    const sizes2 = /* @__PURE__ */ new Map();
    for (const line of out.split("\0")) {
      const tab = line.indexOf("	");
      if (tab < 0) continue;
      const size = line.slice(0, tab).split(" ").filter(Boolean)[3];
      if (size && /^\d+$/.test(size)) sizes2.set(line.slice(tab + 1), Number(size));
    }
    return sizes2;
  }
  async editTree(base, edits) {
    return this.withTempIndex(async (env) => {
      if (base) await this.git(["read-tree", base], { env });
      const lines = edits.map(
        (e) => e.oid === null ? `0 ${ZERO_OID}	${e.path}` : `${e.mode} ${e.oid}	${e.path}`
      );
      if (lines.length > 0) {
        await this.git(["update-index", "-z", "--index-info"], {
          env,
          input: lines.join("\0") + "\0"
        });
      }
      return (await this.text(["write-tree"], { env })).trim();
    });
  }
  async defaultBranch() {
    const out = await this.network(
      STEP.head,
      ({ git }) => this.text(["ls-remote", "--symref", this.remote.url, "HEAD"], {
        env: this.authEnv,
        network: git
      })
    );
    const m = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(out);
    return m?.[1];
  }
  async push(updates, haves = []) {
    const access2 = this.remote.pushMode !== "git" && /^https?:\/\//i.test(this.remote.url) ? await this.httpAccess() : void 0;
    if (access2) {
      try {
        const pack = await this.packFor(updates, haves);
        const outcome = await this.network(
          STEP.push,
          ({ signal, git }) => sendReceivePack({
            url: access2.url,
            headers: { ...access2.headers },
            updates,
            pack,
            signal,
            stallMs: git.stallMs
          })
        );
        await access2.approve();
        return outcome;
      } catch (e) {
        if (e instanceof AuthRefused && access2.source !== "token") {
          throw await this.refused(access2, e.status, "push");
        }
        if (!(e instanceof NeedsFullPush)) throw e;
      }
    }
    const program = this.remote.pushMode === "git" ? void 0 : await this.receivePackProgram();
    if (program) {
      try {
        const pack = await this.packFor(updates, haves);
        return await this.network(
          STEP.push,
          ({ signal }) => pushOverStdio({
            program,
            cwd: this.workdir,
            updates,
            pack,
            signal,
            runsIn: this.remote.runsIn
          })
        );
      } catch (e) {
        if (!(e instanceof NeedsFullPush)) throw e;
      }
    }
    return this.gitPush(updates);
  }
  /**
   * How our requests reach the HTTP remote: with the token when there is one, else with the
   * credentials git has for it; undefined when git's HTTP settings ask for more than our
   * requests can honour.
   */
  httpAccess() {
    if (this.remote.token) {
      const headers = this.authHeaders;
      const url = this.remote.url;
      const none = async () => void 0;
      return Promise.resolve({ url, headers, source: "token", approve: none, reject: none });
    }
    const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
    const net = this.remote.network ?? DEFAULT_NETWORK;
    return this.access ??= httpAccess(this.workdir, this.remote.url, {
      interactive,
      timeoutMs: interactive ? 5 * 6e4 : net.limits.stallMs,
      cancel: net.cancel
    }).then((access2) => {
      if (net.cancel?.aborted) throw net.cancel.reason;
      return access2;
    });
  }
  /** The server refused git's credentials (401) or what they may do (403): say which and why. */
  async refused(access2, status2, what) {
    const host = hostOf(access2.url);
    if (status2 === 403) {
      return new SnapbackError(
        "auth-failed",
        `The git server at ${host} refused to ${what} for the account git's credentials name (HTTP 403).`,
        `That account needs ${what === "push" ? "write" : "read"} access to the repository.`
      );
    }
    if (access2.source === "url") {
      return new SnapbackError(
        "auth-failed",
        `The git server at ${host} refused the user and password in the remote's URL (HTTP 401).`,
        "Correct them (git remote set-url), or take them out of the URL and let git's credential helper supply them."
      );
    }
    if (access2.source === "header") {
      return new SnapbackError(
        "auth-failed",
        `The git server at ${host} refused the Authorization header that git's http.extraHeader setting adds (HTTP 401).`,
        "Correct or remove that setting (git config --show-origin --get-regexp 'http\\..*extraheader' shows where it is set); without it git's credential helper is asked."
      );
    }
    if (access2.source === "helper") {
      await access2.reject();
      return new SnapbackError(
        "auth-failed",
        `The git server at ${host} refused the credentials git's credential helper gave (HTTP 401); the helper was told to forget them.`,
        "Sign in again the way your credential helper expects (for GitHub: gh auth login), then re-run."
      );
    }
    return new SnapbackError(
      "auth-failed",
      `The git server at ${host} asks for credentials (HTTP 401), and git has none for it.`,
      "Set up a credential helper (git help credentials), or run the command on a terminal to be asked."
    );
  }
  /** How to start receive-pack for a remote git reaches through a program (see stdio-push.ts). */
  async receivePackProgram() {
    const url = this.remote.url;
    if (/^https?:\/\//i.test(url)) return void 0;
    const sshCommand = (await this.git(["config", "--get", "core.sshCommand"], { okCodes: [1] })).stdout.toString("utf8").trim();
    return receivePackProgram(url, this.workdir, process.env, sshCommand || void 0);
  }
  /**
   * How to write a thin pack of what the new values hold beyond the haves; null for deletions
   * only. Each call of the answer starts its own `pack-objects`, whose output goes straight
   * into the request: a pack of a big file is never held here, and a retry writes it again.
   */
  async packFor(updates, haves) {
    if (updates.every((u) => u.next === null)) return null;
    const serverHas = new Set(haves);
    const news = updates.filter((u) => u.next !== u.expected).map((u) => u.next).filter((n) => n !== null && !serverHas.has(n));
    const here = await this.commitsPresent([...serverHas]);
    const known = [...serverHas].filter((h) => here.has(h));
    const revs = news.length > 0 ? [...news, ...known.map((h) => `^${h}`)].join("\n") : "";
    return () => {
      const child = streamGit(
        [
          ...BOUNDED_PACKING,
          "pack-objects",
          "--stdout",
          "--thin",
          "--shallow",
          "--delta-base-offset",
          "--revs",
          "--quiet"
        ],
        { cwd: this.workdir }
      );
      child.stdin.end(`${revs}
`);
      return { bytes: child.stdout, done: child.result, stop: child.stop };
    };
  }
  async gitPush(updates) {
    const named = [...new Set(updates.map((u) => u.next).filter((n) => n !== null))];
    const here = await this.commitsPresent(named);
    const missing2 = named.filter((oid) => !here.has(oid));
    if (missing2.length > 0) {
      const args2 = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--no-filter"];
      if (this.shallow) args2.push("--depth=1");
      await this.network(
        STEP.fetchForPush,
        ({ git }) => this.git([...args2, this.remote.url, ...missing2], { env: this.authEnv, network: git })
      );
    }
    const args = ["push", "--atomic", "--porcelain", "--no-verify", this.remote.url];
    for (const u of updates) args.push(u.next ? `${u.next}:${u.ref}` : `:${u.ref}`);
    for (const u of updates) args.push(`--force-with-lease=${u.ref}:${u.expected ?? ""}`);
    const result = await this.network(STEP.push, async ({ git }) => {
      const r = await this.git(args, { env: this.authEnv, okCodes: [1], network: git });
      if (r.code !== 0 && !rejectedLines(r.stdout.toString("utf8")).length) {
        if (/does not support --atomic/.test(r.stderr)) {
          throw new SnapbackError(
            "git-failed",
            "The git server does not support atomic pushes.",
            'Snapback needs a server with the "atomic" capability (GitHub and git 2.4+ servers have it).'
          );
        }
        if (looksRefused(r.stderr)) throw refusal([], remoteText(r.stderr));
        throw classifyFailure(args, r, this.remote.runsIn);
      }
      return r;
    });
    if (result.code === 0) return { ok: true };
    const lines = rejectedLines(result.stdout.toString("utf8"));
    const rejections = lines.map((l) => {
      const [, spec = "", summary = ""] = l.split("	");
      const reason = /\((.*)\)\s*$/.exec(summary)?.[1] ?? summary;
      return { ref: spec.slice(spec.lastIndexOf(":") + 1) || spec, reason };
    });
    const progress = remoteText(result.stderr);
    if (!isRace(rejections, progress)) throw refusal(rejections, progress);
    return { ok: false, rejected: rejections.map((r) => r.ref), detail: lines.join("\n") };
  }
  /**
   * Where a notes tree keeps (or would keep) each of `objects`' notes: the path it already has,
   * or the fan-out the tree uses. Found by looking up those objects' paths and walking one
   * branch of the tree to a note, so a tree of 10,000 notes is never listed.
   */
  async notePaths(base, objects) {
    const existing = /* @__PURE__ */ new Map();
    let depth = 0;
    if (base && await this.isPromisor()) {
      for (const [object, { path }] of await this.noteEntries(base, objects)) {
        existing.set(object, path);
      }
      depth = await this.fanOutDepth(base);
    } else if (base) {
      for (const [object, hit] of await this.locateNotes(base, objects, true)) {
        existing.set(object, hit.path);
      }
      depth = await this.fanOutDepth(base);
    }
    return (object) => {
      const known = existing.get(object);
      if (known) return known;
      const parts = [];
      for (let i = 0; i < depth; i++) parts.push(object.slice(i * 2, i * 2 + 2));
      return [...parts, object.slice(depth * 2)].join("/");
    };
  }
  /**
   * How many `xx/` levels the notes tree's notes sit under, read along one branch: a fanned-out
   * level holds at most 256 subtrees, so this lists a few hundred entries whatever the size.
   */
  async fanOutDepth(notes) {
    let depth = this.depths.get(notes);
    if (depth === void 0) this.depths.set(notes, depth = await this.walkFanOut(notes));
    return depth;
  }
  async walkFanOut(notes) {
    let tree = `${notes}^{tree}`;
    for (let depth = 0; depth < 4; depth++) {
      let subtree;
      for (const entry of (await this.text(["ls-tree", "-z", tree])).split("\0")) {
        const tab = entry.indexOf("	");
        if (tab < 0) continue;
        const [, type, oid] = entry.slice(0, tab).split(" ");
        const name = entry.slice(tab + 1);
        if (type === "blob" && /^[0-9a-f]+$/.test(name) && name.length > 2) return depth;
        if (type === "tree" && /^[0-9a-f]{2}$/.test(name)) subtree ??= oid;
      }
      if (!subtree) return depth;
      tree = subtree;
    }
    return 4;
  }
  async setLocalRefs(updates) {
    const here = await this.commitsPresent(
      updates.map((u) => u.oid).filter((o) => o !== null)
    );
    const mirrored = updates.map(
      (u) => u.oid !== null && here.has(u.oid) ? u : { ...u, oid: null }
    );
    const deletions = mirrored.filter((u) => u.oid === null).map((u) => u.ref);
    let present = /* @__PURE__ */ new Set();
    if (deletions.length > 0) {
      const listed = await this.text(["for-each-ref", "--format=%(refname)", ...deletions]);
      present = new Set(listed.split("\n").filter(Boolean));
    }
    const changes2 = mirrored.filter((u) => u.oid !== null || present.has(u.ref));
    if (changes2.length === 0) return;
    await this.git(["update-ref", "--stdin"], {
      input: changes2.map((u) => u.oid ? `update ${u.ref} ${u.oid}
` : `delete ${u.ref}
`).join("")
    });
  }
};
function rejectedLines(porcelain) {
  return porcelain.split("\n").filter((l) => l.startsWith("!"));
}
function remoteText(stderr) {
  return stderr.split("\n").filter((l) => /^remote:/.test(l) || /maximum ref updates exceeded/i.test(l)).join("\n");
}
var NOTES_SLICE = 250;
var GUESS_DEPTH_FROM = 32;
var MAX_NOTE_PATHS = 256;
var NOTE_OBJECT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
function fanOutPaths(object) {
  const paths = [];
  for (let depth = 0; depth <= 3; depth++) {
    const parts = [];
    for (let i = 0; i < depth; i++) parts.push(object.slice(i * 2, i * 2 + 2));
    paths.push([...parts, object.slice(depth * 2)].join("/"));
  }
  return paths;
}
function ident(p2) {
  return `${p2.name.replace(/[<>\n]/g, "")} <${p2.email.replace(/[<>\n]/g, "")}>`;
}
function httpFailure(e, what) {
  if (e instanceof SnapbackError) return e;
  const err = e;
  const status2 = err.data?.statusCode ?? err.statusCode;
  if (status2 === 401 || status2 === 403) {
    return new SnapbackError(
      "auth-failed",
      `The git server refused to ${what} (HTTP ${status2}).`,
      "Give the job 'permissions: contents: write', or pass a token with access to the 'token' input."
    );
  }
  if (status2 === 404) {
    return new SnapbackError(
      "git-failed",
      `Repository not found while trying to ${what} (HTTP 404).`,
      "Check GITHUB_SERVER_URL and GITHUB_REPOSITORY, and that the token can read the repository."
    );
  }
  if (status2 === void 0 || isRetryableStatus(status2) || err.code === "ECONNRESET" || err.code === "ECONNREFUSED") {
    return new TransientError(`Could not ${what}: ${err.message ?? String(e)}`);
  }
  return new SnapbackError("git-failed", `Could not ${what}: ${err.message ?? String(e)}`);
}
function parseRawDiff(raw) {
  const fields = raw.split("\0");
  const changes2 = [];
  const zero = /^0+$/;
  let i = 0;
  while (i < fields.length) {
    const meta = fields[i++];
    if (!meta.startsWith(":")) continue;
    const [oldMode = "", newMode = "", oldOid = "", newOid = "", status2 = ""] = meta.slice(1).split(" ");
    const letter = status2.charAt(0);
    const first = fields[i++] ?? "";
    const renamed = status2.startsWith("R") || status2.startsWith("C");
    const second = renamed ? fields[i++] ?? "" : first;
    changes2.push({
      status: letter,
      path: second,
      oldPath: first,
      ...renamed ? { similarity: Number(status2.slice(1)) || 0 } : {},
      oldMode: zero.test(oldMode) ? null : oldMode,
      newMode: zero.test(newMode) ? null : newMode,
      oldOid: zero.test(oldOid) ? null : oldOid,
      newOid: zero.test(newOid) ? null : newOid,
      oldSize: 0,
      newSize: 0
    });
  }
  return changes2;
}
function parseCommit(oid, raw) {
  const split = raw.indexOf("\n\n");
  const header2 = split >= 0 ? raw.slice(0, split) : raw;
  const message = split >= 0 ? raw.slice(split + 2) : "";
  let tree = "";
  const parents = [];
  let committer = "";
  let committedAt;
  for (const line of header2.split("\n")) {
    if (line.startsWith("tree ")) tree = line.slice(5);
    else if (line.startsWith("parent ")) parents.push(line.slice(7));
    else if (line.startsWith("committer ")) {
      const seconds2 = / (\d+) [+-]\d{4}$/.exec(line)?.[1];
      if (seconds2 !== void 0) committedAt = new Date(Number(seconds2) * 1e3).toISOString();
      committer = line.slice(10).replace(/ \d+ [+-]\d{4}$/, "");
    }
  }
  return { oid, tree, parents, committer, committedAt, message };
}
async function seedIndex(from, to) {
  try {
    const st = await stat2(from);
    await copyFile(from, to);
    const seconds2 = Math.floor(st.mtimeMs / 1e3);
    await utimes(to, seconds2, seconds2);
  } catch {
  }
}
function pause(ms, cancel) {
  return new Promise((resolve3, reject) => {
    if (cancel?.aborted) return reject(cancel.reason);
    const timer = setTimeout(() => {
      cancel?.removeEventListener("abort", onAbort);
      resolve3();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancel?.reason);
    };
    cancel?.addEventListener("abort", onAbort, { once: true });
  });
}

// src/github/sticky-comment.ts
var COMMENT_MODES = ["always", "update-only", "changes-only", "off"];
function markerFor(kind, tracks) {
  return `<!-- snapback:${kind} tracks=${[...tracks].sort().join(",")} -->`;
}
async function upsertStickyComment(api, issue, marker, body, opts = { mode: "always", hasChanges: true }) {
  const self = await api.selfLogin();
  const ours = async () => (await api.list(issue)).filter((c) => c.body.startsWith(marker) && (self ? c.login === self : c.isBot)).sort((a, b) => a.id - b.id);
  const same2 = opts.same ?? ((a, b) => a === b);
  const existing = await ours();
  if (opts.mode === "changes-only" && !opts.hasChanges) {
    for (const c of existing) await api.remove(c.id).catch(ignoreGone);
    return { id: null, operation: existing.length > 0 ? "deleted" : "skipped" };
  }
  if (existing.length > 0) {
    const [keep, ...dupes] = existing;
    for (const d of dupes) await api.remove(d.id).catch(ignoreGone);
    if (same2(keep.body, body)) return { id: keep.id, operation: "unchanged" };
    await api.update(keep.id, body);
    return { id: keep.id, operation: "updated" };
  }
  if (opts.mode === "update-only") return { id: null, operation: "skipped" };
  const created = await createOnce(api, issue, body, ours);
  const after = await ours();
  const winner = after[0] ?? created;
  for (const c of after.slice(1)) await api.remove(c.id).catch(ignoreGone);
  if (winner.id !== created.id) {
    await api.update(winner.id, body);
    return { id: winner.id, operation: "updated" };
  }
  return { id: created.id, operation: "created" };
}
async function createOnce(api, issue, body, ours) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.create(issue, body);
    } catch (e) {
      if (attempt >= 3 || !isTransient(e)) throw e;
      const landed = (await ours())[0];
      if (landed) return landed;
      await new Promise((resolve3) => setTimeout(resolve3, 300 * attempt));
    }
  }
}
function isTransient(e) {
  if (e instanceof SnapbackError) return e instanceof TransientError;
  const status2 = e.status;
  return status2 === void 0 || isRetryableStatus(status2);
}
function ignoreGone(e) {
  if (e.status !== 404) throw e;
}

// src/inputs.ts
import { readFile as readFile2, access } from "node:fs/promises";
import { isAbsolute as isAbsolute2, join as join3, relative, sep } from "node:path";

// src/core/size.ts
var UNITS = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3
};
var MAX_SIZE = 1024 ** 4;
function parseSize(text, input) {
  const m = /^\s*([0-9]{1,15}(?:\.[0-9]{1,15})?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : void 0;
  if (!m || unit === void 0) {
    throw new InputError(
      input,
      `'${printable(text, 40)}' is not a size.`,
      'Write a number of bytes or a number with a unit: KB, MB or GB (for example "100 MB").'
    );
  }
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes <= 0) throw new InputError(input, "must be greater than zero.");
  if (bytes > MAX_SIZE) {
    throw new InputError(
      input,
      `must be at most 1 TB, got ${text.trim()}.`,
      'GitHub refuses files over 100 MB and pushes over 2 GB; give a size such as "100 MB".'
    );
  }
  return bytes;
}
function formatBytes(bytes) {
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value2 = bytes / 1024;
  let i = 0;
  while (Math.abs(value2) >= 1024 && i < units.length - 1) {
    value2 /= 1024;
    i++;
  }
  return `${value2.toFixed(value2 >= 100 || value2 <= -100 ? 0 : 1)} ${units[i]}`;
}

// src/core/duration.ts
var MAX_MS = 36500 * 864e5;
var UNIT_MS = {
  m: 6e4,
  min: 6e4,
  h: 36e5,
  d: 864e5,
  w: 7 * 864e5
};
function parseDuration(text, input) {
  const m = /^\s*([0-9]{1,15}(?:\.[0-9]{1,15})?)\s*(min|m|h|d|w)?\s*$/i.exec(text);
  if (!m) {
    throw new InputError(
      input,
      `'${printable(text, 40)}' is not a duration.`,
      'Write a number with a unit: m (minutes), h (hours), d (days) or w (weeks), for example "7d" or "12h"; a bare number means days.'
    );
  }
  const ms = Number(m[1]) * UNIT_MS[(m[2] ?? "d").toLowerCase()];
  if (ms > MAX_MS) {
    throw new InputError(
      input,
      `must be at most 100 years, got ${text.trim()}.`,
      'For example "7d" or "12h".'
    );
  }
  return ms;
}
function formatDuration(ms) {
  if (ms < 6e4) return "under a minute";
  const parts = [];
  let rest = Math.floor(ms / 6e4);
  const d = Math.floor(rest / 1440);
  rest -= d * 1440;
  const h = Math.floor(rest / 60);
  const min = rest - h * 60;
  if (d > 0) parts.push(`${d}d`);
  if (h > 0) parts.push(`${h}h`);
  if (min > 0 && d === 0) parts.push(`${min}m`);
  return parts.slice(0, 2).join(" ");
}

// src/inputs.ts
var DEFAULT_CONFIG = ".github/snapback.yml";
var DEFAULT_MAX_FILE_SIZE = "100 MB";
function parseBoolean(value2, input) {
  const v = value2.trim().toLowerCase();
  if (v === "" || v === "false" || v === "no" || v === "0") return false;
  if (v === "true" || v === "yes" || v === "1") return true;
  throw new InputError(input, `'${value2}' is not a boolean.`, "Use true or false.");
}
var PUSH_MODES = ["auto", "git"];
function parseChoice(value2, input, choices, fallback, meaning = "") {
  const v = value2.trim().toLowerCase() || fallback;
  if (choices.includes(v)) return v;
  throw new InputError(
    input,
    `'${value2.trim()}' is not one of the accepted values.`,
    `Valid values: ${choices.join(", ")}${meaning ? ` (${meaning})` : ""}.`
  );
}
function parsePushMode(value2) {
  return parseChoice(
    value2,
    "push-mode",
    PUSH_MODES,
    "auto",
    "git: always push with plain 'git push'"
  );
}
function parseCommentMode(value2) {
  return parseChoice(
    value2,
    "comment",
    COMMENT_MODES,
    "always",
    "update-only never creates one; changes-only deletes it when nothing differs; off leaves comments alone"
  );
}
var JSON_MAX_DEPTH = 20;
var METADATA_MAX_BYTES = 64 * 1024;
var METRICS_MAX_BYTES = 1024 * 1024;
function parseJsonObject(text, input, maxBytes = METADATA_MAX_BYTES) {
  const example = 'Give a JSON object, like {"model": "resnet", "epochs": 10}.';
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) {
    throw new InputError(
      input,
      `is ${bytes} bytes of JSON; at most ${maxBytes} are stored with a version.`,
      "Keep the object small: large results belong in a file of the track, not in its metadata."
    );
  }
  let value2;
  try {
    value2 = JSON.parse(text);
  } catch (e) {
    throw new InputError(input, `is not valid JSON (${e.message}).`, example);
  }
  if (!value2 || typeof value2 !== "object" || Array.isArray(value2)) {
    throw new InputError(
      input,
      `must be a JSON object, got ${Array.isArray(value2) ? "an array" : value2 === null ? "null" : typeof value2}.`,
      example
    );
  }
  if (depthOf(value2) > JSON_MAX_DEPTH) {
    throw new InputError(
      input,
      `nests objects or arrays more than ${JSON_MAX_DEPTH} levels deep.`,
      `Flatten it to at most ${JSON_MAX_DEPTH} levels. ${example}`
    );
  }
  return value2;
}
function depthOf(root) {
  let deepest = 0;
  const stack = [[root, 1]];
  while (stack.length > 0) {
    const [value2, depth] = stack.pop();
    if (!value2 || typeof value2 !== "object") continue;
    deepest = Math.max(deepest, depth);
    if (deepest > JSON_MAX_DEPTH) return deepest;
    for (const child of Object.values(value2)) stack.push([child, depth + 1]);
  }
  return deepest;
}
function checkToken(value2, input) {
  if (/[\u0000-\u0020\u007f]/.test(value2)) {
    throw new InputError(
      input,
      "contains a line break, a space or another control character, which no token has (the value is not shown).",
      "Pass the secret itself, e.g. ${{ secrets.MY_TOKEN }}, without extra lines or spaces."
    );
  }
  return value2;
}
function parseNonNegativeInt(text, input) {
  const v = text.trim();
  if (v === "") return void 0;
  if (!/^[0-9]{1,15}$/.test(v))
    throw new InputError(
      input,
      `'${printable(v, 40)}' is not a version number.`,
      "Give a whole number: 0 for a track with no versions yet, otherwise its latest version."
    );
  return Number(v);
}
function parseNetworkTimeout(text, input) {
  const v = text.trim();
  if (v === "") return DEFAULT_NETWORK_TIMEOUT;
  if (!/^[0-9]{1,4}$/.test(v) || Number(v) < 1 || Number(v) > 3600) {
    throw new InputError(
      input,
      `'${printable(v, 40)}' is not a number of seconds from 1 to 3600.`,
      `Give the seconds a network request may go without progress (default ${DEFAULT_NETWORK_TIMEOUT}); a step gives up after ${BUDGET_FACTOR} times that.`
    );
  }
  return Number(v);
}
function insideWorkspace(workspace, path, input) {
  const full = isAbsolute2(path) ? path : join3(workspace, path);
  const rel = relative(workspace, full);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute2(rel)) {
    throw new InputError(
      input,
      `'${path}' is outside the workspace.`,
      "Give a path relative to the repository root."
    );
  }
  return full;
}
async function readMetrics(value2, workspace, input = "metrics") {
  const v = value2.trim();
  if (v === "") return void 0;
  if (v.startsWith("{")) return parseJsonObject(v, input, METRICS_MAX_BYTES);
  const path = insideWorkspace(workspace, v, input);
  let text;
  try {
    text = await readFile2(path, "utf8");
  } catch (e) {
    throw new InputError(
      input,
      `cannot read the metrics file '${v}' (${e.code ?? e.message}).`,
      "Give a JSON object inline, or the path (relative to the repository root) of a JSON file the job has written before this step."
    );
  }
  return parseJsonObject(text, `${input} (file ${v})`, METRICS_MAX_BYTES);
}
var NO_POLICIES = {
  keepLast: "",
  keepDays: "",
  alias: "",
  promoteMetric: "",
  promoteHigh: "",
  promoteMinImprovement: "",
  promoteDirection: "",
  driftWarnVersions: "",
  driftWarnAge: ""
};
var DEFAULT_KEEP_LAST = 10;
var MAX_DIGITS = 15;
var MAX_DAYS = 36500;
function parseNumber(text, input, hint, max = Number.MAX_SAFE_INTEGER) {
  const v = text.trim();
  if (v === "") return void 0;
  const digits = `[0-9]{1,${MAX_DIGITS}}`;
  if (!new RegExp(`^-?${digits}(\\.${digits})?$`).test(v))
    throw new InputError(input, `'${printable(v, 40)}' is not a number.`, hint);
  const n = Number(v);
  if (Math.abs(n) > max) throw new InputError(input, `must be at most ${max}, got ${n}.`, hint);
  return n;
}
function parseWhole(text, input, min, hint) {
  const v = text.trim();
  if (v === "") return void 0;
  if (!/^[0-9]{1,9}$/.test(v) || Number(v) < min) {
    throw new InputError(
      input,
      `'${printable(v, 40)}' is not a whole number of at least ${min}.`,
      hint
    );
  }
  return Number(v);
}
function parsePolicyInputs(raw) {
  const keepLast = parseWhole(
    raw?.keepLast ?? "",
    "keep-last",
    1,
    "Give how many of the newest versions to keep, 1 or more (default 10)."
  );
  const keepDays = parseNumber(
    raw?.keepDays ?? "",
    "keep-days",
    "Give a number of days, like 30.",
    MAX_DAYS
  );
  if (keepDays !== void 0 && keepDays < 0) {
    throw new InputError("keep-days", `must be 0 or more, got ${keepDays}.`);
  }
  const direction = raw?.promoteDirection.trim() || "higher";
  if (direction !== "higher" && direction !== "lower") {
    throw new InputError(
      "promote-direction",
      `'${direction}' is not a direction.`,
      "Use higher (bigger is better, like F1) or lower (smaller is better, like loss)."
    );
  }
  const minImprovement = parseNumber(
    raw?.promoteMinImprovement ?? "",
    "promote-min-improvement",
    "Give a number, like 0.02."
  );
  if (minImprovement !== void 0 && minImprovement < 0) {
    throw new InputError("promote-min-improvement", `must be 0 or more, got ${minImprovement}.`);
  }
  const driftAge = raw?.driftWarnAge ?? "";
  const failAge = raw?.driftFailAge ?? "";
  return {
    keepLast,
    keepDays,
    alias: assertAliasName(raw?.alias.trim() || "active", "alias"),
    promoteMetric: raw?.promoteMetric.trim() ?? "",
    promoteHigh: parseNumber(raw?.promoteHigh ?? "", "promote-high", "Give a number, like 0.95."),
    promoteMinImprovement: minImprovement,
    promoteDirection: direction,
    driftWarnVersions: parseWhole(
      raw?.driftWarnVersions ?? "",
      "drift-warn-versions",
      0,
      "Give a whole number of versions, like 3."
    ),
    driftWarnAge: driftAge.trim() === "" ? void 0 : parseDuration(driftAge, "drift-warn-age"),
    driftFailVersions: parseWhole(
      raw?.driftFailVersions ?? "",
      "drift-fail-versions",
      0,
      "Give a whole number of versions, like 10."
    ),
    driftFailAge: failAge.trim() === "" ? void 0 : parseDuration(failAge, "drift-fail-age")
  };
}
function resolvePolicies(raw, entry, where) {
  const at = (key2) => `${where}.${key2})`;
  const input = parsePolicyInputs(raw);
  const keepLast = entry?.keepLast ?? input.keepLast;
  const keepDays = entry?.keepDays ?? input.keepDays;
  const retention = keepLast !== void 0 || keepDays !== void 0 ? { keepLast: keepLast ?? DEFAULT_KEEP_LAST, keepDays } : void 0;
  let promotion;
  if (entry?.promote) {
    promotion = {
      alias: assertAliasName(entry.promote.alias ?? input.alias, at("promote.alias")),
      metric: entry.promote.metric,
      direction: entry.promote.direction ?? "higher",
      high: entry.promote.high,
      minImprovement: entry.promote.minImprovement ?? 0
    };
  } else if (input.promoteMetric !== "") {
    promotion = {
      alias: input.alias,
      metric: input.promoteMetric,
      direction: input.promoteDirection,
      high: input.promoteHigh,
      minImprovement: input.promoteMinImprovement ?? 0
    };
  }
  if (input.promoteMetric === "" && (input.promoteHigh !== void 0 || input.promoteMinImprovement !== void 0)) {
    throw new InputError(
      "promote-metric",
      "is empty, but promote-high or promote-min-improvement is set.",
      "Name the metric the rule compares (a key of the metrics input, like f1)."
    );
  }
  const driftVersions = entry?.driftWarnVersions ?? input.driftWarnVersions;
  const driftAge = entry?.driftWarnAge !== void 0 ? parseDuration(String(entry.driftWarnAge), at("drift-warn-age")) : input.driftWarnAge;
  const failVersions = entry?.driftFailVersions ?? input.driftFailVersions;
  const failAge = entry?.driftFailAge !== void 0 ? parseDuration(String(entry.driftFailAge), at("drift-fail-age")) : input.driftFailAge;
  return {
    retention,
    promotion,
    drift: { versions: driftVersions, ageMs: driftAge, failVersions, failAgeMs: failAge }
  };
}
async function resolveTracks(raw, workspace) {
  const maxFileSize = parseSize(raw.maxFileSize || DEFAULT_MAX_FILE_SIZE, "max-file-size");
  const workflows = parseBoolean(raw.includeWorkflows ?? "", "include-workflows");
  const trackName = raw.track.trim() || "default";
  if (raw.paths.trim() !== "") {
    return [
      {
        name: assertTrackName(trackName),
        patterns: { ...parsePatterns(splitPatterns(raw.paths), "paths"), workflows },
        maxFileSize,
        source: "paths",
        metrics: await readMetrics(raw.metrics, workspace),
        ...resolvePolicies(raw.policies, void 0, "")
      }
    ];
  }
  const configPath = raw.config.trim() || DEFAULT_CONFIG;
  const full = insideWorkspace(workspace, configPath, "config");
  const exists = await access(full).then(
    () => true,
    () => false
  );
  if (!exists) {
    if (configPath !== DEFAULT_CONFIG) {
      throw new InputError(
        "config",
        `the file '${configPath}' does not exist.`,
        "Give the path of the config file relative to the repository root, or set paths instead."
      );
    }
    throw new InputError(
      "paths",
      `is empty and there is no ${DEFAULT_CONFIG}.`,
      'Set paths to the globs of the files to version (e.g. "config/**/*.json"), or declare tracks in .github/snapback.yml.'
    );
  }
  const file = (await configParser())(await readFile2(full, "utf8"), configPath);
  let tracks = file.tracks;
  if (trackName !== "default") {
    tracks = tracks.filter((t) => t.name === trackName);
    if (tracks.length === 0) {
      throw new InputError(
        "track",
        `'${trackName}' is not a track of ${configPath}.`,
        `Tracks there: ${file.tracks.map((t) => t.name).join(", ")}. Leave track at its default to record them all.`
      );
    }
  }
  const specs = [];
  for (const t of tracks) {
    const where = `config (${configPath}, tracks.${t.name}`;
    specs.push({
      name: t.name,
      patterns: {
        ...parsePatterns(t.patterns, `${where}.paths)`),
        workflows: t.includeWorkflows ?? workflows
      },
      maxFileSize: t.maxFileSize !== void 0 ? parseSize(String(t.maxFileSize), `${where}.max-file-size)`) : maxFileSize,
      source: `${where}.paths)`,
      metrics: t.metrics !== void 0 ? await readMetrics(t.metrics, workspace, `${where}.metrics)`) : await readMetrics(raw.metrics, workspace),
      ...resolvePolicies(raw.policies, t, where)
    });
  }
  return specs;
}
async function resolveDiffTracks(raw, workspace) {
  const configPath = raw.config.trim() || DEFAULT_CONFIG;
  const hasConfig = await access(insideWorkspace(workspace, configPath, "config")).then(
    () => true,
    () => false
  );
  if (raw.paths.trim() === "" && !hasConfig && configPath === DEFAULT_CONFIG) {
    return [
      {
        name: assertTrackName(raw.track.trim() || "default"),
        patterns: void 0,
        source: "paths"
      }
    ];
  }
  const specs = await resolveTracks({ ...raw, metrics: "" }, workspace);
  return specs.map((t) => ({ name: t.name, patterns: t.patterns, source: t.source }));
}
async function resolveRegistryTracks(raw, workspace) {
  const trackName = raw.track.trim() || "default";
  const configPath = raw.config.trim() || DEFAULT_CONFIG;
  const full = insideWorkspace(workspace, configPath, "config");
  const exists = await access(full).then(
    () => true,
    () => false
  );
  if (!exists && configPath !== DEFAULT_CONFIG) {
    throw new InputError(
      "config",
      `the file '${configPath}' does not exist.`,
      "Give the path of the config file relative to the repository root, or leave config at its default."
    );
  }
  const entries = /* @__PURE__ */ new Map();
  if (exists && raw.paths.trim() === "") {
    const parseConfigFile = await configParser();
    for (const t of parseConfigFile(await readFile2(full, "utf8"), configPath).tracks) {
      entries.set(t.name, t);
    }
  }
  const resolved = /* @__PURE__ */ new Map();
  for (const [name, entry] of entries) {
    resolved.set(
      name,
      resolvePolicies(raw.policies, entry, `config (${configPath}, tracks.${name}`)
    );
  }
  const fallback = resolvePolicies(raw.policies, void 0, "");
  const policies = (track) => resolved.get(track) ?? fallback;
  if (raw.paths.trim() !== "" || trackName !== "default") {
    return { names: [assertTrackName(trackName)], policies };
  }
  return { names: entries.size > 0 ? [...entries.keys()] : void 0, policies };
}
async function configParser() {
  return (await import("./config-file-2RRMQEEY.js")).parseConfigFile;
}

// src/cancel.ts
var SIGNALS = ["SIGINT", "SIGTERM"];
function cancelOnSignals(forceExit, graceMs = 4e3) {
  const controller = new AbortController();
  const onSignal = (signal) => {
    if (controller.signal.aborted) {
      forceExit(controller.signal.reason);
      return;
    }
    controller.abort(new CancelledError(signal));
    setTimeout(() => forceExit(controller.signal.reason), graceMs).unref();
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    }
  };
}

// src/progress.ts
function phase(progress, title, work) {
  return progress ? progress.phase(title, work) : work();
}
function debug(progress, message) {
  progress?.debug(message);
}

// src/core/version-meta.ts
var KEYS = {
  track: "track",
  version: "version",
  previousVersion: "previous-version",
  sourceCommit: "source-commit",
  label: "label",
  files: "files",
  bytes: "size",
  reason: "reason",
  actor: "actor",
  event: "event",
  workflow: "workflow",
  job: "job",
  runUrl: "run-url",
  runId: "run-id",
  runAttempt: "run-attempt",
  rollbackOf: "rollback-of",
  metrics: "metrics",
  metadata: "metadata"
};
function subjectLine(track, version2) {
  return `snapback: ${track} v${version2}`;
}
function encodeValue(value2) {
  if (/[\u0000-\u001f\u007f]/.test(value2) || value2.startsWith('"') || value2 !== value2.trim()) {
    return JSON.stringify(value2);
  }
  return value2;
}
function decodeValue(value2) {
  if (value2.startsWith('"')) {
    try {
      const parsed = JSON.parse(value2);
      if (typeof parsed === "string") return parsed;
    } catch {
    }
  }
  return value2;
}
function formatCommitMessage(meta, body) {
  const lines = [];
  for (const [field, key2] of Object.entries(KEYS)) {
    const value2 = meta[field];
    if (value2 === void 0 || value2 === null || value2 === "") continue;
    const text = typeof value2 === "object" ? JSON.stringify(value2) : String(value2);
    lines.push(`${key2}: ${encodeValue(text)}`);
  }
  const cleanBody = body.replace(/\r/g, "").trim();
  return `${subjectLine(meta.track, meta.version)}

${cleanBody ? `${cleanBody}

` : ""}${lines.join("\n")}
`;
}
function parseTrailers(message) {
  const paragraphs = message.replace(/\r/g, "").trimEnd().split(/\n\s*\n/);
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] ?? "" : "";
  const out = /* @__PURE__ */ new Map();
  for (const line of last.split("\n")) {
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*):\s?(.*)$/.exec(line);
    if (m) out.set(m[1].toLowerCase(), decodeValue(m[2]));
  }
  return out;
}
function intOrUndefined(value2) {
  if (value2 === void 0 || !/^[0-9]+$/.test(value2)) return void 0;
  return Number(value2);
}
function objectOrUndefined(value2) {
  if (value2 === void 0) return void 0;
  try {
    const parsed = JSON.parse(value2);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : void 0;
  } catch {
    return void 0;
  }
}
function parseVersionMessage(message) {
  const t = parseTrailers(message);
  const track = t.get(KEYS.track);
  const version2 = intOrUndefined(t.get(KEYS.version));
  const sourceCommit = t.get(KEYS.sourceCommit);
  if (!track || !version2 || !sourceCommit) return void 0;
  return {
    track,
    version: version2,
    previousVersion: intOrUndefined(t.get(KEYS.previousVersion)) ?? null,
    sourceCommit,
    label: t.get(KEYS.label) ?? "",
    files: intOrUndefined(t.get(KEYS.files)) ?? 0,
    bytes: intOrUndefined(t.get(KEYS.bytes)) ?? 0,
    runUrl: t.get(KEYS.runUrl),
    runId: t.get(KEYS.runId),
    runAttempt: intOrUndefined(t.get(KEYS.runAttempt)),
    workflow: t.get(KEYS.workflow),
    job: t.get(KEYS.job),
    event: t.get(KEYS.event),
    actor: t.get(KEYS.actor),
    reason: t.get(KEYS.reason),
    rollbackOf: intOrUndefined(t.get(KEYS.rollbackOf)),
    metrics: objectOrUndefined(t.get(KEYS.metrics)),
    metadata: objectOrUndefined(t.get(KEYS.metadata))
  };
}

// src/core/notes-format.ts
var NOTES_SCHEMA = 1;
function recordedEvent(meta, commit, at) {
  const { track, version: version2, event: trigger, ...rest } = meta;
  return {
    schema: NOTES_SCHEMA,
    event: "recorded",
    track,
    version: version2,
    at,
    commit,
    ...rest,
    ...trigger ? { trigger } : {}
  };
}
function producedEvent(meta, commit, at) {
  return {
    ...treeEvent(meta, commit, at),
    ...meta.runUrl ? { runUrl: meta.runUrl } : {}
  };
}
function treeEvent(meta, commit, at) {
  return {
    schema: NOTES_SCHEMA,
    event: "recorded",
    track: meta.track,
    version: meta.version,
    at,
    commit
  };
}
var TREE_NOTES_FROM = "treeNotesFrom";
function recordedOf(events, track, version2) {
  return events.find((e) => e.event === "recorded" && e.track === track && e.version === version2);
}
function parseNote(text) {
  const out = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const value2 = JSON.parse(line);
      if (value2 && typeof value2 === "object" && typeof value2.event === "string" && typeof value2.track === "string" && typeof value2.version === "number") {
        out.push(value2);
      }
    } catch {
    }
  }
  return out;
}
function appendToNote(existing, events) {
  const lines = existing.split("\n").filter((l) => l.trim() !== "");
  const seen = new Set(lines);
  for (const e of events) {
    const line = JSON.stringify(e);
    if (!seen.has(line)) {
      lines.push(line);
      seen.add(line);
    }
  }
  return `${lines.join("\n")}
`;
}
function who(by) {
  return {
    ...by.actor ? { actor: by.actor } : {},
    ...by.runUrl ? { runUrl: by.runUrl } : {},
    ...by.reason ? { reason: by.reason } : {}
  };
}
function promotedEvent(track, version2, alias, from, at, by, auto) {
  return {
    schema: NOTES_SCHEMA,
    event: "promoted",
    track,
    version: version2,
    at,
    alias,
    from,
    ...who(by),
    ...auto ? { auto: true, rule: auto } : {}
  };
}
function demotedEvent(track, version2, alias, at, by) {
  return { schema: NOTES_SCHEMA, event: "demoted", track, version: version2, at, alias, ...who(by) };
}
function prunedEvent(track, version2, at, by, policy) {
  return { schema: NOTES_SCHEMA, event: "pruned", track, version: version2, at, policy, ...who(by) };
}
function rolledBackEvent(track, version2, at, by, commit, who_) {
  return {
    schema: NOTES_SCHEMA,
    event: "rolled-back",
    track,
    version: version2,
    at,
    restoredAs: by,
    restoredCommit: commit,
    ...who(who_)
  };
}

// src/registry/session.ts
var WHOLE_NOTES_FROM = 300;
var RegistrySession = class {
  constructor(git) {
    this.git = git;
  }
  git;
  /** Note text by `notes commit + object`; null: that notes commit has no note on the object. */
  cache = /* @__PURE__ */ new Map();
  /** Notes commits this session landed: the tip each was built on and the objects it changed. */
  built = /* @__PURE__ */ new Map();
  view;
  /** The current attempt's view; look() first. */
  get current() {
    if (!this.view) throw new Error("RegistrySession: look() before reading");
    return this.view;
  }
  /** The notes tip of the current look (null: no notes yet). */
  get notesTip() {
    return this.current.notes;
  }
  /**
   * Starts an attempt: lists the refs under the prefixes and the notes ref in one request, and
   * brings the notes tip (and any refs `fetch` names) here in one fetch when they are not.
   */
  async look(opts = {}) {
    const refs = await this.git.listRemoteRefs([
      ...opts.prefixes ?? [VERSIONS_PREFIX],
      NOTES_REF
    ]);
    opts.onListed?.();
    let notes = refs.get(NOTES_REF) ?? null;
    refs.delete(NOTES_REF);
    const wanted = [];
    for (const ref of opts.fetch?.(refs) ?? []) {
      const oid = refs.get(ref);
      if (oid && !await this.git.hasObject(oid)) wanted.push({ remote: ref, local: ref });
    }
    if (notes && !await this.git.hasObject(notes)) {
      wanted.push({ remote: NOTES_REF, local: NOTES_REF });
    }
    const fetched = /* @__PURE__ */ new Map();
    if (wanted.length > 0) {
      const got = await this.git.fetchRefs(wanted, {
        wholeNotes: opts.wholeNotes?.(refs) ?? false
      });
      notes = got.get(NOTES_REF) ?? notes;
      for (const [ref, oid] of got) if (ref !== NOTES_REF) fetched.set(ref, oid);
    }
    this.view = { refs, notes, fetched };
    return this.view;
  }
  /** The note on `object` at the current notes tip, or undefined. */
  async note(object) {
    return (await this.notes([object])).get(object);
  }
  /**
   * The notes on these objects at the current notes tip (objects without one are left out);
   * `remember` false reads without keeping what was read (a large change's notes).
   */
  async notes(objects, remember = true) {
    const tip = this.notesTip;
    const out = /* @__PURE__ */ new Map();
    if (!tip) return out;
    const missing2 = [...new Set(objects)].filter((o) => this.cached(tip, o) === void 0);
    if (missing2.length > 0 && !remember) {
      const read = await this.git.readNotes(tip, missing2);
      for (const o of objects) {
        const text = read.get(o) ?? this.cached(tip, o);
        if (text != null) out.set(o, text);
      }
      return out;
    }
    if (missing2.length > 0) {
      const read = missing2.length === 1 ? new Map(
        await this.git.readNote(tip, missing2[0]).then((t) => t === void 0 ? [] : [[missing2[0], t]])
      ) : await this.git.readNotes(tip, missing2);
      for (const o of missing2) this.cache.set(key(tip, o), read.get(o) ?? null);
    }
    for (const o of objects) {
      const text = this.cached(tip, o);
      if (text != null) out.set(o, text);
    }
    return out;
  }
  /** A note known at `tip`: read there, or unchanged since a tip it was read at by our own landing. */
  cached(tip, object) {
    for (let at = tip, hops = 0; at && hops < 1e3; hops++) {
      const text = this.cache.get(key(at, object));
      if (text !== void 0) return text;
      const from = this.built.get(at);
      at = from && !from.changed.has(object) ? from.base : void 0;
    }
    return void 0;
  }
  /** The events of `object`'s note. */
  async events(object) {
    const text = await this.note(object);
    return text === void 0 ? [] : parseNote(text);
  }
  /** The events of each object's note (objects without a note are left out). */
  async eventsOf(objects) {
    const out = /* @__PURE__ */ new Map();
    for (const [o, text] of await this.notes(objects)) out.set(o, parseNote(text));
    return out;
  }
  /**
   * Appends the change's events to the notes at the tip it was decided on and lands everything
   * in one atomic request; RaceLost when another writer got there first. A refusal that is in
   * fact our own change, applied on an earlier try whose answer was lost, counts as landed.
   * Returns the notes tip it landed.
   */
  async land(change, opts = {}) {
    const { git } = this;
    const objects = [...change.events.keys()];
    const keep = objects.length <= KEEP_TEXTS_UP_TO;
    const texts = /* @__PURE__ */ new Map();
    const notesCommit = await git.writeNotes(
      change.notesBase,
      {
        objects,
        textsOf: async (slice) => {
          const existing = await this.notesAt(change.notesBase, slice, keep);
          const made = /* @__PURE__ */ new Map();
          for (const object of slice) {
            const text = appendToNote(existing.get(object) ?? "", change.events.get(object));
            made.set(object, text);
            if (keep) texts.set(object, text);
          }
          return made;
        }
      },
      change.message
    );
    opts.onNotesWritten?.();
    const updates = [
      ...change.updates,
      { ref: NOTES_REF, expected: change.notesBase, next: notesCommit }
    ];
    const outcome = await git.push(updates, [
      ...change.notesBase ? [change.notesBase] : [],
      ...change.haves ?? []
    ]);
    if (!outcome.ok && !await this.landedAlready(change, notesCommit)) {
      throw new RaceLost(outcome.detail);
    }
    opts.onPushed?.();
    for (const [object, text] of texts) this.cache.set(key(notesCommit, object), text);
    if (change.notesBase) {
      this.built.set(notesCommit, { base: change.notesBase, changed: new Set(objects) });
    }
    await git.setLocalRefs(
      updates.filter((u) => u.next !== u.expected).map((u) => ({ ref: u.ref, oid: u.next }))
    ).catch((e) => opts.onMirrorFailed?.(e));
    return notesCommit;
  }
  /** Runs `attempt` until it lands without losing a race (bounded, jittered backoff). */
  retry(what, log, attempt) {
    return retryRaces(what, log, attempt);
  }
  async notesAt(tip, objects, remember = true) {
    if (!tip || objects.length === 0) return /* @__PURE__ */ new Map();
    if (this.view?.notes === tip) return this.notes(objects, remember);
    const saved = this.view;
    this.view = { refs: saved?.refs ?? /* @__PURE__ */ new Map(), notes: tip, fetched: /* @__PURE__ */ new Map() };
    try {
      return await this.notes(objects, remember);
    } finally {
      this.view = saved;
    }
  }
  /**
   * Whether a refused request is in fact our own change, applied by the server on an earlier
   * try whose answer was lost: the retry then finds every ref moved (by us) and is refused as
   * stale. The notes commit we built is ours alone and moved in the same atomic request as every
   * other ref, so our event lines in the server's notes prove the whole change landed; then the
   * caller reports what it did instead of looking again and deciding there is nothing left to do.
   */
  async landedAlready(change, notesCommit) {
    const { git } = this;
    const tip = (await git.listRemoteRefs([NOTES_REF])).get(NOTES_REF) ?? null;
    if (tip === notesCommit) return true;
    if (tip === null || tip === change.notesBase || change.events.size === 0) return false;
    const got = await git.fetchRefs([{ remote: NOTES_REF, local: NOTES_REF }]);
    const now = got.get(NOTES_REF) ?? tip;
    const notes = await this.notesAt(now, [...change.events.keys()]);
    return [...change.events].every(([object, events]) => {
      const lines = new Set((notes.get(object) ?? "").split("\n"));
      return events.every((e) => lines.has(JSON.stringify(e)));
    });
  }
};
var KEEP_TEXTS_UP_TO = 500;
function key(notes, object) {
  return `${notes}:${object}`;
}

// src/registry/registry.ts
async function lookAtRegistry(git, prefixes = [VERSIONS_PREFIX]) {
  const refs = await git.listRemoteRefs([...prefixes, NOTES_REF]);
  const notes = await notesTipHere(git, refs.get(NOTES_REF));
  refs.delete(NOTES_REF);
  return { refs, notes };
}
async function notesTipHere(git, listed, opts = {}) {
  if (!listed) return null;
  if (await git.hasObject(listed)) return listed;
  const got = await git.fetchRefs([{ remote: NOTES_REF, local: NOTES_REF }], opts);
  return got.get(NOTES_REF) ?? listed;
}
function trackIndex(track, refs) {
  return { track, versions: versionsOf(track, refs), aliases: aliasesOf(track, refs) };
}
function tracksIn(refs) {
  const names2 = /* @__PURE__ */ new Set();
  for (const ref of refs.keys()) {
    if (!ref.startsWith(VERSIONS_PREFIX)) continue;
    const name = ref.slice(VERSIONS_PREFIX.length).split("/")[0];
    if (name) names2.add(name);
  }
  return [...names2].sort();
}
function versionByCommit(index) {
  return new Map([...index.versions].map(([n, oid]) => [oid, n]));
}
function aliasVersions(index) {
  const byCommit = versionByCommit(index);
  const out = /* @__PURE__ */ new Map();
  for (const [alias, oid] of index.aliases) {
    const n = byCommit.get(oid);
    if (n !== void 0) out.set(alias, n);
  }
  return out;
}
async function readEvents(git, notes, objects) {
  const out = /* @__PURE__ */ new Map();
  if (!notes || objects !== "all" && objects.length === 0) return out;
  for (const [object, text] of await git.readNotes(notes, objects)) {
    out.set(object, parseNote(text));
  }
  return out;
}
var RaceLost = class extends Error {
  constructor(detail) {
    super(`lost the race: ${detail}`);
    this.detail = detail;
  }
  detail;
};
async function landChange(git, change) {
  return new RegistrySession(git).land(change);
}
var MAX_ATTEMPTS = 40;
async function retryRaces(what, log, attempt) {
  try {
    return await pRetry(attempt, {
      retries: MAX_ATTEMPTS - 1,
      minTimeout: 50,
      maxTimeout: 2e3,
      factor: 1.5,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof RaceLost,
      onFailedAttempt: ({ error, attemptNumber }) => {
        if (error instanceof RaceLost) {
          log(`Attempt ${attemptNumber}: another run changed the registry first; looking again.`);
        }
      }
    });
  } catch (e) {
    if (e instanceof RaceLost) {
      throw new SnapbackError(
        "race-exhausted",
        `Could not ${what} after ${MAX_ATTEMPTS} attempts: other runs kept changing the registry first.`,
        "Re-run the job; if many runs change the same track at once, give the workflows a concurrency group."
      );
    }
    throw e;
  }
}

// src/report/markdown.ts
function escapeMarkdown(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/[\u0000-\u001f\u007f]/g, " ").replace(/([\\`*_{}[\]|~])/g, "\\$1").replace(/@/g, "@\u200D").replace(AUTOLINKED, breakLink);
}
var AUTOLINKED = /:\/\/|www\.|#(?=\d)|GH-(?=\d)/gi;
function breakLink(m) {
  if (m === "://") return ":\u200D//";
  if (m.endsWith(".")) return `${m.slice(0, -1)}\u200D.`;
  return `${m}\u200D`;
}
function cell(text, max = 200) {
  const short = text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
  return escapeMarkdown(short);
}
function link(text, url) {
  if (!/^https?:\/\/[^\s()<>]+$/.test(url)) return escapeMarkdown(text);
  return `[${escapeMarkdown(text)}](${url})`;
}
function htmlText(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/[\u0000-\u001f\u007f]/g, " ").replace(/@/g, "@\u200D").replace(AUTOLINKED, breakLink);
}

// src/report/file-list.ts
var FOLD_AFTER = 25;
var MAX_FOLDERS = 20;
var KINDS2 = ["added", "modified", "deleted", "renamed"];
function folderOf(path, depth) {
  const parts = path.split("/").slice(0, -1);
  return parts.length === 0 ? "(top level)" : `${parts.slice(0, depth).join("/")}/`;
}
function byFolder(files) {
  const group = (depth) => {
    const rows = /* @__PURE__ */ new Map();
    for (const f of files) {
      const folder = folderOf(f.path, depth);
      let row = rows.get(folder);
      if (!row) {
        row = { folder, counts: { added: 0, modified: 0, deleted: 0, renamed: 0 }, total: 0 };
        rows.set(folder, row);
      }
      row.counts[f.kind]++;
      row.total++;
    }
    return [...rows.values()].sort((a, b) => b.total - a.total || (a.folder < b.folder ? -1 : 1));
  };
  const deep = group(2);
  return deep.length <= MAX_FOLDERS ? deep : group(1);
}
function folderTable(files) {
  const rows = byFolder(files);
  const shown = rows.slice(0, MAX_FOLDERS);
  const out = [
    "| Folder | Added | Modified | Deleted | Renamed |",
    "| --- | ---: | ---: | ---: | ---: |"
  ];
  const line = (name, c) => `| ${name} | ${KINDS2.map((k) => c[k] ? String(c[k]) : "").join(" | ")} |`;
  for (const r of shown) out.push(line(cell(r.folder), r.counts));
  if (rows.length > shown.length) {
    const rest = { added: 0, modified: 0, deleted: 0, renamed: 0 };
    for (const r of rows.slice(shown.length)) for (const k of KINDS2) rest[k] += r.counts[k];
    out.push(line(`${rows.length - shown.length} more folders`, rest));
  }
  return out;
}
function cutNotice(shown, total, where) {
  return `Showing ${shown.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} files to stay within GitHub's size limit; every file is in ${where}.`;
}

// src/report/render-diff.ts
var COMMENT_LIMIT = 65536;
var SUMMARY_LIMIT = 1e6;
var FOOTER_PREFIX = "<sub>Last changed ";
function pullRequestPreamble(pr) {
  const head = pr.headSha ? ` (head \`${pr.headSha.slice(0, 7)}\`` : "";
  const base = pr.headSha && pr.baseRef ? ` merged into ${cell(pr.baseRef, 100)})` : head ? ")" : "";
  if (pr.customSides) {
    return `Each track compared as its heading says (the \`from\` and \`to\` inputs), for pull request #${pr.number}${head}${base}.`;
  }
  return `Each track's **active version** (its latest when no \`active\` alias is set) against the files of pull request #${pr.number}${head}${base} as this run checked them out, generated files included.`;
}
function pullRequestFooter(pr) {
  const when2 = `${pr.at.slice(0, 16).replace("T", " ")} UTC`;
  return `${FOOTER_PREFIX}${when2}${pr.runUrl ? ` by ${link("this run", pr.runUrl)}` : ""}.</sub>`;
}
function sameComment(existing, next) {
  const strip = (body) => body.split("\n").filter((line) => !line.startsWith(FOOTER_PREFIX)).join("\n").trimEnd();
  return strip(existing) === strip(next);
}
var STATUS = {
  A: "\u{1F7E2} added",
  M: "\u{1F7E1} modified",
  D: "\u{1F534} deleted",
  R: "\u{1F535} renamed",
  T: "\u{1F7E3} type changed"
};
var KIND = {
  A: "added",
  M: "modified",
  T: "modified",
  D: "deleted",
  R: "renamed"
};
var MAX_KEYS_PER_FILE = 50;
var MAX_VALUE = 80;
function value(v) {
  if (v === void 0) return "";
  const text = JSON.stringify(v) ?? String(v);
  return cell(text, MAX_VALUE);
}
function sizes(f) {
  const before = f.oldOid ? formatBytes(f.oldSize) : "\u2014";
  const after = f.newOid ? formatBytes(f.newSize) : "\u2014";
  return f.status === "A" ? after : f.status === "D" ? before : `${before} \u2192 ${after}`;
}
function detailOf(f) {
  const c = f.content;
  if (!c) return "";
  if (c.kind === "structured")
    return `${c.keys?.length ?? 0} key${c.keys?.length === 1 ? "" : "s"}`;
  if (c.kind === "binary") return "binary";
  const lines = c.lines ? `+${c.lines.added} \u2212${c.lines.removed} lines` : "";
  return c.note ? `${lines} (${cell(c.note, 120)})` : lines;
}
function fileRow(f) {
  const name = f.status === "R" ? `${cell(f.oldPath)} \u2192 ${cell(f.path)} (${f.similarity ?? 100}%)` : cell(f.path);
  return `| ${STATUS[f.status]} | ${name} | ${sizes(f)} | ${detailOf(f)} |`;
}
function keyBlock(f) {
  const keys = f.content?.keys ?? [];
  if (keys.length === 0) return "";
  const rows = keys.slice(0, MAX_KEYS_PER_FILE).map(
    (k) => `| ${k.kind} | ${cell(k.path || "(root)")} | ${value(k.before)} | ${value(k.after)} |`
  );
  const more = keys.length > MAX_KEYS_PER_FILE ? `

\u2026and ${keys.length - MAX_KEYS_PER_FILE} more keys.` : "";
  return [
    `<details><summary>${htmlText(f.path)}: ${keys.length} key${keys.length === 1 ? "" : "s"} changed</summary>`,
    "",
    "| Change | Key | Before | After |",
    "| --- | --- | --- | --- |",
    ...rows,
    `${more}`,
    "</details>",
    ""
  ].join("\n");
}
function counts(t) {
  const by = (s) => t.files.filter((f) => f.status === s).length;
  const parts = [
    [by("A"), "added"],
    [by("M") + by("T"), "modified"],
    [by("R"), "renamed"],
    [by("D"), "deleted"]
  ].filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`);
  return `**${t.files.length} file${t.files.length === 1 ? "" : "s"} changed**: ${parts.join(", ")}`;
}
var Budget = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  parts = [];
  used = 0;
  // Counted in UTF-8 bytes, which is what the summary's 1 MiB limits and never less than the
  // characters a comment's limit counts: names in other scripts take 2-4 bytes a character.
  fits(text) {
    return this.used + Buffer.byteLength(text) + 1 <= this.limit;
  }
  add(text) {
    if (!this.fits(text)) return false;
    this.parts.push(text);
    this.used += Buffer.byteLength(text) + 1;
    return true;
  }
  get remaining() {
    return this.limit - this.used;
  }
  toString() {
    return this.parts.join("\n");
  }
};
var RESERVE = 400;
var NOTICE_ROOM = 300;
function renderDiff(result, opts) {
  const out = new Budget(opts.budget - RESERVE);
  if (opts.marker) out.add(opts.marker);
  out.add(`## Snapback: ${opts.heading ?? "changes"}`);
  out.add("");
  if (opts.pullRequest) {
    out.add(pullRequestPreamble(opts.pullRequest));
    out.add("");
  }
  const where = opts.fullReportUrl ? `${link("the job summary of this run", opts.fullReportUrl)} and the \`changes-file\` output` : "the `changes-file` output of this run";
  result.tracks.forEach((t, i) => {
    out.add(
      `### ${escapeMarkdown(t.track)}: ${escapeMarkdown(t.from.describe)} \u2192 ${escapeMarkdown(t.to.describe)}`
    );
    out.add("");
    if (t.nothingToCompare) {
      out.add(`Nothing to compare against: ${escapeMarkdown(t.nothingToCompare)}.`);
      out.add("");
      return;
    }
    if (t.files.length === 0) {
      out.add(`No changes: the files are identical.`);
      out.add("");
      return;
    }
    out.add(counts(t));
    out.add("");
    const fold = t.files.length > FOLD_AFTER;
    if (fold) {
      out.add(folderTable(t.files.map((f) => ({ path: f.path, kind: KIND[f.status] }))).join("\n"));
      out.add("");
    }
    const share = Math.floor(out.remaining / (result.tracks.length - i));
    const track = new Budget(share - NOTICE_ROOM);
    if (fold) {
      track.add(`<details><summary>All ${t.files.length.toLocaleString("en-US")} files</summary>`);
      track.add("");
    }
    track.add("| Change | File | Size | Details |");
    track.add("| --- | --- | --- | --- |");
    let shown = 0;
    for (const f of t.files) {
      if (!track.add(fileRow(f))) break;
      shown++;
    }
    track.add("");
    let keysShown = true;
    for (const f of t.files.slice(0, shown)) {
      const block = keyBlock(f);
      if (block && !track.add(block)) keysShown = false;
    }
    out.add(track.toString());
    if (fold) out.add("</details>\n");
    if (shown < t.files.length) {
      out.add(cutNotice(shown, t.files.length, where));
      out.add("");
    } else if (!keysShown) {
      out.add(
        `Some key-level changes are not shown to stay within GitHub's size limit; all are in ${where}.`
      );
      out.add("");
    }
    if (t.contentSkipped > 0) {
      out.add(
        `_Contents of ${t.contentSkipped} large or numerous files were not compared; they are listed by name only._`
      );
      out.add("");
    }
  });
  let text = out.toString();
  if (opts.pullRequest) text += `

${pullRequestFooter(opts.pullRequest)}`;
  return Buffer.byteLength(text) > opts.budget ? cutUtf8(text, opts.budget) : `${text}
`;
}
function cutUtf8(text, maxBytes) {
  const bytes = Buffer.from(text);
  if (bytes.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  while (end > 0 && (bytes[end] & 192) === 128) end--;
  return bytes.subarray(0, end).toString("utf8");
}

// src/report/render-rollback.ts
var ROLLBACK_TRAILERS = {
  track: "snapback-track",
  target: "snapback-rollback-to",
  replaces: "snapback-replaces",
  run: "snapback-run-url"
};
function rollbackTitle(f) {
  const label = f.label ? ` (${f.label.replace(/[\r\n]/g, " ").slice(0, 80)})` : "";
  return `Roll back ${f.track} to v${f.target}${label}`;
}
function rollbackCommitMessage(f) {
  const oneLine2 = (s) => JSON.stringify(s).slice(1, -1);
  const lines = [
    rollbackTitle(f),
    "",
    `Puts the files of track ${f.track} back as version ${f.target} recorded them${f.replaces !== null ? `, replacing v${f.replaces}` : ""}.`
  ];
  if (f.reason) lines.push("", `Reason: ${oneLine2(f.reason)}`);
  lines.push(
    "",
    `${ROLLBACK_TRAILERS.track}: ${f.track}`,
    `${ROLLBACK_TRAILERS.target}: ${f.target}`
  );
  if (f.replaces !== null) lines.push(`${ROLLBACK_TRAILERS.replaces}: ${f.replaces}`);
  if (f.runUrl) lines.push(`${ROLLBACK_TRAILERS.run}: ${f.runUrl}`);
  return `${lines.join("\n")}
`;
}
function rollbackBody(f, diff2, budget) {
  const intro = [
    `Merging this puts the files of track **${escapeMarkdown(f.track)}** back as **v${f.target}**${f.label ? ` (${escapeMarkdown(f.label)})` : ""} recorded them${f.replaces !== null ? `, replacing v${f.replaces}` : ""}. Files outside the track are untouched.`,
    ""
  ];
  if (f.reason) intro.push(`Reason: ${escapeMarkdown(f.reason.slice(0, 500))}`, "");
  if (f.runUrl) intro.push(`Opened by ${link("this run", f.runUrl)}.`, "");
  intro.push(
    "After the merge, the next recording of the track notes that it rolled back to this version.",
    ""
  );
  const head = intro.join("\n");
  return `${head}
${renderDiff(diff2, {
    budget: budget - head.length - 1,
    heading: `what the merge changes in ${escapeMarkdown(f.base)}`,
    fullReportUrl: f.runUrl
  })}`;
}
function closedComment(f) {
  return `${escapeMarkdown(f.base)} already holds the files of ${escapeMarkdown(f.track)} v${f.target}: nothing left to roll back, so snapback closed this pull request.`;
}

// src/commands/record-rollback.ts
var LEGACY_TREE_VERSIONS = 30;
async function findRollback(session, track, tree, versions, latest) {
  const version2 = latest + 1;
  if (versions.size === 0) return { rollback: void 0, treeNotesFrom: version2 };
  const latestCommit = versions.get(latest) ?? "";
  await session.notes([tree, latestCommit]);
  const byTree = await recordedWithTree(session, track, tree, versions);
  const latestEvent = recordedOf(await session.events(latestCommit), track, latest);
  const from = latestEvent?.[TREE_NOTES_FROM];
  const treeNotesFrom = typeof from === "number" && Number.isInteger(from) ? from : version2;
  let best = byTree ?? await legacyMatch(session, track, tree, versions, treeNotesFrom);
  if (best === void 0) best = await namedByCommit(session, track, versions);
  return {
    rollback: best === void 0 ? void 0 : { version: best, commit: versions.get(best) },
    treeNotesFrom
  };
}
async function recordedWithTree(session, track, tree, versions) {
  let best;
  for (const e of await session.events(tree)) {
    if (e.event !== "recorded" || e.track !== track) continue;
    if (versions.get(e.version) !== e.commit) continue;
    if (best === void 0 || e.version > best) best = e.version;
  }
  return best;
}
async function legacyMatch(session, track, tree, versions, before) {
  const older = [...versions.keys()].filter((n) => n < before).sort((a, b) => b - a).slice(0, LEGACY_TREE_VERSIONS);
  if (older.length === 0) return void 0;
  const notes = await session.notes(older.map((n) => versions.get(n)));
  for (const n of older) {
    const text = notes.get(versions.get(n));
    if (text !== void 0 && recordedOf(parseNote(text), track, n)?.tree === tree) return n;
  }
  return void 0;
}
async function namedByCommit(session, track, versions) {
  const { git } = session;
  const message = (await git.readCommit(await git.head())).message;
  const trailers = parseTrailers(message);
  const escaped = track.replace(/[.]/g, "\\.");
  const named = trailers.get(ROLLBACK_TRAILERS.track) === track ? Number(trailers.get(ROLLBACK_TRAILERS.target)) : Number(new RegExp(`^Roll back ${escaped} to v(\\d+)\\b`, "m").exec(message)?.[1]);
  return Number.isInteger(named) && versions.has(named) ? named : void 0;
}

// src/core/promotion-rule.ts
var EPSILON = 1e-9;
function metricValue(metrics, name) {
  if (!metrics) return void 0;
  let value2 = Object.hasOwn(metrics, name) ? metrics[name] : void 0;
  if (value2 === void 0 && name.includes(".")) {
    value2 = name.split(".").reduce((node, key2) => {
      if (node && typeof node === "object" && !Array.isArray(node) && Object.hasOwn(node, key2))
        return node[key2];
      return void 0;
    }, metrics);
  }
  if (typeof value2 === "number" && Number.isFinite(value2)) return value2;
  if (typeof value2 === "string" && /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value2.trim())) {
    return Number(value2);
  }
  return void 0;
}
function fmt(x) {
  return String(Number(x.toPrecision(12)));
}
function signed(x) {
  return `${x >= 0 ? "+" : "\u2212"}${fmt(Math.abs(x))}`;
}
function decidePromotion(rule, candidate, current, isFirstVersion) {
  const m = rule.metric;
  const v = `v${candidate.version}`;
  if (isFirstVersion) {
    return { promote: true, reason: `${v} is the track's first version.` };
  }
  if (!current) {
    return { promote: true, reason: `no version holds '${rule.alias}' yet.` };
  }
  if (current.version === candidate.version) {
    return { promote: false, reason: `${v} already holds '${rule.alias}'.` };
  }
  const value2 = metricValue(candidate.metrics, m);
  if (value2 === void 0) {
    return {
      promote: false,
      reason: `${v} has no numeric '${m}' in its metrics; '${rule.alias}' stays on v${current.version}.`
    };
  }
  const held = metricValue(current.metrics, m);
  if (held === void 0) {
    return {
      promote: false,
      reason: `v${current.version} (holding '${rule.alias}') has no numeric '${m}' to compare with; promote by hand to start the rule.`
    };
  }
  const gain = rule.direction === "higher" ? value2 - held : held - value2;
  const cmp = `${m} ${fmt(value2)} vs ${fmt(held)} on v${current.version} (${signed(value2 - held)})`;
  const pastHigh = rule.high !== void 0 && (rule.direction === "higher" ? value2 >= rule.high - EPSILON : value2 <= rule.high + EPSILON);
  if (pastHigh) {
    const bound = `${rule.direction === "higher" ? "\u2265" : "\u2264"} ${fmt(rule.high)}`;
    if (gain >= -EPSILON) {
      return { promote: true, reason: `${cmp}: ${bound} with no regression.` };
    }
    return { promote: false, reason: `${cmp}: ${bound} but a regression.` };
  }
  if (gain >= rule.minImprovement - EPSILON) {
    return {
      promote: true,
      reason: `${cmp}: improves by at least ${fmt(rule.minImprovement)}.`
    };
  }
  const need = rule.high !== void 0 ? `needs an improvement of ${fmt(rule.minImprovement)} (or ${m} ${rule.direction === "higher" ? "\u2265" : "\u2264"} ${fmt(rule.high)} with no regression)` : `needs an improvement of ${fmt(rule.minImprovement)}`;
  return { promote: false, reason: `${cmp}: ${need}.` };
}

// src/commands/record-promotion.ts
async function judgePromotion(session, candidate, rule) {
  const track = candidate.track;
  const state = session.current;
  const held = aliasesOf(track, state.refs).get(rule.alias) ?? null;
  const heldVersion = held === null ? null : [...versionsOf(track, state.refs)].find(([, oid]) => oid === held)?.[0] ?? null;
  const current = held !== null && heldVersion !== null ? {
    version: heldVersion,
    metrics: await metricsOf(session, held, heldVersion, track)
  } : void 0;
  const decision = decidePromotion(
    rule,
    { version: candidate.version, metrics: candidate.metrics },
    current,
    candidate.version === 1
  );
  return {
    alias: rule.alias,
    promoted: decision.promote,
    reason: decision.reason,
    from: heldVersion,
    expected: held
  };
}
async function metricsOf(session, commit, version2, track) {
  const recorded = recordedOf(await session.events(commit), track, version2);
  if (recorded) {
    const m = recorded.metrics;
    return m && typeof m === "object" && !Array.isArray(m) ? m : void 0;
  }
  const { git } = session;
  if (!await git.hasObject(commit)) {
    await git.fetchRefs([
      { remote: versionRef(track, version2), local: versionRef(track, version2) }
    ]);
  }
  return parseVersionMessage((await git.readCommit(commit)).message)?.metrics;
}

// src/core/change-summary.ts
function summarizeChanges(changes2) {
  const s = {
    added: 0,
    modified: 0,
    deleted: 0,
    bytesBefore: 0,
    bytesAfter: 0,
    changes: [...changes2]
  };
  for (const c of changes2) {
    if (c.status === "A") s.added++;
    else if (c.status === "D") s.deleted++;
    else s.modified++;
    s.bytesBefore += c.oldSize;
    s.bytesAfter += c.newSize;
  }
  return s;
}

// src/workspace/track-files.ts
var import_picomatch = __toESM(require_picomatch(), 1);
import { lstatSync, readlinkSync } from "node:fs";
import { join as join4 } from "node:path";
var GIT_DIR = /(^|\/)\.git(\/|$)/;
function pathspecsFor(patterns) {
  const literal = (base) => base !== "" && !/[\\*?[\]{}()!]/.test(base);
  const specs = [];
  const bases = patterns.include.map((p2) => import_picomatch.default.scan(p2).base);
  if (bases.every(literal)) specs.push(...new Set(bases.map((b) => `:(top,literal)${b}`)));
  for (const p2 of patterns.exclude) {
    const scan = import_picomatch.default.scan(p2);
    if (literal(scan.base) && scan.glob === "**") specs.push(`:(top,exclude,literal)${scan.base}`);
  }
  if (specs.length > 0 && specs.every((s) => s.includes("exclude"))) specs.unshift(":(top)");
  return specs;
}
async function listTrackFiles(git, patterns, opts = {}) {
  const matches = patternMatcher(patterns);
  const inTrack = (p2) => {
    if (GIT_DIR.test(p2) || !matches(p2)) return false;
    if (patterns.workflows || !isWorkflowPath(p2)) return true;
    opts.onWorkflowLeftOut?.(p2);
    return false;
  };
  const paths = (await git.listWorkTree(pathspecsFor(patterns))).filter(inTrack).sort();
  const files = [];
  for (const path of paths) {
    const full = join4(git.workdir, path);
    const st = lstatSync(full, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isSymbolicLink()) {
      files.push({ path, size: Buffer.byteLength(readlinkSync(full)), kind: "symlink" });
    } else if (st.isFile()) {
      files.push({ path, size: st.size, kind: st.mode & 73 ? "exec" : "file" });
    }
  }
  return files;
}

// src/commands/record.ts
async function record(deps, opts) {
  const { git } = deps;
  if (opts.tracks.length === 0) throw new InputError("paths", "no track to record.");
  const { progress } = deps;
  const listed = await phase(
    progress,
    `List the files of ${names(opts.tracks)}`,
    () => Promise.all(
      opts.tracks.map(async (spec) => {
        const workflows = [];
        const files = await listTrackFiles(git, spec.patterns, {
          onWorkflowLeftOut: (p2) => workflows.push(p2)
        });
        return { spec, files, workflows };
      })
    )
  );
  for (const { spec, files, workflows } of listed) {
    if (workflows.length > 0) deps.log(workflowsLeftOut(spec, workflows));
    checkFiles(spec, files, workflows.length);
    debug(
      progress,
      `${spec.name}: ${files.length} files match ${spec.patterns.include.length} pattern(s).`
    );
  }
  deps.checkpoint?.("listed-files");
  const sourceCommit = await git.head();
  const labelling = deps.resolveLabel(sourceCommit);
  labelling.catch(() => void 0);
  const snapshots = [];
  await phase(progress, "Hash the files into snapshot trees", async () => {
    for (const { spec, files: measured } of listed) {
      const { tree, sizes: stored } = await git.writeSnapshot(measured);
      const files = measured.filter((f) => stored.has(f.path)).map((f) => ({ ...f, size: stored.get(f.path) }));
      checkSizes(spec, files);
      snapshots.push({ spec, files, tree, bytes: files.reduce((n, f) => n + f.size, 0) });
      debug(progress, `${spec.name}: tree ${tree}, ${files.length} files.`);
    }
  });
  const label = await labelling;
  debug(progress, `Label for source commit ${sourceCommit.slice(0, 12)}: ${label}.`);
  deps.checkpoint?.("hashed");
  const session = new RegistrySession(git);
  const claim = async () => {
    const state = await lookAtServer(deps, session, snapshots, opts.expectedVersion);
    const results = [];
    const pending = [];
    for (const [i, snap] of snapshots.entries()) {
      const latest = state.latest[i];
      const step = await nextVersion(deps, opts, snap, latest, sourceCommit, label, async () => {
        await session.notes([snap.tree, ...latest.oid ? [latest.oid] : [], sourceCommit]);
        return findRollback(session, snap.spec.name, snap.tree, latest.versions, latest.n);
      });
      results.push(step.result);
      debug(
        progress,
        `${snap.spec.name}: latest on the server ${latest.n > 0 ? `v${latest.n}` : "none"}; ${step.result.status === "unchanged" ? "same tree: nothing to record" : `would be v${step.result.version}`}.`
      );
      if ("commit" in step) {
        step.result.changes = summarizeChanges(await git.diffTrees(step.prevTree, step.snap.tree));
        if (snap.spec.promotion) {
          const verdict = await judgePromotion(session, step.meta, snap.spec.promotion);
          const { expected, ...outcome } = verdict;
          step.result.promotion = outcome;
          debug(
            progress,
            `${snap.spec.name}: promotion ${verdict.promoted ? "yes" : "no"}: ${outcome.reason}.`
          );
          if (verdict.promoted) step.promotion = { ...outcome, expected };
        }
        pending.push(step);
      }
    }
    deps.checkpoint?.("committed");
    if (pending.length > 0 && !opts.dryRun) {
      await publish(deps, session, pending, state.notesBase, sourceCommit);
    }
    return results;
  };
  const tracks = await phase(
    progress,
    "Claim the next version numbers and push",
    () => retryRaces("claim a version number", deps.log, claim)
  );
  return { sourceCommit, tracks };
}
async function lookAtServer(deps, session, snapshots, expectedVersion) {
  const latestOf = (refs) => snapshots.map((s) => {
    const versions = versionsOf(s.spec.name, refs);
    const n = latestVersion(versions);
    return { n, oid: n > 0 ? versions.get(n) : null, versions };
  });
  const view = await session.look({
    prefixes: snapshots.map((s) => trackPrefix(s.spec.name)),
    onListed: () => deps.checkpoint?.("looked"),
    fetch: (refs) => {
      if (expectedVersion !== void 0) checkExpected(snapshots, latestOf(refs), expectedVersion);
      return latestOf(refs).flatMap(
        (l, i) => l.n > 0 ? [versionRef(snapshots[i].spec.name, l.n)] : []
      );
    }
  });
  const latest = latestOf(view.refs);
  for (const [i, s] of snapshots.entries()) {
    const l = latest[i];
    const got = view.fetched.get(versionRef(s.spec.name, l.n));
    if (got && l.oid !== got) {
      l.oid = got;
      l.versions.set(l.n, got);
    }
  }
  deps.checkpoint?.("fetched");
  return { latest, notesBase: view.notes };
}
function checkExpected(snapshots, latest, expectedVersion) {
  for (const [i, s] of snapshots.entries()) {
    if (latest[i].n !== expectedVersion) {
      throw new SnapbackError(
        "version-conflict",
        `Track '${s.spec.name}' is at version ${latest[i].n}, but 'expected-version' is ${expectedVersion}.`,
        "Another run recorded in between. Re-run with the new expected version, or leave expected-version empty to record on top."
      );
    }
  }
}
async function nextVersion(deps, opts, snap, latest, sourceCommit, label, rollbackOf) {
  const { n, oid } = latest;
  const track = snap.spec.name;
  const prev = oid ? await deps.git.readCommit(oid) : null;
  const base = { track, label, files: snap.files.length, bytes: snap.bytes, changes: null };
  if (prev && prev.tree === snap.tree) {
    const meta2 = parseVersionMessage(prev.message);
    const ours = meta2 !== void 0 && opts.context.runId !== void 0 && meta2.runId === opts.context.runId && meta2.runAttempt === opts.context.runAttempt && meta2.sourceCommit === sourceCommit;
    return {
      result: {
        ...base,
        status: ours ? "recorded" : "unchanged",
        version: n,
        previousVersion: ours ? meta2?.previousVersion ?? null : n > 1 ? n - 1 : null,
        ref: versionRef(track, n),
        commit: oid,
        label: meta2?.label ?? label,
        foundAgain: ours
      }
    };
  }
  const version2 = n + 1;
  const { rollback: rolledBack, treeNotesFrom } = await rollbackOf();
  const meta = {
    track,
    version: version2,
    previousVersion: n > 0 ? n : null,
    sourceCommit,
    label,
    files: snap.files.length,
    bytes: snap.bytes,
    reason: opts.reason,
    actor: opts.context.actor,
    event: opts.context.event,
    workflow: opts.context.workflow,
    job: opts.context.job,
    runUrl: opts.context.runUrl,
    runId: opts.context.runId,
    runAttempt: opts.context.runAttempt,
    metrics: snap.spec.metrics,
    metadata: opts.metadata,
    rollbackOf: rolledBack?.version
  };
  const plural = snap.files.length === 1 ? "" : "s";
  const body = `Snapshot of ${snap.files.length} file${plural} (${formatBytes(snap.bytes)}) from ${sourceCommit.slice(0, 12)}.`;
  const commit = await deps.git.writeCommit({
    tree: snap.tree,
    parents: [sourceCommit],
    message: formatCommitMessage(meta, body),
    author: deps.git.identity.author,
    committer: deps.git.identity.committer
  });
  const result = {
    ...base,
    status: opts.dryRun ? "dry-run" : "recorded",
    version: version2,
    previousVersion: meta.previousVersion,
    ref: versionRef(track, version2),
    commit: opts.dryRun ? null : commit,
    foundAgain: false
  };
  return {
    snap,
    meta,
    commit,
    prevCommit: oid,
    prevTree: prev?.tree ?? null,
    result,
    treeNotesFrom,
    ...rolledBack ? { rollbackTarget: rolledBack.commit } : {}
  };
}
async function publish(deps, session, pending, notesBase, sourceCommit) {
  const at = (deps.now ?? (() => /* @__PURE__ */ new Date()))().toISOString();
  const events = /* @__PURE__ */ new Map();
  const add = (object, ...more) => events.set(object, [...events.get(object) ?? [], ...more]);
  add(sourceCommit, ...pending.map((p2) => producedEvent(p2.meta, p2.commit, at)));
  for (const p2 of pending) {
    const recorded = recordedEvent(p2.meta, p2.commit, at);
    recorded.tree = p2.snap.tree;
    recorded[TREE_NOTES_FROM] = p2.treeNotesFrom;
    const c = p2.result.changes;
    if (c) recorded.changes = { added: c.added, modified: c.modified, deleted: c.deleted };
    add(p2.commit, recorded);
    if (p2.promotion) {
      add(
        p2.commit,
        promotedEvent(
          p2.meta.track,
          p2.meta.version,
          p2.promotion.alias,
          p2.promotion.from,
          at,
          { actor: p2.meta.actor, runUrl: p2.meta.runUrl },
          p2.promotion.reason
        )
      );
    }
    add(p2.snap.tree, treeEvent(p2.meta, p2.commit, at));
    if (p2.rollbackTarget && p2.meta.rollbackOf !== void 0) {
      add(
        p2.rollbackTarget,
        rolledBackEvent(p2.meta.track, p2.meta.rollbackOf, at, p2.meta.version, p2.commit, {
          actor: p2.meta.actor,
          runUrl: p2.meta.runUrl
        })
      );
    }
  }
  const what = pending.map((p2) => `${p2.meta.track} v${p2.meta.version}`).join(", ");
  await session.land(
    {
      notesBase,
      events,
      updates: [
        ...pending.map((p2) => ({ ref: p2.result.ref, expected: null, next: p2.commit })),
        ...pending.flatMap(
          (p2) => p2.promotion ? [
            {
              ref: aliasRef(p2.meta.track, p2.promotion.alias),
              expected: p2.promotion.expected,
              next: p2.commit
            }
          ] : []
        )
      ],
      message: `snapback: record ${what}`,
      // The server has the source commit (the run's checkout came from it) and each track's
      // latest version: the pack needs nothing they hold (the notes tip is added by land).
      haves: [sourceCommit, ...pending.flatMap((p2) => p2.prevCommit ? [p2.prevCommit] : [])]
    },
    {
      onNotesWritten: () => deps.checkpoint?.("notes-written"),
      onPushed: () => deps.checkpoint?.("pushed"),
      onMirrorFailed: (e) => deps.log(`Could not update local refs (${e.message}); the versions are on the server.`)
    }
  );
}
function workflowsLeftOut(spec, paths) {
  const shown = paths.slice(0, 5).map((p2) => printable(p2, 200)).join(", ");
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : "";
  return `Track '${spec.name}': left out ${paths.length} workflow file${paths.length === 1 ? "" : "s"} the patterns match (${shown}${more}); ${WORKFLOWS_HINT}`;
}
var WORKFLOWS_HINT = 'files under .github/workflows/ belong to a track only with include-workflows: true, which needs a token allowed to change workflows (a fine-grained token with "Workflows: write" or a classic token with the workflow scope) for rollbacks.';
function checkFiles(spec, files, workflowsLeftOut2) {
  if (files.length === 0) {
    throw new SnapbackError(
      "no-files",
      `Input '${spec.source}': no file matches the patterns of track '${spec.name}' (${[...spec.patterns.include, ...spec.patterns.exclude.map((p2) => `!${p2}`)].join(", ")})${workflowsLeftOut2 > 0 ? ` apart from ${workflowsLeftOut2} workflow file${workflowsLeftOut2 === 1 ? "" : "s"}` : ""}.`,
      workflowsLeftOut2 > 0 ? `Check the patterns against the workspace; ${WORKFLOWS_HINT}` : "Check the patterns against the workspace: they are relative to the repository root, and files must exist when the step runs (generate them first)."
    );
  }
  checkSizes(spec, files);
}
function checkSizes(spec, files) {
  const tooLarge = files.filter((f) => f.size > spec.maxFileSize);
  if (tooLarge.length > 0) {
    const list2 = tooLarge.slice(0, 10).map((f) => `${printable(f.path, 200)} (${formatBytes(f.size)})`).join(", ");
    const more = tooLarge.length > 10 ? ` and ${tooLarge.length - 10} more` : "";
    throw new SnapbackError(
      "file-too-large",
      `Input 'max-file-size': ${tooLarge.length} file${tooLarge.length === 1 ? "" : "s"} of track '${spec.name}' exceed ${formatBytes(spec.maxFileSize)}: ${list2}${more}. Nothing was pushed.`,
      'GitHub refuses files over 100 MiB. Exclude them with a "!pattern" in paths, or raise max-file-size if your server accepts larger files.'
    );
  }
}
function names(tracks) {
  return tracks.length === 1 ? tracks[0].name : `${tracks.length} tracks`;
}

// src/core/retention.ts
var DAY_MS = 864e5;
function planRetention(versions, policy, now) {
  const sorted = [...versions].sort((a, b) => a.n - b.n);
  const newest = new Set(
    sorted.slice(Math.max(0, sorted.length - policy.keepLast)).map((v) => v.n)
  );
  const keep = [];
  const prune2 = [];
  for (const v of sorted) {
    const why = [];
    if (newest.has(v.n)) why.push("newest");
    if (v.aliases.length > 0) why.push("aliased");
    if (policy.keepDays !== void 0) {
      if (v.young !== void 0) {
        if (v.young) why.push("young");
      } else if (v.at === void 0) why.push("age-unknown");
      else if (now.getTime() - v.at.getTime() < policy.keepDays * DAY_MS) why.push("young");
    }
    if (why.length > 0) keep.push({ n: v.n, why });
    else prune2.push(v.n);
  }
  return { keep, prune: prune2 };
}
function describePolicy(policy) {
  const last = `the last ${policy.keepLast} version${policy.keepLast === 1 ? "" : "s"}`;
  const days = policy.keepDays === void 0 ? "" : `, versions younger than ${policy.keepDays} day${policy.keepDays === 1 ? "" : "s"}`;
  return `keep ${last}${days} and every aliased version`;
}

// src/commands/prune.ts
async function prune(deps, opts) {
  const { git } = deps;
  const now = (deps.now ?? (() => /* @__PURE__ */ new Date()))();
  const what = opts.tracks.map((t) => t.name).join(", ");
  const landed = /* @__PURE__ */ new Map();
  let maxCommands;
  const session = new RegistrySession(git);
  const result = await retryRaces(`prune ${what}`, deps.log, async () => {
    const view = await session.look({
      prefixes: opts.tracks.map((t) => trackPrefix(t.name)),
      // Each pruned version's note gains a line: a big prune reads most of the notes.
      wholeNotes: (refs) => refs.size >= WHOLE_NOTES_FROM
    });
    const results = [];
    const changes2 = [];
    const at = now.toISOString();
    for (const t of opts.tracks) {
      const index = trackIndex(t.name, view.refs);
      const byCommit = versionByCommit(index);
      const aliasesOf2 = /* @__PURE__ */ new Map();
      for (const [alias, oid] of index.aliases) {
        const n = byCommit.get(oid);
        if (n !== void 0) aliasesOf2.set(n, [...aliasesOf2.get(n) ?? [], alias]);
      }
      const facts = [...index.versions.keys()].sort((a, b) => a - b).map((n) => ({ n, aliases: aliasesOf2.get(n) ?? [] }));
      const { keepDays } = t.policy;
      if (keepDays !== void 0) {
        const cutoff = now.getTime() - keepDays * DAY_MS2;
        await findAges(session, t.name, index.versions, facts, cutoff, t.policy.keepLast);
      }
      const plan = planRetention(facts, t.policy, now);
      results.push({ track: t.name, policy: t.policy, kept: plan.keep, pruned: plan.prune });
      debug(
        deps.progress,
        `${t.name}: ${index.versions.size} versions under ${describePolicy(t.policy)}; keep ${plan.keep.map((k) => `v${k.n} (${k.why.join(", ")})`).join(", ") || "none"}; delete ${plan.prune.map((n) => `v${n}`).join(", ") || "none"}.`
      );
      if (plan.prune.length === 0) continue;
      changes2.push({
        track: t.name,
        deletions: plan.prune.map((n) => {
          const oid = index.versions.get(n);
          return {
            n,
            update: { ref: versionRef(t.name, n), expected: oid, next: null },
            event: prunedEvent(t.name, n, at, opts.by, describePolicy(t.policy))
          };
        }),
        checks: [...index.aliases].map(([alias, oid]) => ({
          ref: aliasRef(t.name, alias),
          expected: oid,
          next: oid
        }))
      });
    }
    if (opts.dryRun || changes2.length === 0) return { dryRun: opts.dryRun, tracks: results };
    const land = (batches2) => landBatches(session, view.notes, batches2, what, (c) => {
      for (const d of c.deletions) landed.set(c.track, [...landed.get(c.track) ?? [], d.n]);
    });
    try {
      await land(maxCommands ? inBatches(changes2, maxCommands) : [changes2]);
    } catch (e) {
      if (!(e instanceof PushRefused) || e.kind !== "ref-limit" || !e.limit || maxCommands) throw e;
      maxCommands = e.limit;
      deps.log(
        `The server takes at most ${maxCommands} ref updates per push: pruning in batches, each with its notes.`
      );
      await land(inBatches(changes2, maxCommands, e));
    }
    return { dryRun: false, tracks: results };
  });
  if (result.dryRun) return result;
  for (const t of result.tracks) {
    const before = landed.get(t.track) ?? [];
    t.pruned = [.../* @__PURE__ */ new Set([...before, ...t.pruned])].sort((a, b) => a - b);
  }
  return result;
}
async function landBatches(session, notesBase, batches2, what, onLanded) {
  let notes = notesBase;
  for (const [i, batch] of batches2.entries()) {
    const count = batch.reduce((n, c) => n + c.deletions.length, 0);
    const part = batches2.length > 1 ? ` (batch ${i + 1} of ${batches2.length})` : "";
    notes = await session.land({
      notesBase: notes,
      events: new Map(
        batch.flatMap((c) => c.deletions.map((d) => [d.update.expected, [d.event]]))
      ),
      updates: batch.flatMap((c) => [...c.deletions.map((d) => d.update), ...c.checks]),
      message: `snapback: prune ${count} version${count === 1 ? "" : "s"} of ${what}${part}`
    });
    for (const c of batch) onLanded(c);
  }
}
function inBatches(changes2, max, refused) {
  const batches2 = [];
  for (const c of changes2) {
    const room = max - 1 - c.checks.length;
    if (room < 1) {
      if (refused) throw refused;
      throw new SnapbackError(
        "push-refused",
        `Track '${c.track}' has ${c.checks.length} aliases; with the notes ref, a prune of it needs more than the ${max} ref updates the server takes per push.`,
        "Raise the repository's limit on ref updates per push (Settings \u2192 General \u2192 Pushes), or remove unused aliases."
      );
    }
    for (let at = 0; at < c.deletions.length; at += room) {
      batches2.push([{ ...c, deletions: c.deletions.slice(at, at + room) }]);
    }
  }
  return batches2;
}
var DAY_MS2 = 864e5;
async function findAges(session, track, versions, facts, cutoff, keepLast) {
  const timeOf = (n, events) => {
    const at = Date.parse(String(recordedOf(events, track, n)?.at));
    return Number.isNaN(at) ? void 0 : new Date(at);
  };
  const old = (at) => at !== void 0 && at.getTime() <= cutoff;
  const probed = /* @__PURE__ */ new Set();
  let lo = 0;
  let hi = facts.length;
  while (lo < hi) {
    const mid = lo + hi >>> 1;
    const f = facts[mid];
    f.at = timeOf(f.n, await session.events(versions.get(f.n)));
    probed.add(mid);
    if (old(f.at)) lo = mid + 1;
    else hi = mid;
  }
  const newestFrom = facts.length - keepLast;
  const deletable = (f, i) => i < newestFrom && f.aliases.length === 0;
  const read = await session.eventsOf(
    facts.slice(0, lo).flatMap((f, i) => deletable(f, i) ? [versions.get(f.n)] : [])
  );
  for (const [i, f] of facts.entries()) {
    if (probed.has(i)) continue;
    if (i >= lo) f.young = true;
    else if (!deletable(f, i)) f.young = false;
    else {
      const events = read.get(versions.get(f.n));
      f.at = events ? timeOf(f.n, events) : void 0;
    }
  }
}

// src/workspace/label-sources.ts
import { readFile as readFile3 } from "node:fs/promises";
import { join as join5 } from "node:path";

// src/core/label.ts
var import_semver = __toESM(require_semver2(), 1);
function chooseLabel(src) {
  const fromFile = import_semver.default.valid(import_semver.default.clean(src.versionFile?.trim() ?? "") ?? "");
  if (fromFile) return { label: fromFile, from: "VERSION" };
  if (src.packageJson) {
    try {
      const pkg = JSON.parse(src.packageJson);
      const v = pkg && typeof pkg === "object" ? pkg.version : void 0;
      const valid = typeof v === "string" ? import_semver.default.valid(v) : null;
      if (valid) return { label: valid, from: "package.json" };
    } catch {
    }
  }
  const tagged = (src.tags ?? []).map((t) => import_semver.default.valid(import_semver.default.clean(t) ?? "")).filter((v) => v !== null);
  if (tagged.length > 0) return { label: import_semver.default.rsort(tagged)[0], from: "tag" };
  return { label: `dev-${src.sourceCommit.slice(0, 7)}`, from: "commit" };
}

// src/workspace/label-sources.ts
async function readOptional(path) {
  try {
    return await readFile3(path, "utf8");
  } catch {
    return void 0;
  }
}
async function resolveLabel(git, sourceCommit) {
  const versionFile = await readOptional(join5(git.workdir, "VERSION"));
  const packageJson = await readOptional(join5(git.workdir, "package.json"));
  const early = chooseLabel({ versionFile, packageJson, sourceCommit });
  if (early.from !== "commit") return early.label;
  const refs = await git.listRemoteRefs(["refs/tags/"]);
  const tags = [...refs.keys()].map((r) => r.slice("refs/tags/".length).replace(/\^\{\}$/, ""));
  return chooseLabel({ tags, sourceCommit }).label;
}

// src/report/render-record.ts
var STATUS2 = {
  recorded: "\u2705 recorded",
  unchanged: "\u23F8\uFE0F unchanged",
  "dry-run": "\u{1F50D} dry run: would record"
};
var MAX_LISTED_FILES = 50;
function kindOf(status2) {
  return status2 === "A" ? "added" : status2 === "D" ? "deleted" : "modified";
}
function changeCell(t) {
  if (!t.changes) return t.status === "unchanged" ? "same content as the latest version" : "";
  const c = t.changes;
  const against = t.previousVersion ? `vs v${t.previousVersion}` : "first version";
  const delta = c.bytesAfter - c.bytesBefore;
  return `+${c.added} ~${c.modified} \u2212${c.deleted} (${delta >= 0 ? "+" : ""}${formatBytes(delta)}) ${against}`;
}
function renderRecordSummary(result, opts) {
  const out = ["## Snapback: record", ""];
  out.push(
    "| Track | Result | Version | Label | Files | Size | Changes |",
    "| --- | --- | --- | --- | ---: | ---: | --- |"
  );
  for (const t of result.tracks) {
    out.push(
      `| ${cell(t.track)} | ${STATUS2[t.status]}${t.foundAgain ? " (found after a retry)" : ""} | v${t.version} | ${cell(t.label)} | ${t.files} | ${formatBytes(t.bytes)} | ${changeCell(t)} |`
    );
  }
  out.push("");
  for (const t of result.tracks) {
    const changes2 = t.changes?.changes ?? [];
    if (changes2.length === 0) continue;
    out.push(
      `<details><summary>${htmlText(t.track)}: ${changes2.length} file${changes2.length === 1 ? "" : "s"} changed</summary>`,
      ""
    );
    if (changes2.length > FOLD_AFTER) {
      out.push(...folderTable(changes2.map((c) => ({ path: c.path, kind: kindOf(c.status) }))), "");
    }
    out.push("| | File | Before | After |", "| --- | --- | ---: | ---: |");
    for (const c of changes2.slice(0, MAX_LISTED_FILES)) {
      const mark = c.status === "A" ? "added" : c.status === "D" ? "deleted" : c.status === "T" ? "type changed" : "modified";
      out.push(
        `| ${mark} | ${cell(c.path)} | ${c.oldOid ? formatBytes(c.oldSize) : ""} | ${c.newOid ? formatBytes(c.newSize) : ""} |`
      );
    }
    if (changes2.length > MAX_LISTED_FILES) {
      const diff2 = t.previousVersion ? `a \`diff\` from v${t.previousVersion} to v${t.version} (its \`changes-file\` output)` : `\`git ls-tree -r ${t.ref}\``;
      out.push("", cutNotice(MAX_LISTED_FILES, changes2.length, diff2));
    }
    out.push("", "</details>", "");
  }
  const facts = [`Source commit \`${result.sourceCommit.slice(0, 12)}\``];
  if (opts.reason) facts.push(`reason: ${cell(opts.reason, 300)}`);
  if (opts.runUrl) facts.push(link("this run", opts.runUrl));
  out.push(facts.join(" \xB7 "), "");
  out.push(
    "Inspect with plain git:",
    "```sh",
    "git fetch origin 'refs/versions/*:refs/versions/*' 'refs/notes/versions:refs/notes/versions'",
    ...result.tracks.slice(0, 3).map((t) => `git log --notes=versions -1 ${t.ref}`),
    "```"
  );
  return `${out.join("\n")}
`;
}

// src/report/render-status.ts
var TABLE_VERSIONS = 30;
var CHART_POINTS = 50;
var MAX_CHARTS = 8;
var OPEN_TRACKS = 3;
var TREND_POINTS = 8;
function renderStatus(result, runPages) {
  const out = ["## Snapback: status", ""];
  if (result.tracks.length === 0) {
    out.push("No track has versions yet. Record one with `command: record`.", "");
  }
  if (result.tracks.length > 1) out.push(...overview(result.tracks));
  const fold = result.tracks.length > OPEN_TRACKS;
  for (const t of result.tracks) {
    const title = `${t.track}${t.latest !== null ? ` \u2014 latest v${t.latest}` : ""}`;
    const body = renderTrack(t, runPages);
    if (fold) {
      out.push(`<details><summary>${htmlText(title)}</summary>`, "", ...body, "</details>", "");
    } else out.push(`### ${cell(title)}`, "", ...body, "");
  }
  return out.join("\n");
}
function overview(tracks) {
  const out = [
    "| Track | Latest | Aliases | Last recorded | Headline metric | Trend |",
    "| --- | --- | --- | --- | --- | --- |"
  ];
  for (const t of tracks) {
    const last = t.versions.at(-1);
    const aliases = t.aliases.map((a) => {
      const mark = a.errors?.length ? " \u26D4" : a.warnings.length ? " \u26A0\uFE0F" : "";
      const lag = a.behind === 0 ? "" : ` (${a.behind} behind${mark})`;
      return `${cell(a.alias)} v${a.version}${lag}`;
    }).join(", ");
    const metric = numericMetrics(t.versions)[0];
    const values = metric ? t.versions.map((v) => metricValue(v.metrics, metric)).filter((x) => x !== void 0) : [];
    const headline = metric && values.length > 0 ? `${cell(metric)} = ${formatNumber(values.at(-1))}` : "\u2014";
    out.push(
      `| ${cell(t.track)} | ${t.latest !== null ? `v${t.latest}` : "\u2014"} | ${aliases || "\u2014"} | ${last?.at ? cell(last.at.slice(0, 16).replace("T", " ")) : "\u2014"} | ${headline} | ${trend(values)} |`
    );
  }
  out.push("");
  return out;
}
function trend(values) {
  if (values.length < 2) return "\u2014";
  const recent = values.slice(-TREND_POINTS);
  const lo = Math.min(...recent);
  const hi = Math.max(...recent);
  const bars = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
  const line = recent.map((v) => bars[hi === lo ? 3 : Math.round((v - lo) / (hi - lo) * (bars.length - 1))]).join("");
  const delta = values.at(-1) - values.at(-2);
  const arrow = delta > 0 ? "\u25B2 +" : delta < 0 ? "\u25BC \u2212" : "= ";
  return `${line} ${arrow}${formatNumber(Math.abs(delta))}`;
}
function renderTrack(t, runPages) {
  const out = [];
  if (t.versions.length === 0) {
    out.push("No versions (all pruned, or none recorded yet).", "");
  }
  out.push(
    ...aliasTable(t),
    ...versionTable(t, runPages),
    ...charts(t),
    ...historySection(t, runPages)
  );
  if (t.pruned.length > 0) {
    out.push(
      `Pruned by retention: ${ranges(t.pruned.map((p2) => p2.version))} (${t.pruned.length} version${t.pruned.length === 1 ? "" : "s"}).`,
      ""
    );
  }
  return out;
}
function aliasTable(t) {
  if (t.aliases.length === 0) return ["No aliases. Promote a version with `command: promote`.", ""];
  const out = [
    "| Alias | Version | Behind latest | Behind for | |",
    "| --- | --- | ---: | --- | --- |"
  ];
  for (const a of t.aliases) {
    const flag2 = a.errors?.length ? `\u26D4 ${escapeMarkdown(a.errors.join("; "))}` : a.warnings.length > 0 ? `\u26A0\uFE0F ${escapeMarkdown(a.warnings.join("; "))}` : "\u2705";
    out.push(
      `| ${cell(a.alias)} | v${a.version} | ${a.behind === 0 ? "current" : `${a.behind} version${a.behind === 1 ? "" : "s"}`} | ${a.behind === 0 ? "\u2014" : a.behindSince ? formatDuration(a.ageMs) : "unknown"} | ${flag2} |`
    );
  }
  out.push("");
  return out;
}
function versionTable(t, runPages) {
  if (t.versions.length === 0) return [];
  const shown = t.versions.slice(-TABLE_VERSIONS).reverse();
  const out = [
    "| Version | Label | Recorded | Actor | Reason | Files | Size | Changes | Metrics |",
    "| --- | --- | --- | --- | --- | ---: | ---: | --- | --- |"
  ];
  for (const v of shown) out.push(versionRow(v, runPages));
  const total = Math.max(t.count ?? 0, t.versions.length);
  if (total > shown.length) {
    const file = total > t.versions.length ? `the status file lists ${t.versions.length} of the ${total}` : "the status file lists all";
    out.push("", `${total - shown.length} older versions are not shown here; ${file}.`);
  }
  out.push("");
  return out;
}
function versionRow(v, runPages) {
  const name = `v${v.version}${v.aliases.length ? ` (${v.aliases.map((a) => cell(a)).join(", ")})` : ""}`;
  const when2 = v.at ? runLink(v.at.slice(0, 16).replace("T", " "), v.runUrl, runPages) : "\u2014";
  const changes2 = v.changes ? `+${v.changes.added} ~${v.changes.modified} \u2212${v.changes.deleted}` : "\u2014";
  const rollback2 = v.rollbackOf !== void 0 ? ` \u21A9 v${v.rollbackOf}` : "";
  return `| ${name} | ${cell(v.label ?? "\u2014")} | ${when2} | ${cell(v.actor ?? "\u2014")} | ${cell(v.reason ?? "", 120)}${rollback2} | ${v.files ?? "\u2014"} | ${v.bytes !== void 0 ? formatBytes(v.bytes) : "\u2014"} | ${changes2} | ${metricsCell(v.metrics)} |`;
}
var METRIC_DEPTH = 4;
function flattenMetrics(metrics) {
  const out = [];
  const walk = (node, prefix, depth) => {
    for (const [k, v] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") {
        out.push([path, v]);
      } else if (v && typeof v === "object" && !Array.isArray(v) && depth < METRIC_DEPTH) {
        walk(v, path, depth + 1);
      }
    }
  };
  if (metrics) walk(metrics, "", 1);
  return out;
}
function metricsCell(metrics) {
  const parts = flattenMetrics(metrics).slice(0, 6).map(([k, v]) => `${k}=${typeof v === "number" ? formatNumber(v) : String(v)}`);
  return cell(parts.join(", "), 160);
}
function numericMetrics(versions) {
  const names2 = [];
  for (const v of versions) {
    for (const [k, value2] of flattenMetrics(v.metrics)) {
      if (typeof value2 === "number" && Number.isFinite(value2) && !names2.includes(k)) names2.push(k);
    }
  }
  return names2;
}
var SERIES_COLOURS = [
  { hex: "#1f6feb", emoji: "\u{1F535}" },
  { hex: "#cf222e", emoji: "\u{1F534}" },
  { hex: "#238636", emoji: "\u{1F7E2}" },
  { hex: "#d1500f", emoji: "\u{1F7E0}" },
  { hex: "#8250df", emoji: "\u{1F7E3}" },
  { hex: "#9a6700", emoji: "\u{1F7E4}" }
];
function planCharts(t) {
  const names2 = numericMetrics(t.versions);
  const unit = /* @__PURE__ */ new Map();
  const own = [];
  for (const name of names2) {
    const present = t.versions.filter((v) => metricValue(v.metrics, name) !== void 0);
    const values = present.map((v) => metricValue(v.metrics, name));
    if (!values.every((x) => x >= 0 && x <= 1)) {
      own.push(name);
      continue;
    }
    const key2 = present.map((v) => v.version).join(",");
    unit.set(key2, [...unit.get(key2) ?? [], name]);
  }
  const plans = [];
  for (const group of unit.values()) {
    for (let i = 0; i < group.length; i += SERIES_COLOURS.length) {
      const series = group.slice(i, i + SERIES_COLOURS.length);
      plans.push({
        title: series.length === 1 ? `${t.track}: ${series[0]}` : `${t.track}: scores`,
        axis: series.length === 1 ? series[0] : "score",
        series
      });
    }
  }
  for (const name of own) plans.push({ title: `${t.track}: ${name}`, axis: name, series: [name] });
  return plans.slice(0, MAX_CHARTS);
}
function charts(t) {
  const out = [];
  for (const plan of planCharts(t)) {
    const points = t.versions.map((v) => ({ v, values: plan.series.map((name) => metricValue(v.metrics, name)) })).filter(
      (p2) => p2.values.every((x) => x !== void 0)
    ).slice(-CHART_POINTS);
    if (points.length < 2) continue;
    out.push(
      ...metricChart(
        plan.title,
        plan.axis,
        points.map((p2) => ({ label: versionLabel(p2.v), values: p2.values }))
      )
    );
    if (plan.series.length > 1) {
      out.push(
        plan.series.map((name, i) => `${SERIES_COLOURS[i].emoji} ${cell(name)}`).join(" \xB7 ")
      );
    }
    out.push("");
  }
  return out;
}
function versionLabel(v) {
  return [`v${v.version}`, ...v.aliases].join(" ");
}
function metricChart(title, axis, points) {
  const all = points.flatMap((p2) => p2.values);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const palette = SERIES_COLOURS.map((c) => c.hex).join(", ");
  const init = {
    xyChart: { height: 260, width: 720 },
    themeVariables: { xyChart: { plotColorPalette: palette } }
  };
  const seriesCount = points[0]?.values.length ?? 0;
  return [
    "```mermaid",
    `%%{init: ${JSON.stringify(init)}}%%`,
    "xychart-beta",
    `  title "${mermaidText(title)}"`,
    `  x-axis [${points.map((p2) => `"${mermaidText(p2.label)}"`).join(", ")}]`,
    `  y-axis "${mermaidText(axis)}" ${formatNumber(lo)} --> ${formatNumber(hi)}`,
    ...Array.from(
      { length: seriesCount },
      (_, i) => `  line [${points.map((p2) => formatNumber(p2.values[i])).join(", ")}]`
    ),
    "```"
  ];
}
function mermaidText(text) {
  return text.replace(/[\u0000-\u001f\u007f"`[\]{}<>#;]/g, " ").replace(/\s+/g, " ").trim().slice(0, 80);
}
function formatNumber(x) {
  if (!Number.isFinite(x)) return "0";
  const rounded = Number(x.toPrecision(6));
  if (Math.abs(rounded) >= 1e21) return BigInt(rounded).toString();
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  return rounded.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(rounded))) + 5))).replace(/0+$/, "").replace(/\.$/, "");
}
function historySection(t, runPages) {
  const aliases = Object.keys(t.history).sort();
  if (aliases.length === 0) return [];
  const out = [];
  for (const alias of aliases) {
    const tenures = t.history[alias];
    out.push(
      `<details><summary>History of ${htmlText(alias)} (${tenures.length} promotion${tenures.length === 1 ? "" : "s"})</summary>`,
      "",
      "| Version | From | Until | By | Why |",
      "| --- | --- | --- | --- | --- |"
    );
    for (const h of [...tenures].reverse().slice(0, 50)) {
      const from = runLink(h.from.slice(0, 16).replace("T", " "), h.runUrl, runPages);
      const why = h.rule ? `rule: ${h.rule}` : h.reason ?? "";
      out.push(
        `| v${h.version} | ${from} | ${h.until ? cell(h.until.slice(0, 16).replace("T", " ")) : "now"} | ${cell(h.actor ?? "\u2014")} | ${cell(why, 160)} |`
      );
    }
    out.push("", "</details>", "");
  }
  return out;
}
function ranges(numbers) {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `v${sorted[i]}` : `v${sorted[i]}\u2013v${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}
function runLink(text, url, runPages) {
  if (!url || !runPages || !url.startsWith(runPages) || /[\s()<>]/.test(url)) return cell(text);
  return link(text, url);
}

// src/report/render-registry.ts
var WHY = {
  newest: "among the newest",
  young: "young enough",
  aliased: "aliased",
  "age-unknown": "age unknown (no notes)"
};
function renderPrune(result) {
  const title = result.dryRun ? "## Snapback: prune (dry run, nothing deleted)" : "## Snapback: prune";
  const out = [title, "", "| Track | Policy | Pruned | Kept |", "| --- | --- | --- | --- |"];
  for (const t of result.tracks) {
    const kept = t.kept.map((k) => `v${k.n}${k.why.includes("aliased") ? " (aliased)" : ""}`).join(", ");
    out.push(
      `| ${cell(t.track)} | ${escapeMarkdown(describePolicy(t.policy))} | ${t.pruned.length ? `${ranges(t.pruned)} (${t.pruned.length})` : "none"} | ${kept || "none"} |`
    );
  }
  out.push("");
  const reasons = result.tracks.flatMap(
    (t) => t.kept.filter((k) => !k.why.includes("newest")).map((k) => `- ${cell(t.track)} v${k.n}: ${k.why.map((w) => WHY[w]).join(", ")}`)
  );
  if (reasons.length > 0) out.push("Kept beyond the newest:", "", ...reasons.slice(0, 100), "");
  return out.join("\n");
}
function renderAlias(r, reason) {
  const alias = `\`${escapeMarkdown(r.alias)}\``;
  const lines = ["## Snapback: alias", ""];
  const from = r.previousVersion !== null ? `v${r.previousVersion}` : "nothing";
  switch (r.operation) {
    case "promoted":
      lines.push(`${alias} of ${cell(r.track)} moved from ${from} to **v${r.version}**.`);
      break;
    case "demoted":
      lines.push(`${alias} of ${cell(r.track)} removed (it pointed at ${from}).`);
      break;
    case "unchanged":
      lines.push(
        r.version !== null ? `${alias} of ${cell(r.track)} already points at v${r.version}; nothing changed.` : `${cell(r.track)} has no alias ${alias}; nothing changed.`
      );
      break;
    case "dry-run":
      lines.push(
        r.version !== null ? `Dry run: ${alias} of ${cell(r.track)} would move from ${from} to v${r.version}.` : `Dry run: ${alias} of ${cell(r.track)} would be removed (it points at ${from}).`
      );
      break;
  }
  if (reason) lines.push("", `Reason: ${cell(reason, 500)}`);
  lines.push("");
  return lines.join("\n");
}
function renderPromotions(tracks, dryRun) {
  const rows = tracks.filter((t) => t.promotion);
  if (rows.length === 0) return "";
  const out = [
    "### Auto-promotion",
    "",
    "| Track | Alias | Decision | Why |",
    "| --- | --- | --- | --- |"
  ];
  for (const t of rows) {
    const p2 = t.promotion;
    const decision = p2.promoted ? `${dryRun ? "would promote" : "promoted"} v${t.version}${p2.from !== null ? ` (was v${p2.from})` : ""}` : `kept ${p2.from !== null ? `v${p2.from}` : "unset"}`;
    out.push(`| ${cell(t.track)} | ${cell(p2.alias)} | ${decision} | ${cell(p2.reason, 300)} |`);
  }
  out.push("");
  return out.join("\n");
}

// src/operations/types.ts
function actorOf(env, reason) {
  return { actor: env.context.actor, runUrl: env.context.runUrl, reason };
}
function defineOperation(op) {
  return op;
}

// src/operations/options.ts
var TRACK_OPTIONS = [
  {
    name: "track",
    doc: "track name (default: default, or every track of the config file)",
    placeholder: "name"
  },
  { name: "paths", doc: 'comma- or newline-separated globs, "!" to exclude', placeholder: "globs" },
  { name: "config", doc: "config file (default: .github/snapback.yml)", placeholder: "file" },
  {
    name: "max-file-size",
    doc: "refuse files larger than this (default: 100 MB)",
    meaningfulFor: ["record"],
    placeholder: "size"
  },
  {
    name: "metrics",
    doc: "JSON object, or a JSON file, of metrics",
    meaningfulFor: ["record"],
    placeholder: "json|file"
  },
  {
    name: "include-workflows",
    doc: "let .github/workflows/** belong to the track",
    meaningfulFor: ["record", "diff", "rollback", "restore"],
    type: "boolean"
  }
];
var POLICY_OPTIONS = [
  {
    name: "keep-last",
    doc: "retention: keep the n newest versions",
    meaningfulFor: ["record", "prune"],
    placeholder: "n"
  },
  {
    name: "keep-days",
    doc: "retention: also keep versions younger than this",
    meaningfulFor: ["record", "prune"],
    placeholder: "days"
  },
  {
    name: "alias",
    doc: "the alias (default: active)",
    meaningfulFor: ["record", "promote", "demote"],
    placeholder: "name"
  },
  {
    name: "promote-metric",
    doc: "record: promote automatically when this metric improves",
    meaningfulFor: ["record"],
    placeholder: "name"
  },
  {
    name: "promote-high",
    doc: "... at or past x, no regression is enough",
    meaningfulFor: ["record"],
    placeholder: "x"
  },
  {
    name: "promote-min-improvement",
    doc: "... below it, the gain needed (default 0)",
    meaningfulFor: ["record"],
    placeholder: "x"
  },
  {
    name: "promote-direction",
    doc: "... higher (default) or lower is better",
    meaningfulFor: ["record"],
    placeholder: "d"
  },
  {
    name: "drift-warn-versions",
    doc: "status: flag aliases more than n versions behind",
    meaningfulFor: ["status"],
    placeholder: "n"
  },
  {
    name: "drift-warn-age",
    doc: "status: flag aliases behind for longer (12h, 7d, 2w)",
    meaningfulFor: ["status"],
    placeholder: "time"
  },
  {
    name: "drift-fail-versions",
    doc: "status: fail when an alias is more than n versions behind",
    meaningfulFor: ["status"],
    placeholder: "n"
  },
  {
    name: "drift-fail-age",
    doc: "status: fail when an alias is behind for longer (12h, 7d, 2w)",
    meaningfulFor: ["status"],
    placeholder: "time"
  }
];
var DRY_RUN = {
  name: "dry-run",
  doc: "show what would change, push nothing",
  type: "boolean"
};
var REASON = {
  name: "reason",
  doc: "why; stored with the change",
  placeholder: "text"
};
function policyInputs(inputs) {
  return {
    keepLast: inputs.get("keep-last"),
    keepDays: inputs.get("keep-days"),
    alias: inputs.get("alias"),
    promoteMetric: inputs.get("promote-metric"),
    promoteHigh: inputs.get("promote-high"),
    promoteMinImprovement: inputs.get("promote-min-improvement"),
    promoteDirection: inputs.get("promote-direction"),
    driftWarnVersions: inputs.get("drift-warn-versions"),
    driftWarnAge: inputs.get("drift-warn-age"),
    driftFailVersions: inputs.get("drift-fail-versions"),
    driftFailAge: inputs.get("drift-fail-age")
  };
}
function trackInputs(inputs) {
  return {
    track: inputs.get("track"),
    paths: inputs.get("paths"),
    config: inputs.get("config"),
    maxFileSize: inputs.get("max-file-size"),
    metrics: inputs.get("metrics"),
    includeWorkflows: inputs.get("include-workflows"),
    policies: policyInputs(inputs)
  };
}
function reasonOf(inputs) {
  return inputs.get("reason").trim() || void 0;
}

// src/operations/prune.ts
function namedTracks(named, command) {
  if (named.names && named.names.length === 0) {
    throw new InputError("track", `no track to ${command}.`);
  }
  return named.names;
}
function prunedOutput(result, tracks) {
  return JSON.stringify(
    tracks === 1 && result.tracks.length <= 1 ? result.tracks[0]?.pruned ?? [] : Object.fromEntries(result.tracks.map((t) => [t.track, t.pruned]))
  );
}
function pruneLines(result, opts = {}) {
  let out = "";
  for (const t of result.tracks) {
    const verb = result.dryRun ? "would prune" : "pruned";
    if (opts.onlyPruned) {
      if (t.pruned.length)
        out += `${t.track}: ${verb} ${t.pruned.map((n) => `v${n}`).join(", ")}
`;
      continue;
    }
    const list2 = t.pruned.length ? t.pruned.map((n) => `v${n}`).join(", ") : "nothing";
    out += `${t.track}: ${verb} ${list2}; kept ${t.kept.map((k) => `v${k.n}`).join(", ") || "nothing"}
`;
  }
  return out;
}
var pruneOperation = defineOperation({
  name: "prune",
  summary: "delete old versions (keeps the newest --keep-last, young and aliased ones)",
  hosts: ["action", "cli"],
  options: [...TRACK_OPTIONS, ...POLICY_OPTIONS, REASON, DRY_RUN],
  outputs: ["pruned", "results"],
  async parse(inputs, env) {
    const named = await resolveRegistryTracks(trackInputs(inputs), env.workspace);
    namedTracks(named, "prune");
    return {
      named,
      dryRun: parseBoolean(inputs.get("dry-run"), "dry-run"),
      reason: reasonOf(inputs)
    };
  },
  async run(env, { named, dryRun, reason }) {
    const git = await env.openGit();
    const names2 = named.names ?? tracksIn(await git.listRemoteRefs([VERSIONS_PREFIX]));
    return prune(
      { git, log: (m) => env.log(m), progress: env.progress },
      {
        tracks: names2.map((name) => ({
          name,
          policy: named.policies(name).retention ?? { keepLast: DEFAULT_KEEP_LAST }
        })),
        dryRun,
        by: actorOf(env, reason)
      }
    );
  },
  action(result, { named }) {
    return {
      outputs: {
        pruned: prunedOutput(result, named.names?.length ?? result.tracks.length),
        results: JSON.stringify(
          result.tracks.map((t) => ({
            track: t.track,
            pruned: t.pruned,
            kept: t.kept.map((k) => k.n)
          }))
        )
      },
      messages: result.tracks.map((t) => ({
        level: "info",
        text: `${t.track}: ${result.dryRun ? "would prune" : "pruned"} ${t.pruned.length ? t.pruned.map((n) => `v${n}`).join(", ") : "nothing"}; kept ${t.kept.length}.`
      })),
      summary: renderPrune(result)
    };
  },
  text: (result) => pruneLines(result)
});

// src/operations/record.ts
var recordOperation = defineOperation({
  name: "record",
  summary: "record the files of each track as its next version",
  hosts: ["action", "cli"],
  options: [
    ...TRACK_OPTIONS,
    REASON,
    { name: "metadata", doc: "JSON object stored with the version", placeholder: "json" },
    {
      name: "expected-version",
      doc: "fail unless the track's latest version is n",
      placeholder: "n"
    },
    DRY_RUN,
    ...POLICY_OPTIONS
  ],
  outputs: [
    "recorded",
    "versions",
    "results",
    "version",
    "ref",
    "commit",
    "previous-version",
    "label",
    "promoted",
    "promotion-reason",
    "pruned"
  ],
  async parse(inputs, env) {
    const tracks = await resolveTracks(trackInputs(inputs), env.workspace);
    const metadataText = inputs.get("metadata").trim();
    return {
      tracks,
      metadata: metadataText ? parseJsonObject(metadataText, "metadata") : void 0,
      expectedVersion: parseNonNegativeInt(inputs.get("expected-version"), "expected-version"),
      dryRun: parseBoolean(inputs.get("dry-run"), "dry-run"),
      reason: reasonOf(inputs)
    };
  },
  async run(env, opts) {
    const git = await env.openGit();
    const result = await record(
      {
        git,
        resolveLabel: (source) => resolveLabel(git, source),
        log: (m) => env.log(m),
        progress: env.progress,
        ...env.checkpoint ? { checkpoint: env.checkpoint } : {}
      },
      { ...opts, context: env.context }
    );
    const retained = opts.tracks.filter((t) => t.retention);
    const pruned = retained.length === 0 ? void 0 : await prune(
      { git, log: (m) => env.log(m), progress: env.progress },
      {
        tracks: retained.map((t) => ({ name: t.name, policy: t.retention })),
        dryRun: opts.dryRun,
        by: actorOf(env, "retention after recording")
      }
    );
    return { record: result, pruned };
  },
  action({ record: result, pruned }, opts, scene) {
    const first = result.tracks[0];
    const single = result.tracks.length === 1;
    const promotions = result.tracks.filter((t) => t.promotion);
    const outputs = {
      recorded: String(result.tracks.some((t) => t.status === "recorded")),
      versions: JSON.stringify(Object.fromEntries(result.tracks.map((t) => [t.track, t.version]))),
      results: JSON.stringify(
        result.tracks.map((t) => ({
          track: t.track,
          status: t.status,
          version: t.version,
          "previous-version": t.previousVersion,
          ref: t.ref,
          commit: t.commit,
          label: t.label,
          files: t.files,
          bytes: t.bytes
        }))
      ),
      ...single ? {
        version: String(first.version),
        ref: first.ref,
        commit: first.commit ?? "",
        "previous-version": first.previousVersion === null ? "" : String(first.previousVersion),
        label: first.label
      } : {},
      promoted: String(promotions.some((t) => t.promotion.promoted)),
      "promotion-reason": promotions.length === 1 && single ? promotions[0].promotion.reason : promotions.map((t) => `${t.track}: ${t.promotion.reason}`).join("\n"),
      pruned: pruned ? prunedOutput(pruned, opts.tracks.length) : JSON.stringify(opts.tracks.length === 1 ? [] : {})
    };
    const messages = [];
    for (const t of result.tracks) {
      if (t.status === "recorded") {
        messages.push({
          level: "notice",
          text: `Recorded ${t.track} v${t.version} (${t.label}): ${t.files} files, ref ${t.ref}`
        });
      } else if (t.status === "unchanged") {
        messages.push({
          level: "info",
          text: `${t.track}: unchanged since v${t.version}; nothing recorded.`
        });
      } else {
        messages.push({ level: "info", text: `${t.track}: dry run, would record v${t.version}.` });
      }
    }
    for (const t of promotions) {
      const p2 = t.promotion;
      const verb = opts.dryRun ? "would be promoted" : "promoted";
      messages.push(
        p2.promoted ? {
          level: "notice",
          text: `${t.track} v${t.version} ${verb} to '${p2.alias}': ${p2.reason}`
        } : {
          level: "info",
          text: `${t.track} v${t.version} not promoted to '${p2.alias}': ${p2.reason}`
        }
      );
    }
    const summary = renderRecordSummary(result, { runUrl: scene.runUrl, reason: opts.reason }) + renderPromotions(result.tracks, opts.dryRun) + (pruned ? renderPrune(pruned) : "");
    return { outputs, messages, summary };
  },
  text({ record: result, pruned }, opts) {
    let out = "";
    for (const t of result.tracks) {
      const what = t.status === "recorded" ? "recorded" : t.status === "unchanged" ? "unchanged at" : "would record";
      out += `${t.track}: ${what} v${t.version} (${t.label}) ${t.ref}${t.commit ? ` ${t.commit}` : ""}
`;
      if (t.promotion) {
        out += `  ${t.promotion.alias}: ${t.promotion.promoted ? opts.dryRun ? "would promote" : "promoted" : "not promoted"} (${t.promotion.reason})
`;
      }
    }
    if (pruned) out += pruneLines(pruned, { onlyPruned: true });
    return out;
  }
});

// src/operations/diff.ts
import { writeFile } from "node:fs/promises";
import { join as join6 } from "node:path";

// src/core/selectors.ts
var import_semver2 = __toESM(require_semver2(), 1);

// src/core/alias-history.ts
function aliasPositions(track, alias, events, current) {
  const moves = events.filter(
    (e) => e.track === track && e.alias === alias && (e.event === "promoted" || e.event === "demoted") && typeof e.at === "string"
  ).map((e, i) => ({ e, i })).sort((a, b) => a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i).map(({ e }) => e);
  const held = [];
  const go = (to) => {
    if (held.length === 0 || held[held.length - 1] !== to) held.push(to);
  };
  for (const e of moves) {
    if (e.event === "promoted") {
      if (typeof e.from === "number" || e.from === null) go(e.from);
      else if (held.length === 0) go(null);
      go(e.version);
    } else {
      if (held.length === 0) go(e.version);
      go(null);
    }
  }
  go(current);
  return held.reverse();
}

// src/core/selectors.ts
var SAFE_NAME = /^[A-Za-z0-9^~<>=*][A-Za-z0-9._\-/@^~<>=|*+ ]{0,199}$/;
var HINT2 = "Use a version number (3), latest, previous, worktree, an alias (active, production\u2026), an alias's earlier position (production@{1}), a semver range (^1.2) or a commit (a sha, a branch, a tag).";
var HISTORY_HINT = "Write <alias>@{<n>}: production@{0} is where production points now, production@{1} where it pointed before its last move, production@{2} the move before that.";
function parseAliasHistory(text, input) {
  const m = /^(.*)@\{(.*)\}$/s.exec(text);
  const alias = m?.[1] ?? "";
  const back = m?.[2] ?? "";
  if (!m || !isValidTrackName(alias) || /^v?[0-9]+$/.test(alias)) {
    throw new InputError(
      input,
      `'${printable(text)}' is not an alias history selector: it needs an alias name before @{\u2026}.`,
      HISTORY_HINT
    );
  }
  if (!/^[0-9]{1,6}$/.test(back)) {
    throw new InputError(
      input,
      `'${printable(text)}': @{${printable(back, 20)}} is not a number of moves back (dates are not supported).`,
      HISTORY_HINT
    );
  }
  return { kind: "alias-history", alias, back: Number(back) };
}
function parseSelector(raw, input) {
  const text = raw.trim();
  const digits = /^v?([0-9]+)$/.exec(text)?.[1];
  if (digits !== void 0) {
    const n = Number(digits);
    if (n >= 1 && Number.isSafeInteger(n)) return { kind: "version", n };
    throw new InputError(
      input,
      `'${printable(text)}' is not a version number: versions are numbered 1, 2, 3\u2026.`,
      HINT2
    );
  }
  if (text === "latest" || text === "previous" || text === "worktree") return { kind: text };
  if (text.includes("@{")) return parseAliasHistory(text, input);
  if (!SAFE_NAME.test(text) || text.includes("..") || text.startsWith("-")) {
    throw new InputError(input, `'${printable(text)}' is not a version selector.`, HINT2);
  }
  return { kind: "name", text };
}
function sortedVersions(index) {
  return [...index.versions.keys()].sort((a, b) => a - b);
}
function describeVersions(index) {
  const all = sortedVersions(index);
  if (all.length === 0) return `Track '${index.track}' has no versions yet.`;
  const shown = all.length > 12 ? [...all.slice(0, 3), "\u2026", ...all.slice(-8)] : all;
  const byOid = new Map([...index.versions].map(([n, oid]) => [oid, n]));
  const aliases = [...index.aliases].map(([a, oid]) => `${a} \u2192 v${byOid.get(oid) ?? "?"}`);
  return `Versions of '${index.track}': ${shown.join(", ")} (latest ${all[all.length - 1]})${aliases.length ? `; aliases: ${aliases.join(", ")}` : ""}.`;
}
function version(index, n, via, input) {
  const oid = index.versions.get(n);
  if (!oid) throw new InputError(input, `version ${n} does not exist.`, describeVersions(index));
  return { kind: "version", n, oid, via };
}
async function resolveSelector(sel, index, ctx) {
  const all = sortedVersions(index);
  const latest = all[all.length - 1];
  switch (sel.kind) {
    case "version":
      return version(index, sel.n, `v${sel.n}`, ctx.input);
    case "worktree":
      return { kind: "worktree" };
    case "latest":
      if (latest === void 0)
        throw new InputError(
          ctx.input,
          `'latest' has nothing to point at.`,
          describeVersions(index)
        );
      return version(index, latest, "latest", ctx.input);
    case "previous": {
      const anchor = ctx.relativeTo === null ? void 0 : ctx.relativeTo ?? latest;
      const prev = anchor === void 0 ? latest : all.filter((n) => n < anchor).pop();
      if (prev === void 0) {
        throw new InputError(
          ctx.input,
          `there is no version before ${anchor === void 0 ? "the work tree" : `v${anchor}`}.`,
          describeVersions(index)
        );
      }
      return version(index, prev, "previous", ctx.input);
    }
    case "alias-history":
      return resolveAliasHistory(sel, index, ctx);
    case "name": {
      const aliased = index.aliases.get(sel.text);
      if (aliased) {
        const n = [...index.versions].find(([, oid]) => oid === aliased)?.[0];
        if (n === void 0) {
          throw new InputError(
            ctx.input,
            `alias '${sel.text}' points at a commit that is not a version of '${index.track}'.`,
            describeVersions(index)
          );
        }
        return { kind: "version", n, oid: aliased, via: sel.text };
      }
      const range = /[~^<>=*xX| ]|^\d+(\.\d+){0,2}$/.test(sel.text) ? import_semver2.default.validRange(sel.text) : null;
      if (range && ctx.labels) {
        const match = await newestSatisfying(all, range, ctx.labels);
        if (match === void 0) {
          throw new InputError(
            ctx.input,
            `no version's label satisfies '${sel.text}'.`,
            describeVersions(index)
          );
        }
        return version(index, match, sel.text, ctx.input);
      }
      if (ctx.isCommit && await ctx.isCommit(sel.text)) return { kind: "commit", rev: sel.text };
      throw new InputError(
        ctx.input,
        `'${printable(sel.text)}' is not a version, alias, semver range or commit of track '${index.track}'.`,
        describeVersions(index)
      );
    }
  }
}
var FIRST_LABEL_BATCH = 32;
async function newestSatisfying(all, range, labels) {
  let end = all.length;
  for (let batch = FIRST_LABEL_BATCH; end > 0; batch *= 4) {
    const start = Math.max(0, end - batch);
    const slice = all.slice(start, end);
    const got = await labels(slice);
    for (let i = slice.length - 1; i >= 0; i--) {
      const n = slice[i];
      const label = got.get(n);
      if (label !== void 0 && import_semver2.default.valid(label) !== null && import_semver2.default.satisfies(label, range))
        return n;
    }
    end = start;
  }
  return void 0;
}
async function resolveAliasHistory(sel, index, ctx) {
  const text = `${sel.alias}@{${sel.back}}`;
  const byOid = new Map([...index.versions].map(([n2, oid]) => [oid, n2]));
  const now = index.aliases.get(sel.alias);
  const current = now === void 0 ? null : byOid.get(now) ?? null;
  if (now !== void 0 && current === null) {
    throw new InputError(
      ctx.input,
      `alias '${sel.alias}' points at a commit that is not a version of '${index.track}'.`,
      describeVersions(index)
    );
  }
  const events = sel.back === 0 || !ctx.aliasEvents ? [] : await ctx.aliasEvents();
  const positions = aliasPositions(index.track, sel.alias, events, current);
  if (positions.length === 1 && positions[0] === null) {
    throw new InputError(
      ctx.input,
      `track '${index.track}' has no alias '${sel.alias}' and no record of one.`,
      describeVersions(index)
    );
  }
  if (sel.back >= positions.length) {
    const oldest = positions.length - 1;
    throw new InputError(
      ctx.input,
      `'${text}' goes back further than the alias's recorded history: '${sel.alias}' has moved ${oldest} time${oldest === 1 ? "" : "s"}, so ${sel.alias}@{${oldest}} is the oldest position known.`,
      HISTORY_HINT
    );
  }
  const n = positions[sel.back];
  if (n === null || n === void 0) {
    throw new InputError(
      ctx.input,
      `'${sel.alias}' did not exist at '${text}' (${sel.back === 0 ? "it has been removed" : "before it was created, or after it was removed"}).`,
      `Its positions, newest first: ${positions.map((p2) => p2 === null ? "none" : `v${p2}`).join(", ")}.`
    );
  }
  if (!index.versions.has(n)) {
    throw new InputError(
      ctx.input,
      `'${text}' is v${n}, which no longer exists (pruned).`,
      describeVersions(index)
    );
  }
  return version(index, n, text, ctx.input);
}

// src/registry/labels.ts
function labelReader(git, notesOid, index) {
  const known = /* @__PURE__ */ new Map();
  let notes;
  return async (versions) => {
    const missing2 = versions.filter((n) => !known.has(n) && index.versions.has(n));
    if (missing2.length > 0) {
      const tip = await (notes ??= notesTipHere(git, notesOid));
      const got = tip ? await labelsAt(git, tip, index, missing2) : /* @__PURE__ */ new Map();
      for (const n of missing2) known.set(n, got.get(n) ?? null);
    }
    const out = /* @__PURE__ */ new Map();
    for (const n of versions) {
      const label = known.get(n);
      if (label) out.set(n, label);
    }
    return out;
  };
}
async function labelOf(git, notesOid, index, version2) {
  return (await labelReader(git, notesOid, index)([version2])).get(version2);
}
async function labelsAt(git, notes, index, versions) {
  const labels = /* @__PURE__ */ new Map();
  const byOid = /* @__PURE__ */ new Map();
  for (const n of versions) {
    const oid = index.versions.get(n);
    if (oid) byOid.set(oid, n);
  }
  const texts = await git.readNotes(notes, [...byOid.keys()]);
  for (const [oid, text] of texts) {
    for (const e of parseNote(text)) {
      if (e.event === "recorded" && typeof e.label === "string" && byOid.get(oid) === e.version)
        labels.set(e.version, e.label);
    }
  }
  return labels;
}

// src/registry/track-events.ts
async function trackEventsFrom(git, notesOid, index) {
  const notes = await notesTipHere(git, notesOid, {
    wholeNotes: index.versions.size >= WHOLE_NOTES_FROM
  });
  if (!notes) return [];
  const texts = await git.readNotes(notes, [...new Set(index.versions.values())]);
  return [...texts.values()].flatMap((t) => parseNote(t).filter((e) => e.track === index.track));
}
function lazyTrackEvents(git, notesOid, index) {
  let cached;
  return () => cached ??= trackEventsFrom(git, notesOid, index);
}

// src/commands/diff.ts
var DEFAULT_MAX_CONTENT_FILES = 1e3;
async function diff(deps, opts) {
  const { git } = deps;
  const toSel = parseSelector(opts.to || (opts.pullRequest ? "worktree" : "latest"), "to");
  const refs = await git.listRemoteRefs([
    ...opts.tracks.map((t) => trackPrefix(t.name)),
    NOTES_REF
  ]);
  const tracks = [];
  for (const track of opts.tracks) {
    const index = {
      track: track.name,
      versions: versionsOf(track.name, refs),
      aliases: aliasesOf(track.name, refs)
    };
    const labels = labelReader(git, refs.get(NOTES_REF), index);
    const isCommit = async (rev) => await git.resolveCommit(rev) !== void 0;
    const aliasEvents = lazyTrackEvents(git, refs.get(NOTES_REF), index);
    const fromText = opts.from || (opts.pullRequest ? index.aliases.has("active") ? "active" : "latest" : "previous");
    const nothing = !opts.from && !opts.to && !opts.pullRequest ? notEnoughVersions(index) : null;
    if (nothing) {
      tracks.push(nothingToCompare(track.name, index, nothing));
      continue;
    }
    const to = await resolveSelector(toSel, index, {
      input: "to",
      labels,
      isCommit,
      aliasEvents
    });
    const fromSel = parseSelector(fromText, "from");
    const from = await resolveFrom(fromSel, index, to, { labels, isCommit, aliasEvents });
    debug(
      deps.progress,
      `${track.name}: from '${fromText}' is ${describe2(from).describe}, to '${opts.to || "default"}' is ${describe2(to).describe}.`
    );
    await fetchVersions(git, track.name, [from, to]);
    const [fromTree, toTree] = [await treeOf(git, track, from), await treeOf(git, track, to)];
    const changes2 = fromTree === toTree ? [] : await git.diffTrees(fromTree, toTree ?? EMPTY_TREE, { renames: true });
    const { files, skipped } = await withContent(git, changes2, opts);
    tracks.push({
      track: track.name,
      from: describe2(from),
      to: describe2(to),
      files,
      contentSkipped: skipped
    });
  }
  return { tracks };
}
function notEnoughVersions(index) {
  const count = index.versions.size;
  if (count >= 2) return null;
  if (count === 0) return `'${index.track}' has no versions yet`;
  return `v${[...index.versions.keys()][0]} is the only version of '${index.track}'`;
}
function nothingToCompare(track, index, why) {
  const only = [...index.versions][0];
  return {
    track,
    from: { describe: "nothing to compare against", version: null, commit: null },
    to: only ? { describe: `v${only[0]}`, version: only[0], commit: only[1] } : { describe: "no version yet", version: null, commit: null },
    files: [],
    contentSkipped: 0,
    nothingToCompare: why
  };
}
async function resolveFrom(sel, index, to, ctx) {
  if (index.versions.size === 0 && (sel.kind === "latest" || sel.kind === "previous")) {
    return { kind: "empty", why: `no version of '${index.track}' yet` };
  }
  const relativeTo = to.kind === "version" ? to.n : null;
  return resolveSelector(sel, index, { ...ctx, input: "from", relativeTo });
}
function describe2(side) {
  switch (side.kind) {
    case "version":
      return {
        describe: side.via === `v${side.n}` ? `v${side.n}` : `v${side.n} (${side.via})`,
        version: side.n,
        commit: side.oid
      };
    case "worktree":
      return { describe: "work tree", version: null, commit: null };
    case "commit":
      return { describe: `commit ${side.rev}`, version: null, commit: null };
    case "empty":
      return { describe: `nothing (${side.why})`, version: null, commit: null };
  }
}
async function fetchVersions(git, track, sides) {
  const wanted = [];
  for (const side of sides) {
    if (side.kind === "version" && !await git.hasObject(side.oid)) {
      const ref = versionRef(track, side.n);
      if (!wanted.some((w) => w.remote === ref)) wanted.push({ remote: ref, local: ref });
    }
  }
  if (wanted.length > 0) await git.fetchRefs(wanted);
}
async function treeOf(git, track, side) {
  switch (side.kind) {
    case "empty":
      return null;
    case "version":
      return side.oid;
    // a commit is a tree-ish: diff-tree reads its tree itself
    case "worktree": {
      const patterns = needPatterns(track, "the work tree");
      return git.writeTree((await listTrackFiles(git, patterns)).map((f) => f.path));
    }
    case "commit": {
      const patterns = needPatterns(track, `commit ${side.rev}`);
      const commit = await git.resolveCommit(side.rev);
      return git.subTree(commit, trackMatcher(patterns));
    }
  }
}
function needPatterns(track, what) {
  if (!track.patterns) {
    throw new InputError(
      "paths",
      `is needed to compare track '${track.name}' with ${what}.`,
      "Set paths (or declare the track in .github/snapback.yml) so snapback knows which files belong to it."
    );
  }
  return track.patterns;
}
async function withContent(git, changes2, opts) {
  const maxFiles = opts.maxContentFiles ?? DEFAULT_MAX_CONTENT_FILES;
  const { contentLimit, diffContent } = await import("./content-diff-Q5R3O4VX.js");
  const maxBytes = (c) => opts.maxContentBytes ?? contentLimit(c.path);
  const chosen = [];
  let skipped = 0;
  for (const c of changes2) {
    const contentChanged = c.oldOid !== c.newOid;
    const regular = (m) => m === null || m.startsWith("100");
    if (!contentChanged || !regular(c.oldMode) || !regular(c.newMode)) continue;
    const tooLarge = Math.max(c.oldSize, c.newSize) > maxBytes(c);
    if (chosen.length >= maxFiles || tooLarge) skipped++;
    else chosen.push(c);
  }
  const blobs = await git.readBlobs(
    chosen.flatMap((c) => [c.oldOid, c.newOid]).filter((o) => o !== null)
  );
  const picked = new Set(chosen);
  const files = changes2.map((c) => ({
    ...c,
    content: picked.has(c) ? diffContent(
      c.path,
      c.oldOid ? blobs.get(c.oldOid) ?? null : null,
      c.newOid ? blobs.get(c.newOid) ?? null : null
    ) : null
  }));
  return { files, skipped };
}

// src/core/output-list.ts
var OUTPUT_LIST_BYTES = 256 * 1024;
function cappedJsonList(items, budget = OUTPUT_LIST_BYTES) {
  const parts = [];
  let used = 2;
  for (const item of items) {
    const text = JSON.stringify(item);
    const cost = Buffer.byteLength(text) + (parts.length > 0 ? 1 : 0);
    if (used + cost > budget) break;
    parts.push(text);
    used += cost;
  }
  return { json: `[${parts.join(",")}]`, shown: parts.length, total: items.length };
}

// src/operations/github.ts
function repoRef(repository) {
  const [owner = "", repo = ""] = repository.split("/");
  return { owner, repo };
}
function restOptions(at) {
  return { log: (m) => at.log(m), network: at.network };
}

// src/operations/diff.ts
async function diffOutputs(result, tempDir) {
  const files = result.tracks.flatMap((t) => t.files);
  const cut = [];
  const list2 = (name, items) => {
    const capped = cappedJsonList(items);
    if (capped.shown < capped.total) cut.push(`${name} (${capped.shown} of ${capped.total})`);
    return capped.json;
  };
  const paths = (kinds) => files.filter((f) => kinds.includes(f.status)).map((f) => f.path);
  const changesFile = join6(tempDir, `snapback-diff-${process.pid}-${Date.now()}.json`);
  await writeFile(changesFile, JSON.stringify(result, null, 2));
  const outputs = {
    added: list2("added", paths(["A"])),
    modified: list2("modified", paths(["M", "T"])),
    deleted: list2(
      "deleted",
      files.filter((f) => f.status === "D").map((f) => f.oldPath)
    ),
    renamed: list2(
      "renamed",
      files.filter((f) => f.status === "R").map((f) => ({ from: f.oldPath, to: f.path, similarity: f.similarity }))
    )
  };
  outputs["lists-truncated"] = String(cut.length > 0);
  outputs["changed-count"] = String(files.length);
  outputs["has-changes"] = String(files.length > 0);
  outputs["changes-file"] = changesFile;
  const messages = cut.length > 0 ? [
    {
      level: "warning",
      text: `The list outputs hold the first entries only: ${cut.join(", ")}; GitHub caps each step output at 1 MB. Every change is in the file named by the changes-file output.`,
      title: "snapback: lists truncated"
    }
  ] : [];
  return { outputs, messages };
}
var DIFF_OUTPUTS = [
  "added",
  "modified",
  "deleted",
  "renamed",
  "lists-truncated",
  "changed-count",
  "has-changes",
  "changes-file"
];
var diffOperation = defineOperation({
  name: "diff",
  summary: "compare two states of each track, file by file and key by key",
  hosts: ["action", "cli"],
  options: [
    {
      name: "from",
      doc: "older side: number, latest, previous, alias, semver range, commit-ish or worktree",
      positional: "from"
    },
    { name: "to", doc: "newer side, same forms (default: latest)", positional: "to" },
    {
      name: "comment",
      doc: "pull request comment: always, update-only, changes-only or off",
      hosts: ["action"]
    },
    ...TRACK_OPTIONS,
    ...POLICY_OPTIONS
  ],
  outputs: [...DIFF_OUTPUTS, "comment-id", "comment-operation"],
  async parse(inputs, env) {
    return {
      tracks: await resolveDiffTracks(trackInputs(inputs), env.workspace),
      commentMode: parseCommentMode(env.host === "action" ? inputs.get("comment") : ""),
      from: inputs.get("from").trim(),
      to: inputs.get("to").trim(),
      pullRequest: env.pullRequest !== void 0
    };
  },
  run(env, opts) {
    return env.openGit().then(
      (git) => diff(
        { git, log: (m) => env.log(m), progress: env.progress },
        { tracks: opts.tracks, from: opts.from, to: opts.to, pullRequest: opts.pullRequest }
      )
    );
  },
  async action(result, opts, scene) {
    const { outputs, messages } = await diffOutputs(result, scene.tempDir);
    const pr = scene.pullRequest;
    const heading = pr !== void 0 ? `how pull request #${pr.number} changes the tracked files` : "changes";
    const summary = renderDiff(result, { budget: SUMMARY_LIMIT, heading });
    for (const t of result.tracks) {
      messages.push({
        level: "info",
        text: t.nothingToCompare ? `${t.track}: nothing to compare against (${t.nothingToCompare}).` : `${t.track}: ${t.files.length} files differ between ${t.from.describe} and ${t.to.describe}.`
      });
    }
    if (pr === void 0) return { outputs, messages, summary };
    const comment = await pullRequestComment(result, opts, scene, heading);
    outputs["comment-id"] = comment.id === null ? "" : String(comment.id);
    outputs["comment-operation"] = comment.operation;
    return { outputs, messages: [...messages, ...comment.messages], summary };
  },
  text: (result, _opts, style) => diffText(result, style)
});
async function pullRequestComment(result, opts, scene, heading) {
  const pr = scene.pullRequest;
  if (opts.commentMode === "off") {
    return {
      id: null,
      operation: "skipped",
      messages: [{ level: "info", text: `Pull request comment: off (input 'comment').` }]
    };
  }
  const marker = markerFor(
    "diff",
    result.tracks.map((t) => t.track)
  );
  const body = renderDiff(result, {
    budget: COMMENT_LIMIT,
    heading,
    marker,
    fullReportUrl: scene.runUrl,
    pullRequest: {
      ...pr,
      at: (/* @__PURE__ */ new Date()).toISOString(),
      runUrl: scene.runUrl,
      customSides: opts.from !== "" || opts.to !== ""
    }
  });
  const { commentsApi, octokitFor, PermissionError } = await import("./github-api-KEJ4KNEV.js");
  try {
    const api = commentsApi(
      octokitFor(scene.github.token, restOptions(scene)),
      repoRef(scene.repository)
    );
    const sticky = await upsertStickyComment(api, pr.number, marker, body, {
      mode: opts.commentMode,
      hasChanges: result.tracks.some((t) => t.files.length > 0),
      same: sameComment
    });
    return {
      id: sticky.id,
      operation: sticky.operation,
      messages: [
        {
          level: "info",
          text: `Pull request comment${sticky.id === null ? "" : ` ${sticky.id}`}: ${sticky.operation} (comment: ${opts.commentMode}).`
        }
      ]
    };
  } catch (e) {
    if (!(e instanceof PermissionError)) throw e;
    return {
      id: null,
      operation: "skipped",
      messages: [
        {
          level: "warning",
          text: `${e.message} The diff is in the job summary instead. ${e.hint ?? ""}`.trim(),
          title: "snapback: no pull request comment"
        }
      ]
    };
  }
}
var STATUS_WORD = { A: "added", M: "modified", D: "deleted", T: "type changed", R: "renamed" };
function diffText(result, style) {
  let out = "";
  for (const t of result.tracks) {
    if (t.nothingToCompare) {
      out += `${style.bold(`${t.track}:`)} nothing to compare (${printable(t.nothingToCompare)})
`;
      continue;
    }
    const count = `${t.files.length} file${t.files.length === 1 ? "" : "s"}`;
    out += `${style.bold(`${t.track}:`)} ${t.from.describe} \u2192 ${t.to.describe}: ${t.files.length ? count : "no changes"}
`;
    for (const f of t.files) {
      const path = f.status === "R" ? `${printable(f.oldPath)} \u2192 ${printable(f.path)}` : printable(f.status === "D" ? f.oldPath : f.path);
      out += `  ${STATUS_WORD[f.status].padEnd(12)} ${path}
`;
      for (const k of f.content?.keys ?? []) {
        const sign = k.kind === "added" ? "+" : k.kind === "removed" ? "-" : "~";
        const value2 = (v) => printable(JSON.stringify(v) ?? "null", 60);
        const change = k.kind === "changed" ? `${value2(k.before)} \u2192 ${value2(k.after)}` : value2(k.kind === "added" ? k.after : k.before);
        out += `      ${sign} ${printable(k.path)}: ${change}
`;
      }
      if (f.content?.lines) {
        out += style.dim(`      +${f.content.lines.added} -${f.content.lines.removed} lines`) + "\n";
      }
    }
    if (t.contentSkipped > 0) {
      out += style.dim(`  (contents of ${t.contentSkipped} files not compared: limits)`) + "\n";
    }
  }
  return out;
}

// src/commands/promote.ts
async function promote(deps, opts) {
  const sel = parseSelector(opts.version || "latest", "version");
  if (sel.kind === "worktree") {
    throw new InputError(
      "version",
      `'worktree' is not a version; only recorded versions can be promoted.`,
      "Record the work tree first (command: record), then promote the version it gets."
    );
  }
  const session = new RegistrySession(deps.git);
  return retryRaces(`promote ${opts.track} to '${opts.alias}'`, deps.log, async () => {
    const view = await session.look({ prefixes: [trackPrefix(opts.track)] });
    const index = trackIndex(opts.track, view.refs);
    const byCommit = versionByCommit(index);
    const held = index.aliases.get(opts.alias);
    const heldVersion = held !== void 0 ? byCommit.get(held) ?? null : null;
    const target = await resolveSelector(sel, index, {
      input: "version",
      relativeTo: heldVersion ?? void 0,
      labels: labelReader(deps.git, view.notes, index),
      aliasEvents: lazyTrackEvents(deps.git, view.notes, index)
    });
    if (target.kind !== "version") {
      throw new InputError(
        "version",
        `'${opts.version}' is not a version of '${opts.track}'.`,
        describeVersions(index)
      );
    }
    const result = {
      track: opts.track,
      alias: opts.alias,
      operation: "promoted",
      version: target.n,
      previousVersion: heldVersion,
      commit: target.oid
    };
    debug(
      deps.progress,
      `${opts.track}: '${opts.version || "latest"}' is v${target.n}; '${opts.alias}' is on ${heldVersion === null ? "nothing" : `v${heldVersion}`}.`
    );
    if (held === target.oid) return { ...result, operation: "unchanged" };
    if (opts.dryRun) return { ...result, operation: "dry-run" };
    const at = (deps.now ?? (() => /* @__PURE__ */ new Date()))().toISOString();
    await session.land({
      notesBase: view.notes,
      events: /* @__PURE__ */ new Map([
        [target.oid, [promotedEvent(opts.track, target.n, opts.alias, heldVersion, at, opts.by)]]
      ]),
      updates: [
        { ref: aliasRef(opts.track, opts.alias), expected: held ?? null, next: target.oid },
        // The version must still exist when the alias lands on it.
        { ref: versionRef(opts.track, target.n), expected: target.oid, next: target.oid }
      ],
      message: `snapback: promote ${opts.track} v${target.n} to ${opts.alias}`,
      haves: [target.oid]
    });
    return result;
  });
}
async function demote(deps, opts) {
  const session = new RegistrySession(deps.git);
  return retryRaces(`remove '${opts.alias}' from ${opts.track}`, deps.log, async () => {
    const view = await session.look({ prefixes: [trackPrefix(opts.track)] });
    const index = trackIndex(opts.track, view.refs);
    const held = index.aliases.get(opts.alias);
    if (held === void 0) {
      const others = [...index.aliases.keys()];
      deps.log(
        `Track '${opts.track}' has no alias '${opts.alias}'${others.length ? ` (its aliases: ${others.join(", ")})` : ""}; nothing to remove.`
      );
      return {
        track: opts.track,
        alias: opts.alias,
        operation: "unchanged",
        version: null,
        previousVersion: null,
        commit: null
      };
    }
    const heldVersion = versionByCommit(index).get(held) ?? null;
    const result = {
      track: opts.track,
      alias: opts.alias,
      operation: opts.dryRun ? "dry-run" : "demoted",
      version: null,
      previousVersion: heldVersion,
      commit: null
    };
    if (opts.dryRun) return result;
    const at = (deps.now ?? (() => /* @__PURE__ */ new Date()))().toISOString();
    await session.land({
      notesBase: view.notes,
      events: /* @__PURE__ */ new Map([
        [held, [demotedEvent(opts.track, heldVersion ?? 0, opts.alias, at, opts.by)]]
      ]),
      updates: [{ ref: aliasRef(opts.track, opts.alias), expected: held, next: null }],
      message: `snapback: remove ${opts.alias} from ${opts.track}`
    });
    return result;
  });
}

// src/operations/alias.ts
var SELECTOR = {
  name: "version",
  doc: "the version: number, latest (default), previous, alias or semver range",
  positional: "selector"
};
function aliasOperation(command) {
  return defineOperation({
    name: command,
    summary: command === "promote" ? "point an alias (--alias, default active) at a version (default latest)" : "remove an alias (--alias, default active)",
    hosts: ["action", "cli"],
    options: [
      ...command === "promote" ? [SELECTOR] : [],
      ...TRACK_OPTIONS,
      ...POLICY_OPTIONS,
      REASON,
      DRY_RUN
    ],
    outputs: ["promoted", "version", "previous-version", "commit", "promotion-reason"],
    async parse(inputs, env) {
      const named = await resolveRegistryTracks(trackInputs(inputs), env.workspace);
      const names2 = named.names;
      if (names2?.length === 0) throw new InputError("track", `no track to ${command}.`);
      if (!names2 || names2.length !== 1) {
        throw new InputError(
          "track",
          `${command} works on one track${names2 ? `, and the config file declares ${names2.length}` : ""}.`,
          env.host === "cli" ? "Name it with --track." : "Name the track with the track input."
        );
      }
      return {
        track: names2[0],
        alias: assertAliasName(inputs.get("alias").trim() || "active"),
        version: command === "promote" ? inputs.get("version").trim() : "",
        dryRun: parseBoolean(inputs.get("dry-run"), "dry-run"),
        reason: reasonOf(inputs)
      };
    },
    async run(env, opts) {
      const git = await env.openGit();
      const deps = { git, log: (m) => env.log(m), progress: env.progress };
      const by = actorOf(env, opts.reason);
      const result = command === "promote" ? await promote(deps, { ...opts, by }) : await demote(deps, { ...opts, by });
      return {
        ...result,
        reason: opts.reason,
        promotionReason: result.operation === "promoted" ? opts.reason ?? `promoted by ${env.context.actor ?? "hand"}` : ""
      };
    },
    action(result) {
      const summary = renderAlias(result, result.reason);
      const line = summary.split("\n")[2] ?? "";
      const moved = result.operation === "promoted" || result.operation === "demoted";
      return {
        outputs: {
          promoted: String(result.operation === "promoted"),
          version: result.version === null ? "" : String(result.version),
          "previous-version": result.previousVersion === null ? "" : String(result.previousVersion),
          commit: result.commit ?? "",
          "promotion-reason": result.promotionReason
        },
        messages: [
          moved ? { level: "notice", text: line.replace(/\*\*/g, "") } : { level: "info", text: line }
        ],
        summary
      };
    },
    text(r) {
      const was = r.previousVersion === null ? "nothing" : `v${r.previousVersion}`;
      const now = r.version === null ? "nothing" : `v${r.version}`;
      const verb = r.operation === "dry-run" ? "would move" : r.operation === "unchanged" ? "stays" : "moved";
      return `${r.track}: ${r.alias} ${verb} ${was} \u2192 ${now}
`;
    },
    // Removing an alias the track does not have is a mistake on the command line (the Action
    // keeps it a no-op, so a cleanup step can run twice). A lost answer never lands here: the
    // session recognises its own landed change and does not look again.
    exitCode: (r) => command === "demote" && r.operation === "unchanged" ? 1 : 0
  });
}
var promoteOperation = aliasOperation("promote");
var demoteOperation = aliasOperation("demote");

// src/operations/status.ts
import { join as join7 } from "node:path";

// src/commands/status.ts
import { createWriteStream } from "node:fs";

// src/core/drift.ts
function driftOf(alias, version2, versions, now) {
  const newer = versions.filter((v) => v.n > version2).sort((a, b) => a.n - b.n);
  const latest = Math.max(version2, ...versions.map((v) => v.n));
  const since = newer.find((v) => v.at !== void 0)?.at ?? null;
  return {
    alias,
    version: version2,
    latest,
    behind: newer.length,
    behindSince: newer.length > 0 ? since : null,
    ageMs: newer.length > 0 && since ? Math.max(0, now.getTime() - Date.parse(since)) : 0
  };
}
function driftWarnings(d, t) {
  return passed(d, t.versions, t.ageMs, "threshold");
}
function driftErrors(d, t) {
  return passed(d, t.failVersions, t.failAgeMs, "failure threshold");
}
function driftLevel(warnings, errors) {
  return errors.length > 0 ? "error" : warnings.length > 0 ? "warning" : "none";
}
function worstLevel(levels) {
  let worst = "none";
  for (const l of levels) if (l === "error" || l === "warning" && worst === "none") worst = l;
  return worst;
}
function passed(d, versions, ageMs, what) {
  const out = [];
  if (versions !== void 0 && d.behind > versions) {
    out.push(`${d.behind} version${d.behind === 1 ? "" : "s"} behind (${what} ${versions})`);
  }
  if (ageMs !== void 0 && d.ageMs > ageMs)
    out.push(`behind for ${formatDuration(d.ageMs)} (${what} ${formatDuration(ageMs)})`);
  return out;
}

// src/core/promotion-history.ts
function str(v) {
  return typeof v === "string" ? v : void 0;
}
function promotionHistory(track, events) {
  const relevant = events.filter(
    (e) => e.track === track && (e.event === "promoted" || e.event === "demoted") && typeof e.alias === "string" && typeof e.at === "string"
  ).map((e, i) => ({ e, i })).sort((a, b) => a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i).map(({ e }) => e);
  const open2 = /* @__PURE__ */ new Map();
  const out = [];
  for (const e of relevant) {
    const alias = e.alias;
    const current = open2.get(alias);
    if (e.event === "demoted") {
      if (current && current.version === e.version) {
        current.until = e.at;
        open2.delete(alias);
      }
      continue;
    }
    if (current) {
      if (current.version === e.version) continue;
      current.until = e.at;
    }
    const tenure = {
      alias,
      version: e.version,
      from: e.at,
      until: null,
      actor: str(e.actor),
      reason: str(e.reason),
      runUrl: str(e.runUrl),
      rule: str(e.rule)
    };
    out.push(tenure);
    open2.set(alias, tenure);
  }
  return out;
}

// src/commands/status.ts
var STATUS_VERSIONS = 50;
var HISTORY_STEPS = 50;
var FIRST_WALK_WINDOW = 32;
var MAX_WALK_WINDOW = 512;
async function status(deps, opts) {
  const now = (deps.now ?? (() => /* @__PURE__ */ new Date()))();
  const session = new RegistrySession(deps.git);
  const view = await session.look({
    prefixes: opts.tracks ? opts.tracks.map(trackPrefix) : [VERSIONS_PREFIX],
    wholeNotes: (refs) => notesToRead(refs, opts) >= WHOLE_NOTES_FROM
  });
  const names2 = opts.tracks ?? tracksIn(view.refs);
  const tracks = [];
  for (const name of names2) {
    tracks.push(await trackStatus(session, trackIndex(name, view.refs), now, opts));
  }
  return { generatedAt: now.toISOString(), tracks };
}
function notesToRead(refs, opts) {
  let total = 0;
  for (const name of opts.tracks ?? tracksIn(refs)) {
    const index = trackIndex(name, refs);
    const shown = opts.versions === "all" ? index.versions.size : opts.versions ?? STATUS_VERSIONS;
    total += Math.min(index.versions.size, shown + index.aliases.size * FIRST_WALK_WINDOW);
  }
  return total;
}
async function trackStatus(session, index, now, opts) {
  const name = index.track;
  const aliasOf = aliasVersions(index);
  const numbers = [...index.versions.keys()].sort((a, b) => a - b);
  const limit = opts.versions === "all" ? numbers.length : opts.versions ?? STATUS_VERSIONS;
  const shown = new Set(limit > 0 ? numbers.slice(-limit) : []);
  for (const n of aliasOf.values()) shown.add(n);
  const needed = new Set(shown);
  for (const n of aliasOf.values()) {
    const after = numbers.find((m) => m > n);
    if (after !== void 0) needed.add(after);
  }
  const read = await session.eventsOf([...needed].map((n) => index.versions.get(n)));
  const recorded = (n) => recordedOf(read.get(index.versions.get(n)) ?? [], name, n);
  const versions = [...shown].sort((a, b) => a - b).map((n) => {
    const r = recorded(n);
    return {
      version: n,
      commit: index.versions.get(n),
      aliases: [...aliasOf].filter(([, v]) => v === n).map(([a]) => a),
      ...r ? fromRecorded(r) : {}
    };
  });
  const history = await aliasHistory(session, index, aliasOf, read);
  const thresholds = opts.thresholds(name);
  const timeline = numbers.map((n) => ({ n, at: strOf(recorded(n)?.at) }));
  const aliases = [...aliasOf].sort(([a], [b]) => a.localeCompare(b)).map(([alias, n]) => {
    const d = driftOf(alias, n, timeline, now);
    const warnings = driftWarnings(d, thresholds);
    const errors = driftErrors(d, thresholds);
    return { ...d, warnings, errors, level: driftLevel(warnings, errors) };
  });
  const latest = numbers.length > 0 ? numbers[numbers.length - 1] : null;
  const pruned = [];
  for (let n = 1; latest !== null && n < latest; n++) {
    if (!index.versions.has(n)) pruned.push({ version: n });
  }
  return { track: name, latest, count: numbers.length, versions, aliases, history, pruned };
}
async function aliasHistory(session, index, aliasOf, read) {
  const name = index.track;
  const isAliasEvent = (e) => e.track === name && (e.event === "promoted" || e.event === "demoted") && typeof e.alias === "string" && typeof e.at === "string";
  const seen = /* @__PURE__ */ new Map();
  const visited = /* @__PURE__ */ new Set();
  const take = (object, events) => {
    if (visited.has(object)) return;
    visited.add(object);
    for (const e of events.filter(isAliasEvent)) {
      seen.set(e.alias, [...seen.get(e.alias) ?? [], e]);
    }
  };
  for (const [object, events] of read) take(object, events);
  const asked = new Set(read.keys());
  let span = FIRST_WALK_WINDOW;
  const eventsOf2 = async (version2, commit, stepsLeft, pace) => {
    if (!asked.has(commit)) {
      const window = [];
      for (let n = version2; n > version2 - span && n > 0; n--) {
        const c = index.versions.get(n);
        if (c !== void 0 && !asked.has(c)) window.push(c);
      }
      for (const c of window) asked.add(c);
      const wanted = Math.ceil(stepsLeft * pace * 1.25);
      span = Math.min(Math.max(span * 2, wanted), span * 4, MAX_WALK_WINDOW);
      await session.notes(window);
    }
    return session.events(commit);
  };
  const windowOf = /* @__PURE__ */ new Map();
  for (const [alias, current] of aliasOf) {
    let version2 = current;
    let before;
    for (let step = 0; step < HISTORY_STEPS && version2 !== null; step++) {
      const commit = index.versions.get(version2);
      if (commit === void 0) break;
      const pace = step > 0 ? (current - version2) / step : 0;
      const events = await eventsOf2(version2, commit, HISTORY_STEPS - step, pace);
      take(commit, events);
      const promoted = events.filter(
        (e) => isAliasEvent(e) && e.event === "promoted" && e.alias === alias && e.version === version2 && (before === void 0 || e.at < before)
      ).sort((a, b) => a.at < b.at ? 1 : a.at > b.at ? -1 : 0)[0];
      if (!promoted) break;
      windowOf.set(alias, promoted.at);
      before = promoted.at;
      version2 = typeof promoted.from === "number" ? promoted.from : null;
    }
  }
  const history = {};
  for (const alias of [...seen.keys()].sort()) {
    const since = windowOf.get(alias);
    const events = seen.get(alias).filter((e) => since === void 0 || e.at >= since);
    const tenures = promotionHistory(name, events).filter((t) => t.alias === alias);
    if (tenures.length > 0) history[alias] = tenures;
  }
  return history;
}
function strOf(v) {
  return typeof v === "string" ? v : void 0;
}
function fromRecorded(e) {
  const str3 = (v) => typeof v === "string" ? v : void 0;
  const num2 = (v) => typeof v === "number" && Number.isFinite(v) ? v : void 0;
  const obj2 = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : void 0;
  const changes2 = obj2(e.changes);
  return {
    label: str3(e.label),
    at: str3(e.at),
    actor: str3(e.actor),
    reason: str3(e.reason),
    runUrl: str3(e.runUrl),
    files: num2(e.files),
    bytes: num2(e.bytes),
    metrics: obj2(e.metrics),
    metadata: obj2(e.metadata),
    sourceCommit: str3(e.sourceCommit),
    rollbackOf: num2(e.rollbackOf),
    changes: changes2 && num2(changes2.added) !== void 0 && num2(changes2.modified) !== void 0 && num2(changes2.deleted) !== void 0 ? {
      added: changes2.added,
      modified: changes2.modified,
      deleted: changes2.deleted
    } : void 0
  };
}
async function writeStatusFile(file, result) {
  const out = createWriteStream(file, { encoding: "utf8" });
  const write2 = (text) => new Promise((resolve3, reject) => out.write(text, (e) => e ? reject(e) : resolve3()));
  try {
    const indent = (json) => json.replace(/\n/g, "\n    ");
    const { tracks, ...rest } = result;
    const head = Object.keys(rest).length > 0 ? `${JSON.stringify(rest, null, 2).slice(0, -2)},` : "{";
    await write2(`${head}
  "tracks": [`);
    for (const [i, t] of tracks.entries()) {
      await write2(`${i === 0 ? "" : ","}
    ${indent(JSON.stringify(t, null, 2))}`);
    }
    await write2(tracks.length > 0 ? "\n  ]\n}" : "]\n}");
  } finally {
    await new Promise(
      (resolve3, reject) => out.end((e) => e ? reject(e) : resolve3())
    );
  }
}

// src/operations/status.ts
var statusOperation = defineOperation({
  name: "status",
  summary: "versions, aliases and their drift, per track",
  hosts: ["action", "cli"],
  options: [
    ...TRACK_OPTIONS,
    ...POLICY_OPTIONS,
    {
      name: "show-versions",
      doc: `status: versions listed per track, newest first (default ${STATUS_VERSIONS}, or all)`,
      placeholder: "n|all"
    }
  ],
  outputs: ["status-file", "drifted", "drift-level", "lagging-aliases"],
  async parse(inputs, env) {
    const raw = trackInputs(inputs);
    const named = await resolveRegistryTracks(raw, env.workspace);
    const track = raw.track.trim();
    return {
      named,
      explicit: track && track !== "default" ? track : void 0,
      versions: parseShowVersions(inputs.get("show-versions"))
    };
  },
  async run(env, { named, explicit, versions }) {
    const git = await env.openGit();
    const result = await status(
      { git },
      { tracks: named.names, thresholds: (t) => named.policies(t).drift, versions }
    );
    const shown = result.tracks.find((t) => t.track === explicit);
    if (shown && shown.versions.length === 0 && shown.pruned.length === 0) {
      const known = tracksIn(await git.listRemoteRefs([VERSIONS_PREFIX]));
      throw new InputError(
        "track",
        `'${printable(shown.track, 64)}' has no versions in the registry.`,
        known.length ? `Tracks there: ${known.join(", ")}.` : "The registry holds no versions yet; record one first."
      );
    }
    return result;
  },
  async action(result, _opts, scene) {
    const file = join7(scene.tempDir, `snapback-status-${process.pid}-${Date.now()}.json`);
    await writeStatusFile(file, result);
    const messages = [];
    for (const t of result.tracks) {
      for (const a of t.aliases) {
        if (a.warnings.length === 0 || a.errors?.length) continue;
        messages.push({
          level: "warning",
          text: `'${a.alias}' of ${t.track} is on v${a.version}, latest is v${a.latest}: ${a.warnings.join("; ")}.`,
          title: "snapback: alias drift"
        });
      }
      messages.push({
        level: "info",
        text: `${t.track}: ${t.count ?? t.versions.length} versions (latest ${t.latest === null ? "none" : `v${t.latest}`}); aliases: ${t.aliases.map((a) => `${a.alias} \u2192 v${a.version}`).join(", ") || "none"}.`
      });
    }
    const drift = driftOutputs(result);
    return {
      outputs: { "status-file": file, ...drift.outputs },
      failure: drift.failure,
      messages,
      summary: renderStatus(result, `${scene.serverUrl}/${scene.repository}/actions/runs/`)
    };
  },
  text(result, _opts, style) {
    let out = "";
    for (const t of result.tracks) {
      const count = t.count ?? t.versions.length;
      out += `${style.bold(`${t.track}:`)} ${count} version${count === 1 ? "" : "s"}, latest ${t.latest === null ? "none" : `v${t.latest}`}
`;
      for (const a of t.aliases) {
        const drift = a.behind === 0 ? "current" : `${a.behind} behind for ${formatDuration(a.ageMs)}`;
        const warning = a.errors?.length ? `  ${style.error(`!! ${a.errors.join("; ")}`)}` : a.warnings.length ? `  ${style.warn(`! ${a.warnings.join("; ")}`)}` : "";
        out += `  ${a.alias} \u2192 v${a.version} (${drift})${warning}
`;
      }
      for (const v of t.versions.slice(-10).reverse()) {
        out += `${`  v${v.version}  ${v.at?.slice(0, 16).replace("T", " ") ?? "?"}  ${printable(v.label ?? "")}  ${printable(v.actor ?? "")}  ${printable(v.reason ?? "")}`.trimEnd()}
`;
      }
    }
    return out;
  },
  // Past a failure threshold: the command fails, after printing the status.
  exitCode: (result) => worstDrift(result) === "error" ? 1 : 0
});
function worstDrift(result) {
  return worstLevel(result.tracks.flatMap((t) => t.aliases.map((a) => a.level ?? "none")));
}
function driftOutputs(result) {
  const level = worstDrift(result);
  const lagging = result.tracks.flatMap(
    (t) => t.aliases.filter((a) => a.behind > 0).map((a) => `${t.track}/${a.alias}`)
  );
  const failing = result.tracks.flatMap(
    (t) => t.aliases.filter((a) => a.errors?.length).map(
      (a) => `'${a.alias}' of ${t.track} is on v${a.version}, latest is v${a.latest}: ${a.errors.join("; ")}`
    )
  );
  return {
    outputs: {
      drifted: String(level !== "none"),
      "drift-level": level,
      "lagging-aliases": JSON.stringify(lagging)
    },
    failure: failing.length ? `Alias drift past the failure thresholds: ${failing.join(". ")}.` : void 0
  };
}
function parseShowVersions(text) {
  const v = text.trim();
  if (v === "") return void 0;
  if (v.toLowerCase() === "all") return "all";
  if (/^[1-9][0-9]{0,8}$/.test(v)) return Number(v);
  throw new InputError(
    "show-versions",
    `'${printable(v, 40)}' is not a whole number of at least 1, nor 'all'.`,
    `Give how many of each track's newest versions to list (default ${STATUS_VERSIONS}), or all.`
  );
}

// src/core/restore-safety.ts
var MODE_SYMLINK = "120000";
var MODE_GITLINK = "160000";
var WORKFLOWS = ".github/workflows/";
function isGitDir(component) {
  const c = component.toLowerCase().replace(/[. ]+$/, "");
  return c === ".git" || c === "git~1";
}
function normalize(parts) {
  const out = [];
  for (const p2 of parts) {
    if (p2 === "" || p2 === ".") continue;
    if (p2 === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(p2);
  }
  return out;
}
function checkRestore(entries, opts) {
  const refusals = [];
  const symlinks = new Set(opts.otherSymlinks ?? []);
  for (const e of entries) if (e.mode === MODE_SYMLINK) symlinks.add(e.path);
  for (const e of entries) {
    const why = refusalFor(e, opts.inTrack, symlinks, opts.workflows ?? false);
    if (why) refusals.push({ path: e.path, why });
  }
  return refusals;
}
function refusalFor(e, inTrack, symlinks, workflows) {
  const parts = e.path.split("/");
  if (e.path === "" || e.path.startsWith("/") || /^[A-Za-z]:/.test(e.path)) {
    return "an absolute path would be written outside the repository";
  }
  if (e.path.includes("\\"))
    return "a backslash in a path can climb out of the repository on Windows";
  if (/[\u0000-\u001f\u007f]/.test(e.path)) return "control characters in a path";
  if (parts.some((p2) => p2 === ".." || p2 === "." || p2 === "")) {
    return "a `..` or empty path component would be written outside the repository";
  }
  if (parts.some(isGitDir)) return "paths inside `.git` are never written";
  if (e.mode === MODE_GITLINK || e.type === "commit") {
    return "submodules (gitlinks) are not restored";
  }
  if (!workflows && e.path.toLowerCase().startsWith(WORKFLOWS)) {
    return "the version changes a file under `.github/workflows/`, which the Actions token may not do: set include-workflows: true and pass a token allowed to change workflows, or restore it by hand";
  }
  if (!inTrack(e.path)) return "the path is not part of the track's patterns";
  for (let i = 1; i < parts.length; i++) {
    const prefix = parts.slice(0, i).join("/");
    if (symlinks.has(prefix)) return `the path goes through the symbolic link \`${prefix}\``;
  }
  if (e.mode !== MODE_SYMLINK && e.mode !== "100644" && e.mode !== "100755") {
    return `unexpected file mode ${e.mode}`;
  }
  return void 0;
}
function checkSymlinkTarget(path, target) {
  if (target.startsWith("/") || /^[A-Za-z]:/.test(target) || target.includes("\\")) {
    return `the symbolic link points outside the repository (${JSON.stringify(target)})`;
  }
  const dir = path.split("/").slice(0, -1);
  const resolved = normalize([...dir, ...target.split("/")]);
  if (resolved === null) {
    return `the symbolic link points outside the repository (${JSON.stringify(target)})`;
  }
  if (resolved.some(isGitDir)) return "the symbolic link points into `.git`";
  return void 0;
}

// src/github/rollback-pull.ts
var CREATE_ATTEMPTS = 3;
async function openOrUpdatePull(api, spec) {
  const existing = await api.findOpen(spec.branch, spec.base);
  let pull;
  let operation;
  if (existing) {
    pull = existing;
    const now = existing.current;
    if (now && now.title === spec.title && now.body === spec.body) {
      operation = "unchanged";
    } else {
      await api.update(existing.number, { title: spec.title, body: spec.body });
      operation = "updated";
    }
  } else {
    pull = await createOnce2(api, spec);
    operation = "created";
  }
  const missing2 = (wanted, has2) => {
    const present = new Set((has2 ?? []).map((x) => x.toLowerCase()));
    return wanted.filter((x) => !present.has(x.toLowerCase()));
  };
  const labels = missing2(spec.labels, pull.current?.labels);
  const assignees = missing2(spec.assignees, pull.current?.assignees);
  const reviewers = missing2(spec.reviewers, pull.current?.reviewers);
  const warnings = [];
  const extra = async (what, list2, call) => {
    if (list2.length === 0) return;
    try {
      await call();
    } catch (e) {
      warnings.push(`Could not add ${what} ${list2.join(", ")}: ${e.message}`);
    }
  };
  await extra("labels", labels, () => api.addLabels(pull.number, labels));
  await extra("assignees", assignees, () => api.addAssignees(pull.number, assignees));
  await extra("reviewers", reviewers, () => api.requestReviewers(pull.number, reviewers));
  if (operation === "unchanged" && labels.length + assignees.length + reviewers.length > 0) {
    operation = "updated";
  }
  return { pull, operation, warnings };
}
async function createOnce2(api, spec) {
  let lastError;
  for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
    try {
      return await api.create({
        title: spec.title,
        body: spec.body,
        head: spec.branch,
        base: spec.base,
        draft: spec.draft
      });
    } catch (e) {
      if (!isTransient(e)) throw e;
      lastError = e;
      const found = await api.findOpen(spec.branch, spec.base);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
  throw lastError;
}
async function closePull(api, branch, base, comment) {
  const existing = await api.findOpen(branch, base);
  if (!existing) return void 0;
  await api.comment(existing.number, comment);
  await api.close(existing.number);
  return existing;
}

// src/commands/rollback.ts
var BRANCH_PREFIX = "snapback/rollback/";
var BASE_NAME = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/-]{1,200}(?<![./])(?<!\.lock)$/;
function rollbackBranch(track) {
  return `${BRANCH_PREFIX}${track}`;
}
async function rollback(deps, opts) {
  const sel = parseSelector(opts.version || "previous", "version");
  if (sel.kind === "worktree") {
    throw new InputError(
      "version",
      `'worktree' is not a version to roll back to.`,
      "Give a version number, an alias, previous or a semver range."
    );
  }
  if (opts.base && !BASE_NAME.test(opts.base)) {
    throw new InputError(
      "base",
      `'${printable(opts.base)}' is not a branch name.`,
      "Give the name of the branch the pull request should merge into, like main."
    );
  }
  const { git } = deps;
  const branch = rollbackBranch(opts.track);
  const branchRef = `refs/heads/${branch}`;
  return retryRaces(`roll back ${opts.track}`, deps.log, async () => {
    const view = await lookAtRegistry(git, [trackPrefix(opts.track)]);
    const index = trackIndex(opts.track, view.refs);
    if (index.versions.size === 0) {
      throw new InputError(
        "track",
        `'${opts.track}' has no versions to roll back to.`,
        describeVersions(index)
      );
    }
    const byCommit = versionByCommit(index);
    const active = index.aliases.get("active");
    const activeVersion = active !== void 0 ? byCommit.get(active) : void 0;
    const latest = Math.max(...index.versions.keys());
    const replaces = activeVersion ?? latest;
    const resolved = await resolveSelector(sel, index, {
      input: "version",
      relativeTo: activeVersion,
      labels: labelReader(git, view.notes, index),
      aliasEvents: lazyTrackEvents(git, view.notes, index)
    });
    if (resolved.kind !== "version") {
      throw new InputError(
        "version",
        `'${printable(opts.version)}' is not a version of '${opts.track}'.`,
        describeVersions(index)
      );
    }
    const target = resolved;
    const base = opts.base || await git.defaultBranch();
    if (!base) {
      throw new InputError(
        "base",
        "is empty and the server does not name a default branch.",
        "Give the branch to merge into, like main."
      );
    }
    const baseRef = `refs/heads/${base}`;
    const heads = await git.listRemoteRefs([baseRef, branchRef]);
    const baseTip = heads.get(baseRef);
    if (!baseTip) {
      throw new InputError(
        "base",
        `the branch '${printable(base)}' does not exist on the server.`,
        "Give an existing branch to merge into (default: the repository default branch)."
      );
    }
    const branchTip = heads.get(branchRef) ?? null;
    const wanted = [
      { remote: baseRef, local: `refs/snapback/base/${base}` },
      ...!await git.hasObject(target.oid) ? [{ remote: versionRef(opts.track, target.n), local: versionRef(opts.track, target.n) }] : [],
      ...branchTip && !await git.hasObject(branchTip) ? [{ remote: branchRef, local: `refs/snapback/${branch}` }] : []
    ];
    const fetched = await git.fetchRefs(wanted);
    const baseCommit = fetched.get(`refs/snapback/base/${base}`) ?? baseTip;
    const baseTree = (await git.readCommit(baseCommit)).tree;
    const versionEntries = await git.listTree(target.oid);
    let inTrack;
    if (opts.patterns) {
      inTrack = trackMatcher({ ...opts.patterns, workflows: opts.includeWorkflows });
    } else {
      const latestOid = index.versions.get(latest);
      if (!await git.hasObject(latestOid)) {
        await git.fetchRefs([
          { remote: versionRef(opts.track, latest), local: versionRef(opts.track, latest) }
        ]);
      }
      const known = new Set(
        [...await git.listTree(latestOid), ...versionEntries].map((e) => e.path)
      );
      inTrack = (path) => known.has(path) && (opts.includeWorkflows || !isWorkflowPath(path));
    }
    const baseEntries = await git.listTree(baseCommit);
    const kept = baseEntries.filter((e) => !inTrack(e.path));
    const inBase = new Map(baseEntries.map((e) => [e.path, `${e.mode} ${e.oid}`]));
    const targetEntries = versionEntries.filter(
      (e) => opts.includeWorkflows || !isWorkflowPath(e.path) || inBase.get(e.path) !== `${e.mode} ${e.oid}`
    );
    await refuseUnsafe(
      git,
      opts.track,
      target.n,
      targetEntries,
      kept,
      inTrack,
      opts.includeWorkflows
    );
    const edits = [
      ...baseEntries.filter((e) => inTrack(e.path)).map((e) => ({ path: e.path, mode: e.mode, oid: null })),
      ...targetEntries.map((e) => ({ path: e.path, mode: e.mode, oid: e.oid }))
    ];
    const newTree = await git.editTree(baseTree, edits);
    const changes2 = newTree === baseTree ? [] : await git.diffTrees(baseTree, newTree, { renames: true });
    const { files, skipped } = await withContent(git, changes2, {});
    const meta = parseVersionMessage((await git.readCommit(target.oid)).message);
    const label = meta?.label || await labelOf(git, view.notes, index, target.n);
    const trackDiff = {
      track: opts.track,
      from: { describe: `${base} now`, version: null, commit: baseCommit },
      to: {
        describe: `v${target.n}${label ? ` (${label})` : ""}`,
        version: target.n,
        commit: target.oid
      },
      files,
      contentSkipped: skipped
    };
    const diff2 = { tracks: [trackDiff] };
    const facts = {
      track: opts.track,
      target: target.n,
      label,
      replaces,
      base,
      reason: opts.by.reason,
      runUrl: opts.by.runUrl
    };
    const result = {
      track: opts.track,
      target: { version: target.n, label, commit: target.oid },
      replaces,
      base,
      branch,
      commit: null,
      diff: diff2,
      operation: "none",
      pull: void 0,
      alreadyThere: newTree === baseTree
    };
    if (opts.dryRun) return result;
    if (newTree === baseTree) {
      const closed = await closePull(deps.pulls(), branch, base, closedComment(facts));
      return { ...result, operation: closed ? "closed" : "none", pull: closed };
    }
    let commit;
    let bodyFacts = facts;
    if (branchTip) {
      const tip = await git.readCommit(branchTip);
      const trailers = parseTrailers(tip.message);
      const ourCommitters = [formatPerson(git.identity.committer), formatPerson(ACTIONS_BOT)];
      if (!trailers.has(ROLLBACK_TRAILERS.target) || !ourCommitters.includes(tip.committer)) {
        throw new SnapbackError(
          "branch-not-ours",
          `The branch '${branch}' has a commit snapback did not make (${branchTip.slice(0, 12)}); it will not be overwritten.`,
          `Merge or delete that branch, then dispatch the rollback again.`
        );
      }
      if (tip.tree === newTree && tip.parents[0] === baseCommit) {
        commit = branchTip;
        bodyFacts = { ...facts, runUrl: trailers.get(ROLLBACK_TRAILERS.run) ?? facts.runUrl };
      }
    }
    if (!commit) {
      commit = await git.writeCommit({
        tree: newTree,
        parents: [baseCommit],
        message: rollbackCommitMessage(facts),
        author: git.identity.author,
        committer: git.identity.committer
      });
      const outcome = await git.push(
        [{ ref: branchRef, expected: branchTip, next: commit }],
        [baseCommit, target.oid]
      );
      if (!outcome.ok) throw new RaceLost(outcome.detail);
    }
    const { pull, operation, warnings } = await openOrUpdatePull(deps.pulls(), {
      branch,
      base,
      title: rollbackTitle(facts),
      body: rollbackBody(bodyFacts, diff2, opts.bodyLimit),
      draft: opts.draft,
      labels: opts.labels,
      assignees: opts.assignees,
      reviewers: opts.reviewers
    });
    for (const w of warnings) deps.warn(w);
    return { ...result, commit, operation, pull };
  });
}
async function refuseUnsafe(git, track, version2, entries, kept, inTrack, workflows) {
  const keptLinks = new Set(kept.filter((e) => e.mode === MODE_SYMLINK).map((e) => e.path));
  const refusals = checkRestore(entries, {
    inTrack,
    otherSymlinks: keptLinks,
    workflows
  });
  const links = entries.filter(
    (e) => e.mode === MODE_SYMLINK && !refusals.some((r) => r.path === e.path)
  );
  const targets = await git.readBlobs(links.map((e) => e.oid));
  for (const e of links) {
    const why = checkSymlinkTarget(e.path, targets.get(e.oid)?.toString("utf8") ?? "");
    if (why) refusals.push({ path: e.path, why });
  }
  const keptPaths = new Set(kept.map((e) => e.path));
  const keptDirs = new Set(
    kept.flatMap(
      (e) => e.path.split("/").slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join("/"))
    )
  );
  for (const e of entries) {
    if (refusals.some((r) => r.path === e.path)) continue;
    if (keptDirs.has(e.path))
      refusals.push({ path: e.path, why: "a folder of files outside the track has this name" });
    const parts = e.path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      if (keptPaths.has(prefix)) {
        refusals.push({ path: e.path, why: `\`${prefix}\` is a file outside the track` });
        break;
      }
    }
  }
  if (refusals.length === 0) return;
  const shown = refusals.slice(0, 10).map((r) => `${printable(r.path, 200)}: ${r.why}`);
  const more = refusals.length > 10 ? ` (and ${refusals.length - 10} more)` : "";
  throw new SnapbackError(
    "unsafe-snapshot",
    `Version ${version2} of '${track}' cannot be restored; nothing was written. ${shown.join("; ")}${more}.`,
    "Version refs can be pushed by anyone with write access: inspect it with `git ls-tree -r refs/versions/" + track + "/" + version2 + "`, and roll back to another version."
  );
}

// src/operations/rollback.ts
var LISTS = ["labels", "assignees", "reviewers"];
var rollbackOperation = defineOperation({
  name: "rollback",
  summary: "open a pull request that puts a version's files back",
  hosts: ["action", "cli"],
  options: [
    {
      name: "version",
      doc: "the version to put back (default: previous)",
      positional: "selector"
    },
    { name: "base", doc: "the branch the pull request merges into", placeholder: "branch" },
    { name: "labels", doc: "labels for the pull request", placeholder: "list" },
    { name: "assignees", doc: "logins the pull request is assigned to", placeholder: "list" },
    { name: "reviewers", doc: "logins asked to review the pull request", placeholder: "list" },
    { name: "draft", doc: "open the pull request as a draft", type: "boolean" },
    { name: "pr-token", doc: "token for the pull request calls", hosts: ["action"] },
    ...TRACK_OPTIONS,
    ...POLICY_OPTIONS,
    REASON,
    DRY_RUN
  ],
  outputs: [
    ...DIFF_OUTPUTS,
    "branch",
    "pull-request-operation",
    "pull-request-number",
    "pull-request-url",
    "version",
    "commit"
  ],
  async parse(inputs, env) {
    const raw = trackInputs(inputs);
    const tracks = await resolveDiffTracks(raw, env.workspace);
    const named = (raw.track.trim() || "default") !== "default";
    if (tracks.length !== 1 && !named) {
      throw new InputError(
        "track",
        `rollback works on one track, and the config file declares ${tracks.length}.`,
        "Name the track to roll back with the track input."
      );
    }
    const track = tracks[0];
    const lists = Object.fromEntries(LISTS.map((name) => [name, inputs.list(name)]));
    for (const [input, values] of Object.entries(lists)) {
      for (const v of values) {
        if (!/^[^\u0000-\u001f,]{1,100}$/.test(v)) {
          throw new InputError(
            input,
            `'${v.slice(0, 40)}' is not a valid entry.`,
            "Give names separated by commas or new lines."
          );
        }
      }
    }
    return {
      track,
      includeWorkflows: track.patterns?.workflows ?? parseBoolean(raw.includeWorkflows ?? "", "include-workflows"),
      version: inputs.get("version").trim(),
      base: inputs.get("base").trim(),
      dryRun: parseBoolean(inputs.get("dry-run"), "dry-run"),
      draft: parseBoolean(inputs.get("draft"), "draft"),
      reason: reasonOf(inputs),
      ...lists,
      prToken: env.host === "action" ? inputs.secret("pr-token") : ""
    };
  },
  async run(env, opts) {
    const github = env.github;
    const needGithub = () => new SnapbackError(
      "invalid-input",
      "rollback opens a pull request on GitHub, and no GitHub token is set.",
      env.host === "cli" ? "Set GH_TOKEN (or GITHUB_TOKEN) to a token with contents: write and pull-requests: write, in a clone whose remote is the GitHub repository; or add --dry-run to see the change only." : "Set the token input."
    );
    if (!github && !opts.dryRun) throw needGithub();
    const git = await env.openGit();
    const { pullsApi, octokitFor } = await import("./github-api-KEJ4KNEV.js");
    return rollback(
      {
        git,
        pulls: () => {
          if (!github) throw needGithub();
          return pullsApi(
            octokitFor(opts.prToken || github.token, restOptions(env)),
            repoRef(github.repository)
          );
        },
        log: (m) => env.log(m),
        // GitHub's refusals of labels or reviewers are relayed in its own words: redacted.
        warn: (m) => env.warn(redact(m))
      },
      {
        track: opts.track.name,
        patterns: opts.track.patterns,
        includeWorkflows: opts.includeWorkflows,
        version: opts.version,
        base: opts.base,
        dryRun: opts.dryRun,
        by: actorOf(env, opts.reason),
        labels: opts.labels,
        assignees: opts.assignees,
        reviewers: opts.reviewers,
        draft: opts.draft,
        bodyLimit: COMMENT_LIMIT
      }
    );
  },
  async action(result, opts, scene) {
    const { outputs, messages } = await diffOutputs(result.diff, scene.tempDir);
    outputs["branch"] = rollbackBranch(opts.track.name);
    outputs["pull-request-operation"] = result.operation;
    outputs["pull-request-number"] = result.pull ? String(result.pull.number) : "";
    outputs["pull-request-url"] = result.pull?.url ?? "";
    outputs["version"] = String(result.target.version);
    outputs["commit"] = result.commit ?? "";
    const line = rollbackLine(result, opts.dryRun);
    const pullLink = result.pull ? `

${link(`Pull request #${result.pull.number}`, result.pull.url)}` : "";
    const noticed = !opts.dryRun && result.operation !== "none" && result.operation !== "unchanged";
    const all = [
      ...messages,
      noticed ? { level: "notice", text: line } : { level: "info", text: line }
    ];
    const summary = `## Snapback: rollback

${escapeMarkdown(line)}${pullLink}

` + renderDiff(result.diff, {
      budget: SUMMARY_LIMIT - 2e3,
      heading: `what rolling back changes in ${escapeMarkdown(result.base)}`
    });
    return { outputs, messages: all, summary };
  },
  text: (result, opts) => `${rollbackLine(result, opts.dryRun)}
`
});
function rollbackLine(result, dryRun) {
  const target = `${result.track} v${result.target.version}`;
  return dryRun ? `Dry run: rolling back to ${target} would change ${result.diff.tracks[0].files.length} files on ${result.base}; nothing pushed.` : result.alreadyThere ? `${result.base} already holds ${target}'s files${result.operation === "closed" ? `; closed pull request #${result.pull.number}` : ""}.` : `Rollback to ${target}: pull request #${result.pull.number} ${result.operation} (${result.pull.url}).`;
}

// src/core/version-filter.ts
function parseSince(text, input, now) {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const at = new Date(trimmed);
    if (Number.isNaN(at.getTime())) {
      throw new InputError(
        input,
        `'${printable(trimmed, 40)}' is not a date.`,
        "Write a date (2024-05-01), a time (2024-05-01T12:00Z) or a duration back from now (7d, 12h)."
      );
    }
    return at;
  }
  return new Date(now.getTime() - parseDuration(trimmed, input));
}
function parseLimit(text, input) {
  const trimmed = text.trim();
  const n = /^[0-9]{1,9}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(n >= 1)) {
    throw new InputError(
      input,
      `'${printable(trimmed, 40)}' is not a number of versions.`,
      "Give a whole number of at least 1, for example 20."
    );
  }
  return n;
}
function selectVersions(versions, opts) {
  const since = opts.since?.getTime();
  const newestFirst = [...versions].sort((a, b) => b.version - a.version).filter((v) => since === void 0 || v.at === void 0 || Date.parse(v.at) >= since);
  return opts.limit === void 0 ? newestFirst : newestFirst.slice(0, opts.limit);
}

// src/core/version-info.ts
var str2 = (v) => typeof v === "string" ? v : void 0;
var num = (v) => typeof v === "number" && Number.isFinite(v) ? v : void 0;
var obj = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : void 0;
function recordedEventOf(events, track, n) {
  return (events ?? []).find((e) => e.event === "recorded" && e.track === track && e.version === n);
}
function changesOf(e) {
  const c = obj(e.changes);
  if (!c) return void 0;
  const [added, modified, deleted] = [num(c.added), num(c.modified), num(c.deleted)];
  return added !== void 0 && modified !== void 0 && deleted !== void 0 ? { added, modified, deleted } : void 0;
}
function versionInfo(parts) {
  const { recorded: e, meta: m } = parts;
  const prev = e && "previousVersion" in e ? e.previousVersion : void 0;
  return {
    track: parts.track,
    version: parts.version,
    commit: parts.commit,
    label: (e && str2(e.label)) ?? (m?.label || void 0),
    at: (e && str2(e.at)) ?? parts.committedAt,
    actor: (e && str2(e.actor)) ?? m?.actor,
    reason: (e && str2(e.reason)) ?? m?.reason,
    runUrl: (e && str2(e.runUrl)) ?? m?.runUrl,
    sourceCommit: (e && str2(e.sourceCommit)) ?? m?.sourceCommit,
    previousVersion: prev === null ? null : num(prev) ?? m?.previousVersion,
    files: (e && num(e.files)) ?? m?.files,
    bytes: (e && num(e.bytes)) ?? m?.bytes,
    changes: e ? changesOf(e) : void 0,
    metrics: (e && obj(e.metrics)) ?? m?.metrics,
    metadata: (e && obj(e.metadata)) ?? m?.metadata,
    rollbackOf: (e && num(e.rollbackOf)) ?? m?.rollbackOf,
    aliases: [...parts.aliases].sort(),
    source: e ? "notes" : m ? "trailers" : "none"
  };
}
function eventsOf(events, track, n) {
  return (events ?? []).filter((e) => e.track === track && e.version === n).map((e, i) => ({ e, i })).sort((a, b) => a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i).map(({ e }) => e);
}

// src/commands/read-versions.ts
async function readRegistry(git, tracks, opts = {}) {
  const view = await lookAtRegistry(git, tracks ? tracks.map(trackPrefix) : [VERSIONS_PREFIX]);
  const present = new Set(tracksIn(view.refs));
  for (const name of tracks ?? []) {
    if (!present.has(name)) await unknownTrack(git, name, opts.input ?? "track");
  }
  const events = opts.events === false ? /* @__PURE__ */ new Map() : await readEvents(git, view.notes, "all");
  return {
    refs: view.refs,
    notes: view.notes,
    tracks: tracks ? [...new Set(tracks)].sort() : [...present].sort(),
    events
  };
}
async function unknownTrack(git, name, input) {
  const all = tracksIn(await git.listRemoteRefs([VERSIONS_PREFIX]));
  throw new InputError(
    input,
    `the registry has no track '${printable(name)}'.`,
    all.length > 0 ? `Tracks in the registry: ${all.map((t) => printable(t)).join(", ")}.` : "The registry is empty: record a version first (snapback record)."
  );
}
function indexOf(read, track) {
  return trackIndex(track, read.refs);
}
var FETCH_BATCH = 500;
var LOOK_FIRST = 16;
async function fetchCommits(git, refs) {
  const missing2 = [];
  if (refs.length > LOOK_FIRST) missing2.push(...refs.map((r) => r.ref));
  else for (const { ref, oid } of refs) if (!await git.hasObject(oid)) missing2.push(ref);
  for (let i = 0; i < missing2.length; i += FETCH_BATCH) {
    await git.fetchRefs(missing2.slice(i, i + FETCH_BATCH).map((r) => ({ remote: r, local: r })));
  }
}
async function trackVersions(git, read, track, opts = {}) {
  const index = indexOf(read, track);
  const aliasOf = aliasVersions(index);
  const sorted = [...index.versions].sort(([a], [b]) => a - b);
  const needTrailers = sorted.filter(
    ([n, oid]) => opts.trailers === "all" || !recordedEventOf(read.events.get(oid), track, n)
  );
  await fetchCommits(
    git,
    needTrailers.map(([n, oid]) => ({ ref: `${trackPrefix(track)}${n}`, oid }))
  );
  const commits = /* @__PURE__ */ new Map();
  for (const [, oid] of needTrailers) commits.set(oid, await git.readCommit(oid));
  return sorted.map(([n, oid]) => {
    const commit = commits.get(oid);
    return versionInfo({
      track,
      version: n,
      commit: oid,
      aliases: [...aliasOf].filter(([, v]) => v === n).map(([a]) => a),
      recorded: recordedEventOf(read.events.get(oid), track, n),
      meta: commit ? parseVersionMessage(commit.message) : void 0,
      committedAt: commit?.committedAt
    });
  });
}
function oneTrack(read, input = "track") {
  if (read.tracks.length === 1) return read.tracks[0];
  throw new InputError(
    input,
    read.tracks.length === 0 ? "the registry has no versions yet." : `the registry has ${read.tracks.length} tracks; name one.`,
    read.tracks.length === 0 ? "Record a version first (snapback record)." : `Tracks: ${read.tracks.map((t) => printable(t)).join(", ")}.`
  );
}
async function resolveVersion(git, read, track, text, input) {
  const index = indexOf(read, track);
  const resolved = await resolveSelector(parseSelector(text, input), index, {
    input,
    aliasEvents: async () => {
      const events = read.events.size > 0 ? read.events : await readEvents(git, read.notes, "all");
      return [...events.values()].flat().filter((e) => e.track === track);
    },
    labels: async () => {
      const labels = /* @__PURE__ */ new Map();
      for (const v of await trackVersions(git, read, track)) {
        if (v.label) labels.set(v.version, v.label);
      }
      return labels;
    }
  });
  if (resolved.kind !== "version") {
    throw new InputError(
      input,
      `'${printable(text)}' is not a version of track '${printable(track)}'.`,
      describeVersions(index)
    );
  }
  return resolved;
}

// src/commands/list.ts
async function list(deps, opts) {
  const { git } = deps;
  const read = await readRegistry(git, opts.tracks);
  const tracks = [];
  for (const track of read.tracks) {
    const all = await trackVersions(git, read, track);
    const shown = selectVersions(all, opts).map(
      (v) => opts.verbose ? v : { ...v, metadata: void 0 }
    );
    if (opts.verbose) {
      await fetchCommits(
        git,
        shown.map((v) => ({ ref: `${trackPrefix(track)}${v.version}`, oid: v.commit }))
      );
      for (const v of shown) {
        const sizes2 = await git.blobSizes(v.commit);
        v.fileList = [...sizes2].map(([path, size]) => ({ path, size })).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
      }
    }
    tracks.push({
      track,
      latest: all.length > 0 ? all[all.length - 1].version : null,
      total: all.length,
      aliases: Object.fromEntries(
        [...aliasVersions(indexOf(read, track))].sort(([a], [b]) => a.localeCompare(b))
      ),
      versions: shown
    });
  }
  return { tracks };
}

// src/report/version-text.ts
var p = (value2, max = 200) => printable(value2, max);
function when(at) {
  return at ? at.slice(0, 16).replace("T", " ") : "?";
}
function changes(v) {
  const c = v.changes;
  return c ? `+${c.added} ~${c.modified} -${c.deleted}` : "";
}
function inline(values) {
  if (!values) return "";
  return Object.entries(values).map(([k, x]) => `${p(k, 60)}=${p(typeof x === "string" ? x : JSON.stringify(x), 80)}`).join(" ");
}
function versionLine(v) {
  const parts = [
    `v${v.version}`,
    when(v.at),
    p(v.label ?? "", 60) || "-",
    p(v.actor ?? "", 60) || "-",
    v.files === void 0 ? "" : `${v.files} file${v.files === 1 ? "" : "s"} ${formatBytes(v.bytes ?? 0)}`,
    changes(v),
    inline(v.metrics),
    v.aliases.length > 0 ? `(${v.aliases.map((a) => p(a, 64)).join(", ")})` : "",
    p(v.reason ?? "")
  ];
  return parts.filter((x) => x !== "").join("  ");
}
function listText(result, verbose) {
  const out = [];
  for (const t of result.tracks) {
    const shown = t.versions.length < t.total ? `, showing ${t.versions.length}` : "";
    out.push(`${t.track}: ${t.total} version${t.total === 1 ? "" : "s"}${shown}`);
    for (const v of t.versions) {
      out.push(`  ${versionLine(v)}`);
      if (!verbose) continue;
      out.push(`      commit ${v.commit}${v.sourceCommit ? `  source ${v.sourceCommit}` : ""}`);
      if (v.metadata) out.push(`      metadata ${inline(v.metadata)}`);
      for (const f of v.fileList ?? [])
        out.push(`      ${formatBytes(f.size).padStart(10)}  ${p(f.path)}`);
    }
  }
  return out.length > 0 ? `${out.join("\n")}
` : "The registry has no versions yet.\n";
}
function eventLine(e) {
  const str3 = (x) => typeof x === "string" ? p(x) : "";
  const what = e.event === "promoted" ? `promoted to ${str3(e.alias)}${typeof e.from === "number" ? ` (from v${e.from})` : ""}${e.auto ? " by rule" : ""}` : e.event === "demoted" ? `removed from ${str3(e.alias)}` : e.event === "rolled-back" ? `restored as v${String(e.restoredAs)}` : p(String(e.event), 40);
  const by = [str3(e.actor), str3(e.reason)].filter(Boolean).join(": ");
  return `${when(e.at)}  ${what}${by ? `  ${by}` : ""}`;
}
function showText(r) {
  const out = [
    `${r.track} v${r.version}${r.via !== `v${r.version}` ? ` (${p(r.via, 64)})` : ""}`,
    `  commit   ${r.commit}`
  ];
  const row = (k, v) => {
    if (v) out.push(`  ${k.padEnd(8)} ${v}`);
  };
  row("label", r.label && p(r.label));
  row("date", r.at && when(r.at));
  row("actor", r.actor && p(r.actor));
  row("reason", r.reason && p(r.reason, 500));
  row("source", r.sourceCommit && p(r.sourceCommit, 64));
  row("run", r.runUrl && p(r.runUrl, 300));
  row("aliases", r.aliases.map((a) => p(a, 64)).join(", "));
  row("rollback", r.rollbackOf === void 0 ? void 0 : `of v${r.rollbackOf}`);
  row(
    "size",
    `${r.fileList.length} file${r.fileList.length === 1 ? "" : "s"}, ${formatBytes(r.fileList.reduce((n, f) => n + f.size, 0))}`
  );
  row("changes", changes(r));
  row("metrics", inline(r.metrics));
  row("metadata", inline(r.metadata));
  if (r.unreadable) out.push("  ! the snapshot commit has no readable snapback trailers");
  out.push("  trailers:");
  for (const [k, v] of Object.entries(r.trailers)) out.push(`    ${p(k, 60)}: ${p(v, 500)}`);
  if (r.events.length > 0) {
    out.push("  events:");
    for (const e of r.events) out.push(`    ${eventLine(e)}`);
  }
  out.push("  files:");
  for (const f of r.fileList) out.push(`    ${formatBytes(f.size).padStart(10)}  ${p(f.path)}`);
  return `${out.join("\n")}
`;
}

// src/operations/registry-options.ts
var TRACKS = {
  name: "track",
  doc: "only these tracks (comma-separated; default: every track)",
  placeholder: "name"
};
var ONE_TRACK = {
  name: "track",
  doc: "the track (default: the registry's only track)",
  placeholder: "name"
};
var SELECTOR2 = {
  name: "version",
  doc: "the version: number, latest (default), previous, alias, alias@{n} or semver range",
  positional: "selector"
};
function tracksOf(inputs, host) {
  const names2 = inputs.list("track").map((t) => assertTrackName(t));
  if (host === "action" && names2.length === 1 && names2[0] === "default") return void 0;
  return names2.length > 0 ? names2 : void 0;
}
function trackOf(inputs) {
  const name = inputs.get("track").trim();
  return name ? assertTrackName(name) : void 0;
}
function flag(inputs, name) {
  return parseBoolean(inputs.get(name), name);
}

// src/operations/list.ts
function listCommand(name) {
  return defineOperation({
    name,
    summary: name === "list" ? "versions per track, newest first, with label, date, actor, reason, size, changes and metrics" : "the same as list",
    hosts: ["cli"],
    options: [
      TRACKS,
      { name: "limit", doc: "at most n versions per track", placeholder: "n" },
      {
        name: "since",
        doc: "only versions recorded since a date (2024-05-01) or for a while (7d, 12h)",
        placeholder: "when"
      },
      { name: "verbose", doc: "add metadata and the files of each version", type: "boolean" }
    ],
    async parse(inputs, env) {
      const limit = inputs.get("limit").trim();
      const since = inputs.get("since").trim();
      return {
        tracks: tracksOf(inputs, env.host),
        limit: limit ? parseLimit(limit, "limit") : void 0,
        since: since ? parseSince(since, "since", /* @__PURE__ */ new Date()) : void 0,
        verbose: flag(inputs, "verbose")
      };
    },
    async run(env, opts) {
      return list({ git: await env.openGit() }, opts);
    },
    text: (result, opts) => listText(result, opts.verbose)
  });
}
var listOperation = listCommand("list");
var logOperation = listCommand("log");

// src/commands/show.ts
async function show(deps, opts) {
  const { git } = deps;
  const read = await readRegistry(git, opts.track === void 0 ? void 0 : [opts.track]);
  const track = oneTrack(read);
  const { n, oid, via } = await resolveVersion(git, read, track, opts.selector, "version");
  await fetchCommits(git, [{ ref: versionRef(track, n), oid }]);
  const commit = await git.readCommit(oid);
  const meta = parseVersionMessage(commit.message);
  const aliases = [...aliasVersions(indexOf(read, track))].filter(([, v]) => v === n);
  const info = versionInfo({
    track,
    version: n,
    commit: oid,
    aliases: aliases.map(([a]) => a),
    recorded: recordedEventOf(read.events.get(oid), track, n),
    meta,
    committedAt: commit.committedAt
  });
  const sizes2 = await git.blobSizes(oid);
  return {
    ...info,
    via,
    trailers: Object.fromEntries(parseTrailers(commit.message)),
    unreadable: meta === void 0,
    events: eventsOf(read.events.get(oid), track, n),
    fileList: [...sizes2].map(([path, size]) => ({ path, size })).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)
  };
}

// src/operations/show.ts
var showOperation = defineOperation({
  name: "show",
  summary: "one version whole: trailers, metadata, metrics, events and files with sizes",
  hosts: ["cli"],
  options: [SELECTOR2, ONE_TRACK],
  async parse(inputs) {
    return { track: trackOf(inputs), selector: inputs.get("version").trim() || "latest" };
  },
  async run(env, opts) {
    return show({ git: await env.openGit() }, opts);
  },
  text: (result) => showText(result)
});

// src/commands/export.ts
import { createWriteStream as createWriteStream2 } from "node:fs";
import { chmod, mkdir, readdir as readdir2, stat as stat3, symlink, writeFile as writeFile2 } from "node:fs/promises";
import { dirname, join as join8, resolve as resolve2 } from "node:path";
import { once as once3 } from "node:events";
import { createGzip } from "node:zlib";

// src/core/tar.ts
var BLOCK = 512;
var MAX_OCTAL_SIZE = 8589934591;
var NAME_BYTES = 100;
function octal(value2, width) {
  return `${value2.toString(8).padStart(width - 1, "0")}\0`;
}
function header(name, opts) {
  const h = Buffer.alloc(BLOCK);
  name.copy(h, 0, 0, Math.min(name.length, NAME_BYTES));
  h.write(octal(opts.mode, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(opts.size, 12), 124, "ascii");
  h.write(octal(opts.mtime, 12), 136, "ascii");
  h.write(opts.type, 156, "ascii");
  opts.link.copy(h, 157, 0, Math.min(opts.link.length, NAME_BYTES));
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.fill(" ", 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return h;
}
function paxRecord(key2, value2) {
  const body = Buffer.byteLength(` ${key2}=${value2}
`);
  let length = body + 1;
  while (length !== body + String(length).length) length = body + String(length).length;
  return `${length} ${key2}=${value2}
`;
}
function entryHeader(e) {
  const name = Buffer.from(e.path, "utf8");
  const link2 = Buffer.from(e.linkTarget ?? "", "utf8");
  const records = [];
  const ascii = (b) => b.every((c) => c < 128);
  if (name.length > NAME_BYTES || !ascii(name)) records.push(paxRecord("path", e.path));
  if (link2.length > NAME_BYTES || !ascii(link2)) records.push(paxRecord("linkpath", e.linkTarget));
  if (e.size > MAX_OCTAL_SIZE) records.push(paxRecord("size", String(e.size)));
  const main = header(name, {
    mode: e.mode,
    size: e.linkTarget !== void 0 || e.size > MAX_OCTAL_SIZE ? 0 : e.size,
    mtime: e.mtime,
    type: e.linkTarget !== void 0 ? "2" : "0",
    link: link2
  });
  if (records.length === 0) return main;
  const pax = Buffer.from(records.join(""), "utf8");
  const paxHeader = header(Buffer.from("PaxHeader", "ascii"), {
    mode: 420,
    size: pax.length,
    mtime: e.mtime,
    type: "x",
    link: Buffer.alloc(0)
  });
  return Buffer.concat([paxHeader, pax, padding(pax.length), main]);
}
function padding(size) {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}
function archiveEnd() {
  return Buffer.alloc(2 * BLOCK);
}

// src/commands/export.ts
var BATCH_BYTES = 32 * 1024 * 1024;
function exportFormat(to) {
  if (/\.(tar\.gz|tgz)$/i.test(to)) return "tar.gz";
  return /\.tar$/i.test(to) ? "tar" : "folder";
}
async function exportVersion(deps, opts) {
  const { git } = deps;
  if (opts.to.trim() === "") {
    throw new InputError("to", "is required.", "Give a new folder or a file name ending in .tar.");
  }
  const to = resolve2(opts.cwd, opts.to);
  const format = exportFormat(to);
  if (format === "folder") await checkFolder(to, opts.to);
  else await checkArchivePath(to, opts.to);
  const read = await readRegistry(git, opts.track === void 0 ? void 0 : [opts.track], {
    events: false
  });
  const track = oneTrack(read);
  const { n, oid } = await resolveVersion(git, read, track, opts.selector, "version");
  await fetchCommits(git, [{ ref: versionRef(track, n), oid }]);
  const entries = await git.listTree(oid);
  const sizes2 = await git.blobSizes(oid);
  const links = await git.readBlobs(
    entries.filter((e) => e.mode === MODE_SYMLINK).map((e) => e.oid)
  );
  const refusals = checkRestore(entries, { inTrack: () => true, workflows: true });
  for (const e of entries) {
    if (e.mode !== MODE_SYMLINK) continue;
    const why = checkSymlinkTarget(e.path, links.get(e.oid)?.toString("utf8") ?? "");
    if (why) refusals.push({ path: e.path, why });
  }
  if (refusals.length > 0) {
    const list2 = refusals.slice(0, 10).map((r) => `${printable(r.path, 200)}: ${r.why}`).join("; ");
    throw new SnapbackError(
      "unsafe-snapshot",
      `Version ${n} of '${track}' holds ${refusals.length} path${refusals.length === 1 ? "" : "s"} that cannot be exported safely (${list2}). Nothing was written.`,
      "Someone wrote this version by hand; inspect it with git (git ls-tree -r refs/versions/\u2026) and export another version."
    );
  }
  const bytes = [...sizes2.values()].reduce((a, b) => a + b, 0);
  const result = {
    track,
    version: n,
    commit: oid,
    to,
    format,
    files: entries.length,
    bytes,
    dryRun: opts.dryRun
  };
  if (opts.dryRun) return result;
  const mtime = Math.floor(Date.parse((await git.readCommit(oid)).committedAt ?? "0") / 1e3) || 0;
  if (format === "folder") await writeFolder(git, to, entries, sizes2, links);
  else await writeArchive(git, to, format === "tar.gz", entries, sizes2, links, mtime);
  return result;
}
async function checkFolder(to, given) {
  const st = await stat3(to).catch(() => void 0);
  if (!st) return;
  if (!st.isDirectory() || (await readdir2(to)).length > 0) {
    throw new InputError(
      "to",
      `'${printable(given, 200)}' exists and is not an empty folder; export writes only into a new or empty folder.`,
      "Name a new folder, or a file ending in .tar, .tar.gz or .tgz for a tarball."
    );
  }
}
async function checkArchivePath(to, given) {
  const parent = await stat3(dirname(to)).catch(() => void 0);
  const self = await stat3(to).catch(() => void 0);
  if (!parent?.isDirectory() || self?.isDirectory()) {
    throw new InputError(
      "to",
      self?.isDirectory() ? `'${printable(given, 200)}' is a folder, not a tarball name.` : `the folder for '${printable(given, 200)}' does not exist.`,
      "Name a tarball in an existing folder (versions/config-3.tar)."
    );
  }
}
function* batches(entries, sizes2) {
  let batch = [];
  let bytes = 0;
  for (const e of entries) {
    const size = sizes2.get(e.path) ?? 0;
    if (batch.length > 0 && bytes + size > BATCH_BYTES) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(e);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
async function writeFolder(git, to, entries, sizes2, links) {
  await mkdir(to, { recursive: true });
  const files = entries.filter((e) => e.mode !== MODE_SYMLINK);
  for (const batch of batches(files, sizes2)) {
    const blobs = await git.readBlobs(batch.map((e) => e.oid));
    for (const e of batch) {
      const path = join8(to, e.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile2(path, blobs.get(e.oid) ?? Buffer.alloc(0), { flag: "wx" });
      if (e.mode === "100755") await chmod(path, 493);
    }
  }
  for (const e of entries.filter((x) => x.mode === MODE_SYMLINK)) {
    const path = join8(to, e.path);
    await mkdir(dirname(path), { recursive: true });
    await symlink(links.get(e.oid)?.toString("utf8") ?? "", path);
  }
}
async function writeArchive(git, to, gzip, entries, sizes2, links, mtime) {
  const file = createWriteStream2(to);
  const zip = gzip ? createGzip() : void 0;
  zip?.pipe(file);
  const out = zip ?? file;
  const failed2 = new Promise((_, reject) => {
    file.once("error", reject);
    zip?.once("error", reject);
  });
  failed2.catch(() => void 0);
  const write2 = async (chunk) => {
    if (!out.write(chunk)) await Promise.race([once3(out, "drain"), failed2]);
  };
  for (const batch of batches(entries, sizes2)) {
    const files = batch.filter((e) => e.mode !== MODE_SYMLINK);
    const blobs = files.length > 0 ? await git.readBlobs(files.map((e) => e.oid)) : /* @__PURE__ */ new Map();
    for (const e of batch) {
      if (e.mode === MODE_SYMLINK) {
        const target = links.get(e.oid)?.toString("utf8") ?? "";
        await write2(entryHeader({ path: e.path, mode: 511, size: 0, mtime, linkTarget: target }));
        continue;
      }
      const data = blobs.get(e.oid) ?? Buffer.alloc(0);
      const mode = e.mode === "100755" ? 493 : 420;
      await write2(entryHeader({ path: e.path, mode, size: data.length, mtime }));
      await write2(data);
      await write2(padding(data.length));
    }
  }
  await write2(archiveEnd());
  out.end();
  await Promise.race([once3(file, "close"), failed2]);
}

// src/report/maintenance-text.ts
function verifyText(r) {
  const scope = `${r.tracks.length} track${r.tracks.length === 1 ? "" : "s"}, ${r.versions} version${r.versions === 1 ? "" : "s"}, ${r.aliases} alias${r.aliases === 1 ? "" : "es"}`;
  if (r.ok) return `Registry OK: ${scope}.
`;
  const lines = r.problems.map((x) => `  ${x.kind}: ${x.message}`);
  return `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} in the registry (${scope}):
${lines.join("\n")}
`;
}
function reindexText(r) {
  const out = [];
  for (const t of r.tracks) {
    const done = t.rebuilt.length > 0 ? `${r.dryRun ? "would rebuild" : "rebuilt"} ${t.rebuilt.map((n) => `v${n}`).join(", ")}` : "nothing missing";
    out.push(`${t.track}: ${t.versions} version${t.versions === 1 ? "" : "s"}; ${done}`);
  }
  for (const u of r.unreadable) {
    out.push(
      `${u.track}: v${u.version} (${u.commit.slice(0, 12)}) has no readable trailers; nothing rebuilt for it`
    );
  }
  out.push(
    r.events === 0 ? "The index already holds everything the trailers know." : `${r.dryRun ? "Would append" : "Appended"} ${r.events} index line${r.events === 1 ? "" : "s"}${r.notesCommit ? ` (refs/notes/versions \u2192 ${r.notesCommit.slice(0, 12)})` : ""}. Promotion history is kept only in the index and cannot be rebuilt from trailers.`
  );
  return `${out.join("\n")}
`;
}
var STATUS3 = {
  imported: "imported as",
  "would-import": "would import as",
  unchanged: "same files as",
  already: "already imported as",
  empty: "no file of the track at this tag"
};
function importText(r) {
  const out = r.tags.map((t) => {
    const v = t.version === null ? "" : ` v${t.version}`;
    return `${printable(t.tag, 100)}: ${STATUS3[t.status]}${v}${t.status === "empty" ? "" : ` (${t.files} file${t.files === 1 ? "" : "s"}, ${formatBytes(t.bytes)})`}`;
  });
  out.push(
    `${r.track}: ${r.dryRun ? "would import" : "imported"} ${r.imported} version${r.imported === 1 ? "" : "s"}.`
  );
  return `${out.join("\n")}
`;
}
function exportText(r) {
  const what = `${r.track} v${r.version} (${r.files} file${r.files === 1 ? "" : "s"}, ${formatBytes(r.bytes)})`;
  const where = r.format === "folder" ? `into ${printable(r.to, 300)}` : `as ${printable(r.to, 300)}`;
  return `${r.dryRun ? "Would export" : "Exported"} ${what} ${where}
`;
}

// src/operations/export.ts
var exportOperation = defineOperation({
  name: "export",
  summary: "a version's files into a new folder or a tarball (--to DIR or FILE.tar/.tgz)",
  hosts: ["cli"],
  options: [
    SELECTOR2,
    ONE_TRACK,
    {
      name: "to",
      doc: "a new or empty folder, or a file ending in .tar, .tar.gz or .tgz",
      placeholder: "dir|file.tar"
    },
    { ...DRY_RUN, doc: "check and show what would be written, write nothing" }
  ],
  async parse(inputs) {
    const to = inputs.get("to").trim();
    if (!to) {
      throw new InputError(
        "to",
        "is required: where to put the files.",
        "Give a new folder (--to config-v3) or a tarball (--to config-v3.tar)."
      );
    }
    return {
      track: trackOf(inputs),
      selector: inputs.get("version").trim() || "latest",
      to,
      dryRun: flag(inputs, "dry-run")
    };
  },
  async run(env, opts) {
    return exportVersion({ git: await env.openGit() }, { ...opts, cwd: process.cwd() });
  },
  text: (result) => exportText(result)
});

// src/core/registry-check.ts
function parseRef(ref) {
  const [track = "", ...rest] = ref.slice(VERSIONS_PREFIX.length).split("/");
  const tail = rest.join("/");
  if (/^[1-9][0-9]{0,15}$/.test(tail)) return { kind: "version", track, n: Number(tail) };
  if (rest.length === 2 && rest[0] === "aliases" && rest[1]) {
    return { kind: "alias", track, alias: rest[1] };
  }
  const digits = /^v?0*([0-9]{1,15})(\.0+)?$/.exec(tail)?.[1];
  return digits !== void 0 && Number(digits) > 0 ? { kind: "stray", track, looksLike: Number(digits) } : { kind: "stray", track };
}
function checkRegistry(facts) {
  const problems = [];
  const versions = /* @__PURE__ */ new Map();
  const aliases = [];
  const badTracks = /* @__PURE__ */ new Set();
  for (const [ref, oid] of [...facts.refs].sort(([a], [b]) => a < b ? -1 : 1)) {
    const p2 = parseRef(ref);
    if (!isValidTrackName(p2.track) && !badTracks.has(p2.track)) {
      badTracks.add(p2.track);
      problems.push({
        kind: "bad-track-name",
        ref,
        message: `${printable(ref, 200)}: '${printable(p2.track)}' is not a valid track name (lowercase letters, digits, '.', '_', '-').`
      });
    }
    if (p2.kind === "version") {
      const of = versions.get(p2.track) ?? /* @__PURE__ */ new Map();
      of.set(p2.n, oid);
      versions.set(p2.track, of);
    } else if (p2.kind === "alias") {
      aliases.push({ ref, track: p2.track, alias: p2.alias, oid });
    } else {
      const meant = p2.looksLike !== void 0 ? ` It looks like version ${p2.looksLike}, but version refs are refs/versions/${printable(p2.track)}/<N> without leading zeros or letters.` : "";
      problems.push({
        kind: "stray-ref",
        ref,
        track: p2.track,
        message: `${printable(ref, 200)} is neither a numbered version nor an alias.${meant}`
      });
    }
  }
  for (const [track, of] of [...versions].sort(([a], [b]) => a < b ? -1 : 1)) {
    const claimed = /* @__PURE__ */ new Map();
    const byOid = /* @__PURE__ */ new Map();
    for (const [n, oid] of [...of].sort(([a], [b]) => a - b)) {
      const ref = `${VERSIONS_PREFIX}${track}/${n}`;
      byOid.set(oid, [...byOid.get(oid) ?? [], n]);
      const read = facts.commits.get(oid);
      if (!read || "missing" in read) {
        problems.push({
          kind: "missing-objects",
          ref,
          track,
          version: n,
          message: `${ref}: the snapshot commit ${oid.slice(0, 12)} or its files cannot be read${read && "missing" in read ? ` (${read.missing})` : ""}.`
        });
        continue;
      }
      const meta = parseVersionMessage(read.message);
      if (!meta) {
        problems.push({
          kind: "unreadable-trailers",
          ref,
          track,
          version: n,
          message: `${ref}: commit ${oid.slice(0, 12)} has no readable snapback trailers (track, version, source-commit).`
        });
      } else {
        claimed.set(meta.version, [...claimed.get(meta.version) ?? [], n]);
        if (meta.track !== track || meta.version !== n) {
          problems.push({
            kind: "wrong-trailers",
            ref,
            track,
            version: n,
            message: `${ref}: its commit's trailers say ${printable(meta.track)} v${meta.version}.`
          });
        }
      }
      const recorded = recordedEventOf(facts.events.get(oid), track, n);
      if (!recorded) {
        problems.push({
          kind: "missing-note",
          ref,
          track,
          version: n,
          message: `${ref}: the notes index has no 'recorded' event for ${track} v${n} on ${oid.slice(0, 12)} (snapback reindex rebuilds it).`
        });
      } else if (meta && typeof recorded.label === "string" && recorded.label !== meta.label) {
        problems.push({
          kind: "note-disagrees",
          ref,
          track,
          version: n,
          message: `${ref}: the index labels it '${printable(recorded.label)}', its trailers '${printable(meta.label)}'.`
        });
      }
    }
    for (const [n, refs] of claimed) {
      if (refs.length > 1) {
        problems.push({
          kind: "duplicate-version",
          track,
          version: n,
          message: `${track}: refs ${refs.map((r) => `${VERSIONS_PREFIX}${track}/${r}`).join(", ")} all hold a commit recorded as v${n}.`
        });
      }
    }
    for (const [oid, ns] of byOid) {
      if (ns.length > 1) {
        problems.push({
          kind: "duplicate-version",
          track,
          message: `${track}: versions ${ns.map((x) => `v${x}`).join(", ")} are the same commit ${oid.slice(0, 12)}; a version is recorded once.`
        });
      }
    }
  }
  for (const a of aliases) {
    const held = [...versions.get(a.track) ?? []].find(([, oid]) => oid === a.oid);
    if (!held) {
      problems.push({
        kind: "dangling-alias",
        ref: a.ref,
        track: a.track,
        message: `${printable(a.ref, 200)} points at ${a.oid.slice(0, 12)}, which is no version of '${printable(a.track)}'.`
      });
    }
  }
  if (typeof facts.notes === "object") {
    problems.push({
      kind: "missing-notes",
      ref: "refs/notes/versions",
      message: `refs/notes/versions cannot be read (${facts.notes.missing}). Delete it (git push origin :refs/notes/versions), then snapback reindex rebuilds it from the trailers.`
    });
  }
  for (const [object, count] of facts.badLines) {
    problems.push({
      kind: "unreadable-note-lines",
      message: `The note on ${object.slice(0, 12)} has ${count} line${count === 1 ? "" : "s"} that ${count === 1 ? "is" : "are"} not an event (JSON with event, track and version).`
    });
  }
  return problems;
}

// src/commands/verify.ts
var BATCH = 500;
async function verify(deps, opts) {
  const { git } = deps;
  if (opts.tracks) await readRegistry(git, opts.tracks, { events: false });
  const prefixes = opts.tracks ? opts.tracks.map(trackPrefix) : [VERSIONS_PREFIX];
  const listed = await git.listRemoteRefs([...prefixes, NOTES_REF]);
  const tip = listed.get(NOTES_REF) ?? null;
  listed.delete(NOTES_REF);
  const { notes, events, badLines } = await readIndex(git, tip);
  const pointed = [...listed].filter(([ref]) => /\/([1-9][0-9]*|aliases\/[^/]+)$/.test(ref));
  const commits = await phase(
    deps.progress,
    `Fetch and read ${pointed.length} versions and aliases`,
    () => readCommits(git, pointed)
  );
  const problems = checkRegistry({ refs: listed, commits, events, badLines, notes });
  const tracks = tracksIn(listed);
  return {
    ok: problems.length === 0,
    tracks,
    versions: pointed.filter(([ref]) => /\/[1-9][0-9]*$/.test(ref)).length,
    aliases: pointed.filter(([ref]) => ref.includes("/aliases/")).length,
    problems
  };
}
async function readIndex(git, tip) {
  const events = /* @__PURE__ */ new Map();
  const badLines = /* @__PURE__ */ new Map();
  if (tip === null) return { notes: "absent", events, badLines };
  try {
    const local = await notesTipHere(git, tip, { wholeNotes: true }) ?? tip;
    for (const [object, text] of await git.readNotes(local, "all")) {
      const parsed = parseNote(text);
      events.set(object, parsed);
      const lines = text.split("\n").filter((l) => l.trim() !== "").length;
      if (lines > parsed.length) badLines.set(object, lines - parsed.length);
    }
    return { notes: "ok", events, badLines };
  } catch (e) {
    return { notes: { missing: oneLine(e) }, events, badLines };
  }
}
async function readCommits(git, pointed) {
  const out = /* @__PURE__ */ new Map();
  const missing2 = [];
  if (pointed.length > 16) missing2.push(...pointed);
  else for (const [ref, oid] of pointed) if (!await git.hasObject(oid)) missing2.push([ref, oid]);
  const fetchOrName = async (batch) => {
    try {
      await git.fetchRefs(batch.map(([ref]) => ({ remote: ref, local: ref })));
    } catch (e) {
      if (batch.length === 1) {
        out.set(batch[0][1], { missing: oneLine(e) });
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await fetchOrName(batch.slice(0, half));
      await fetchOrName(batch.slice(half));
    }
  };
  for (let i = 0; i < missing2.length; i += BATCH) await fetchOrName(missing2.slice(i, i + BATCH));
  const read = await git.readCommits(pointed.map(([, oid]) => oid).filter((o) => !out.has(o)));
  for (const [, oid] of pointed) {
    if (out.has(oid)) continue;
    const commit = read.get(oid);
    out.set(oid, commit ? { message: commit.message } : { missing: `${oid} is not a commit here` });
  }
  return out;
}
function oneLine(e) {
  const text = e instanceof Error ? e.message : String(e);
  return text.split("\n")[0].slice(0, 300);
}

// src/operations/verify.ts
var verifyOperation = defineOperation({
  name: "verify",
  summary: "check the registry's invariants; exits non-zero naming each problem",
  hosts: ["action", "cli"],
  options: [TRACKS],
  outputs: ["problems"],
  async parse(inputs, env) {
    return { tracks: tracksOf(inputs, env.host) };
  },
  async run(env, opts) {
    return verify({ git: await env.openGit(), progress: env.progress }, opts);
  },
  action(result) {
    const heading = result.ok ? `### Registry verified

${result.tracks.length} tracks, ${result.versions} versions, ${result.aliases} aliases: no problem found.
` : `### Registry problems

${result.problems.map((p2) => `- **${p2.kind}**: ${escapeMarkdown(p2.message)}`).join("\n")}
`;
    return {
      outputs: { problems: String(result.problems.length) },
      messages: result.problems.map((p2) => ({
        level: "warning",
        text: p2.message,
        title: `snapback verify: ${p2.kind}`
      })),
      summary: heading,
      ...result.ok ? {} : {
        failure: `The registry has ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} (listed above and in the job summary).`
      }
    };
  },
  text: (result) => verifyText(result),
  exitCode: (result) => result.ok ? 0 : 1
});

// src/core/reindex-plan.ts
function has(events, match) {
  return (events ?? []).some(match);
}
function planReindex(versions, existing) {
  const events = /* @__PURE__ */ new Map();
  const rebuilt = /* @__PURE__ */ new Map();
  const unreadable = [];
  const add = (object, e) => events.set(object, [...events.get(object) ?? [], e]);
  const commitOf = new Map(versions.map((v) => [`${v.track}\0${v.version}`, v.commit]));
  for (const v of versions) {
    const meta = v.meta;
    if (!meta || meta.track !== v.track || meta.version !== v.version) {
      unreadable.push({ track: v.track, version: v.version, commit: v.commit });
      continue;
    }
    const same2 = (e) => e.track === v.track && e.version === v.version;
    if (!has(existing.get(v.commit), (e) => e.event === "recorded" && same2(e))) {
      const recorded = recordedEvent(meta, v.commit, v.committedAt);
      recorded.tree = v.tree;
      recorded[TREE_NOTES_FROM] = 1;
      if (v.changes) recorded.changes = { ...v.changes };
      add(v.commit, recorded);
      rebuilt.set(v.track, [...rebuilt.get(v.track) ?? [], v.version]);
    }
    if (!has(existing.get(v.tree), (e) => e.event === "recorded" && same2(e))) {
      add(v.tree, treeEvent(meta, v.commit, v.committedAt));
    }
    if (!has(existing.get(meta.sourceCommit), (e) => e.event === "recorded" && same2(e))) {
      add(meta.sourceCommit, producedEvent(meta, v.commit, v.committedAt));
    }
    const target = meta.rollbackOf === void 0 ? void 0 : commitOf.get(`${v.track}\0${meta.rollbackOf}`);
    if (target && meta.rollbackOf !== void 0 && !has(
      existing.get(target),
      (e) => e.event === "rolled-back" && e.track === v.track && e.restoredAs === v.version
    )) {
      add(
        target,
        rolledBackEvent(v.track, meta.rollbackOf, v.committedAt, v.version, v.commit, {
          actor: meta.actor,
          runUrl: meta.runUrl
        })
      );
    }
  }
  return { events, rebuilt, unreadable };
}

// src/commands/reindex.ts
async function reindex(deps, opts) {
  const { git } = deps;
  const read = await readRegistry(git, opts.tracks);
  const facts = [];
  const counts2 = [];
  const readTrack = async (track) => {
    const sorted = [...indexOf(read, track).versions].sort(([a], [b]) => a - b);
    counts2.push({ track, versions: sorted.length });
    await fetchCommits(
      git,
      sorted.map(([n, oid]) => ({ ref: versionRef(track, n), oid }))
    );
    const trees = /* @__PURE__ */ new Map();
    const commits = await git.readCommits(sorted.map(([, oid]) => oid));
    for (const [n, oid] of sorted) {
      const commit = commits.get(oid) ?? await git.readCommit(oid);
      trees.set(n, commit.tree);
      const meta = parseVersionMessage(commit.message);
      const prevTree = meta?.previousVersion != null ? trees.get(meta.previousVersion) : void 0;
      const indexed = recordedEventOf(read.events.get(oid), track, n) !== void 0;
      facts.push({
        track,
        version: n,
        commit: oid,
        tree: commit.tree,
        meta,
        committedAt: commit.committedAt ?? (deps.now ?? (() => /* @__PURE__ */ new Date()))().toISOString(),
        changes: indexed ? void 0 : meta?.previousVersion === null ? counted(await git.diffTrees(null, commit.tree)) : prevTree ? counted(await git.diffTrees(prevTree, commit.tree)) : void 0
      });
    }
  };
  for (const track of read.tracks) {
    await phase(deps.progress, `Read the trailers of ${track}'s versions`, () => readTrack(track));
  }
  const attempt = async () => {
    const view = await lookAtRegistry(git, []);
    const plan2 = planReindex(facts, await readEvents(git, view.notes, "all"));
    const total2 = [...plan2.events.values()].reduce((n, e) => n + e.length, 0);
    let notesCommit2 = null;
    if (!opts.dryRun && total2 > 0) {
      const versions = [...plan2.rebuilt.values()].reduce((n, v) => n + v.length, 0);
      notesCommit2 = await landChange(git, {
        notesBase: view.notes,
        events: plan2.events,
        updates: [],
        message: `snapback: reindex ${versions} version${versions === 1 ? "" : "s"}`
      });
    }
    return { plan: plan2, total: total2, notesCommit: notesCommit2 };
  };
  const { plan, total, notesCommit } = await phase(
    deps.progress,
    "Write the index",
    () => retryRaces("rebuild the index", deps.log, attempt)
  );
  return {
    dryRun: opts.dryRun,
    tracks: counts2.map((c) => ({ ...c, rebuilt: plan.rebuilt.get(c.track) ?? [] })),
    events: total,
    unreadable: plan.unreadable,
    notesCommit
  };
}
function counted(changes2) {
  const s = summarizeChanges(changes2);
  return { added: s.added, modified: s.modified, deleted: s.deleted };
}

// src/operations/reindex.ts
var reindexOperation = defineOperation({
  name: "reindex",
  summary: "rebuild the notes index from the version refs and trailers (not promotion history)",
  hosts: ["cli"],
  options: [TRACKS, DRY_RUN],
  async parse(inputs, env) {
    return { tracks: tracksOf(inputs, env.host), dryRun: flag(inputs, "dry-run") };
  },
  async run(env, opts) {
    return reindex(
      { git: await env.openGit(), log: (m) => env.log(m), progress: env.progress },
      opts
    );
  },
  text: (result) => reindexText(result)
});

// src/core/tag-order.ts
var import_picomatch2 = __toESM(require_picomatch(), 1);
var import_semver3 = __toESM(require_semver2(), 1);
function tagMatcher(pattern, input) {
  const text = pattern.trim();
  if (text === "" || /[\u0000-\u001f\u007f]/.test(text)) {
    throw new InputError(
      input,
      `'${printable(text)}' is not a tag pattern.`,
      "Give a glob over tag names, for example 'v*' or 'release-*'."
    );
  }
  const matches = (0, import_picomatch2.default)(text, { dot: true });
  return (tag) => matches(tag);
}
function naturalCompare(a, b) {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
function compareTags(a, b) {
  const va = import_semver3.default.valid(import_semver3.default.clean(a, { loose: false }) ?? "");
  const vb = import_semver3.default.valid(import_semver3.default.clean(b, { loose: false }) ?? "");
  if (va && vb) {
    const c = import_semver3.default.compare(va, vb);
    if (c !== 0) return c;
  }
  return naturalCompare(a, b);
}
function orderTags(tags) {
  return [...tags].sort(compareTags);
}

// src/commands/import.ts
var TAGS_PREFIX = "refs/tags/";
async function importTags(deps, opts) {
  const { git } = deps;
  const track = opts.track;
  const matches = tagMatcher(opts.tags, "tags");
  const listed = await git.listRemoteRefs([TAGS_PREFIX]);
  const all = [...listed.keys()].filter((r) => !r.endsWith("^{}")).map((r) => r.slice(TAGS_PREFIX.length));
  const chosen = orderTags(all.filter(matches));
  if (chosen.length === 0) {
    throw new InputError(
      "tags",
      `no tag of the remote matches '${printable(opts.tags)}'.`,
      all.length > 0 ? `Tags there: ${orderTags(all).slice(-10).map((t) => printable(t)).join(", ")}.` : "The remote has no tags."
    );
  }
  const missing2 = [];
  for (const tag of chosen) {
    if (!await git.hasObject(listed.get(`${TAGS_PREFIX}${tag}`))) missing2.push(tag);
  }
  if (missing2.length > 0) {
    await git.fetchRefs(
      missing2.map((t) => ({ remote: `${TAGS_PREFIX}${t}`, local: `${TAGS_PREFIX}${t}` }))
    );
  }
  const inTrack = patternMatcher(track.patterns);
  const keep = (p2) => inTrack(p2) && (track.patterns.workflows === true || !isWorkflowPath(p2));
  const snaps = [];
  const readTag = async (tag) => {
    const commit = await git.resolveCommit(listed.get(`${TAGS_PREFIX}${tag}`));
    if (!commit) return;
    const tree = await git.subTree(commit, keep);
    const sizes2 = await git.blobSizes(tree);
    const tooLarge = [...sizes2].filter(([, size]) => size > track.maxFileSize);
    if (tooLarge.length > 0) {
      throw new SnapbackError(
        "file-too-large",
        `Input 'max-file-size': at tag '${printable(tag)}', ${tooLarge.length} file${tooLarge.length === 1 ? "" : "s"} of track '${track.name}' exceed ${formatBytes(track.maxFileSize)}: ${tooLarge.slice(0, 5).map(([p2, s]) => `${printable(p2, 200)} (${formatBytes(s)})`).join(", ")}. Nothing was imported.`,
        'Exclude them with a "!pattern" in paths, or leave those tags out of the pattern.'
      );
    }
    debug(deps.progress, `${tag}: ${sizes2.size} files of track '${track.name}'.`);
    snaps.push({
      tag,
      commit,
      tree,
      files: sizes2.size,
      bytes: [...sizes2.values()].reduce((a, b) => a + b, 0)
    });
  };
  await phase(
    deps.progress,
    `Read the files of ${chosen.length} tag${chosen.length === 1 ? "" : "s"}`,
    async () => {
      for (const tag of chosen) await readTag(tag);
    }
  );
  const attempt = async () => {
    const view = await lookAtRegistry(git, [trackPrefix(track.name)]);
    const versions = versionsOf(track.name, view.refs);
    const latest = latestVersion(versions);
    const known = await knownVersions(git, view.notes, track.name, versions);
    let prevTree = latest > 0 ? known.get(latest)?.tree ?? null : null;
    let prevVersion = latest;
    let next = latest + 1;
    const out = [];
    const events = /* @__PURE__ */ new Map();
    const updates = [];
    const at = (/* @__PURE__ */ new Date()).toISOString();
    for (const s of snaps) {
      const base = { tag: s.tag, commit: s.commit, files: s.files, bytes: s.bytes };
      const already = [...known].find(([, k]) => k.label === s.tag && k.sourceCommit === s.commit);
      if (already) {
        out.push({ ...base, status: "already", version: already[0] });
        prevTree = already[1].tree ?? prevTree;
        prevVersion = already[0];
        continue;
      }
      if (s.files === 0) {
        out.push({ ...base, status: "empty", version: null });
        continue;
      }
      if (s.tree === prevTree) {
        out.push({ ...base, status: "unchanged", version: prevVersion });
        continue;
      }
      const version2 = next++;
      const meta = {
        track: track.name,
        version: version2,
        previousVersion: version2 > 1 ? version2 - 1 : null,
        sourceCommit: s.commit,
        label: s.tag,
        files: s.files,
        bytes: s.bytes,
        actor: opts.actor,
        reason: `imported from tag ${s.tag}`
      };
      const body = `Snapshot of ${s.files} file${s.files === 1 ? "" : "s"} (${formatBytes(s.bytes)}) from tag ${s.tag} (${s.commit.slice(0, 12)}).`;
      const commit = await git.writeCommit({
        tree: s.tree,
        parents: [s.commit],
        message: formatCommitMessage(meta, body),
        author: git.identity.author,
        committer: git.identity.committer
      });
      const recorded = recordedEvent(meta, commit, at);
      recorded.tree = s.tree;
      const c = summarizeChanges(await git.diffTrees(prevTree, s.tree));
      recorded.changes = { added: c.added, modified: c.modified, deleted: c.deleted };
      events.set(commit, [recorded]);
      events.set(s.commit, [...events.get(s.commit) ?? [], producedEvent(meta, commit, at)]);
      updates.push({ ref: versionRef(track.name, version2), expected: null, next: commit });
      out.push({ ...base, status: opts.dryRun ? "would-import" : "imported", version: version2 });
      prevTree = s.tree;
      prevVersion = version2;
    }
    let notesCommit = null;
    if (!opts.dryRun && updates.length > 0) {
      notesCommit = await landChange(git, {
        notesBase: view.notes,
        events,
        updates,
        message: `snapback: import ${updates.length} tag${updates.length === 1 ? "" : "s"} into ${track.name}`,
        haves: [...snaps.map((s) => s.commit), ...latest > 0 ? [versions.get(latest)] : []]
      });
    }
    return { tags: out, imported: updates.length, notesCommit };
  };
  const landed = await phase(
    deps.progress,
    "Write the versions and push them",
    () => retryRaces("import the tags", deps.log, attempt)
  );
  return { track: track.name, dryRun: opts.dryRun, ...landed };
}
async function knownVersions(git, notes, track, versions) {
  const events = await readEvents(git, notes, [...versions.values()]);
  const out = /* @__PURE__ */ new Map();
  for (const [n, oid] of versions) {
    const e = recordedEventOf(events.get(oid), track, n);
    const str3 = (v) => typeof v === "string" ? v : void 0;
    if (e && str3(e.label) && str3(e.sourceCommit) && str3(e.tree)) {
      out.set(n, { label: str3(e.label), sourceCommit: str3(e.sourceCommit), tree: str3(e.tree) });
      continue;
    }
    if (!await git.hasObject(oid)) {
      await git.fetchRefs([{ remote: versionRef(track, n), local: versionRef(track, n) }]);
    }
    const commit = await git.readCommit(oid);
    const meta = parseVersionMessage(commit.message);
    out.set(n, { label: meta?.label, sourceCommit: meta?.sourceCommit, tree: commit.tree });
  }
  return out;
}

// src/operations/import.ts
var importOperation = defineOperation({
  name: "import",
  summary: "adopt tags matching --tags as versions of a track, in tag order, labelled by the tag",
  hosts: ["cli"],
  options: [
    { name: "tags", doc: "a glob over tag names (v*, release-*)", placeholder: "glob" },
    ...TRACK_OPTIONS.filter((o) => o.name !== "metrics"),
    DRY_RUN
  ],
  async parse(inputs, env) {
    const tags = inputs.get("tags").trim();
    if (!tags) {
      throw new InputError(
        "tags",
        "is required: which tags to adopt.",
        "Give a glob over tag names, for example --tags 'v*'."
      );
    }
    tagMatcher(tags, "tags");
    const tracks = await resolveTracks(
      {
        track: inputs.get("track"),
        paths: inputs.get("paths"),
        config: inputs.get("config"),
        maxFileSize: inputs.get("max-file-size"),
        includeWorkflows: inputs.get("include-workflows"),
        // Imported versions carry no metrics, and adopting history moves no alias.
        metrics: "",
        policies: NO_POLICIES
      },
      env.workspace
    );
    if (tracks.length !== 1) {
      throw new InputError(
        "track",
        `import fills one track, and the config file declares ${tracks.length}.`,
        "Name it with --track."
      );
    }
    return { track: tracks[0], tags, dryRun: flag(inputs, "dry-run") };
  },
  async run(env, opts) {
    return importTags(
      { git: await env.openGit(), log: (m) => env.log(m), progress: env.progress },
      { ...opts, actor: env.context.actor }
    );
  },
  text: (result) => importText(result)
});

// src/core/restore-plan.ts
var same = (a, b) => a !== void 0 && b !== void 0 && a.mode === b.mode && a.oid === b.oid;
function planRestore(input) {
  const changes2 = [];
  for (const [path, want] of input.version) {
    const now = input.disk.get(path);
    if (!now) changes2.push({ path, action: "add" });
    else if (!same(now, want)) changes2.push({ path, action: "modify" });
  }
  for (const path of input.disk.keys()) {
    if (!input.version.has(path)) changes2.push({ path, action: "delete" });
  }
  changes2.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const unsaved = changes2.filter((c) => c.action !== "add").map((c) => c.path).filter((path) => {
    const now = input.disk.get(path);
    return !input.saved.some((where) => same(where.get(path), now));
  });
  return { changes: changes2, unsaved };
}

// src/workspace/restore-files.ts
import { spawn as spawn5 } from "node:child_process";
import { createWriteStream as createWriteStream3, lstatSync as lstatSync2, mkdirSync, readdirSync, rmdirSync } from "node:fs";
import { chmod as chmod2, rename, symlink as symlink2, unlink, writeFile as writeFile3 } from "node:fs/promises";
import { dirname as dirname2, join as join9 } from "node:path";
import { pipeline } from "node:stream/promises";
function lstat2(path) {
  try {
    return lstatSync2(path);
  } catch {
    return void 0;
  }
}
function diskRefusals(root, writes, deletes) {
  const refusals = [];
  const check = (path, writing) => {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      const st = lstat2(join9(root, prefix));
      if (!st || st.isDirectory()) continue;
      if (st.isSymbolicLink()) {
        return refusals.push({
          path,
          why: `the path goes through the symbolic link \`${prefix}\` in the work tree`
        });
      }
      if (writing && !deletes.has(prefix)) {
        return refusals.push({ path, why: `\`${prefix}\` is a file in the work tree` });
      }
    }
    if (writing && lstat2(join9(root, path))?.isDirectory()) {
      refusals.push({ path, why: "a folder in the work tree has this name" });
    }
  };
  for (const path of writes) check(path, true);
  for (const path of deletes) check(path, false);
  return refusals;
}
var BATCH_BYTES2 = 16 * 1024 * 1024;
async function writeRestore(git, root, writes, deletes) {
  for (const path of deletes) await unlink(join9(root, path));
  for (const path of deletes) removeEmptyFolders(root, dirname2(path));
  let batch = [];
  let bytes = 0;
  const flush = async () => {
    const blobs = await git.readBlobs(batch.map((f) => f.oid));
    for (const f of batch) {
      const content = blobs.get(f.oid);
      if (!content) throw missing(f);
      await place(
        root,
        f,
        (tmp) => f.mode === MODE_SYMLINK ? symlink2(content.toString("utf8"), tmp) : writeFile3(tmp, content)
      );
    }
    batch = [];
    bytes = 0;
  };
  for (const f of writes) {
    if (f.mode !== MODE_SYMLINK && f.size > BATCH_BYTES2) {
      await place(root, f, (tmp) => streamBlob(git.workdir, f.oid, tmp));
      continue;
    }
    if (bytes + f.size > BATCH_BYTES2) await flush();
    batch.push(f);
    bytes += f.size;
  }
  if (batch.length > 0) await flush();
}
async function place(root, f, make) {
  const target = join9(root, f.path);
  makeFolders(root, dirname2(f.path));
  const tmp = join9(dirname2(target), `.snapback-restore-${tempName()}`);
  try {
    await make(tmp);
    if (f.mode !== MODE_SYMLINK) await chmod2(tmp, f.mode === "100755" ? 493 : 420);
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => void 0);
    throw e;
  }
}
function makeFolders(root, dir) {
  if (dir === "." || dir === "") return;
  let at = root;
  for (const part of dir.split("/")) {
    at = join9(at, part);
    const st = lstat2(at);
    if (!st) mkdirSync(at);
    else if (!st.isDirectory()) {
      throw new SnapbackError(
        "unsafe-snapshot",
        `'${at.slice(root.length + 1)}' stopped being a folder during the restore; the restore stopped.`,
        "Check the work tree, then restore again."
      );
    }
  }
}
function removeEmptyFolders(root, dir) {
  while (dir !== "." && dir !== "") {
    const at = join9(root, dir);
    const st = lstat2(at);
    if (!st?.isDirectory() || readdirSync(at).length > 0) return;
    rmdirSync(at);
    dir = dirname2(dir);
  }
}
async function streamBlob(cwd, oid, file) {
  const child = spawn5("git", ["cat-file", "blob", oid], {
    cwd,
    env: gitProcessEnv(),
    stdio: ["ignore", "pipe", "pipe"]
  });
  let err = "";
  child.stderr.on("data", (d) => err = (err + d.toString("utf8")).slice(-4096));
  const exited = new Promise((resolve3, reject) => {
    child.on("error", reject);
    child.on("close", resolve3);
  });
  await pipeline(child.stdout, createWriteStream3(file, { flags: "wx" }));
  const code = await exited;
  if (code !== 0) {
    throw new SnapbackError("git-failed", `git cat-file blob ${oid} failed: ${err.trim()}`);
  }
}
function missing(f) {
  return new SnapbackError(
    "git-failed",
    `The content of '${f.path}' (${f.oid}) is missing from the local repository.`,
    'Fetch the version again (git fetch origin "refs/versions/*:refs/versions/*"), then restore.'
  );
}
async function blobsAt(cwd, queries) {
  const asked = queries.filter((q) => !/[\n\r]/.test(q.path));
  const out = /* @__PURE__ */ new Map();
  if (asked.length === 0) return out;
  const r = await runGit(["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
    cwd,
    input: asked.map((q) => `${q.commit}:${q.path}
`).join("")
  });
  const lines = r.stdout.toString("utf8").split("\n");
  asked.forEach((q, i) => {
    const [oid, type] = (lines[i] ?? "").split(" ");
    if (type === "blob" && oid) out.set(`${q.commit}:${q.path}`, oid);
  });
  return out;
}

// src/commands/restore.ts
async function restore(deps, opts) {
  if (!opts.version.trim()) {
    throw new InputError(
      "version",
      "is required: which version to restore.",
      "Give a version number, an alias (active, production\u2026), production@{1}, latest, previous or a semver range."
    );
  }
  const sel = parseSelector(opts.version, "version");
  if (sel.kind === "worktree") {
    throw new InputError("version", `'worktree' is not a version to restore.`, HINT3);
  }
  const { git } = deps;
  const view = await lookAtRegistry(git, [trackPrefix(opts.track)]);
  const index = trackIndex(opts.track, view.refs);
  if (index.versions.size === 0) {
    throw new InputError(
      "track",
      `'${opts.track}' has no versions to restore.`,
      describeVersions(index)
    );
  }
  const active = index.aliases.get("active");
  const resolved = await resolveSelector(sel, index, {
    input: "version",
    relativeTo: active !== void 0 ? versionByCommit(index).get(active) : void 0,
    labels: labelReader(git, view.notes, index),
    aliasEvents: lazyTrackEvents(git, view.notes, index)
  });
  if (resolved.kind !== "version") {
    throw new InputError(
      "version",
      `'${printable(opts.version)}' is not a version of '${opts.track}'.`,
      describeVersions(index)
    );
  }
  const latest = Math.max(...index.versions.keys());
  const latestOid = index.versions.get(latest);
  await fetchMissing(git, opts.track, [
    [resolved.n, resolved.oid],
    [latest, latestOid]
  ]);
  const versionEntries = await git.listTree(resolved.oid);
  const latestEntries = latestOid === resolved.oid ? versionEntries : await git.listTree(latestOid);
  let inTrack;
  if (opts.patterns) {
    inTrack = trackMatcher({ ...opts.patterns, workflows: opts.includeWorkflows });
  } else {
    const known = new Set([...latestEntries, ...versionEntries].map((e) => e.path));
    inTrack = (path) => known.has(path) && (opts.includeWorkflows || !isWorkflowPath(path));
  }
  await refuseUnsafeVersion(git, opts.track, resolved.n, versionEntries, inTrack, opts);
  const onDisk = opts.patterns ? (await listTrackFiles(git, { ...opts.patterns, workflows: opts.includeWorkflows })).map(
    (f) => f.path
  ) : (await git.listWorkTree([])).filter(inTrack);
  const disk = states(onDisk.length > 0 ? await git.listTree(await git.writeTree(onDisk)) : []);
  const head = await headEntries(git, inTrack);
  const plan = planRestore({
    version: states(versionEntries),
    disk,
    saved: [head, states(latestEntries)]
  });
  plan.unsaved = await stillUnsaved(git, index.versions, plan.unsaved, disk);
  const deletes = plan.changes.filter((c) => c.action === "delete").map((c) => c.path);
  const writes = plan.changes.filter((c) => c.action !== "delete").map((c) => c.path);
  refuse(
    opts.track,
    resolved.n,
    diskRefusals(git.workdir, writes, new Set(deletes)),
    "the work tree is in the way"
  );
  const meta = parseVersionMessage((await git.readCommit(resolved.oid)).message);
  const label = meta?.label || await labelOf(git, view.notes, index, resolved.n);
  const result = {
    track: opts.track,
    target: { version: resolved.n, label, commit: resolved.oid },
    changes: plan.changes,
    unsaved: plan.unsaved,
    dryRun: opts.dryRun
  };
  if (opts.dryRun || plan.changes.length === 0) return result;
  if (plan.unsaved.length > 0 && !opts.force) {
    const shown = plan.unsaved.slice(0, 10).map((p2) => printable(p2, 200));
    const more = plan.unsaved.length > 10 ? ` (and ${plan.unsaved.length - 10} more)` : "";
    throw new SnapbackError(
      "unsaved-changes",
      `Restoring v${resolved.n} of '${opts.track}' would overwrite or delete changes saved nowhere (neither committed nor in the latest version): ${shown.join(", ")}${more}. Nothing was written.`,
      "Commit or record them first, or pass --force to restore anyway (see --dry-run for every change)."
    );
  }
  const sizes2 = await git.blobSizes(resolved.oid);
  const byPath = new Map(versionEntries.map((e) => [e.path, e]));
  const files = writes.map((path) => {
    const e = byPath.get(path);
    return { path, mode: e.mode, oid: e.oid, size: sizes2.get(path) ?? 0 };
  });
  await writeRestore(git, git.workdir, files, deletes);
  deps.log(
    `${opts.track}: restored v${resolved.n}: ${writes.length} written, ${deletes.length} deleted.`
  );
  return result;
}
var SAVED_LOOKBACK = 100;
async function stillUnsaved(git, versions, unsaved, disk) {
  if (unsaved.length === 0 || unsaved.length > 2e3) return [...unsaved];
  const commits = [...versions].sort(([a], [b]) => b - a).slice(0, SAVED_LOOKBACK).map(([, oid]) => oid);
  const found = await blobsAt(
    git.workdir,
    commits.flatMap((commit) => unsaved.map((path) => ({ commit, path })))
  );
  return unsaved.filter(
    (path) => !commits.some((c) => found.get(`${c}:${path}`) === disk.get(path)?.oid)
  );
}
var HINT3 = "Give a version number, an alias, production@{1}, latest, previous or a semver range.";
function states(entries) {
  return new Map(entries.map((e) => [e.path, { mode: e.mode, oid: e.oid }]));
}
async function headEntries(git, inTrack) {
  let head;
  try {
    head = await git.head();
  } catch {
    return /* @__PURE__ */ new Map();
  }
  return states(await git.listTree(await git.subTree(head, inTrack)));
}
async function fetchMissing(git, track, versions) {
  const wanted = [];
  for (const [n, oid] of versions) {
    const ref = versionRef(track, n);
    if (!await git.hasObject(oid) && !wanted.some((w) => w.remote === ref)) {
      wanted.push({ remote: ref, local: ref });
    }
  }
  if (wanted.length > 0) await git.fetchRefs(wanted);
}
async function refuseUnsafeVersion(git, track, version2, entries, inTrack, opts) {
  const refusals = checkRestore(entries, { inTrack, workflows: opts.includeWorkflows });
  const links = entries.filter(
    (e) => e.mode === MODE_SYMLINK && !refusals.some((r) => r.path === e.path)
  );
  const targets = await git.readBlobs(links.map((e) => e.oid));
  for (const e of links) {
    const why = checkSymlinkTarget(e.path, targets.get(e.oid)?.toString("utf8") ?? "");
    if (why) refusals.push({ path: e.path, why });
  }
  refuse(track, version2, refusals, "cannot be restored");
}
function refuse(track, version2, refusals, what) {
  if (refusals.length === 0) return;
  const shown = refusals.slice(0, 10).map((r) => `${printable(r.path, 200)}: ${r.why}`);
  const more = refusals.length > 10 ? ` (and ${refusals.length - 10} more)` : "";
  throw new SnapbackError(
    "unsafe-snapshot",
    `Version ${version2} of '${track}' ${what}; nothing was written. ${shown.join("; ")}${more}.`,
    what === "cannot be restored" ? `Version refs can be pushed by anyone with write access: inspect it with \`git ls-tree -r refs/versions/${track}/${version2}\`, and restore another version.` : "Move the paths named out of the way, then restore again."
  );
}

// src/operations/restore.ts
var RESTORE_TRACK_OPTIONS = /* @__PURE__ */ new Set(["track", "paths", "config", "include-workflows"]);
var MARK = { add: "A", modify: "M", delete: "D" };
var restoreOperation = defineOperation({
  name: "restore",
  summary: "put a version's files into the work tree exactly (--dry-run lists the changes)",
  hosts: ["cli"],
  options: [
    {
      name: "version",
      doc: "the version: number, alias, production@{1}, latest, previous or semver range",
      positional: "selector"
    },
    ...TRACK_OPTIONS.filter((o) => RESTORE_TRACK_OPTIONS.has(o.name)),
    { ...DRY_RUN, doc: "list what would change, write nothing" },
    {
      name: "force",
      doc: "overwrite or delete files whose changes are saved nowhere",
      type: "boolean"
    }
  ],
  async parse(inputs, env) {
    const raw = {
      track: inputs.get("track"),
      paths: inputs.get("paths"),
      config: inputs.get("config"),
      maxFileSize: "",
      metrics: "",
      includeWorkflows: inputs.get("include-workflows"),
      policies: NO_POLICIES
    };
    const tracks = await resolveDiffTracks(raw, env.workspace);
    const named = (raw.track.trim() || "default") !== "default";
    if (tracks.length !== 1 && !named) {
      throw new InputError(
        "track",
        `restore works on one track, and the config file declares ${tracks.length}.`,
        "Name the track to restore with --track."
      );
    }
    const version2 = inputs.get("version").trim();
    if (!version2) {
      throw new InputError(
        "version",
        "is required: which version to restore.",
        "Give a version number, an alias (active, production\u2026), production@{1}, latest, previous or a semver range, e.g. `snapback restore 3 --track conf`."
      );
    }
    const track = tracks[0];
    return {
      track,
      includeWorkflows: track.patterns?.workflows ?? parseBoolean(raw.includeWorkflows ?? "", "include-workflows"),
      version: version2,
      dryRun: parseBoolean(inputs.get("dry-run"), "dry-run"),
      force: parseBoolean(inputs.get("force"), "force")
    };
  },
  async run(env, opts) {
    const git = await env.openGit();
    return restore(
      { git, log: (m) => env.log(m) },
      {
        track: opts.track.name,
        patterns: opts.track.patterns,
        includeWorkflows: opts.includeWorkflows,
        version: opts.version,
        dryRun: opts.dryRun,
        force: opts.force
      }
    );
  },
  text(r, _opts, style) {
    const what = `${r.track} v${r.target.version}${r.target.label ? ` (${printable(r.target.label)})` : ""}`;
    const n = r.changes.length;
    const head = n === 0 ? `${what}: the work tree already holds this version's files.` : r.dryRun ? `${what}: restoring would change ${n} file${n === 1 ? "" : "s"}; nothing written (dry run).` : `${what}: restored, ${n} file${n === 1 ? "" : "s"} changed.`;
    const unsaved = new Set(r.unsaved);
    const lines = r.changes.map(
      (c) => `  ${MARK[c.action]} ${printable(c.path, 300)}${unsaved.has(c.path) ? style.warn(r.dryRun ? "  (unsaved changes: needs --force)" : "  (unsaved changes overwritten)") : ""}`
    );
    return `${[head, ...lines].join("\n")}
`;
  }
});

// src/operations/table.ts
var OPERATIONS = [
  recordOperation,
  diffOperation,
  pruneOperation,
  promoteOperation,
  demoteOperation,
  statusOperation,
  rollbackOperation,
  listOperation,
  logOperation,
  showOperation,
  exportOperation,
  verifyOperation,
  reindexOperation,
  importOperation,
  restoreOperation
];
var DEFAULT_ACTION_COMMAND = "record";
var ACTION_HOST_INPUTS = [
  { name: "command", doc: "what to do" },
  { name: "token", doc: "token for git and the GitHub API" },
  { name: "push-mode", doc: "auto or git" },
  { name: "committer", doc: "committer of the commits snapback writes" },
  { name: "network-timeout", doc: "seconds a request may go without progress" }
];
var CLI_HOST_OPTIONS = [
  {
    name: "remote",
    doc: "where the registry lives: a remote name or URL (default: origin)",
    placeholder: "name|url"
  },
  {
    name: "network-timeout",
    doc: "seconds a request may go without progress (default: 60)",
    placeholder: "s"
  },
  {
    name: "push-mode",
    doc: "auto: one receive-pack request; git: plain 'git push' (default: auto)",
    placeholder: "auto|git"
  }
];
function operationsFor(host) {
  return OPERATIONS.filter((op) => op.hosts.includes(host));
}
function optionsFor(op, host) {
  return op.options.filter((o) => !o.hosts || o.hosts.includes(host));
}

export {
  NOBODY,
  actionsIdentity,
  parsePerson,
  parseIdent,
  runGit,
  NativeGit,
  parsePushMode,
  checkToken,
  parseNetworkTimeout,
  cancelOnSignals,
  DEFAULT_ACTION_COMMAND,
  ACTION_HOST_INPUTS,
  CLI_HOST_OPTIONS,
  operationsFor,
  optionsFor
};
