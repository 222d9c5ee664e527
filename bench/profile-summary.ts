/**
 * Aggregates a V8 `.cpuprofile` (from `node --cpu-prof --cpu-prof-dir=/tmp/prof dist/src/cli.js ...`) by
 * function + file: self time, sorted. Also totals per file (package) so "where the time goes" reads at a glance.
 * Usage: `node dist/bench/profile-summary.js /tmp/prof/CPU....cpuprofile [--top 15] [--callers NAME]`
 * (`--callers`: the self time of functions named NAME, split by their call stacks, 4 frames up)
 * [--inclusive fetch,parseSuccessBody,...] (total time of samples with such a frame on the stack; a term
 * matches a function name, or a file when it contains a `/`).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !['--top', '--callers', '--inclusive'].includes(args[i - 1] ?? ''));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 15;
const callersIndex = args.indexOf('--callers');
const callersOf = callersIndex >= 0 ? args[callersIndex + 1] : undefined;
const inclusiveIndex = args.indexOf('--inclusive');
const inclusiveTerms = inclusiveIndex >= 0 ? (args[inclusiveIndex + 1] ?? '').split(',').filter((t) => t !== '') : [];
if (file === undefined) {
  process.stderr.write('usage: node dist/bench/profile-summary.js FILE.cpuprofile [--top 15]\n');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
// timeDeltas[i] is the time before sample i: attribute it to the sample's node.
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i] ?? -1;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url: string): string => {
  if (url === '') return '';
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules >= 0) return url.slice(nodeModules + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, '');
};

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)?.callFrame;
  if (frame === undefined) continue;
  const where = shortUrl(frame.url);
  const key = `${frame.functionName || '(anonymous)'}  ${where}${where ? `:${frame.lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const fileKey = where === '' ? frame.functionName : where.startsWith('node:') ? 'node: (built-ins)' : where;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
}

const print = (title: string, entries: Map<string, number>, n: number) => {
  process.stdout.write(`\n${title}\n`);
  const sorted = [...entries].sort((a, b) => b[1] - a[1]).slice(0, n);
  for (const [key, us] of sorted) {
    process.stdout.write(`${(us / 1000).toFixed(0).padStart(8)} ms ${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${key}\n`);
  }
};
process.stdout.write(`profile ${file}: ${(totalUs / 1e6).toFixed(1)} s sampled, ${profile.samples.length} samples\n`);
print(`Top ${top} functions by self time`, byFunction, top);
print('Self time by file', byFile, 20);

if (callersOf !== undefined) {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const frameName = (id: number): string => {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return '?';
    const where = shortUrl(frame.url);
    return `${frame.functionName || '(anonymous)'}${where ? ` ${where}:${frame.lineNumber + 1}` : ''}`;
  };
  const stacks = new Map<string, number>();
  for (const [id, us] of selfUs) {
    if (byId.get(id)?.callFrame.functionName !== callersOf) continue;
    const chain: string[] = [];
    for (let p = parentOf.get(id); p !== undefined && chain.length < 4; p = parentOf.get(p)) chain.push(frameName(p));
    const key = chain.join(' <- ');
    stacks.set(key, (stacks.get(key) ?? 0) + us);
  }
  print(`Callers of ${callersOf}`, stacks, 8);
}

if (inclusiveTerms.length > 0) {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const matches = (id: number, term: string): boolean => {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) return false;
    return term.includes('/') ? frame.url.includes(term) : frame.functionName === term;
  };
  const totals = new Map<string, number>(inclusiveTerms.map((t) => [t, 0]));
  for (const [id, us] of selfUs) {
    for (const term of inclusiveTerms) {
      for (let p: number | undefined = id; p !== undefined; p = parentOf.get(p)) {
        if (matches(p, term)) {
          totals.set(term, (totals.get(term) ?? 0) + us);
          break;
        }
      }
    }
  }
  print('Inclusive time', totals, inclusiveTerms.length);
}
