// How the service-level report reads on the page, in CSV and as a chart.
import { formatShare, periodLabel } from './report-labels.js';
import type { CellValue, ReportColumn } from './report-table.js';
import type { ReportView } from './report-view.js';
import type { ServiceLevelFigures, ServiceLevelReport } from './service-level-report.js';

const FIGURE_COLUMNS: Array<ReportColumn & { key: keyof ServiceLevelFigures }> = [
  { key: 'cases', label: 'Ärenden', kind: 'count' },
  { key: 'replied', label: 'Med första svar', kind: 'count' },
  { key: 'repliedWithinFiveWorkingDays', label: 'Svar inom 5 arbetsdagar', kind: 'count' },
  { key: 'repliedLate', label: 'Svar efter 5 arbetsdagar', kind: 'count' },
  { key: 'openWithoutReply', label: 'Öppna utan svar', kind: 'count' },
  { key: 'unansweredPastDeadline', label: 'Obesvarade efter svarsfristen', kind: 'count' },
  { key: 'shareWithinFiveWorkingDays', label: 'Andel inom 5 arbetsdagar', kind: 'share' },
  { key: 'medianWorkingDaysToFirstReply', label: 'Median arbetsdagar till första svar', kind: 'decimal' },
  { key: 'openOverdueNow', label: 'Försenade öppna ärenden nu', kind: 'count' },
];

const figureCells = (figures: ServiceLevelFigures): CellValue[] => FIGURE_COLUMNS.map((column) => figures[column.key]);

export function serviceLevelView(report: ServiceLevelReport): ReportView {
  const period = periodLabel(report.period);
  const table = {
    caption: `Servicenivå per enhet, ärenden mottagna ${period}`,
    columns: [
      { key: 'unit', label: 'Kod', kind: 'text', csvOnly: true },
      { key: 'name', label: 'Enhet', kind: 'text' },
      ...FIGURE_COLUMNS,
    ] satisfies ReportColumn[],
    rows: report.units.map((row) => [row.unit, row.name, ...figureCells(row)]),
    totalRow: ['total', 'Totalt', ...figureCells(report.total)],
  };
  // A one-unit report has no total worth a bar of its own.
  const bars = report.unit ? report.units : [...report.units, { name: 'Totalt', ...report.total }];
  return {
    heading: 'Servicenivå: första svar inom fem arbetsdagar',
    notes: [
      'Andel inom 5 arbetsdagar = svar inom fem arbetsdagar ÷ (svar inom fem arbetsdagar + sena svar + obesvarade ärenden vars svarsfrist har passerat). ' +
        'Ärenden vars svarsfrist ännu inte har passerat räknas inte, och inte heller ärenden som avslutades utan svar före svarsfristen.',
      'Arbetsdagar räknas som för svarsfristen: från dagen efter att ärendet kom in, utan helger och helgdagar.',
      'Försenade öppna ärenden nu visar läget just nu, oavsett när ärendet kom in.',
    ],
    chart: {
      id: 'service-level',
      title: 'Andel första svar inom fem arbetsdagar',
      subtitle: `Ärenden mottagna ${period}`,
      categories: bars.map((row) => row.name),
      series: [{ name: 'Andel inom fem arbetsdagar', values: bars.map((row) => row.shareWithinFiveWorkingDays) }],
      valueAxisLabel: 'Andel av ärenden med passerad svarsfrist',
      formatValue: formatShare,
      scale: { max: 1, step: 0.2 },
      noValueLabel: 'inget att mäta',
    },
    csv: table,
    pageTables: [table],
    fileName: `service-level_${report.unit ? `${report.unit}_` : ''}${report.period.from}_${report.period.to}`,
  };
}
