// A refused form post as the person who typed it sees it (the GOV.UK error pattern): the
// form's own page again, an error summary at the top that links to each field, the message
// again beside the field, in the page's language, with what was typed kept. The errors come
// from the form's zod schema or from a use case's coded error (domain/errors.ts); the JSON API
// answers the same errors as problem+json (api/error-table.ts), this is only the pages' reading.
import { ZodError, type z } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { Language } from './i18n.js';

/** One message of the summary; `field` is the id of the input on the page (the message is shown beside it). */
export interface FormError {
  field: string;
  message: string;
  /** Where the summary's link leads: the input, or (a conflict, a stale form) the form itself. */
  href: string;
}

export interface FormRefusal {
  /** 422 for a value that is not valid or that a rule refuses, 409 when the current state forbids the post. */
  status: 409 | 422;
  errors: FormError[];
  /** What was typed, by field name, to fill the form in again. */
  values: Record<string, string>;
}

/** How one form says what is wrong, in the caller's language. Field names are the form's `name`s. */
export interface FormMessages {
  /** What to type in a field the form's schema refused. */
  invalid(field: string, issue: z.core.$ZodIssue): string | undefined;
  /** A use case's refusal of a field's value (`rejected`, a business rule). */
  rejected?(field: string): string | undefined;
  /** The current state forbids the post (`conflict`). */
  conflict?: string;
  /** Anything else (a field the form does not have, a page left open too long). */
  otherwise: string;
  /** The input's id on the page, when it is not the field's name. */
  inputId?(field: string): string;
  /** Where a message that belongs to no input links to (the form, or the card it is on). */
  formHref: string;
}

/** The form's fields as sent (strings), without the CSRF token. */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && name !== '_csrf') values[name] = text;
  }
  return values;
}

/** The refusal to show for an error, or undefined when the error is not about the form (not found, a bug). */
export function formRefusal(error: unknown, values: Record<string, string>, messages: FormMessages): FormRefusal | undefined {
  const onField = (field: string, message: string | undefined): FormError => {
    if (!message) return { field: '', message: messages.otherwise, href: messages.formHref };
    const id = messages.inputId?.(field) ?? field;
    return { field: id, message, href: `#${id}` };
  };
  let errors: FormError[];
  let status: FormRefusal['status'] = 422;
  if (error instanceof ZodError) {
    errors = error.issues.map((issue) => {
      const field = typeof issue.path[0] === 'string' ? issue.path[0] : '';
      return onField(field, field ? messages.invalid(field, issue) : undefined);
    });
  } else if (error instanceof DomainError && error.code === 'rejected') {
    errors = (error.fields ?? []).map((fieldError) => onField(fieldError.field, messages.rejected?.(fieldError.field)));
  } else if (error instanceof DomainError && error.code === 'conflict') {
    status = 409;
    errors = [{ field: '', message: messages.conflict ?? messages.otherwise, href: messages.formHref }];
  } else {
    return undefined;
  }
  // One message per input (the first is the one to fix first), in the order of the form.
  const seen = new Set<string>();
  errors = errors.filter((entry) => {
    const key = `${entry.field}\n${entry.field ? '' : entry.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { status, errors: errors.length ? errors : [{ field: '', message: messages.otherwise, href: messages.formHref }], values };
}

/** A form as a page draws it: blank, or again after a refusal (errors beside the inputs, what was typed). */
export class FormView {
  constructor(
    readonly lang: Language,
    readonly refusal?: FormRefusal,
  ) {}

  get errors(): FormError[] {
    return this.refusal?.errors ?? [];
  }

  /** The message beside an input, by its id. */
  error(inputId: string): string | undefined {
    return this.refusal?.errors.find((entry) => entry.field === inputId)?.message;
  }

  /** What was typed in a field, by its name; the fallback on a blank form. */
  value(name: string, fallback?: string): string | undefined {
    return this.refusal ? (this.refusal.values[name] ?? fallback) : fallback;
  }

  /** The input's ARIA: invalid, and described by its hint and its message. */
  describe(inputId: string, hintId?: string): { 'aria-invalid'?: 'true'; 'aria-describedby'?: string } {
    const invalid = this.error(inputId) !== undefined;
    const describedBy = [hintId, invalid ? `${inputId}-error` : undefined].filter(Boolean).join(' ');
    return { ...(invalid ? { 'aria-invalid': 'true' as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
  }
}
