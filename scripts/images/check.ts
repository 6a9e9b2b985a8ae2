/**
 * npm run images:check — holds both images to their budgets and rules, then starts each alone
 * with a read-only root filesystem, no capabilities and only /tmp writable, and stops it with
 * SIGTERM. Prints one table; exits 1 when any check fails.
 */
import { IMAGE_NAMES } from '../../project/names.js';
import { parseCommandLine } from '../lib/cli.js';
import { capture, docker, dockerOut, publishedUrl, requireDocker } from '../lib/docker.js';
import { waitForStatus } from '../lib/wait.js';
import { IMAGES, imageRef, type ImageSpec } from './images.js';
import { checkFiles, checkInspect, type Finding, type InspectedImage } from './rules.js';

const START_TIMEOUT_MS = 90_000;

function fileList(ref: string): string[] {
  const id = dockerOut(['create', ref]);
  try {
    const listing = capture('sh', ['-c', `"${docker}" export ${id} | tar -t`]);
    if (listing.status !== 0) throw new Error(`docker export failed: ${listing.stderr.trim()}`);
    return listing.stdout.split('\n').filter(Boolean);
  } finally {
    capture(docker, ['rm', id]);
  }
}

async function answers(url: string): Promise<Response | undefined> {
  return fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => undefined);
}

/** Starts the image locked down, waits for its smoke path, then stops it with SIGTERM. */
async function startLockedDown(image: ImageSpec): Promise<Finding[]> {
  const env = Object.entries(image.smoke.env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  const id = dockerOut([
    'run',
    '-d',
    '--read-only',
    '--tmpfs',
    '/tmp',
    '--cap-drop',
    'ALL',
    '--security-opt',
    'no-new-privileges',
    '-p',
    `127.0.0.1::${image.port}`,
    ...env,
    imageRef(image),
  ]);
  try {
    const base = publishedUrl(id, image.port);
    const stopped = () =>
      dockerOut(['inspect', '--format', '{{.State.Running}}', id]) === 'true' ? undefined : 'its container stopped';
    const tookMs = await waitForStatus(`${base}${image.smoke.path}`, {
      status: 200,
      timeoutMs: START_TIMEOUT_MS,
      gaveUp: stopped,
    }).catch(() => undefined);
    const findings: Finding[] = [
      {
        check: 'read-only start',
        ok: tookMs !== undefined,
        detail:
          tookMs !== undefined
            ? `${image.smoke.path} 200 after ${(tookMs / 1000).toFixed(1)} s`
            : `no 200 from ${image.smoke.path}: ${capture(docker, ['logs', '--tail', '3', id]).stderr.trim()}`,
      },
    ];
    if (image.name === IMAGE_NAMES.frontend) findings.push(await frontendBehaviour(base));
    const stopStarted = Date.now();
    capture(docker, ['stop', '--time', '20', id]);
    const code = dockerOut(['inspect', '--format', '{{.State.ExitCode}}', id]);
    const stopSeconds = ((Date.now() - stopStarted) / 1000).toFixed(1);
    findings.push({ check: 'SIGTERM', ok: code === '0', detail: `exit ${code} after ${stopSeconds} s` });
    return findings;
  } finally {
    capture(docker, ['rm', '-f', id]);
  }
}

/** Security headers on the page, and a JSON 503 (not an nginx error page) when the API is away. */
async function frontendBehaviour(base: string): Promise<Finding> {
  const page = await answers(`${base}/tasks/some/deep/link`);
  const health = await answers(`${base}/health`);
  const problems = [
    page?.status === 200 ? '' : `SPA fallback answered ${page?.status}`,
    page?.headers.get('content-security-policy') ? '' : 'no Content-Security-Policy',
    page?.headers.get('cache-control') === 'no-cache' ? '' : 'index.html is cacheable',
    health?.status === 503 && health.headers.get('content-type')?.includes('json')
      ? ''
      : `/health answered ${health?.status}`,
  ].filter(Boolean);
  return {
    check: 'nginx behaviour',
    ok: problems.length === 0,
    detail: problems.join('; ') || 'fallback, headers, JSON 503',
  };
}

async function checkImage(image: ImageSpec): Promise<Finding[]> {
  const ref = imageRef(image);
  const inspect = capture(docker, ['image', 'inspect', ref]);
  if (inspect.status !== 0)
    return [{ check: 'present', ok: false, detail: `${ref} not found: run npm run images:build` }];
  const [inspected] = JSON.parse(inspect.stdout) as InspectedImage[];
  return [...checkInspect(image, inspected!), checkFiles(fileList(ref)), ...(await startLockedDown(image))];
}

try {
  parseCommandLine(process.argv.slice(2), {
    usage: 'npm run images:check [-- --help]',
    about:
      'Checks the built images: size budgets, a non-root numeric user, OCI labels, no build tools, a\n' +
      'locked-down start (read-only, no capabilities) and a clean SIGTERM stop; prints a table, exits 1 on a failure.',
    options: {},
    env: { IMAGE_TAG: 'the tag to check (default dev)' },
  });
  requireDocker();
  let failed = 0;
  const rows: string[][] = [['image', 'check', 'result', 'detail']];
  for (const image of IMAGES) {
    for (const finding of await checkImage(image)) {
      if (!finding.ok) failed += 1;
      rows.push([imageRef(image), finding.check, finding.ok ? 'ok' : 'FAIL', finding.detail]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    );
  console.log(failed ? `images:check: ${failed} check(s) failed` : 'images:check: all checks passed');
  process.exit(failed ? 1 : 0);
} catch (error) {
  console.error(`images:check: ${(error as Error).message}`);
  process.exit(1);
}
