// Newsletters and invitations (MISSION.md §6), for administrators: the list of mailings,
// the composer (text, the selection with its live count and sample, the email exactly as
// it is sent), and a mailing's page (start, pause, resume, cancel, progress, the RSVP list
// and its CSV). Pages call the same use cases as the JSON API.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { streamCsv } from '../../api/csv.js';
import { campaignRequest } from '../../api/routes/campaigns.js';
import {
  campaignContent,
  campaignRsvpCsvPages,
  campaignRsvps,
  campaignView,
  cancelCampaign,
  commandCampaign,
  createCampaign,
  listCampaigns,
  previewCampaignEmail,
  RSVP_CSV_HEADER,
  startCampaign,
  type CampaignCommand,
} from '../../api/use-cases/campaigns.js';
import { listSelections, loadSelection, previewSelection, saveSelection } from '../../api/use-cases/saved-selections.js';
import { DomainError } from '../../domain/errors.js';
import { selectionFilter, type SelectionFilter } from '../../domain/selection.js';
import { STOCKHOLM_ZONE } from '../../domain/stockholm-time.js';
import { unitDisplayName, type UnitCode } from '../../domain/units.js';
import type { CampaignContent } from '../../activities/newsletter-emails.js';
import { CsrfField, Field, Flash, stockholmTime } from '../components.js';
import { page, signedIn, type PageResult, type WebCaller, type WebDeps } from '../declarations.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import {
  describeFilter,
  editSelection,
  emptySelection,
  filterToSelection,
  formFields,
  readSelection,
  SelectionBuilder,
  selectionToFilter,
  type FormFields,
  type SelectionNode,
} from '../selection-builder.js';
import { newsletterWords } from '../words/newsletters.js';

const idParams = z.object({ id: z.uuid() });
const PAGE_SIZE = 50;
const DONE = ['created', 'started', 'paused', 'resumed', 'cancelled'] as const;
const ACTIVE = ['starting', 'sending'];

interface Draft {
  kind: 'newsletter' | 'invitation';
  title: string;
  textSv: string;
  textEn: string;
  /** datetime-local, Swedish wall-clock time. */
  eventAt: string;
  place: string;
  selection: SelectionNode;
  selectionName: string;
  savedSelectionId: string;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

function readDraft(fields: FormFields): Draft {
  return {
    kind: one(fields.kind) === 'invitation' ? 'invitation' : 'newsletter',
    title: one(fields.title).trim(),
    textSv: one(fields.textSv).replaceAll('\r\n', '\n').trim(),
    textEn: one(fields.textEn).replaceAll('\r\n', '\n').trim(),
    eventAt: one(fields.eventAt).trim(),
    place: one(fields.place).trim(),
    selection: readSelection(fields),
    selectionName: one(fields.selectionName).trim(),
    savedSelectionId: one(fields.savedSelectionId),
  };
}

const emptyDraft = (selection: SelectionNode = emptySelection()): Draft => ({
  kind: 'invitation',
  title: '',
  textSv: '',
  textEn: '',
  eventAt: '',
  place: '',
  selection,
  selectionName: '',
  savedSelectionId: '',
});

/** The meetup's time typed in Swedish wall-clock time, as the API's ISO instant with offset. */
function eventInstant(value: string): string {
  const parsed = DateTime.fromISO(value, { zone: STOCKHOLM_ZONE });
  return parsed.isValid ? parsed.toISO({ suppressMilliseconds: true })! : value;
}

function content(draft: Draft): CampaignContent {
  const at = draft.kind === 'invitation' && draft.eventAt ? DateTime.fromISO(draft.eventAt, { zone: STOCKHOLM_ZONE }) : null;
  return {
    kind: draft.kind,
    title: draft.title,
    textSv: draft.textSv,
    textEn: draft.textEn || null,
    eventAt: at?.isValid ? at.toJSDate() : null,
    place: draft.kind === 'invitation' ? draft.place || null : null,
  };
}

// ---- shared parts ----------------------------------------------------------------

function EmailPreviews({ campaign, caller, deps }: { campaign: CampaignContent; caller: WebCaller; deps: WebDeps }) {
  const n = newsletterWords(caller.lang);
  if (!campaign.title || !campaign.textSv) return <p class="muted">{n.previewNeedsText}</p>;
  const languages = campaign.textEn ? (['sv', 'en'] as const) : (['sv'] as const);
  return (
    <>
      {languages.map((language) => {
        const email = previewCampaignEmail(campaign, language, deps.publicBaseUrl);
        const name = n.languageNames[language]!;
        return (
          <div class="email-preview">
            <h3>{n.emailPreview(name)}</h3>
            <p><strong>{n.subject}:</strong> <span lang={language}>{email.subject}</span></p>
            <iframe class="email-frame" title={n.previewFrame(name)} sandbox="" srcdoc={email.html} lang={language}></iframe>
            <details>
              <summary>{n.plainText}</summary>
              <pre class="email-text" lang={language}>{email.text}</pre>
            </details>
          </div>
        );
      })}
      <p class="hint">{n.previewTokens}</p>
    </>
  );
}

function ErrorList({ caller, errors }: { caller: WebCaller; errors: Array<{ field: string; message: string }> }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1} data-focus-after-swap>
      <h2>{words(caller.lang).errorSummaryTitle}</h2>
      <ul>
        {errors.map((error) => <li><a href={`#${error.field}`}>{error.message}</a></li>)}
      </ul>
    </div>
  );
}

const temporalLink = (deps: WebDeps, workflowId: string) => (deps.temporalWebUiUrl ? `${deps.temporalWebUiUrl}/workflows/${encodeURIComponent(workflowId)}` : null);

// ---- the composer ----------------------------------------------------------------

interface ComposerView {
  draft: Draft;
  errors?: Array<{ field: string; message: string }>;
  flash?: string;
  focus?: string;
  status?: number;
}

async function renderComposer(deps: WebDeps, caller: WebCaller, view: ComposerView): Promise<PageResult> {
  const n = newsletterWords(caller.lang);
  const { draft } = view;
  const { filter, problems } = selectionToFilter(draft.selection, caller.lang);
  const [saved, preview] = await Promise.all([listSelections(deps.db), filter ? previewSelection(deps.db, { filter, onlySubscribers: true }) : undefined]);
  const errors = view.errors ?? [];
  const fieldError = (field: string) => errors.find((error) => error.field === field)?.message;
  const invitation = draft.kind === 'invitation';
  const FieldError = ({ field }: { field: string }) => (fieldError(field) ? <p class="field-error" id={`${field}-error`}><span class="visually-hidden">{words(caller.lang).errorSummaryTitle}: </span>{fieldError(field)}</p> : null);
  const described = (field: string, hint?: boolean) => [hint ? `${field}-hint` : '', fieldError(field) ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;

  const html = renderPage(
    caller,
    n.composerTitle,
    <>
      <p class="eyebrow"><a href="/newsletters">{n.listTitle}</a></p>
      <h1>{n.composerTitle}</h1>
      <p>{n.composerLead}</p>
      <ErrorList caller={caller} errors={errors} />
      <Flash text={view.flash} />
      <div class="composer">
        <form
          method="post"
          action="/newsletters"
          class="composer-form"
          id="composer-form"
          hx-post="/newsletters/compose"
          hx-trigger="input delay:700ms"
          hx-target="#preview"
          hx-select="#preview-body"
          hx-swap="innerHTML"
          hx-sync="this:replace"
        >
          <CsrfField caller={caller} />
          <section class="panel" aria-labelledby="text-heading">
            <h2 id="text-heading">{n.textSection}</h2>
            <fieldset id="kind">
              <legend>{n.kindLegend}</legend>
              <label class="choice"><input type="radio" name="kind" value="invitation" checked={invitation} /> {n.kinds.invitation}</label>
              <label class="choice"><input type="radio" name="kind" value="newsletter" checked={!invitation} /> {n.kinds.newsletter}</label>
            </fieldset>
            <Field id="title" label={n.titleLabel}>
              <FieldError field="title" />
              <input id="title" name="title" value={draft.title} maxLength={200} aria-describedby={described('title')} aria-invalid={fieldError('title') ? 'true' : undefined} />
            </Field>
            <Field id="textSv" label={n.textSvLabel} hint={n.textSvHint}>
              <FieldError field="textSv" />
              <textarea id="textSv" name="textSv" rows={8} maxLength={50_000} lang="sv" aria-describedby={described('textSv', true)} aria-invalid={fieldError('textSv') ? 'true' : undefined}>{draft.textSv}</textarea>
            </Field>
            <Field id="textEn" label={n.textEnLabel} hint={n.textEnHint}>
              <FieldError field="textEn" />
              <textarea id="textEn" name="textEn" rows={5} maxLength={50_000} lang="en" aria-describedby={described('textEn', true)}>{draft.textEn}</textarea>
            </Field>
            <div class="two-fields">
              <Field id="eventAt" label={n.eventAtLabel} hint={n.eventAtHint}>
                <FieldError field="eventAt" />
                <input id="eventAt" name="eventAt" type="datetime-local" value={draft.eventAt} aria-describedby={described('eventAt', true)} aria-invalid={fieldError('eventAt') ? 'true' : undefined} />
              </Field>
              <Field id="place" label={n.placeLabel}>
                <FieldError field="place" />
                <input id="place" name="place" value={draft.place} maxLength={300} aria-describedby={described('place')} aria-invalid={fieldError('place') ? 'true' : undefined} />
              </Field>
            </div>
            <button type="submit" name="action" value="refresh" formaction="/newsletters/compose#preview-heading" class="secondary">{n.showPreview}</button>
          </section>

          <section class="panel" aria-labelledby="selection-heading" id="selection">
            <h2 id="selection-heading">{n.selectionSection}</h2>
            <p class="hint">{n.selectionLead}</p>
            {saved.length > 0 && (
              <div class="sel-row sel-load">
                <Field id="savedSelectionId" label={n.savedSelectionLabel}>
                  <select id="savedSelectionId" name="savedSelectionId">
                    {saved.map((selection) => <option value={selection.id} selected={selection.id === draft.savedSelectionId}>{selection.name}</option>)}
                  </select>
                </Field>
                <button type="submit" class="secondary" name="action" value="load" formaction="/newsletters/compose#selection">{n.loadSelection}</button>
              </div>
            )}
            <FieldError field="selection" />
            <SelectionBuilder root={draft.selection} lang={caller.lang} focus={view.focus} />
            <p><button type="submit" name="action" value="refresh" formaction="/newsletters/compose#preview-heading" class="secondary">{n.showRecipients}</button></p>
            <div class="sel-row sel-save">
              <Field id="selectionName" label={n.selectionNameLabel}>
                <FieldError field="selectionName" />
                <input id="selectionName" name="selectionName" value={draft.selectionName} maxLength={200} aria-describedby={described('selectionName')} />
              </Field>
              <button type="submit" class="secondary" formaction="/newsletters/selections#selection">{n.saveSelection}</button>
            </div>
          </section>
          <p><button type="submit" name="action" value="create">{n.createCampaign}</button></p>
        </form>

        <section class="panel preview-column" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{n.previewSection}</h2>
          <div id="preview">
            <div id="preview-body">
              {preview ? (
                <>
                  <p class="recipient-count" data-announce><strong>{n.countLine(preview.count)}</strong></p>
                  {preview.sample.length === 0 ? <p>{n.noRecipients}</p> : (
                    <>
                      <h3>{n.sampleTitle}</h3>
                      <ul class="sample">
                        {preview.sample.map((person) => (
                          <li>{person.firstName} {person.lastName}{person.chosenMunicipalities.length > 0 && <span class="muted"> ({person.chosenMunicipalities.map((code) => unitDisplayName(code as UnitCode)).join(', ')})</span>}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </>
              ) : (
                <div class="selection-problem" data-announce>
                  <p><strong>{n.selectionProblem}</strong></p>
                  <ul>{problems.map((problem) => <li><a href={`#${problem.field}`}>{problem.message}</a></li>)}</ul>
                </div>
              )}
              <EmailPreviews campaign={content(draft)} caller={caller} deps={deps} />
            </div>
          </div>
        </section>
      </div>
    </>,
  );
  return { kind: 'html', status: view.status, html };
}

/** The API's request body from the form; the API's own schema decides what is valid. */
function campaignBody(draft: Draft, filter: SelectionFilter | undefined) {
  return {
    kind: draft.kind,
    title: draft.title,
    text: { sv: draft.textSv, ...(draft.textEn ? { en: draft.textEn } : {}) },
    ...(draft.kind === 'invitation' && (draft.eventAt || draft.place) ? { event: { at: eventInstant(draft.eventAt), place: draft.place } } : {}),
    filter,
  };
}

function fieldOf(path: PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === 'text') return second === 'en' ? 'textEn' : 'textSv';
  if (first === 'event') return second === 'place' ? 'place' : 'eventAt';
  if (first === 'filter') return 'selection';
  return first === 'title' || first === 'kind' ? first : 'title';
}

// ---- a mailing's page ------------------------------------------------------------

async function renderCampaign(deps: WebDeps, caller: WebCaller, id: string, query: { done?: (typeof DONE)[number]; seen?: string }): Promise<PageResult> {
  const n = newsletterWords(caller.lang);
  const [view, stored] = await Promise.all([campaignView(deps, id), campaignContent(deps.db, id)]);
  const rsvps = view.kind === 'invitation' ? await campaignRsvps(deps.db, id) : [];
  const active = ACTIVE.includes(view.status);
  const handled = view.progress.sent + view.progress.failed + view.progress.skipped;
  const total = Math.max(view.recipientCount, handled);
  const parsedFilter = selectionFilter.safeParse(stored.filter);
  const link = temporalLink(deps, view.workflowId);
  const command = (action: string, label: string, kind = 'secondary') => (
    <form method="post" action={`/newsletters/${id}/${action}`} class="inline-action">
      <CsrfField caller={caller} />
      <button type="submit" class={kind}>{label}</button>
    </form>
  );
  // The status panel polls while sending and is swapped only when something moved.
  const fingerprint = [view.status, view.progress.sent, view.progress.failed, view.progress.skipped, view.rsvp.yes, view.rsvp.no].join('.');
  if (caller.partial && query.seen === fingerprint) return { kind: 'html', status: 204, html: '' };
  const poll = active
    ? { 'hx-get': `/newsletters/${id}?seen=${fingerprint}`, 'hx-trigger': 'every 2s', 'hx-select': '#status-panel', 'hx-swap': 'outerHTML', 'data-quiet': true }
    : {};
  const progress = (
    <div id="progress">
      <p class="campaign-status"><strong>{n.statusLabel}: {n.statuses[view.status] ?? view.status}</strong></p>
      <p>
        <label for="progress-bar">{n.progressLabel}</label>{' '}
        <progress id="progress-bar" max={Math.max(total, 1)} value={handled}></progress>{' '}
        <span>{n.progressText(view.progress.sent, total)}</span>
      </p>
      <p class="muted">{n.progressDetail(view.progress)}</p>
      {view.kind === 'invitation' && <p class="muted">{n.rsvpSection}: {n.rsvpTally(view.rsvp.yes, view.rsvp.no)}</p>}
    </div>
  );

  const html = renderPage(
    caller,
    view.title,
    <>
      <p class="eyebrow"><a href="/newsletters">{n.listTitle}</a> · {n.kinds[view.kind] ?? view.kind}</p>
      <h1>{view.title}</h1>
      <Flash text={query.done ? n.done[query.done] : undefined} />
      <section class="panel" aria-labelledby="status-heading" id="status-panel" {...poll}>
        <h2 id="status-heading">{n.statusSection}</h2>
        {progress}
        <div class="actions-row">
          {view.status === 'draft' && command('start', n.start, '')}
          {view.status === 'sending' && command('pause', n.pause)}
          {view.status === 'paused' && command('resume', n.resume, '')}
          {['draft', 'starting', 'sending', 'paused', 'failed'].includes(view.status) && command('cancel', n.cancel, 'secondary danger-outline')}
        </div>
        <p><a href={`/newsletters/${id}`}>{n.refresh}</a>{link && <> · <a href={link} rel="noopener">{n.openInTemporal}: {view.workflowId}</a></>}</p>
      </section>

      <section class="panel" aria-labelledby="recipients-heading">
        <h2 id="recipients-heading">{n.recipientsSection}</h2>
        <p><strong>{n.recipients(view.recipientCount)}</strong></p>
        <p>{n.selectionOf}: {parsedFilter.success ? describeFilter(parsedFilter.data, caller.lang) : '–'}</p>
        {view.event && <p>{n.eventLine}: {stockholmTime(view.event.at)}, {view.event.place}</p>}
      </section>

      {view.kind === 'invitation' && (
        <section class="panel" aria-labelledby="rsvp-heading" id="rsvps">
          <h2 id="rsvp-heading">{n.rsvpSection}</h2>
          <ul class="counts">
            <li><strong>{view.rsvp.yes}</strong> {n.rsvpYes.toLowerCase()}</li>
            <li><strong>{view.rsvp.no}</strong> {n.rsvpNo.toLowerCase()}</li>
          </ul>
          {rsvps.length === 0 ? <p>{n.noRsvps}</p> : (
            <ul class="case-list rsvp-list">
              {rsvps.map((row) => (
                <li class="case-card">
                  <h3><a href={`/contacts/${row.contactId}`}>{row.name}</a></h3>
                  <p><strong>{row.answer === 'yes' ? n.rsvpYes : n.rsvpNo}</strong>{row.at && <span class="muted"> · {n.answeredAt} {stockholmTime(row.at)}</span>}</p>
                  <p class="muted">{[row.email, row.phone].filter(Boolean).join(' · ')}</p>
                </li>
              ))}
            </ul>
          )}
          <p><a href={`/newsletters/${id}/rsvps.csv`} download>{n.downloadCsv}</a></p>
        </section>
      )}

      <section class="panel" aria-labelledby="email-heading">
        <h2 id="email-heading">{n.emailSection}</h2>
        <EmailPreviews campaign={stored} caller={caller} deps={deps} />
      </section>
    </>,
  );
  return { kind: 'html', html };
}

// ---- the routes ------------------------------------------------------------------

type ComposerInput = { body: FormFields; draft: Draft } & ReturnType<typeof selectionToFilter>;

/** A post of the composer's form: every button sends the whole form (text and selection). */
const composerPost = (path: string, handle: (input: ComposerInput, caller: WebCaller, deps: WebDeps) => Promise<PageResult>) =>
  page<object, object, FormFields>({
    method: 'POST',
    path,
    access: 'admin',
    body: formFields,
    bodyLimit: '512kb',
    backTo: () => '/newsletters/new',
    handler({ body }, caller, deps) {
      const draft = readDraft(body);
      return handle({ body, draft, ...selectionToFilter(draft.selection, caller.lang) }, caller, deps);
    },
  });

const commandPage = (action: 'start' | CampaignCommand | 'cancel', done: (typeof DONE)[number]) =>
  page<{ id: string }>({
    method: 'POST',
    path: `/newsletters/{id}/${action}`,
    access: 'admin',
    params: idParams,
    backTo: (params) => `/newsletters/${params.id}`,
    async handler({ params }, caller, deps) {
      if (action === 'start') await startCampaign(deps, { campaignId: params.id, startedById: signedIn(caller).id });
      else if (action === 'cancel') await cancelCampaign(deps, params.id);
      else await commandCampaign(deps, { campaignId: params.id, command: action });
      return { kind: 'redirect', location: `/newsletters/${params.id}?done=${done}` };
    },
  });

export const newsletterPages = [
  page<object, { page: number }>({
    method: 'GET',
    path: '/newsletters',
    access: 'admin',
    query: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
    async handler({ query }, caller, deps) {
      const n = newsletterWords(caller.lang);
      const t = words(caller.lang);
      const [{ total, items }, saved] = await Promise.all([listCampaigns(deps, { page: query.page, pageSize: PAGE_SIZE }), listSelections(deps.db)]);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      return {
        kind: 'html',
        html: renderPage(
          caller,
          n.listTitle,
          <>
            <h1>{n.listTitle}</h1>
            <p>{n.listLead}</p>
            <p><a class="button-link" href="/newsletters/new">{n.newCampaign}</a></p>
            {items.length === 0 ? <p>{n.noCampaigns}</p> : (
              <ul class="case-list campaign-list">
                {items.map((item) => {
                  const handled = item.progress.sent + item.progress.failed + item.progress.skipped;
                  return (
                    <li class="case-card">
                      <h2 class="small"><a href={`/newsletters/${item.id}`}>{item.title}</a></h2>
                      <p>{n.kinds[item.kind] ?? item.kind} · <strong>{n.statuses[item.status] ?? item.status}</strong> · {n.progressText(item.progress.sent, Math.max(item.recipientCount, handled))}</p>
                      {item.kind === 'invitation' && <p class="muted">{n.rsvpSection}: {n.rsvpTally(item.rsvp.yes, item.rsvp.no)}{item.event && <> · {stockholmTime(item.event.at)}, {item.event.place}</>}</p>}
                      <p class="muted">{n.created} {stockholmTime(item.createdAt)}</p>
                    </li>
                  );
                })}
              </ul>
            )}
            {pages > 1 && (
              <nav class="pager" aria-label={n.listTitle}>
                {query.page > 1 && <a href={`/newsletters?page=${query.page - 1}`} rel="prev">{t.newer}</a>}
                <span>{t.pageOf(query.page, pages)}</span>
                {query.page < pages && <a href={`/newsletters?page=${query.page + 1}`} rel="next">{t.older}</a>}
              </nav>
            )}
            <section aria-labelledby="saved-heading">
              <h2 id="saved-heading">{n.savedSelectionsTitle}</h2>
              {saved.length === 0 ? <p>{n.noSavedSelections}</p> : (
                <ul>
                  {saved.map((selection) => <li><a href={`/newsletters/new?selection=${selection.id}`}>{n.useSelection(selection.name)}</a></li>)}
                </ul>
              )}
            </section>
          </>,
        ),
      };
    },
  }),
  page<object, { selection?: string }>({
    method: 'GET',
    path: '/newsletters/new',
    access: 'admin',
    query: z.object({ selection: z.uuid().optional().catch(undefined) }),
    async handler({ query }, caller, deps) {
      if (!query.selection) return renderComposer(deps, caller, { draft: emptyDraft() });
      const saved = await loadSelection(deps.db, query.selection);
      return renderComposer(deps, caller, {
        draft: { ...emptyDraft(filterToSelection(saved.filter as SelectionFilter)), savedSelectionId: saved.id },
        flash: newsletterWords(caller.lang).selectionLoaded(saved.name),
      });
    },
  }),
  // Changes nothing: the composer again, with a node added or removed, a saved selection
  // loaded, or just the count and preview brought up to date.
  composerPost('/newsletters/compose', async ({ body, draft }, caller, deps) => {
    const action = one(body.action);
    const savedId = z.uuid().safeParse(draft.savedSelectionId);
    if (action === 'load' && savedId.success) {
      const saved = await loadSelection(deps.db, savedId.data);
      return renderComposer(deps, caller, {
        draft: { ...draft, selection: filterToSelection(saved.filter as SelectionFilter) },
        flash: newsletterWords(caller.lang).selectionLoaded(saved.name),
      });
    }
    const focus = editSelection(draft.selection, action, body);
    return renderComposer(deps, caller, { draft, focus });
  }),
  composerPost('/newsletters/selections', async ({ draft, filter, problems }, caller, deps) => {
    const n = newsletterWords(caller.lang);
    const errors = [...(draft.selectionName ? [] : [{ field: 'selectionName', message: n.nameNeeded }]), ...problems];
    if (!filter || errors.length) return renderComposer(deps, caller, { draft, errors, status: 422 });
    try {
      const saved = await saveSelection(deps.db, { name: draft.selectionName, filter, createdById: signedIn(caller).id });
      return renderComposer(deps, caller, { draft: { ...draft, savedSelectionId: saved.id }, flash: n.selectionSaved(saved.name) });
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
      return renderComposer(deps, caller, { draft, errors: [{ field: 'selectionName', message: n.nameTaken(draft.selectionName) }], status: 409 });
    }
  }),
  composerPost('/newsletters', async ({ draft, filter, problems }, caller, deps) => {
    const n = newsletterWords(caller.lang);
    const parsed = campaignRequest.safeParse(campaignBody(draft, filter));
    const issues = parsed.success ? [] : parsed.error.issues.filter((issue) => String(issue.path[0]) !== 'filter');
    const errors = [...issues.map((issue) => ({ field: fieldOf(issue.path), message: `${n.fields[fieldOf(issue.path)]}: ${issue.message}` })), ...problems];
    if (!parsed.success || errors.length) return renderComposer(deps, caller, { draft, errors, status: 422 });
    const id = await createCampaign(deps, { campaign: parsed.data, createdById: signedIn(caller).id });
    return { kind: 'redirect', location: `/newsletters/${id}?done=created` };
  }),
  page<{ id: string }, { done?: (typeof DONE)[number]; seen?: string }>({
    method: 'GET',
    path: '/newsletters/{id}',
    access: 'admin',
    params: idParams,
    query: z.object({ done: z.enum(DONE).optional().catch(undefined), seen: z.string().max(100).optional() }),
    handler: ({ params, query }, caller, deps) => renderCampaign(deps, caller, params.id, query),
  }),
  page<{ id: string }>({
    method: 'GET',
    path: '/newsletters/{id}/rsvps.csv',
    access: 'admin',
    params: idParams,
    async handler({ params }, _caller, deps) {
      await campaignContent(deps.db, params.id);
      return { kind: 'download', type: 'text/csv; charset=utf-8', body: streamCsv(RSVP_CSV_HEADER, campaignRsvpCsvPages(deps.db, params.id)), filename: `rsvp-${params.id}.csv` };
    },
  }),
  commandPage('start', 'started'),
  commandPage('pause', 'paused'),
  commandPage('resume', 'resumed'),
  commandPage('cancel', 'cancelled'),
];
