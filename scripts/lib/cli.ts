/**
 * The scripts' command lines: `--name` flags and `--name value` options, each with a description,
 * and `--help` built from them. Words that are not options are returned in order as `args`.
 */

/** An option: `false` as its default makes it a flag, a string makes it take a value. */
export type Option = { default: string | boolean; description: string };
export type Command<O extends Record<string, Option>> = {
  /** The first line of the help: how to call it, such as "npm run cluster:up -- [options]". */
  usage: string;
  /** What it does, in a sentence or a few lines. */
  about: string;
  options: O;
  /** Environment variables it reads, each with what it does. */
  env?: Record<string, string>;
};
export type Parsed<O extends Record<string, Option>> = {
  [K in keyof O]: O[K]['default'] extends boolean ? boolean : string;
} & { args: string[] };

const column = (rows: [string, string][]) => {
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return rows.map(([name, text]) => `  ${name.padEnd(width)}${text}`).join('\n');
};

export function helpText<O extends Record<string, Option>>(command: Command<O>): string {
  const options: [string, string][] = Object.entries(command.options).map(([name, o]) => [
    typeof o.default === 'boolean' ? `--${name}` : `--${name} VALUE`,
    typeof o.default === 'string' && o.default ? `${o.description} (default ${o.default})` : o.description,
  ]);
  options.push(['--help', 'this text']);
  const env = Object.entries(command.env ?? {});
  return [
    command.usage,
    '',
    command.about,
    '',
    'Options:',
    column(options),
    ...(env.length ? ['', 'Environment:', column(env)] : []),
  ].join('\n');
}

/**
 * Reads the arguments. On --help or -h prints the help and exits 0; on an unknown option or a
 * missing value prints one line naming it (after the npm script's name) and exits 1.
 */
export function parseCommandLine<O extends Record<string, Option>>(argv: string[], command: Command<O>): Parsed<O> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(helpText(command));
    process.exit(0);
  }
  const values: Record<string, string | boolean | string[]> = { args: [] };
  for (const [name, o] of Object.entries(command.options)) values[name] = o.default;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith('-')) {
      (values.args as string[]).push(word);
      continue;
    }
    const name = word.replace(/^--/, '');
    const option = command.options[name];
    if (!word.startsWith('--') || !option) {
      const known = Object.keys(command.options).map((k) => `--${k}`);
      refuse(`unknown option ${word}: expected ${[...known, '--help'].join(', ')}`);
    }
    if (typeof option.default === 'boolean') values[name] = true;
    else {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) refuse(`--${name} needs a value`);
      values[name] = value;
    }
  }
  return values as Parsed<O>;
}

function refuse(message: string): never {
  console.error(`${process.env.npm_lifecycle_event ?? 'error'}: ${message} (--help says more)`);
  process.exit(1);
}
