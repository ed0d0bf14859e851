// `npm run bench` runs every benchmark in turn; `npm run bench -- <name> [<name>…]` only
// those. Each starts its own servers on free ports, writes bench/results/<name>.md, and the
// README's table is rebuilt from the results files afterwards.
import type { BenchReport } from './support/results.js';
import { updateReadmeTable, writeReport } from './support/results.js';

type Benchmark = () => Promise<{ run: () => Promise<BenchReport>; settings: Record<string, string | number> }>;

const BENCHMARKS: Record<string, Benchmark> = {
  intake: () => import('./intake.js'),
  card: () => import('./card.js'),
  'deadline-burst': () => import('./deadline-burst.js'),
  'worker-memory': () => import('./worker-memory.js'),
  maintenance: () => import('./maintenance.js'),
  campaign: () => import('./campaign.js'),
  'web-pages': () => import('./web-pages.js'),
};

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    process.exit(2);
  }
  const names = asked.length > 0 ? asked : Object.keys(BENCHMARKS);
  let failed = 0;
  for (const name of names) {
    const started = performance.now();
    console.log(`\n== ${name}`);
    try {
      const benchmark = await BENCHMARKS[name]!();
      const report = await benchmark.run();
      console.log(await writeReport(name, report, benchmark.settings));
      console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(0)} s)`);
    } catch (error) {
      failed += 1;
      console.error(`${name} failed:`, error);
    }
  }
  await updateReadmeTable();
  // Native Temporal connections and pools can keep the loop alive after a benchmark's stop.
  process.exit(failed > 0 ? 1 : 0);
}

void main();
