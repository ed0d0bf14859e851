// The one escaper for text placed in HTML and SVG (pages, emails, charts): every label may
// carry å ä ö, and nothing a person typed must ever be read as markup.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}
