// Issue 15: "Mina uppgifter" — the person sees, downloads and erases what is held about
// them and manages the newsletter, behind an emailed one-time link. Pages only: the
// rules are in api/use-cases/own-data-requests.ts and personal-data.ts.
import { z } from 'zod';
import { unitDisplayName, type UnitCode } from '../../domain/units.js';
import { requestSubscription } from '../../api/use-cases/newsletter-subscription.js';
import { unsubscribe } from '../../api/use-cases/newsletter-links.js';
import {
  OWN_DATA_SESSION_LIFETIME_MS,
  endOwnDataSession,
  ownDataSession,
  recordOwnDataRequest,
  redeemOwnDataLink,
  requestOwnDataLink,
} from '../../api/use-cases/own-data-requests.js';
import { eraseContact, exportContact, logAccess } from '../../api/use-cases/personal-data.js';
import { CsrfField, stockholmTime } from '../components.js';
import { page, type PageResult, type WebCaller, type WebDeps } from '../declarations.js';
import { WEB_LANGUAGES, type Language } from '../i18n.js';
import { publicHref, renderPublicPage } from '../public-layout.js';
import { inMoverWords } from '../words/inmover.js';

export const OWN_DATA_COOKIE = 'iv_person';

const langField = z.enum(WEB_LANGUAGES).optional();
const pickLang = (lang: Language | undefined, caller: WebCaller): Language => lang ?? caller.lang;

function LangField({ lang }: { lang: Language }) {
  return <input type="hidden" name="lang" value={lang} />;
}

function simplePage(lang: Language, path: string, title: string, body: preact.ComponentChildren, status = 200): PageResult {
  return { kind: 'html', status, html: renderPublicPage({ lang, path }, title, <div class="panel narrow"><h1>{title}</h1>{body}</div>) };
}

function requestForm(caller: WebCaller, lang: Language, notice?: string) {
  const t = inMoverWords(lang);
  return simplePage(lang, '/my-data', t.myDataTitle, (
    <>
      {notice && <p role="alert">{notice}</p>}
      <p>{t.myDataLead}</p>
      <form method="post" action="/my-data">
        <CsrfField caller={caller} />
        <LangField lang={lang} />
        <div class="field">
          <label for="email">{t.email}</label>
          <input id="email" name="email" type="email" autocomplete="email" spellcheck={false} />
        </div>
        <button type="submit">{t.sendLink}</button>
      </form>
    </>
  ));
}

/** The open session's card, or the way back to asking for a link. */
async function sessionContact(caller: WebCaller, deps: WebDeps) {
  return ownDataSession(deps.db, caller.cookies[OWN_DATA_COOKIE]);
}
const expired = (lang: Language): PageResult => ({ kind: 'redirect', location: publicHref('/my-data', lang, { expired: '1' }) });

type Export = Awaited<ReturnType<typeof exportContact>>;

function Overview({ caller, lang, data, flash, eraseError }: { caller: WebCaller; lang: Language; data: Export; flash?: string; eraseError?: boolean }) {
  const t = inMoverWords(lang);
  const { contact } = data;
  const row = (label: string, value: preact.ComponentChildren) => (
    <div><dt>{label}</dt><dd>{value}</dd></div>
  );
  const list = (values: string[]) => (values.length > 0 ? values.join(', ') : t.none);
  return (
    <>
      <h1>{t.overviewTitle}</h1>
      {flash && <p class="flash" role="status"><span aria-hidden="true">✓ </span>{flash}</p>}
      <section class="panel" aria-labelledby="details-title">
        <h2 id="details-title">{t.yourDetails}</h2>
        <dl class="facts">
          {row(t.name, `${contact.firstName} ${contact.lastName}`)}
          {row(t.email, contact.email ?? t.none)}
          {row(t.phone, contact.phone ?? t.none)}
          {row(t.preferred, contact.preferredContactMethod === 'phone' ? t.byPhone : t.byEmail)}
          {row(t.chosenMunicipalities, list(contact.chosenMunicipalities.map((code) => unitDisplayName(code as UnitCode))))}
          {row(t.topics, list(contact.interests.map((code) => t.interestLabels[code as keyof typeof t.interestLabels] ?? code)))}
          {row(t.household, t.householdValue(contact.householdAdults, contact.householdChildren))}
          {row(t.consentGiven, stockholmTime(contact.consentAt))}
        </dl>
        {contact.message && <p class="message">{contact.message}</p>}
      </section>
      <section class="panel" aria-labelledby="cases-title">
        <h2 id="cases-title">{t.yourCases}</h2>
        <ul>
          {contact.cases.map((item) => (
            <li>{t.caseLine(item.number, unitDisplayName(item.responsibleUnit as UnitCode), stockholmTime(item.receivedAt), t.caseStatus[item.status] ?? item.status)}</li>
          ))}
        </ul>
        <p>{t.emailsSent(data.emailsSentAboutCases.length)}</p>
      </section>
      <section class="panel" aria-labelledby="dialog-title">
        <h2 id="dialog-title">{t.dialog}</h2>
        {contact.activities.length === 0 ? <p>{t.noDialog}</p> : (
          <ul class="timeline">
            {contact.activities.map((entry) => (
              <li class="entry">
                <p class="muted">{stockholmTime(entry.occurredAt)}</p>
                <p class="entry-text">{entry.summary}</p>
              </li>
            ))}
          </ul>
        )}
        <p><a class="button-link" href={publicHref('/my-data/export.json', lang)} download>{t.download}</a></p>
      </section>
      <section class="panel" aria-labelledby="newsletter-title">
        <h2 id="newsletter-title">{t.newsletterTitle}</h2>
        <p>{t.newsletterState[contact.newsletterStatus] ?? contact.newsletterStatus}</p>
        <form method="post" action="/my-data/newsletter">
          <CsrfField caller={caller} />
          <LangField lang={lang} />
          {contact.newsletterStatus === 'subscribed' || contact.newsletterStatus === 'pending' ? (
            <button type="submit" name="action" value="unsubscribe" class="secondary">{t.unsubscribe}</button>
          ) : (
            <button type="submit" name="action" value="subscribe" class="secondary">{t.subscribe}</button>
          )}
        </form>
      </section>
      <section class="panel" aria-labelledby="erase-title">
        <h2 id="erase-title">{t.eraseTitle}</h2>
        <p>{t.eraseBody}</p>
        <form method="post" action="/my-data/erase">
          <CsrfField caller={caller} />
          <LangField lang={lang} />
          <div class={eraseError ? 'field field-error' : 'field'}>
            {eraseError && <p class="error-message" id="confirm-error"><span class="visually-hidden">{t.errorPrefix}: </span>{t.eraseConfirmError}</p>}
            <label class="choice" for="confirm">
              <input type="checkbox" id="confirm" name="confirm" value="yes" aria-describedby={eraseError ? 'confirm-error' : undefined} aria-invalid={eraseError ? 'true' : undefined} />
              {t.eraseConfirm}
            </label>
          </div>
          <button type="submit" class="danger">{t.eraseButton}</button>
        </form>
      </section>
    </>
  );
}

async function showOverview(caller: WebCaller, deps: WebDeps, lang: Language, input: { flash?: string; eraseError?: boolean } = {}): Promise<PageResult> {
  const session = await sessionContact(caller, deps);
  if (!session) return expired(lang);
  const t = inMoverWords(lang);
  await recordOwnDataRequest(deps.db, session.contactId, 'read', t.timelineViewed);
  const data = await exportContact(deps.db, session.contactId);
  const title = input.eraseError ? `${t.errorPrefix}: ${t.overviewTitle}` : t.overviewTitle;
  return {
    kind: 'html',
    status: input.eraseError ? 422 : 200,
    html: renderPublicPage({ lang, path: '/my-data/overview' }, title, <Overview caller={caller} lang={lang} data={data} {...input} />),
  };
}

const FLASH = ['subscribed', 'unsubscribed'] as const;

export const myDataPages = [
  page<object, { lang?: Language; expired?: string }>({
    method: 'GET',
    path: '/my-data',
    access: 'public',
    audience: 'in-mover',
    query: z.object({ lang: langField, expired: z.string().max(5).optional() }),
    async handler({ query }, caller) {
      const lang = pickLang(query.lang, caller);
      return requestForm(caller, lang, query.expired ? inMoverWords(lang).sessionEnded : undefined);
    },
  }),
  page<object, object, { email: string; lang?: Language }>({
    method: 'POST',
    path: '/my-data',
    access: 'public',
    audience: 'in-mover',
    body: z.object({ email: z.string().trim().max(320).default(''), lang: langField }),
    backTo: () => '/my-data',
    async handler({ body }, caller, deps) {
      const lang = pickLang(body.lang, caller);
      const t = inMoverWords(lang);
      await requestOwnDataLink(deps, {
        email: body.email,
        linkPath: '/my-data/link',
        words: { subject: t.linkEmailSubject, body: t.linkEmailBody },
        timelineNote: t.timelineLinkRequested,
      });
      // The same answer whether or not the address is known.
      return simplePage(lang, '/my-data', t.checkEmailTitle, <p role="status">{t.checkEmailBody}</p>);
    },
  }),
  page<object, { token: string; lang?: Language }>({
    method: 'GET',
    path: '/my-data/link',
    access: 'public',
    audience: 'in-mover',
    query: z.object({ token: z.string().max(100).default(''), lang: langField }),
    // A button, not an automatic opening: mail scanners that fetch links must not use it up.
    async handler({ query }, caller) {
      const lang = pickLang(query.lang, caller);
      const t = inMoverWords(lang);
      return simplePage(lang, '/my-data/link', t.linkTitle, (
        <>
          <p>{t.linkBody}</p>
          <form method="post" action="/my-data/link">
            <CsrfField caller={caller} />
            <LangField lang={lang} />
            <input type="hidden" name="token" value={query.token} />
            <button type="submit">{t.linkButton}</button>
          </form>
        </>
      ));
    },
  }),
  page<object, object, { token: string; lang?: Language }>({
    method: 'POST',
    path: '/my-data/link',
    access: 'public',
    audience: 'in-mover',
    body: z.object({ token: z.string().max(100).default(''), lang: langField }),
    backTo: () => '/my-data',
    async handler({ body }, caller, deps) {
      const lang = pickLang(body.lang, caller);
      const t = inMoverWords(lang);
      const redeemed = body.token ? await redeemOwnDataLink(deps.db, body.token) : null;
      if (redeemed) {
        return {
          kind: 'redirect',
          location: publicHref('/my-data/overview', lang),
          cookie: { name: OWN_DATA_COOKIE, value: redeemed.sessionSecret, maxAgeMs: OWN_DATA_SESSION_LIFETIME_MS },
        };
      }
      return simplePage(lang, '/my-data/link', t.linkTitle, (
        <>
          <p role="alert">{t.linkInvalid}</p>
          <p><a href={publicHref('/my-data', lang)}>{t.requestNewLink}</a></p>
        </>
      ), 400);
    },
  }),
  page<object, { lang?: Language; done?: (typeof FLASH)[number] }>({
    method: 'GET',
    path: '/my-data/overview',
    access: 'public',
    audience: 'in-mover',
    query: z.object({ lang: langField, done: z.enum(FLASH).optional() }),
    async handler({ query }, caller, deps) {
      const lang = pickLang(query.lang, caller);
      const t = inMoverWords(lang);
      return showOverview(caller, deps, lang, { flash: query.done === 'subscribed' ? t.subscribeRequested : query.done === 'unsubscribed' ? t.unsubscribed : undefined });
    },
  }),
  page<object, { lang?: Language }>({
    method: 'GET',
    path: '/my-data/export.json',
    access: 'public',
    audience: 'in-mover',
    query: z.object({ lang: langField }),
    async handler({ query }, caller, deps) {
      const lang = pickLang(query.lang, caller);
      const session = await sessionContact(caller, deps);
      if (!session) return expired(lang);
      await recordOwnDataRequest(deps.db, session.contactId, 'export', inMoverWords(lang).timelineDownloaded);
      const document = await exportContact(deps.db, session.contactId);
      return { kind: 'download', type: 'application/json', filename: 'mina-uppgifter.json', body: JSON.stringify(document, null, 2) };
    },
  }),
  page<object, object, { action: 'subscribe' | 'unsubscribe'; lang?: Language }>({
    method: 'POST',
    path: '/my-data/newsletter',
    access: 'public',
    audience: 'in-mover',
    body: z.object({ action: z.enum(['subscribe', 'unsubscribe']), lang: langField }),
    backTo: () => '/my-data/overview',
    async handler({ body }, caller, deps) {
      const lang = pickLang(body.lang, caller);
      const session = await sessionContact(caller, deps);
      if (!session) return expired(lang);
      const t = inMoverWords(lang);
      const contact = await deps.db.contact.findUniqueOrThrow({ where: { id: session.contactId } });
      if (body.action === 'subscribe') {
        // Double opt-in as everywhere: a confirmation email, active only after its link.
        await requestSubscription(deps.intake, deps.db, contact, 'my-data');
        await recordOwnDataRequest(deps.db, contact.id, 'write', t.timelineSubscribe);
      } else {
        // unsubscribe() writes its own note on the timeline.
        await unsubscribe(deps.db, contact.newsletterToken ?? undefined);
        await logAccess(deps.db, null, contact.id, 'write');
      }
      return { kind: 'redirect', location: publicHref('/my-data/overview', lang, { done: body.action === 'subscribe' ? 'subscribed' : 'unsubscribed' }) };
    },
  }),
  page<object, object, { confirm?: string; lang?: Language }>({
    method: 'POST',
    path: '/my-data/erase',
    access: 'public',
    audience: 'in-mover',
    body: z.object({ confirm: z.string().max(10).optional(), lang: langField }),
    backTo: () => '/my-data/overview',
    async handler({ body }, caller, deps) {
      const lang = pickLang(body.lang, caller);
      const session = await sessionContact(caller, deps);
      if (!session) return expired(lang);
      if (body.confirm !== 'yes') return showOverview(caller, deps, lang, { eraseError: true });
      // At once: nothing in this register has to be kept against the person's wish (README).
      await eraseContact(deps, { contactId: session.contactId, reason: 'request-by-person', erasedById: null });
      await endOwnDataSession(deps.db, caller.cookies[OWN_DATA_COOKIE]);
      return { kind: 'redirect', location: publicHref('/my-data/erased', lang), cookie: { name: OWN_DATA_COOKIE, value: null } };
    },
  }),
  page<object, { lang?: Language }>({
    method: 'GET',
    path: '/my-data/erased',
    access: 'public',
    audience: 'in-mover',
    query: z.object({ lang: langField }),
    async handler({ query }, caller) {
      const lang = pickLang(query.lang, caller);
      const t = inMoverWords(lang);
      return simplePage(lang, '/my-data/erased', t.erasedTitle, <p role="status">{t.erasedBody}</p>);
    },
  }),
];
