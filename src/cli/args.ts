/**
 * Command-line arguments through Node's own parser (`node:util` parseArgs), with the mistakes a
 * user makes worded in Chinese. Every subcommand (template, check, convert, export, review) reads
 * its arguments with `parseCommandArgs` and throws `UsageError` for anything else it refuses;
 * `failureExit` (exit.ts) prints the message with the usage text and exits 2.
 */
import { parseArgs } from 'util';

/** A mistake in how the command was called; the message is for the user. */
export class UsageError extends Error {}

/** The options a subcommand takes: a value (`--year 2024`) or a switch (`--force`). */
export type OptionSpec = Record<string, 'string' | 'boolean'>;

export interface ParsedArgs<S extends OptionSpec> {
  positional: string[];
  /** Options given; a string option given twice keeps the last. */
  options: { [K in keyof S]?: S[K] extends 'string' ? string : true };
}

/**
 * Splits `args` into file names and the options `spec` declares; `short` gives an option its
 * one-letter form (`{ help: 'h' }` for `-h`). Unknown options, an option without its value and a
 * value given to a switch are UsageErrors in Chinese.
 */
export function parseCommandArgs<S extends OptionSpec>(args: readonly string[], spec: S, short: { [K in keyof S]?: string } = {}): ParsedArgs<S> {
  const options = Object.fromEntries(Object.entries(spec).map(([name, type]) => [name, short[name] === undefined ? { type } : { type, short: short[name] }]));
  // Not strict: each token is judged here, so that every refusal has its Chinese message.
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const positional: string[] = [];
  const out: Record<string, string | true> = {};
  for (const t of tokens) {
    if (t.kind === 'positional') positional.push(t.value);
    if (t.kind !== 'option') continue;
    const type = Object.prototype.hasOwnProperty.call(spec, t.name) ? spec[t.name] : undefined;
    if (type === undefined) throw new UsageError(`不认识的选项 ${t.rawName}`);
    if (type === 'string') {
      if (t.value === undefined) throw new UsageError(`选项 ${t.rawName} 需要一个值`);
      // `--out --force` is a forgotten value, not an output named "--force" (Node's strict mode
      // refuses it too); `--out=-x` still says a dash is meant.
      if (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-')) throw new UsageError(`选项 ${t.rawName} 需要一个值（如值本身以“-”开头，请写作 --${t.name}=…）`);
      out[t.name] = t.value;
    } else {
      if (t.value !== undefined) throw new UsageError(`选项 ${t.rawName} 不带值`);
      out[t.name] = true;
    }
  }
  return { positional, options: out as ParsedArgs<S>['options'] };
}
