/**
 * The status dashboard in the job summary: per track, aliases with drift, recent versions,
 * metric charts (Mermaid `xychart-beta`, which GitHub renders) and promotion history. Pure.
 */
import type { StatusResult, StatusVersion, TrackStatus } from '../commands/status.js';
import { metricValue } from './promotion-rule.js';
import { formatDuration } from './duration.js';
import { formatBytes } from './size.js';
import { cell, escapeMarkdown, link } from './markdown.js';

/** Versions listed in a track's table (the status file has all of them). */
export const TABLE_VERSIONS = 30;
/** Points per chart: the newest versions that report the metric. */
export const CHART_POINTS = 50;
/** Charts per track: the first metrics by name. */
export const MAX_CHARTS = 8;

export function renderStatus(result: StatusResult): string {
  const out = ['## Snapback: status', ''];
  if (result.tracks.length === 0) {
    out.push('No track has versions yet. Record one with `command: record`.', '');
  }
  for (const t of result.tracks) out.push(...renderTrack(t), '');
  return out.join('\n');
}

function renderTrack(t: TrackStatus): string[] {
  const out = [`### ${cell(t.track)}${t.latest !== null ? ` — latest v${t.latest}` : ''}`, ''];
  if (t.versions.length === 0) {
    out.push('No versions (all pruned, or none recorded yet).', '');
  }
  out.push(...aliasTable(t), ...versionTable(t), ...charts(t), ...historySection(t));
  if (t.pruned.length > 0) {
    out.push(
      `Pruned by retention: ${ranges(t.pruned.map((p) => p.version))} (${t.pruned.length} version${t.pruned.length === 1 ? '' : 's'}).`,
      '',
    );
  }
  return out;
}

function aliasTable(t: TrackStatus): string[] {
  if (t.aliases.length === 0) return ['No aliases. Promote a version with `command: promote`.', ''];
  const out = [
    '| Alias | Version | Behind latest | Behind for | |',
    '| --- | --- | ---: | --- | --- |',
  ];
  for (const a of t.aliases) {
    const flag = a.warnings.length > 0 ? `⚠️ ${escapeMarkdown(a.warnings.join('; '))}` : '✅';
    out.push(
      `| ${cell(a.alias)} | v${a.version} | ${a.behind === 0 ? 'current' : `${a.behind} version${a.behind === 1 ? '' : 's'}`} | ${a.behind === 0 ? '—' : a.behindSince ? formatDuration(a.ageMs) : 'unknown'} | ${flag} |`,
    );
  }
  out.push('');
  return out;
}

function versionTable(t: TrackStatus): string[] {
  if (t.versions.length === 0) return [];
  const shown = t.versions.slice(-TABLE_VERSIONS).reverse();
  const out = [
    '| Version | Label | Recorded | Actor | Reason | Files | Size | Changes | Metrics |',
    '| --- | --- | --- | --- | --- | ---: | ---: | --- | --- |',
  ];
  for (const v of shown) out.push(versionRow(v));
  if (t.versions.length > shown.length) {
    out.push(
      '',
      `${t.versions.length - shown.length} older versions are not shown here; the status file lists all.`,
    );
  }
  out.push('');
  return out;
}

function versionRow(v: StatusVersion): string {
  const name = `v${v.version}${v.aliases.length ? ` (${v.aliases.map((a) => cell(a)).join(', ')})` : ''}`;
  const when = v.at
    ? v.runUrl
      ? link(v.at.slice(0, 16).replace('T', ' '), v.runUrl)
      : cell(v.at.slice(0, 16).replace('T', ' '))
    : '—';
  const changes = v.changes
    ? `+${v.changes.added} ~${v.changes.modified} −${v.changes.deleted}`
    : '—';
  const rollback = v.rollbackOf !== undefined ? ` ↩ v${v.rollbackOf}` : '';
  return `| ${name} | ${cell(v.label ?? '—')} | ${when} | ${cell(v.actor ?? '—')} | ${cell(v.reason ?? '', 120)}${rollback} | ${v.files ?? '—'} | ${v.bytes !== undefined ? formatBytes(v.bytes) : '—'} | ${changes} | ${metricsCell(v.metrics)} |`;
}

function metricsCell(metrics: Record<string, unknown> | undefined): string {
  if (!metrics) return '';
  const parts = Object.entries(metrics)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    .slice(0, 6)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : String(v)}`);
  return cell(parts.join(', '), 160);
}

/** Names of the numeric metrics across the track's versions, first seen first. */
export function numericMetrics(versions: readonly StatusVersion[]): string[] {
  const names: string[] = [];
  for (const v of versions) {
    for (const [k, value] of Object.entries(v.metrics ?? {})) {
      if (typeof value === 'number' && Number.isFinite(value) && !names.includes(k)) names.push(k);
    }
  }
  return names;
}

function charts(t: TrackStatus): string[] {
  const names = numericMetrics(t.versions).slice(0, MAX_CHARTS);
  const out: string[] = [];
  for (const name of names) {
    const points = t.versions
      .map((v) => ({ v: v.version, value: metricValue(v.metrics, name) }))
      .filter((p): p is { v: number; value: number } => p.value !== undefined)
      .slice(-CHART_POINTS);
    if (points.length < 2) continue;
    out.push(...metricChart(t.track, name, points), '');
  }
  return out;
}

/**
 * One `xychart-beta` per metric (metrics rarely share a scale). Versions are the x-axis
 * categories (`v12`: letters and digits only, safe unquoted); titles are quoted strings, so
 * anything that could end the string or the line is replaced first.
 */
export function metricChart(
  track: string,
  metric: string,
  points: readonly { v: number; value: number }[],
): string[] {
  const values = points.map((p) => p.value);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo === hi) {
    // A flat line still needs a range.
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidText(`${track}: ${metric}`)}"`,
    `  x-axis [${points.map((p) => `v${p.v}`).join(', ')}]`,
    `  y-axis "${mermaidText(metric)}" ${formatNumber(lo)} --> ${formatNumber(hi)}`,
    `  line [${values.map(formatNumber).join(', ')}]`,
    '```',
  ];
}

/** Text inside a Mermaid quoted string: no quotes, no line breaks, no backticks or brackets. */
export function mermaidText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f"`[\]{}<>#;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}

/** Plain decimal (no exponent, which Mermaid's grammar may not take), at most 6 significant digits. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '0';
  const rounded = Number(x.toPrecision(6));
  // toFixed() itself switches to exponents from 1e21 on; BigInt prints every digit.
  if (Math.abs(rounded) >= 1e21) return BigInt(rounded).toString();
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  // Small numbers: write out the zeros (1e-7 → 0.0000001).
  return rounded
    .toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(rounded))) + 5)))
    .replace(/0+$/, '')
    .replace(/\.$/, '');
}

function historySection(t: TrackStatus): string[] {
  const aliases = Object.keys(t.history).sort();
  if (aliases.length === 0) return [];
  const out: string[] = [];
  for (const alias of aliases) {
    const tenures = t.history[alias]!;
    out.push(
      `<details><summary>History of ${escapeMarkdown(alias)} (${tenures.length} promotion${tenures.length === 1 ? '' : 's'})</summary>`,
      '',
      '| Version | From | Until | By | Why |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const h of [...tenures].reverse().slice(0, 50)) {
      const from = h.runUrl
        ? link(h.from.slice(0, 16).replace('T', ' '), h.runUrl)
        : cell(h.from.slice(0, 16).replace('T', ' '));
      const why = h.rule ? `rule: ${h.rule}` : (h.reason ?? '');
      out.push(
        `| v${h.version} | ${from} | ${h.until ? cell(h.until.slice(0, 16).replace('T', ' ')) : 'now'} | ${cell(h.actor ?? '—')} | ${cell(why, 160)} |`,
      );
    }
    out.push('', '</details>', '');
  }
  return out;
}

/** 1, 2, 3, 5, 7, 8 → `v1–v3, v5, v7–v8`. */
export function ranges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `v${sorted[i]}` : `v${sorted[i]}–v${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}
