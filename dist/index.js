import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);
import {
  ACTIONS_BOT,
  COMMENT_LIMIT,
  DEFAULT_KEEP_LAST,
  EMPTY_TREE,
  FOLD_AFTER,
  NOTES_REF,
  NativeGit,
  ROLLBACK_TRAILERS,
  RaceLost,
  SUMMARY_LIMIT,
  actionsIdentity,
  aliasesOf,
  assertAliasName,
  cancelOnSignals,
  cell,
  checkToken,
  closedComment,
  cutNotice,
  debug,
  demote,
  describePolicy,
  describeVersions,
  escapeMarkdown,
  folderTable,
  formatBytes,
  formatDuration,
  formatPerson,
  htmlText,
  isTransient,
  isWorkflowPath,
  labelsFrom,
  lazyTrackEvents,
  link,
  listTrackFiles,
  lookAtRegistry,
  markerFor,
  metricValue,
  parseBoolean,
  parseCommentMode,
  parseJsonObject,
  parseNetworkTimeout,
  parseNonNegativeInt,
  parsePerson,
  parsePushMode,
  parseSelector,
  parseTrailers,
  parseVersionMessage,
  printable,
  promote,
  prune,
  record,
  renderDiff,
  require_dist,
  resolveDiffTracks,
  resolveLabel,
  resolveRegistryTracks,
  resolveSelector,
  resolveTracks,
  retryRaces,
  rollbackBody,
  rollbackCommitMessage,
  rollbackTitle,
  sameComment,
  status,
  trackIndex,
  trackMatcher,
  trackPrefix,
  tracksIn,
  upsertStickyComment,
  versionByCommit,
  versionRef,
  versionsOf
} from "./chunks/chunk-4ZAOK4PS.js";
import {
  require_tunnel
} from "./chunks/chunk-NFMD7Q3G.js";
import {
  InputError,
  SnapbackError,
  __toESM,
  addSecret,
  formatError,
  networkLimits,
  redact,
  require_undici
} from "./chunks/chunk-XYFQO6Q4.js";

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
      const cells = row.map((cell2) => {
        if (typeof cell2 === "string") {
          return this.wrap("td", cell2);
        }
        const { header, data, colspan, rowspan } = cell2;
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
function debug2(message) {
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

// src/core/render-status.ts
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
      const lag = a.behind === 0 ? "" : ` (${a.behind} behind${a.warnings.length ? " \u26A0\uFE0F" : ""})`;
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
      `Pruned by retention: ${ranges(t.pruned.map((p) => p.version))} (${t.pruned.length} version${t.pruned.length === 1 ? "" : "s"}).`,
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
    const flag = a.warnings.length > 0 ? `\u26A0\uFE0F ${escapeMarkdown(a.warnings.join("; "))}` : "\u2705";
    out.push(
      `| ${cell(a.alias)} | v${a.version} | ${a.behind === 0 ? "current" : `${a.behind} version${a.behind === 1 ? "" : "s"}`} | ${a.behind === 0 ? "\u2014" : a.behindSince ? formatDuration(a.ageMs) : "unknown"} | ${flag} |`
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
  if (t.versions.length > shown.length) {
    out.push(
      "",
      `${t.versions.length - shown.length} older versions are not shown here; the status file lists all.`
    );
  }
  out.push("");
  return out;
}
function versionRow(v, runPages) {
  const name = `v${v.version}${v.aliases.length ? ` (${v.aliases.map((a) => cell(a)).join(", ")})` : ""}`;
  const when = v.at ? runLink(v.at.slice(0, 16).replace("T", " "), v.runUrl, runPages) : "\u2014";
  const changes = v.changes ? `+${v.changes.added} ~${v.changes.modified} \u2212${v.changes.deleted}` : "\u2014";
  const rollback2 = v.rollbackOf !== void 0 ? ` \u21A9 v${v.rollbackOf}` : "";
  return `| ${name} | ${cell(v.label ?? "\u2014")} | ${when} | ${cell(v.actor ?? "\u2014")} | ${cell(v.reason ?? "", 120)}${rollback2} | ${v.files ?? "\u2014"} | ${v.bytes !== void 0 ? formatBytes(v.bytes) : "\u2014"} | ${changes} | ${metricsCell(v.metrics)} |`;
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
  const names = [];
  for (const v of versions) {
    for (const [k, value] of flattenMetrics(v.metrics)) {
      if (typeof value === "number" && Number.isFinite(value) && !names.includes(k)) names.push(k);
    }
  }
  return names;
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
  const names = numericMetrics(t.versions);
  const unit = /* @__PURE__ */ new Map();
  const own = [];
  for (const name of names) {
    const present = t.versions.filter((v) => metricValue(v.metrics, name) !== void 0);
    const values = present.map((v) => metricValue(v.metrics, name));
    if (!values.every((x) => x >= 0 && x <= 1)) {
      own.push(name);
      continue;
    }
    const key = present.map((v) => v.version).join(",");
    unit.set(key, [...unit.get(key) ?? [], name]);
  }
  const plans = [];
  for (const group2 of unit.values()) {
    for (let i = 0; i < group2.length; i += SERIES_COLOURS.length) {
      const series = group2.slice(i, i + SERIES_COLOURS.length);
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
      (p) => p.values.every((x) => x !== void 0)
    ).slice(-CHART_POINTS);
    if (points.length < 2) continue;
    out.push(
      ...metricChart(
        plan.title,
        plan.axis,
        points.map((p) => ({ label: versionLabel(p.v), values: p.values }))
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
  const all = points.flatMap((p) => p.values);
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
    `  x-axis [${points.map((p) => `"${mermaidText(p.label)}"`).join(", ")}]`,
    `  y-axis "${mermaidText(axis)}" ${formatNumber(lo)} --> ${formatNumber(hi)}`,
    ...Array.from(
      { length: seriesCount },
      (_, i) => `  line [${points.map((p) => formatNumber(p.values[i])).join(", ")}]`
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

// src/core/render-registry.ts
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
    const p = t.promotion;
    const decision = p.promoted ? `${dryRun ? "would promote" : "promoted"} v${t.version}${p.from !== null ? ` (was v${p.from})` : ""}` : `kept ${p.from !== null ? `v${p.from}` : "unset"}`;
    out.push(`| ${cell(t.track)} | ${cell(p.alias)} | ${decision} | ${cell(p.reason, 300)} |`);
  }
  out.push("");
  return out.join("\n");
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
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(p);
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
  if (parts.some((p) => p === ".." || p === "." || p === "")) {
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

// src/core/content-diff/key-path.ts
var PLAIN_KEY = /^[\p{L}_$][\p{L}\p{N}_$-]*$/u;
var ROOT_LABEL = "(root)";
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

// src/core/content-diff/parse.ts
var import_yaml = __toESM(require_dist(), 1);

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
  for (const [key, item] of entries) {
    Object.defineProperty(out, String(key), {
      value: toPlain(item, seen),
      enumerable: true,
      writable: true,
      configurable: true
    });
  }
  return out;
}
function fingerprint(value) {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${fingerprint(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

// src/core/content-diff/parse.ts
var MAX_YAML_ALIAS_COUNT = 100;
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
  } catch (error2) {
    return { ok: false, message: firstLine(error2) };
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
function parseYaml(text) {
  const documents = (0, import_yaml.parseAllDocuments)(text, { merge: true });
  for (const document of documents) {
    const [error2] = document.errors;
    if (error2) throw error2;
  }
  return documents.map(
    (document) => toPlain(document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }))
  );
}
function firstLine(error2) {
  const message = error2 instanceof Error ? error2.message : String(error2);
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
  const numbering = /* @__PURE__ */ new Map();
  const number = (element) => {
    const print = fingerprint(element);
    let n = numbering.get(print);
    if (n === void 0) numbering.set(print, n = numbering.size);
    return n;
  };
  const parts = diffArrays(before.map(number), after.map(number), {
    maxEditLength: MAX_ALIGN_EDITS
  });
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
function diffByIndex(before, after, path, out, diffElement) {
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) diffElement(before[i], after[i], [...path, i], out);
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
    if (Object.hasOwn(after, key)) diffValues(before[key], after[key], [...path, key], out);
    else out.removed([...path, key], before[key]);
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

// src/core/content-diff/index.ts
var FORMAT_NAMES = { json: "JSON", yaml: "YAML", toml: "TOML" };
function diffContent(path, before, after) {
  try {
    if (before && looksBinary(before) || after && looksBinary(after)) return { kind: "binary" };
    const format = formatFor(path);
    return format ? diffStructured(format, before, after) : diffText(before, after);
  } catch (error2) {
    return { kind: "text", note: `Could not compare the versions: ${firstLine(error2)}.` };
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
  } catch (error2) {
    const reason = `Compared line by line: the key-by-key comparison failed (${firstLine(error2)}).`;
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

// src/commands/diff.ts
var DEFAULT_MAX_CONTENT_FILES = 1e3;
var DEFAULT_MAX_CONTENT_BYTES = 2 * 1024 * 1024;
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
    const labels = lazyLabels(git, refs.get(NOTES_REF), index);
    const isCommit = async (rev) => await git.resolveCommit(rev) !== void 0;
    const aliasEvents = lazyTrackEvents(git, refs.get(NOTES_REF), index);
    const fromText = opts.from || (opts.pullRequest ? index.aliases.has("active") ? "active" : "latest" : "previous");
    const nothing = !opts.from && !opts.to && !opts.pullRequest ? notEnoughVersions(index) : null;
    if (nothing) {
      deps.log(`${track.name}: nothing to compare against (${nothing}).`);
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
      `${track.name}: from '${fromText}' is ${describe(from).describe}, to '${opts.to || "default"}' is ${describe(to).describe}.`
    );
    await fetchVersions(git, track.name, [from, to]);
    const [fromTree, toTree] = [await treeOf(git, track, from), await treeOf(git, track, to)];
    const changes = fromTree === toTree ? [] : await git.diffTrees(fromTree, toTree ?? EMPTY_TREE, { renames: true });
    const { files, skipped } = await withContent(git, changes, opts);
    tracks.push({
      track: track.name,
      from: describe(from),
      to: describe(to),
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
function describe(side) {
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
function lazyLabels(git, notesOid, index) {
  let cached;
  return () => cached ??= labelsFrom(git, notesOid, index);
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
async function withContent(git, changes, opts) {
  const maxFiles = opts.maxContentFiles ?? DEFAULT_MAX_CONTENT_FILES;
  const maxBytes = opts.maxContentBytes ?? DEFAULT_MAX_CONTENT_BYTES;
  const chosen = [];
  let skipped = 0;
  for (const c of changes) {
    const contentChanged = c.oldOid !== c.newOid;
    const regular = (m) => m === null || m.startsWith("100");
    if (!contentChanged || !regular(c.oldMode) || !regular(c.newMode)) continue;
    if (chosen.length >= maxFiles || c.oldSize > maxBytes || c.newSize > maxBytes) skipped++;
    else chosen.push(c);
  }
  const blobs = await git.readBlobs(
    chosen.flatMap((c) => [c.oldOid, c.newOid]).filter((o) => o !== null)
  );
  const picked = new Set(chosen);
  const files = changes.map((c) => ({
    ...c,
    content: picked.has(c) ? diffContent(
      c.path,
      c.oldOid ? blobs.get(c.oldOid) ?? null : null,
      c.newOid ? blobs.get(c.newOid) ?? null : null
    ) : null
  }));
  return { files, skipped };
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
    pull = await createOnce(api, spec);
    operation = "created";
  }
  const missing = (wanted, has) => {
    const present = new Set((has ?? []).map((x) => x.toLowerCase()));
    return wanted.filter((x) => !present.has(x.toLowerCase()));
  };
  const labels = missing(spec.labels, pull.current?.labels);
  const assignees = missing(spec.assignees, pull.current?.assignees);
  const reviewers = missing(spec.reviewers, pull.current?.reviewers);
  const warnings = [];
  const extra = async (what, list, call) => {
    if (list.length === 0) return;
    try {
      await call();
    } catch (e) {
      warnings.push(`Could not add ${what} ${list.join(", ")}: ${e.message}`);
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
async function createOnce(api, spec) {
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
      labels: () => labelsFrom(git, view.notes, index),
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
    const changes = newTree === baseTree ? [] : await git.diffTrees(baseTree, newTree, { renames: true });
    const { files, skipped } = await withContent(git, changes, {});
    const meta = parseVersionMessage((await git.readCommit(target.oid)).message);
    const label = meta?.label || (await labelsFrom(git, view.notes, index)).get(target.n);
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
async function refuseUnsafe(git, track, version, entries, kept, inTrack, workflows) {
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
    `Version ${version} of '${track}' cannot be restored; nothing was written. ${shown.join("; ")}${more}.`,
    "Version refs can be pushed by anyone with write access: inspect it with `git ls-tree -r refs/versions/" + track + "/" + version + "`, and roll back to another version."
  );
}

// src/core/render-record.ts
var STATUS = {
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
      `| ${cell(t.track)} | ${STATUS[t.status]}${t.foundAgain ? " (found after a retry)" : ""} | v${t.version} | ${cell(t.label)} | ${t.files} | ${formatBytes(t.bytes)} | ${changeCell(t)} |`
    );
  }
  out.push("");
  for (const t of result.tracks) {
    const changes = t.changes?.changes ?? [];
    if (changes.length === 0) continue;
    out.push(
      `<details><summary>${htmlText(t.track)}: ${changes.length} file${changes.length === 1 ? "" : "s"} changed</summary>`,
      ""
    );
    if (changes.length > FOLD_AFTER) {
      out.push(...folderTable(changes.map((c) => ({ path: c.path, kind: kindOf(c.status) }))), "");
    }
    out.push("| | File | Before | After |", "| --- | --- | ---: | ---: |");
    for (const c of changes.slice(0, MAX_LISTED_FILES)) {
      const mark = c.status === "A" ? "added" : c.status === "D" ? "deleted" : c.status === "T" ? "type changed" : "modified";
      out.push(
        `| ${mark} | ${cell(c.path)} | ${c.oldOid ? formatBytes(c.oldSize) : ""} | ${c.newOid ? formatBytes(c.newSize) : ""} |`
      );
    }
    if (changes.length > MAX_LISTED_FILES) {
      const diff2 = t.previousVersion ? `a \`diff\` from v${t.previousVersion} to v${t.version} (its \`changes-file\` output)` : `\`git ls-tree -r ${t.ref}\``;
      out.push("", cutNotice(MAX_LISTED_FILES, changes.length, diff2));
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

// src/main.ts
import { existsSync as existsSync2, readFileSync, writeFileSync } from "node:fs";
import { writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
var COMMANDS = ["record", "diff", "prune", "promote", "demote", "status", "rollback"];
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
function actorId(actor2) {
  const sender = eventPayload().sender;
  if (!actor2 || sender?.login !== actor2 || typeof sender.id !== "number") return void 0;
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
      log: (m) => info(m),
      network: r.network
    },
    { identity: r.identity, ...checkpoint ? { checkpoint } : {} }
  );
}
function policyInputs() {
  return {
    keepLast: getInput("keep-last"),
    keepDays: getInput("keep-days"),
    alias: getInput("alias"),
    promoteMetric: getInput("promote-metric"),
    promoteHigh: getInput("promote-high"),
    promoteMinImprovement: getInput("promote-min-improvement"),
    promoteDirection: getInput("promote-direction"),
    driftWarnVersions: getInput("drift-warn-versions"),
    driftWarnAge: getInput("drift-warn-age")
  };
}
function trackInputs() {
  return {
    track: getInput("track"),
    paths: getInput("paths"),
    config: getInput("config"),
    maxFileSize: getInput("max-file-size"),
    metrics: getInput("metrics"),
    includeWorkflows: getInput("include-workflows"),
    policies: policyInputs()
  };
}
function actor(r, reason) {
  return { actor: r.context.actor, runUrl: r.context.runUrl, reason };
}
function setPrunedOutput(result, tracks) {
  setOutput(
    "pruned",
    JSON.stringify(
      tracks === 1 && result.tracks.length <= 1 ? result.tracks[0]?.pruned ?? [] : Object.fromEntries(result.tracks.map((t) => [t.track, t.pruned]))
    )
  );
}
async function recordStep(r) {
  const tracks = await resolveTracks(trackInputs(), r.workspace);
  const metadataText = getInput("metadata").trim();
  const metadata = metadataText ? parseJsonObject(metadataText, "metadata") : void 0;
  const expectedVersion = parseNonNegativeInt(
    getInput("expected-version"),
    "expected-version"
  );
  const dryRun = parseBoolean(getInput("dry-run"), "dry-run");
  const reason = getInput("reason").trim() || void 0;
  const git = await openGit(r);
  const result = await record(
    {
      git,
      resolveLabel: (source) => resolveLabel(git, source),
      log: (m) => info(m),
      progress: ACTION_PROGRESS,
      checkpoint: killSwitch()
    },
    { tracks, reason, metadata, expectedVersion, dryRun, context: r.context }
  );
  const first = result.tracks[0];
  setOutput("recorded", String(result.tracks.some((t) => t.status === "recorded")));
  setOutput(
    "versions",
    JSON.stringify(Object.fromEntries(result.tracks.map((t) => [t.track, t.version])))
  );
  setOutput(
    "results",
    JSON.stringify(
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
    )
  );
  if (result.tracks.length === 1) {
    setOutput("version", String(first.version));
    setOutput("ref", first.ref);
    setOutput("commit", first.commit ?? "");
    setOutput(
      "previous-version",
      first.previousVersion === null ? "" : String(first.previousVersion)
    );
    setOutput("label", first.label);
  }
  for (const t of result.tracks) {
    if (t.status === "recorded") {
      notice(
        `Recorded ${t.track} v${t.version} (${t.label}): ${t.files} files, ref ${t.ref}`,
        { title: "snapback" }
      );
    } else if (t.status === "unchanged") {
      info(`${t.track}: unchanged since v${t.version}; nothing recorded.`);
    } else {
      info(`${t.track}: dry run, would record v${t.version}.`);
    }
  }
  const promotions = result.tracks.filter((t) => t.promotion);
  setOutput("promoted", String(promotions.some((t) => t.promotion.promoted)));
  setOutput(
    "promotion-reason",
    promotions.length === 1 && result.tracks.length === 1 ? promotions[0].promotion.reason : promotions.map((t) => `${t.track}: ${t.promotion.reason}`).join("\n")
  );
  for (const t of promotions) {
    const p = t.promotion;
    const verb = dryRun ? "would be promoted" : "promoted";
    if (p.promoted)
      notice(`${t.track} v${t.version} ${verb} to '${p.alias}': ${p.reason}`, {
        title: "snapback"
      });
    else info(`${t.track} v${t.version} not promoted to '${p.alias}': ${p.reason}`);
  }
  let summary2 = renderRecordSummary(result, { runUrl: r.context.runUrl, reason }) + renderPromotions(result.tracks, dryRun);
  const retained = tracks.filter((t) => t.retention);
  if (retained.length > 0) {
    const pruned = await prune(
      { git, log: (m) => info(m), progress: ACTION_PROGRESS },
      {
        tracks: retained.map((t) => ({ name: t.name, policy: t.retention })),
        dryRun,
        by: actor(r, `retention after recording`)
      }
    );
    setPrunedOutput(pruned, tracks.length);
    summary2 += renderPrune(pruned);
  } else {
    setOutput("pruned", JSON.stringify(tracks.length === 1 ? [] : {}));
  }
  await summary.addRaw(summary2).write();
}
function registryNames(names, command) {
  if (names && names.length === 0) {
    throw new InputError("track", `no track to ${command}.`);
  }
  return names;
}
async function pruneStep(r) {
  const raw = trackInputs();
  const named = await resolveRegistryTracks(raw, r.workspace);
  const dryRun = parseBoolean(getInput("dry-run"), "dry-run");
  const reason = getInput("reason").trim() || void 0;
  const git = await openGit(r);
  let names = registryNames(named.names, "prune");
  if (!names) {
    names = tracksIn((await lookAtRegistry(git)).refs);
  }
  const result = await prune(
    { git, log: (m) => info(m), progress: ACTION_PROGRESS },
    {
      tracks: names.map((name) => ({
        name,
        policy: named.policies(name).retention ?? { keepLast: DEFAULT_KEEP_LAST }
      })),
      dryRun,
      by: actor(r, reason)
    }
  );
  setPrunedOutput(result, names.length);
  setOutput(
    "results",
    JSON.stringify(
      result.tracks.map((t) => ({
        track: t.track,
        pruned: t.pruned,
        kept: t.kept.map((k) => k.n)
      }))
    )
  );
  for (const t of result.tracks) {
    info(
      `${t.track}: ${dryRun ? "would prune" : "pruned"} ${t.pruned.length ? t.pruned.map((n) => `v${n}`).join(", ") : "nothing"}; kept ${t.kept.length}.`
    );
  }
  await summary.addRaw(renderPrune(result)).write();
}
async function aliasStep(r, command) {
  const named = await resolveRegistryTracks(trackInputs(), r.workspace);
  const names = registryNames(named.names, command);
  if (!names || names.length !== 1) {
    throw new InputError(
      "track",
      `${command} works on one track${names ? `, and the config file declares ${names.length}` : ""}.`,
      "Name the track with the track input."
    );
  }
  const alias = assertAliasName(getInput("alias").trim() || "active");
  const dryRun = parseBoolean(getInput("dry-run"), "dry-run");
  const reason = getInput("reason").trim() || void 0;
  const version = getInput("version").trim();
  const git = await openGit(r);
  const deps = { git, log: (m) => info(m), progress: ACTION_PROGRESS };
  const by = actor(r, reason);
  const result = command === "promote" ? await promote(deps, { track: names[0], version, alias, dryRun, by }) : await demote(deps, { track: names[0], alias, dryRun, by });
  setOutput("promoted", String(result.operation === "promoted"));
  setOutput("version", result.version === null ? "" : String(result.version));
  setOutput(
    "previous-version",
    result.previousVersion === null ? "" : String(result.previousVersion)
  );
  setOutput("commit", result.commit ?? "");
  setOutput(
    "promotion-reason",
    result.operation === "promoted" ? reason ?? `promoted by ${r.context.actor ?? "hand"}` : ""
  );
  const line = renderAlias(result, reason).split("\n")[2] ?? "";
  if (result.operation === "promoted" || result.operation === "demoted") {
    notice(line.replace(/\*\*/g, ""), { title: "snapback" });
  } else {
    info(line);
  }
  await summary.addRaw(renderAlias(result, reason)).write();
}
async function statusStep(r) {
  const named = await resolveRegistryTracks(trackInputs(), r.workspace);
  const git = await openGit(r);
  const result = await status(
    { git },
    { tracks: named.names, thresholds: (t) => named.policies(t).drift }
  );
  const file = join(
    env("RUNNER_TEMP") ?? tmpdir(),
    `snapback-status-${process.pid}-${Date.now()}.json`
  );
  await writeFile2(file, JSON.stringify(result, null, 2));
  setOutput("status-file", file);
  for (const t of result.tracks) {
    for (const a of t.aliases) {
      if (a.warnings.length === 0) continue;
      warning(
        `'${a.alias}' of ${t.track} is on v${a.version}, latest is v${a.latest}: ${a.warnings.join("; ")}.`,
        { title: "snapback: alias drift" }
      );
    }
    info(
      `${t.track}: ${t.versions.length} versions (latest ${t.latest === null ? "none" : `v${t.latest}`}); aliases: ${t.aliases.map((a) => `${a.alias} \u2192 v${a.version}`).join(", ") || "none"}.`
    );
  }
  await summary.addRaw(renderStatus(result, `${r.serverUrl}/${r.repository}/actions/runs/`)).write();
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
async function diffStep(r) {
  const tracks = await resolveDiffTracks(trackInputs(), r.workspace);
  const commentMode = parseCommentMode(getInput("comment"));
  const event = pullRequestEvent();
  const pr = event?.number;
  const git = await openGit(r);
  const result = await diff(
    { git, log: (m) => info(m), progress: ACTION_PROGRESS },
    {
      tracks,
      from: getInput("from").trim(),
      to: getInput("to").trim(),
      pullRequest: pr !== void 0
    }
  );
  await setDiffOutputs(result);
  const heading = pr !== void 0 ? `how pull request #${pr} changes the tracked files` : "changes";
  await summary.addRaw(renderDiff(result, { budget: SUMMARY_LIMIT, heading })).write();
  for (const t of result.tracks) {
    info(
      `${t.track}: ${t.files.length} files differ between ${t.from.describe} and ${t.to.describe}.`
    );
  }
  if (pr === void 0 || event === void 0) return;
  if (commentMode === "off") {
    info(`Pull request comment: off (input 'comment').`);
    setCommentOutputs(null, "skipped");
    return;
  }
  const body = renderDiff(result, {
    budget: COMMENT_LIMIT,
    heading,
    marker: markerFor(
      "diff",
      result.tracks.map((t) => t.track)
    ),
    fullReportUrl: r.context.runUrl,
    pullRequest: {
      ...event,
      at: (/* @__PURE__ */ new Date()).toISOString(),
      runUrl: r.context.runUrl,
      customSides: getInput("from").trim() !== "" || getInput("to").trim() !== ""
    }
  });
  const { commentsApi, octokitFor, PermissionError } = await import("./chunks/github-api-UKMYD4U2.js");
  try {
    const api = commentsApi(octokitFor(r.token, restOptions(r)), repoRef(r.repository));
    const sticky = await upsertStickyComment(
      api,
      pr,
      markerFor(
        "diff",
        result.tracks.map((t) => t.track)
      ),
      body,
      {
        mode: commentMode,
        hasChanges: result.tracks.some((t) => t.files.length > 0),
        same: sameComment
      }
    );
    setCommentOutputs(sticky.id, sticky.operation);
    info(
      `Pull request comment${sticky.id === null ? "" : ` ${sticky.id}`}: ${sticky.operation} (comment: ${commentMode}).`
    );
  } catch (e) {
    if (!(e instanceof PermissionError)) throw e;
    warning(`${e.message} The diff is in the job summary instead. ${e.hint ?? ""}`.trim(), {
      title: "snapback: no pull request comment"
    });
    setCommentOutputs(null, "skipped");
  }
}
function setCommentOutputs(id, operation) {
  setOutput("comment-id", id === null ? "" : String(id));
  setOutput("comment-operation", operation);
}
function restOptions(r) {
  return { log: (m) => info(m), network: r.network };
}
async function setDiffOutputs(result) {
  const files = result.tracks.flatMap((t) => t.files);
  const cut = [];
  const list = (name, items) => {
    const capped = cappedJsonList(items);
    if (capped.shown < capped.total) cut.push(`${name} (${capped.shown} of ${capped.total})`);
    return capped.json;
  };
  const paths = (kinds) => files.filter((f) => kinds.includes(f.status)).map((f) => f.path);
  setOutput("added", list("added", paths(["A"])));
  setOutput("modified", list("modified", paths(["M", "T"])));
  setOutput(
    "deleted",
    list(
      "deleted",
      files.filter((f) => f.status === "D").map((f) => f.oldPath)
    )
  );
  setOutput(
    "renamed",
    list(
      "renamed",
      files.filter((f) => f.status === "R").map((f) => ({ from: f.oldPath, to: f.path, similarity: f.similarity }))
    )
  );
  setOutput("lists-truncated", String(cut.length > 0));
  setOutput("changed-count", String(files.length));
  setOutput("has-changes", String(files.length > 0));
  const changesFile = join(
    env("RUNNER_TEMP") ?? tmpdir(),
    `snapback-diff-${process.pid}-${Date.now()}.json`
  );
  await writeFile2(changesFile, JSON.stringify(result, null, 2));
  setOutput("changes-file", changesFile);
  if (cut.length > 0) {
    warning(
      `The list outputs hold the first entries only: ${cut.join(", ")}; GitHub caps each step output at 1 MB. Every change is in the file named by the changes-file output.`,
      { title: "snapback: lists truncated" }
    );
  }
}
function listInput(name) {
  return getInput(name).split(/[\n,]/).map((x) => x.trim().replace(/^@/, "")).filter(Boolean);
}
async function rollbackStep(r) {
  const raw = trackInputs();
  const tracks = await resolveDiffTracks(raw, r.workspace);
  const named = (raw.track.trim() || "default") !== "default";
  if (tracks.length !== 1 && !named) {
    throw new InputError(
      "track",
      `rollback works on one track, and the config file declares ${tracks.length}.`,
      "Name the track to roll back with the track input."
    );
  }
  const track = tracks[0];
  const dryRun = parseBoolean(getInput("dry-run"), "dry-run");
  const draft = parseBoolean(getInput("draft"), "draft");
  const reason = getInput("reason").trim() || void 0;
  const lists = {
    labels: listInput("labels"),
    assignees: listInput("assignees"),
    reviewers: listInput("reviewers")
  };
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
  const prToken = getInput("pr-token");
  hide(prToken);
  checkToken(prToken, "pr-token");
  const git = await openGit(r);
  const { pullsApi, octokitFor } = await import("./chunks/github-api-UKMYD4U2.js");
  const result = await rollback(
    {
      git,
      pulls: () => pullsApi(octokitFor(prToken || r.token, restOptions(r)), repoRef(r.repository)),
      log: (m) => info(m),
      // GitHub's refusals of labels or reviewers are relayed in its own words: redacted.
      warn: (m) => warning(redact(m), { title: "snapback: rollback" })
    },
    {
      track: track.name,
      patterns: track.patterns,
      includeWorkflows: track.patterns?.workflows ?? parseBoolean(raw.includeWorkflows, "include-workflows"),
      version: getInput("version").trim(),
      base: getInput("base").trim(),
      dryRun,
      by: actor(r, reason),
      ...lists,
      draft,
      bodyLimit: COMMENT_LIMIT
    }
  );
  await setDiffOutputs(result.diff);
  setOutput("branch", rollbackBranch(track.name));
  setOutput("pull-request-operation", result.operation);
  setOutput("pull-request-number", result.pull ? String(result.pull.number) : "");
  setOutput("pull-request-url", result.pull?.url ?? "");
  setOutput("version", String(result.target.version));
  setOutput("commit", result.commit ?? "");
  const target = `${track.name} v${result.target.version}`;
  const line = dryRun ? `Dry run: rolling back to ${target} would change ${result.diff.tracks[0].files.length} files on ${result.base}; nothing pushed.` : result.alreadyThere ? `${result.base} already holds ${target}'s files${result.operation === "closed" ? `; closed pull request #${result.pull.number}` : ""}.` : `Rollback to ${target}: pull request #${result.pull.number} ${result.operation} (${result.pull.url}).`;
  const pullLink = result.pull ? `

${link(`Pull request #${result.pull.number}`, result.pull.url)}` : "";
  if (!dryRun && result.operation !== "none" && result.operation !== "unchanged")
    notice(line, { title: "snapback" });
  else info(line);
  await summary.addRaw(`## Snapback: rollback

${escapeMarkdown(line)}${pullLink}

`).addRaw(
    renderDiff(result.diff, {
      budget: SUMMARY_LIMIT - 2e3,
      heading: `what rolling back changes in ${escapeMarkdown(result.base)}`
    })
  ).write();
}
function repoRef(repository) {
  const [owner = "", repo = ""] = repository.split("/");
  return { owner, repo };
}
var ACTION_PROGRESS = {
  debug: (m) => debug2(redact(m)),
  phase: (title, work) => group(title, work)
};
var STEPS = {
  record: recordStep,
  diff: diffStep,
  prune: pruneStep,
  promote: (r) => aliasStep(r, "promote"),
  demote: (r) => aliasStep(r, "demote"),
  status: statusStep,
  rollback: rollbackStep
};
async function run() {
  const cancel = cancelOnSignals((error2) => {
    setFailed(`${formatError(error2)}
The run did not wind down in time and was stopped.`);
    process.exit(1);
  });
  try {
    const command = getInput("command").trim() || "record";
    if (!COMMANDS.includes(command)) {
      throw new InputError(
        "command",
        `'${command}' is not a command.`,
        `Valid commands: ${COMMANDS.join(", ")}.`
      );
    }
    const r = runner(cancel.signal);
    debug2(
      `snapback ${command}: server ${r.serverUrl}, repository ${r.repository}, event ${env("GITHUB_EVENT_NAME") ?? "none"}, push mode ${r.pushMode}.`
    );
    const step = STEPS[command];
    await (command === "record" ? step(r) : group(`snapback ${command}`, () => step(r)));
    if (cancel.signal.aborted) throw cancel.signal.reason;
  } catch (error2) {
    setFailed(redact(formatError(cancel.signal.aborted ? cancel.signal.reason : error2)));
  } finally {
    cancel.dispose();
  }
}

// src/index.ts
await run();
/*! For license information please see index.js.LEGAL.txt */
