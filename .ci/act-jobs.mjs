// Reads act's log of a run and prints one line a job: its result and the time its steps took
// (act ends each step with "✅  Success - <step> [<duration>]" and each job with "🏁  Job
// succeeded" or "🏁  Job failed"). Given the workflow too, a job of it that act runs (not skipped
// on the event's act flag) but that never finished in the log counts as failed. The last line is
// "<jobs passed> <jobs failed>".
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

const seconds = (duration) =>
  [...duration.matchAll(/([\d.]+)(h|ms|m|s)/g)].reduce(
    (sum, [, value, unit]) => sum + Number(value) * { h: 3600, m: 60, s: 1, ms: 0.001 }[unit],
    0,
  );

/** Whether act runs a job or step: not when its `if` needs GitHub (`!github.event.act`, `!env.ACT`). */
export const runsUnderAct = (item) => !/!(?:github\.event\.act|env\.ACT)\b/.test(String(item.if ?? ''));

/** The names act gives the jobs of a workflow that run under act. */
function jobsUnderAct(workflowText) {
  return Object.entries(load(workflowText).jobs)
    .filter(([, job]) => runsUnderAct(job))
    .map(([id, job]) => job.name ?? id);
}

/** Each job's result ("succeeded", "failed", "unfinished" or "never started") and the time of its steps. */
function jobResults(log, expected = []) {
  const jobs = new Map(expected.map((name) => [name, { seconds: 0, result: 'never started' }]));
  for (const line of log.split('\n')) {
    const match =
      /^\[[^/\]]+\/([^\]]+?)\s*\]\s+(?:(?:✅ {2}Success|❌ {2}Failure) - (?:Pre |Main |Post )\S.* \[([\dhms.]+)\]|🏁 {2}Job (succeeded|failed))$/u.exec(
        line,
      );
    if (!match) continue;
    const [, name, duration, result] = match;
    const job = jobs.get(name) ?? { seconds: 0, result: 'unfinished' };
    if (job.result === 'never started') job.result = 'unfinished';
    if (duration) job.seconds += seconds(duration);
    if (result) job.result = result;
    jobs.set(name, job);
  }
  return jobs;
}

if (import.meta.main) {
  const [logFile, workflowFile] = process.argv.slice(2);
  const jobs = jobResults(
    readFileSync(logFile, 'utf8'),
    workflowFile ? jobsUnderAct(readFileSync(workflowFile, 'utf8')) : [],
  );
  for (const [name, job] of jobs)
    console.log(`  ${job.result.padEnd(13)} ${String(Math.round(job.seconds)).padStart(5)} s  ${name}`);
  const passed = [...jobs.values()].filter((job) => job.result === 'succeeded').length;
  console.log(`${passed} ${jobs.size - passed}`);
}
