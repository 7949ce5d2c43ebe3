import { describe, expect, it } from 'vitest';
import { appendToNote, parseNote, recordedEvent } from '../../src/core/notes-format.js';

describe('notes', () => {
  it('writes a recorded event with the required fields and the trigger apart from the event', () => {
    const e = recordedEvent(
      {
        track: 't',
        version: 2,
        previousVersion: 1,
        sourceCommit: 's',
        label: 'dev-1',
        files: 1,
        bytes: 2,
        event: 'push',
      },
      'c',
      '2026-01-01T00:00:00.000Z',
    );
    expect(e).toMatchObject({
      schema: 1,
      event: 'recorded',
      track: 't',
      version: 2,
      at: '2026-01-01T00:00:00.000Z',
      trigger: 'push',
      commit: 'c',
    });
  });

  it('appends without dropping or duplicating lines, and reads back tolerating foreign lines', () => {
    const a = { schema: 1, event: 'recorded', track: 't', version: 1, at: 'x' };
    const b = { schema: 1, event: 'recorded', track: 't', version: 2, at: 'y' };
    const once = appendToNote('not json\n', [a]);
    const twice = appendToNote(once, [a, b]);
    expect(twice.split('\n').filter(Boolean)).toHaveLength(3);
    expect(parseNote(twice)).toEqual([a, b]);
  });
});
