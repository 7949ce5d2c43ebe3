// Finding a secret in anything a run shows, in every form it could take: raw, inside the
// Basic credentials git and the product actually send (`base64("x-access-token:" + token)`),
// base64 of any text containing it (at each of the three byte alignments), URL-encoded (in a
// `https://user:TOKEN@host` URL) and JSON-escaped. A check for the raw token alone cannot
// fail: the raw token is never sent, so no server can echo it back.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ActionResult } from './run-action.js';

export interface SecretForm {
  /** What the form is, for the failure message. */
  name: string;
  text: string;
}

/**
 * The stretches of base64 that encode only the secret's own bytes, when it sits at byte offset
 * 0, 1 or 2 of a 3-byte group: any base64 of a text containing the secret contains one of them.
 */
function base64Cores(secret: string): string[] {
  const cores: string[] = [];
  for (const pad of [0, 1, 2]) {
    const bytes = Buffer.concat([Buffer.alloc(pad, 0x41), Buffer.from(secret, 'utf8')]);
    const encoded = bytes.toString('base64');
    // Skip the group shared with the padding, and the last group, shared with what follows.
    const from = pad === 0 ? 0 : 4;
    const to = Math.floor(bytes.length / 3) * 4;
    const core = encoded.slice(from, to);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}

export function secretForms(secret: string): SecretForm[] {
  if (secret.length < 8) throw new Error(`secret '${secret}' is too short to search for reliably`);
  const forms: SecretForm[] = [
    { name: 'raw', text: secret },
    { name: 'URL-encoded', text: encodeURIComponent(secret) },
    { name: 'JSON-escaped', text: JSON.stringify(secret).slice(1, -1) },
    {
      name: 'base64 of x-access-token:<secret>',
      text: Buffer.from(`x-access-token:${secret}`).toString('base64'),
    },
    { name: 'base64 of the secret', text: Buffer.from(secret).toString('base64') },
    ...base64Cores(secret).map((text, i) => ({ name: `base64 inside a longer text (${i})`, text })),
  ];
  const seen = new Set<string>();
  return forms.filter((f) => !seen.has(f.text) && seen.add(f.text));
}

/** Every (surface, form) where a secret shows up; empty when none does. */
export function findSecrets(
  surfaces: Record<string, string>,
  secrets: readonly string[],
): { surface: string; secret: string; form: string; context: string }[] {
  const found = [];
  for (const secret of secrets) {
    for (const form of secretForms(secret)) {
      for (const [surface, text] of Object.entries(surfaces)) {
        const at = text.indexOf(form.text);
        if (at < 0) continue;
        const context = text.slice(Math.max(0, at - 60), at + form.text.length + 60);
        found.push({ surface, secret, form: form.name, context });
      }
    }
  }
  return found;
}

function readIfFile(path: string | undefined): string {
  if (!path) return '';
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Everything a run shows: stdout and stderr (less the runner's own `::add-mask::` lines, which
 * the runner consumes), every output, the files outputs point at, the job summary, state and
 * exported variables.
 */
export function runSurfaces(result: ActionResult): Record<string, string> {
  const stdout = result.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return {
    stdout,
    stderr: result.stderr,
    outputs: JSON.stringify(result.outputs),
    'changes-file': readIfFile(result.outputs['changes-file']),
    'status-file': readIfFile(result.outputs['status-file']),
    summary: result.summary,
    state: JSON.stringify(result.state),
    'exported env': JSON.stringify(result.exportedEnv),
    'file command errors': result.fileCommandErrors.join('\n'),
  };
}

/**
 * Fails, naming the surface and the form, if any secret shows up in anything the run showed or
 * in the `extra` surfaces (comment and pull request bodies, the registry's own contents…).
 */
export function expectNoSecrets(
  result: ActionResult | undefined,
  secrets: readonly string[],
  extra: Record<string, string> = {},
): void {
  const surfaces = { ...(result ? runSurfaces(result) : {}), ...extra };
  const found = findSecrets(surfaces, secrets);
  expect(
    found.map((f) => `${f.form} of '${f.secret}' in ${f.surface}: …${f.context}…`),
    'a secret showed up',
  ).toEqual([]);
}

/** The runner is told to mask each secret (`::add-mask::<secret>` on stdout). */
export function expectMasked(result: ActionResult, secrets: readonly string[]): void {
  const masked = result.commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
  for (const secret of secrets) expect(masked, `::add-mask:: for '${secret}'`).toContain(secret);
}

/** Texts a hostile server might echo back: each form a client could have sent it. */
export function echoes(secret: string): string {
  const basic = Buffer.from(`x-access-token:${secret}`).toString('base64');
  return [
    `Authorization: Basic ${basic}`,
    `credentials ${basic} were refused`,
    `token ${secret} is not valid`,
    `could not read https://x-access-token:${secret}@example.invalid/acme/repo.git`,
    `x-access-token:${secret}`,
  ].join('\n');
}
