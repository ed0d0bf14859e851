// Administration (MISSION.md §1): accounts, intake sources and the access log. Every page
// and form post is for administrators only; the route table answers others with the 403 page.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { accessLogNames, listAccessLog } from '../../api/use-cases/access-log.js';
import {
  changeCoordinator,
  coordinatorChangeRequest,
  addCoordinator,
  listCoordinators,
  newCoordinatorRequest,
  revokeCoordinator,
  sendWelcomeEmail,
  type CoordinatorAccount,
  type CoordinatorChange,
  type NewCoordinator,
} from '../../api/use-cases/coordinators.js';
import { addIntakeSource, intakeSourceFields, listIntakeSources, municipalityRule, rotateIntakeSourceKey } from '../../api/use-cases/intake-sources.js';
import { ROLES, SOURCE_KINDS } from '../../domain/codes.js';
import { normalizeEmail } from '../../domain/contact-channels.js';
import { MUNICIPALITY_CODES, unitDisplayName, type UnitCode } from '../../domain/units.js';
import { page, signedIn, type PageForm, type WebCaller, type WebDeps } from '../declarations.js';
import { CsrfField, ErrorSummary, Field, Flash, UnitSelect, stockholmTime } from '../components.js';
import { FormView, type FormMessages, type FormRefusal } from '../form-errors.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { adminWords } from '../words/admin.js';
import { adminDataSections } from '../words/admin-data.js';

const idParams = z.object({ id: z.uuid() });
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const COORDINATOR_SAVED = ['added', 'changed', 'revoked'] as const;
type CoordinatorSaved = (typeof COORDINATOR_SAVED)[number];
const ACCESS_LOG_PAGE_SIZE = 50;

function RoleSelect({ id, selected, lang, aria }: { id: string; selected?: string; lang: WebCaller['lang']; aria?: ReturnType<FormView['describe']> }) {
  const a = adminWords(lang);
  return (
    <select id={id} name="role" {...aria}>
      {ROLES.map((role) => <option value={role} selected={role === selected}>{a.roles[role]}</option>)}
    </select>
  );
}

/** Which form of the accounts page was refused: the add form, or one account's change or revoke form. */
type CoordinatorForm = { kind: 'add' } | { kind: 'change' | 'revoke'; id: string };
interface Refused<F> {
  form: F;
  refusal: FormRefusal;
}

function AccountCard({ account, caller, refused }: { account: CoordinatorAccount; caller: WebCaller; refused?: Refused<CoordinatorForm> }) {
  const a = adminWords(caller.lang);
  const me = signedIn(caller).id === account.id;
  const headingId = `account-${account.id}`;
  const change = new FormView(caller.lang, refused?.form.kind === 'change' ? refused.refusal : undefined);
  const revoke = new FormView(caller.lang, refused?.form.kind === 'revoke' ? refused.refusal : undefined);
  const unitId = `unit-${account.id}`;
  const roleId = `role-${account.id}`;
  // A refusal that belongs to no input (a revoked account, one's own account) is said on the card.
  const cardError = [...change.errors, ...revoke.errors].find((entry) => entry.field === '' || entry.field === headingId)?.message;
  return (
    <li class="case-card account" aria-labelledby={headingId}>
      <h3 id={headingId} tabindex={-1}>{account.name} {me && <span class="muted">{a.you}</span>}</h3>
      <p>{account.email}</p>
      <p class="muted">
        {unitDisplayName(account.unit)} · {a.roles[account.role]} ·{' '}
        {account.revokedAt ? <strong>{a.revokedOn} {stockholmTime(account.revokedAt)}</strong> : <>{a.active}, {a.createdOn.toLowerCase()} {stockholmTime(account.createdAt)}</>}
      </p>
      {cardError && <p class="error-message"><span class="visually-hidden">{words(caller.lang).errorPrefix}: </span>{cardError}</p>}
      {!account.revokedAt && !me && (
        <>
          <details class="actions" open={change.refusal !== undefined}>
            <summary>{a.changeAccount}</summary>
            <form method="post" action={`/admin/coordinators/${account.id}`} class="inline-form" novalidate>
              <CsrfField caller={caller} />
              <Field id={unitId} label={a.unitLabel} form={change}>
                <UnitSelect id={unitId} name="unit" selected={change.value('unit', account.unit)} lang={caller.lang} aria={change.describe(unitId)} />
              </Field>
              <Field id={roleId} label={a.roleLabel} form={change}>
                <RoleSelect id={roleId} selected={change.value('role', account.role)} lang={caller.lang} aria={change.describe(roleId)} />
              </Field>
              <button type="submit">{a.saveChange}</button>
            </form>
          </details>
          <details class="actions" open={revoke.refusal !== undefined}>
            <summary>{a.revokeAccount}</summary>
            <form method="post" action={`/admin/coordinators/${account.id}/revoke`}>
              <CsrfField caller={caller} />
              <p>{a.revokeWarning}</p>
              <button type="submit" class="danger">{a.revokeButton}</button>
            </form>
          </details>
        </>
      )}
    </li>
  );
}

/** The title of a page, prefixed with "Fel:" when it shows a refused form (GOV.UK). */
const pageTitle = (caller: WebCaller, title: string, refused: unknown) => (refused ? adminWords(caller.lang).errorTitle(title) : title);

async function coordinatorsPage(deps: WebDeps, caller: WebCaller, saved?: CoordinatorSaved, refused?: Refused<CoordinatorForm>) {
  const a = adminWords(caller.lang);
  const accounts = await listCoordinators(deps.db);
  const flash = saved === 'added' ? a.coordinatorAdded : saved === 'changed' ? a.coordinatorChanged : saved === 'revoked' ? a.coordinatorRevoked : undefined;
  const add = new FormView(caller.lang, refused?.form.kind === 'add' ? refused.refusal : undefined);
  const refusedAccount = refused && refused.form.kind !== 'add' ? refused.form.id : undefined;
  return renderPage(
    caller,
    pageTitle(caller, a.coordinatorsTitle, refused),
    <>
      <AdminBreadcrumb caller={caller} />
      {refused && <ErrorSummary lang={caller.lang} errors={refused.refusal.errors} />}
      <h1>{a.coordinatorsTitle}</h1>
      <p>{a.coordinatorsLead}</p>
      <Flash text={flash} />
      <section class="panel" aria-labelledby="add-heading">
        <h2 id="add-heading" tabindex={-1}>{a.addCoordinatorTitle}</h2>
        <p class="hint">{a.addCoordinatorHint}</p>
        <form method="post" action="/admin/coordinators" novalidate>
          <CsrfField caller={caller} />
          <Field id="name" label={a.nameLabel} form={add}>
            <input id="name" name="name" type="text" value={add.value('name')} required maxLength={200} autocomplete="off" {...add.describe('name')} />
          </Field>
          <Field id="email" label={a.emailLabel} form={add}>
            <input id="email" name="email" type="email" value={add.value('email')} required maxLength={254} autocomplete="off" spellcheck={false} {...add.describe('email')} />
          </Field>
          <Field id="unit" label={a.unitLabel} form={add}>
            <UnitSelect id="unit" name="unit" selected={add.value('unit', 'region')} lang={caller.lang} aria={add.describe('unit')} />
          </Field>
          <Field id="role" label={a.roleLabel} form={add}>
            <RoleSelect id="role" selected={add.value('role', 'coordinator')} lang={caller.lang} aria={add.describe('role')} />
          </Field>
          <button type="submit">{a.addCoordinatorButton}</button>
        </form>
      </section>
      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">{a.accountsList} ({accounts.length})</h2>
        <ul class="case-list account-list">
          {accounts.map((account) => <AccountCard account={account} caller={caller} refused={refusedAccount === account.id ? refused : undefined} />)}
        </ul>
      </section>
    </>,
  );
}

function coordinatorMessages(lang: WebCaller['lang'], form: CoordinatorForm): FormMessages {
  const a = adminWords(lang);
  const invalid: Record<string, (issue: { code: string }) => string> = {
    name: (issue) => (issue.code === 'too_big' ? a.nameTooLong : a.nameMissing),
    email: () => a.emailInvalid,
    unit: () => a.unitInvalid,
    role: () => a.roleInvalid,
  };
  // The use cases' rules, each on its field: a taken address, one's own administrator role, one's own account.
  const rules: Record<string, string> = { email: a.emailTaken, role: a.ownAdminRole, id: a.ownAccountRevoke };
  const card = form.kind === 'add' ? undefined : `account-${form.id}`;
  return {
    invalid: (field, issue) => invalid[field]?.(issue),
    rejected: (field) => rules[field],
    conflict: a.accountRevoked,
    otherwise: a.formStale,
    inputId: (field) => (form.kind === 'add' ? field : field === 'id' ? `account-${form.id}` : `${field}-${form.id}`),
    formHref: card ? `#${card}` : '#add-heading',
  };
}

/** A refused form of the accounts page shows the accounts page again. */
function coordinatorForm<P>(formOf: (params: P) => CoordinatorForm): PageForm<P> {
  return {
    messages: (lang, params) => coordinatorMessages(lang, formOf(params)),
    render: (refusal, params, caller, deps) => coordinatorsPage(deps, caller, undefined, { form: formOf(params), refusal }),
  };
}

function AdminBreadcrumb({ caller }: { caller: WebCaller }) {
  const a = adminWords(caller.lang);
  return <p class="eyebrow"><a href="/admin">{a.adminTitle}</a></p>;
}

/** Which form of the sources page was refused: the add form, or one source's rotate form. */
type SourceForm = { kind: 'add' } | { kind: 'rotate'; id: string };

/**
 * Every form that shows a new key carries a one-time key (api/use-cases/intake-sources.ts):
 * a reload of the page that showed the key sends it again, and that second post changes nothing.
 */
const formNonce = () => randomBytes(18).toString('base64url');
const nonceField = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

async function sourcesPage(deps: WebDeps, caller: WebCaller, shown?: { name: string; key: string; added: boolean }, refused?: Refused<SourceForm>) {
  const a = adminWords(caller.lang);
  const t = words(caller.lang);
  const sources = await listIntakeSources(deps.db);
  const add = new FormView(caller.lang, refused?.form.kind === 'add' ? refused.refusal : undefined);
  const rotated = refused?.form.kind === 'rotate' ? refused.form.id : undefined;
  return renderPage(
    caller,
    pageTitle(caller, a.sourcesTitle, refused),
    <>
      <AdminBreadcrumb caller={caller} />
      {refused && <ErrorSummary lang={caller.lang} errors={refused.refusal.errors} />}
      <h1>{a.sourcesTitle}</h1>
      <p>{a.sourcesLead}</p>
      {shown && (
        <section class="panel key-panel" aria-labelledby="key-heading" tabindex={-1} data-focus-after-swap>
          <h2 id="key-heading">{a.newKeyFor(shown.name)}</h2>
          <p role="status">{shown.added ? a.sourceAdded(shown.name) : a.keyRotated(shown.name)}</p>
          <p><strong>{a.keyShownOnce}</strong></p>
          <Field id="new-key" label={a.keyLabel}>
            <input id="new-key" type="text" readOnly value={shown.key} class="key" spellcheck={false} autocomplete="off" />
          </Field>
        </section>
      )}
      <section class="panel" aria-labelledby="add-heading">
        <h2 id="add-heading" tabindex={-1}>{a.addSourceTitle}</h2>
        {add.errors.filter((entry) => entry.field === '').map((entry) => (
          <p class="error-message"><span class="visually-hidden">{t.errorPrefix}: </span>{entry.message}</p>
        ))}
        <form method="post" action="/admin/sources" novalidate>
          <CsrfField caller={caller} />
          <input type="hidden" name="nonce" value={formNonce()} />
          <Field id="source-name" label={a.sourceNameLabel} hint={a.sourceNameHint} form={add}>
            <input id="source-name" name="name" type="text" value={add.value('name')} required maxLength={200} autocomplete="off" {...add.describe('source-name', 'source-name-hint')} />
          </Field>
          <Field id="kind" label={a.kindLabel} form={add}>
            <select id="kind" name="kind" {...add.describe('kind')}>
              {SOURCE_KINDS.map((kind) => <option value={kind} selected={kind === add.value('kind')}>{t.sources[kind] ?? kind}</option>)}
            </select>
          </Field>
          <Field id="municipality" label={a.municipalityLabel} hint={a.municipalityHint} form={add}>
            <select id="municipality" name="municipality" {...add.describe('municipality', 'municipality-hint')}>
              <option value="">{a.noMunicipality}</option>
              {MUNICIPALITY_CODES.map((code) => <option value={code} selected={code === add.value('municipality')}>{unitDisplayName(code)}</option>)}
            </select>
          </Field>
          <button type="submit">{a.addSourceButton}</button>
        </form>
      </section>
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{a.sourcesList} ({sources.length})</h2>
        <ul class="case-list account-list">
          {sources.map((source) => {
            const rotateError = rotated === source.id ? refused?.refusal.errors[0]?.message : undefined;
            return (
              <li class="case-card" aria-labelledby={`source-${source.id}`}>
                <h3 id={`source-${source.id}`} tabindex={-1}>{source.name}</h3>
                <p class="muted">
                  {t.sources[source.kind] ?? source.kind}
                  {source.municipality && <> · {unitDisplayName(source.municipality as UnitCode)}</>} · {a.createdOn} {stockholmTime(source.createdAt)}
                  {source.revokedAt && <> · <strong>{a.revokedSource}</strong></>}
                </p>
                {rotateError && <p class="error-message"><span class="visually-hidden">{t.errorPrefix}: </span>{rotateError}</p>}
                {!source.revokedAt && (
                  <details class="actions" open={rotateError !== undefined}>
                    <summary>{a.rotateKey}</summary>
                    <form method="post" action={`/admin/sources/${source.id}/rotate-key`}>
                      <CsrfField caller={caller} />
                      <input type="hidden" name="nonce" value={formNonce()} />
                      <p>{a.rotateWarning}</p>
                      <button type="submit">{a.rotateKey}: {source.name}</button>
                    </form>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </>,
  );
}

function sourceMessages(lang: WebCaller['lang'], form: SourceForm, values: Record<string, string>): FormMessages {
  const a = adminWords(lang);
  const invalid: Record<string, (issue: { code: string }) => string> = {
    name: (issue) => (issue.code === 'too_big' ? a.sourceNameTooLong : a.sourceNameMissing),
    kind: () => a.kindInvalid,
    municipality: () => (values.kind === 'municipality-site' ? a.municipalityNeeded : a.municipalityNotAllowed),
  };
  const card = form.kind === 'add' ? 'add-heading' : `source-${form.id}`;
  return {
    invalid: form.kind === 'add' ? (field, issue) => invalid[field]?.(issue) : () => undefined,
    // The one conflict: the form's one-time key was used (a reload of the page that showed the key).
    conflict: form.kind === 'add' ? a.sourceAlreadyAdded : a.keyAlreadyShown,
    otherwise: a.formStale,
    inputId: (field) => (field === 'name' ? 'source-name' : field),
    formHref: `#${card}`,
  };
}

function sourceForm<P>(formOf: (params: P) => SourceForm): PageForm<P> {
  return {
    messages: (lang, params, values) => sourceMessages(lang, formOf(params), values),
    render: (refusal, params, caller, deps) => sourcesPage(deps, caller, undefined, { form: formOf(params), refusal }),
  };
}

const addSourceForm = z.preprocess(
  (value) => (value && typeof value === 'object' ? { ...value, municipality: emptyToUndefined((value as Record<string, unknown>).municipality) } : value),
  z.strictObject({ ...intakeSourceFields, nonce: nonceField }).refine(...municipalityRule),
);
type AddSourceForm = z.infer<typeof addSourceForm>;

const accessLogQuery = z.object({
  contact: z.preprocess(emptyToUndefined, z.string().trim().max(320).optional()),
  coordinator: z.preprocess(emptyToUndefined, z.uuid().optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
type AccessLogQuery = z.infer<typeof accessLogQuery>;

/** The contact filter takes a contact's id, or their email address as the card holds it. */
async function contactIdFor(deps: WebDeps, contact: string | undefined): Promise<string | null | undefined> {
  if (!contact) return undefined;
  if (z.uuid().safeParse(contact).success) return contact.toLowerCase();
  const email = normalizeEmail(contact);
  const found = email ? await deps.db.contact.findFirst({ where: { email }, select: { id: true } }) : null;
  return found?.id ?? null;
}

async function accessLogPage(deps: WebDeps, caller: WebCaller, query: AccessLogQuery) {
  const a = adminWords(caller.lang);
  const t = words(caller.lang);
  const contactId = await contactIdFor(deps, query.contact);
  const [accounts, result] = await Promise.all([
    listCoordinators(deps.db),
    contactId === null
      ? { items: [], total: 0 }
      : listAccessLog(deps.db, { contactId, coordinatorId: query.coordinator }, { page: query.page, pageSize: ACCESS_LOG_PAGE_SIZE }),
  ]);
  const names = await accessLogNames(deps.db, result.items);
  const pages = Math.max(1, Math.ceil(result.total / ACCESS_LOG_PAGE_SIZE));
  const filterLink = (filter: { contact?: string; coordinator?: string; page?: number }) => {
    const params = new URLSearchParams(Object.entries(filter).flatMap(([key, value]) => (value === undefined || value === 1 ? [] : [[key, String(value)]])));
    return `/admin/access-log${params.size ? `?${params.toString()}` : ''}`;
  };
  return renderPage(
    caller,
    a.accessLogTitle,
    <>
      <AdminBreadcrumb caller={caller} />
      <h1>{a.accessLogTitle}</h1>
      <p>{a.accessLogLead}</p>
      <form method="get" action="/admin/access-log" class="filters" hx-get="/admin/access-log" hx-target="#results" hx-select="#results" hx-swap="outerHTML" hx-push-url="true">
        <Field id="contact" label={a.filterContact} hint={a.filterContactHint}>
          <input id="contact" name="contact" type="text" value={query.contact ?? ''} maxLength={320} autocomplete="off" spellcheck={false} aria-describedby="contact-hint" />
        </Field>
        <Field id="coordinator" label={a.filterCoordinator}>
          <select id="coordinator" name="coordinator">
            <option value="">{a.anyone}</option>
            {accounts.map((account) => <option value={account.id} selected={account.id === query.coordinator}>{account.name} ({account.email})</option>)}
          </select>
        </Field>
        <button type="submit">{a.filterButton}</button>
      </form>
      <div id="results">
        <p data-announce data-focus-after-swap tabindex={-1}>{contactId === null ? a.noSuchContact : a.entries(result.total)}</p>
        {result.items.length === 0 ? <p>{a.noEntries}</p> : (
          <ol class="timeline access-log">
            {result.items.map((entry) => {
              const contactName = names.contacts.get(entry.contactId);
              return (
                <li class="entry">
                  <p class="entry-title">
                    <strong>{a.actions[entry.action] ?? entry.action}</strong>{' '}
                    {contactName ? <a href={`/contacts/${entry.contactId}`}>{contactName}</a> : <span>{a.erasedContact} {entry.contactId}</span>}
                  </p>
                  <p class="muted">
                    <time dateTime={entry.at.toISOString()}>{stockholmTime(entry.at)}</time> · {t.by} {entry.coordinatorId === null ? a.thePersonThemselves : (names.coordinators.get(entry.coordinatorId) ?? entry.coordinatorId)}
                    {!contactId && <> · <a href={filterLink({ contact: entry.contactId, coordinator: query.coordinator })}>{a.onlyThisContact}</a></>}
                  </p>
                </li>
              );
            })}
          </ol>
        )}
        {pages > 1 && (
          <nav class="pager" aria-label={a.accessLogTitle}>
            {query.page > 1 && <a href={filterLink({ ...query, page: query.page - 1 })} rel="prev">{t.newer}</a>}
            <span>{t.pageOf(query.page, pages)}</span>
            {query.page < pages && <a href={filterLink({ ...query, page: query.page + 1 })} rel="next">{t.older}</a>}
          </nav>
        )}
      </div>
    </>,
  );
}

const ADMIN_SECTIONS = [
  { href: '/admin/coordinators', title: 'coordinatorsTitle', lead: 'coordinatorsLead' },
  { href: '/admin/sources', title: 'sourcesTitle', lead: 'sourcesLead' },
  { href: '/admin/access-log', title: 'accessLogTitle', lead: 'accessLogLead' },
  { href: '/admin/goals', title: 'goalsTitle', lead: 'goalsLead' },
] as const;

export const adminPages = [
  page({
    method: 'GET',
    path: '/admin',
    access: 'admin',
    async handler(_input, caller) {
      const a = adminWords(caller.lang);
      return {
        kind: 'html',
        html: renderPage(
          caller,
          a.adminTitle,
          <>
            <h1>{a.adminTitle}</h1>
            <p>{a.adminLead}</p>
            <ul class="case-list">
              {[...ADMIN_SECTIONS.map((section) => ({ href: section.href, title: a[section.title], lead: a[section.lead] })), ...adminDataSections(caller.lang)].map((section) => (
                <li class="case-card">
                  <h2 class="small"><a href={section.href}>{section.title}</a></h2>
                  <p>{section.lead}</p>
                </li>
              ))}
            </ul>
          </>,
        ),
      };
    },
  }),
  page<object, { saved?: CoordinatorSaved }>({
    method: 'GET',
    path: '/admin/coordinators',
    access: 'admin',
    query: z.object({ saved: z.enum(COORDINATOR_SAVED).optional().catch(undefined) }),
    async handler({ query }, caller, deps) {
      return { kind: 'html', html: await coordinatorsPage(deps, caller, query.saved) };
    },
  }),
  page<object, object, NewCoordinator>({
    method: 'POST',
    path: '/admin/coordinators',
    access: 'admin',
    body: newCoordinatorRequest,
    form: coordinatorForm(() => ({ kind: 'add' })),
    async handler({ body }, caller, deps) {
      const created = await addCoordinator(deps.db, { ...body, addedById: signedIn(caller).id });
      await sendWelcomeEmail(deps, created.id);
      return { kind: 'redirect', location: '/admin/coordinators?saved=added' };
    },
  }),
  page<{ id: string }, object, CoordinatorChange>({
    method: 'POST',
    path: '/admin/coordinators/{id}',
    access: 'admin',
    params: idParams,
    body: coordinatorChangeRequest,
    form: coordinatorForm((params) => ({ kind: 'change', id: params.id })),
    async handler({ params, body }, caller, deps) {
      await changeCoordinator(deps.db, { id: params.id, ...body, changedById: signedIn(caller).id });
      return { kind: 'redirect', location: '/admin/coordinators?saved=changed' };
    },
  }),
  page<{ id: string }>({
    method: 'POST',
    path: '/admin/coordinators/{id}/revoke',
    access: 'admin',
    params: idParams,
    form: coordinatorForm((params) => ({ kind: 'revoke', id: params.id })),
    async handler({ params }, caller, deps) {
      await revokeCoordinator(deps.db, { id: params.id, revokedById: signedIn(caller).id });
      return { kind: 'redirect', location: '/admin/coordinators?saved=revoked' };
    },
  }),
  page({
    method: 'GET',
    path: '/admin/sources',
    access: 'admin',
    async handler(_input, caller, deps) {
      return { kind: 'html', html: await sourcesPage(deps, caller) };
    },
  }),
  // The new key is shown in the answer to the post itself (never cached: the pages' answers
  // are `no-store`): it is stored nowhere it could be shown from later. A reload sends the
  // form's one-time key again, and that post changes nothing.
  page<object, object, AddSourceForm>({
    method: 'POST',
    path: '/admin/sources',
    access: 'admin',
    body: addSourceForm,
    form: sourceForm(() => ({ kind: 'add' })),
    async handler({ body }, caller, deps) {
      const { nonce, ...source } = body;
      const created = await addIntakeSource(deps.db, { ...source, addedById: signedIn(caller).id, oneTimeKey: nonce });
      return { kind: 'html', html: await sourcesPage(deps, caller, { name: created.name, key: created.key, added: true }) };
    },
  }),
  page<{ id: string }, object, { nonce: string }>({
    method: 'POST',
    path: '/admin/sources/{id}/rotate-key',
    access: 'admin',
    params: idParams,
    body: z.object({ nonce: nonceField }),
    form: sourceForm((params) => ({ kind: 'rotate', id: params.id })),
    async handler({ params, body }, caller, deps) {
      const rotated = await rotateIntakeSourceKey(deps.db, { id: params.id, rotatedById: signedIn(caller).id, oneTimeKey: body.nonce });
      return { kind: 'html', html: await sourcesPage(deps, caller, { name: rotated.name, key: rotated.key, added: false }) };
    },
  }),
  page<object, AccessLogQuery>({
    method: 'GET',
    path: '/admin/access-log',
    access: 'admin',
    query: accessLogQuery,
    async handler({ query }, caller, deps) {
      return { kind: 'html', html: await accessLogPage(deps, caller, query) };
    },
  }),
];
