// Reading what an action told the runner, the way the runner reads it: file commands
// (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STATE) and workflow commands printed on stdout/stderr.

export interface FileCommandResult {
  values: Record<string, string>;
  /** Format errors; on a real runner any of these fails the step. */
  errors: string[];
}

/** Splits text into lines, remembering each line's terminator (\n, \r\n or none at EOF). */
function lines(text: string): { line: string; start: number; end: number; next: number }[] {
  const out = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const stop = nl < 0 ? text.length : nl;
    const end = stop > start && text[stop - 1] === '\r' ? stop - 1 : stop;
    out.push({ line: text.slice(start, end), start, end, next: nl < 0 ? text.length : nl + 1 });
    start = nl < 0 ? text.length : nl + 1;
  }
  return out;
}

/**
 * Parses the key/value file format: `name=value` lines, or `name<<DELIM` followed by value lines
 * and a line holding exactly DELIM (what @actions/core writes, with a random ghadelimiter_ UUID).
 * A multi-line value keeps its inner line breaks verbatim; the break before DELIM is not part of it.
 */
export function parseFileCommand(text: string): FileCommandResult {
  const values: Record<string, string> = {};
  const errors: string[] = [];
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const { line } = all[i]!;
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      const name = line.slice(0, eq);
      if (name === '') errors.push(`Invalid format '${line}': name must not be empty`);
      else values[name] = line.slice(eq + 1);
      continue;
    }
    if (heredoc < 0) {
      errors.push(`Invalid format '${line}'`);
      continue;
    }
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    if (name === '' || delimiter === '') {
      errors.push(`Invalid format '${line}': name and delimiter must not be empty`);
      continue;
    }
    const close = all.findIndex((l, j) => j > i && l.line === delimiter);
    if (close < 0) {
      errors.push(`Invalid value: matching delimiter not found '${delimiter}'`);
      break;
    }
    values[name] = close === i + 1 ? '' : text.slice(all[i + 1]!.start, all[close - 1]!.end);
    i = close;
  }
  return { values, errors };
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface Annotation {
  level: 'notice' | 'warning' | 'error';
  message: string;
  /** title, file, line, endLine, col, endColumn when given. */
  properties: Record<string, string>;
}

const KNOWN = new Set([
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'echo',
  'save-state',
  'set-output',
  'set-env',
  'add-path',
  'stop-commands',
]);

function unescapeData(s: string): string {
  return s.replace(/%(25|0D|0A)/g, (_m, code: string) =>
    code === '25' ? '%' : code === '0D' ? '\r' : '\n',
  );
}

function unescapeProperty(s: string): string {
  const map: Record<string, string> = { '25': '%', '0D': '\r', '0A': '\n', '3A': ':', '2C': ',' };
  return s.replace(/%(25|0D|0A|3A|2C)/g, (_m, code: string) => map[code]!);
}

/**
 * Workflow commands (`::name key=value,...::message`) in output, in order. Lines with unknown
 * command names are plain output, as on the runner; `::stop-commands::TOKEN` suspends parsing
 * until a line `::TOKEN::`.
 */
export function parseWorkflowCommands(output: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const raw of output.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    if (!line.startsWith('::')) continue;
    const end = line.indexOf('::', 2);
    if (end < 0) continue;
    const info = line.slice(2, end);
    const space = info.indexOf(' ');
    const command = space < 0 ? info : info.slice(0, space);
    if (!KNOWN.has(command)) continue;
    const properties: Record<string, string> = {};
    if (space >= 0) {
      for (const pair of info
        .slice(space + 1)
        .trim()
        .split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
      }
    }
    const message = unescapeData(line.slice(end + 2));
    if (command === 'stop-commands') stopToken = message;
    commands.push({ command, properties, message });
  }
  return commands;
}

export function annotationsOf(commands: WorkflowCommand[]): Annotation[] {
  return commands
    .filter((c) => c.command === 'notice' || c.command === 'warning' || c.command === 'error')
    .map((c) => ({
      level: c.command as Annotation['level'],
      message: c.message,
      properties: c.properties,
    }));
}
