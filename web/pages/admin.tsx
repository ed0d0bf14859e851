// Administration (MISSION.md §1): accounts, intake sources and the access log. Every page
// and form post is for administrators only; the route table answers others with the 403 page.
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
import { addIntakeSource, listIntakeSources, newIntakeSourceRequest, rotateIntakeSourceKey, type NewIntakeSource } from '../../api/use-cases/intake-sources.js';
import { ROLES, SOURCE_KINDS } from '../../domain/codes.js';
import { normalizeEmail } from '../../domain/contact-channels.js';
import { MUNICIPALITY_CODES, unitDisplayName, type UnitCode } from '../../domain/units.js';
import { page, signedIn, type WebCaller, type WebDeps } from '../declarations.js';
import { CsrfField, Field, Flash, UnitSelect, stockholmTime } from '../components.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { adminWords } from '../words/admin.js';
import { adminDataSections } from '../words/admin-data.js';

const idParams = z.object({ id: z.uuid() });
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const COORDINATOR_SAVED = ['added', 'changed', 'revoked'] as const;
type CoordinatorSaved = (typeof COORDINATOR_SAVED)[number];
const ACCESS_LOG_PAGE_SIZE = 50;

function RoleSelect({ id, selected, lang }: { id: string; selected?: string; lang: WebCaller['lang'] }) {
  const a = adminWords(lang);
  return (
    <select id={id} name="role">
      {ROLES.map((role) => <option value={role} selected={role === selected}>{a.roles[role]}</option>)}
    </select>
  );
}

function AccountCard({ account, caller }: { account: CoordinatorAccount; caller: WebCaller }) {
  const a = adminWords(caller.lang);
  const me = signedIn(caller).id === account.id;
  const headingId = `account-${account.id}`;
  return (
    <li class="case-card account" aria-labelledby={headingId}>
      <h3 id={headingId}>{account.name} {me && <span class="muted">{a.you}</span>}</h3>
      <p>{account.email}</p>
      <p class="muted">
        {unitDisplayName(account.unit)} · {a.roles[account.role]} ·{' '}
        {account.revokedAt ? <strong>{a.revokedOn} {stockholmTime(account.revokedAt)}</strong> : <>{a.active}, {a.createdOn.toLowerCase()} {stockholmTime(account.createdAt)}</>}
      </p>
      {!account.revokedAt && !me && (
        <>
          <details class="actions">
            <summary>{a.changeAccount}</summary>
            <form method="post" action={`/admin/coordinators/${account.id}`} class="inline-form">
              <CsrfField caller={caller} />
              <Field id={`unit-${account.id}`} label={a.unitLabel}>
                <UnitSelect id={`unit-${account.id}`} name="unit" selected={account.unit} lang={caller.lang} />
              </Field>
              <Field id={`role-${account.id}`} label={a.roleLabel}>
                <RoleSelect id={`role-${account.id}`} selected={account.role} lang={caller.lang} />
              </Field>
              <button type="submit">{a.saveChange}</button>
            </form>
          </details>
          <details class="actions">
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

async function coordinatorsPage(deps: WebDeps, caller: WebCaller, saved?: CoordinatorSaved) {
  const a = adminWords(caller.lang);
  const accounts = await listCoordinators(deps.db);
  const flash = saved === 'added' ? a.coordinatorAdded : saved === 'changed' ? a.coordinatorChanged : saved === 'revoked' ? a.coordinatorRevoked : undefined;
  return renderPage(
    caller,
    a.coordinatorsTitle,
    <>
      <AdminBreadcrumb caller={caller} />
      <h1>{a.coordinatorsTitle}</h1>
      <p>{a.coordinatorsLead}</p>
      <Flash text={flash} />
      <section class="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">{a.addCoordinatorTitle}</h2>
        <p class="hint">{a.addCoordinatorHint}</p>
        <form method="post" action="/admin/coordinators">
          <CsrfField caller={caller} />
          <Field id="name" label={a.nameLabel}><input id="name" name="name" type="text" required maxLength={200} autocomplete="off" /></Field>
          <Field id="email" label={a.emailLabel}><input id="email" name="email" type="email" required maxLength={254} autocomplete="off" spellcheck={false} /></Field>
          <Field id="unit" label={a.unitLabel}><UnitSelect id="unit" name="unit" selected="region" lang={caller.lang} /></Field>
          <Field id="role" label={a.roleLabel}><RoleSelect id="role" selected="coordinator" lang={caller.lang} /></Field>
          <button type="submit">{a.addCoordinatorButton}</button>
        </form>
      </section>
      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">{a.accountsList} ({accounts.length})</h2>
        <ul class="case-list account-list">
          {accounts.map((account) => <AccountCard account={account} caller={caller} />)}
        </ul>
      </section>
    </>,
  );
}

function AdminBreadcrumb({ caller }: { caller: WebCaller }) {
  const a = adminWords(caller.lang);
  return <p class="eyebrow"><a href="/admin">{a.adminTitle}</a></p>;
}

async function sourcesPage(deps: WebDeps, caller: WebCaller, shown?: { name: string; key: string; added: boolean }) {
  const a = adminWords(caller.lang);
  const t = words(caller.lang);
  const sources = await listIntakeSources(deps.db);
  return renderPage(
    caller,
    a.sourcesTitle,
    <>
      <AdminBreadcrumb caller={caller} />
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
        <h2 id="add-heading">{a.addSourceTitle}</h2>
        <form method="post" action="/admin/sources">
          <CsrfField caller={caller} />
          <Field id="source-name" label={a.sourceNameLabel} hint={a.sourceNameHint}>
            <input id="source-name" name="name" type="text" required maxLength={200} autocomplete="off" aria-describedby="source-name-hint" />
          </Field>
          <Field id="kind" label={a.kindLabel}>
            <select id="kind" name="kind">
              {SOURCE_KINDS.map((kind) => <option value={kind}>{t.sources[kind] ?? kind}</option>)}
            </select>
          </Field>
          <Field id="municipality" label={a.municipalityLabel} hint={a.municipalityHint}>
            <select id="municipality" name="municipality" aria-describedby="municipality-hint">
              <option value="">{a.noMunicipality}</option>
              {MUNICIPALITY_CODES.map((code) => <option value={code}>{unitDisplayName(code)}</option>)}
            </select>
          </Field>
          <button type="submit">{a.addSourceButton}</button>
        </form>
      </section>
      <section aria-labelledby="sources-heading">
        <h2 id="sources-heading">{a.sourcesList} ({sources.length})</h2>
        <ul class="case-list account-list">
          {sources.map((source) => (
            <li class="case-card" aria-labelledby={`source-${source.id}`}>
              <h3 id={`source-${source.id}`}>{source.name}</h3>
              <p class="muted">
                {t.sources[source.kind] ?? source.kind}
                {source.municipality && <> · {unitDisplayName(source.municipality as UnitCode)}</>} · {a.createdOn} {stockholmTime(source.createdAt)}
                {source.revokedAt && <> · <strong>{a.revokedSource}</strong></>}
              </p>
              {!source.revokedAt && (
                <details class="actions">
                  <summary>{a.rotateKey}</summary>
                  <form method="post" action={`/admin/sources/${source.id}/rotate-key`}>
                    <CsrfField caller={caller} />
                    <p>{a.rotateWarning}</p>
                    <button type="submit">{a.rotateKey}: {source.name}</button>
                  </form>
                </details>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>,
  );
}

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
    backTo: () => '/admin/coordinators',
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
    backTo: () => '/admin/coordinators',
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
    backTo: () => '/admin/coordinators',
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
  // The new key is shown in the answer to the post itself: it is stored nowhere it could be shown from later.
  page<object, object, NewIntakeSource>({
    method: 'POST',
    path: '/admin/sources',
    access: 'admin',
    body: z.preprocess(
      (value) => (value && typeof value === 'object' ? { ...value, municipality: emptyToUndefined((value as Record<string, unknown>).municipality) } : value),
      newIntakeSourceRequest,
    ),
    backTo: () => '/admin/sources',
    async handler({ body }, caller, deps) {
      const created = await addIntakeSource(deps.db, { ...body, addedById: signedIn(caller).id });
      return { kind: 'html', html: await sourcesPage(deps, caller, { name: created.name, key: created.key, added: true }) };
    },
  }),
  page<{ id: string }>({
    method: 'POST',
    path: '/admin/sources/{id}/rotate-key',
    access: 'admin',
    params: idParams,
    backTo: () => '/admin/sources',
    async handler({ params }, caller, deps) {
      const rotated = await rotateIntakeSourceKey(deps.db, { id: params.id, rotatedById: signedIn(caller).id });
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
