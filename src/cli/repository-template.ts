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
}

/**
 * The actions the workflows use, pinned to their major versions (current in December 2026: the
 * Node 24 majors). Dependabot's `github-actions` ecosystem keeps them current in the repository.
 */
export const ACTIONS = {
  checkout: 'actions/checkout@v6',
  setupNode: 'actions/setup-node@v6',
  uploadSarif: 'github/codeql-action/upload-sarif@v4',
  uploadArtifact: 'actions/upload-artifact@v6',
  downloadArtifact: 'actions/download-artifact@v7',
  githubScript: 'actions/github-script@v8',
  uploadPagesArtifact: 'actions/upload-pages-artifact@v4',
  deployPages: 'actions/deploy-pages@v4',
} as const;

/** The hidden first line of `diff --format markdown` (src/cli/formatters/markdown.ts), by which the comment workflow finds its comment again. */
export const DIFF_MARKER = '<!-- plugboard:diff -->';

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
  const setup = (fetchDepth?: number) => `      - uses: ${ACTIONS.checkout}
${fetchDepth === undefined ? '' : `        with:\n          fetch-depth: ${fetchDepth}\n`}      - uses: ${ACTIONS.setupNode}
        with:
          node-version: ${CI_NODE}
          cache: npm
      - run: npm ci
`;

  return {
    'package.json': JSON.stringify(packageJson, null, 2) + '\n',
    'plugboard.config.json': JSON.stringify({ preset: 'recommended' }, null, 2) + '\n',
    '.gitignore': `node_modules/
# plugboard build
${PACKAGES_OUT}/
# plugboard site
${SITE_OUT}/
.astro/
# credentials of plugboard test (never commit them)
.env
`,
    '.github/workflows/review.yml': `# Written by \`plugboard init\`. On every pull request:
# - check: the findings the pull request introduces (\`check --since\` the base), as
#   annotations on the changed lines and as code scanning alerts (SARIF); an error fails
#   the job;
# - diff: what the change does to flows and apps already built on the connectors
#   (\`plugboard diff\` against the base), saved as an artifact that review-comment.yml posts
#   as one comment on the pull request; a breaking change, or a connector version not
#   raised for it, fails the job;
# - site: the documentation site still builds.
# Every job here has a read-only token, as pull requests from forks get: nothing here
# writes to the pull request. Code scanning alerts need a public repository or GitHub
# Advanced Security, and are not uploaded for pull requests from forks.
name: Review

on:
  pull_request:

permissions:
  contents: read

env:
  BASE: \${{ github.event.pull_request.base.sha }}

jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
${setup(0)}      - name: Check what the pull request changes
        run: npx plugboard check --since "$BASE" --format github
      - name: Write the findings as SARIF
        if: \${{ !cancelled() }}
        # Exit status 1 means findings of severity error, already reported above.
        run: npx plugboard check --since "$BASE" --format sarif > plugboard.sarif || [ $? -eq 1 ]
      - name: Upload them to code scanning
        if: \${{ !cancelled() && hashFiles('plugboard.sarif') != '' && github.event.pull_request.head.repo.full_name == github.repository }}
        uses: ${ACTIONS.uploadSarif}
        with:
          sarif_file: plugboard.sarif
          category: plugboard

  diff:
    runs-on: ubuntu-latest
    steps:
${setup(0)}      - name: Compare the connectors with the base
        id: diff
        # Exit status 1 means a breaking change or a version not raised: the comment is posted all the same, then the job fails.
        run: |
          status=0
          npx plugboard diff "$BASE" --format markdown > plugboard-diff.md || status=$?
          echo "status=$status" >> "$GITHUB_OUTPUT"
          [ "$status" -le 1 ]
      - name: Keep the comment for review-comment.yml
        env:
          NUMBER: \${{ github.event.pull_request.number }}
        run: echo "$NUMBER" > pull-request-number
      - uses: ${ACTIONS.uploadArtifact}
        with:
          name: plugboard-diff
          path: |
            plugboard-diff.md
            pull-request-number
          retention-days: 7
      - name: Fail on a breaking change
        if: steps.diff.outputs.status == '1'
        run: |
          echo "::error title=plugboard diff::A breaking change, or a connector version not raised for a change; see the comment on the pull request."
          exit 1

  site:
    runs-on: ubuntu-latest
    steps:
${setup()}      - name: Build the documentation site
        run: npx plugboard site
`,
    '.github/workflows/review-comment.yml': `# Written by \`plugboard init\`. Posts the \`plugboard diff\` of a pull request (from the
# artifact of review.yml) as one comment, updated in place on every push: the comment is
# found again by its hidden first line ${DIFF_MARKER}.
# Why a second workflow: a pull request from a fork gets a read-only token, so review.yml
# cannot comment. This workflow runs after it, in this repository, with the right to
# comment; it never checks out or runs the pull request's code, and only posts the text
# of the artifact to the pull request whose head commit produced it. It takes effect once
# it is on the default branch.
name: Review comment

on:
  workflow_run:
    workflows: [Review]
    types: [completed]

permissions:
  actions: read
  pull-requests: write

jobs:
  comment:
    if: github.event.workflow_run.event == 'pull_request' && github.event.workflow_run.conclusion != 'cancelled'
    runs-on: ubuntu-latest
    steps:
      - uses: ${ACTIONS.downloadArtifact}
        with:
          name: plugboard-diff
          run-id: \${{ github.event.workflow_run.id }}
          github-token: \${{ github.token }}
      - uses: ${ACTIONS.githubScript}
        with:
          script: |
            const fs = require('node:fs');
            const marker = '${DIFF_MARKER}';
            const { owner, repo } = context.repo;
            const number = Number(fs.readFileSync('pull-request-number', 'utf8').trim());
            if (!Number.isSafeInteger(number) || number <= 0) throw new Error('The artifact names no pull request');
            // The artifact comes from the pull request's run: post only to the pull request it ran for.
            const { data: pull } = await github.rest.pulls.get({ owner, repo, pull_number: number });
            if (pull.head.sha !== context.payload.workflow_run.head_sha) throw new Error(\`Pull request #\${number} is not at \${context.payload.workflow_run.head_sha}\`);
            let text = fs.readFileSync('plugboard-diff.md', 'utf8');
            if (text.length > 60000) text = text.slice(0, 60000) + '\\n\\n… (cut: the full report is in the artifact of the Review run)\\n';
            const body = text.includes(marker) ? text : \`\${marker}\\n\${text}\`;
            const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 });
            const previous = comments.find((c) => c.user?.login === 'github-actions[bot]' && c.body?.includes(marker));
            if (previous) await github.rest.issues.updateComment({ owner, repo, comment_id: previous.id, body });
            else await github.rest.issues.createComment({ owner, repo, issue_number: number, body });
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
${setup()}      - name: Build the documentation site
        run: npx plugboard site --base "/\${{ github.event.repository.name }}/"
      - uses: ${ACTIONS.uploadPagesArtifact}
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
        uses: ${ACTIONS.deployPages}
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
.github/workflows/review.yml        on pull requests: check what changed, diff against the base, build the site
.github/workflows/review-comment.yml  posts that diff as one pull-request comment, updated on each push
.github/workflows/pages.yml         on main: publish the site to GitHub Pages
plugboard.config.json               the preset of \`plugboard check\` (recommended or certification)
\`\`\`

## Commands

Node ${MIN_NODE.replace('>=', '')} or newer.

\`\`\`sh
npm install                         # once; commit package-lock.json (the workflows run npm ci)
npx plugboard check                 # check every connector (--watch: again on each save)
npx plugboard check --fix           # fix what has one certain fix (--fix-dry-run: show the diff)
npx plugboard rules                 # the rules of check
npx plugboard new <id>              # a new connector folder
npx plugboard import <folder|file>  # from a Power Platform folder, OpenAPI or Postman
npx plugboard build                 # packages into ${PACKAGES_OUT}/<id>/
npx plugboard site                  # the documentation site into ${SITE_OUT}/ (--dev to preview it)
\`\`\`

\`npx plugboard <command> --help\` lists each command's options.
`,
  };
}
