import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);
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
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
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

// src/secrets.ts
var forms = /* @__PURE__ */ new Set();
var MIN_SECRET = 6;
function base64Cores(secret) {
  const cores = [];
  for (const pad of [0, 1, 2]) {
    const bytes = Buffer.concat([Buffer.alloc(pad), Buffer.from(secret, "utf8")]);
    const core = bytes.toString("base64").slice(pad === 0 ? 0 : 4, Math.floor(bytes.length / 3) * 4);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}
function addSecret(secret) {
  if (secret.length < MIN_SECRET) return;
  for (const form of [
    secret,
    encodeURIComponent(secret),
    Buffer.from(`x-access-token:${secret}`).toString("base64"),
    ...base64Cores(secret)
  ]) {
    forms.add(form);
  }
}
function redact(text) {
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    out = out.split(form).join("***");
  }
  return out.replace(/(authorization:\s*\w+\s+)[^\s'"]+/gi, "$1***").replace(/(https?:\/\/)[^/@\s]+@/gi, "$1***@");
}

// src/errors.ts
var SnapbackError = class extends Error {
  code;
  hint;
  constructor(code, message, hint) {
    super(redact(message));
    this.name = "SnapbackError";
    this.code = code;
    this.hint = hint === void 0 ? void 0 : redact(hint);
  }
};
var InputError = class extends SnapbackError {
  input;
  constructor(input, message, hint) {
    super("invalid-input", `Input '${input}': ${message}`, hint);
    this.name = "InputError";
    this.input = input;
  }
};
var TransientError = class extends SnapbackError {
  constructor(message, hint = "The git server did not answer properly; re-run the job.") {
    super("network", message, hint);
    this.name = "TransientError";
  }
};
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500 && status <= 599;
}
function formatError(error) {
  if (error instanceof SnapbackError) {
    return error.hint ? `${error.message}
Hint: ${error.hint}` : error.message;
  }
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

export {
  __require,
  __commonJS,
  __export,
  __toESM,
  addSecret,
  redact,
  SnapbackError,
  InputError,
  TransientError,
  isRetryableStatus,
  formatError
};
