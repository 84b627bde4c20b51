/**
 * One `nianbao` command in a process of its own, for the review benchmark: prints how long the
 * command took (wall clock and CPU) and the process's peak memory, so `check` and `review` are measured alike and
 * neither's memory counts against the other.
 */
import { main } from '../src/cli/main';

const start = process.hrtime.bigint();
main(process.argv.slice(2), { out: () => undefined, err: (s) => process.stderr.write(s), now: () => new Date() })
  .then((code) => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const usage = process.resourceUsage();
    // maxRSS is in kilobytes, CPU times in microseconds.
    process.stdout.write(JSON.stringify({ code, ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, rss: usage.maxRSS * 1024 }));
  })
  .catch((e) => {
    console.error(e);
    process.exit(3);
  });
