// Issue 15: the hosted contact form of every intake source, with an embeddable variant
// for an iframe on tasteget.nu or a municipality site. It posts to the product itself, so
// no source key ever reaches a browser, and goes through the same use case, validation,
// repeat window and rate limits as POST /api/v1/intake.
import { z } from 'zod';
import { INTEREST_CODES } from '../../domain/codes.js';
import { notFound } from '../../domain/errors.js';
import { MUNICIPALITY_CODES, unitDisplayName, type UnitCode } from '../../domain/units.js';
import { replyPromiseText } from '../../activities/receipt-email.js';
import type { AuthenticatedSource } from '../../api/route-table/caller.js';
import { intakeRequest, type IntakeRequest } from '../../api/schemas.js';
import { createIntake } from '../../api/use-cases/create-intake.js';
import { page, type PageResult, type WebCaller, type WebDeps } from '../declarations.js';
import { WEB_LANGUAGES, type Language } from '../i18n.js';
import { caseIdSigned, checkFormToken, formSigningKey, issueFormToken, signCaseId } from '../form-token.js';
import { publicHref, renderPublicPage, type PublicFrame } from '../public-layout.js';
import { inMoverWords, type InMoverWords } from '../words/inmover.js';

/** Sources whose forms people fill in themselves; a manual entry or an import has no public form. */
const FORM_SOURCE_KINDS = ['tasteget', 'municipality-site'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A form is addressed by its source's id, or by its name where that names one form (`/form/are.se`). */
async function formSource(deps: WebDeps, idOrName: string): Promise<AuthenticatedSource> {
  const rows = UUID.test(idOrName)
    ? await deps.db.intakeSource.findMany({ where: { id: idOrName } })
    : await deps.db.intakeSource.findMany({
        where: { name: { equals: idOrName, mode: 'insensitive' }, revokedAt: null, kind: { in: FORM_SOURCE_KINDS } },
        take: 2,
      });
  const row = rows.length === 1 ? rows[0] : undefined;
  if (!row || row.revokedAt || !FORM_SOURCE_KINDS.includes(row.kind)) throw notFound('Form');
  return { id: row.id, name: row.name, kind: row.kind as AuthenticatedSource['kind'], municipality: row.municipality };
}

/** What the person typed, as typed: shown again beside the errors. */
interface FormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  preferredContactMethod: string;
  municipalities: string[];
  interests: string[];
  adults: string;
  children: string;
  message: string;
  consent: boolean;
  newsletter: boolean;
}

type FieldName = 'firstName' | 'lastName' | 'email' | 'phone' | 'preferredContactMethod' | 'adults' | 'children' | 'message' | 'consent' | 'form';

interface FormError {
  field: FieldName;
  message: string;
}

const FIELD_ORDER: FieldName[] = ['form', 'firstName', 'lastName', 'preferredContactMethod', 'email', 'phone', 'adults', 'children', 'message', 'consent'];
/** The element each error links to: the first input of the field (GOV.UK). */
const FIELD_TARGET: Record<FieldName, string> = {
  form: 'firstName',
  firstName: 'firstName',
  lastName: 'lastName',
  email: 'email',
  phone: 'phone',
  preferredContactMethod: 'preferredContactMethod-email',
  adults: 'adults',
  children: 'children',
  message: 'message',
  consent: 'consent',
};

const formFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
type FormFields = z.infer<typeof formFields>;

const one = (fields: FormFields, name: string) => {
  const value = fields[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};
const many = (fields: FormFields, name: string) => {
  const value = fields[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

function readValues(fields: FormFields): FormValues {
  return {
    firstName: one(fields, 'firstName'),
    lastName: one(fields, 'lastName'),
    email: one(fields, 'email'),
    phone: one(fields, 'phone'),
    preferredContactMethod: one(fields, 'preferredContactMethod'),
    municipalities: many(fields, 'municipalities').filter((code) => (MUNICIPALITY_CODES as string[]).includes(code)),
    interests: many(fields, 'interests').filter((code) => (INTEREST_CODES as readonly string[]).includes(code)),
    adults: one(fields, 'adults'),
    children: one(fields, 'children'),
    message: one(fields, 'message'),
    consent: one(fields, 'consent') === 'yes',
    newsletter: one(fields, 'newsletter') === 'yes',
  };
}

const blank = (value: string) => (value.trim() === '' ? undefined : value);

/** The form as an intake request, checked by the API's own schema; errors in the person's words. */
function toIntakeRequest(values: FormValues, lang: Language): { body?: IntakeRequest; errors: FormError[] } {
  const t = inMoverWords(lang).errors;
  const errors: FormError[] = [];
  const count = (field: 'adults' | 'children', value: string) => {
    if (value.trim() === '') return 0;
    const number = /^\s*\d{1,2}\s*$/.test(value) ? Number(value) : NaN;
    if (!(number >= 0 && number <= 20)) errors.push({ field, message: t.household });
    return number;
  };
  const adults = count('adults', values.adults);
  const children = count('children', values.children);
  if (!values.consent) errors.push({ field: 'consent', message: t.consent });
  // The schema's channel rules run only on an otherwise valid body; the person hears them at once.
  if (values.preferredContactMethod === 'phone' && !blank(values.phone)) errors.push({ field: 'phone', message: t.phoneRequired });
  if (values.preferredContactMethod === 'email' && !blank(values.email)) errors.push({ field: 'email', message: t.emailRequired });
  if (values.newsletter && !blank(values.email)) errors.push({ field: 'email', message: t.emailNewsletter });
  const candidate = {
    firstName: values.firstName,
    lastName: values.lastName,
    email: blank(values.email),
    phone: blank(values.phone),
    preferredContactMethod: values.preferredContactMethod,
    municipalities: values.municipalities,
    interests: values.interests,
    message: blank(values.message),
    household: values.adults.trim() || values.children.trim() ? { adults, children } : undefined,
    language: lang,
    consent: true,
    newsletter: values.newsletter,
  };
  const parsed = intakeRequest.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (field === 'household' && errors.some((error) => error.field === 'adults' || error.field === 'children')) continue;
      const message = (() => {
        switch (field) {
          case 'firstName':
            return t.firstName;
          case 'lastName':
            return t.lastName;
          case 'email':
            if (candidate.email) return t.emailFormat;
            return values.preferredContactMethod === 'email' ? t.emailRequired : t.emailNewsletter;
          case 'phone':
            return candidate.phone ? t.phoneFormat : t.phoneRequired;
          case 'preferredContactMethod':
            return t.preferredContactMethod;
          case 'message':
            return t.message;
          case 'household':
            return t.household;
          default:
            return t.generic;
        }
      })();
      const known = (FIELD_ORDER as string[]).includes(field) ? (field as FieldName) : field === 'household' ? 'adults' : 'form';
      if (!errors.some((error) => error.field === known)) errors.push({ field: known, message });
    }
  }
  errors.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  return errors.length === 0 && parsed.success ? { body: parsed.data, errors } : { errors };
}

function ErrorText({ t, error }: { t: InMoverWords; error?: FormError }) {
  if (!error) return null;
  return (
    <p class="error-message" id={`${FIELD_TARGET[error.field]}-error`}>
      <span class="visually-hidden">{t.errorPrefix}: </span>
      {error.message}
    </p>
  );
}

function TextField(props: { t: InMoverWords; name: 'firstName' | 'lastName' | 'email' | 'phone'; label: string; hint?: string; value: string; type: string; autocomplete: string; error?: FormError; optional?: boolean }) {
  const { t, name, error } = props;
  const describedBy = [props.hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={name}>{props.label}{props.optional && <> {t.optional}</>}</label>
      {props.hint && <p class="hint" id={`${name}-hint`}>{props.hint}</p>}
      <ErrorText t={t} error={error} />
      <input
        id={name}
        name={name}
        type={props.type}
        value={props.value}
        autocomplete={props.autocomplete}
        spellcheck={false}
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

interface FormView {
  frame: PublicFrame;
  source: AuthenticatedSource;
  action: string;
  values: FormValues;
  errors: FormError[];
  token: string;
}

function HostedForm({ view }: { view: FormView }) {
  const { values, errors, frame, source } = view;
  const t = inMoverWords(frame.lang);
  const errorOf = (field: FieldName) => errors.find((error) => error.field === field);
  const householdError = errorOf('adults') ?? errorOf('children');
  const methodError = errorOf('preferredContactMethod');
  const consentError = errorOf('consent');
  const messageError = errorOf('message');
  return (
    <div class="panel">
      <h1>{t.formTitle}</h1>
      {errors.length > 0 && (
        <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{t.errorSummaryTitle}</h2>
          <ul>
            {errors.map((error) => (
              <li><a href={`#${FIELD_TARGET[error.field]}`}>{error.message}</a></li>
            ))}
          </ul>
        </div>
      )}
      <p>{source.kind === 'municipality-site' && source.municipality ? t.formLeadMunicipality(unitDisplayName(source.municipality as UnitCode)) : t.formLead}</p>
      <form method="post" action={view.action} novalidate>
        <input type="hidden" name="_started" value={view.token} />
        <input type="hidden" name="language" value={frame.lang} />
        <TextField t={t} name="firstName" label={t.firstName} value={values.firstName} type="text" autocomplete="given-name" error={errorOf('firstName')} />
        <TextField t={t} name="lastName" label={t.lastName} value={values.lastName} type="text" autocomplete="family-name" error={errorOf('lastName')} />

        <fieldset class={methodError ? 'field-error' : undefined} aria-describedby={['preferredContactMethod-hint', methodError && 'preferredContactMethod-email-error'].filter(Boolean).join(' ')}>
          <legend>{t.contactMethod}</legend>
          <p class="hint" id="preferredContactMethod-hint">{t.contactMethodHint}</p>
          <ErrorText t={t} error={methodError} />
          <label class="choice" for="preferredContactMethod-email">
            <input type="radio" id="preferredContactMethod-email" name="preferredContactMethod" value="email" checked={values.preferredContactMethod === 'email'} />
            {t.byEmail}
          </label>
          <label class="choice" for="preferredContactMethod-phone">
            <input type="radio" id="preferredContactMethod-phone" name="preferredContactMethod" value="phone" checked={values.preferredContactMethod === 'phone'} />
            {t.byPhone}
          </label>
        </fieldset>
        <TextField t={t} name="email" label={t.email} hint={t.emailHint} value={values.email} type="email" autocomplete="email" error={errorOf('email')} optional={values.preferredContactMethod === 'phone'} />
        <TextField t={t} name="phone" label={t.phone} hint={t.phoneHint} value={values.phone} type="tel" autocomplete="tel" error={errorOf('phone')} optional={values.preferredContactMethod !== 'phone'} />

        <fieldset aria-describedby="interests-hint">
          <legend>{t.interests} {t.optional}</legend>
          <p class="hint" id="interests-hint">{t.interestsHint}</p>
          <div class="choices">
            {INTEREST_CODES.map((code) => (
              <label class="choice" for={`interest-${code}`}>
                <input type="checkbox" id={`interest-${code}`} name="interests" value={code} checked={values.interests.includes(code)} />
                {t.interestLabels[code]}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset aria-describedby="municipalities-hint">
          <legend>{t.municipalities} {t.optional}</legend>
          <p class="hint" id="municipalities-hint">{t.municipalitiesHint}</p>
          <div class="choices">
            {MUNICIPALITY_CODES.map((code) => (
              <label class="choice" for={`municipality-${code}`}>
                <input type="checkbox" id={`municipality-${code}`} name="municipalities" value={code} checked={values.municipalities.includes(code)} />
                {unitDisplayName(code)}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset class={householdError ? 'field-error' : undefined} aria-describedby={['household-hint', householdError && `${FIELD_TARGET[householdError.field]}-error`].filter(Boolean).join(' ')}>
          <legend>{t.household} {t.optional}</legend>
          <p class="hint" id="household-hint">{t.householdHint}</p>
          <ErrorText t={t} error={householdError} />
          <div class="numbers">
            <div class="field">
              <label for="adults">{t.adults}</label>
              <input id="adults" name="adults" type="text" inputmode="numeric" value={values.adults} aria-invalid={errorOf('adults') ? 'true' : undefined} />
            </div>
            <div class="field">
              <label for="children">{t.children}</label>
              <input id="children" name="children" type="text" inputmode="numeric" value={values.children} aria-invalid={errorOf('children') ? 'true' : undefined} />
            </div>
          </div>
        </fieldset>

        <div class={messageError ? 'field field-error' : 'field'}>
          <label for="message">{t.message} {t.optional}</label>
          <p class="hint" id="message-hint">{t.messageHint}</p>
          <ErrorText t={t} error={messageError} />
          <textarea id="message" name="message" rows={6} aria-describedby={messageError ? 'message-hint message-error' : 'message-hint'} aria-invalid={messageError ? 'true' : undefined}>{values.message}</textarea>
        </div>

        <fieldset class={consentError ? 'field-error' : undefined}>
          <legend>{t.consentLegend}</legend>
          <ErrorText t={t} error={consentError} />
          <label class="choice" for="consent">
            <input type="checkbox" id="consent" name="consent" value="yes" checked={values.consent} aria-describedby={consentError ? 'consent-error' : undefined} aria-invalid={consentError ? 'true' : undefined} />
            {t.consent}
          </label>
          <p><a href={publicHref('/privacy', frame.lang)} target={frame.embed ? '_blank' : undefined} rel={frame.embed ? 'noopener' : undefined}>{t.consentReadMore}{frame.embed && <span class="visually-hidden"> {t.opensInNewWindow}</span>}</a></p>
          <label class="choice" for="newsletter">
            <input type="checkbox" id="newsletter" name="newsletter" value="yes" checked={values.newsletter} />
            {t.newsletter}
          </label>
        </fieldset>

        {/* A person never sees or reaches this field; a bot that fills in every field does. */}
        <div class="hp" aria-hidden="true">
          <label for="website">{t.honeypot}</label>
          <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" />
        </div>
        <button type="submit">{t.send}</button>
      </form>
    </div>
  );
}

const emptyValues = (source: AuthenticatedSource): FormValues => ({
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  preferredContactMethod: '',
  // A municipality site's form has its own municipality chosen.
  municipalities: source.kind === 'municipality-site' && source.municipality ? [source.municipality] : [],
  interests: [],
  adults: '',
  children: '',
  message: '',
  consent: false,
  newsletter: false,
});

/** Only well-formed origins reach the header; helmet's other directives stay as they are. */
function embeddingPolicy(current: string | undefined, origins: string[]): string {
  const allowed = origins.filter((origin) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin));
  const frameAncestors = `frame-ancestors 'self'${allowed.map((origin) => ` ${origin}`).join('')}`;
  if (!current) return frameAncestors;
  return /frame-ancestors [^;]*/.test(current) ? current.replace(/frame-ancestors [^;]*/, frameAncestors) : `${current};${frameAncestors}`;
}

const langQuery = z.object({ lang: z.enum(WEB_LANGUAGES).optional() });
const sourceParams = z.object({ source: z.string().max(100) });
const thanksQuery = z.object({ lang: z.enum(WEB_LANGUAGES).optional(), case: z.string().max(100).default(''), sig: z.string().max(100).default('') });

const pickLang = (query: { lang?: Language }, caller: WebCaller): Language => query.lang ?? caller.lang;

function formVariant(embed: boolean) {
  const suffix = embed ? '/embed' : '';
  const base = (source: string) => `/form/${source}${suffix}`;
  const headers = embed
    ? (deps: WebDeps, current: (name: string) => string | undefined) => ({
        // The host sites of INTAKE_FORM_ORIGINS may show this page in a frame; nobody else.
        'X-Frame-Options': null,
        'Content-Security-Policy': embeddingPolicy(current('Content-Security-Policy'), deps.intakeFormOrigins),
      })
    : undefined;

  async function showForm(deps: WebDeps, source: AuthenticatedSource, lang: Language, values: FormValues, errors: FormError[], status = 200, keptToken?: string): Promise<PageResult> {
    const t = inMoverWords(lang);
    const frame: PublicFrame = { lang, path: base(source.id), embed };
    const token = keptToken ?? issueFormToken(await formSigningKey(deps.db), source.id);
    const title = errors.length > 0 ? `${t.errorPrefix}: ${t.formTitle}` : t.formTitle;
    return { kind: 'html', status, html: renderPublicPage(frame, title, <HostedForm view={{ frame, source, action: base(source.id), values, errors, token }} />) };
  }

  return [
    page<{ source: string }, { lang?: Language }>({
      method: 'GET',
      path: `/form/{source}${suffix}`,
      access: 'public',
    audience: 'in-mover',
      params: sourceParams,
      query: langQuery,
      headers,
      async handler({ params, query }, caller, deps) {
        const source = await formSource(deps, params.source);
        return showForm(deps, source, pickLang(query, caller), emptyValues(source), []);
      },
    }),
    page<{ source: string }, { lang?: Language }, FormFields>({
      method: 'POST',
      path: `/form/{source}${suffix}`,
      access: 'public',
    audience: 'in-mover',
      params: sourceParams,
      query: langQuery,
      body: formFields,
      // Anonymous and grants nothing; it must post from inside another site's frame, where
      // our cookies are not sent. Its signed `_started` token is checked below instead.
      csrf: false,
      headers,
      async handler({ params, query, body }, caller, deps) {
        const source = await formSource(deps, params.source);
        const lang: Language = one(body, 'language') === 'en' ? 'en' : one(body, 'language') === 'sv' ? 'sv' : pickLang(query, caller);
        const t = inMoverWords(lang);
        const values = readValues(body);
        const check = checkFormToken(await formSigningKey(deps.db), source.id, one(body, '_started'));
        // A filled honeypot or a forged token: refused, nothing written.
        if (one(body, 'website') !== '' || check === 'invalid') {
          const frame: PublicFrame = { lang, path: base(source.id), embed };
          return {
            kind: 'html',
            status: 400,
            html: renderPublicPage(frame, t.refusedTitle, (
              <div class="panel">
                <h1>{t.refusedTitle}</h1>
                <p role="alert">{t.refusedBody}</p>
                <p><a href={publicHref(base(source.id), lang)}>{t.formTitle}</a></p>
              </div>
            )),
          };
        }
        // Shown again keeps the time the form was first served, so correcting it is not "too fast".
        const keptToken = check === 'expired' ? undefined : one(body, '_started');
        const { body: request, errors } = toIntakeRequest(values, lang);
        if (!request) return showForm(deps, source, lang, values, errors, 422, keptToken);
        // Faster than a person can type: shown again, nothing written; a person sends it again.
        if (check === 'too-fast') return showForm(deps, source, lang, values, [{ field: 'form', message: t.errors.tooFast }], 422, keptToken);
        // Open for more than a day: served again with a fresh token (a harvested one does not last).
        if (check === 'expired') return showForm(deps, source, lang, values, [{ field: 'form', message: t.errors.expired }], 422);
        const answer = await createIntake(deps.intake, { source, body: request });
        const key = await formSigningKey(deps.db);
        const thanks = new URLSearchParams({ case: answer.body.caseId, sig: signCaseId(key, answer.body.caseId), lang });
        return { kind: 'redirect', location: `${base(source.id)}/thanks?${thanks.toString()}` };
      },
    }),
    page<{ source: string }, z.infer<typeof thanksQuery>>({
      method: 'GET',
      path: `/form/{source}${suffix}/thanks`,
      access: 'public',
    audience: 'in-mover',
      params: sourceParams,
      query: thanksQuery,
      headers,
      async handler({ params, query }, caller, deps) {
        const source = await formSource(deps, params.source);
        const lang = pickLang(query, caller);
        const t = inMoverWords(lang);
        const frame: PublicFrame = { lang, path: `${base(source.id)}/thanks`, keep: { case: query.case, sig: query.sig }, embed };
        const key = await formSigningKey(deps.db);
        const row =
          UUID.test(query.case) && caseIdSigned(key, query.case, query.sig)
            ? await deps.db.case.findUnique({ where: { id: query.case }, include: { contact: { select: { preferredContactMethod: true } } } })
            : null;
        if (!row) {
          return {
            kind: 'html',
            status: 404,
            html: renderPublicPage(frame, t.thanksTitle, <div class="panel"><h1>{t.thanksTitle}</h1><p>{t.thanksNotFound}</p></div>),
          };
        }
        const promise = replyPromiseText(
          { unit: row.responsibleUnit as UnitCode, channel: row.contact.preferredContactMethod === 'phone' ? 'phone' : 'email', firstReplyDueAt: row.firstReplyDueAt },
          lang,
        );
        return {
          kind: 'html',
          html: renderPublicPage(frame, t.thanksTitle, (
            <div class="panel">
              <h1>{t.thanksTitle}</h1>
              <p class="promise">{promise}</p>
              <p>{t.thanksReceipt} {t.thanksAdd}</p>
              <p>{t.thanksCase(row.number)}</p>
            </div>
          )),
        };
      },
    }),
  ];
}

function infoPage(path: string, title: (t: InMoverWords) => string, body: (t: InMoverWords) => string[]) {
  return page<object, { lang?: Language }>({
    method: 'GET',
    path,
    access: 'public',
    audience: 'in-mover',
    query: langQuery,
    async handler({ query }, caller) {
      const lang = pickLang(query, caller);
      const t = inMoverWords(lang);
      return {
        kind: 'html',
        html: renderPublicPage({ lang, path }, title(t), (
          <div class="panel">
            <h1>{title(t)}</h1>
            {body(t).map((paragraph) => <p>{paragraph}</p>)}
          </div>
        )),
      };
    },
  });
}

export const hostedFormPages = [
  ...formVariant(false),
  ...formVariant(true),
  infoPage('/privacy', (t) => t.privacyTitle, (t) => t.privacyBody),
  infoPage('/accessibility', (t) => t.accessibilityTitle, (t) => t.accessibilityBody),
];
