// The plain text a mail client would show for an HTML body: hidden elements dropped,
// block elements as line breaks, entities decoded.
import he from 'he';
import { cleanText } from './mail-text.js';

// Their content is never shown as text by a mail client.
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'title', 'template', 'xml']);
// Unclosed, these swallow the rest of the document in a browser too; anything less
// could leak script source into the text.
const RAW_TEXT_ELEMENTS = new Set(['script', 'style']);
const LINE_BREAKING_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'tr', 'ul',
]);
const CELL_ELEMENTS = new Set(['td', 'th']);
const TAG_START = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;

// A single forward scan rather than a chain of regular expressions: inbound HTML can be
// megabytes of hostile markup, and every step here stays linear in its length.
export function htmlToPlainText(html: string): string {
  const parts: string[] = [];
  let position = 0;
  while (position < html.length) {
    const tagOpen = html.indexOf('<', position);
    if (tagOpen === -1) {
      parts.push(textNode(html.slice(position)));
      break;
    }
    parts.push(textNode(html.slice(position, tagOpen)));

    if (html.startsWith('<!--', tagOpen)) {
      const commentEnd = html.indexOf('-->', tagOpen + 4);
      position = commentEnd === -1 ? html.length : commentEnd + 3;
      continue;
    }
    TAG_START.lastIndex = tagOpen;
    const tag = TAG_START.exec(html);
    if (!tag) {
      const next = html.charAt(tagOpen + 1);
      // <!DOCTYPE>, <![CDATA[…]]>, <?xml?> carry no text; any other "<" is literal text.
      if (next === '!' || next === '?') {
        position = tagEnd(html, tagOpen + 2);
      } else {
        parts.push('<');
        position = tagOpen + 1;
      }
      continue;
    }

    const isClosing = tag[1] === '/';
    const name = (tag[2] ?? '').toLowerCase();
    position = tagEnd(html, tagOpen + tag[0].length);
    if (!isClosing && HIDDEN_ELEMENTS.has(name)) {
      const closing = closingTagStart(html, name, position);
      if (closing !== -1) position = tagEnd(html, closing);
      else if (RAW_TEXT_ELEMENTS.has(name)) position = html.length;
      continue;
    }
    if (LINE_BREAKING_ELEMENTS.has(name)) parts.push('\n');
    else if (CELL_ELEMENTS.has(name)) parts.push(' ');
  }
  return cleanText(
    parts
      .join('')
      .split('\n')
      .map((line) => line.replace(/[ \t]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n'),
  );
}

function textNode(source: string): string {
  return decodeEntities(source.replace(/[ \t\r\n\f]+/g, ' '));
}

/** Index just after the ">" closing the tag; quoted attribute values may contain ">". */
function tagEnd(html: string, from: number): number {
  let quote = '';
  let afterEquals = false;
  for (let index = from; index < html.length; index++) {
    const char = html.charAt(index);
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '>') {
      return index + 1;
    } else if ((char === '"' || char === "'") && afterEquals) {
      quote = char;
    } else if (char === '=') {
      afterEquals = true;
    } else if (char.trim() !== '') {
      afterEquals = false;
    }
  }
  return html.length;
}

function closingTagStart(html: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}(?=[\\s/>]|$)`, 'gi');
  closing.lastIndex = from;
  return closing.exec(html)?.index ?? -1;
}

function decodeEntities(text: string): string {
  // Layout spaces would only have to be collapsed again.
  return he.decode(text.replace(/&nbsp;?/g, ' '));
}
