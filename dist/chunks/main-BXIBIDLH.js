import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);
import {
  require_tunnel
} from "./chunk-5UUX3R3W.js";
import {
  ACTION_HOST_INPUTS,
  DEFAULT_ACTION_COMMAND,
  NativeGit,
  actionsIdentity,
  cancelOnSignals,
  checkToken,
  operationsFor,
  optionsFor,
  parseNetworkTimeout,
  parsePerson,
  parsePushMode
} from "./chunk-J6PJO2V3.js";
import "./chunk-2ZIKKBOL.js";
import {
  networkLimits,
  require_undici
} from "./chunk-ZV5OM7D7.js";
import {
  InputError,
  SnapbackError,
  addSecret,
  formatError,
  redact
} from "./chunk-OPSMRKRC.js";
import {
  __toESM
} from "./chunk-7K27WSPA.js";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/http-client/lib/index.js
var tunnel = __toESM(require_tunnel(), 1);
var import_undici = __toESM(require_undici(), 1);
var HttpCodes;
(function(HttpCodes2) {
  HttpCodes2[HttpCodes2["OK"] = 200] = "OK";
  HttpCodes2[HttpCodes2["MultipleChoices"] = 300] = "MultipleChoices";
  HttpCodes2[HttpCodes2["MovedPermanently"] = 301] = "MovedPermanently";
  HttpCodes2[HttpCodes2["ResourceMoved"] = 302] = "ResourceMoved";
  HttpCodes2[HttpCodes2["SeeOther"] = 303] = "SeeOther";
  HttpCodes2[HttpCodes2["NotModified"] = 304] = "NotModified";
  HttpCodes2[HttpCodes2["UseProxy"] = 305] = "UseProxy";
  HttpCodes2[HttpCodes2["SwitchProxy"] = 306] = "SwitchProxy";
  HttpCodes2[HttpCodes2["TemporaryRedirect"] = 307] = "TemporaryRedirect";
  HttpCodes2[HttpCodes2["PermanentRedirect"] = 308] = "PermanentRedirect";
  HttpCodes2[HttpCodes2["BadRequest"] = 400] = "BadRequest";
  HttpCodes2[HttpCodes2["Unauthorized"] = 401] = "Unauthorized";
  HttpCodes2[HttpCodes2["PaymentRequired"] = 402] = "PaymentRequired";
  HttpCodes2[HttpCodes2["Forbidden"] = 403] = "Forbidden";
  HttpCodes2[HttpCodes2["NotFound"] = 404] = "NotFound";
  HttpCodes2[HttpCodes2["MethodNotAllowed"] = 405] = "MethodNotAllowed";
  HttpCodes2[HttpCodes2["NotAcceptable"] = 406] = "NotAcceptable";
  HttpCodes2[HttpCodes2["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
  HttpCodes2[HttpCodes2["RequestTimeout"] = 408] = "RequestTimeout";
  HttpCodes2[HttpCodes2["Conflict"] = 409] = "Conflict";
  HttpCodes2[HttpCodes2["Gone"] = 410] = "Gone";
  HttpCodes2[HttpCodes2["TooManyRequests"] = 429] = "TooManyRequests";
  HttpCodes2[HttpCodes2["InternalServerError"] = 500] = "InternalServerError";
  HttpCodes2[HttpCodes2["NotImplemented"] = 501] = "NotImplemented";
  HttpCodes2[HttpCodes2["BadGateway"] = 502] = "BadGateway";
  HttpCodes2[HttpCodes2["ServiceUnavailable"] = 503] = "ServiceUnavailable";
  HttpCodes2[HttpCodes2["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function(Headers2) {
  Headers2["Accept"] = "accept";
  Headers2["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function(MediaTypes2) {
  MediaTypes2["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
var HttpRedirectCodes = [
  HttpCodes.MovedPermanently,
  HttpCodes.ResourceMoved,
  HttpCodes.SeeOther,
  HttpCodes.TemporaryRedirect,
  HttpCodes.PermanentRedirect
];
var HttpResponseRetryCodes = [
  HttpCodes.BadGateway,
  HttpCodes.ServiceUnavailable,
  HttpCodes.GatewayTimeout
];

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}
function group(name, fn) {
  return __awaiter2(this, void 0, void 0, function* () {
    startGroup(name);
    let result;
    try {
      result = yield fn();
    } finally {
      endGroup();
    }
    return result;
  });
}

// src/main.ts
import { existsSync as existsSync2, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
function env(name) {
  const v = process.env[name];
  return v === void 0 || v === "" ? void 0 : v;
}
function runContext(serverUrl, repository) {
  const runId = env("GITHUB_RUN_ID");
  const attempt = Number(env("GITHUB_RUN_ATTEMPT") ?? "1") || 1;
  return {
    runId,
    runAttempt: attempt,
    runUrl: runId ? `${serverUrl}/${repository}/actions/runs/${runId}/attempts/${attempt}` : void 0,
    workflow: env("GITHUB_WORKFLOW"),
    job: env("GITHUB_JOB"),
    event: env("GITHUB_EVENT_NAME"),
    actor: env("GITHUB_ACTOR")
  };
}
function killSwitch() {
  const at = env("SNAPBACK_TEST_KILL_AT");
  const pauseAt = env("SNAPBACK_TEST_PAUSE_AT");
  const gate = env("SNAPBACK_TEST_PAUSE_GATE");
  if (!at && !(pauseAt && gate)) return void 0;
  return (step) => {
    if (step === pauseAt && gate) pauseUntilGone(gate);
    if (step !== at) return;
    try {
      process.kill(-process.pid, "SIGKILL");
    } catch {
      process.kill(process.pid, "SIGKILL");
    }
  };
}
function pauseUntilGone(gate) {
  writeFileSync(`${gate}.paused`, String(process.pid));
  const tick = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 600 && existsSync2(gate); i++) Atomics.wait(tick, 0, 0, 100);
}
function hide(token) {
  if (!token) return;
  setSecret(token);
  addSecret(token);
}
function eventPayload() {
  const path = env("GITHUB_EVENT_PATH");
  if (!path) return {};
  try {
    const payload = JSON.parse(readFileSync(path, "utf8"));
    return payload && typeof payload === "object" ? payload : {};
  } catch {
    return {};
  }
}
function actorId(actor) {
  const sender = eventPayload().sender;
  if (!actor || sender?.login !== actor || typeof sender.id !== "number") return void 0;
  return sender.id;
}
function runner(cancel) {
  const token = getInput("token");
  hide(token);
  checkToken(token, "token");
  const timeout = parseNetworkTimeout(getInput("network-timeout"), "network-timeout");
  const serverUrl = (env("GITHUB_SERVER_URL") ?? "https://github.com").replace(/\/+$/, "");
  const repository = env("GITHUB_REPOSITORY");
  if (!repository) {
    throw new SnapbackError(
      "invalid-input",
      "GITHUB_REPOSITORY is not set.",
      "Run snapback as a step of a GitHub Actions job, or use the snapback CLI locally."
    );
  }
  const pushMode = parsePushMode(getInput("push-mode"));
  const committerInput = getInput("committer").trim();
  const committer = committerInput ? parsePerson(committerInput, "committer") : void 0;
  const context = runContext(serverUrl, repository);
  return {
    token,
    pushMode,
    workspace: env("GITHUB_WORKSPACE") ?? process.cwd(),
    serverUrl,
    repository,
    context,
    identity: actionsIdentity(context.actor, actorId(context.actor), committer),
    network: { limits: networkLimits(timeout), cancel }
  };
}
function openGit(r) {
  const checkpoint = killSwitch();
  return NativeGit.open(
    r.workspace,
    {
      url: `${r.serverUrl}/${r.repository}.git`,
      token: r.token || void 0,
      pushMode: r.pushMode,
      runsIn: "action",
      log: (m) => info(m),
      network: r.network
    },
    // A runner's checkout is thrown away after the job: its notes may come without their blobs.
    { identity: r.identity, noteBlobsOnDemand: true, ...checkpoint ? { checkpoint } : {} }
  );
}
function pullRequestEvent() {
  const name = env("GITHUB_EVENT_NAME");
  if (name !== "pull_request" && name !== "pull_request_target") return void 0;
  const pr = eventPayload().pull_request;
  const n = pr?.number;
  if (typeof n !== "number") return void 0;
  const sha = pr?.head?.sha;
  const ref = pr?.base?.ref;
  return {
    number: n,
    headSha: typeof sha === "string" && /^[0-9a-f]{40,64}$/.test(sha) ? sha : void 0,
    baseRef: typeof ref === "string" ? ref : void 0
  };
}
function actionInputs(op) {
  const declared = new Set([...optionsFor(op, "action"), ...ACTION_HOST_INPUTS].map((o) => o.name));
  const get = (name) => {
    if (!declared.has(name)) throw new Error(`${op.name} reads the undeclared input '${name}'.`);
    return getInput(name);
  };
  return {
    get,
    list: (name) => get(name).split(/[\n,]/).map((x) => x.trim().replace(/^@/, "")).filter(Boolean),
    secret: (name) => {
      const value = get(name);
      hide(value);
      return checkToken(value, name);
    }
  };
}
function operationEnv(r, command) {
  return {
    host: "action",
    workspace: r.workspace,
    openGit: () => openGit(r),
    log: (m) => info(m),
    warn: (m) => warning(m, { title: `snapback: ${command}` }),
    progress: ACTION_PROGRESS,
    checkpoint: killSwitch(),
    context: r.context,
    network: r.network,
    github: { token: r.token, serverUrl: r.serverUrl, repository: r.repository },
    pullRequest: pullRequestEvent()
  };
}
async function writeReport(op, report) {
  for (const [name, value] of Object.entries(report.outputs)) {
    if (!op.outputs?.includes(name)) {
      throw new Error(`${op.name} sets the undeclared output '${name}'.`);
    }
    setOutput(name, value);
  }
  for (const m of report.messages) {
    if (m.level === "info") info(m.text);
    else if (m.level === "notice") notice(m.text, { title: m.title ?? "snapback" });
    else warning(m.text, { title: m.title ?? "snapback" });
  }
  await summary.addRaw(report.summary).write();
  if (report.failure) setFailed(report.failure);
}
async function runOperation(op, r) {
  const opEnv = operationEnv(r, op.name);
  const options = await op.parse(actionInputs(op), opEnv);
  const result = await op.run(opEnv, options);
  const report = await op.action(result, options, {
    runUrl: r.context.runUrl,
    serverUrl: r.serverUrl,
    repository: r.repository,
    pullRequest: opEnv.pullRequest,
    tempDir: env("RUNNER_TEMP") ?? tmpdir(),
    log: (m) => info(m),
    github: opEnv.github,
    network: r.network
  });
  await writeReport(op, report);
}
var ACTION_PROGRESS = {
  debug: (m) => debug(redact(m)),
  phase: (title, work) => group(title, work)
};
async function run() {
  const cancel = cancelOnSignals((error2) => {
    setFailed(`${formatError(error2)}
The run did not wind down in time and was stopped.`);
    process.exit(1);
  });
  try {
    const command = getInput("command").trim() || DEFAULT_ACTION_COMMAND;
    const commands = operationsFor("action");
    const op = commands.find((o) => o.name === command);
    if (!op) {
      throw new InputError(
        "command",
        `'${command}' is not a command.`,
        `Valid commands: ${commands.map((o) => o.name).join(", ")}.`
      );
    }
    const r = runner(cancel.signal);
    debug(
      `snapback ${command}: server ${r.serverUrl}, repository ${r.repository}, event ${env("GITHUB_EVENT_NAME") ?? "none"}, push mode ${r.pushMode}.`
    );
    await (command === "record" ? runOperation(op, r) : group(`snapback ${command}`, () => runOperation(op, r)));
    if (cancel.signal.aborted) throw cancel.signal.reason;
  } catch (error2) {
    setFailed(redact(formatError(cancel.signal.aborted ? cancel.signal.reason : error2)));
  } finally {
    cancel.dispose();
  }
}
export {
  run
};
