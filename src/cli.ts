#!/usr/bin/env node
/** Local command line: the same engine as the action, on a clone. */
import { runCli } from './cli/run-cli.js';

process.exitCode = await runCli(process.argv.slice(2));
