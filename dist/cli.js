#!/usr/bin/env node
import { createRequire as __snapbackCreateRequire } from 'node:module'; const require = __snapbackCreateRequire(import.meta.url);
import "./chunks/chunk-EATCZXHJ.js";

// src/cli.ts
var { runCli } = await import("./chunks/run-cli-3QRWVBNJ.js");
process.exitCode = await runCli(process.argv.slice(2));
