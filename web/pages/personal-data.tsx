// Right of access and erasure on request (GDPR), for administrators, from the contact
// card: a readable data export (the JSON download is the API's own export), and erasure
// behind a typed confirmation. A wrong confirmation changes nothing.
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { ERASURE_REASONS, eraseContact, exportContact, logAccess } from '../../api/use-cases/personal-data.js';
import { notFound } from '../../domain/errors.js';
import { unitDisplayName, type UnitCode } from '../../domain/units.js';
import { CsrfField, Field, stockholmTime } from '../components.js';
import { page, signedIn, type WebCaller, type WebDeps } from '../declarations.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { renderStatusPage } from './status-page.js';
import { adminDataWords } from '../words/admin-data.js';

const idParams = z.object({ id: z.uuid() });
type ErasureReason = (typeof ERASURE_REASONS)[number];
export const exportDownloadPath = (id: string) => `/api/v1/contacts/${id}/export`;
const erasePath = (id: string) => `/contacts/${id}/erase`;

/** The contact card's administration part: export, and the way into erasure. */
export function PersonalDataActions({ contactId, caller }: { contactId: string; caller: WebCaller }) {
  const a = adminDataWords(caller.lang);
  const t = words(caller.lang);
  return (
    <section class="panel" aria-labelledby="admin-heading">
      <h2 id="admin-heading">{t.adminTitle}</h2>
      <ul class="plain-list">
        <li><a href={`/contacts/${contactId}/export`}>{a.exportView}</a></li>
        <li><a href={exportDownloadPath(contactId)} download>{a.exportDownload}</a></li>
      </ul>
      <ErasureForm contactId={contactId} caller={caller} />
    </section>
  );
}

function ErasureForm({ contactId, caller, reason, error, heading = true }: { contactId: string; caller: WebCaller; reason?: ErasureReason; error?: string; heading?: boolean }) {
  const a = adminDataWords(caller.lang);
  const t = words(caller.lang);
  return (
    <form method="post" action={erasePath(contactId)} class="erase-form">
      <CsrfField caller={caller} />
      {heading && <h3>{t.eraseTitle}</h3>}
      <Field id="reason" label={t.eraseReason}>
        <select id="reason" name="reason">{ERASURE_REASONS.map((code) => <option value={code} selected={code === reason}>{t.erasureReasons[code]}</option>)}</select>
      </Field>
      <div class={`field${error ? ' field-error' : ''}`} id="field-confirmation">
        <label for="confirmation">{a.confirmLabel}</label>
        <p class="hint" id="confirmation-hint">{a.confirmHint}</p>
        {error && <p class="error-message" id="confirmation-error"><span class="visually-hidden">{a.errorPrefix} </span>{error}</p>}
        <input
          id="confirmation"
          name="confirmation"
          autocomplete="off"
          spellcheck={false}
          maxLength={50}
          aria-describedby={error ? 'confirmation-hint confirmation-error' : 'confirmation-hint'}
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
      <button type="submit" class="danger">{a.eraseButton}</button>
    </form>
  );
}

async function erasePage(deps: WebDeps, caller: WebCaller, contactId: string, input: { reason?: ErasureReason; error?: string } = {}) {
  const a = adminDataWords(caller.lang);
  const t = words(caller.lang);
  const contact = await deps.db.contact.findUnique({ where: { id: contactId }, select: { firstName: true, lastName: true, _count: { select: { cases: true, activities: true } } } });
  if (!contact) throw notFound('Contact');
  const name = `${contact.firstName} ${contact.lastName}`;
  return renderPage(
    caller,
    input.error ? `${t.errorSummaryTitle}: ${a.eraseTitle(name)}` : a.eraseTitle(name),
    <div class="panel narrow">
      {input.error && (
        <div class="error-summary" role="alert" tabindex={-1} data-focus-after-swap>
          <h2>{t.errorSummaryTitle}</h2>
          <ul><li><a href="#confirmation">{input.error}</a></li></ul>
        </div>
      )}
      <p class="eyebrow"><a href={`/contacts/${contactId}`}>{t.contactCardTitle}</a></p>
      <h1>{a.eraseTitle(name)}</h1>
      <p>{a.eraseLead}</p>
      <p><strong>{a.eraseCounts(contact._count.cases, contact._count.activities)}</strong></p>
      <ErasureForm contactId={contactId} caller={caller} reason={input.reason} error={input.error} heading={false} />
    </div>,
  );
}

function Value({ value }: { value: unknown }): ComponentChildren {
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.length === 0 ? '–' : value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ');
  if (value instanceof Date) return stockholmTime(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every scalar field of a record, as a list of name and value (nested lists are shown on their own). */
function Fields({ record }: { record: Record<string, unknown> }) {
  return (
    <dl class="export-fields">
      {Object.entries(record)
        .filter(([, value]) => !(Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null)))
        .map(([key, value]) => (
          <div><dt>{key}</dt><dd><Value value={value} /></dd></div>
        ))}
    </dl>
  );
}

function Records({ title, id, records, heading, lang }: { title: string; id: string; records: Array<Record<string, unknown>>; heading: (record: Record<string, unknown>) => string; lang: 'sv' | 'en' }) {
  const a = adminDataWords(lang);
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title} ({records.length})</h2>
      {records.length === 0 ? <p>{a.none}</p> : (
        <ol class="export-records">
          {records.map((record) => (
            <li>
              <h3>{heading(record)}</h3>
              <Fields record={record} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const at = (value: unknown) => (value instanceof Date ? stockholmTime(value) : '–');

export const personalDataPages = [
  page<{ id: string }>({
    method: 'GET',
    path: '/contacts/{id}/export',
    access: 'admin',
    params: idParams,
    async handler({ params }, caller, deps) {
      const a = adminDataWords(caller.lang);
      const t = words(caller.lang);
      const exported = await exportContact(deps.db, params.id);
      await logAccess(deps.db, signedIn(caller).id, params.id, 'export');
      const { cases, activities, reviewItems, campaignRecipients, ...person } = exported.contact;
      const name = `${person.firstName} ${person.lastName}`;
      const transfers = cases.flatMap((row) => row.transfers);
      return {
        kind: 'html',
        html: renderPage(
          caller,
          a.exportTitle(name),
          <>
            <p class="eyebrow"><a href={`/contacts/${params.id}`}>{t.contactCardTitle}</a></p>
            <h1>{a.exportTitle(name)}</h1>
            <p>{a.exportLead} {a.exportedAt} {stockholmTime(exported.exportedAt)}.</p>
            <p><a class="button-link" href={exportDownloadPath(params.id)} download>{a.exportDownload}</a></p>
            <section class="panel" aria-labelledby="person-heading">
              <h2 id="person-heading">{a.personTitle}</h2>
              <Fields record={person} />
            </section>
            <Records title={a.casesTitle} id="cases-heading" records={cases} lang={caller.lang}
              heading={(row) => `${t.caseNumber} ${String(row.number)} · ${unitDisplayName(row.responsibleUnit as UnitCode)} · ${at(row.receivedAt)}`} />
            <Records title={t.entryTransfer} id="transfers-heading" records={transfers} lang={caller.lang} heading={(row) => at(row.transferredAt)} />
            <Records title={a.dialogTitle} id="dialog-heading" records={activities} lang={caller.lang} heading={(row) => `${at(row.occurredAt)} · ${String(row.type)}`} />
            <Records title={t.reviewItemsTitle} id="review-heading" records={reviewItems} lang={caller.lang} heading={(row) => at(row.createdAt)} />
            <Records title={t.newsletterStatus} id="campaigns-heading" records={campaignRecipients} lang={caller.lang} heading={(row) => String((row.campaign as { title?: string } | undefined)?.title ?? '')} />
            <Records title={a.sentEmailsTitle} id="sent-heading" records={exported.emailsSentAboutCases} lang={caller.lang} heading={(row) => `${at(row.createdAt)} · ${String(row.subject ?? '')}`} />
            <Records title={a.capturedEmailsTitle} id="captured-heading" records={exported.capturedEmailsFromThePerson} lang={caller.lang} heading={(row) => `${at(row.receivedAt)} · ${String(row.subject ?? '')}`} />
          </>,
        ),
      };
    },
  }),
  page<{ id: string }>({
    method: 'GET',
    path: '/contacts/{id}/erase',
    access: 'admin',
    params: idParams,
    async handler({ params }, caller, deps) {
      return { kind: 'html', html: await erasePage(deps, caller, params.id) };
    },
  }),
  page<{ id: string }, object, { reason: ErasureReason; confirmation: string }>({
    method: 'POST',
    path: '/contacts/{id}/erase',
    access: 'admin',
    params: idParams,
    body: z.object({ reason: z.enum(ERASURE_REASONS), confirmation: z.string().max(200).default('') }),
    backTo: (params) => erasePath(params.id),
    async handler({ params, body }, caller, deps) {
      const a = adminDataWords(caller.lang);
      // The word of either language confirms; anything else changes nothing.
      const typed = body.confirmation.trim().toUpperCase();
      if (typed !== adminDataWords('sv').confirmWord && typed !== adminDataWords('en').confirmWord) {
        return { kind: 'html', status: 422, html: await erasePage(deps, caller, params.id, { reason: body.reason, error: a.confirmWrong }) };
      }
      await eraseContact(deps, { contactId: params.id, reason: body.reason, erasedById: signedIn(caller).id });
      return { kind: 'html', html: renderStatusPage(caller, { title: words(caller.lang).erased }) };
    },
  }),
];
