/**
 * Credentials never reach an output. Every token the process holds is registered here, in each
 * form it travels in (raw, inside the Basic credentials `base64("x-access-token:" + token)`,
 * base64 at any byte alignment, URL-encoded), and `redact` blanks all of them, plus whatever
 * looks like a credential in a header or a URL. A server or proxy can echo any of these back
 * in an error body that git prints or an error we relay.
 */
const forms = new Set<string>();

/** Tokens shorter than this are not searched for: "abc" would blank half a message. */
const MIN_SECRET = 6;

/** The base64 stretches that encode only the secret's bytes, at byte offsets 0, 1 and 2. */
function base64Cores(secret: string): string[] {
  const cores: string[] = [];
  for (const pad of [0, 1, 2]) {
    const bytes = Buffer.concat([Buffer.alloc(pad), Buffer.from(secret, 'utf8')]);
    const core = bytes
      .toString('base64')
      .slice(pad === 0 ? 0 : 4, Math.floor(bytes.length / 3) * 4);
    if (core.length >= 8) cores.push(core);
  }
  return cores;
}

export function addSecret(secret: string): void {
  if (secret.length < MIN_SECRET) return;
  for (const form of [
    secret,
    encodeURIComponent(secret),
    Buffer.from(`x-access-token:${secret}`).toString('base64'),
    ...base64Cores(secret),
  ]) {
    forms.add(form);
  }
}

/** Never let a credential reach a log, even if git or a server echoes a URL or header. */
export function redact(text: string): string {
  let out = text;
  // Longest first, so a form containing another is blanked whole.
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    out = out.split(form).join('***');
  }
  return out
    .replace(/(authorization:\s*\w+\s+)[^\s'"]+/gi, '$1***')
    .replace(/(https?:\/\/)[^/@\s]+@/gi, '$1***@');
}
