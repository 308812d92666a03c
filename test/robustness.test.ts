/**
 * Bad input of any kind gives diagnostics, never an exception: mutated copies of the bundled
 * connectors (test/fixtures/connectors: cut, spliced and garbled front-matter) are compiled and checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileAndCheck } from '../src/check/run.ts';
import { connectorFromFiles } from '../src/compiler/load.ts';

const root = join(import.meta.dirname, 'fixtures/connectors');

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, name.name);
      if (name.isDirectory()) walk(full);
      else if (name.name.endsWith('.mdx')) out[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** A small deterministic generator, so failures reproduce. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
}

const GARBAGE = ['{', '}', '[', ']', ': ', '- ', '\t', '"', "'", '&a', '*a', '!!binary ', '? ', '|', '>', '#', '\n  ', '$ref: ', '~', '0x', '{{', '%'];

describe('robustness', () => {
  it.each(readdirSync(root))('%s: 150 mutations never throw', (id) => {
    const files = filesOf(join(root, id));
    const names = Object.keys(files).sort();
    const next = random(id.length * 7919);
    for (let i = 0; i < 150; i++) {
      const name = names[next(names.length)]!;
      const text = files[name]!;
      const at = next(text.length);
      const mutated =
        i % 3 === 0
          ? text.slice(0, at) + text.slice(at + 1 + next(40))
          : i % 3 === 1
            ? text.slice(0, at) + GARBAGE[next(GARBAGE.length)] + text.slice(at)
            : text.slice(0, at);
      const result = compileAndCheck(connectorFromFiles(id, { ...files, [name]: mutated }));
      for (const d of result.diagnostics) {
        expect(d.place, String(d)).toBeDefined();
        expect(d.place!.start.line).toBeGreaterThanOrEqual(1);
        expect(d.place!.start.column).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
