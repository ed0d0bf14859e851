// Each benchmark writes bench/results/<name>.md: the machine, the command, its figures and
// ratios. The README's table is rebuilt from the summary rows of every results file, so
// it always shows the latest run of each benchmark.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
const README = path.join(ROOT, 'README.md');
const SUMMARY_START = '<!-- summary:start -->';
const SUMMARY_END = '<!-- summary:end -->';
const README_START = '<!-- bench-table:start -->';
const README_END = '<!-- bench-table:end -->';

/** One line of the README table: what, product figure, baseline figure, ratio, target. */
export type SummaryRow = [what: string, product: string, baseline: string, ratio: string, target: string];

export interface BenchReport {
  title: string;
  /** Free text and tables in Markdown: the figures. */
  body: string;
  summary: SummaryRow[];
}

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGb: (os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverage: os.loadavg().map((value) => value.toFixed(2)).join(' '),
  };
}

export function table(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

export async function writeReport(name: string, report: BenchReport, settings: Record<string, string | number>) {
  const host = machine();
  const command = `npm run bench -- ${name}`;
  const env = Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  const text = [
    `# ${report.title}`,
    '',
    `- Measured: ${new Date().toISOString()}`,
    `- Machine: ${host.cores} cores (${host.cpu}), ${host.memoryGb} GB memory, Node ${host.node}, ${host.platform}; load average at the end ${host.loadAverage} (shared machine: compare ratios, not absolute figures)`,
    `- Command: \`${command}\` with ${env || 'the defaults'}`,
    '',
    report.body,
    '',
    '## Summary',
    '',
    SUMMARY_START,
    table(['what', 'product', 'baseline in the same run', 'ratio', 'target'], report.summary),
    SUMMARY_END,
    '',
  ].join('\n');
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(path.join(RESULTS_DIR, `${name}.md`), text);
  return text;
}

/** Rebuilds the README table between its markers from every results file. */
export async function updateReadmeTable() {
  if (!existsSync(README)) return;
  const files = (await readdir(RESULTS_DIR)).filter((file) => file.endsWith('.md')).sort();
  const rows: string[] = [];
  for (const file of files) {
    const text = await readFile(path.join(RESULTS_DIR, file), 'utf8');
    const measured = /^- Measured: (\S+)/m.exec(text)?.[1]?.slice(0, 10) ?? '';
    const block = text.split(SUMMARY_START)[1]?.split(SUMMARY_END)[0] ?? '';
    for (const line of block.trim().split('\n').slice(2)) {
      rows.push(`| [${file.replace(/\.md$/, '')}](bench/results/${file}) |${line.trim().slice(1).trimEnd()} ${measured} |`);
    }
  }
  const generated = [
    README_START,
    '| benchmark | what | product | baseline in the same run | ratio | target | measured |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    README_END,
  ].join('\n');
  const readme = await readFile(README, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < 0) return;
  await writeFile(README, readme.slice(0, start) + generated + readme.slice(end + README_END.length));
}
