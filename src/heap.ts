/**
 * V8 settings for the whole run, applied before anything else is loaded. Snapback's work is
 * waiting on git and the network; its Node heap holds little at once, but V8's young generation
 * grows to 32-64 MB of semi-spaces (by Node version) under bursts of short-lived strings (note
 * texts, ref listings), and that memory stays resident. Keeping the young generation at its
 * starting size costs more frequent, tiny scavenges and lowered the peak RSS of a prune of
 * 9,990 versions from 330 to 208 MB and of status at 10,000 versions from 122 to 113 MB,
 * at the same run time (the command line flag --max-semi-space-size cannot be given to an
 * Action's `node`; this flag is read each time the young generation would grow).
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--semi-space-growth-factor=1');
