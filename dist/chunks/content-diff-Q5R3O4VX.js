import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-SMHN47PT.js";
import {
  __toESM
} from "./chunk-7K27WSPA.js";

// src/core/content-diff/key-path.ts
var PLAIN_KEY = /^[\p{L}_$][\p{L}\p{N}_$-]*$/u;
var ROOT_LABEL = "(root)";
function formatKeyPath(segments) {
  return appendKeyPath("", segments);
}
function appendKeyPath(prefix, segments) {
  let out = prefix;
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
function documentPrefix(index) {
  return `[doc ${index + 1}]`;
}

// src/core/content-diff/change-list.ts
var ChangeList = class {
  constructor(prefix, changes = []) {
    this.prefix = prefix;
    this.changes = changes;
  }
  prefix;
  changes;
  added(path, after) {
    this.changes.push({ path: this.label(path), kind: "added", after });
  }
  removed(path, before) {
    this.changes.push({ path: this.label(path), kind: "removed", before });
  }
  changed(path, before, after, note) {
    const change = { path: this.label(path), kind: "changed", before, after };
    if (note !== void 0) change.note = note;
    this.changes.push(change);
  }
  label(path) {
    if (path.length === 0) return this.prefix === "" ? ROOT_LABEL : this.prefix;
    return appendKeyPath(this.prefix, path);
  }
};

// node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string, ptr) {
  let lines = string.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
  let lines = string.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message, ctx, ptr) {
    throw new _TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value = value << 4 | digit;
        }
        if (value < 0 || value > 1114111 || value >= 55296 && value <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// node_modules/smol-toml/dist/extract.js
function isDigit(char, base = 10) {
  return base === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str = str.replaceAll("_", "");
  return state > 1 ? parseFloat(str) : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str = str.replaceAll("_", "");
  return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str, base);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base === 10 ? BigInt(str) : BigInt((base === 2 ? "0b" : base === 8 ? "0o" : "0x") + str);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t2 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t2, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t2 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t2 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str);
      case 2:
        return Temporal.PlainDateTime.from(str);
      case 3:
        return Temporal.PlainDate.from(str);
      case 4:
        return Temporal.PlainTime.from(str);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key = parseKey(ctx);
    for (let i = 0; i < key.length; i++) {
      if (i)
        t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      k = key[i];
      if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== "object" || seen.has(t[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value = extractValue(
      ctx,
      125
      /* } */
    );
    if (t && typeof (t[k] = value) === "object")
      seen.add(value);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key, table, meta, type) {
  let t = table;
  let m = meta;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key.length; i++) {
    if (i) {
      t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t.length - 1;
        t = t[l];
        m = m[l].c;
      }
    }
    k = key[i];
    if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t[k] = [];
    }
    t[k].push(t = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta = /* @__PURE__ */ Object.create(null);
  let tmp;
  let skipping = false;
  let tbl = res;
  let m = meta;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 10 && (tmp !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// src/core/content-diff/values.ts
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function shapeOf(value) {
  if (Array.isArray(value)) return "array";
  return isRecord(value) ? "object" : "scalar";
}
function toPlain(value, seen = /* @__PURE__ */ new Map()) {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value !== "object" || value === null) return value;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  const done = seen.get(value);
  if (done !== void 0) return done;
  if (Array.isArray(value) || value instanceof Set) {
    const out2 = [];
    seen.set(value, out2);
    for (const item of value) out2.push(toPlain(item, seen));
    return out2;
  }
  const out = {};
  seen.set(value, out);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  for (const [key, item] of entries) setOwn(out, String(key), toPlain(item, seen));
  return out;
}
function setOwn(target, key, value) {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true
    });
  } else {
    target[key] = value;
  }
}
function fingerprint(value) {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${fingerprint(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

// src/core/content-diff/yaml-parse.ts
var import_yaml3 = __toESM(require_dist(), 1);

// src/core/content-diff/yaml-keys.ts
var import_yaml = __toESM(require_dist(), 1);
function firstDuplicateKey(node) {
  if ((0, import_yaml.isSeq)(node)) {
    for (const item of node.items) {
      const found = firstDuplicateKey(item);
      if (found) return found;
    }
  } else if ((0, import_yaml.isMap)(node)) {
    const seen = /* @__PURE__ */ new Set();
    for (const pair of node.items) {
      if (!(0, import_yaml.isPair)(pair)) continue;
      const inKey = firstDuplicateKey(pair.key);
      if (inKey) return inKey;
      const key = pair.key;
      if ((0, import_yaml.isScalar)(key) && !Number.isNaN(key.value)) {
        if (seen.has(key.value)) {
          const [start, end] = key.range ?? [0, 0];
          return { offset: start, empty: start === end };
        }
        seen.add(key.value);
      }
      const inValue = firstDuplicateKey(pair.value);
      if (inValue) return inValue;
    }
  }
  return void 0;
}

// src/core/content-diff/yaml-pieces.ts
var import_yaml2 = __toESM(require_dist(), 1);
var MAX_YAML_ALIAS_COUNT = 100;
var PIECE_CHARS = 8 * 1024;
var NotInPieces = class extends Error {
};
var KEY = String.raw`(?:[A-Za-z0-9_$][A-Za-z0-9_$./ -]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')`;
var KEY_LINE = new RegExp(String.raw`^${KEY}:(?:[ \r\n]|$)`);
var KEY_ALONE = new RegExp(String.raw`^${KEY}:\r?\n?$`);
var SEQUENCE_ITEM = /^-(?:[ \r\n]|$)/;
function parseYamlInPieces(text, pieceChars = PIECE_CHARS) {
  if (/^(?:---|\.\.\.|%)/m.test(text) || text.includes("<<") || /^ *\t/m.test(text)) {
    return void 0;
  }
  const lines = text.split(/(?<=\n)/);
  try {
    const pieces = new Pieces(lines, pieceChars);
    const root = pieces.shape(0, lines.length, -1);
    return root && root.indent === 0 ? pieces.collection(0, lines.length, root) : void 0;
  } catch {
    return void 0;
  }
}
function indentOf(line) {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}
function isFiller(line) {
  const rest = line.trimStart();
  return rest === "" || rest.startsWith("#");
}
var Pieces = class {
  constructor(lines, pieceChars) {
    this.lines = lines;
    this.pieceChars = pieceChars;
  }
  lines;
  pieceChars;
  /**
   * Where the block collection on lines [from, to) puts its entries, if it can be cut: its first
   * entry starts at a column that is more than `outer` (or at `outer` itself for a list under a
   * key), with a `- ` or a plain or quoted key.
   */
  shape(from, to, outer) {
    const { lines } = this;
    let first = from;
    while (first < to && isFiller(lines[first])) first++;
    if (first === to) return void 0;
    const indent = indentOf(lines[first]);
    const head = lines[first].slice(indent);
    const sequence = SEQUENCE_ITEM.test(head);
    if (!sequence && !KEY_LINE.test(head)) return void 0;
    if (indent < outer || indent === outer && !sequence && outer >= 0) return void 0;
    return { first, indent, sequence };
  }
  /** The block collection on lines [from, to), cut into pieces. */
  collection(from, to, { first, indent, sequence }) {
    const { lines } = this;
    const startsEntry = (line2) => indentOf(line2) === indent && (sequence ? SEQUENCE_ITEM : KEY_LINE).test(line2.slice(indent));
    const mapping = {};
    const items = [];
    const seen = /* @__PURE__ */ new Set();
    const noteKeys = (keys) => {
      for (const key of keys) {
        if (typeof key === "number" && Number.isNaN(key)) continue;
        if (seen.has(key)) throw new NotInPieces();
        seen.add(key);
      }
    };
    let pieceStart = from;
    let size = 0;
    const flush = (end) => {
      if (end > pieceStart) {
        const piece = this.parsePiece(pieceStart, end, indent, sequence);
        if (Array.isArray(piece.value)) {
          for (const item of piece.value) items.push(item);
        } else {
          noteKeys(piece.keys);
          const value = piece.value;
          for (const name of Object.keys(value)) setOwn(mapping, name, value[name]);
        }
      }
      pieceStart = end;
      size = 0;
    };
    let line = first;
    while (line < to) {
      let end = line + 1;
      let entryChars = lines[line].length;
      while (end < to && !startsEntry(lines[end])) {
        const text = lines[end];
        if (!isFiller(text) && indentOf(text) < indent) throw new NotInPieces();
        entryChars += text.length;
        end++;
      }
      const inner = !sequence && entryChars > this.pieceChars && KEY_ALONE.test(lines[line].slice(indent)) ? this.shape(line + 1, end, indent) : void 0;
      if (inner) {
        flush(line);
        const { key, name } = this.parseKey(lines[line].slice(indent));
        noteKeys([key]);
        setOwn(mapping, name, this.collection(line + 1, end, inner));
        pieceStart = end;
      } else {
        size += entryChars;
        if (size >= this.pieceChars) flush(end);
      }
      line = end;
    }
    flush(to);
    return sequence ? items : mapping;
  }
  /** `key:` alone, parsed as yaml reads it: the scalar (for repeats) and its property name. */
  parseKey(line) {
    const { value, keys } = this.parsePiece(0, 0, 0, false, line);
    const names = Object.keys(value);
    if (keys.length !== 1 || names.length !== 1) throw new NotInPieces();
    return { key: keys[0], name: names[0] };
  }
  /**
   * Lines [from, to) moved left by `indent` columns (or `source`), parsed as one document that
   * must be a sequence or a mapping, without errors or repeated keys. For a mapping, also its
   * keys as yaml compares them: the scalar values, a fresh object for any other key.
   */
  parsePiece(from, to, indent, sequence, source) {
    let text = source ?? "";
    for (let i = from; i < to; i++) {
      const line = this.lines[i];
      text += line.slice(Math.min(indent, indentOf(line)));
    }
    const documents = (0, import_yaml2.parseAllDocuments)(text, { merge: true, uniqueKeys: false });
    const [document] = documents;
    if (documents.length !== 1 || !document || document.errors.length > 0) {
      throw new NotInPieces();
    }
    const contents = document.contents;
    if (firstDuplicateKey(contents) !== void 0) throw new NotInPieces();
    const value = toPlain(document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }));
    if (sequence) {
      if (!Array.isArray(value)) throw new NotInPieces();
      return { value, keys: [] };
    }
    if (!(0, import_yaml2.isMap)(contents) || !isRecord(value)) throw new NotInPieces();
    const keys = contents.items.map((pair) => (0, import_yaml2.isScalar)(pair.key) ? pair.key.value : {});
    return { value, keys };
  }
};

// src/core/content-diff/yaml-parse.ts
var DUPLICATE_KEY = "Map keys must be unique";
var PIECES_FROM_CHARS = 2 * PIECE_CHARS;
function parseYaml(text) {
  if (text.length >= PIECES_FROM_CHARS) {
    const value = parseYamlInPieces(text);
    if (value !== void 0) return [value];
  }
  const lineCounter = new import_yaml3.LineCounter();
  const documents = (0, import_yaml3.parseAllDocuments)(text, { merge: true, uniqueKeys: false, lineCounter });
  for (const [index, document] of documents.entries()) {
    const duplicate = firstDuplicateKey(document.contents);
    const [error] = document.errors;
    if (duplicate === void 0) {
      if (error) throw error;
      continue;
    }
    const { line, col } = lineCounter.linePos(duplicate.offset);
    const at = [duplicate.offset, duplicate.offset + 1];
    const found = new import_yaml3.YAMLParseError(
      at,
      "DUPLICATE_KEY",
      `${DUPLICATE_KEY} at line ${line}, column ${col}`
    );
    if (error || duplicate.empty) throw exactFirstError(text, index) ?? found;
    throw found;
  }
  return documents.map(
    (document) => toPlain(document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }))
  );
}
function exactFirstError(text, index) {
  return (0, import_yaml3.parseAllDocuments)(text, { merge: true })[index]?.errors[0];
}

// src/core/content-diff/parse.ts
var FORMAT_BY_EXTENSION = {
  json: "json",
  yaml: "yaml",
  yml: "yaml",
  toml: "toml"
};
function formatFor(path) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  if (dot < 0) return void 0;
  const extension = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(FORMAT_BY_EXTENSION, extension) ? FORMAT_BY_EXTENSION[extension] : void 0;
}
function parseDocuments(format, text) {
  try {
    return { ok: true, documents: PARSERS[format](text) };
  } catch (error) {
    return { ok: false, message: firstLine(error) };
  }
}
var PARSERS = {
  json: (text) => text.trim() === "" ? [] : [JSON.parse(text)],
  yaml: parseYaml,
  toml: (text) => (
    // 'asNeeded' keeps ordinary integers as numbers while still accepting full int64 values.
    [toPlain(parse(text, { integersAsBigInt: "asNeeded" }))]
  )
};
function firstLine(error) {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n", 1)[0] ?? "").trim().replace(/:$/, "");
}

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    if (typeof options === "function") {
      callback = options;
      options = {};
    } else if ("callback" in options) {
      callback = options.callback;
    }
    const oldString = this.castInput(oldStr, options);
    const newString = this.castInput(newStr, options);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options));
    const newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options.maxEditLength);
    }
    const maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    const last = path.lastComponent;
    if (last && !options.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options) {
    if (options.comparator) {
      return options.comparator(left, right);
    } else {
      return left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array) {
    const ret = [];
    for (let i = 0; i < array.length; i++) {
      if (array[i]) {
        ret.push(array[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments);
    this.tokenize = tokenize;
  }
  equals(left, right, options) {
    if (options.ignoreWhitespace) {
      if (!options.newlineIsToken || !left.includes("\n")) {
        left = left.trim();
      }
      if (!options.newlineIsToken || !right.includes("\n")) {
        right = right.trim();
      }
    } else if (options.ignoreNewlineAtEof && !options.newlineIsToken) {
      if (left.endsWith("\n")) {
        left = left.slice(0, -1);
      }
      if (right.endsWith("\n")) {
        right = right.slice(0, -1);
      }
    }
    return super.equals(left, right, options);
  }
};
var lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  if (options.stripTrailingCr) {
    value = value.replace(/\r\n/g, "\n");
  }
  const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  if (!linesAndNewlines[linesAndNewlines.length - 1]) {
    linesAndNewlines.pop();
  }
  for (let i = 0; i < linesAndNewlines.length; i++) {
    const line = linesAndNewlines[i];
    if (i % 2 && !options.newlineIsToken) {
      retLines[retLines.length - 1] += line;
    } else {
      retLines.push(line);
    }
  }
  return retLines;
}

// node_modules/diff/libesm/diff/array.js
var ArrayDiff = class extends Diff {
  tokenize(value) {
    return value.slice();
  }
  join(value) {
    return value;
  }
  removeEmpty(value) {
    return value;
  }
};
var arrayDiff = new ArrayDiff();
function diffArrays(oldArr, newArr, options) {
  return arrayDiff.diff(oldArr, newArr, options);
}

// src/core/content-diff/text.ts
var BINARY_SNIFF_BYTES = 8e3;
var MAX_LINE_EDITS = 1e3;
var LINE_DIFF_TIMEOUT_MS = 2e3;
var APPROXIMATE_NOTE = "Line counts are approximate: the versions differ too much for an exact line diff.";
function looksBinary(bytes) {
  return bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
}
function decodeText(bytes, keepBom) {
  if (bytes === null) return "";
  return new TextDecoder("utf-8", { ignoreBOM: keepBom }).decode(bytes);
}
function countLineChanges(before, after) {
  if (before === after) return { added: 0, removed: 0, approximate: false };
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  if (oldLines.length === 0 || newLines.length === 0) {
    return { added: newLines.length, removed: oldLines.length, approximate: false };
  }
  const estimate = countByMultiset(oldLines, newLines);
  if (estimate.added + estimate.removed > MAX_LINE_EDITS) return estimate;
  const parts = diffLines(before, after, {
    maxEditLength: MAX_LINE_EDITS,
    timeout: LINE_DIFF_TIMEOUT_MS
  });
  if (parts === void 0) return estimate;
  const counts = { added: 0, removed: 0, approximate: false };
  for (const part of parts) {
    if (part.added) counts.added += part.count;
    else if (part.removed) counts.removed += part.count;
  }
  return counts;
}
function splitLines(text) {
  return text === "" ? [] : text.split(/(?<=\n)/);
}
function countByMultiset(oldLines, newLines) {
  const balance = /* @__PURE__ */ new Map();
  for (const line of oldLines) balance.set(line, (balance.get(line) ?? 0) + 1);
  for (const line of newLines) balance.set(line, (balance.get(line) ?? 0) - 1);
  let added = 0;
  let removed = 0;
  for (const surplus of balance.values()) {
    if (surplus > 0) removed += surplus;
    else added -= surplus;
  }
  return { added, removed, approximate: true };
}

// src/core/content-diff/array-diff.ts
var IDENTITY_KEYS = ["name", "id", "key"];
var MAX_ALIGN_EDITS = 500;
function diffArrayElements(before, after, path, out, diffElement) {
  if (before.length === after.length && before.every((item, i) => item === after[i])) return;
  const matching = matchingKey(before, after);
  if (matching !== void 0) diffByIdentity(before, after, matching, path, out, diffElement);
  else if (!diffByContent(before, after, path, out, diffElement)) {
    diffByIndex(before, after, path, out, diffElement);
  }
}
function matchingKey(before, after) {
  if (before.length === 0 || after.length === 0) return void 0;
  for (const key of IDENTITY_KEYS) {
    const oldIds = identities(before, key);
    const newIds = oldIds && identities(after, key);
    if (oldIds && newIds) return { key, oldIds, newIds };
  }
  return void 0;
}
function identities(elements, key) {
  const found = /* @__PURE__ */ new Map();
  for (const [index, element] of elements.entries()) {
    if (!isRecord(element) || !Object.hasOwn(element, key)) return void 0;
    const id = element[key];
    if (typeof id !== "string" && typeof id !== "number" || found.has(id)) return void 0;
    found.set(id, index);
  }
  return found;
}
function diffByIdentity(before, after, { key, oldIds, newIds }, path, out, diffElement) {
  const keptInOldOrder = [...oldIds.keys()].filter((id) => newIds.has(id));
  const keptInNewOrder = [...newIds.keys()].filter((id) => oldIds.has(id));
  if (keptInOldOrder.some((id, i) => id !== keptInNewOrder[i])) {
    const note = `order changed (elements matched by "${key}")`;
    out.changed(path, [...oldIds.keys()], [...newIds.keys()], note);
  }
  for (const [id, oldIndex] of oldIds) {
    if (!newIds.has(id)) out.removed([...path, oldIndex], before[oldIndex]);
  }
  for (const [id, newIndex] of newIds) {
    const oldIndex = oldIds.get(id);
    if (oldIndex === void 0) out.added([...path, newIndex], after[newIndex]);
    else diffElement(before[oldIndex], after[newIndex], [...path, newIndex], out);
  }
}
function diffByContent(before, after, path, out, diffElement) {
  const tokens = alignmentTokens(before, after);
  if (tokens.unmatched > MAX_ALIGN_EDITS) return false;
  const parts = diffArrays(tokens.before, tokens.after, { maxEditLength: MAX_ALIGN_EDITS });
  if (parts === void 0) return false;
  let oldPos = 0;
  let newPos = 0;
  let removed = 0;
  let added = 0;
  const flush = () => {
    const paired = Math.min(removed, added);
    for (let k = 0; k < paired; k++) {
      diffElement(before[oldPos + k], after[newPos + k], [...path, newPos + k], out);
    }
    for (let k = paired; k < removed; k++) out.removed([...path, oldPos + k], before[oldPos + k]);
    for (let k = paired; k < added; k++) out.added([...path, newPos + k], after[newPos + k]);
    oldPos += removed;
    newPos += added;
    removed = added = 0;
  };
  for (const part of parts) {
    if (part.removed) removed += part.count;
    else if (part.added) added += part.count;
    else {
      flush();
      oldPos += part.count;
      newPos += part.count;
    }
  }
  flush();
  return true;
}
function alignmentTokens(before, after) {
  if (before.every(isScalar3) && after.every(isScalar3)) {
    return { before, after, unmatched: unmatchedScalars(before, after) };
  }
  const numbering = /* @__PURE__ */ new Map();
  const number = (element) => {
    const key = isScalar3(element) ? element : `\0${fingerprint(element)}`;
    let n = numbering.get(key);
    if (n === void 0) numbering.set(key, n = numbering.size);
    return n;
  };
  const oldNumbers = before.map(number);
  const newNumbers = after.map(number);
  const balance = new Int32Array(numbering.size);
  for (const n of oldNumbers) balance[n]++;
  for (const n of newNumbers) balance[n]--;
  let unmatched = 0;
  for (const surplus of balance) unmatched += Math.abs(surplus);
  return { before: oldNumbers, after: newNumbers, unmatched };
}
function isScalar3(value) {
  return typeof value !== "object" || value === null;
}
var SCALAR_RANK = { boolean: 1, number: 2, string: 3 };
function compareScalars(a, b) {
  const rankA = a === null ? 0 : SCALAR_RANK[typeof a] ?? 4;
  const rankB = b === null ? 0 : SCALAR_RANK[typeof b] ?? 4;
  if (rankA !== rankB) return rankA - rankB;
  return a < b ? -1 : a > b ? 1 : 0;
}
function unmatchedScalars(before, after) {
  const a = [...before].sort(compareScalars);
  const b = [...after].sort(compareScalars);
  let unmatched = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const order = compareScalars(a[i], b[j]);
    if (order === 0) {
      i++;
      j++;
    } else {
      unmatched++;
      if (order < 0) i++;
      else j++;
    }
  }
  return unmatched + (a.length - i) + (b.length - j);
}
function diffByIndex(before, after, path, out, diffElement) {
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) {
    if (before[i] !== after[i]) diffElement(before[i], after[i], [...path, i], out);
  }
  for (let i = common; i < before.length; i++) out.removed([...path, i], before[i]);
  for (let i = common; i < after.length; i++) out.added([...path, i], after[i]);
}

// src/core/content-diff/value-diff.ts
function diffValues(before, after, path, out) {
  if (before === after) return;
  const shape = shapeOf(before);
  if (shape !== shapeOf(after)) {
    out.changed(path, before, after);
  } else if (shape === "array") {
    diffArrayElements(before, after, path, out, diffValues);
  } else if (shape === "object") {
    diffMappings(before, after, path, out);
  } else {
    out.changed(path, before, after);
  }
}
function diffMappings(before, after, path, out) {
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) out.removed([...path, key], before[key]);
    else if (before[key] !== after[key]) diffValues(before[key], after[key], [...path, key], out);
  }
  for (const key of Object.keys(after)) {
    if (!Object.hasOwn(before, key)) out.added([...path, key], after[key]);
  }
}
function diffDocument(before, after, out) {
  if (before === void 0 && after === void 0) return;
  if (before === void 0) {
    if (isRecord(after)) diffMappings({}, after, [], out);
    else out.added([], after);
  } else if (after === void 0) {
    if (isRecord(before)) diffMappings(before, {}, [], out);
    else out.removed([], before);
  } else {
    diffValues(before, after, [], out);
  }
}

// src/core/content-diff/limits.ts
var MiB = 1024 * 1024;
var LIMITS = { json: 5 * MiB, yaml: 2 * MiB, toml: 2 * MiB, text: 2 * MiB };
function contentLimit(path) {
  return LIMITS[formatFor(path) ?? "text"];
}

// src/core/content-diff/index.ts
var FORMAT_NAMES = { json: "JSON", yaml: "YAML", toml: "TOML" };
function diffContent(path, before, after) {
  try {
    if (before && looksBinary(before) || after && looksBinary(after)) return { kind: "binary" };
    const format = formatFor(path);
    return format ? diffStructured(format, before, after) : diffText(before, after);
  } catch (error) {
    return { kind: "text", note: `Could not compare the versions: ${firstLine(error)}.` };
  }
}
function diffStructured(format, before, after) {
  const old = parseDocuments(format, decodeText(before, false));
  const current = parseDocuments(format, decodeText(after, false));
  const failures = [];
  if (!old.ok)
    failures.push(`the before version is not valid ${FORMAT_NAMES[format]} (${old.message})`);
  if (!current.ok) {
    failures.push(`the after version is not valid ${FORMAT_NAMES[format]} (${current.message})`);
  }
  if (!old.ok || !current.ok) {
    return diffText(before, after, `Compared line by line: ${failures.join("; ")}.`);
  }
  try {
    return { kind: "structured", format, keys: diffDocuments(old.documents, current.documents) };
  } catch (error) {
    const reason = `Compared line by line: the key-by-key comparison failed (${firstLine(error)}).`;
    return diffText(before, after, reason);
  }
}
function diffDocuments(before, after) {
  const multi = before.length > 1 || after.length > 1;
  const count = Math.max(before.length, after.length);
  const changes = [];
  for (let i = 0; i < count; i++) {
    const out = new ChangeList(multi ? documentPrefix(i) : "", changes);
    diffDocument(before[i], after[i], out);
  }
  return changes;
}
function diffText(before, after, note) {
  const counts = countLineChanges(decodeText(before, true), decodeText(after, true));
  const notes = [note, counts.approximate ? APPROXIMATE_NOTE : void 0].filter(Boolean);
  const result = {
    kind: "text",
    lines: { added: counts.added, removed: counts.removed }
  };
  if (notes.length > 0) result.note = notes.join(" ");
  return result;
}
export {
  contentLimit,
  diffContent,
  formatFor,
  formatKeyPath
};
/*! For license information please see content-diff-Q5R3O4VX.js.LEGAL.txt */
