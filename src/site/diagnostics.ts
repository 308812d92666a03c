/**
 * The Validation section of a connector page: the most severe findings first, at most
 * PAGE_DIAGNOSTICS rows, and a count of the rest. A connector with hundreds of advice findings
 * (Azure Machine Learning has 410 `x-ms-autorest` infos) would otherwise make its page the largest
 * of the site; `plugboard check <id>` lists them all.
 */
import type { SiteDiagnostic } from './connectors.ts';

/** Rows of the Validation table on a connector page. */
export const PAGE_DIAGNOSTICS = 50;

export interface DiagnosticsView {
  shown: SiteDiagnostic[];
  /** What the table leaves out, by severity. */
  hidden: Record<SiteDiagnostic['severity'], number>;
}

const RANK: Record<SiteDiagnostic['severity'], number> = { error: 0, warning: 1, info: 2 };

export function diagnosticsView(diagnostics: readonly SiteDiagnostic[], limit = PAGE_DIAGNOSTICS): DiagnosticsView {
  // A stable sort: within a severity the findings keep their order (file, line, column).
  const ordered = diagnostics.map((d, i) => [d, i] as const).sort((a, b) => RANK[a[0].severity] - RANK[b[0].severity] || a[1] - b[1]).map(([d]) => d);
  const hidden = { error: 0, warning: 0, info: 0 };
  for (const d of ordered.slice(limit)) hidden[d.severity]++;
  return { shown: ordered.slice(0, limit), hidden };
}
