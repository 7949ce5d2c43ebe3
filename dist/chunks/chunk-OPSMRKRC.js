import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);

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
  constructor(message, hint = "The git server did not answer properly; re-run the job.", code = "network") {
    super(code, message, hint);
    this.name = "TransientError";
  }
};
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500 && status <= 599;
}
var StallError = class extends TransientError {
  constructor(message) {
    super(message);
    this.name = "StallError";
  }
};
var NetworkTimeoutError = class extends SnapbackError {
  constructor(host, step, stallSeconds, budgetSeconds) {
    super(
      "network-timeout",
      `No answer from ${host} while ${step}: nothing arrived for ${stallSeconds} s at a time, and retrying gave up after ${budgetSeconds} s.`,
      `The server (or a proxy on the way) stopped answering; nothing was left half-written. Re-run the job. If transfers are just slow, raise network-timeout (seconds without progress, default 60; a step gives up after 5 times that).`
    );
    this.name = "NetworkTimeoutError";
  }
};
var CancelledError = class extends SnapbackError {
  constructor(signal) {
    super(
      "cancelled",
      `Cancelled (${signal}): stopped before finishing. Nothing was left half-written; a change the server had already accepted stays, anything else was not made.`,
      "Re-run the job to finish the work."
    );
    this.name = "CancelledError";
  }
};
function snapbackCause(error) {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof SnapbackError) return e;
    e = e.cause;
  }
  return void 0;
}
function formatError(error) {
  error = snapbackCause(error) ?? error;
  if (error instanceof SnapbackError) {
    return error.hint ? `${error.message}
Hint: ${error.hint}` : error.message;
  }
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

export {
  addSecret,
  redact,
  SnapbackError,
  InputError,
  TransientError,
  isRetryableStatus,
  StallError,
  NetworkTimeoutError,
  CancelledError,
  snapbackCause,
  formatError
};
