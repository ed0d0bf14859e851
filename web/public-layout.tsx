// The frame of the in-mover's pages (issue 15): the web app's styles and skip link, no
// guides' navigation, a language switch that is a plain link (it works inside another
// site's frame, where no cookie of ours reaches), and links to the privacy notice and
// the accessibility statement. The embedded variant drops the header for the host's own.
import type { Request } from 'express';
import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { Language } from './i18n.js';
import { words } from './i18n.js';
import { inMoverWords } from './words/inmover.js';

export interface PublicFrame {
  lang: Language;
  /** The path of this page (no query); the language switch links to it. */
  path: string;
  /** Query parameters kept across the language switch (no personal data). */
  keep?: Record<string, string>;
  embed?: boolean;
}

/** A link to a public page in the given language. */
export function publicHref(path: string, lang: Language, keep: Record<string, string> = {}): string {
  const query = new URLSearchParams({ ...keep, lang });
  return `${path}?${query.toString()}`;
}

function Footer({ frame }: { frame: PublicFrame }) {
  const t = inMoverWords(frame.lang);
  // Inside a frame the information pages open on their own, not squeezed into the host's box.
  const outside = frame.embed ? { target: '_blank', rel: 'noopener' } : {};
  const suffix = frame.embed ? <span class="visually-hidden"> {t.opensInNewWindow}</span> : null;
  return (
    <footer class="public-footer" aria-label={t.footerLabel}>
      <ul>
        <li><a href={publicHref('/privacy', frame.lang)} {...outside}>{t.privacyLink}{suffix}</a></li>
        <li><a href={publicHref('/accessibility', frame.lang)} {...outside}>{t.accessibilityLink}{suffix}</a></li>
        <li><a href={publicHref('/my-data', frame.lang)} {...outside}>{t.myDataLink}{suffix}</a></li>
      </ul>
    </footer>
  );
}

export function renderPublicPage(frame: PublicFrame, title: string, content: ComponentChildren): string {
  const t = inMoverWords(frame.lang);
  const other: Language = frame.lang === 'sv' ? 'en' : 'sv';
  const languageLink = (
    <a href={publicHref(frame.path, other, frame.keep)} lang={other} hreflang={other}>{t.switchLanguage}</a>
  );
  const html = render(
    <html lang={frame.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t.serviceName}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/public.js" defer></script>
      </head>
      <body class={frame.embed ? 'public embed' : 'public'}>
        <a class="skip-link" href="#main">{words(frame.lang).skipToContent}</a>
        {frame.embed ? (
          <div class="embed-bar">{languageLink}</div>
        ) : (
          <header class="site-header">
            <div class="bar">
              <span class="brand">{t.serviceName}</span>
              {languageLink}
            </div>
          </header>
        )}
        <main id="main" tabindex={-1}>
          {content}
        </main>
        <Footer frame={frame} />
      </body>
    </html>,
  );
  return `<!doctype html>\n${html}`;
}

/** Not found, a refused form: the public frame, in the language the page was asked in. */
export function renderPublicStatusPage(
  req: Request,
  lang: Language,
  input: { title: string; message?: string; errors?: Array<{ field: string; message: string }>; backTo?: string },
): string {
  const t = words(lang);
  return renderPublicPage({ lang, path: req.path }, input.title, (
    <div class="panel narrow">
      <h1>{input.title}</h1>
      {input.message && <p>{input.message}</p>}
      {input.errors && input.errors.length > 0 && (
        <ul>
          {input.errors.map((error) => <li>{error.message}</li>)}
        </ul>
      )}
      <p><a href={publicHref(input.backTo && input.backTo !== '/' ? input.backTo : '/my-data', lang)}>{t.goBack}</a></p>
    </div>
  ));
}
