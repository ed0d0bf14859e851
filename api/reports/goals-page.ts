// The goals page (issue 16): this year's in-migration goals per municipality and for the
// region as a whole, and every change with who, when, and the old and new value.
// Administrators change them in the web app (/admin/goals) or with PUT /api/v1/goals/{year}/{scope}.
import type { Goal, GoalChange } from '../goal-schemas.js';
import { GOAL_SCOPES } from '../goal-schemas.js';
import { goalScopeName } from '../use-cases/in-migration-goals.js';
import { escapeHtml } from '../../platform/html-escape.js';
import { formatStockholmDateTime } from '../../domain/stockholm-time.js';
import { BASE_STYLE, tableHtml } from './report-page.js';
import type { ReportTable } from './report-table.js';

const when = (iso: string) => formatStockholmDateTime(new Date(iso));
const goalText = (value: { people: number; households: number | null } | null) =>
  value === null ? 'inget' : `${value.people} personer${value.households === null ? '' : `, ${value.households} hushåll`}`;

export function renderGoalsPage(input: { year: number; goals: Goal[]; changes: GoalChange[]; generatedAt: string; figuresPage: string }): string {
  const goalsTable: ReportTable = {
    caption: `Inflyttningsmål ${input.year}`,
    columns: [
      { key: 'name', label: 'Kommun', kind: 'text' },
      { key: 'people', label: 'Mål (personer)', kind: 'count' },
      { key: 'households', label: 'Mål (hushåll)', kind: 'count' },
      { key: 'updatedAt', label: 'Senast ändrat', kind: 'text' },
      { key: 'updatedBy', label: 'Ändrat av', kind: 'text' },
    ],
    rows: GOAL_SCOPES.map((scope) => {
      const goal = input.goals.find((row) => row.scope === scope);
      return [goalScopeName(scope), goal?.people ?? null, goal?.households ?? null, goal ? when(goal.updatedAt) : '–', goal?.updatedBy.name ?? '–'];
    }),
  };
  const historyTable: ReportTable = {
    caption: `Ändringar av målen för ${input.year}, senaste först`,
    columns: [
      { key: 'changedAt', label: 'När', kind: 'text' },
      { key: 'name', label: 'Kommun', kind: 'text' },
      { key: 'old', label: 'Tidigare mål', kind: 'text' },
      { key: 'new', label: 'Nytt mål', kind: 'text' },
      { key: 'changedBy', label: 'Ändrat av', kind: 'text' },
    ],
    rows: input.changes.map((change) => [when(change.changedAt), change.name, goalText(change.old), goalText(change.new), change.changedBy.name]),
  };
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inflyttningsmål ${input.year} – Inflyttarvägledning</title>
<style>${BASE_STYLE}</style>
</head>
<body>
<header>
<h1>Inflyttningsmål ${input.year}</h1>
<p>Sammanställt ${escapeHtml(input.generatedAt)}. <a href="${escapeHtml(input.figuresPage)}">Till nyckeltalen</a></p>
</header>
<main>
<section aria-labelledby="goals-heading">
<h2 id="goals-heading">Mål per kommun och för hela regionen</h2>
${tableHtml(goalsTable)}
<p>Administratörer ändrar målen i webbappen under Administration → Inflyttningsmål (<code>/admin/goals</code>) eller med <code>PUT /api/v1/goals/{år}/{kommun}</code> (kommunkod, eller <code>region</code> för hela regionen); varje ändring sparas nedan.</p>
</section>
<section aria-labelledby="history-heading">
<h2 id="history-heading">Ändringshistorik</h2>
${input.changes.length === 0 ? '<p>Inga ändringar ännu.</p>' : tableHtml(historyTable)}
</section>
</main>
</body>
</html>
`;
}
