/** Options several operations share, and their raw text gathered for src/inputs.ts. */
import type { PolicyInputs, TrackInputs } from '../inputs.js';
import type { Inputs, OptionSpec } from './types.js';

export const TRACK_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'track',
    doc: 'track name (default: default, or every track of the config file)',
    placeholder: 'name',
  },
  { name: 'paths', doc: 'comma- or newline-separated globs, "!" to exclude', placeholder: 'globs' },
  { name: 'config', doc: 'config file (default: .github/snapback.yml)', placeholder: 'file' },
  {
    name: 'max-file-size',
    doc: 'refuse files larger than this (default: 100 MB)',
    meaningfulFor: ['record'],
    placeholder: 'size',
  },
  {
    name: 'metrics',
    doc: 'JSON object, or a JSON file, of metrics',
    meaningfulFor: ['record'],
    placeholder: 'json|file',
  },
  {
    name: 'include-workflows',
    doc: 'let .github/workflows/** belong to the track',
    meaningfulFor: ['record', 'diff', 'rollback', 'restore'],
    type: 'boolean',
  },
];

export const POLICY_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'keep-last',
    doc: 'retention: keep the n newest versions',
    meaningfulFor: ['record', 'prune'],
    placeholder: 'n',
  },
  {
    name: 'keep-days',
    doc: 'retention: also keep versions younger than this',
    meaningfulFor: ['record', 'prune'],
    placeholder: 'days',
  },
  {
    name: 'alias',
    doc: 'the alias (default: active)',
    meaningfulFor: ['record', 'promote', 'demote'],
    placeholder: 'name',
  },
  {
    name: 'promote-metric',
    doc: 'record: promote automatically when this metric improves',
    meaningfulFor: ['record'],
    placeholder: 'name',
  },
  {
    name: 'promote-high',
    doc: '... at or past x, no regression is enough',
    meaningfulFor: ['record'],
    placeholder: 'x',
  },
  {
    name: 'promote-min-improvement',
    doc: '... below it, the gain needed (default 0)',
    meaningfulFor: ['record'],
    placeholder: 'x',
  },
  {
    name: 'promote-direction',
    doc: '... higher (default) or lower is better',
    meaningfulFor: ['record'],
    placeholder: 'd',
  },
  {
    name: 'drift-warn-versions',
    doc: 'status: flag aliases more than n versions behind',
    meaningfulFor: ['status'],
    placeholder: 'n',
  },
  {
    name: 'drift-warn-age',
    doc: 'status: flag aliases behind for longer (12h, 7d, 2w)',
    meaningfulFor: ['status'],
    placeholder: 'time',
  },
  {
    name: 'drift-fail-versions',
    doc: 'status: fail when an alias is more than n versions behind',
    meaningfulFor: ['status'],
    placeholder: 'n',
  },
  {
    name: 'drift-fail-age',
    doc: 'status: fail when an alias is behind for longer (12h, 7d, 2w)',
    meaningfulFor: ['status'],
    placeholder: 'time',
  },
];

export const DRY_RUN: OptionSpec = {
  name: 'dry-run',
  doc: 'show what would change, push nothing',
  type: 'boolean',
};
export const REASON: OptionSpec = {
  name: 'reason',
  doc: 'why; stored with the change',
  placeholder: 'text',
};

export function policyInputs(inputs: Inputs): PolicyInputs {
  return {
    keepLast: inputs.get('keep-last'),
    keepDays: inputs.get('keep-days'),
    alias: inputs.get('alias'),
    promoteMetric: inputs.get('promote-metric'),
    promoteHigh: inputs.get('promote-high'),
    promoteMinImprovement: inputs.get('promote-min-improvement'),
    promoteDirection: inputs.get('promote-direction'),
    driftWarnVersions: inputs.get('drift-warn-versions'),
    driftWarnAge: inputs.get('drift-warn-age'),
    driftFailVersions: inputs.get('drift-fail-versions'),
    driftFailAge: inputs.get('drift-fail-age'),
  };
}

/** The track and policy options as src/inputs.ts takes them (every one is validated there). */
export function trackInputs(inputs: Inputs): TrackInputs {
  return {
    track: inputs.get('track'),
    paths: inputs.get('paths'),
    config: inputs.get('config'),
    maxFileSize: inputs.get('max-file-size'),
    metrics: inputs.get('metrics'),
    includeWorkflows: inputs.get('include-workflows'),
    policies: policyInputs(inputs),
  };
}

/** `reason`, trimmed; undefined when empty. */
export function reasonOf(inputs: Inputs): string | undefined {
  return inputs.get('reason').trim() || undefined;
}
