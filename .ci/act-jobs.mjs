// Reads act's log of a run and prints one line a job: its result and the time its steps took
// (act ends each step with "✅  Success - <step> [<duration>]" and each job with "🏁  Job
// succeeded" or "🏁  Job failed"). The last line is "<jobs passed> <jobs failed>".
import { readFileSync } from 'node:fs';

const seconds = (duration) =>
  [...duration.matchAll(/([\d.]+)(h|ms|m|s)/g)].reduce(
    (sum, [, value, unit]) => sum + Number(value) * { h: 3600, m: 60, s: 1, ms: 0.001 }[unit],
    0,
  );

const jobs = new Map();
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  const match =
    /^\[[^/\]]+\/([^\]]+?)\s*\]\s+(?:(?:✅ {2}Success|❌ {2}Failure) - (?:Pre |Main |Post )\S.* \[([\dhms.]+)\]|🏁 {2}Job (succeeded|failed))$/u.exec(
      line,
    );
  if (!match) continue;
  const [, name, duration, result] = match;
  const job = jobs.get(name) ?? { seconds: 0, result: 'unfinished' };
  if (duration) job.seconds += seconds(duration);
  if (result) job.result = result;
  jobs.set(name, job);
}
for (const [name, job] of jobs)
  console.log(`  ${job.result.padEnd(10)} ${String(Math.round(job.seconds)).padStart(5)} s  ${name}`);
const passed = [...jobs.values()].filter((job) => job.result === 'succeeded').length;
console.log(`${passed} ${jobs.size - passed}`);
