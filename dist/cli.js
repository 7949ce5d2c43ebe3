#!/usr/bin/env node
import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);
import {
  DEFAULT_KEEP_LAST,
  NOBODY,
  NativeGit,
  assertAliasName,
  cancelOnSignals,
  demote,
  formatDuration,
  lookAtRegistry,
  parseBoolean,
  parseIdent,
  parseJsonObject,
  parseNetworkTimeout,
  parseNonNegativeInt,
  printable,
  promote,
  prune,
  record,
  resolveLabel,
  resolveRegistryTracks,
  resolveTracks,
  runGit,
  status,
  tracksIn
} from "./chunks/chunk-4ZAOK4PS.js";
import {
  InputError,
  formatError,
  networkLimits
} from "./chunks/chunk-XYFQO6Q4.js";

// src/cli/run-cli.ts
import { parseArgs } from "node:util";
var USAGE = `Usage: snapback <command> [options]

Commands (all work on the remote of the clone you are in):
  record    record the files of each track as its next version
  prune     delete old versions (keeps the newest --keep-last, young and aliased ones)
  promote   point an alias (--alias, default active) at a version (--version, default latest)
  demote    remove an alias
  status    versions, aliases and their drift, per track (--json for everything)

Options:
  --track <name>            track name (default: default, or every track of the config file)
  --paths <globs>           comma- or newline-separated globs, "!" to exclude
  --config <file>           config file (default: .github/snapback.yml)
  --reason <text>           why this version exists
  --metadata <json>         JSON object stored with the version
  --metrics <json|file>     JSON object, or a JSON file, of metrics
  --max-file-size <size>    refuse files larger than this (default: 100 MB)
  --include-workflows       let .github/workflows/** belong to the track
  --expected-version <n>    fail unless the track's latest version is n
  --remote <name|url>       where the registry lives (default: origin)
  --network-timeout <s>     seconds a request may go without progress (default: 60;
                            a step gives up after 5 times that)
  --keep-last <n>           retention: keep the n newest versions (prune default: 10)
  --keep-days <days>        retention: also keep versions younger than this
  --version <selector>      promote: number, latest, previous, alias or semver range
  --alias <name>            promote, demote: the alias (default: active)
  --promote-metric <name>   record: promote automatically when this metric improves
  --promote-high <x>        ... at or past x, no regression is enough
  --promote-min-improvement <x>  ... below it, the gain needed (default 0)
  --promote-direction <d>   ... higher (default) or lower is better
  --drift-warn-versions <n> status: flag aliases more than n versions behind
  --drift-warn-age <time>   status: flag aliases behind for longer (12h, 7d, 2w)
  --json                    status: print the whole status as JSON
  --dry-run                 show what would change, push nothing
  -h, --help                this text
`;
var COMMANDS = ["record", "prune", "promote", "demote", "status"];
var CANCELLED_EXIT = 130;
async function runCli(argv) {
  const cancel = cancelOnSignals((error) => {
    process.stderr.write(
      `snapback: ${formatError(error)}
The run did not wind down in time and was stopped.
`
    );
    process.exit(CANCELLED_EXIT);
  });
  try {
    return await runCommand(argv, cancel.signal);
  } catch (e) {
    const error = cancel.signal.aborted ? cancel.signal.reason : e;
    const message = formatError(error).replace(/^Input '([a-z-]+)'/, "Option '--$1'");
    process.stderr.write(`snapback: ${message}
`);
    return cancel.signal.aborted ? CANCELLED_EXIT : 1;
  } finally {
    cancel.dispose();
  }
}
async function runCommand(argv, cancelled) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      track: { type: "string", default: "" },
      paths: { type: "string", default: "" },
      config: { type: "string", default: "" },
      reason: { type: "string", default: "" },
      metadata: { type: "string", default: "" },
      metrics: { type: "string", default: "" },
      "max-file-size": { type: "string", default: "" },
      "include-workflows": { type: "boolean", default: false },
      "expected-version": { type: "string", default: "" },
      remote: { type: "string", default: "origin" },
      "network-timeout": { type: "string", default: "" },
      "dry-run": { type: "boolean", default: false },
      "keep-last": { type: "string", default: "" },
      "keep-days": { type: "string", default: "" },
      version: { type: "string", default: "" },
      alias: { type: "string", default: "" },
      "promote-metric": { type: "string", default: "" },
      "promote-high": { type: "string", default: "" },
      "promote-min-improvement": { type: "string", default: "" },
      "promote-direction": { type: "string", default: "" },
      "drift-warn-versions": { type: "string", default: "" },
      "drift-warn-age": { type: "string", default: "" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false }
    }
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`snapback: unknown command '${command}'.

${USAGE}`);
    return 2;
  }
  const network = {
    limits: networkLimits(parseNetworkTimeout(values["network-timeout"], "network-timeout")),
    cancel: cancelled
  };
  const cwd = process.cwd();
  const top = (await runGit(["rev-parse", "--show-toplevel"], { cwd })).stdout.toString().trim();
  const policies = {
    keepLast: values["keep-last"],
    keepDays: values["keep-days"],
    alias: values.alias,
    promoteMetric: values["promote-metric"],
    promoteHigh: values["promote-high"],
    promoteMinImprovement: values["promote-min-improvement"],
    promoteDirection: values["promote-direction"],
    driftWarnVersions: values["drift-warn-versions"],
    driftWarnAge: values["drift-warn-age"]
  };
  const trackInputs = {
    track: values.track,
    paths: values.paths,
    config: values.config,
    maxFileSize: values["max-file-size"],
    metrics: values.metrics,
    includeWorkflows: String(values["include-workflows"]),
    policies
  };
  const dryRun = parseBoolean(String(values["dry-run"]), "dry-run");
  const reason = values.reason || void 0;
  const out = (line) => process.stdout.write(`${line}
`);
  const log = (m) => process.stderr.write(`${m}
`);
  const by = { actor: process.env.USER, reason };
  const openGit = async () => {
    const url = /^[a-z]+:\/\/|^[^/]+@[^/]+:/.test(values.remote) ? values.remote : (await runGit(["remote", "get-url", values.remote], { cwd: top })).stdout.toString().trim();
    return NativeGit.open(top, { url, log, network }, { identity: await gitIdentity(top) });
  };
  if (command === "record") {
    const tracks = await resolveTracks(trackInputs, top);
    const metadata = values.metadata ? parseJsonObject(values.metadata, "metadata") : void 0;
    const expectedVersion = parseNonNegativeInt(values["expected-version"], "expected-version");
    const git2 = await openGit();
    const result2 = await record(
      { git: git2, resolveLabel: (s) => resolveLabel(git2, s), log },
      { tracks, reason, metadata, expectedVersion, dryRun, context: { actor: process.env.USER } }
    );
    for (const t of result2.tracks) {
      const what = t.status === "recorded" ? "recorded" : t.status === "unchanged" ? "unchanged at" : "would record";
      out(
        `${t.track}: ${what} v${t.version} (${t.label}) ${t.ref}${t.commit ? ` ${t.commit}` : ""}`
      );
      if (t.promotion) {
        out(
          `  ${t.promotion.alias}: ${t.promotion.promoted ? dryRun ? "would promote" : "promoted" : "not promoted"} (${t.promotion.reason})`
        );
      }
    }
    const retained = tracks.filter((t) => t.retention);
    if (retained.length > 0) {
      const pruned = await prune(
        { git: git2, log },
        { tracks: retained.map((t) => ({ name: t.name, policy: t.retention })), dryRun, by }
      );
      for (const t of pruned.tracks)
        if (t.pruned.length)
          out(
            `${t.track}: ${dryRun ? "would prune" : "pruned"} ${t.pruned.map((n) => `v${n}`).join(", ")}`
          );
    }
    return 0;
  }
  const named = await resolveRegistryTracks(trackInputs, top);
  const git = await openGit();
  if (command === "prune") {
    const names = named.names ?? tracksIn((await lookAtRegistry(git)).refs);
    const result2 = await prune(
      { git, log },
      {
        tracks: names.map((name) => ({
          name,
          policy: named.policies(name).retention ?? { keepLast: DEFAULT_KEEP_LAST }
        })),
        dryRun,
        by
      }
    );
    for (const t of result2.tracks) {
      const list = t.pruned.length ? t.pruned.map((n) => `v${n}`).join(", ") : "nothing";
      out(
        `${t.track}: ${dryRun ? "would prune" : "pruned"} ${list}; kept ${t.kept.map((k) => `v${k.n}`).join(", ") || "nothing"}`
      );
    }
    return 0;
  }
  if (command === "promote" || command === "demote") {
    if (!named.names || named.names.length !== 1) {
      throw new InputError("track", `${command} works on one track.`, "Name it with --track.");
    }
    const alias = assertAliasName(values.alias.trim() || "active");
    const track = named.names[0];
    const r = command === "promote" ? await promote({ git, log }, { track, version: values.version, alias, dryRun, by }) : await demote({ git, log }, { track, alias, dryRun, by });
    const was = r.previousVersion === null ? "nothing" : `v${r.previousVersion}`;
    const now = r.version === null ? "nothing" : `v${r.version}`;
    out(
      `${track}: ${alias} ${r.operation === "dry-run" ? "would move" : r.operation === "unchanged" ? "stays" : "moved"} ${was} \u2192 ${now}`
    );
    return 0;
  }
  const result = await status(
    { git },
    { tracks: named.names, thresholds: (t) => named.policies(t).drift }
  );
  if (values.json) {
    out(JSON.stringify(result, null, 2));
    return 0;
  }
  for (const t of result.tracks) {
    out(
      `${t.track}: ${t.versions.length} version${t.versions.length === 1 ? "" : "s"}, latest ${t.latest === null ? "none" : `v${t.latest}`}`
    );
    for (const a of t.aliases) {
      const drift = a.behind === 0 ? "current" : `${a.behind} behind for ${formatDuration(a.ageMs)}`;
      out(
        `  ${a.alias} \u2192 v${a.version} (${drift})${a.warnings.length ? `  ! ${a.warnings.join("; ")}` : ""}`
      );
    }
    for (const v of t.versions.slice(-10).reverse()) {
      out(
        `  v${v.version}  ${v.at?.slice(0, 16).replace("T", " ") ?? "?"}  ${printable(v.label ?? "")}  ${printable(v.actor ?? "")}  ${printable(v.reason ?? "")}`.trimEnd()
      );
    }
  }
  return 0;
}
async function gitIdentity(cwd) {
  const ident = async (which) => {
    try {
      return parseIdent((await runGit(["var", which], { cwd })).stdout.toString("utf8"));
    } catch {
      return void 0;
    }
  };
  return {
    author: await ident("GIT_AUTHOR_IDENT") ?? NOBODY,
    committer: await ident("GIT_COMMITTER_IDENT") ?? NOBODY
  };
}

// src/cli.ts
process.exitCode = await runCli(process.argv.slice(2));
