// The yearly move-status review (MISSION.md §7) in the browser: a unit's list with its
// progress beside the chosen contact's latest dialog and one action per outcome, so a guide
// works the list without leaving it. Admins start a round and see every unit's progress.
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { moveStatusRequest } from '../../api/schemas.js';
import { runId } from '../../api/routes/reviews.js';
import { logAccess } from '../../api/use-cases/personal-data.js';
import { currentReview, nextOpenReviewItem, recordReviewOutcome, REVIEW_OUTCOMES, reviewRoundView, type ReviewOutcome } from '../../api/use-cases/move-status-review.js';
import { startScheduledRun } from '../../api/use-cases/scheduled-runs.js';
import { DomainError, notFound } from '../../domain/errors.js';
import { todayInStockholm } from '../../domain/stockholm-time.js';
import { MUNICIPALITY_CODES, REGION, UNIT_CODES, unitDisplayName, type UnitCode } from '../../domain/units.js';
import { CsrfField, Field, PreferredContact, UnitSelect, stockholmTime } from '../components.js';
import { page, signedIn, type WebCaller, type WebDeps } from '../declarations.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { readContactCardPageRows } from '../contact-card-page-query.js';
import { timelineEntries } from '../timeline.js';
import { reviewWords } from '../words/review.js';
import { TimelineItem } from './contact-card.js';

const LIST_SIZE = 200;
const LAST_DIALOG_ENTRIES = 5;
const SHOW = ['open', 'all'] as const;
type Show = (typeof SHOW)[number];
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

interface ReviewQuery {
  unit?: UnitCode;
  show: Show;
  contact?: string;
  saved?: ReviewOutcome;
  started?: 'yes' | 'already';
}

const reviewQuery = z.object({
  unit: z.preprocess(emptyToUndefined, z.enum(UNIT_CODES).optional()),
  show: z.preprocess(emptyToUndefined, z.enum(SHOW).default('open')),
  contact: z.preprocess(emptyToUndefined, z.uuid().optional()),
  saved: z.enum(REVIEW_OUTCOMES).optional(),
  started: z.enum(['yes', 'already']).optional(),
});

function reviewPath(query: Partial<ReviewQuery>) {
  const params = new URLSearchParams(Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
  return `/review${params.size ? `?${params.toString()}` : ''}`;
}

/** With JavaScript the list and panel swap in place; without it the same links and forms load the page. */
const swapList = { 'hx-target': '#review', 'hx-select': '#review', 'hx-swap': 'outerHTML', 'hx-push-url': 'true' };

function ItemLink({ href, shortcut, rel, children }: { href: string; shortcut?: string; rel?: string; children: string }) {
  return <a href={href} hx-get={href} {...swapList} data-shortcut={shortcut} rel={rel}>{children}</a>;
}

async function contactPanel(deps: WebDeps, caller: WebCaller, contactId: string) {
  const { contact, timeline } = await readContactCardPageRows(deps.db, contactId, signedIn(caller).id);
  if (!contact) throw notFound('Contact');
  return { contact, lastDialog: timelineEntries(timeline).slice(0, LAST_DIALOG_ENTRIES) };
}

type RoundView = Awaited<ReturnType<typeof reviewRoundView>>;
type Panel = Awaited<ReturnType<typeof contactPanel>>;

function OutcomeForms({ caller, review, unit, show, contactId }: { caller: WebCaller; review: RoundView; unit: UnitCode; show: Show; contactId: string }) {
  const r = reviewWords(caller.lang);
  const action = `/review/${encodeURIComponent(review.id)}/items/${unit}/${contactId}`;
  const today = todayInStockholm();
  const form = (children: ComponentChildren) => (
    <form method="post" action={action} hx-post={action} {...swapList}>
      <CsrfField caller={caller} />
      <input type="hidden" name="show" value={show} />
      {children}
    </form>
  );
  return (
    <>
      {form(
        <fieldset class="moved">
          <input type="hidden" name="outcome" value="moved" />
          <legend>{r.movedLegend} <span class="key" aria-hidden="true">1</span></legend>
          <Field id="municipality" label={r.movedTo}>
            <select id="municipality" name="municipality" data-shortcut="1">
              <option value="">–</option>
              {MUNICIPALITY_CODES.map((code) => <option value={code} selected={code === unit}>{unitDisplayName(code)}</option>)}
            </select>
          </Field>
          <Field id="movedOn" label={r.movedOn}>
            <input id="movedOn" name="movedOn" type="date" value={today} max={today} required />
          </Field>
          <button type="submit">{r.movedButton}</button>
        </fieldset>,
      )}
      <div class="outcome-buttons">
        {([['moved-elsewhere', r.movedElsewhereButton, '2'], ['not-moving', r.notMovingButton, '3'], ['unchanged', r.unchangedButton, '4']] as const).map(([outcome, label, key]) =>
          form(
            <>
              <input type="hidden" name="outcome" value={outcome} />
              <button type="submit" class="secondary" data-shortcut={key}>
                {label} <span class="key" aria-hidden="true">{key}</span>
              </button>
            </>,
          ),
        )}
      </div>
    </>
  );
}

function ContactPanel({ caller, review, unit, show, panel }: { caller: WebCaller; review: RoundView; unit: UnitCode; show: Show; panel: Panel }) {
  const t = words(caller.lang);
  const r = reviewWords(caller.lang);
  const { contact, lastDialog } = panel;
  const item = review.items.find((entry) => entry.contactId === contact.id);
  const outcome = item?.outcome ?? null;
  const chosen = contact.chosenMunicipalities.map((code) => unitDisplayName(code as UnitCode));
  return (
    <>
      <p class="eyebrow">{r.panelEyebrow}</p>
      <h2 id="panel-heading" tabindex={-1} data-focus-after-swap>{contact.firstName} {contact.lastName}</h2>
      <p><PreferredContact method={contact.preferredContactMethod} phone={contact.phone} email={contact.email} lang={caller.lang} /></p>
      <dl class="facts">
        <div><dt>{r.chosen}</dt><dd>{chosen.length ? chosen.join(', ') : r.noneChosen}</dd></div>
        <div><dt>{r.moveStatusNow}</dt><dd>{t.moveStatuses[contact.moveStatus] ?? contact.moveStatus}</dd></div>
        {contact.moveTimeframe && <div><dt>{r.timeframe}</dt><dd>{contact.moveTimeframe}</dd></div>}
        {contact.currentLocation && <div><dt>{t.currentLocation}</dt><dd>{contact.currentLocation}</dd></div>}
      </dl>
      <p><a href={`/contacts/${contact.id}`}>{r.openCard}</a></p>
      <h3>{r.lastDialog}</h3>
      {lastDialog.length === 0 ? <p>{r.noDialog}</p> : <ol class="timeline">{lastDialog.map((entry) => <TimelineItem entry={entry} caller={caller} />)}</ol>}
      <h3>{r.outcomeTitle}</h3>
      {outcome || item?.reviewedAt ? (
        <p>{r.alreadyDone(r.outcomes[outcome ?? ''] ?? outcome ?? '')}</p>
      ) : review.status === 'open' ? (
        <OutcomeForms caller={caller} review={review} unit={unit} show={show} contactId={contact.id} />
      ) : (
        <p>{r.reviewClosed(stockholmTime(review.closedAt ?? review.closesAt))}</p>
      )}
    </>
  );
}

function UnitsTable({ caller, review }: { caller: WebCaller; review: RoundView }) {
  const r = reviewWords(caller.lang);
  const byUnit = new Map(review.units.map((row) => [row.unit, row]));
  const rows = UNIT_CODES.map((unit) => byUnit.get(unit) ?? { unit, total: 0, reviewed: 0, open: 0 });
  const sum = (key: 'total' | 'reviewed' | 'open') => rows.reduce((total, row) => total + row[key], 0);
  return (
    <div class="table-scroll" tabindex={0} role="region" aria-labelledby="units-heading">
      <table class="units-table">
        <caption class="visually-hidden">{r.allUnitsTitle}</caption>
        <thead><tr><th scope="col">{r.unit}</th><th scope="col" class="number">{r.total}</th><th scope="col" class="number">{r.reviewed}</th><th scope="col" class="number">{r.open}</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr><th scope="row"><a href={reviewPath({ unit: row.unit as UnitCode })}>{unitDisplayName(row.unit as UnitCode)}</a></th><td class="number">{row.total}</td><td class="number">{row.reviewed}</td><td class="number">{row.open}</td></tr>
          ))}
        </tbody>
        <tfoot><tr><th scope="row">{r.sum}</th><td class="number">{sum('total')}</td><td class="number">{sum('reviewed')}</td><td class="number">{sum('open')}</td></tr></tfoot>
      </table>
    </div>
  );
}

async function renderReview(deps: WebDeps, caller: WebCaller, query: ReviewQuery) {
  const r = reviewWords(caller.lang);
  const me = signedIn(caller);
  const unit = query.unit ?? me.unit;
  const round = await currentReview(deps.db);
  const review = round ? await reviewRoundView(deps.db, round.id, { unit, open: query.show === 'open' ? true : undefined, page: 1, pageSize: LIST_SIZE }) : null;
  const panel = review && query.contact ? await contactPanel(deps, caller, query.contact) : null;
  const progress = review?.units.find((row) => row.unit === unit) ?? { total: 0, reviewed: 0, open: 0 };
  const items = review?.items ?? [];
  const index = items.findIndex((item) => item.contactId === query.contact);
  const link = (contact: string) => reviewPath({ unit, show: query.show, contact });
  const previous = index > 0 ? items[index - 1] : undefined;
  const next = index >= 0 ? items[index + 1] : items[0];
  const shownOf = query.show === 'open' ? progress.open : progress.total;

  return renderPage(
    caller,
    r.title,
    <>
      <h1>{r.title}</h1>
      <p>{r.lead}</p>
      {query.started && <p class="flash" role="status" data-announce><span aria-hidden="true">✓ </span>{query.started === 'yes' ? r.started : r.alreadyRunning}</p>}
      {!review ? <p>{r.noReview}</p> : (
        <>
          <p>{review.status === 'open' ? r.reviewOpen(stockholmTime(review.closesAt)) : r.reviewClosed(stockholmTime(review.closedAt ?? review.closesAt))}</p>
          <form method="get" action="/review" class="inline-form">
            <Field id="unit" label={words(caller.lang).unitLabel}><UnitSelect id="unit" name="unit" selected={unit} lang={caller.lang} /></Field>
            <Field id="show" label={r.show}>
              <select id="show" name="show">
                <option value="open" selected={query.show === 'open'}>{r.showOpen}</option>
                <option value="all" selected={query.show === 'all'}>{r.showAll}</option>
              </select>
            </Field>
            <button type="submit">{r.showButton}</button>
          </form>
          <div id="review" class="review-layout" data-shortcuts>
            <section class="panel review-list" aria-labelledby="list-heading">
              <h2 id="list-heading">{r.listOf(unitDisplayName(unit))}</h2>
              {unit === REGION && <p class="muted">{r.regionLead}</p>}
              <p class="progress-line">
                <progress max={Math.max(progress.total, 1)} value={progress.reviewed} aria-label={r.progressLabel(unitDisplayName(unit))}></progress>{' '}
                <strong id="progress-text">{r.progressText(progress.reviewed, progress.open, progress.total)}</strong>
              </p>
              {query.saved && <p class="flash" role="status" data-announce><span aria-hidden="true">✓ </span>{words(caller.lang).saved}: {r.outcomes[query.saved]}.</p>}
              {progress.total > 0 && progress.open === 0 && <p>{r.allDone}</p>}
              {items.length === 0 ? (progress.total === 0 && <p>{r.emptyList}</p>) : (
                <ol class="review-items">
                  {items.map((item) => {
                    const current = item.contactId === query.contact;
                    return (
                      <li class={current ? 'current' : undefined}>
                        <a href={link(item.contactId)} hx-get={link(item.contactId)} {...swapList} aria-current={current ? 'true' : undefined}>{item.name}</a>
                        {current && <span class="visually-hidden"> ({r.selected})</span>}{' '}
                        <span class="muted">{item.reviewedAt ? <><span aria-hidden="true">✓ </span>{r.done}: {r.outcomes[item.outcome ?? ''] ?? item.outcome}</> : r.notDone}</span>
                      </li>
                    );
                  })}
                </ol>
              )}
              {items.length < shownOf && <p class="muted">{r.firstOf(items.length, shownOf)}</p>}
            </section>
            <section class="panel review-panel" id="panel" aria-labelledby={panel ? 'panel-heading' : 'panel-hint'}>
              {panel ? <ContactPanel caller={caller} review={review} unit={unit} show={query.show} panel={panel} /> : <p id="panel-hint">{r.selectHint}</p>}
              {(previous || next) && (
                <nav class="pager" aria-label={r.itemNav}>
                  {previous && <ItemLink href={link(previous.contactId)} shortcut="k" rel="prev">{`← ${r.previous}`}</ItemLink>}
                  {next && <ItemLink href={link(next.contactId)} shortcut="j" rel="next">{`${r.next} →`}</ItemLink>}
                </nav>
              )}
            </section>
          </div>
          <details class="panel shortcuts" open>
            <summary>{r.shortcutsTitle}</summary>
            <p>{r.shortcutsLead}</p>
            <dl>{r.shortcuts.map(([key, what]) => <div><dt><kbd>{key}</kbd></dt><dd>{what}</dd></div>)}</dl>
          </details>
        </>
      )}
      {me.role === 'admin' && (
        <section class="panel" aria-labelledby="review-admin-heading">
          <h2 id="review-admin-heading">{r.adminTitle}</h2>
          {review?.status === 'open' ? <p>{r.runningNoStart}</p> : (
            <form method="post" action="/review/start">
              <CsrfField caller={caller} />
              <p class="hint" id="start-hint">{r.startHint}</p>
              <button type="submit" aria-describedby="start-hint">{r.startButton}</button>
            </form>
          )}
          {review && (
            <>
              <h3 id="units-heading">{r.allUnitsTitle}</h3>
              <UnitsTable caller={caller} review={review} />
            </>
          )}
        </section>
      )}
    </>,
  );
}

const blank = z.string().trim().max(20).optional().transform((value) => (value ? value : undefined));
const outcomeBody = z
  .object({ outcome: z.enum(REVIEW_OUTCOMES), municipality: blank, movedOn: blank, show: z.enum(SHOW).default('open') })
  .superRefine((body, ctx) => {
    // The JSON API's rule for a move status (municipality and a past date with "moved").
    if (body.outcome === 'unchanged') return;
    const moved = body.outcome === 'moved';
    const checked = moveStatusRequest.safeParse({ moveStatus: body.outcome, ...(moved ? { municipality: body.municipality, movedOn: body.movedOn } : {}) });
    for (const issue of checked.success ? [] : checked.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
const itemParams = z.object({ id: runId, unit: z.enum(UNIT_CODES), contactId: z.uuid() });

export const reviewPages = [
  page<object, ReviewQuery>({
    method: 'GET',
    path: '/review',
    access: 'coordinator',
    query: reviewQuery,
    async handler({ query }, caller, deps) {
      return { kind: 'html', html: await renderReview(deps, caller, query) };
    },
  }),
  page<z.infer<typeof itemParams>, object, z.infer<typeof outcomeBody>>({
    method: 'POST',
    path: '/review/{id}/items/{unit}/{contactId}',
    access: 'coordinator',
    params: itemParams,
    body: outcomeBody,
    backTo: (params) => reviewPath({ unit: params.unit, contact: params.contactId }),
    async handler({ params, body }, caller, deps) {
      const author = signedIn(caller);
      await recordReviewOutcome(deps.db, { reviewId: params.id, unit: params.unit, contactId: params.contactId, outcome: body.outcome, municipality: body.municipality, movedOn: body.movedOn, author });
      await logAccess(deps.db, author.id, params.contactId, 'write');
      const next = await nextOpenReviewItem(deps.db, { reviewId: params.id, unit: params.unit, after: params.contactId });
      return { kind: 'redirect', location: reviewPath({ unit: params.unit, show: body.show, contact: next ?? undefined, saved: body.outcome }) };
    },
  }),
  page({
    method: 'POST',
    path: '/review/start',
    access: 'admin',
    async handler(_input, _caller, deps) {
      try {
        await startScheduledRun(deps.temporal, deps.scheduleIds.review);
        return { kind: 'redirect', location: reviewPath({ started: 'yes' }) };
      } catch (error) {
        if (error instanceof DomainError && error.code === 'conflict') return { kind: 'redirect', location: reviewPath({ started: 'already' }) };
        throw error;
      }
    },
  }),
];
