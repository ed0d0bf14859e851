// What every page request needs to know about the browser, read once per request and kept
// on res.locals: the session (if any), the CSRF token its forms carry, the language.
import type { Request, Response } from 'express';
import type { Database } from '../platform/database.js';
import { isLanguage, type Language } from './i18n.js';
import { ANONYMOUS_CSRF_COOKIE, LANGUAGE_COOKIE, SESSION_COOKIE, cookieOptions, findSession, newSecret, type OpenSession } from './session.js';

export interface PageContext {
  session: OpenSession | null;
  /** The session's token, or before sign-in a random one in a cookie (double submit). */
  csrfToken: string;
  lang: Language;
  cookies: Record<string, string>;
}

export function readCookies(req: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A cookie we did not set; ignore it.
    }
  }
  return cookies;
}

export async function pageContext(req: Request, res: Response, db: Database, publicBaseUrl: string): Promise<PageContext> {
  const known = res.locals.pageContext as PageContext | undefined;
  if (known) return known;
  const cookies = readCookies(req);
  const lang: Language = isLanguage(cookies[LANGUAGE_COOKIE]) ? (cookies[LANGUAGE_COOKIE] as Language) : 'sv';
  const session = await findSession(db, cookies[SESSION_COOKIE]);
  let csrfToken = session?.csrfToken ?? cookies[ANONYMOUS_CSRF_COOKIE];
  if (!csrfToken || csrfToken.length !== 43) {
    csrfToken = newSecret();
    res.cookie(ANONYMOUS_CSRF_COOKIE, csrfToken, cookieOptions(publicBaseUrl));
  }
  const context: PageContext = { session, csrfToken, lang, cookies };
  res.locals.pageContext = context;
  return context;
}
