/** The Validation section of a connector page (src/site/diagnostics.ts): most severe first, bounded. */
import { describe, expect, it } from 'vitest';
import type { SiteDiagnostic } from '../../src/site/connectors.ts';
import { diagnosticsView, PAGE_DIAGNOSTICS } from '../../src/site/diagnostics.ts';

const finding = (severity: SiteDiagnostic['severity'], n: number): SiteDiagnostic => ({
  severity,
  ruleId: `rule-${severity}`,
  message: `${severity} ${n}`,
  file: 'connectors/x/connector.mdx',
  line: n,
  column: 1,
  url: '',
  text: '',
});

describe('diagnosticsView', () => {
  it('shows everything when there is little, errors first and otherwise in the given order', () => {
    const list = [finding('info', 1), finding('error', 2), finding('warning', 3), finding('error', 4)];
    const view = diagnosticsView(list);
    expect(view.shown.map((d) => d.message)).toEqual(['error 2', 'error 4', 'warning 3', 'info 1']);
    expect(view.hidden).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('keeps at most PAGE_DIAGNOSTICS rows and counts the rest by severity', () => {
    // Azure Machine Learning's shape: hundreds of info findings and a few warnings.
    const list = [...Array.from({ length: 410 }, (_, i) => finding('info', i)), ...Array.from({ length: 3 }, (_, i) => finding('warning', 500 + i))];
    const view = diagnosticsView(list);
    expect(view.shown).toHaveLength(PAGE_DIAGNOSTICS);
    expect(view.shown.slice(0, 3).map((d) => d.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(view.hidden).toEqual({ error: 0, warning: 0, info: 413 - PAGE_DIAGNOSTICS });
  });
});
