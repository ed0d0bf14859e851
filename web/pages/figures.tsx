// The figures for decision makers (MISSION.md §8) inside the app's navigation: the same
// sections as the printable figures page (/api/v1/reports), which is linked for the board.
import { figuresSectionsHtml, loadFiguresPage } from '../../api/reports/figures-page.js';
import { figuresPageQuery, type FiguresPageQuery } from '../../api/reports/figures-period.js';
import { page } from '../declarations.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';
import { adminWords } from '../words/admin.js';

export const figuresPages = [
  page<object, FiguresPageQuery>({
    method: 'GET',
    path: '/figures',
    access: 'figureReader',
    query: figuresPageQuery,
    async handler({ query }, caller, deps) {
      const t = words(caller.lang);
      const data = await loadFiguresPage(deps.db, { query, now: new Date(), masked: caller.coordinator?.role === 'viewer' });
      // The sections are the figures page's own markup, escaped where it is built.
      const sections = figuresSectionsHtml(data)
        // Wide tables scroll sideways on a phone; keyboard users must be able to reach them.
        .replaceAll('<div class="table-scroll">', '<div class="table-scroll" tabindex="0">');
      return {
        kind: 'html',
        html: renderPage(
          caller,
          t.figuresTitle,
          <>
            <h1>{t.figuresTitle}</h1>
            <p>
              {t.figuresLead} {data.generatedAt} · {data.selection.period.label} ·{' '}
              <a href={`/api/v1/reports${query.period ? `?period=${encodeURIComponent(query.period)}` : ''}`}>{t.figuresPrintable}</a>
              {caller.coordinator?.role === 'admin' && <> · <a href={`/admin/goals?year=${data.inMigration.year}`}>{adminWords(caller.lang).editGoals}</a></>}
            </p>
            <div class="figures" dangerouslySetInnerHTML={{ __html: sections }} />
          </>,
        ),
      };
    },
  }),
];
