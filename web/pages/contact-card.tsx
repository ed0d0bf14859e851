// The contact card: who the person is and how they want to be reached, their cases with
// the SLA countdown, the composer, the case actions and one paged timeline.
import { z } from 'zod';
import { activityRequest, normalizePhone, unitCode } from '../../api/schemas.js';
import { closeCase, transferCase } from '../../api/use-cases/case-commands.js';
import { changeMoveStatus, correctContactDetails } from '../../api/use-cases/contact-changes.js';
import { logActivity } from '../../api/use-cases/log-activity.js';
import { logAccess } from '../../api/use-cases/personal-data.js';
import { caseView } from '../../api/use-cases/views.js';
import { notFound } from '../../domain/errors.js';
import { MOVE_STATUSES } from '../../domain/codes.js';
import { MUNICIPALITY_CODES, unitDisplayName, type UnitCode } from '../../domain/units.js';
import { page, signedIn, type WebCaller, type WebDeps } from '../declarations.js';
import { CsrfField, Field, Flash, PreferredContact, SlaBadge, UnitSelect, stockholmTime } from '../components.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { PersonalDataActions } from './personal-data.js';
import { readContactCardPageRows } from '../contact-card-page-query.js';
import { pageOfTimeline, type TimelineEntry } from '../timeline.js';

const idParams = z.object({ id: z.uuid() });
const caseParams = z.object({ id: z.uuid() });
const SAVED = ['activity', 'details', 'move-status', 'transfer', 'close'] as const;
const cardPath = (id: string, saved?: (typeof SAVED)[number]) => `/contacts/${id}${saved ? `?saved=${saved}` : ''}`;
/** Forms on the card swap the card in place when JavaScript runs, and post normally when not. */
const swapCard = (action: string) => ({ 'hx-post': action, 'hx-target': '#card', 'hx-select': '#card', 'hx-swap': 'outerHTML' });

export function TimelineItem({ entry, caller }: { entry: TimelineEntry; caller: WebCaller }) {
  const t = words(caller.lang);
  const unit = (code: string) => unitDisplayName(code as UnitCode);
  let title: string;
  let detail: string | null = null;
  let who: string | null = null;
  switch (entry.kind) {
    case 'activity':
      title =
        entry.type === 'email'
          ? entry.direction === 'inbound' ? t.entryEmailIn : t.entryEmailOut
          : entry.type === 'phone'
            ? entry.outcome === 'reached' ? t.entryCallReached : t.entryCallNoAnswer
            : entry.type === 'meeting' ? t.entryMeeting : t.entryNote;
      detail = entry.summary;
      who = entry.author ?? t.theProduct;
      break;
    case 'received':
      title = `${t.entryReceived} (${t.caseNumber} ${entry.caseNumber}, ${unit(entry.unit)})`;
      break;
    case 'transfer':
      title = `${t.entryTransfer} ${unit(entry.fromUnit)} → ${unit(entry.toUnit)} (${t.caseNumber} ${entry.caseNumber})`;
      detail = entry.note;
      who = entry.author;
      break;
    case 'escalation':
      title = `${t.entryEscalation} (${entry.level}) – ${t.caseNumber} ${entry.caseNumber}`;
      break;
    case 'first-reply':
      title = `${t.entryFirstReply} – ${entry.slaOutcome === 'met' ? t.repliedInTime : t.repliedLate} (${t.caseNumber} ${entry.caseNumber})`;
      break;
    case 'closed':
      title = `${t.entryClosed} (${t.caseNumber} ${entry.caseNumber})`;
      who = entry.author;
      break;
  }
  return (
    <li class={`entry entry-${entry.kind}`}>
      <p class="entry-title"><strong>{title}</strong></p>
      <p class="muted"><time dateTime={entry.at.toISOString()}>{stockholmTime(entry.at)}</time>{who && <> · {t.by} {who}</>}</p>
      {detail && <p class="entry-text">{detail}</p>}
    </li>
  );
}

async function loadCard(deps: WebDeps, id: string, readBy: string, timelinePage: number) {
  const { contact, cases, timeline } = await readContactCardPageRows(deps.db, id, readBy);
  if (!contact) throw notFound('Contact');
  // The case rows hold every state the workflow changes: the card never waits on a worker.
  return { contact, cases: cases.map((row) => ({ row, view: caseView(row) })), timeline: pageOfTimeline(timeline, timelinePage) };
}

async function renderCard(deps: WebDeps, caller: WebCaller, id: string, timelinePage: number, saved?: (typeof SAVED)[number]) {
  const t = words(caller.lang);
  const me = signedIn(caller);
  const { contact, cases, timeline } = await loadCard(deps, id, me.id, timelinePage);
  const name = `${contact.firstName} ${contact.lastName}`;
  const openCases = cases.filter(({ view }) => view.status !== 'closed');
  const mailto = contact.email ? `mailto:${contact.email}?bcc=${encodeURIComponent(deps.captureAddress)}` : null;
  const others = [
    contact.preferredContactMethod !== 'phone' && contact.phone ? { label: t.phone, value: contact.phone, href: `tel:${contact.phone}` } : null,
    contact.preferredContactMethod !== 'email' && contact.email ? { label: t.email, value: contact.email, href: `mailto:${contact.email}` } : null,
  ].filter((channel) => channel !== null);
  const municipalityNames = contact.chosenMunicipalities.map((code) => unitDisplayName(code as UnitCode));
  const pageLink = (n: number) => `/contacts/${id}?page=${n}#timeline`;

  const content = (
    <div id="card">
      <header class="card-header panel">
        <p class="eyebrow">{t.contactCardTitle}</p>
        <h1 tabindex={-1} data-focus-after-swap={saved ? undefined : true}>{name}</h1>
        <p class="preferred-big"><PreferredContact method={contact.preferredContactMethod} phone={contact.phone} email={contact.email} lang={caller.lang} /></p>
        {others.length > 0 && (
          <p>{t.otherChannels}: {others.map((channel, index) => <>{index > 0 && ', '}{channel.label} <a href={channel.href}>{channel.value}</a></>)}</p>
        )}
        <dl class="facts">
          <div><dt>{t.chosenMunicipalities}</dt><dd>{municipalityNames.length ? municipalityNames.join(', ') : t.noneChosen}</dd></div>
          <div><dt>{t.interests}</dt><dd>{contact.interests.map((code) => t.interestLabels[code as keyof typeof t.interestLabels] ?? code).join(', ') || '–'}</dd></div>
          <div><dt>{t.household}</dt><dd>{contact.householdAdults ?? '–'} {t.adults}, {contact.householdChildren ?? '–'} {t.children}</dd></div>
          <div><dt>{t.languageOfContact}</dt><dd>{t.languages[contact.language] ?? contact.language}</dd></div>
          <div><dt>{t.moveStatus}</dt><dd>{t.moveStatuses[contact.moveStatus] ?? contact.moveStatus}{contact.movedToMunicipality && ` (${unitDisplayName(contact.movedToMunicipality as UnitCode)})`}</dd></div>
          <div><dt>{t.newsletterStatus}</dt><dd>{t.newsletterStatuses[contact.newsletterStatus] ?? contact.newsletterStatus}</dd></div>
          {contact.currentLocation && <div><dt>{t.currentLocation}</dt><dd>{contact.currentLocation}</dd></div>}
          {contact.moveTimeframe && <div><dt>{t.moveTimeframe}</dt><dd>{contact.moveTimeframe}</dd></div>}
        </dl>
        {contact.message && <><h2 class="small">{t.messageFromPerson}</h2><p class="message">{contact.message}</p></>}
      </header>

      <Flash text={saved ? t.saved : undefined} />

      <section class="panel" aria-labelledby="cases-heading">
        <h2 id="cases-heading">{t.casesTitle}</h2>
        <ul class="case-list">
          {cases.map(({ row, view }) => (
            <li class="case-card" id={`case-${row.number}`}>
              <h3>{t.caseNumber} {row.number} · {unitDisplayName(view.unit as UnitCode)}</h3>
              <p class="case-sla"><SlaBadge facts={{ status: view.status, slaOutcome: view.slaOutcome, firstReplyDueAt: new Date(view.firstReplyDueAt) }} lang={caller.lang} /></p>
              <p class="muted">{t.caseStatus[view.status] ?? view.status} · {t.dueAt} {stockholmTime(view.firstReplyDueAt)} · {t.source}: {t.sources[row.sourceKind] ?? row.sourceKind}</p>
              {view.status !== 'closed' && (
                <details class="actions">
                  <summary>{t.transferTitle} / {t.closeButton}</summary>
                  <form method="post" action={`/cases/${row.id}/transfer`} {...swapCard(`/cases/${row.id}/transfer`)}>
                    <CsrfField caller={caller} />
                    <Field id={`transfer-to-${row.number}`} label={t.transferTo}>
                      <UnitSelect id={`transfer-to-${row.number}`} name="to" lang={caller.lang} selected={view.unit === 'region' ? 'are' : 'region'} />
                    </Field>
                    <Field id={`transfer-note-${row.number}`} label={t.transferNote}>
                      <textarea id={`transfer-note-${row.number}`} name="note" rows={2} required maxLength={2000}></textarea>
                    </Field>
                    <button type="submit">{t.transferButton}</button>
                  </form>
                  <form method="post" action={`/cases/${row.id}/close`} {...swapCard(`/cases/${row.id}/close`)}>
                    <CsrfField caller={caller} />
                    <Field id={`close-note-${row.number}`} label={t.closeNote}>
                      <textarea id={`close-note-${row.number}`} name="note" rows={2} maxLength={2000}></textarea>
                    </Field>
                    <button type="submit" class="secondary">{t.closeButton}</button>
                  </form>
                </details>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section class="panel" aria-labelledby="composer-heading">
        <h2 id="composer-heading">{t.composerTitle}</h2>
        {mailto && (
          <p><a class="button-link" href={mailto} aria-describedby="write-email-hint">{t.writeEmail}</a> <span class="hint" id="write-email-hint">{t.writeEmailHint}</span></p>
        )}
        <form method="post" action={`/contacts/${id}/activities`} {...swapCard(`/contacts/${id}/activities`)}>
          <CsrfField caller={caller} />
          <fieldset>
            <legend>{t.entryKind}</legend>
            {([['call', t.composerCall], ['meeting', t.composerMeeting], ['note', t.composerNote], ['email', t.composerEmail]] as const).map(([value, label], index) => (
              <label class="choice"><input type="radio" name="kind" value={value} checked={index === 0} /> {label}</label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t.outcome} ({t.composerCall.toLowerCase()})</legend>
            <label class="choice"><input type="radio" name="outcome" value="reached" checked /> {t.outcomeReached}</label>
            <label class="choice"><input type="radio" name="outcome" value="no-answer" /> {t.outcomeNoAnswer}</label>
          </fieldset>
          {openCases.length > 1 && (
            <Field id="composer-case" label={t.caseNumber}>
              <select id="composer-case" name="caseId">
                <option value="">{t.any}</option>
                {openCases.map(({ row }) => <option value={row.id}>{t.caseNumber} {row.number}</option>)}
              </select>
            </Field>
          )}
          <Field id="summary" label={t.summary}>
            <textarea id="summary" name="summary" rows={3} required maxLength={20000}></textarea>
          </Field>
          <button type="submit">{t.logEntry}</button>
        </form>
      </section>

      <section class="panel" aria-labelledby="timeline-heading" id="timeline">
        <h2 id="timeline-heading">{t.timelineTitle}</h2>
        {timeline.total === 0 ? <p>{t.timelineEmpty}</p> : (
          <ol class="timeline">
            {timeline.entries.map((entry) => <TimelineItem entry={entry} caller={caller} />)}
          </ol>
        )}
        {timeline.pages > 1 && (
          <nav aria-label={t.timelineTitle} class="pager">
            {timeline.page > 1 && <a href={pageLink(timeline.page - 1)} rel="prev">{t.newer}</a>}
            <span>{t.pageOf(timeline.page, timeline.pages)}</span>
            {timeline.page < timeline.pages && <a href={pageLink(timeline.page + 1)} rel="next">{t.older}</a>}
          </nav>
        )}
      </section>

      <section class="panel" aria-labelledby="move-heading">
        <h2 id="move-heading">{t.moveStatusTitle}</h2>
        <form method="post" action={`/contacts/${id}/move-status`} {...swapCard(`/contacts/${id}/move-status`)}>
          <CsrfField caller={caller} />
          <Field id="moveStatus" label={t.moveStatus}>
            <select id="moveStatus" name="moveStatus">
              {MOVE_STATUSES.map((status) => <option value={status} selected={status === contact.moveStatus}>{t.moveStatuses[status]}</option>)}
            </select>
          </Field>
          <Field id="municipality" label={`${t.movedTo} (${t.moveStatuses.moved?.toLowerCase()})`}>
            <select id="municipality" name="municipality">
              <option value="">–</option>
              {MUNICIPALITY_CODES.map((code) => <option value={code} selected={code === contact.movedToMunicipality}>{unitDisplayName(code)}</option>)}
            </select>
          </Field>
          <Field id="movedOn" label={t.movedOn}>
            <input id="movedOn" name="movedOn" type="date" value={contact.movedOn?.toISOString().slice(0, 10) ?? ''} />
          </Field>
          <button type="submit">{t.saveMoveStatus}</button>
        </form>
      </section>

      <section class="panel" aria-labelledby="correct-heading">
        <h2 id="correct-heading">{t.correctTitle}</h2>
        <form method="post" action={`/contacts/${id}/details`} {...swapCard(`/contacts/${id}/details`)}>
          <CsrfField caller={caller} />
          <Field id="firstName" label={t.firstName}><input id="firstName" name="firstName" value={contact.firstName} required maxLength={100} autocomplete="off" /></Field>
          <Field id="lastName" label={t.lastName}><input id="lastName" name="lastName" value={contact.lastName} required maxLength={100} autocomplete="off" /></Field>
          <Field id="email" label={t.email}><input id="email" name="email" type="email" value={contact.email ?? ''} maxLength={254} autocomplete="off" /></Field>
          <Field id="phone" label={t.phone}><input id="phone" name="phone" type="tel" value={contact.phone ?? ''} maxLength={30} autocomplete="off" /></Field>
          <Field id="preferredContactMethod" label={t.preferredContactMethod}>
            <select id="preferredContactMethod" name="preferredContactMethod">
              <option value="email" selected={contact.preferredContactMethod === 'email'}>{t.email}</option>
              <option value="phone" selected={contact.preferredContactMethod === 'phone'}>{t.phone}</option>
            </select>
          </Field>
          <button type="submit">{t.saveDetails}</button>
        </form>
      </section>

      {me.role === 'admin' && <PersonalDataActions contactId={id} caller={caller} />}
    </div>
  );
  return renderPage(caller, name, content);
}

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((value) => (value ? value : undefined));
const composerBody = z.object({
  kind: z.enum(['call', 'meeting', 'note', 'email']),
  outcome: z.enum(['reached', 'no-answer']).optional(),
  caseId: z.union([z.uuid(), z.literal('')]).optional(),
  summary: z.string().trim().min(1).max(20_000),
});

export const contactCardPages = [
  page<{ id: string }, { page: number; saved?: (typeof SAVED)[number] }>({
    method: 'GET',
    path: '/contacts/{id}',
    access: 'coordinator',
    params: idParams,
    query: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1), saved: z.enum(SAVED).optional() }),
    async handler({ params, query }, caller, deps) {
      return { kind: 'html', html: await renderCard(deps, caller, params.id, query.page, query.saved) };
    },
  }),
  page<{ id: string }, object, z.infer<typeof composerBody>>({
    method: 'POST',
    path: '/contacts/{id}/activities',
    access: 'coordinator',
    params: idParams,
    body: composerBody,
    backTo: (params) => cardPath(params.id),
    async handler({ params, body }, caller, deps) {
      const author = signedIn(caller);
      // The composer's choices become the JSON API's activity request, validated by the same schema.
      const request = activityRequest.parse({
        ...(body.kind === 'call' ? { type: 'phone', outcome: body.outcome ?? 'reached' } : {}),
        ...(body.kind === 'meeting' ? { type: 'meeting' } : {}),
        ...(body.kind === 'note' ? { type: 'note' } : {}),
        ...(body.kind === 'email' ? { type: 'email', direction: 'outbound' } : {}),
        summary: body.summary,
        ...(body.caseId ? { caseId: body.caseId } : {}),
      });
      await logActivity(deps, { contactId: params.id, author, body: request });
      await logAccess(deps.db, author.id, params.id, 'write');
      return { kind: 'redirect', location: cardPath(params.id, 'activity') };
    },
  }),
  page<{ id: string }, object, { firstName: string; lastName: string; email?: string; phone?: string; preferredContactMethod: 'email' | 'phone' }>({
    method: 'POST',
    path: '/contacts/{id}/details',
    access: 'coordinator',
    params: idParams,
    body: z.object({
      firstName: z.string().trim().min(1).max(100),
      lastName: z.string().trim().min(1).max(100),
      email: optionalText(254).pipe(z.email().transform((value) => value.toLowerCase()).optional()),
      phone: optionalText(30).pipe(z.string().regex(/^\+?[0-9][0-9\s()-]{5,24}$/, 'expected a phone number such as 070-123 45 67').transform(normalizePhone).optional()),
      preferredContactMethod: z.enum(['email', 'phone']),
    }),
    backTo: (params) => cardPath(params.id),
    async handler({ params, body }, caller, deps) {
      const author = signedIn(caller);
      await correctContactDetails(deps.db, {
        contactId: params.id,
        author,
        correction: { firstName: body.firstName, lastName: body.lastName, email: body.email ?? null, phone: body.phone ?? null, preferredContactMethod: body.preferredContactMethod },
      });
      await logAccess(deps.db, author.id, params.id, 'write');
      return { kind: 'redirect', location: cardPath(params.id, 'details') };
    },
  }),
  page<{ id: string }, object, { moveStatus: (typeof MOVE_STATUSES)[number]; municipality?: string; movedOn?: string }>({
    method: 'POST',
    path: '/contacts/{id}/move-status',
    access: 'coordinator',
    params: idParams,
    body: z
      .object({ moveStatus: z.enum(MOVE_STATUSES), municipality: optionalText(20), movedOn: optionalText(10) })
      .superRefine((body, ctx) => {
        if (body.moveStatus !== 'moved') return;
        if (!body.municipality || !(MUNICIPALITY_CODES as string[]).includes(body.municipality)) ctx.addIssue({ code: 'custom', path: ['municipality'], message: 'choose the municipality moved to' });
        if (!body.movedOn || !/^\d{4}-\d{2}-\d{2}$/.test(body.movedOn)) ctx.addIssue({ code: 'custom', path: ['movedOn'], message: 'give the date of the move' });
      }),
    backTo: (params) => cardPath(params.id),
    async handler({ params, body }, caller, deps) {
      const author = signedIn(caller);
      await changeMoveStatus(deps.db, { contactId: params.id, author, change: { moveStatus: body.moveStatus, municipality: body.municipality, movedOn: body.movedOn } });
      await logAccess(deps.db, author.id, params.id, 'write');
      return { kind: 'redirect', location: cardPath(params.id, 'move-status') };
    },
  }),
  page<{ id: string }, object, { to: UnitCode; note: string }>({
    method: 'POST',
    path: '/cases/{id}/transfer',
    access: 'coordinator',
    params: caseParams,
    body: z.object({ to: unitCode, note: z.string().trim().min(1).max(2000) }),
    async handler({ params, body }, caller, deps) {
      const author = signedIn(caller);
      const row = await deps.db.case.findUnique({ where: { id: params.id }, select: { contactId: true } });
      if (!row) throw notFound('Case');
      await transferCase(deps, { caseId: params.id, to: body.to, note: body.note, author });
      return { kind: 'redirect', location: cardPath(row.contactId, 'transfer') };
    },
  }),
  page<{ id: string }, object, { note?: string }>({
    method: 'POST',
    path: '/cases/{id}/close',
    access: 'coordinator',
    params: caseParams,
    body: z.object({ note: optionalText(2000) }),
    async handler({ params, body }, caller, deps) {
      const author = signedIn(caller);
      const row = await deps.db.case.findUnique({ where: { id: params.id }, select: { contactId: true } });
      if (!row) throw notFound('Case');
      const closed = await closeCase(deps, { caseId: params.id, author });
      if (closed && body.note) {
        await logActivity(deps, { contactId: row.contactId, author, body: { type: 'note', summary: body.note, caseId: params.id } });
      }
      return { kind: 'redirect', location: cardPath(row.contactId, 'close') };
    },
  }),
];
