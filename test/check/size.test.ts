import { describe, expect, it } from 'vitest';
import { jsonSize } from '../../src/check/size.ts';

describe('jsonSize', () => {
  it('equals the UTF-8 length of JSON.stringify(value, null, 2)', () => {
    const values: unknown[] = [
      null, true, false, 0, -1.5e-7, 1e21, Number.NaN, '', 'plain', 'quote " and \\ and \n and \u0001', 'é ü 漢字 🙂', '\u2028',
      [], {}, [[]], { a: {} }, [1, 'two', null, undefined, { three: [3] }], { a: undefined, b: 1, 'k"ey': 'v', nested: { deeper: [{}, []] } },
      { toJSON: () => ({ replaced: true }) },
    ];
    for (const value of values) expect(jsonSize(value)).toBe(Buffer.byteLength(JSON.stringify(value, null, 2) ?? '', 'utf8'));
  });
});
