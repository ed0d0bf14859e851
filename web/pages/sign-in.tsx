// Sign-in by emailed one-time link, sign-out and the language choice.
import { z } from 'zod';
import { page, type WebCaller } from '../declarations.js';
import { CsrfField, Field } from '../components.js';
import { words, WEB_LANGUAGES } from '../i18n.js';
import { renderPage } from '../layout.js';
import { redeemSignInLink, safeReturnTo, sendSignInLink } from '../sign-in.js';

const returnToField = z.string().max(500).optional().transform(safeReturnTo);

function signInForm(caller: WebCaller, returnTo: string) {
  const t = words(caller.lang);
  return renderPage(
    caller,
    t.signInTitle,
    <div class="panel narrow">
      <h1>{t.signInTitle}</h1>
      <p>{t.signInLead}</p>
      <form method="post" action="/sign-in">
        <CsrfField caller={caller} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <Field id="email" label={t.emailLabel}>
          <input id="email" name="email" type="email" autocomplete="email" required spellcheck={false} />
        </Field>
        <button type="submit">{t.sendLink}</button>
      </form>
    </div>,
  );
}

export const signInPages = [
  page<object, { returnTo: string }>({
    method: 'GET',
    path: '/sign-in',
    access: 'public',
    query: z.object({ returnTo: returnToField }),
    async handler({ query }, caller) {
      if (caller.coordinator) return { kind: 'redirect', location: query.returnTo };
      return { kind: 'html', html: signInForm(caller, query.returnTo) };
    },
  }),
  page<object, object, { email: string; returnTo: string }>({
    method: 'POST',
    path: '/sign-in',
    access: 'public',
    body: z.object({ email: z.string().trim().min(3).max(254), returnTo: returnToField }),
    backTo: () => '/sign-in',
    async handler({ body }, caller, deps) {
      await sendSignInLink(deps, { email: body.email, returnTo: body.returnTo, lang: caller.lang });
      const t = words(caller.lang);
      // The same answer whether or not the address is a guide's.
      return {
        kind: 'html',
        html: renderPage(
          caller,
          t.checkEmailTitle,
          <div class="panel narrow">
            <h1>{t.checkEmailTitle}</h1>
            <p role="status">{t.checkEmailBody}</p>
          </div>,
        ),
      };
    },
  }),
  page<object, { token: string }>({
    method: 'GET',
    path: '/sign-in/link',
    access: 'public',
    query: z.object({ token: z.string().min(10).max(200) }),
    // A button, not an automatic sign-in: mail scanners that fetch links must not use it up.
    async handler({ query }, caller) {
      const t = words(caller.lang);
      return {
        kind: 'html',
        html: renderPage(
          caller,
          t.linkTitle,
          <div class="panel narrow">
            <h1>{t.linkTitle}</h1>
            <p>{t.linkBody}</p>
            <form method="post" action="/sign-in/link">
              <CsrfField caller={caller} />
              <input type="hidden" name="token" value={query.token} />
              <button type="submit">{t.linkButton}</button>
            </form>
          </div>,
        ),
      };
    },
  }),
  page<object, object, { token: string }>({
    method: 'POST',
    path: '/sign-in/link',
    access: 'public',
    body: z.object({ token: z.string().min(10).max(200) }),
    backTo: () => '/sign-in',
    async handler({ body }, caller, deps) {
      const redeemed = await redeemSignInLink(deps.db, body.token);
      if (redeemed) return { kind: 'redirect', location: redeemed.returnTo, session: { start: redeemed.coordinatorId } };
      const t = words(caller.lang);
      return {
        kind: 'html',
        status: 400,
        html: renderPage(
          caller,
          t.linkTitle,
          <div class="panel narrow">
            <h1>{t.linkTitle}</h1>
            <p role="alert">{t.linkInvalid}</p>
            <p><a href="/sign-in">{t.requestNewLink}</a></p>
          </div>,
        ),
      };
    },
  }),
  page({
    method: 'POST',
    path: '/sign-out',
    access: 'coordinator',
    async handler() {
      return { kind: 'redirect', location: '/sign-in', session: { end: true } };
    },
  }),
  page<object, object, { lang: 'sv' | 'en'; returnTo: string }>({
    method: 'POST',
    path: '/language',
    access: 'public',
    body: z.object({ lang: z.enum(WEB_LANGUAGES), returnTo: returnToField }),
    async handler({ body }) {
      return { kind: 'redirect', location: body.returnTo, lang: body.lang };
    },
  }),
];
