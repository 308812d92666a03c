import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeRuns, markdownToMdx, mdxToMarkdown } from '../../src/compiler/readme.ts';

describe('readme ⇄ MDX body', () => {
  it('escapes what MDX would read as code or JSX, outside code', () => {
    const md = 'Use {braces}, a <br> and <!-- a comment -->.\n\n```js\nconst a = {b: "<c>"};\n```\nand `{inline}`.\n';
    const mdx = markdownToMdx(md);
    expect(mdx).toBe('Use \\{braces\\}, a \\<br> and {/* a comment */}.\n\n```js\nconst a = {b: "<c>"};\n```\nand `{inline}`.\n');
    expect(mdxToMarkdown(mdx)).toBe(md);
  });

  it('splits fenced blocks and code spans from prose', () => {
    expect(codeRuns('a `b` c\n~~~\nd\n~~~\n')).toEqual([
      [false, 'a '],
      [true, '`b`'],
      [false, ' c\n'],
      [true, '~~~\nd\n~~~\n'],
    ]);
  });

  const corpus = join(import.meta.dirname, '../../../shared/corpus/powerplatform');
  it.skipIf(!existsSync(corpus))('round-trips every readme of the shared corpus exactly', () => {
    let count = 0;
    for (const category of readdirSync(corpus)) {
      for (const name of readdirSync(join(corpus, category))) {
        const readme = readdirSync(join(corpus, category, name)).find((n) => /^readme\.md$/i.test(n));
        if (!readme) continue;
        const text = readFileSync(join(corpus, category, name, readme), 'utf8');
        expect(mdxToMarkdown(markdownToMdx(text)), name).toBe(text);
        count++;
      }
    }
    expect(count).toBe(24);
  });
});
