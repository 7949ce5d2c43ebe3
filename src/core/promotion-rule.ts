/**
 * Auto-promotion: whether a newly recorded version should take an alias, judged by one metric
 * against the version the alias points at now. Pure.
 *
 * With the candidate at or past `high`, holding level is enough (no regression); below it, the
 * candidate must beat the current holder by at least `minImprovement`. `direction: lower` is
 * for metrics where less is better (loss, latency): everything is mirrored.
 */
export interface PromotionRule {
  alias: string;
  metric: string;
  direction: 'higher' | 'lower';
  /** At or beyond this value, no regression is enough. Undefined: always need the improvement. */
  high?: number | undefined;
  minImprovement: number;
}

export interface Candidate {
  version: number;
  metrics?: Record<string, unknown> | undefined;
}

export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

/** Floating-point slack, so 0.92 + 0.02 counts as reaching 0.94. */
const EPSILON = 1e-9;

/** A metric by name: an exact key first, else a dotted path into nested objects (`eval.f1`). */
export function metricValue(
  metrics: Record<string, unknown> | undefined,
  name: string,
): number | undefined {
  if (!metrics) return undefined;
  let value: unknown = Object.hasOwn(metrics, name) ? metrics[name] : undefined;
  if (value === undefined && name.includes('.')) {
    value = name.split('.').reduce<unknown>((node, key) => {
      if (node && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, key))
        return (node as Record<string, unknown>)[key];
      return undefined;
    }, metrics);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(value.trim())) {
    return Number(value);
  }
  return undefined;
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(12)));
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : '−'}${fmt(Math.abs(x))}`;
}

export function decidePromotion(
  rule: PromotionRule,
  candidate: Candidate,
  /** The version the alias points at now, or undefined when nothing holds it. */
  current: Candidate | undefined,
  isFirstVersion: boolean,
): PromotionDecision {
  const m = rule.metric;
  const v = `v${candidate.version}`;
  if (isFirstVersion) {
    return { promote: true, reason: `${v} is the track's first version.` };
  }
  if (!current) {
    return { promote: true, reason: `no version holds '${rule.alias}' yet.` };
  }
  if (current.version === candidate.version) {
    return { promote: false, reason: `${v} already holds '${rule.alias}'.` };
  }
  const value = metricValue(candidate.metrics, m);
  if (value === undefined) {
    return {
      promote: false,
      reason: `${v} has no numeric '${m}' in its metrics; '${rule.alias}' stays on v${current.version}.`,
    };
  }
  const held = metricValue(current.metrics, m);
  if (held === undefined) {
    return {
      promote: false,
      reason: `v${current.version} (holding '${rule.alias}') has no numeric '${m}' to compare with; promote by hand to start the rule.`,
    };
  }
  // Positive gain is always "better", whichever way the metric points.
  const gain = rule.direction === 'higher' ? value - held : held - value;
  const cmp = `${m} ${fmt(value)} vs ${fmt(held)} on v${current.version} (${signed(value - held)})`;
  const pastHigh =
    rule.high !== undefined &&
    (rule.direction === 'higher' ? value >= rule.high - EPSILON : value <= rule.high + EPSILON);
  if (pastHigh) {
    const bound = `${rule.direction === 'higher' ? '≥' : '≤'} ${fmt(rule.high!)}`;
    if (gain >= -EPSILON) {
      return { promote: true, reason: `${cmp}: ${bound} with no regression.` };
    }
    return { promote: false, reason: `${cmp}: ${bound} but a regression.` };
  }
  if (gain >= rule.minImprovement - EPSILON) {
    return {
      promote: true,
      reason: `${cmp}: improves by at least ${fmt(rule.minImprovement)}.`,
    };
  }
  const need =
    rule.high !== undefined
      ? `needs an improvement of ${fmt(rule.minImprovement)} (or ${m} ${rule.direction === 'higher' ? '≥' : '≤'} ${fmt(rule.high)} with no regression)`
      : `needs an improvement of ${fmt(rule.minImprovement)}`;
  return { promote: false, reason: `${cmp}: ${need}.` };
}
