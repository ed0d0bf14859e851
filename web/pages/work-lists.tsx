// Min dag (home), the cases list and search: the lists a guide works from.
import { z } from 'zod';
import { countCases, listCases, openReviewItems, searchContacts, type CaseFilter } from '../../api/use-cases/case-lists.js';
import { CASE_STATUSES, SOURCE_KINDS } from '../../domain/codes.js';
import { UNIT_CODES, unitDisplayName, type UnitCode } from '../../domain/units.js';
import { page, signedIn, type WebCaller, type WebDeps } from '../declarations.js';
import { CaseCards, Field, PreferredContact, UnitSelect } from '../components.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { addWorkingDaysEndOfDay } from '../../domain/working-days.js';

const MY_DAY_LIMIT = 500;
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

function temporalLink(deps: WebDeps) {
  return (workflowId: string) => (deps.temporalWebUiUrl ? `${deps.temporalWebUiUrl}/workflows/${encodeURIComponent(workflowId)}` : null);
}

async function myDay(deps: WebDeps, caller: WebCaller, unit: UnitCode) {
  const t = words(caller.lang);
  const tomorrowEnd = addWorkingDaysEndOfDay(new Date(), 1);
  const [open, forInformation, review, overdueCount, dueSoonCount] = await Promise.all([
    listCases(deps.db, { unit, open: true }, { page: 1, pageSize: MY_DAY_LIMIT }),
    unit === 'region' ? { total: 0, items: [] } : listCases(deps.db, { forInformationOf: unit, open: true }, { page: 1, pageSize: 100 }),
    openReviewItems(deps.db, unit),
    countCases(deps.db, { unit, open: true, overdue: true }),
    countCases(deps.db, { unit, status: 'awaiting-reply', dueBefore: tomorrowEnd }),
  ]);
  const forInformationItems = forInformation.items;
  return renderPage(
    caller,
    t.myDayTitle,
    <>
      <h1>{t.myDayTitle}</h1>
      <form method="get" action="/" class="inline-form">
        <Field id="unit" label={t.unitLabel}>
          <UnitSelect id="unit" name="unit" selected={unit} lang={caller.lang} />
        </Field>
        <button type="submit">{t.showUnit}</button>
      </form>
      <ul class="counts" aria-label={unitDisplayName(unit)}>
        <li><strong>{open.total}</strong> {t.countOpen}</li>
        <li><strong>{overdueCount}</strong> {t.countOverdue}</li>
        <li><strong>{dueSoonCount}</strong> {t.countDueSoon}</li>
        <li><strong>{forInformationItems.length}</strong> {t.countForInformation}</li>
        <li><strong>{review.total}</strong> {t.countReviewItems}</li>
      </ul>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t.openCasesOf} {unitDisplayName(unit)}</h2>
        <CaseCards items={open.items} caller={caller} />
      </section>
      {unit !== 'region' && (
        <section aria-labelledby="info-heading">
          <h2 id="info-heading">{t.forInformationTitle} {unitDisplayName(unit)}</h2>
          <CaseCards items={forInformationItems} caller={caller} />
        </section>
      )}
      <section aria-labelledby="review-heading">
        <h2 id="review-heading">{t.reviewItemsTitle}</h2>
        {review.items.length === 0 ? <p>{t.noReviewItems}</p> : (
          <ul>
            {review.items.map((item) => (
              <li><a href={`/review?unit=${unit}&contact=${item.contact.id}`}>{item.contact.firstName} {item.contact.lastName}</a> – {t.moveStatuses[item.contact.moveStatus] ?? item.contact.moveStatus}</li>
            ))}
          </ul>
        )}
      </section>
    </>,
  );
}

const casesQuery = z.object({
  unit: z.preprocess(emptyToUndefined, z.enum(UNIT_CODES).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(CASE_STATUSES).optional()),
  overdue: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
  source: z.preprocess(emptyToUndefined, z.enum(SOURCE_KINDS).optional()),
  dueBefore: z.preprocess(emptyToUndefined, z.iso.date().optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const workListPages = [
  page<object, { unit?: UnitCode }>({
    method: 'GET',
    path: '/',
    access: 'coordinator',
    query: z.object({ unit: z.preprocess(emptyToUndefined, z.enum(UNIT_CODES).optional()) }),
    async handler({ query }, caller, deps) {
      return { kind: 'html', html: await myDay(deps, caller, query.unit ?? signedIn(caller).unit) };
    },
  }),
  page<object, z.infer<typeof casesQuery>>({
    method: 'GET',
    path: '/cases',
    access: 'coordinator',
    query: casesQuery,
    async handler({ query }, caller, deps) {
      const t = words(caller.lang);
      const filter: CaseFilter = {
        unit: query.unit,
        status: query.status,
        overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
        source: query.source,
        dueBefore: query.dueBefore ? new Date(`${query.dueBefore}T00:00:00+01:00`) : undefined,
      };
      const result = await listCases(deps.db, filter, { page: query.page, pageSize: 50 });
      const pages = Math.max(1, Math.ceil(result.total / 50));
      const params = new URLSearchParams(Object.entries(query).flatMap(([key, value]) => (value === undefined || key === 'page' ? [] : [[key, String(value)]])));
      const link = (n: number) => `/cases?${params.toString()}${params.size ? '&' : ''}page=${n}`;
      return {
        kind: 'html',
        html: renderPage(
          caller,
          t.casesListTitle,
          <>
            <h1>{t.casesListTitle}</h1>
            <form method="get" action="/cases" class="filters" hx-get="/cases" hx-target="#results" hx-select="#results" hx-swap="outerHTML" hx-push-url="true">
              <Field id="unit" label={t.unitLabel}><UnitSelect id="unit" name="unit" selected={query.unit} lang={caller.lang} includeAny /></Field>
              <Field id="status" label={t.filterStatus}>
                <select id="status" name="status">
                  <option value="">{t.any}</option>
                  {CASE_STATUSES.map((status) => <option value={status} selected={status === query.status}>{t.caseStatus[status]}</option>)}
                </select>
              </Field>
              <Field id="overdue" label={t.filterOverdue}>
                <select id="overdue" name="overdue">
                  <option value="">{t.any}</option>
                  <option value="true" selected={query.overdue === 'true'}>{t.yes}</option>
                  <option value="false" selected={query.overdue === 'false'}>{t.no}</option>
                </select>
              </Field>
              <Field id="source" label={t.filterSource}>
                <select id="source" name="source">
                  <option value="">{t.any}</option>
                  {SOURCE_KINDS.map((kind) => <option value={kind} selected={kind === query.source}>{t.sources[kind]}</option>)}
                </select>
              </Field>
              <Field id="dueBefore" label={t.filterDueBefore}><input id="dueBefore" name="dueBefore" type="date" value={query.dueBefore ?? ''} /></Field>
              <button type="submit">{t.filterButton}</button>
            </form>
            <div id="results">
              <p data-announce data-focus-after-swap tabindex={-1}>{t.searchResults(result.total)}</p>
              <CaseCards items={result.items} caller={caller} temporalLink={temporalLink(deps)} />
              {pages > 1 && (
                <nav class="pager" aria-label={t.casesListTitle}>
                  {query.page > 1 && <a href={link(query.page - 1)} rel="prev">{t.newer}</a>}
                  <span>{t.pageOf(query.page, pages)}</span>
                  {query.page < pages && <a href={link(query.page + 1)} rel="next">{t.older}</a>}
                </nav>
              )}
            </div>
          </>,
        ),
      };
    },
  }),
  page<object, { q?: string }>({
    method: 'GET',
    path: '/search',
    access: 'coordinator',
    query: z.object({ q: z.string().trim().max(200).optional() }),
    async handler({ query }, caller, deps) {
      const t = words(caller.lang);
      const q = query.q && (query.q.length >= 2 || /^\d$/.test(query.q)) ? query.q : undefined;
      const found = q ? await searchContacts(deps.db, q) : [];
      return {
        kind: 'html',
        html: renderPage(
          caller,
          t.searchTitle,
          <>
            <h1>{t.searchTitle}</h1>
            <form method="get" action="/search" role="search" hx-get="/search" hx-target="#results" hx-select="#results" hx-swap="outerHTML" hx-push-url="true">
              <Field id="q" label={t.searchLabel}>
                <input id="q" name="q" type="search" value={query.q ?? ''} maxLength={200} autocomplete="off" spellcheck={false} />
              </Field>
              <button type="submit">{t.searchButton}</button>
            </form>
            <div id="results">
              {q && <p data-announce data-focus-after-swap tabindex={-1}>{t.searchResults(found.length)}</p>}
              <ul class="case-list">
                {found.map((contact) => (
                  <li class="case-card">
                    <h2 class="small"><a href={`/contacts/${contact.id}`}>{contact.firstName} {contact.lastName}</a></h2>
                    <p><PreferredContact method={contact.preferredContactMethod} phone={contact.phone} email={contact.email} lang={caller.lang} /></p>
                    <p class="muted">{t.moveStatus}: {t.moveStatuses[contact.moveStatus] ?? contact.moveStatus}</p>
                  </li>
                ))}
              </ul>
            </div>
          </>,
        ),
      };
    },
  }),
];
