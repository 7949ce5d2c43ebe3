#!/usr/bin/env node
import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);
import {
  NativeGit,
  parseBoolean,
  parseJsonObject,
  parseNonNegativeInt,
  record,
  resolveLabel,
  resolveTracks,
  runGit
} from "./chunks/chunk-HP2BW6SQ.js";
import {
  formatError
} from "./chunks/chunk-GSXZ76H3.js";

// src/cli/run-cli.ts
import { parseArgs } from "node:util";
var USAGE = `Usage: snapback record [options]

Records the files of a track as its next version, on the remote of the clone you are in.

Options:
  --track <name>            track name (default: default, or every track of the config file)
  --paths <globs>           comma- or newline-separated globs, "!" to exclude
  --config <file>           config file (default: .github/snapback.yml)
  --reason <text>           why this version exists
  --metadata <json>         JSON object stored with the version
  --metrics <json|file>     JSON object, or a JSON file, of metrics
  --max-file-size <size>    refuse files larger than this (default: 100 MB)
  --expected-version <n>    fail unless the track's latest version is n
  --remote <name|url>       where the registry lives (default: origin)
  --dry-run                 show what would be recorded, push nothing
  -h, --help                this text
`;
async function runCli(argv) {
  try {
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
        "expected-version": { type: "string", default: "" },
        remote: { type: "string", default: "origin" },
        "dry-run": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false }
      }
    });
    const command = positionals[0];
    if (values.help || !command) {
      process.stdout.write(USAGE);
      return values.help ? 0 : 2;
    }
    if (command !== "record") {
      process.stderr.write(`snapback: unknown command '${command}'.

${USAGE}`);
      return 2;
    }
    const cwd = process.cwd();
    const top = (await runGit(["rev-parse", "--show-toplevel"], { cwd })).stdout.toString().trim();
    const tracks = await resolveTracks(
      {
        track: values.track,
        paths: values.paths,
        config: values.config,
        maxFileSize: values["max-file-size"],
        metrics: values.metrics
      },
      top
    );
    const metadata = values.metadata ? parseJsonObject(values.metadata, "metadata") : void 0;
    const expectedVersion = parseNonNegativeInt(values["expected-version"], "expected-version");
    const dryRun = parseBoolean(String(values["dry-run"]), "dry-run");
    const url = /^[a-z]+:\/\/|^[^/]+@[^/]+:/.test(values.remote) ? values.remote : (await runGit(["remote", "get-url", values.remote], { cwd: top })).stdout.toString().trim();
    const git = await NativeGit.open(top, { url });
    const result = await record(
      {
        git,
        resolveLabel: (s) => resolveLabel(git, s),
        log: (m) => process.stderr.write(`${m}
`)
      },
      {
        tracks,
        reason: values.reason || void 0,
        metadata,
        expectedVersion,
        dryRun,
        context: { actor: process.env.USER }
      }
    );
    for (const t of result.tracks) {
      const what = t.status === "recorded" ? "recorded" : t.status === "unchanged" ? "unchanged at" : "would record";
      process.stdout.write(
        `${t.track}: ${what} v${t.version} (${t.label}) ${t.ref}${t.commit ? ` ${t.commit}` : ""}
`
      );
    }
    return 0;
  } catch (e) {
    const message = formatError(e).replace(/^Input '([a-z-]+)'/, "Option '--$1'");
    process.stderr.write(`snapback: ${message}
`);
    return 1;
  }
}

// src/cli.ts
process.exitCode = await runCli(process.argv.slice(2));
