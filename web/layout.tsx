// The frame of every page: skip link, header with the navigation, one live region for
// announcements after partial updates, and the main landmark. Part 2 adds navigation
// entries to NAVIGATION and pages to web/pages.ts; nothing else here changes.
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { WebCaller } from './declarations.js';
import { words } from './i18n.js';

type NavKey = 'navMyDay' | 'navSearch' | 'navCases' | 'navFigures' | 'navReview' | 'navNewsletters' | 'navAdmin';

export const NAVIGATION: Array<{ href: string; label: NavKey; admin?: boolean; forViewers?: boolean }> = [
  { href: '/', label: 'navMyDay' },
  { href: '/search', label: 'navSearch' },
  { href: '/cases', label: 'navCases' },
  { href: '/figures', label: 'navFigures', forViewers: true },
  { href: '/review', label: 'navReview' },
  { href: '/newsletters', label: 'navNewsletters', admin: true },
  { href: '/admin', label: 'navAdmin', admin: true },
];

function isCurrent(href: string, url: string): boolean {
  const path = url.split('?')[0] ?? '/';
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

export function CsrfField({ caller }: { caller: WebCaller }) {
  return <input type="hidden" name="_csrf" value={caller.csrfToken} />;
}

function Header({ caller }: { caller: WebCaller }) {
  const t = words(caller.lang);
  return (
    <header class="site-header">
      <div class="bar">
        <a class="brand" href="/">{t.appName}</a>
        <form method="post" action="/language" class="inline">
          <CsrfField caller={caller} />
          <input type="hidden" name="lang" value={caller.lang === 'sv' ? 'en' : 'sv'} />
          <input type="hidden" name="returnTo" value={caller.url} />
          <button type="submit" class="link-button" lang={caller.lang === 'sv' ? 'en' : 'sv'}>{t.switchLanguage}</button>
        </form>
        {caller.coordinator && (
          <form method="post" action="/sign-out" class="inline">
            <CsrfField caller={caller} />
            <span class="who">{t.signedInAs} {caller.coordinator.name}</span>{' '}
            <button type="submit" class="link-button">{t.signOut}</button>
          </form>
        )}
      </div>
      {caller.coordinator && (
        <nav aria-label={t.navMain}>
          <ul>
            {NAVIGATION.filter((item) => (!item.admin || caller.coordinator?.role === 'admin') && (item.forViewers || caller.coordinator?.role !== 'viewer')).map((item) => (
              <li>
                <a href={item.href} aria-current={isCurrent(item.href, caller.url) ? 'page' : undefined}>{t[item.label]}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

export function renderPage(caller: WebCaller, title: string, content: ComponentChildren): string {
  const t = words(caller.lang);
  const html = render(
    <html lang={caller.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"historyCacheSize":0}' />
        <title>{`${title} – ${t.appName}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/htmx.min.js" defer></script>
        <script src="/assets/app.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">{t.skipToContent}</a>
        <Header caller={caller} />
        <div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
        <main id="main" tabindex={-1}>
          {content}
        </main>
      </body>
    </html>,
  );
  return `<!doctype html>\n${html}`;
}
