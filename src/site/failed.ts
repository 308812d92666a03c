/**
 * The page data of a connector the site build failed on, for the cases compile-all.ts meets:
 * building it threw, or the worker thread compiling it died. The entry itself (id as title, no
 * operations, no package, the diagnostics) is connectors.ts failedSiteConnector; here it gets
 * its connector-internal-error with the phase, as the CLI reports it.
 */
import { internalErrorDiagnostic, type Phase } from '../check/rules/connector-internal-error.ts';
import { buildSiteConnector, failedSiteConnector, type SiteConnector } from './connectors.ts';

export interface SiteJob {
  /** The connector folder's name. */
  id: string;
  dir: string;
  /** The folder as shown in diagnostics, like `connectors/github-issues`. */
  display: string;
}

export type BuildSiteConnector = (dir: string, display: string, packageRoot: string) => SiteConnector;

/** The failed entry of a connector plugboard failed on while `phase`. */
export function failedEntry(job: Omit<SiteJob, 'dir'>, phase: Phase, error: unknown): SiteConnector {
  const display = job.display.replace(/\/+$/, '');
  return failedSiteConnector(job.id, display, [internalErrorDiagnostic(`${display}/connector.mdx`, phase, error)]);
}

/** Builds a connector's page data, or its failed entry should building it throw. Never throws. */
export function siteConnectorOrFailure(job: SiteJob, packageRoot: string, build: BuildSiteConnector = buildSiteConnector): SiteConnector {
  try {
    return build(job.dir, job.display, packageRoot);
  } catch (error) {
    return failedEntry(job, 'building the site', error);
  }
}
