/**
 * The status dashboard in the job summary: per track, aliases with drift, recent versions,
 * metric charts (Mermaid `xychart-beta`, which GitHub renders) and promotion history. Pure.
 */
import type { StatusResult, StatusVersion, TrackStatus } from '../commands/status.js';
import { metricValue } from '../core/promotion-rule.js';
import { formatDuration } from '../core/duration.js';
import { formatBytes } from '../core/size.js';
import { cell, escapeMarkdown, htmlText, link } from './markdown.js';

/** Versions listed in a track's table (the status file has all of them). */
export const TABLE_VERSIONS = 30;
/** Points per chart: the newest versions that report the metric. */
export const CHART_POINTS = 50;
/** Charts per track: the first metrics by name. */
export const MAX_CHARTS = 8;

/** Tracks past this many are folded under the overview table instead of shown open. */
export const OPEN_TRACKS = 3;
/** Values in a trend sparkline. */
const TREND_POINTS = 8;

/**
 * `runPages`: where this repository's workflow runs live (`<server>/<owner>/<repo>/actions/runs/`).
 * Run links come from the notes, which anyone who can push may write: only those under it are
 * links, any other is shown as text.
 */
export function renderStatus(result: StatusResult, runPages?: string): string {
  const out = ['## Snapback: status', ''];
  if (result.tracks.length === 0) {
    out.push('No track has versions yet. Record one with `command: record`.', '');
  }
  if (result.tracks.length > 1) out.push(...overview(result.tracks));
  const fold = result.tracks.length > OPEN_TRACKS;
  for (const t of result.tracks) {
    const title = `${t.track}${t.latest !== null ? ` — latest v${t.latest}` : ''}`;
    const body = renderTrack(t, runPages);
    if (fold) {
      out.push(`<details><summary>${htmlText(title)}</summary>`, '', ...body, '</details>', '');
    } else out.push(`### ${cell(title)}`, '', ...body, '');
  }
  return out.join('\n');
}

/**
 * One row per track, first thing in the summary: where each track stands, which aliases lag,
 * and how its headline metric (the first one it reports) has moved lately.
 */
function overview(tracks: readonly TrackStatus[]): string[] {
  const out = [
    '| Track | Latest | Aliases | Last recorded | Headline metric | Trend |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const t of tracks) {
    const last = t.versions.at(-1);
    const aliases = t.aliases
      .map((a) => {
        const mark = a.errors?.length ? ' ⛔' : a.warnings.length ? ' ⚠️' : '';
        const lag = a.behind === 0 ? '' : ` (${a.behind} behind${mark})`;
        return `${cell(a.alias)} v${a.version}${lag}`;
      })
      .join(', ');
    const metric = numericMetrics(t.versions)[0];
    const values = metric
      ? t.versions
          .map((v) => metricValue(v.metrics, metric))
          .filter((x): x is number => x !== undefined)
      : [];
    const headline =
      metric && values.length > 0 ? `${cell(metric)} = ${formatNumber(values.at(-1)!)}` : '—';
    out.push(
      `| ${cell(t.track)} | ${t.latest !== null ? `v${t.latest}` : '—'} | ${aliases || '—'} | ${last?.at ? cell(last.at.slice(0, 16).replace('T', ' ')) : '—'} | ${headline} | ${trend(values)} |`,
    );
  }
  out.push('');
  return out;
}

/** The last few values as a sparkline, and the last change: `▁▃▅▇ ▲ +0.02`. */
export function trend(values: readonly number[]): string {
  if (values.length < 2) return '—';
  const recent = values.slice(-TREND_POINTS);
  const lo = Math.min(...recent);
  const hi = Math.max(...recent);
  const bars = '▁▂▃▄▅▆▇█';
  const line = recent
    .map((v) => bars[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (bars.length - 1))])
    .join('');
  const delta = values.at(-1)! - values.at(-2)!;
  const arrow = delta > 0 ? '▲ +' : delta < 0 ? '▼ −' : '= ';
  return `${line} ${arrow}${formatNumber(Math.abs(delta))}`;
}

function renderTrack(t: TrackStatus, runPages: string | undefined): string[] {
  const out: string[] = [];
  if (t.versions.length === 0) {
    out.push('No versions (all pruned, or none recorded yet).', '');
  }
  out.push(
    ...aliasTable(t),
    ...versionTable(t, runPages),
    ...charts(t),
    ...historySection(t, runPages),
  );
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
    const flag = a.errors?.length
      ? `⛔ ${escapeMarkdown(a.errors.join('; '))}`
      : a.warnings.length > 0
        ? `⚠️ ${escapeMarkdown(a.warnings.join('; '))}`
        : '✅';
    out.push(
      `| ${cell(a.alias)} | v${a.version} | ${a.behind === 0 ? 'current' : `${a.behind} version${a.behind === 1 ? '' : 's'}`} | ${a.behind === 0 ? '—' : a.behindSince ? formatDuration(a.ageMs) : 'unknown'} | ${flag} |`,
    );
  }
  out.push('');
  return out;
}

function versionTable(t: TrackStatus, runPages: string | undefined): string[] {
  if (t.versions.length === 0) return [];
  const shown = t.versions.slice(-TABLE_VERSIONS).reverse();
  const out = [
    '| Version | Label | Recorded | Actor | Reason | Files | Size | Changes | Metrics |',
    '| --- | --- | --- | --- | --- | ---: | ---: | --- | --- |',
  ];
  for (const v of shown) out.push(versionRow(v, runPages));
  const total = Math.max(t.count ?? 0, t.versions.length);
  if (total > shown.length) {
    const file =
      total > t.versions.length
        ? `the status file lists ${t.versions.length} of the ${total}`
        : 'the status file lists all';
    out.push('', `${total - shown.length} older versions are not shown here; ${file}.`);
  }
  out.push('');
  return out;
}

function versionRow(v: StatusVersion, runPages: string | undefined): string {
  const name = `v${v.version}${v.aliases.length ? ` (${v.aliases.map((a) => cell(a)).join(', ')})` : ''}`;
  const when = v.at ? runLink(v.at.slice(0, 16).replace('T', ' '), v.runUrl, runPages) : '—';
  const changes = v.changes
    ? `+${v.changes.added} ~${v.changes.modified} −${v.changes.deleted}`
    : '—';
  const rollback = v.rollbackOf !== undefined ? ` ↩ v${v.rollbackOf}` : '';
  return `| ${name} | ${cell(v.label ?? '—')} | ${when} | ${cell(v.actor ?? '—')} | ${cell(v.reason ?? '', 120)}${rollback} | ${v.files ?? '—'} | ${v.bytes !== undefined ? formatBytes(v.bytes) : '—'} | ${changes} | ${metricsCell(v.metrics)} |`;
}

/** Depth of nested metric objects that is still read (`{"eval": {"f1": …}}` is depth 2). */
const METRIC_DEPTH = 4;

/** Every leaf of a metrics object, nested objects by their dotted path (`eval.f1`). */
export function flattenMetrics(
  metrics: Record<string, unknown> | undefined,
): [string, number | string | boolean][] {
  const out: [string, number | string | boolean][] = [];
  const walk = (node: Record<string, unknown>, prefix: string, depth: number) => {
    for (const [k, v] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
        out.push([path, v]);
      } else if (v && typeof v === 'object' && !Array.isArray(v) && depth < METRIC_DEPTH) {
        walk(v as Record<string, unknown>, path, depth + 1);
      }
    }
  };
  if (metrics) walk(metrics, '', 1);
  return out;
}

function metricsCell(metrics: Record<string, unknown> | undefined): string {
  const parts = flattenMetrics(metrics)
    .slice(0, 6)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : String(v)}`);
  return cell(parts.join(', '), 160);
}

/** Dotted paths of the numeric metrics across the track's versions, first seen first. */
export function numericMetrics(versions: readonly StatusVersion[]): string[] {
  const names: string[] = [];
  for (const v of versions) {
    for (const [k, value] of flattenMetrics(v.metrics)) {
      if (typeof value === 'number' && Number.isFinite(value) && !names.includes(k)) names.push(k);
    }
  }
  return names;
}

/**
 * Line colours readable on GitHub's light (#ffffff) and dark (#0d1117) backgrounds: each has a
 * contrast of at least 3:1 against both (WCAG's bar for graphics). The emoji names the colour
 * in the legend, since Mermaid's xychart draws none.
 */
export const SERIES_COLOURS = [
  { hex: '#1f6feb', emoji: '🔵' },
  { hex: '#cf222e', emoji: '🔴' },
  { hex: '#238636', emoji: '🟢' },
  { hex: '#d1500f', emoji: '🟠' },
  { hex: '#8250df', emoji: '🟣' },
  { hex: '#9a6700', emoji: '🟤' },
] as const;

interface Chart {
  title: string;
  axis: string;
  series: string[];
}

/**
 * Metrics that all stay within 0..1 (scores: F1, precision, accuracy) share one chart, so the
 * usual trio is one compact picture; any other metric gets a chart of its own scale.
 */
function planCharts(t: TrackStatus): Chart[] {
  const names = numericMetrics(t.versions);
  // Scores share a chart only with scores reported by exactly the same versions: a chart draws
  // the versions where all its lines have a value, so one sparse metric must not thin the rest.
  const unit = new Map<string, string[]>();
  const own: string[] = [];
  for (const name of names) {
    const present = t.versions.filter((v) => metricValue(v.metrics, name) !== undefined);
    const values = present.map((v) => metricValue(v.metrics, name)!);
    if (!values.every((x) => x >= 0 && x <= 1)) {
      own.push(name);
      continue;
    }
    const key = present.map((v) => v.version).join(',');
    unit.set(key, [...(unit.get(key) ?? []), name]);
  }
  const plans: Chart[] = [];
  for (const group of unit.values()) {
    for (let i = 0; i < group.length; i += SERIES_COLOURS.length) {
      const series = group.slice(i, i + SERIES_COLOURS.length);
      plans.push({
        title: series.length === 1 ? `${t.track}: ${series[0]}` : `${t.track}: scores`,
        axis: series.length === 1 ? series[0]! : 'score',
        series,
      });
    }
  }
  for (const name of own) plans.push({ title: `${t.track}: ${name}`, axis: name, series: [name] });
  return plans.slice(0, MAX_CHARTS);
}

function charts(t: TrackStatus): string[] {
  const out: string[] = [];
  for (const plan of planCharts(t)) {
    // The versions where every series of the chart has a value: Mermaid draws no gaps.
    const points = t.versions
      .map((v) => ({ v, values: plan.series.map((name) => metricValue(v.metrics, name)) }))
      .filter((p): p is { v: StatusVersion; values: number[] } =>
        p.values.every((x) => x !== undefined),
      )
      .slice(-CHART_POINTS);
    if (points.length < 2) continue;
    out.push(
      ...metricChart(
        plan.title,
        plan.axis,
        points.map((p) => ({ label: versionLabel(p.v), values: p.values })),
      ),
    );
    if (plan.series.length > 1) {
      out.push(
        plan.series.map((name, i) => `${SERIES_COLOURS[i]!.emoji} ${cell(name)}`).join(' · '),
      );
    }
    out.push('');
  }
  return out;
}

/** `v7`, or `v7 production` when aliases point at it, so the chart shows where they stand. */
function versionLabel(v: StatusVersion): string {
  return [`v${v.version}`, ...v.aliases].join(' ');
}

/**
 * One `xychart-beta` with one line per series. Versions are the x-axis categories (quoted, since
 * alias names may follow the number); titles are quoted strings, so anything that could end the
 * string or the line is replaced first. The init directive sets the line colours and a compact
 * height.
 */
export function metricChart(
  title: string,
  axis: string,
  points: readonly { label: string; values: readonly number[] }[],
): string[] {
  const all = points.flatMap((p) => p.values);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (lo === hi) {
    // A flat line still needs a range.
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const palette = SERIES_COLOURS.map((c) => c.hex).join(', ');
  const init = {
    xyChart: { height: 260, width: 720 },
    themeVariables: { xyChart: { plotColorPalette: palette } },
  };
  const seriesCount = points[0]?.values.length ?? 0;
  return [
    '```mermaid',
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    `  title "${mermaidText(title)}"`,
    `  x-axis [${points.map((p) => `"${mermaidText(p.label)}"`).join(', ')}]`,
    `  y-axis "${mermaidText(axis)}" ${formatNumber(lo)} --> ${formatNumber(hi)}`,
    ...Array.from(
      { length: seriesCount },
      (_, i) => `  line [${points.map((p) => formatNumber(p.values[i]!)).join(', ')}]`,
    ),
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

function historySection(t: TrackStatus, runPages: string | undefined): string[] {
  const aliases = Object.keys(t.history).sort();
  if (aliases.length === 0) return [];
  const out: string[] = [];
  for (const alias of aliases) {
    const tenures = t.history[alias]!;
    out.push(
      `<details><summary>History of ${htmlText(alias)} (${tenures.length} promotion${tenures.length === 1 ? '' : 's'})</summary>`,
      '',
      '| Version | From | Until | By | Why |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const h of [...tenures].reverse().slice(0, 50)) {
      const from = runLink(h.from.slice(0, 16).replace('T', ' '), h.runUrl, runPages);
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

/** A link to a run of this repository; text for anything else a note may claim. */
function runLink(text: string, url: string | undefined, runPages: string | undefined): string {
  if (!url || !runPages || !url.startsWith(runPages) || /[\s()<>]/.test(url)) return cell(text);
  return link(text, url);
}
