// How the intake report reads on the page, in CSV and as a chart.
import { SOURCE_KINDS } from '../../domain/codes.js';
import { MASKED_COUNT, type MaskedCount } from '../../domain/goal-rules.js';
import type { IntakeReport } from './intake-report.js';
import { formatCount, periodLabel, SOURCE_KIND_LABELS_SV } from './report-labels.js';
import type { ReportColumn, ReportTable } from './report-table.js';
import type { ReportView } from './report-view.js';

const numberOrNull = (value: MaskedCount): number | null => (typeof value === 'number' ? value : null);

export function intakeView(report: IntakeReport): ReportView {
  const period = periodLabel(report.period);
  const table: ReportTable = {
    caption: `Inkomna ärenden per månad och källa, ${period}`,
    columns: [
      { key: 'month', label: 'Månad', kind: 'text' },
      ...SOURCE_KINDS.map((kind): ReportColumn => ({ key: kind, label: SOURCE_KIND_LABELS_SV[kind], kind: 'count' })),
      { key: 'total', label: 'Totalt', kind: 'count' },
    ],
    rows: report.months.map((row) => [row.month, ...SOURCE_KINDS.map((kind) => row.bySourceKind[kind]), row.total]),
    totalRow: ['total', ...SOURCE_KINDS.map((kind) => report.total.bySourceKind[kind]), report.total.total],
  };
  return {
    heading: 'Inkomna ärenden',
    notes: [
      'Ärenden räknas i den månad (svensk tid) då de kom in, efter kanalen de kom in genom.',
      ...(report.masked ? ['Antal från 1 till 4 per månad eller källa visas som "< 5"; summan för hela perioden är exakt.'] : []),
    ],
    chart: {
      id: 'intake',
      title: 'Inkomna ärenden per månad',
      subtitle: report.masked ? period : `${period}, efter källa`,
      categories: report.months.map((row) => row.month),
      // A masked count has no length to draw; the bar is left out and labelled instead.
      series: report.masked
        ? [{ name: 'Inkomna ärenden', values: report.months.map((row) => (typeof row.total === 'number' ? row.total : null)) }]
        : SOURCE_KINDS.map((kind) => ({
            name: SOURCE_KIND_LABELS_SV[kind],
            values: report.months.map((row) => numberOrNull(row.bySourceKind[kind])),
          })),
      noValueLabel: report.masked ? MASKED_COUNT : undefined,
      valueAxisLabel: 'Antal ärenden',
      formatValue: formatCount,
    },
    csv: table,
    pageTables: [table],
    fileName: `intake_${report.period.from}_${report.period.to}`,
  };
}
