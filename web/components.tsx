// Building blocks shared by the pages (and by part 2's pages).
import type { ComponentChildren } from 'preact';
import { formatStockholmDateTime } from '../domain/stockholm-time.js';
import { unitDisplayName, type UnitCode, UNIT_CODES } from '../domain/units.js';
import type { WebCaller } from './declarations.js';
import { words, type Language } from './i18n.js';
import type { FormView } from './form-errors.js';
import { CsrfField } from './layout.js';
import { slaText, type SlaFacts } from './sla-text.js';

export { CsrfField };

/**
 * The error summary at the top of a refused form (GOV.UK): a message with an `href` is a link
 * to its input (web/form-errors.ts); without one, the field's name is shown before the message.
 */
export function ErrorSummary({ lang, errors }: { lang: Language; errors: Array<{ field: string; message: string; href?: string }> }) {
  if (errors.length === 0) return null;
  const t = words(lang);
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} data-focus-after-swap data-focus-on-load>
      <h2 id="error-summary-title">{t.errorSummaryTitle}</h2>
      <ul>
        {errors.map((error) => (
          <li>
            {error.href ? <a href={error.href}>{error.message}</a> : <><a href={`#field-${error.field}`}>{error.field}</a>: {error.message}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The message shown after a form was saved; also read out by the live region after a partial update. */
export function Flash({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="flash" role="status" tabindex={-1} data-announce data-focus-after-swap>
      <span aria-hidden="true">✓ </span>
      {text}
    </p>
  );
}

const TONE_ICON = { ok: '◷', soon: '⚠', overdue: '⚠', done: '✓' } as const;

/** Overdue is said in words and with an icon, never by colour alone. */
export function SlaBadge({ facts, lang }: { facts: SlaFacts; lang: Language }) {
  const { text, tone } = slaText(facts, lang);
  return (
    <span class={`sla sla-${tone}`}>
      <span aria-hidden="true">{TONE_ICON[tone]} </span>
      {text}
    </span>
  );
}

export function PreferredContact({ method, phone, email, lang }: { method: string; phone: string | null; email: string | null; lang: Language }) {
  const t = words(lang);
  const value = method === 'phone' ? phone : email;
  return (
    <span class="preferred">
      {t.prefers} {method === 'phone' ? t.prefersPhone : t.prefersEmail}: {value && (method === 'phone' ? <a href={`tel:${value}`}>{value}</a> : <a href={`mailto:${value}`}>{value}</a>)}
    </span>
  );
}

/** A labelled input; on a refused form (`form`) its message is shown between the label and the input. */
export function Field({ id, label, hint, form, children }: { id: string; label: string; hint?: string; form?: FormView; children: ComponentChildren }) {
  const error = form?.error(id);
  return (
    <div class={error ? 'field field-error' : 'field'} id={`field-${id}`}>
      <label for={id}>{label}</label>
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
      {error && form && <p class="error-message" id={`${id}-error`}><span class="visually-hidden">{words(form.lang).errorPrefix}: </span>{error}</p>}
      {children}
    </div>
  );
}

export function UnitSelect({ id, name, selected, lang, includeAny, aria }: { id: string; name: string; selected?: string; lang: Language; includeAny?: boolean; aria?: ReturnType<FormView['describe']> }) {
  const t = words(lang);
  return (
    <select id={id} name={name} {...aria}>
      {includeAny && <option value="">{t.any}</option>}
      {UNIT_CODES.map((unit) => (
        <option value={unit} selected={unit === selected}>{unitDisplayName(unit)}</option>
      ))}
    </select>
  );
}

export const stockholmTime = (value: Date | string) => formatStockholmDateTime(typeof value === 'string' ? new Date(value) : value);

export interface CaseListItem {
  id: string;
  number: number;
  workflowId: string;
  contactId: string;
  responsibleUnit: string;
  status: string;
  slaOutcome: string;
  firstReplyDueAt: Date;
  sourceKind: string;
  interests: string[];
  contact: { firstName: string; lastName: string; preferredContactMethod: string; phone: string | null; email: string | null };
}

export function CaseCards({ items, caller, temporalLink }: { items: CaseListItem[]; caller: WebCaller; temporalLink?: (workflowId: string) => string | null }) {
  const t = words(caller.lang);
  if (items.length === 0) return <p>{t.noCases}</p>;
  return (
    <ul class="case-list">
      {items.map((item) => {
        const link = temporalLink?.(item.workflowId);
        return (
          <li class="case-card">
            <h3>
              <a href={`/contacts/${item.contactId}`}>{item.contact.firstName} {item.contact.lastName}</a>
            </h3>
            <p><SlaBadge facts={item} lang={caller.lang} /> <span class="muted">({t.dueAt} {stockholmTime(item.firstReplyDueAt)})</span></p>
            <p><PreferredContact method={item.contact.preferredContactMethod} phone={item.contact.phone} email={item.contact.email} lang={caller.lang} /></p>
            <p class="muted">
              {t.caseNumber} {item.number} · {unitDisplayName(item.responsibleUnit as UnitCode)} · {t.source}: {t.sources[item.sourceKind] ?? item.sourceKind}
              {item.interests.length > 0 && <> · {t.topics}: {item.interests.map((code) => t.interestLabels[code as keyof typeof t.interestLabels] ?? code).join(', ')}</>}
            </p>
            {link && <p><a href={link} rel="noopener">{t.openInTemporal}: {item.workflowId}</a></p>}
          </li>
        );
      })}
    </ul>
  );
}
