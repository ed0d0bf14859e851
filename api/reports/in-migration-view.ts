// How the in-migration report reads on the page, in CSV and as a chart: people moved in
// so far against the goal, the goal's pace today and last year at the same point.
import { TIME_TO_MOVE_BANDS } from '../../domain/goal-rules.js';
import type { InMigrationReport } from './in-migration-figures.js';
import { moveOriginLabel } from './in-migration-report.js';
import { formatCount, formatSwedishDate } from './report-labels.js';
import type { CellValue, ReportColumn, ReportTable } from './report-table.js';
import type { ReportView } from './report-view.js';

const MONTH_NAMES_SV = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

function asOfText(report: InMigrationReport): string {
  return report.asOf ? `t.o.m. ${formatSwedishDate(report.asOf)}` : 'året har inte börjat';
}

export function inMigrationView(report: InMigrationReport): ReportView {
  const origins = report.sourceKinds.map((row) => row.sourceKind);
  const lastYear = report.lastYearAsOf ? `Samma tidpunkt ${report.year - 1} (personer)` : `${report.year - 1} (personer)`;
  const againstGoal: ReportTable = {
    caption: `Inflyttade personer ${report.year} ${asOfText(report)} mot målet`,
    columns: [
      { key: 'municipality', label: 'Kod', kind: 'text', csvOnly: true },
      { key: 'name', label: 'Kommun', kind: 'text' },
      { key: 'people', label: 'Personer hittills', kind: 'count' },
      { key: 'goalPeople', label: 'Mål (personer)', kind: 'count' },
      { key: 'shareOfGoal', label: 'Andel av målet', kind: 'share' },
      { key: 'goalPaceToday', label: 'Målets takt i dag', kind: 'decimal' },
      { key: 'lastYearSamePointPeople', label: lastYear, kind: 'count' },
      { key: 'moves', label: 'Hushåll hittills', kind: 'count' },
      { key: 'goalHouseholds', label: 'Mål (hushåll)', kind: 'count' },
      { key: 'householdShareOfGoal', label: 'Andel av hushållsmålet', kind: 'share', csvOnly: true },
      { key: 'medianDaysFromFirstContactToMove', label: 'Median dagar till flytt', kind: 'decimal' },
      ...origins.map((origin): ReportColumn => ({ key: origin, label: moveOriginLabel(origin), kind: 'count', csvOnly: true })),
    ],
    rows: report.municipalities.map((row) => [
      row.municipality,
      row.name,
      row.people,
      row.goal?.people ?? null,
      row.shareOfGoal,
      row.goalPaceToday,
      row.lastYearSamePoint.people,
      row.moves,
      row.goal?.households ?? null,
      row.householdShareOfGoal,
      row.medianDaysFromFirstContactToMove,
      ...origins.map((origin) => row.bySourceKind[origin] ?? 0),
    ]),
    totalRow: [
      'total',
      'Hela regionen',
      report.total.people,
      report.total.goal?.people ?? null,
      report.total.shareOfGoal,
      report.total.goalPaceToday,
      report.total.lastYearSamePoint.people,
      report.total.moves,
      report.total.goal?.households ?? null,
      report.total.householdShareOfGoal,
      report.total.medianDaysFromFirstContactToMove,
      ...report.sourceKinds.map((row) => row.moves),
    ],
  };
  const years: ReportTable = {
    caption: `Inflyttade personer per år (${report.years[0]!.year}–${report.year}) och målet för hela regionen`,
    columns: [
      { key: 'name', label: 'Kommun', kind: 'text' },
      ...report.years.map((year): ReportColumn => ({ key: String(year.year), label: String(year.year), kind: 'count' })),
    ],
    rows: report.municipalities.map((row, index) => [row.name, ...report.years.map((year) => year.municipalities[index]?.people ?? 0)]),
    totalRow: ['Hela regionen', ...report.years.map((year) => year.total.people)],
  };
  years.rows.push(['Mål för hela regionen', ...report.years.map((year) => year.total.goal?.people ?? null)]);
  const breakdown = (caption: string, keys: Array<{ key: string; label: string }>, cell: (row: InMigrationReport['municipalities'][number], key: string) => CellValue, total: CellValue[]): ReportTable => ({
    caption,
    columns: [{ key: 'name', label: 'Kommun', kind: 'text' }, ...keys.map(({ key, label }): ReportColumn => ({ key, label, kind: 'count' }))],
    rows: report.municipalities.map((row) => [row.name, ...keys.map(({ key }) => cell(row, key))]),
    totalRow: ['Hela regionen', ...total],
  });
  const bySource = breakdown(
    `Inflyttade hushåll ${report.year} efter källan till personens första ärende`,
    report.sourceKinds.map((row) => ({ key: row.sourceKind, label: row.name })),
    (row, key) => row.bySourceKind[key] ?? 0,
    report.sourceKinds.map((row) => row.moves),
  );
  const byTime = breakdown(
    `Inflyttade hushåll ${report.year} efter tid från första kontakt till flytt`,
    TIME_TO_MOVE_BANDS.map((band) => ({ key: band.band, label: band.label })),
    (row, key) => row.byTimeToMove[key as keyof typeof row.byTimeToMove] ?? 0,
    report.timeToMove.map((row) => row.moves),
  );
  const byMonth = breakdown(
    `Inflyttade hushåll ${report.year} per månad`,
    report.months.map((row) => ({ key: row.month, label: MONTH_NAMES_SV[Number(row.month.slice(5)) - 1]! })),
    (row, key) => row.byMonth[key] ?? 0,
    report.months.map((row) => row.moves),
  );
  const notes = [
    'Räknar kontakter med flyttstatus "flyttat" och ett flyttdatum under året, per kommun de flyttat till. ' +
      'Ett kontaktkort är ett hushåll; personer är vuxna och barn i hushållet enligt kortet (minst en).',
    'Målets takt i dag är målet fördelat jämnt över årets dagar fram till och med dagens datum. ' +
      'Målet för hela regionen jämförs med summan för alla kommuner.',
    'Källan är den kanal där personens första ärende kom in. ' +
      'Tiden räknas i kalenderdagar från den dag det första ärendet kom in (för kontakter utan ärende: när kontaktkortet skapades) till flyttdagen.',
  ];
  if (report.masked) {
    notes.push('I uppdelningarna per källa, tid och månad visas antal från 1 till 4 som "< 5", så att ingen enskild person kan pekas ut. Summorna per kommun och år är exakta.');
  }
  return {
    heading: `Inflyttning ${report.year}`,
    notes,
    chart: {
      id: 'in-migration',
      title: `Inflyttade personer per kommun ${report.year}`,
      subtitle: `${asOfText(report)[0]!.toUpperCase()}${asOfText(report).slice(1)}, mot årets mål och målets takt i dag`,
      categories: report.municipalities.map((row) => row.name),
      series: [{ name: 'Inflyttade personer', values: report.municipalities.map((row) => row.people) }],
      markers: [
        { name: 'Årets mål', style: 'solid', values: report.municipalities.map((row) => row.goal?.people ?? null) },
        { name: 'Målets takt i dag', style: 'dashed', values: report.municipalities.map((row) => row.goalPaceToday) },
      ],
      valueAxisLabel: 'Antal personer',
      formatValue: formatCount,
    },
    csv: againstGoal,
    pageTables: [againstGoal, years, bySource, byTime, byMonth],
    fileName: `in-migration_${report.year}`,
  };
}
