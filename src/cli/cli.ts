/** The command dispatcher: `run(argv)` resolves to the exit code and never throws. */
import { unknownOption } from './args.ts';
import { EXIT, UsageError, describeError, didYouMean, version } from './util.ts';

export const mainHelp = `Usage: plugboard <command> [options]

Power Platform connectors as code: author in MDX, compile to Swagger 2.0 + apiProperties.json.

Commands:
  init [dir]           Make a new connector repository (package.json, connectors/, CI workflows)
  build [ids...]       Compile connectors into packages/<id>/
  check [ids...]       Compile and run every check, writing nothing (also Power Platform
                       folders; --watch re-checks on save)
  site                 Build the documentation site of the connectors (--dev to serve it)
  new <id>             Scaffold a connector folder
  import <source...>   Import connector folders, Swagger 2.0, OpenAPI 3.x or Postman collections
  export <id>          Write a connector as OpenAPI 3.1 or a Postman collection
  diff <base> [<head>] What a change does to flows and apps: breaking changes, version bump
  rules                List the rules of \`check\` (--coverage: Swagger Validator codes covered)
  test <id|folder>     Call the live API (or the mock) and check every response against the
                       definition (also Power Platform folders)
  mock <id|folder>     Serve a connector (or a Power Platform folder) as a mock API on
                       127.0.0.1, triggers included
  simulate <id|folder> <trigger>
                       Live a trigger's life: subscribe, notify, unsubscribe; or poll N times

Options:
  -h, --help           Show this help (or a command's, after it)
  -v, --version        Show the version

Run \`plugboard <command> --help\` for a command's options.
`;

/** Every command name, for "did you mean" (`plugboard chek`). */
const COMMANDS = ['build', 'check', 'diff', 'export', 'help', 'import', 'init', 'mock', 'new', 'rules', 'simulate', 'site', 'test'];

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'build':
      case 'check': {
        const { runBuild } = await import('./commands/build.ts');
        return await runBuild(command, rest);
      }
      case 'new': {
        const { runNew } = await import('./commands/new.ts');
        return runNew(rest);
      }
      case 'import': {
        const { runImport } = await import('./commands/import.ts');
        return await runImport(rest);
      }
      case 'export': {
        const { runExport } = await import('./commands/export.ts');
        return runExport(rest);
      }
      case 'rules':
        return (await import('./commands/rules.ts')).runRules(rest);
      case 'diff':
        return await (await import('./commands/diff.ts')).runDiff(rest);
      case 'mock':
        return await (await import('./commands/mock.ts')).runMock(rest);
      case 'test':
        return await (await import('./commands/test.ts')).runTest(rest);
      case 'simulate':
        return await (await import('./commands/simulate.ts')).runSimulate(rest);
      case 'site':
        return await (await import('./commands/site.ts')).runSite(rest);
      case 'init': {
        const { runInit } = await import('./commands/init.ts');
        return runInit(rest);
      }
      case '-v':
      case '--version':
        process.stdout.write(version() + '\n');
        return EXIT.ok;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        if (command === 'help' && rest[0]) return run([rest[0], '--help']);
        (command === undefined ? process.stderr : process.stdout).write(mainHelp);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(command.startsWith('-') ? unknownOption(command, ['--help', '--version']) : `unknown command \`${command}\`${didYouMean(command, COMMANDS)}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      const where = error.command ? ` ${error.command}` : '';
      process.stderr.write(`plugboard${where}: ${error.message}\nRun \`plugboard${where} --help\` for usage.\n`);
      return EXIT.usage;
    }
    process.stderr.write(`plugboard${command ? ' ' + command : ''}: internal error: ${describeError(error)}\n`);
    return EXIT.usage;
  }
}
