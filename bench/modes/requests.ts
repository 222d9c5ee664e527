/**
 * `--mode requests` (issue 14): client CPU per API request. The baseline is bench/http-client-micro-baseline.ts,
 * the script as of the start, run as it was (its warm node-fetch line, in a process of its own); the
 * new figures come from bench/http-client-micro.ts: every HTTP path end to end and the tap's own client. Both
 * in the same run, each the median of `reps`. With valgrind, instructions per request too (callgrind, each
 * path in its own process: immune to the machine's load).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeFigures, type PathFigure, runHttpMicro, TAP_CLIENT } from '../http-client-micro.js';
import { PACKAGE_ROOT } from '../lib/processes.js';
import { describeLoad, int, loadNow, type ModeResult, median, repeat, type TargetRow, verdict } from '../lib/report.js';

export interface RequestsOptions {
  requests: number;
  reps: number;
  instructions: boolean;
  log: (line: string) => void;
}

const TARGET = 0.6;
const BASELINE = join(PACKAGE_ROOT, 'dist', 'bench', 'http-client-micro-baseline.js');

/** One run of the baseline script: its second (warm) node-fetch figure, in microseconds per request. */
async function baselineOnce(requests: number): Promise<number> {
  const run = spawnSync(process.execPath, [BASELINE, String(requests)], { encoding: 'utf8' });
  const figures = [...run.stdout.matchAll(/node-fetch \+ AbortController\/timer\s+[\d,]+ req\/s, client CPU\s+(\d+) us\/request/g)].map(
    (m) => Number(m[1]),
  );
  const warm = figures[1];
  if (run.status !== 0 || warm === undefined) throw new Error(`the baseline micro-benchmark failed: ${run.stderr.slice(-500)}`);
  return warm;
}

export async function runRequestsMode(options: RequestsOptions): Promise<ModeResult> {
  const { log } = options;
  log(`requests: baseline script (as of the issue's start), ${options.reps} runs of ${int(options.requests)} requests`);
  const baseline = await repeat(options.reps, () => baselineOnce(options.requests));
  log(
    `requests: every HTTP path and the tap's client, ${options.reps} rounds of ${int(options.requests)} requests${options.instructions ? ', then callgrind' : ''}`,
  );
  const load = [loadNow()];
  const figures: PathFigure[] = await runHttpMicro({
    requests: options.requests,
    rounds: options.reps,
    instructions: options.instructions,
  });
  load.push(loadNow());
  const baselineUs = median(baseline.results);
  const tap = figures.find((f) => f.label === TAP_CLIENT);
  const nodeFetch = figures.find((f) => f.label.startsWith('node-fetch'));
  if (tap === undefined || nodeFetch === undefined) throw new Error('missing figures');
  const ratio = tap.cpuUsPerRequest / baselineUs;
  const instructionRatio =
    tap.instructionsPerRequest !== undefined && nodeFetch.instructionsPerRequest !== undefined
      ? tap.instructionsPerRequest / nodeFetch.instructionsPerRequest
      : undefined;
  const targets: TargetRow[] = [
    {
      figure: 'client CPU per request (issue 14)',
      target: `<= ${TARGET}x the baseline micro-benchmark (${baselineUs.toFixed(0)} us, node-fetch, as of the issue's start)`,
      result:
        `${tap.cpuUsPerRequest.toFixed(0)} us = ${ratio.toFixed(2)}x` +
        (instructionRatio === undefined
          ? ''
          : `; instructions ${int(tap.instructionsPerRequest ?? 0)} vs ${int(nodeFetch.instructionsPerRequest ?? 0)} for node-fetch end to end = ${instructionRatio.toFixed(2)}x`),
      isMet: ratio <= TARGET,
      settings: `${int(options.requests)} requests of /v2/orders/{id}/products (~3.7 KB), 8 in flight, median of ${options.reps}`,
      load: describeLoad([...baseline.load, ...load]),
    },
  ];
  const facts = [
    `baseline (bench/http-client-micro-baseline.js, node-fetch + AbortController/timer, warm round): ${baseline.results.join(', ')} us/request, median ${baselineUs.toFixed(0)} (${describeLoad(baseline.load)})`,
    `"end to end": rate limiter acquire/release with the rate-limit headers, the timeout, status and headers, the body, JSON.parse; the tap's client adds its retry loop, stats and metrics`,
    `target: the tap's client <= ${TARGET}x the baseline: ${ratio.toFixed(2)}x, ${verdict(ratio <= TARGET)}`,
  ];
  const text = describeFigures(figures);
  return {
    name: 'requests',
    console: [text, ...facts].join('\n'),
    markdown: ['### Client CPU per request (issue 14)', '', '```', text, '```', '', ...facts.map((f) => `- ${f}`)].join('\n'),
    targets,
  };
}
