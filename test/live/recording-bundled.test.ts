/**
 * The bundled connectors' committed recordings (scripts/record-bundled.ts, made against
 * `plugboard mock`): each replays offline with no failures (`test`, and `simulate` for the triggers
 * of SIMULATIONS), as CI runs it, and recording again gives the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED, CONNECTORS, recordAgainstMock, SIMULATIONS } from '../../scripts/record-bundled.ts';
import { runSimulate } from '../../src/cli/commands/simulate.ts';
import { runTest } from '../../src/cli/commands/test.ts';
import { RECORDINGS_FILE } from '../../src/live/recording.ts';
import { capture } from './helpers.ts';

describe.each(BUNDLED)('%s', (id) => {
  it('replays its recordings with no failures', async () => {
    const { result, stdout } = await capture(() => runTest([id, '--connectors', CONNECTORS, '--replay']));
    expect(stdout).toMatch(/no failures/);
    expect(result).toBe(0);
  });

  it.each(SIMULATIONS[id] ?? [])('replays the simulation of $trigger with every step passing', async ({ trigger, polls, feedViaMock }) => {
    const args = [id, trigger, '--connectors', CONNECTORS, '--replay', ...(polls ? ['--polls', String(polls)] : []), ...(feedViaMock ? ['--feed-via-mock', String(feedViaMock)] : [])];
    const { result, stdout } = await capture(() => runSimulate(args));
    expect(stdout).toMatch(/Every step passed\n$/);
    expect(result).toBe(0);
  });

  it('records the same bytes again against the mock', async () => {
    expect(await recordAgainstMock(CONNECTORS, id)).toBe(readFileSync(join(CONNECTORS, id, RECORDINGS_FILE), 'utf8'));
  });
});
