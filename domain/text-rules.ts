// What a text field may hold (issue 12, items 8 and 10). PostgreSQL text cannot hold NUL,
// a lone UTF-16 surrogate has no UTF-8 form, and a line break in a name would let the
// name write its own lines into the coordinators' emails.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Every C0/C1 control (CR, LF and TAB included) and the Unicode line and paragraph separators. */
const ANY_LINE_BREAK_OR_CONTROL = /[\p{Cc}\u2028\u2029]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** False when the string holds a lone surrogate, i.e. is not valid Unicode. */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** Multi-line text (messages, notes): line breaks and tabs, but no other control characters. */
export function isAcceptableMultiLineText(value: string): boolean {
  return isWellFormedText(value) && !CONTROL_EXCEPT_LINE_BREAKS.test(value);
}

/** One-line text (names, places, titles): no line break or control character at all. */
export function isAcceptableSingleLineText(value: string): boolean {
  return isWellFormedText(value) && !ANY_LINE_BREAK_OR_CONTROL.test(value);
}

/** For text stored before these rules: every control or line break becomes one space. */
export function asOneLine(value: string): string {
  return value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}
