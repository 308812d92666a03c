/**
 * The files `plugboard init` writes: a connector repository that installs plugboard, checks every
 * pull request, and publishes its documentation site to GitHub Pages from main. Pure: the same
 * options give the same files.
 */

export interface RepositoryOptions {
  /** The npm package name (from the folder's name). */
  name: string;
  /** The running plugboard's version: the repository depends on it. */
  version: string;
  /** `check --format` the pull-request workflow uses (github: annotations on the changed lines). */
  checkFormat: string | undefined;
}

/** Where `plugboard site` writes the site, and `plugboard build` the packages (both git-ignored). */
const SITE_OUT = 'dist';
const PACKAGES_OUT = 'packages';

/** The Node the workflows run, and the lowest plugboard runs on (plugboard's own `engines`). */
const CI_NODE = '24';
const MIN_NODE = '>=22.12';

/** `"contoso connectors!"` → `contoso-connectors`: lower case, URL-safe, not starting with `.` or `_`. */
export function packageName(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[-._~]+|[-._~]+$/g, '')
    .slice(0, 214);
  return name || 'connectors';
}

export function repositoryFiles(o: RepositoryOptions): Record<string, string> {
  const packageJson = {
    name: o.name,
    private: true,
    description: 'Power Platform custom connectors, authored with plugboard.',
    scripts: { check: 'plugboard check', build: 'plugboard build', site: 'plugboard site' },
    devDependencies: { plugboard: `^${o.version}` },
    engines: { node: MIN_NODE },
  };
  const check = `npx plugboard check${o.checkFormat ? ` --format ${o.checkFormat}` : ''}`;
  const setup = `      - uses: actions/checkout@v5
      - uses: actions/setup-node@v5
        with:
          node-version: ${CI_NODE}
          cache: npm
      - run: npm ci
`;

  return {
    'package.json': JSON.stringify(packageJson, null, 2) + '\n',
    '.gitignore': `node_modules/
# plugboard build
${PACKAGES_OUT}/
# plugboard site
${SITE_OUT}/
.astro/
`,
    '.github/workflows/review.yml': `# Written by \`plugboard init\`. On every pull request: check the connectors (a finding of
# severity error fails the job) and build the documentation site, so that a change that
# breaks either never reaches main. Runs with read-only rights: safe on pull requests
# from forks.
name: Review

on:
  pull_request:

permissions:
  contents: read

jobs:
  review:
    runs-on: ubuntu-latest
    steps:
${setup}      - name: Check the connectors
        run: ${check}
      - name: Build the documentation site
        run: npx plugboard site
`,
    '.github/workflows/pages.yml': `# Written by \`plugboard init\`. On every push to main: build the documentation site and
# publish it on GitHub Pages (Settings → Pages → Source: GitHub Actions), at
# https://<owner>.github.io/<repository>/. For a <owner>.github.io repository or a custom
# domain, pass --base / instead.
name: Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
${setup}      - name: Build the documentation site
        run: npx plugboard site --base "/\${{ github.event.repository.name }}/"
      - uses: actions/upload-pages-artifact@v4
        with:
          path: ${SITE_OUT}
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`,
    'README.md': `# ${o.name}

Power Platform custom connectors, written as code with plugboard: each connector is a folder
of MDX files that plugboard checks offline and compiles into the package the platform takes
(\`apiDefinition.swagger.json\`, \`apiProperties.json\`, \`readme.md\`, icon).

## Layout

\`\`\`
connectors/<id>/connector.mdx       the connector: front-matter (title, host, auth…) and its readme
connectors/<id>/actions/*.mdx       one file per action; the file name is its operationId
connectors/<id>/triggers/*.mdx      one file per trigger
connectors/<id>/definitions/*.mdx   shared schemas (#/definitions/<name>)
connectors/<id>/icon.png            assets, copied into the package
.github/workflows/review.yml        on pull requests: check, build the site
.github/workflows/pages.yml         on main: publish the site to GitHub Pages
\`\`\`

## Commands

Node ${MIN_NODE.replace('>=', '')} or newer.

\`\`\`sh
npm install                         # once; commit package-lock.json (the workflows run npm ci)
npx plugboard check                 # check every connector (--watch: again on each save)
npx plugboard new <id>              # a new connector folder
npx plugboard import <folder|file>  # from a Power Platform folder, OpenAPI or Postman
npx plugboard build                 # packages into ${PACKAGES_OUT}/<id>/
npx plugboard site                  # the documentation site into ${SITE_OUT}/ (--dev to preview it)
\`\`\`

\`npx plugboard <command> --help\` lists each command's options.
`,
  };
}
