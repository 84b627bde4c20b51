/**
 * How a command that cannot go on ends: the exit codes, and the one way an error reaches the user.
 * main.ts uses it for every command; export and review use it too, with their own usage text,
 * because they are also called directly (tests, other programs) and must end the same way there.
 */
import { UsageError } from './args';
import { InputError } from './inputs';

export const EXIT = { ok: 0, findings: 1, unusable: 2 } as const;

/**
 * Prints `e` for the user and returns the exit code. A mistake in the command comes with `usage`,
 * so the user sees how to call it; anything unforeseen is an internal error, said in Chinese with
 * its message, because a stack trace means nothing to the staff who run this.
 */
export function failureExit(e: unknown, err: (s: string) => void, usage: string): number {
  if (e instanceof UsageError) err(`nianbao：${e.message}\n\n${usage}`);
  else if (e instanceof InputError) err(`nianbao：${e.message}\n`);
  else err(`nianbao：内部错误，未能完成（${(e as Error)?.message ?? String(e)}）。请将此信息反馈给开发者。\n`);
  return EXIT.unusable;
}
