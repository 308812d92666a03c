import { describe, expect, it } from 'vitest';
import { PLATFORM_CODES } from '../../src/check/platform-codes.ts';
import { rules } from '../../src/check/registry.ts';

describe('the Swagger Validator codes', () => {
  it('lists the 174 codes of the platform page', () => {
    expect(Object.keys(PLATFORM_CODES)).toHaveLength(174);
  });

  it('gives each code at most one rule, and every code a rule names is on the list', () => {
    const owner = new Map<string, string>();
    for (const rule of rules) {
      for (const code of rule.platformCodes ?? []) {
        expect(Object.hasOwn(PLATFORM_CODES, code), `${rule.id}: ${code}`).toBe(true);
        expect(owner.get(code), `${code} is claimed by ${owner.get(code)} and ${rule.id}`).toBeUndefined();
        owner.set(code, rule.id);
      }
    }
  });
});
