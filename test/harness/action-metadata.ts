// What the runner takes from action.yml before starting a node action: the runtime
// (runs.using) and the default of every input the workflow did not set. Defaults may be
// expressions such as `${{ github.token }}`; the common github/runner ones are evaluated.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { NodeRuntime } from './node-bins.js';

export interface ActionMetadata {
  using: NodeRuntime | undefined;
  /** Input name (as written in action.yml) to its default value, unevaluated. */
  defaults: Record<string, string>;
}

interface ActionYaml {
  runs?: { using?: string };
  inputs?: Record<string, { default?: unknown } | null>;
}

export function readActionMetadata(path: string): ActionMetadata | undefined {
  if (!existsSync(path)) return undefined;
  const doc = (parse(readFileSync(path, 'utf8')) ?? {}) as ActionYaml;
  const using = doc.runs?.using;
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(doc.inputs ?? {})) {
    if (input?.default !== undefined && input.default !== null)
      defaults[name] = String(input.default);
  }
  return { using: using === 'node20' || using === 'node24' ? using : undefined, defaults };
}

/**
 * Evaluates `${{ github.x }}` / `${{ runner.x }}` in a default against the given contexts.
 * Anything else is refused rather than guessed: the test should then pass the input itself.
 */
export function evaluateDefault(
  value: string,
  contexts: Record<string, Record<string, string>>,
): string {
  return value.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (expr, path: string) => {
    const [scope, key, ...rest] = path.split('.');
    const found = scope && key && rest.length === 0 ? contexts[scope]?.[key] : undefined;
    if (found === undefined) {
      throw new Error(
        `runAction cannot evaluate the action.yml default ${expr}; pass that input explicitly`,
      );
    }
    return found;
  });
}
