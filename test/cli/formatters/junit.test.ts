import { describe, expect, it } from 'vitest';
import { junit, xmlText } from '../../../src/cli/formatters/junit.ts';
import { hostile, plain } from './diagnostics.ts';

const ctx = { color: false, command: 'check' };

describe('junit', () => {
  it('writes a suite per connector, a case per finding, failures for errors and warnings', () => {
    expect(junit(plain, ctx)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="plugboard check" tests="4" failures="3" errors="0">',
        '  <testsuite name="a" tests="3" failures="3" errors="0" skipped="0">',
        '    <testcase name="operation-id-unique" classname="connectors/a/actions/Get.mdx:4:3">',
        '      <failure type="error" message="Duplicate operationId `GetItem`">connectors/a/actions/Get.mdx:4:3: Duplicate operationId `GetItem`',
        'https://github.com/plugboard/plugboard/blob/main/src/check/README.md#operation-id-unique</failure>',
        '    </testcase>',
        '    <testcase name="frontmatter-yaml" classname="connectors/a/connector.mdx:3:7">',
        '      <failure type="error" message="Invalid YAML: bad indentation of a mapping entry">connectors/a/connector.mdx:3:7: Invalid YAML: bad indentation of a mapping entry',
        'https://github.com/plugboard/plugboard/blob/main/src/check/README.md#frontmatter-yaml</failure>',
        '    </testcase>',
        '    <testcase name="operation-summary" classname="connectors/a/connector.mdx:12:11">',
        '      <failure type="warning" message="Summary ends with a period">connectors/a/connector.mdx:12:11: Summary ends with a period',
        'https://github.com/plugboard/plugboard/blob/main/src/check/README.md#operation-summary</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="b" tests="1" failures="0" errors="0" skipped="0">',
        '    <testcase name="x-ms-value" classname="connectors/b/actions/GetItem.mdx:1:1">',
        '      <system-out>connectors/b/actions/GetItem.mdx:1:1: Consider `x-ms-visibility`',
        'Shown in the designer.',
        'https://github.com/plugboard/plugboard/blob/main/src/check/README.md#x-ms-value</system-out>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('is an empty report when clean', () => {
    expect(junit([], ctx)).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="plugboard check" tests="0" failures="0" errors="0">\n</testsuites>\n');
  });

  it('escapes markup and drops what XML cannot hold', () => {
    expect(xmlText('<a href="x">&\'\u0001\u001b\ud800 ok\t\n')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD\uFFFD\uFFFD ok\t\n');
    // A well-formed surrogate pair stays.
    expect(xmlText('😀')).toBe('😀');
  });

  it('keeps hostile messages inside their elements, and is golden and deterministic', async () => {
    const out = junit([...hostile, ...plain], ctx);
    expect(out).not.toMatch(/<script|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    // Every tag in the file is one of ours.
    const tags = new Set([...out.matchAll(/<\/?([a-zA-Z?-]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['?xml', 'failure', 'system-out', 'testcase', 'testsuite', 'testsuites']);
    // A line break in a message attribute is a character reference, so the attribute stays one line.
    expect(out).toContain('message="Bad value 100% sure, a:b&#10;::error');
    expect(junit([...plain, ...hostile].reverse(), ctx)).toBe(out);
    await expect(out).toMatchFileSnapshot('golden/junit.xml');
  });
});
