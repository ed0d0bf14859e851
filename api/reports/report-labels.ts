// Swedish wording and number formats for what a decision maker reads (page and charts);
// JSON and CSV keep the codes and plain numbers.
import type { SourceKind } from '../../domain/codes.js';

export const SOURCE_KIND_LABELS_SV: Record<SourceKind, string> = {
  tasteget: 'Tasteget.nu',
  'municipality-site': 'Kommunens webbplats',
  manual: 'Manuellt registrerad',
  import: 'Import',
};

const counts = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });

/** Shown where a figure has nothing to be computed from. */
export const NO_VALUE = '–';

export function formatCount(value: number): string {
  return counts.format(value);
}

export function formatDecimal(value: number | null): string {
  return value === null ? NO_VALUE : decimals.format(value);
}

export function formatShare(value: number | null): string {
  return value === null ? NO_VALUE : percent.format(value);
}

export function formatSwedishDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!)).toLocaleDateString('sv-SE', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

export function periodLabel(period: { from: string; to: string }): string {
  return `${formatSwedishDate(period.from)} – ${formatSwedishDate(period.to)}`;
}
