#!/usr/bin/env node
/** Local command line: the same engine as the action, on a clone. */
// The heap settings first; everything else loads after them (a static import would load first).
import './heap.js';

const { runCli } = await import('./cli/run-cli.js');
process.exitCode = await runCli(process.argv.slice(2));
