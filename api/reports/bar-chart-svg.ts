// A hand-written horizontal bar chart. Horizontal, because the categories are unit
// names such as "Region Jämtland Härjedalen" that stay readable only on one line.
// Several series are stacked, with a legend; the total is written at the end of each bar.
import { niceAxisScale, type AxisScale } from '../../domain/report-rules.js';
import { escapeHtml } from '../../platform/html-escape.js';

export interface BarChartSeries {
  name: string;
  values: Array<number | null>;
}

export interface BarChart {
  /** Unique on a page: inline charts refer to their own title by id. */
  id: string;
  title: string;
  subtitle?: string;
  categories: string[];
  series: BarChartSeries[];
  valueAxisLabel: string;
  formatValue: (value: number) => string;
  /** A fixed axis, e.g. 0–100 % for shares; otherwise scaled to the largest bar. */
  scale?: AxisScale;
  /** Written where a category has no value at all. */
  noValueLabel?: string;
}

const WIDTH = 760;
const MARGIN = 16;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 20;
const VALUE_LABEL_ROOM = 72;
// No font metrics without a browser; generous for 13 px sans-serif with å ä ö.
const APPROXIMATE_CHARACTER_WIDTH = 7.8;
const LEGEND_SWATCH_ROOM = 18;
const LEGEND_GAP = 20;
const LEGEND_LINE_HEIGHT = 20;
const COLORS = ['#1f6f8b', '#e07b39', '#5b8e3e', '#8e5ea2', '#7a7a7a'];
const MIN_SEGMENT_WIDTH_FOR_LABEL = 24;

const coordinate = (value: number) => String(Math.round(value * 10) / 10);

function textWidth(text: string): number {
  return text.length * APPROXIMATE_CHARACTER_WIDTH;
}

/** Legend entries left to right, wrapping onto a new line rather than off the chart. */
function legendLayout(names: string[], top: number): Array<{ name: string; x: number; y: number }> {
  let x = MARGIN;
  let y = top;
  return names.map((name) => {
    const width = LEGEND_SWATCH_ROOM + textWidth(name) + LEGEND_GAP;
    if (x > MARGIN && x + width > WIDTH - MARGIN) {
      x = MARGIN;
      y += LEGEND_LINE_HEIGHT;
    }
    const entry = { name, x, y };
    x += width;
    return entry;
  });
}

function element(name: string, attributes: Record<string, string | number>, content = ''): string {
  const rendered = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeHtml(typeof value === 'number' ? coordinate(value) : value)}"`)
    .join('');
  return content === '' ? `<${name}${rendered}/>` : `<${name}${rendered}>${content}</${name}>`;
}

function text(attributes: Record<string, string | number>, content: string): string {
  return element('text', attributes, escapeHtml(content));
}

function categoryTotal(chart: BarChart, index: number): number | null {
  const values = chart.series.map((series) => series.values[index] ?? null).filter((value) => value !== null);
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0);
}

export function renderBarChartSvg(chart: BarChart): string {
  const totals = chart.categories.map((_, index) => categoryTotal(chart, index));
  const scale = chart.scale ?? niceAxisScale(Math.max(0, ...totals.map((total) => total ?? 0)));
  const stacked = chart.series.length > 1;

  const labelWidth = Math.min(260, Math.max(60, ...chart.categories.map(textWidth)));
  const plotLeft = MARGIN + labelWidth + 10;
  const plotWidth = WIDTH - plotLeft - VALUE_LABEL_ROOM;
  const legendTop = chart.subtitle ? 60 : 42;
  const legend = stacked ? legendLayout(chart.series.map((series) => series.name), legendTop) : [];
  const plotTop = legend.length > 0 ? legend.at(-1)!.y + LEGEND_LINE_HEIGHT + 10 : legendTop + 4;
  const plotBottom = plotTop + chart.categories.length * ROW_HEIGHT;
  const height = plotBottom + 56;
  const xOf = (value: number) => plotLeft + (Math.min(value, scale.max) / scale.max) * plotWidth;

  const parts: string[] = [];
  parts.push(element('title', { id: `${chart.id}-title` }, escapeHtml(chart.title)));
  parts.push(element('rect', { x: 0, y: 0, width: WIDTH, height, fill: '#ffffff' }));
  parts.push(text({ x: MARGIN, y: 26, 'font-size': 17, 'font-weight': 'bold', fill: '#1a1a1a' }, chart.title));
  if (chart.subtitle) parts.push(text({ x: MARGIN, y: 46, fill: '#555555' }, chart.subtitle));

  legend.forEach(({ name, x, y }, seriesIndex) => {
    parts.push(element('rect', { x, y, width: 12, height: 12, fill: COLORS[seriesIndex % COLORS.length]! }));
    parts.push(text({ x: x + LEGEND_SWATCH_ROOM, y: y + 11, fill: '#1a1a1a' }, name));
  });

  const tickCount = Math.round(scale.max / scale.step);
  for (let tickIndex = 0; tickIndex <= tickCount; tickIndex += 1) {
    const tick = tickIndex * scale.step;
    const x = xOf(tick);
    parts.push(element('line', { x1: x, y1: plotTop - 4, x2: x, y2: plotBottom, stroke: tick === 0 ? '#555555' : '#e3e3e3' }));
    parts.push(text({ x, y: plotBottom + 18, 'text-anchor': 'middle', fill: '#555555', 'font-size': 12 }, chart.formatValue(tick)));
  }
  parts.push(element('line', { x1: plotLeft, y1: plotBottom, x2: plotLeft + plotWidth, y2: plotBottom, stroke: '#555555' }));
  parts.push(text({ x: plotLeft + plotWidth / 2, y: plotBottom + 42, 'text-anchor': 'middle', fill: '#1a1a1a' }, chart.valueAxisLabel));

  chart.categories.forEach((category, index) => {
    const rowTop = plotTop + index * ROW_HEIGHT;
    const barTop = rowTop + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const baseline = barTop + BAR_HEIGHT / 2 + 4.5;
    parts.push(text({ x: plotLeft - 10, y: baseline, 'text-anchor': 'end', fill: '#1a1a1a' }, category));

    let cumulative = 0;
    chart.series.forEach((series, seriesIndex) => {
      const value = series.values[index] ?? null;
      if (value === null || value <= 0) return;
      const x = xOf(cumulative);
      const width = xOf(cumulative + value) - x;
      cumulative += value;
      const tooltip = element('title', {}, escapeHtml(`${category}${stacked ? ` – ${series.name}` : ''}: ${chart.formatValue(value)}`));
      parts.push(element('rect', { x, y: barTop, width, height: BAR_HEIGHT, fill: COLORS[seriesIndex % COLORS.length]! }, tooltip));
      if (stacked && width >= MIN_SEGMENT_WIDTH_FOR_LABEL) {
        parts.push(text({ x: x + width / 2, y: baseline, 'text-anchor': 'middle', fill: '#ffffff', 'font-size': 12 }, chart.formatValue(value)));
      }
    });

    const total = totals[index] ?? null;
    parts.push(
      total === null
        ? text({ x: xOf(0) + 6, y: baseline, fill: '#6b6b6b', 'font-style': 'italic' }, chart.noValueLabel ?? '')
        : text({ x: xOf(cumulative) + 6, y: baseline, fill: '#1a1a1a', 'font-weight': 'bold' }, chart.formatValue(total)),
    );
  });

  const root = {
    xmlns: 'http://www.w3.org/2000/svg',
    width: WIDTH,
    height,
    viewBox: `0 0 ${WIDTH} ${coordinate(height)}`,
    role: 'img',
    'aria-labelledby': `${chart.id}-title`,
    'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
    'font-size': 13,
  };
  return element('svg', root, parts.join('')) + '\n';
}
