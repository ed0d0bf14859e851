// How the in-migration report reads on the page, in CSV and as a chart.
import { moveOriginLabel, type InMigrationReport } from './in-migration-report.js';
import { formatCount } from './report-labels.js';
import type { ReportColumn, ReportTable } from './report-table.js';
import type { ReportView } from './report-view.js';

export function inMigrationView(report: InMigrationReport): ReportView {
  const origins = report.sourceKinds.map((row) => row.sourceKind);
  const byMunicipality: ReportTable = {
    caption: `Inflyttningar per kommun ${report.year}, efter källan till personens första ärende`,
    columns: [
      { key: 'municipality', label: 'Kod', kind: 'text', csvOnly: true },
      { key: 'name', label: 'Kommun', kind: 'text' },
      { key: 'moves', label: 'Inflyttningar', kind: 'count' },
      { key: 'medianDaysFromFirstContactToMove', label: 'Median dagar från första kontakt till flytt', kind: 'decimal' },
      ...origins.map((origin): ReportColumn => ({ key: origin, label: moveOriginLabel(origin), kind: 'count' })),
    ],
    rows: report.municipalities.map((row) => [
      row.municipality,
      row.name,
      row.moves,
      row.medianDaysFromFirstContactToMove,
      ...origins.map((origin) => row.bySourceKind[origin] ?? 0),
    ]),
    totalRow: [
      'total',
      'Totalt',
      report.total.moves,
      report.total.medianDaysFromFirstContactToMove,
      ...report.sourceKinds.map((row) => row.moves),
    ],
  };
  const bySourceKind: ReportTable = {
    caption: `Inflyttningar ${report.year} efter källan till personens första ärende`,
    columns: [
      { key: 'name', label: 'Källa', kind: 'text' },
      { key: 'moves', label: 'Inflyttningar', kind: 'count' },
      { key: 'medianDaysFromFirstContactToMove', label: 'Median dagar från första kontakt till flytt', kind: 'decimal' },
    ],
    rows: report.sourceKinds.map((row) => [row.name, row.moves, row.medianDaysFromFirstContactToMove]),
    totalRow: ['Totalt', report.total.moves, report.total.medianDaysFromFirstContactToMove],
  };
  return {
    heading: `Inflyttning ${report.year}`,
    notes: [
      'Räknar kontakter med flyttstatus "flyttat" och ett flyttdatum under året, per kommun de flyttat till.',
      'Källan är den kanal där personens första ärende kom in. ' +
        'Tiden räknas i kalenderdagar från den dag det första ärendet kom in (för kontakter utan ärende: när kontaktkortet skapades) till flyttdagen.',
    ],
    chart: {
      id: 'in-migration',
      title: `Inflyttningar per kommun ${report.year}`,
      subtitle: 'Efter källan till personens första ärende',
      categories: report.municipalities.map((row) => row.name),
      series: origins.map((origin) => ({
        name: moveOriginLabel(origin),
        values: report.municipalities.map((row) => row.bySourceKind[origin] ?? 0),
      })),
      valueAxisLabel: 'Antal inflyttningar',
      formatValue: formatCount,
    },
    csv: byMunicipality,
    pageTables: [byMunicipality, bySourceKind],
    fileName: `in-migration_${report.year}`,
  };
}
