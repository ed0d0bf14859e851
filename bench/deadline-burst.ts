// A deadline burst: N cases whose reminder, first-reply deadline and second escalation all
// fall due at the same instants (injected short deadlines: T, T + 1 s, T + 2 s). Counts
// every reminder and escalation the SMTP sink received (by Message-ID, so a duplicate
// shows), their lateness, and the drain rate against a plain nodemailer loop to the same
// sink over a pool of the same size, measured in the same run.
import nodemailer from 'nodemailer';
import { messageIdFor } from '../activities/mailer.js';
import { REGION } from '../domain/units.js';
import { addCoordinator, addIntakeSource } from '../scripts/accounts.js';
import { startBenchEnvironment } from './support/environment.js';
import { ms, percentile } from './support/load.js';
import { seedCasesOverHttp, startBenchProduct } from './support/product.js';
import { table, type BenchReport } from './support/results.js';

const CASES = Number(process.env.BENCH_BURST_CASES ?? 2000);
// 3 emails a case: at 5 msg/s (an eighth of what an idle machine drains) it still ends.
const MAX_DRAIN_SECONDS = Number(process.env.BENCH_BURST_MAX_SECONDS ?? Math.max(300, Math.ceil((CASES * 3) / 5)));
const INTAKE_CONCURRENCY = Number(process.env.BENCH_BURST_INTAKE_CONCURRENCY ?? 16);
const BASELINE_MESSAGES = Number(process.env.BENCH_BURST_BASELINE_MESSAGES ?? 3000);
const CALIBRATION_CASES = Math.min(CASES, Number(process.env.BENCH_BURST_CALIBRATION_CASES ?? 100));

export const settings = {
  BENCH_BURST_CASES: CASES,
  BENCH_BURST_MAX_SECONDS: MAX_DRAIN_SECONDS,
  BENCH_BURST_INTAKE_CONCURRENCY: INTAKE_CONCURRENCY,
  BENCH_BURST_BASELINE_MESSAGES: BASELINE_MESSAGES,
  BENCH_BURST_CALIBRATION_CASES: CALIBRATION_CASES,
};

const KINDS = [
  { kind: 'reminder', offsetMs: 0 },
  { kind: 'escalation-1', offsetMs: 1000 },
  { kind: 'escalation-2', offsetMs: 2000 },
] as const;

export async function run(): Promise<BenchReport> {
  const env = await startBenchEnvironment('deadline-burst', { temporal: true });
  const { sink } = env;
  let burstAt = Number.POSITIVE_INFINITY;
  // Cases received up to this instant are the calibration's: their deadlines are a day away.
  let calibrationUntil = Number.NEGATIVE_INFINITY;
  const dayAway = Date.now() + 24 * 3600_000;
  try {
    const product = await startBenchProduct(env, {
      worker: false,
      deadlines: (receivedAt) => {
        const at = receivedAt.getTime() <= calibrationUntil ? dayAway : burstAt;
        return { reminderAt: new Date(at), firstReplyDueAt: new Date(at + 1000), secondEscalationAt: new Date(at + 2000) };
      },
    });
    await addCoordinator(product.db, { name: 'Åre', email: 'are@demo.inflyttarvagledning.local', unit: 'are', role: 'coordinator' });
    await addCoordinator(product.db, { name: 'Regionen', email: 'region@demo.inflyttarvagledning.local', unit: REGION, role: 'regional' });
    const poolSize = product.config.SMTP_POOL_SIZE;

    // Baseline first, on a quiet sink: as many messages as the burst sends (at most
    // BENCH_BURST_BASELINE_MESSAGES: a rate, steady long before), over a pool of the same size.
    const transport = nodemailer.createTransport(`${sink.url}?pool=true&maxConnections=${poolSize}`);
    const baselineMessages = Math.min(CASES * KINDS.length, BASELINE_MESSAGES);
    const baselineStarted = performance.now();
    for (let next = 0; next < baselineMessages; next += poolSize) {
      await Promise.all(
        Array.from({ length: Math.min(poolSize, baselineMessages - next) }, (_, i) =>
          transport.sendMail({ from: 'bench@example.se', to: 'are@demo.inflyttarvagledning.local', subject: 'Påminnelse', text: `Hej ${next + i}` }),
        ),
      );
    }
    const baselineRate = baselineMessages / ((performance.now() - baselineStarted) / 1000);
    transport.close();
    console.log(`deadline-burst: baseline ${baselineMessages} messages at ${baselineRate.toFixed(0)}/s`);

    // The cases come from a source a guide types in (kind manual): the same workflow and
    // activities as a web form's case, but the receipt activity sends the person nothing, so
    // the backlog before T is one assignment email a case, not two.
    const manual = await addIntakeSource(product.db, { name: 'Bench manual entry', kind: 'manual' });

    // Calibration: how long the worker takes, on this machine now, from a case's intake to
    // its timer (plan, assignment email, receipt and timer: one workflow task whose local
    // activities do the rest). CALIBRATION_CASES cases with deadlines a day away, the
    // worker started for them and stopped again once their assignment emails are in.
    const calibration = await seedCasesOverHttp(product, CALIBRATION_CASES, { concurrency: INTAKE_CONCURRENCY, key: manual.key });
    calibrationUntil = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const calibrationIds = new Set(calibration.caseIds.map((caseId) => messageIdFor(`case:${caseId}:assigned`)));
    const calibrationFirst = sink.messages.length;
    const calibrationStarted = Date.now();
    await product.startWorker();
    const calibrationArrivals = () => sink.messages.slice(calibrationFirst).filter((message) => calibrationIds.has(message.messageId)).map((message) => message.at);
    while (calibrationArrivals().length < calibrationIds.size && Date.now() < calibrationStarted + 300_000) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await product.stopWorker();
    const arrivals = calibrationArrivals().sort((a, b) => a - b);
    const startupMs = (arrivals[0] ?? Date.now()) - calibrationStarted;
    const calibrationMsPerCase = arrivals.length > 1 ? (arrivals.at(-1)! - arrivals[0]!) / (arrivals.length - 1) : 100;
    console.log(`deadline-burst: calibration ${arrivals.length} cases, worker start to first email ${(startupMs / 1000).toFixed(1)} s, then ${calibrationMsPerCase.toFixed(0)} ms a case`);

    // The burst's cases are accepted while no worker runs, so that every workflow reads the
    // same instants (each reads T in its first activity, once the worker runs).
    const intakes = await seedCasesOverHttp(product, CASES, { concurrency: INTAKE_CONCURRENCY, key: manual.key, maxSeconds: 900 });
    const caseIds = intakes.caseIds;
    // T after the last intake, with time for every workflow to reach its timer before T: the
    // worker's start and 1.5 times the calibration's time a case (a backlog of thousands
    // outgrows the workflow cache, so workflows are replayed on the way).
    const leadMsPerCase = Number(process.env.BENCH_BURST_LEAD_MS_PER_CASE ?? Math.max(25, 1.5 * calibrationMsPerCase));
    const leadMs = 10_000 + startupMs + caseIds.length * leadMsPerCase;
    const expected = new Map<string, { kind: string; dueAt: number }>();
    burstAt = Date.now() + leadMs;
    console.log(`deadline-burst: ${caseIds.length} cases in ${intakes.seconds.toFixed(0)} s (${intakes.busy} answers 503 retried); T in ${(leadMs / 1000).toFixed(0)} s`);
    for (const caseId of caseIds) {
      for (const { kind, offsetMs } of KINDS) expected.set(messageIdFor(`case:${caseId}:${kind}`), { kind, dueAt: burstAt + offsetMs });
    }
    const firstMessage = sink.messages.length;
    await product.startWorker();

    const deadline = burstAt + MAX_DRAIN_SECONDS * 1000;
    const seen = () => sink.messages.slice(firstMessage).filter((message) => expected.has(message.messageId));
    while (Date.now() < deadline && new Set(seen().map((message) => message.messageId)).size < expected.size) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // A short quiet period, so that a late duplicate is counted too.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // The unit's assignment emails only (each case also sends the person a receipt).
    const assignmentIds = new Set(caseIds.map((caseId) => messageIdFor(`case:${caseId}:assigned`)));
    const assignedBeforeBurst = sink.messages.slice(firstMessage).filter((message) => assignmentIds.has(message.messageId) && message.at < burstAt).length;
    await product.stop();

    const burst = seen();
    const perKind = KINDS.map(({ kind }) => {
      const messages = burst.filter((message) => expected.get(message.messageId)!.kind === kind);
      const distinct = new Set(messages.map((message) => message.messageId)).size;
      const lateness = messages.map((message) => message.at - expected.get(message.messageId)!.dueAt).sort((a, b) => a - b);
      return { kind, received: messages.length, distinct, duplicates: messages.length - distinct, missing: caseIds.length - distinct, lateness };
    });
    const all = burst.map((message) => message.at - expected.get(message.messageId)!.dueAt).sort((a, b) => a - b);
    const drainSeconds = burst.length > 0 ? (Math.max(...burst.map((message) => message.at)) - burstAt) / 1000 : Number.NaN;
    const drainRate = burst.length / drainSeconds;

    const body = [
      `${caseIds.length} cases accepted over HTTP from a manual-entry source in ${intakes.seconds.toFixed(1)} s (${intakes.perSecond.toFixed(1)}/s at concurrency ${INTAKE_CONCURRENCY}, ${intakes.busy} answers 503 retried, ${intakes.errors} intake errors) while no worker ran; then the worker started and every case's reminder fell due at T = ${(leadMs / 1000).toFixed(1)} s after the last intake (10 s + the worker's start, ${(startupMs / 1000).toFixed(1)} s, + ${leadMsPerCase.toFixed(0)} ms a case: 1.5 times the ${calibrationMsPerCase.toFixed(0)} ms a case that ${arrivals.length} calibration cases took from the worker's start to their timers, in the same run, with their own deadlines a day away), its first-reply deadline (escalation 1) at T + 1 s and its second escalation at T + 2 s. ${assignedBeforeBurst} of ${caseIds.length} assignment emails (each workflow's last email before its timer) had arrived before T.`,
      `Baseline: ${baselineMessages} messages in a plain nodemailer loop to the same sink, ${poolSize} in flight (SMTP_POOL_SIZE): ${baselineRate.toFixed(0)} messages/s.`,
      '',
      table(
        ['email', 'expected', 'received', 'distinct', 'duplicates', 'missing', 'late p50', 'late p99', 'late max'],
        perKind.map((row) => [row.kind, caseIds.length, row.received, row.distinct, row.duplicates, row.missing, ms(percentile(row.lateness, 50)), ms(percentile(row.lateness, 99)), ms(row.lateness.at(-1) ?? Number.NaN)]),
      ),
      '',
      `Drain: ${burst.length} burst emails in ${drainSeconds.toFixed(1)} s after T = ${drainRate.toFixed(1)} messages/s; ratio to the plain loop ${(drainRate / baselineRate).toFixed(2)}.`,
    ].join('\n');
    const missing = perKind.reduce((sum, row) => sum + row.missing, 0);
    const duplicates = perKind.reduce((sum, row) => sum + row.duplicates, 0);
    return {
      title: `Deadline burst: ${caseIds.length} cases due at one instant`,
      body,
      summary: [
        [`deadline burst, ${caseIds.length} cases: drain`, `${drainRate.toFixed(1)} msg/s`, `nodemailer loop ${baselineRate.toFixed(0)} msg/s`, (drainRate / baselineRate).toFixed(2), '≥ 0.5'],
        [`deadline burst, ${caseIds.length} cases: exactly once`, `${missing} missing, ${duplicates} duplicates`, '–', '–', '0 missing, 0 duplicates'],
        [`deadline burst, ${caseIds.length} cases: lateness`, `p50 ${ms(percentile(all, 50))}, p99 ${ms(percentile(all, 99))}, max ${ms(all.at(-1) ?? Number.NaN)}`, '–', '–', 'reported'],
      ],
    };
  } finally {
    await env.stop();
  }
}
