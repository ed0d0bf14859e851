// Retention (MISSION.md §7) for administrators: the runs, a run's selection with why each
// contact is in it, approval behind a confirmation page that says how many cards go, and
// the run's progress. The work is the JSON API's use cases; these pages only show it.
import { z } from 'zod';
import { runId } from '../../api/routes/reviews.js';
import { approveRetentionRun, listRetentionRuns, retentionRunView } from '../../api/use-cases/retention-run.js';
import { startScheduledRun } from '../../api/use-cases/scheduled-runs.js';
import { todayInStockholm } from '../../domain/stockholm-time.js';
import { CsrfField, Flash, stockholmTime } from '../components.js';
import { page, signedIn, type WebCaller } from '../declarations.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { adminDataWords } from '../words/admin-data.js';

const PAGE_SIZE = 50;
const runParams = z.object({ id: runId });
const pageQuery = z.coerce.number().int().min(1).max(100_000).default(1);
const runPath = (id: string) => `/admin/retention/${encodeURIComponent(id)}`;
const date = (iso: string) => todayInStockholm(new Date(iso));

type RunView = Awaited<ReturnType<typeof retentionRunView>>;

function Pager({ caller, pageNumber, pages, link }: { caller: WebCaller; pageNumber: number; pages: number; link: (n: number) => string }) {
  const t = words(caller.lang);
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t.pageOf(pageNumber, pages)}>
      {pageNumber > 1 && <a href={link(pageNumber - 1)} rel="prev">{t.newer}</a>}
      <span>{t.pageOf(pageNumber, pages)}</span>
      {pageNumber < pages && <a href={link(pageNumber + 1)} rel="next">{t.older}</a>}
    </nav>
  );
}

/** Counts and a progress bar; while the run works, htmx refreshes this part alone. */
function Progress({ run, caller }: { run: RunView; caller: WebCaller }) {
  const a = adminDataWords(caller.lang);
  const handled = run.deleted + run.kept;
  const working = run.status === 'selecting' || run.status === 'deleting';
  const poll = working ? { 'hx-get': runPath(run.id), 'hx-trigger': 'every 2s', 'hx-select': '#progress', 'hx-target': '#progress', 'hx-swap': 'outerHTML', 'data-quiet-swap': '' } : {};
  return (
    <section class="panel" id="progress" aria-labelledby="progress-heading" {...poll}>
      <h2 id="progress-heading">{a.progressTitle}</h2>
      <p class="run-status"><strong>{a.runStatuses[run.status] ?? run.status}</strong></p>
      {run.status === 'completed' && <p data-announce>{a.completedFlash}</p>}
      <label for="progress-bar">{a.progressLabel}</label>
      <progress id="progress-bar" max={Math.max(run.selected, 1)} value={handled}>{a.progressText(handled, run.selected)}</progress>
      <p>{a.progressText(handled, run.selected)}</p>
      <dl class="facts">
        <div><dt>{a.selected}</dt><dd>{run.selected}</dd></div>
        <div><dt>{a.deleted}</dt><dd>{run.deleted}</dd></div>
        <div><dt>{a.kept}</dt><dd>{run.kept}</dd></div>
        <div><dt>{a.remaining}</dt><dd>{run.remaining}</dd></div>
      </dl>
      {working && <p><a href={runPath(run.id)}>{a.refresh}</a></p>}
    </section>
  );
}

function Selection({ run, caller, pages }: { run: RunView; caller: WebCaller; pages: number }) {
  const a = adminDataWords(caller.lang);
  const t = words(caller.lang);
  if (run.selected === 0) return <p>{a.selectionCount(0)}</p>;
  return (
    <>
      <p>{a.selectionCount(run.selected)} · <a href={`/api/v1/admin/retention-runs/${encodeURIComponent(run.id)}?format=csv`} download>{a.downloadCsv}</a></p>
      <div class="table-scroll" tabindex={0} role="region" aria-labelledby="selection-heading">
        <table class="data-table">
          <thead>
            <tr><th scope="col">{a.contactColumn}</th><th scope="col">{a.whyColumn}</th><th scope="col" class="nowrap">{a.outcomeColumn}</th></tr>
          </thead>
          <tbody>
            {run.candidates.map((candidate) => (
              <tr>
                <td>
                  {candidate.name ? <a href={`/contacts/${candidate.contactId}`}>{candidate.name}</a> : a.erasedContact}
                  {candidate.email && <><br /><span class="muted">{candidate.email}</span></>}
                </td>
                <td>
                  {a.why(date(candidate.lastActivityAt), date(run.cutoff))} {a.notSubscriber(t.newsletterStatuses[candidate.newsletterStatus] ?? candidate.newsletterStatus)}
                  {candidate.keptBecause && !candidate.outcome && <><br /><strong>{a.keptBecause[candidate.keptBecause]}</strong></>}
                </td>
                <td class="nowrap">{a.outcomes[candidate.outcome ?? 'pending']}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager caller={caller} pageNumber={run.page} pages={pages} link={(n) => `${runPath(run.id)}?page=${n}#selection-heading`} />
    </>
  );
}

export const retentionPages = [
  page<object, { page: number; started?: string }>({
    method: 'GET',
    path: '/admin/retention',
    access: 'admin',
    query: z.object({ page: pageQuery, started: z.literal('1').optional() }),
    async handler({ query }, caller, deps) {
      const a = adminDataWords(caller.lang);
      const runs = await listRetentionRuns(deps.db, { page: query.page, pageSize: PAGE_SIZE });
      const pages = Math.max(1, Math.ceil(runs.total / PAGE_SIZE));
      return {
        kind: 'html',
        html: renderPage(
          caller,
          a.retentionTitle,
          <>
            <p class="eyebrow"><a href="/admin">{words(caller.lang).adminTitle}</a></p>
            <h1>{a.retentionTitle}</h1>
            <p class="lead">{a.retentionLead}</p>
            <Flash text={query.started ? a.runStarted : undefined} />
            <form method="post" action="/admin/retention/start">
              <CsrfField caller={caller} />
              <button type="submit" class="secondary">{a.startRun}</button>
            </form>
            <section aria-labelledby="runs-heading">
              <h2 id="runs-heading">{a.runsTitle}</h2>
              {runs.items.length === 0 ? <p>{a.noRuns}</p> : (
                <ul class="case-list">
                  {runs.items.map((run) => (
                    <li class="case-card">
                      <h3><a href={runPath(run.id)}>{a.runTitle(stockholmTime(run.createdAt))}</a></h3>
                      <p><strong>{a.runStatuses[run.status] ?? run.status}</strong></p>
                      <p class="muted">
                        {a.selected}: {run.selected} · {a.deleted}: {run.deleted} · {a.kept}: {run.kept}
                        {run.status === 'awaiting-approval' && run.approvalDueAt && <> · {a.approveBy} {stockholmTime(run.approvalDueAt)}</>}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              <Pager caller={caller} pageNumber={query.page} pages={pages} link={(n) => `/admin/retention?page=${n}`} />
            </section>
          </>,
        ),
      };
    },
  }),
  page({
    method: 'POST',
    path: '/admin/retention/start',
    access: 'admin',
    async handler(_input, _caller, deps) {
      await startScheduledRun(deps.temporal, deps.scheduleIds.retention);
      return { kind: 'redirect', location: '/admin/retention?started=1' };
    },
  }),
  page<{ id: string }, { page: number; saved?: 'approved' }>({
    method: 'GET',
    path: '/admin/retention/{id}',
    access: 'admin',
    params: runParams,
    query: z.object({ page: pageQuery, saved: z.literal('approved').optional() }),
    async handler({ params, query }, caller, deps) {
      const a = adminDataWords(caller.lang);
      const run = await retentionRunView(deps.db, params.id, { page: query.page, pageSize: PAGE_SIZE });
      const [created, approver] = await Promise.all([
        deps.db.retentionRun.findUniqueOrThrow({ where: { id: params.id }, select: { createdAt: true } }),
        run.approvedById ? deps.db.coordinator.findUnique({ where: { id: run.approvedById }, select: { name: true } }) : null,
      ]);
      const title = a.runTitle(stockholmTime(created.createdAt));
      const pages = Math.max(1, Math.ceil(run.selected / PAGE_SIZE));
      return {
        kind: 'html',
        html: renderPage(
          caller,
          title,
          <>
            <p class="eyebrow"><a href="/admin/retention">{a.retentionTitle}</a></p>
            <h1>{title}</h1>
            <Flash text={query.saved ? a.approvedFlash : undefined} />
            <dl class="facts panel">
              <div><dt>{a.cutoff}</dt><dd>{date(run.cutoff)}</dd></div>
              {run.approvalDueAt && <div><dt>{a.approveBy}</dt><dd>{stockholmTime(run.approvalDueAt)}</dd></div>}
              {run.approvedAt && <div><dt>{a.approvedAt}</dt><dd>{stockholmTime(run.approvedAt)}{approver && <> · {a.approvedBy} {approver.name}</>}</dd></div>}
            </dl>
            {run.status === 'awaiting-approval' && run.selected > 0 && (
              <p><a class="button-link" href={`${runPath(run.id)}/approve`}>{a.approveLink}</a></p>
            )}
            <Progress run={run} caller={caller} />
            <section aria-labelledby="selection-heading">
              <h2 id="selection-heading">{a.selectionTitle}</h2>
              <Selection run={run} caller={caller} pages={pages} />
            </section>
          </>,
        ),
      };
    },
  }),
  page<{ id: string }>({
    method: 'GET',
    path: '/admin/retention/{id}/approve',
    access: 'admin',
    params: runParams,
    async handler({ params }, caller, deps) {
      const a = adminDataWords(caller.lang);
      const run = await retentionRunView(deps.db, params.id, { page: 1, pageSize: 1 });
      const waiting = run.status === 'awaiting-approval';
      return {
        kind: 'html',
        html: renderPage(
          caller,
          a.confirmTitle,
          <div class="panel narrow">
            <h1>{a.confirmTitle}</h1>
            {waiting ? (
              <>
                <p class="warning" id="confirm-count"><strong>{a.confirmText(run.selected)}</strong></p>
                <p>{a.confirmKeptNote}</p>
                <form method="post" action={`${runPath(run.id)}/approve`}>
                  <CsrfField caller={caller} />
                  <button type="submit" class="danger" aria-describedby="confirm-count">{a.confirmButton(run.selected)}</button>
                </form>
              </>
            ) : (
              <p>{a.notAwaitingApproval} {a.runStatuses[run.status] ?? run.status}.</p>
            )}
            <p><a href={runPath(run.id)}>{a.cancel}</a></p>
          </div>,
        ),
      };
    },
  }),
  page<{ id: string }>({
    method: 'POST',
    path: '/admin/retention/{id}/approve',
    access: 'admin',
    params: runParams,
    backTo: (params) => runPath(params.id),
    async handler({ params }, caller, deps) {
      await approveRetentionRun(deps, { runId: params.id, approvedById: signedIn(caller).id });
      return { kind: 'redirect', location: `${runPath(params.id)}?saved=approved` };
    },
  }),
];
