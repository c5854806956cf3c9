import type { ParseArgsOptionsConfig } from 'node:util';

/** Where a command writes: results on stdout, refusals and notes on stderr. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Raw text on stdout (the exported JSON), written as it is. */
  write(text: string): void;
}

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandInput {
  /** Positional arguments after the command name. */
  args: string[];
  options: OptionValues;
  /** The database file (`--db`, or the one in the data folder). */
  dbFile: string;
  /** True when the file came from `--db`, so hints can repeat it. */
  dbGiven: boolean;
  io: CliIo;
}

/** One CLI command: its name, its help and its options (in node:util parseArgs form). */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Further help lines shown by `help <command>`. */
  details: string[];
  options: ParseArgsOptionsConfig;
  run(input: CommandInput): Promise<number>;
}

export const stringOption = (options: OptionValues, name: string): string | undefined => {
  const v = options[name];
  return typeof v === 'string' ? v : undefined;
};

export const stringList = (options: OptionValues, name: string): string[] => {
  const v = options[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
};

export const flag = (options: OptionValues, name: string): boolean => options[name] === true;
