/**
 * `plugboard check --watch` as a child process on a temporary connectors folder: files are written,
 * the child's output is read with bounded waits, and the child is stopped with SIGINT at the end.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAIN, actionMdx, connectorMdx, tempDir, writeFiles } from './helpers.ts';

/** Generous: the machine may be busy; a re-check takes well under a second. */
const WAIT_MS = 20_000;
/** How long to wait to be sure that nothing more is printed (the watcher waits 50 ms for quiet). */
const SILENCE_MS = 600;

class Watcher {
  readonly child: ChildProcessWithoutNullStreams;
  private output = '';
  private read = 0;
  readonly exited: Promise<number | null>;

  constructor(cwd: string, args: string[] = []) {
    const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    this.child = spawn(process.execPath, [MAIN, 'check', '--watch', ...args], { cwd, env });
    this.child.stdout.on('data', (d: Buffer) => (this.output += d.toString('utf8')));
    this.child.stderr.on('data', (d: Buffer) => (this.output += d.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** The output after the last block read, up to and including the next "Watching" line. */
  async next(): Promise<string> {
    const started = Date.now();
    for (;;) {
      const end = this.output.indexOf('(Ctrl-C to stop).\n', this.read);
      if (end >= 0) {
        const block = this.output.slice(this.read, end + 18);
        this.read = end + 18;
        return block;
      }
      if (Date.now() - started > WAIT_MS || this.child.exitCode !== null) throw new Error(`no re-check within ${WAIT_MS} ms; output:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Fails when anything is printed within SILENCE_MS. */
  async quiet(): Promise<void> {
    await new Promise((r) => setTimeout(r, SILENCE_MS));
    expect(this.output.slice(this.read)).toBe('');
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGINT');
    return this.exited;
  }
}

let running: Watcher | undefined;
afterEach(() => {
  if (running?.child.exitCode === null) running.child.kill('SIGKILL');
  running = undefined;
});

function project(): string {
  const cwd = tempDir();
  writeFiles(join(cwd, 'connectors'), {
    'alpha/connector.mdx': connectorMdx('Alpha'),
    'alpha/actions/GetItem.mdx': actionMdx('GET /items/{itemId}', 'Get an item'),
    'beta/connector.mdx': connectorMdx('Beta', 'titel: oops\n'),
    'beta/actions/Ping.mdx': actionMdx('GET /ping', 'Ping the service'),
  });
  return cwd;
}

describe('plugboard check --watch', () => {
  it('checks everything, then re-checks only the connector whose files change', async () => {
    const cwd = project();
    const w = (running = new Watcher(cwd));
    const first = await w.next();
    expect(first).toContain('connectors/beta/connector.mdx');
    expect(first).toMatch(/Checked 2 connectors \(2 operations\) in [\d.]+s: 1 error, 0 warnings\nWatching connectors for changes \(Ctrl-C to stop\)\.\n$/);
    // Not a terminal: the screen is never cleared.
    expect(first).not.toContain('\x1b');

    // A change inside a connector: that connector alone is checked and shown, with the totals of all.
    writeFileSync(join(cwd, 'connectors/alpha/connector.mdx'), connectorMdx('Alpha', 'titel: again\n'));
    const changed = await w.next();
    expect(changed).toContain('connectors/alpha/connector.mdx');
    expect(changed).not.toContain('connectors/beta');
    expect(changed).toMatch(/\d\d:\d\d:\d\d Checked alpha in [\d.]+s: 1 error, 0 warnings\. All 2 connectors: 2 errors, 0 warnings\n/);

    // A burst of saves (an editor writing several times) gives one re-check.
    for (let i = 0; i < 5; i++) appendFileSync(join(cwd, 'connectors/beta/connector.mdx'), '\n');
    expect(await w.next()).toMatch(/Checked beta in [\d.]+s: 1 error, 0 warnings\. All 2 connectors: 2 errors/);
    await w.quiet();

    // A file added in a sub-folder, and one deleted.
    writeFileSync(join(cwd, 'connectors/alpha/actions/ListItems.mdx'), actionMdx('GET /items', 'List items'));
    expect(await w.next()).toMatch(/Checked alpha in [\d.]+s: 1 error, 0 warnings\. All 2 connectors/);
    rmSync(join(cwd, 'connectors/alpha/actions/ListItems.mdx'));
    expect(await w.next()).toMatch(/Checked alpha in /);

    // A new connector folder, then one removed.
    // (A folder is a connector once it has a connector.mdx: until then, nothing to check.)
    writeFiles(join(cwd, 'connectors'), { 'gamma/actions/Ping.mdx': actionMdx('GET /ping', 'Ping the service') });
    await w.quiet();
    writeFiles(join(cwd, 'connectors'), { 'gamma/connector.mdx': connectorMdx('Gamma') });
    expect(await w.next()).toMatch(/Checked gamma in [\d.]+s: no problems\. All 3 connectors: 2 errors, 0 warnings\n/);
    rmSync(join(cwd, 'connectors/beta'), { recursive: true });
    expect(await w.next()).toMatch(/connectors\/beta removed\. All 2 connectors: 1 error, 0 warnings\n/);

    // A hidden file (an editor's swap file) is not part of a connector: no re-check.
    writeFileSync(join(cwd, 'connectors/gamma/.connector.mdx.swp'), 'swap');
    await w.quiet();

    expect(await w.stop()).toBe(0);
  });

  it('reports a symlinked connector folder once and follows nothing behind it', async () => {
    const cwd = project();
    const outside = tempDir();
    writeFiles(outside, { 'connector.mdx': connectorMdx('Outside') });
    const w = (running = new Watcher(cwd));
    await w.next();
    symlinkSync(outside, join(cwd, 'connectors/linked'));
    const linked = await w.next();
    expect(linked).toMatch(/\nconnectors\/linked:1:1 .*it is a symbolic link .*connector-file-unsafe\n/);
    expect(linked).toMatch(/Checked linked in [\d.]+s: 1 error/);
    // Writes behind the link are not changes of the connectors folder.
    writeFileSync(join(outside, 'connector.mdx'), connectorMdx('Outside', 'titel: x\n'));
    mkdirSync(join(outside, 'actions'));
    writeFileSync(join(outside, 'actions/Get.mdx'), actionMdx('GET /x', 'Get x'));
    await w.quiet();
    expect(await w.stop()).toBe(0);
  });

  it('watches only the connectors named', async () => {
    const cwd = project();
    const w = (running = new Watcher(cwd, ['alpha']));
    expect(await w.next()).toMatch(/Checked 1 connector \(1 operation\) in [\d.]+s: no problems\n/);
    appendFileSync(join(cwd, 'connectors/beta/connector.mdx'), '\n');
    await w.quiet();
    appendFileSync(join(cwd, 'connectors/alpha/connector.mdx'), '\n');
    expect(await w.next()).toMatch(/Checked alpha in [\d.]+s: no problems\. All 1 connector: no problems\n/);
    expect(await w.stop()).toBe(0);
  });

  it('takes only the stylish format', async () => {
    const cwd = project();
    const w = (running = new Watcher(cwd, ['--format', 'json']));
    expect(await w.exited).toBe(2);
  });
});
