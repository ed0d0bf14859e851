// The figures page for the board meeting (issue 16): in-migration against the goals and
// the service level beside it, for a chosen period. Reads well at 320 px and prints on
// A4 with the period and date on every page (CSS page-margin boxes); charts are inline SVG.
import type { Database } from '../../platform/database.js';
import { LAST_REPORT_YEAR, FIRST_REPORT_YEAR } from './report-query.js';
import { inMigrationReport, type InMigrationReport } from './in-migration-figures.js';
import { inMigrationView } from './in-migration-view.js';
import { intakeReport } from './intake-report.js';
import { intakeView } from './intake-view.js';
import { escapeHtml } from '../../platform/html-escape.js';
import { formatStockholmDateTime } from '../../domain/stockholm-time.js';
import { formatCount, formatDecimal, formatShare } from './report-labels.js';
import { BASE_STYLE, sectionHtml } from './report-page.js';
import type { ReportTable } from './report-table.js';
import { serviceLevelReport, type ServiceLevelReport } from './service-level-report.js';
import { serviceLevelView } from './service-level-view.js';
import { resolveFiguresSelection, type FiguresPageQuery, type FiguresSelection } from './figures-period.js';

export interface FiguresPageData {
  selection: FiguresSelection;
  inMigration: InMigrationReport;
  /** One per trend period, oldest first; the last is the chosen period. */
  serviceLevel: ServiceLevelReport[];
  intake: Awaited<ReturnType<typeof intakeReport>>;
  generatedAt: string;
}

export async function loadFiguresPage(db: Database, input: { query: FiguresPageQuery; now: Date; masked: boolean }): Promise<FiguresPageData> {
  const { now, masked } = input;
  const selection = resolveFiguresSelection(input.query, now);
  const [inMigration, intake, ...serviceLevel] = await Promise.all([
    inMigrationReport(db, { year: selection.inMigrationYear, now, masked }),
    intakeReport(db, { period: selection.period, now, masked }),
    ...selection.trend.map((period) => serviceLevelReport(db, { period, now })),
  ]);
  return { selection, inMigration, intake, serviceLevel, generatedAt: formatStockholmDateTime(now) };
}

/** A CSS string literal for the page-margin boxes. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (character) => `\\${character}`).replace(/[\r\n]+/g, ' ')}"`;
}

const PAGE_STYLE = `
  .summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; margin: 0 0 16px; padding: 0; list-style: none; }
  .summary li { border: 1px solid #d0d5d9; border-radius: 6px; padding: 10px 12px; background: #fff; }
  .summary .value { display: block; font-size: 1.5rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  .summary .label { display: block; font-size: 0.88rem; color: #444; }
  form.period { background: #fff; border-radius: 8px; padding: 12px 16px; margin: 16px 0 0; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
  form.period fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: end; }
  form.period legend { font-weight: 600; padding: 0 0 6px; }
  form.period label { display: block; font-size: 0.9rem; }
  form.period select, form.period input, form.period button { font: inherit; min-height: 44px; padding: 4px 8px; }
  form.period button { background: #1f5f7a; color: #fff; border: 0; border-radius: 4px; padding: 8px 16px; cursor: pointer; }
  .kinds { display: flex; gap: 12px; flex-wrap: wrap; }
  form.period .kinds label { display: inline-flex; gap: 6px; align-items: center; min-height: 44px; }
  .period-line { font-weight: 600; color: #1a1a1a; }
  a { color: #1f5f7a; }
  @media (max-width: 480px) {
    header, main { padding: 0 12px; }
    section { padding: 14px 12px; }
    h1 { font-size: 1.4rem; }
    /* A chart shrunk to a phone's width has unreadable text: it keeps its size and scrolls. */
    figure svg { min-width: 600px; }
    caption { max-width: calc(100vw - 48px); }
  }
  @media print {
    /* Without ligatures "fl" stays two letters, so the PDF's text can be searched and copied. */
    body { background: #fff; font-size: 10pt; font-variant-ligatures: none; }
    header, main { max-width: none; padding: 0; }
    .no-print { display: none !important; }
    section { box-shadow: none; border-radius: 0; padding: 0; margin: 0 0 8mm; }
    section + section { break-before: page; }
    figure, .summary, tr { break-inside: avoid; }
    h2, caption { break-after: avoid; }
    .table-scroll { overflow: visible; }
    table { font-size: 8.5pt; }
    th, td { padding: 3px 5px; }
    svg { width: 100%; height: auto; }
  }
`;

function printStyle(periodLabel: string, generatedAt: string): string {
  // Page-margin boxes repeat on every printed page, outside the content.
  return `
  @page {
    size: A4;
    margin: 16mm 12mm 16mm;
    @top-left { content: ${cssString(`Inflyttarvägledning – nyckeltal · ${periodLabel}`)}; font: 8pt system-ui, sans-serif; color: #333; }
    @top-right { content: ${cssString(`Sammanställt ${generatedAt}`)}; font: 8pt system-ui, sans-serif; color: #333; }
    @bottom-right { content: "Sida " counter(page) " av " counter(pages); font: 8pt system-ui, sans-serif; color: #333; }
  }`;
}

function periodForm(selection: FiguresSelection): string {
  const years: number[] = [];
  const newest = Math.min(LAST_REPORT_YEAR, new Date().getUTCFullYear() + 1);
  for (let year = newest; year >= Math.max(FIRST_REPORT_YEAR + 1, newest - 10); year -= 1) years.push(year);
  const option = (value: string, label: string, selected: boolean) =>
    `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const kind = (value: string, label: string) =>
    `<label><input type="radio" name="period" value="${value}"${selection.kind === value ? ' checked' : ''}> ${label}</label>`;
  const custom = selection.kind === 'custom' ? selection.period : undefined;
  return `<form class="period no-print" method="get" action="">
<fieldset>
<legend>Välj period</legend>
<div class="kinds" role="radiogroup" aria-label="Typ av period">${kind('year', 'År')}${kind('quarter', 'Kvartal')}${kind('custom', 'Egna datum')}</div>
<div><label for="period-year">År</label><select id="period-year" name="year">${years.map((year) => option(String(year), String(year), year === selection.year)).join('')}</select></div>
<div><label for="period-quarter">Kvartal (vid kvartal)</label><select id="period-quarter" name="quarter">${[1, 2, 3, 4].map((quarter) => option(String(quarter), `Kvartal ${quarter}`, quarter === selection.quarter)).join('')}</select></div>
<div><label for="period-from">Från (vid egna datum)</label><input id="period-from" type="date" name="from" value="${escapeHtml(custom?.from ?? '')}"></div>
<div><label for="period-to">Till och med (vid egna datum)</label><input id="period-to" type="date" name="to" value="${escapeHtml(custom?.to ?? '')}"></div>
<div><button type="submit">Visa nyckeltal</button></div>
</fieldset>
</form>`;
}

function summaryHtml(data: FiguresPageData): string {
  const total = data.inMigration.total;
  const current = data.serviceLevel.at(-1)!.total;
  const items: Array<[string, string]> = [
    [formatCount(total.people), `inflyttade personer ${data.inMigration.year} hittills`],
    [total.goal ? formatCount(total.goal.people) : '–', `mål för hela regionen ${data.inMigration.year}`],
    [formatShare(total.shareOfGoal), 'av målet uppnått'],
    [formatDecimal(total.goalPaceToday), 'målets takt i dag'],
    [formatCount(total.lastYearSamePoint.people), `samma tidpunkt ${data.inMigration.year - 1}`],
    [formatShare(current.shareWithinFiveWorkingDays), 'första svar inom fem arbetsdagar'],
    [formatCount(current.openOverdueNow), 'försenade öppna ärenden nu'],
  ];
  return `<ul class="summary" aria-label="Nyckeltal i korthet">${items
    .map(([value, label]) => `<li><span class="value">${escapeHtml(value)}</span><span class="label">${escapeHtml(label)}</span></li>`)
    .join('')}</ul>`;
}

/** Share within five working days per unit over the trend periods, and the change. */
function serviceTrendTable(data: FiguresPageData): ReportTable {
  const reports = data.serviceLevel;
  const current = reports.at(-1)!;
  const change = (first: number | null, last: number | null) =>
    first === null || last === null ? null : `${last >= first ? '+' : '−'}${Math.abs(Math.round((last - first) * 100))} p.e.`;
  return {
    caption: 'Andel första svar inom fem arbetsdagar, de senaste perioderna',
    columns: [
      { key: 'name', label: 'Enhet', kind: 'text' },
      ...data.selection.trend.map((period, index) => ({ key: `share-${index}`, label: period.label, kind: 'share' as const })),
      { key: 'change', label: 'Förändring', kind: 'text' },
      { key: 'median', label: 'Median arbetsdagar till första svar', kind: 'decimal' },
      { key: 'overdue', label: 'Försenade öppna ärenden nu', kind: 'count' },
    ],
    rows: current.units.map((unit, unitIndex) => {
      const shares = reports.map((report) => report.units[unitIndex]?.shareWithinFiveWorkingDays ?? null);
      return [unit.name, ...shares, change(shares[0] ?? null, shares.at(-1) ?? null) ?? '–', unit.medianWorkingDaysToFirstReply, unit.openOverdueNow];
    }),
    totalRow: (() => {
      const shares = reports.map((report) => report.total.shareWithinFiveWorkingDays);
      return ['Totalt', ...shares, change(shares[0] ?? null, shares.at(-1) ?? null) ?? '–', current.total.medianWorkingDaysToFirstReply, current.total.openOverdueNow];
    })(),
  };
}

/** The figures themselves (in-migration against the goals, service level, intake), also shown inside the web app. */
export function figuresSectionsHtml(data: FiguresPageData): string {
  const { selection } = data;
  const serviceView = serviceLevelView(data.serviceLevel.at(-1)!);
  return `${sectionHtml(inMigrationView(data.inMigration), summaryHtml(data))}
${sectionHtml({ ...serviceView, heading: `Servicenivå – ${selection.period.label}`, pageTables: [serviceTrendTable(data), ...serviceView.pageTables] })}
${sectionHtml(intakeView(data.intake))}`;
}

export function renderFiguresPage(data: FiguresPageData, links: { goalsPage: string }): string {
  const { selection } = data;
  const periodText = `Period: ${selection.period.label}`;
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Nyckeltal – ${escapeHtml(selection.period.label)} – Inflyttarvägledning</title>
<style>${BASE_STYLE}${PAGE_STYLE}${printStyle(periodText, data.generatedAt)}</style>
</head>
<body>
<header>
<h1>Nyckeltal för inflyttarvägledningen i Jämtland Härjedalen</h1>
<p class="period-line">${escapeHtml(periodText)} · inflyttning ${data.inMigration.year} mot målet</p>
<p>Sammanställt ${escapeHtml(data.generatedAt)}. Endast summerade uppgifter, inga personuppgifter.</p>
<nav class="no-print" aria-label="Nyckeltal"><a href="${escapeHtml(links.goalsPage)}">Inflyttningsmål och ändringshistorik</a></nav>
${periodForm(selection)}
</header>
<main>
${figuresSectionsHtml(data)}
</main>
</body>
</html>
`;
}

