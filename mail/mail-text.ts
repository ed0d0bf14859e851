// Normalising text taken from untrusted mail, shared by the body, headers and HTML.

// Control characters (other than tab and newline) and invisible characters only hide
// text from the reader or break search; soft hyphens and zero-width spaces are common
// in newsletter-style HTML.
const INVISIBLE_CHARACTERS = /[^\P{Cc}\t\n]|[\u00ad\u200b\u200c\ufeff]/gu;

export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE_CHARACTERS, '').trim();
}

export function singleLine(value: string): string {
  return value.replace(/\p{Cc}+/gu, ' ').replace(INVISIBLE_CHARACTERS, '').trim();
}
