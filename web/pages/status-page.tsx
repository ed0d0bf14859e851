// Not found, not allowed, a refused form: one page with a clear heading and a way back.
import type { WebCaller } from '../declarations.js';
import { words } from '../i18n.js';
import { ErrorSummary } from '../components.js';
import { renderPage } from '../layout.js';

export function renderStatusPage(
  caller: WebCaller,
  input: { title: string; message?: string; errors?: Array<{ field: string; message: string }>; backTo?: string },
): string {
  const t = words(caller.lang);
  return renderPage(
    caller,
    input.title,
    <div class="panel" id="status-page">
      <h1>{input.title}</h1>
      {input.message && <p data-announce>{input.message}</p>}
      {input.errors && <ErrorSummary lang={caller.lang} errors={input.errors} />}
      <p><a href={input.backTo ?? '/'}>{t.goBack}</a></p>
    </div>,
  );
}
