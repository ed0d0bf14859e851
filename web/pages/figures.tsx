// The figures for decision makers (MISSION.md §8), the same sections as /api/v1/reports,
// inside the app's navigation.
import { inMigrationReport } from '../../api/reports/in-migration-report.js';
import { inMigrationView } from '../../api/reports/in-migration-view.js';
import { intakeReport } from '../../api/reports/intake-report.js';
import { intakeView } from '../../api/reports/intake-view.js';
import { formatStockholmDateTime } from '../../domain/stockholm-time.js';
import { sectionHtml } from '../../api/reports/report-page.js';
import { currentStockholmYear, reportPageQuery, resolvePeriod } from '../../api/reports/report-query.js';
import { serviceLevelReport } from '../../api/reports/service-level-report.js';
import { serviceLevelView } from '../../api/reports/service-level-view.js';
import { page } from '../declarations.js';
import { words } from '../i18n.js';
import { renderPage } from '../layout.js';

export const figuresPages = [
  page<object, ReturnType<typeof reportPageQuery.parse>>({
    method: 'GET',
    path: '/figures',
    access: 'coordinator',
    query: reportPageQuery,
    async handler({ query }, caller, deps) {
      const t = words(caller.lang);
      const now = new Date();
      const period = resolvePeriod(query, now);
      const [serviceLevel, inMigration, intake] = await Promise.all([
        serviceLevelReport(deps.db, { period, now }),
        inMigrationReport(deps.db, { year: query.year ?? currentStockholmYear(now), now }),
        intakeReport(deps.db, { period, now }),
      ]);
      // The sections are the report page's own markup, escaped where it is built.
      const sections = [serviceLevelView(serviceLevel), inMigrationView(inMigration), intakeView(intake)].map(sectionHtml).join('\n')
        // Wide tables scroll sideways on a phone; keyboard users must be able to reach them.
        .replaceAll('<div class="table-scroll">', '<div class="table-scroll" tabindex="0">');
      return {
        kind: 'html',
        html: renderPage(
          caller,
          t.figuresTitle,
          <>
            <h1>{t.figuresTitle}</h1>
            <p>{t.figuresLead} {formatStockholmDateTime(now)}</p>
            <div class="figures" dangerouslySetInnerHTML={{ __html: sections }} />
          </>,
        ),
      };
    },
  }),
];
