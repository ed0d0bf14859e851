// The review queue of captured email (MISSION.md §5) for administrators: read a queued
// message, put it on a contact card as the person's or a guide's email, or discard it.
// The message's text is shown as text (JSX escapes it), never as markup.
import { z } from 'zod';
import { searchContacts } from '../../api/use-cases/case-lists.js';
import { logAccess } from '../../api/use-cases/personal-data.js';
import { attachQueuedEmail, discardQueuedEmail, inboundEmailQueue, queuedEmail, REVIEW_DIRECTIONS } from '../../api/use-cases/inbound-email-review.js';
import { CsrfField, Field, Flash, stockholmTime } from '../components.js';
import { page, signedIn, type WebCaller, type WebDeps } from '../declarations.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { adminDataWords } from '../words/admin-data.js';

const PAGE_SIZE = 25;
const idParams = z.object({ id: z.uuid() });
const messagePath = (id: string) => `/admin/inbox/${id}`;

type Message = Awaited<ReturnType<typeof queuedEmail>>;

function Facts({ message, caller }: { message: Message; caller: WebCaller }) {
  const a = adminDataWords(caller.lang);
  const attachments = Array.isArray(message.attachments) ? (message.attachments as Array<{ filename?: string | null; contentType?: string }>) : [];
  return (
    <dl class="facts">
      <div><dt>{a.from}</dt><dd>{message.from ?? '–'}</dd></div>
      {message.sentAt && <div><dt>{a.sentAt}</dt><dd>{stockholmTime(message.sentAt)}</dd></div>}
      <div><dt>{a.receivedAt}</dt><dd>{stockholmTime(message.receivedAt)} ({message.receivedVia.toUpperCase()})</dd></div>
      {message.reason && <div><dt>{a.reason}</dt><dd>{a.reasons[message.reason] ?? message.reason}</dd></div>}
      {message.partyAddresses.length > 0 && <div><dt>{a.parties}</dt><dd>{message.partyAddresses.join(', ')}</dd></div>}
      {message.duplicateCount > 0 && <div><dt>{a.duplicates}</dt><dd>{message.duplicateCount}</dd></div>}
      {attachments.length > 0 && <div><dt>{a.attachments}</dt><dd>{attachments.map((item) => item.filename ?? item.contentType ?? '?').join(', ')}</dd></div>}
    </dl>
  );
}

async function contactChoices(deps: WebDeps, message: Message, q: string | undefined) {
  // Contacts whose address the message names come first; a search adds more.
  const [named, found] = await Promise.all([
    message.partyAddresses.length ? deps.db.contact.findMany({ where: { email: { in: message.partyAddresses } }, take: 20 }) : [],
    q ? searchContacts(deps.db, q, 20) : [],
  ]);
  const namedIds = new Set(named.map((contact) => contact.id));
  return { choices: [...named.map((contact) => ({ contact, named: true })), ...found.filter((contact) => !namedIds.has(contact.id)).map((contact) => ({ contact, named: false }))], searched: Boolean(q), found: found.length };
}

export const inboxPages = [
  page<object, { page: number; saved?: 'attached' | 'discarded'; contact?: string }>({
    method: 'GET',
    path: '/admin/inbox',
    access: 'admin',
    query: z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1), saved: z.enum(['attached', 'discarded']).optional(), contact: z.uuid().optional() }),
    async handler({ query }, caller, deps) {
      const a = adminDataWords(caller.lang);
      const t = words(caller.lang);
      const queue = await inboundEmailQueue(deps.db, { status: 'review', page: query.page, pageSize: PAGE_SIZE, textLimit: 200 });
      const pages = Math.max(1, Math.ceil(queue.total / PAGE_SIZE));
      return {
        kind: 'html',
        html: renderPage(
          caller,
          a.inboxTitle,
          <>
            <p class="eyebrow"><a href="/admin">{t.adminTitle}</a></p>
            <h1>{a.inboxTitle}</h1>
            <p class="lead">{a.inboxLead}</p>
            <Flash text={query.saved === 'attached' ? a.attachedFlash : query.saved === 'discarded' ? a.discardedFlash : undefined} />
            {query.saved === 'attached' && query.contact && <p><a href={`/contacts/${query.contact}#timeline`}>{a.openCard}</a></p>}
            <p><strong>{a.inboxCount(queue.total)}</strong></p>
            {queue.items.length === 0 ? <p>{a.inboxEmpty}</p> : (
              <ul class="case-list">
                {queue.items.map((item) => (
                  <li class="case-card">
                    <h2 class="small"><a href={messagePath(item.id)}>{item.subject || a.noSubject}</a></h2>
                    <p>{a.from}: {item.from ?? '–'} · <span class="muted">{stockholmTime(item.receivedAt)}</span></p>
                    <p class="muted">{a.reason}: {a.reasons[item.reason ?? ''] ?? item.reason}{item.duplicateCount > 0 && <> · {a.duplicates}: {item.duplicateCount}</>}</p>
                  </li>
                ))}
              </ul>
            )}
            {pages > 1 && (
              <nav class="pager" aria-label={a.inboxTitle}>
                {query.page > 1 && <a href={`/admin/inbox?page=${query.page - 1}`} rel="prev">{t.newer}</a>}
                <span>{t.pageOf(query.page, pages)}</span>
                {query.page < pages && <a href={`/admin/inbox?page=${query.page + 1}`} rel="next">{t.older}</a>}
              </nav>
            )}
          </>,
        ),
      };
    },
  }),
  page<{ id: string }, { q?: string }>({
    method: 'GET',
    path: '/admin/inbox/{id}',
    access: 'admin',
    params: idParams,
    query: z.object({ q: z.string().trim().max(200).optional() }),
    async handler({ params, query }, caller, deps) {
      const a = adminDataWords(caller.lang);
      const t = words(caller.lang);
      const message = await queuedEmail(deps.db, params.id);
      const q = query.q && query.q.length >= 2 ? query.q : undefined;
      const { choices, searched, found } = message.status === 'review' ? await contactChoices(deps, message, q) : { choices: [], searched: false, found: 0 };
      const title = message.subject || a.noSubject;
      return {
        kind: 'html',
        html: renderPage(
          caller,
          title,
          <>
            <p class="eyebrow"><a href="/admin/inbox">{a.backToInbox}</a></p>
            <h1>{title}</h1>
            <section class="panel" aria-labelledby="message-heading">
              <h2 id="message-heading">{a.messageTitle}</h2>
              <Facts message={message} caller={caller} />
              <pre class="message-text">{message.text}</pre>
            </section>
            {message.status !== 'review' ? (
              <p class="panel">{a.alreadyHandled(a.handledStatuses[message.status] ?? message.status)}</p>
            ) : (
              <>
                <section class="panel" aria-labelledby="attach-heading">
                  <h2 id="attach-heading">{a.attachTitle}</h2>
                  <form method="get" action={messagePath(message.id)} role="search" class="inline-form">
                    <Field id="q" label={a.searchContact}>
                      <input id="q" name="q" type="search" value={query.q ?? ''} maxLength={200} autocomplete="off" spellcheck={false} />
                    </Field>
                    <button type="submit" class="secondary">{a.searchButton}</button>
                  </form>
                  {searched && <p data-announce>{found === 0 ? a.noMatches : t.searchResults(found)}</p>}
                  {choices.length === 0 ? <p>{a.noCandidates}</p> : (
                    <form method="post" action={`${messagePath(message.id)}/attach`}>
                      <CsrfField caller={caller} />
                      <fieldset id="field-contactId">
                        <legend>{a.chooseContact}</legend>
                        {choices.map(({ contact, named }, index) => (
                          <label class="choice block">
                            <input type="radio" name="contactId" value={contact.id} checked={index === 0} required />
                            <span>{contact.firstName} {contact.lastName}{contact.email && <> – {contact.email}</>}{named && <> ({a.suggested})</>}</span>
                          </label>
                        ))}
                      </fieldset>
                      <fieldset id="field-direction">
                        <legend>{a.directionLegend}</legend>
                        {REVIEW_DIRECTIONS.map((direction, index) => (
                          <label class="choice block"><input type="radio" name="direction" value={direction} checked={index === 0} /> <span>{a[direction]}</span></label>
                        ))}
                      </fieldset>
                      <button type="submit">{a.attachButton}</button>
                    </form>
                  )}
                </section>
                <section class="panel" aria-labelledby="discard-heading">
                  <h2 id="discard-heading">{a.discardTitle}</h2>
                  <p id="discard-text">{a.discardText}</p>
                  <form method="post" action={`${messagePath(message.id)}/discard`}>
                    <CsrfField caller={caller} />
                    <button type="submit" class="danger" aria-describedby="discard-text">{a.discardButton}</button>
                  </form>
                </section>
              </>
            )}
          </>,
        ),
      };
    },
  }),
  page<{ id: string }, object, { contactId: string; direction: (typeof REVIEW_DIRECTIONS)[number] }>({
    method: 'POST',
    path: '/admin/inbox/{id}/attach',
    access: 'admin',
    params: idParams,
    body: z.object({ contactId: z.uuid(), direction: z.enum(REVIEW_DIRECTIONS) }),
    backTo: (params) => messagePath(params.id),
    async handler({ params, body }, caller, deps) {
      const actor = signedIn(caller);
      await attachQueuedEmail(deps, { emailId: params.id, contactId: body.contactId, direction: body.direction, actor });
      await logAccess(deps.db, actor.id, body.contactId, 'write');
      return { kind: 'redirect', location: `/admin/inbox?saved=attached&contact=${body.contactId}` };
    },
  }),
  page<{ id: string }>({
    method: 'POST',
    path: '/admin/inbox/{id}/discard',
    access: 'admin',
    params: idParams,
    backTo: (params) => messagePath(params.id),
    async handler({ params }, caller, deps) {
      await discardQueuedEmail(deps, { emailId: params.id, actor: signedIn(caller) });
      return { kind: 'redirect', location: '/admin/inbox?saved=discarded' };
    },
  }),
];
