/**
 * Small hand-drawn SVG charts for the pages (HR's agency report, LAN's national view):
 * horizontal bars and monthly columns. No library, no CDN, nothing injected as markup —
 * every label is a text node (BAD-INPUTS row 39).
 *
 * Accessibility: each chart is a <figure> with a caption; every bar is focusable and
 * carries its number as an accessible name and a <title> (hover tooltip); values are also
 * written next to the bars, so the chart prints with its numbers; and a table with the same
 * figures follows behind a toggle button (shown when printing, by the page's print CSS).
 * A value of `null` means "not shown" (suppressed small count) and is drawn as such.
 *
 * Safe to import in Node (nothing runs at import time); call only in a browser.
 */
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

export interface ChartDatum {
  label: string;
  value: number | null;
  /** Colour hint: ok (duty met), warn, bad, or the default primary. */
  tone?: 'ok' | 'warn' | 'bad';
}

/** Every word a chart shows, already in the reader's language. */
export interface ChartText {
  title: string;
  /** One sentence describing what the chart shows (read by screen readers). */
  description?: string;
  labelHeader: string;
  valueHeader: string;
  /** The summary of the table alternative, e.g. "Tabel data / Data table". */
  tableSummary: string;
  /** Shown for a null value, e.g. "disembunyikan (< 5 orang)". */
  suppressed: string;
  /** Shown when there is nothing to chart. */
  empty: string;
}

export interface ChartOptions {
  /** Formats a number for display (locale, unit). */
  format?: (v: number) => string;
  /** Draws a reference line (e.g. the 20 JP duty) with this label. */
  target?: { value: number; label: string };
}

let chartSeq = 0;

function svgEl(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Cuts a label that would run past the chart; the full text stays in the title and table. */
function fit(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function frame(text: ChartText, body: SVGElement | HTMLElement, data: ChartDatum[], format: (v: number) => string): HTMLElement {
  const id = `chart-${++chartSeq}`;
  const caption = h('figcaption', { id: `${id}-title`, class: 'chart-title' }, text.title);
  if (body instanceof SVGElement) {
    body.setAttribute('aria-labelledby', `${id}-title${text.description ? ` ${id}-desc` : ''}`);
  }
  const rows = data.map((d) => h('tr', {}, h('th', { scope: 'row' }, d.label), h('td', { class: 'num' }, d.value === null ? text.suppressed : format(d.value))));
  // A toggle rather than <details>: print CSS can show a [hidden] table, not a closed
  // <details> body, and the printout should carry the numbers.
  const table = h('div', { class: 'table-wrap chart-table', id: `${id}-table`, hidden: '' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, text.title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, text.labelHeader), h('th', { scope: 'col', class: 'num' }, text.valueHeader))),
    h('tbody', {}, ...rows)));
  const toggle = h('button', { type: 'button', class: 'chart-toggle', 'aria-expanded': 'false', 'aria-controls': `${id}-table` }, text.tableSummary);
  toggle.addEventListener('click', () => {
    table.hidden = !table.hidden;
    toggle.setAttribute('aria-expanded', String(!table.hidden));
  });
  return h('figure', { class: 'chart', id },
    caption,
    text.description ? h('p', { id: `${id}-desc`, class: 'chart-desc' }, text.description) : undefined,
    body, toggle, table);
}

/** A labelled, focusable group for one bar: its name says label and value. */
function barGroup(d: ChartDatum, text: ChartText, format: (v: number) => string): SVGElement {
  const said = `${d.label}: ${d.value === null ? text.suppressed : format(d.value)}`;
  const g = svgEl('g', { class: `bar${d.tone ? ` ${d.tone}` : ''}${d.value === null ? ' suppressed' : ''}`, tabindex: 0, role: 'img', 'aria-label': said });
  g.append(svgEl('title', {}, said));
  return g;
}

/**
 * Horizontal bars, one row per datum (label above its bar), readable on a phone; long
 * labels such as provider names keep the full width.
 */
export function barChart(data: ChartDatum[], text: ChartText, opts: ChartOptions = {}): HTMLElement {
  const format = opts.format ?? ((v: number) => String(v));
  if (data.length === 0) return frame(text, h('p', { class: 'muted' }, text.empty), data, format);
  // Drawn at about the size it is shown (a card of ~340 px on a desktop or a phone), so
  // the text stays at reading size.
  const W = 360;
  const ROW = 44;
  const TOP = opts.target ? 18 : 4;
  const H = TOP + data.length * ROW + 4;
  const max = Math.max(1, opts.target?.value ?? 0, ...data.map((d) => d.value ?? 0));
  const barMax = W - 78; // room for the value after the longest bar
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'group', preserveAspectRatio: 'xMinYMin meet' });
  data.forEach((d, i) => {
    const y = TOP + i * ROW;
    const g = barGroup(d, text, format);
    g.append(svgEl('text', { x: 0, y: y + 14, class: 'chart-label' }, fit(d.label, 40)));
    g.append(svgEl('rect', { x: 0, y: y + 18, width: W, height: 18, class: 'hit' })); // the hover target
    if (d.value === null) {
      g.append(svgEl('rect', { x: 0.5, y: y + 18.5, width: barMax, height: 17, class: 'bar-none', rx: 3 }));
      g.append(svgEl('text', { x: 8, y: y + 31, class: 'chart-value muted' }, text.suppressed));
    } else {
      const w = Math.max(d.value > 0 ? 2 : 0, (d.value / max) * barMax);
      g.append(svgEl('rect', { x: 0, y: y + 18, width: w, height: 18, rx: 3, class: 'bar-fill' }));
      g.append(svgEl('text', { x: w + 6, y: y + 31, class: 'chart-value' }, format(d.value)));
    }
    svg.append(g);
  });
  if (opts.target) {
    const x = (opts.target.value / max) * barMax;
    svg.append(svgEl('line', { x1: x, x2: x, y1: TOP - 4, y2: H, class: 'target', 'aria-hidden': 'true' }));
    svg.append(svgEl('text', { x: Math.min(x + 4, W - 60), y: 12, class: 'chart-note', 'aria-hidden': 'true' }, opts.target.label));
  }
  return frame(text, svg, data, format);
}

/** Vertical columns in order (months): for a trend over time. */
export function columnChart(data: ChartDatum[], text: ChartText, opts: ChartOptions = {}): HTMLElement {
  const format = opts.format ?? ((v: number) => String(v));
  if (data.length === 0) return frame(text, h('p', { class: 'muted' }, text.empty), data, format);
  const W = 360;
  const H = 200;
  const TOP = 22;
  const BOTTOM = 30;
  const plot = H - TOP - BOTTOM;
  const max = Math.max(1, ...data.map((d) => d.value ?? 0));
  const step = W / data.length;
  const colW = Math.min(40, step * 0.62);
  // Labels fit up to 6 columns side by side; beyond that every other (or third) one is written.
  const every = Math.ceil(data.length / 6);
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg columns', role: 'group', preserveAspectRatio: 'xMinYMin meet' });
  svg.append(svgEl('line', { x1: 0, x2: W, y1: TOP + plot + 0.5, y2: TOP + plot + 0.5, class: 'axis', 'aria-hidden': 'true' }));
  data.forEach((d, i) => {
    const cx = step * i + step / 2;
    const g = barGroup(d, text, format);
    g.append(svgEl('rect', { x: cx - step / 2, y: TOP, width: step, height: plot + BOTTOM, class: 'hit' }));
    if (d.value === null) {
      g.append(svgEl('rect', { x: cx - colW / 2 + 0.5, y: TOP + 0.5, width: colW - 1, height: plot - 1, class: 'bar-none', rx: 3 }));
      g.append(svgEl('text', { x: cx, y: TOP - 6, class: 'chart-value muted', 'text-anchor': 'middle' }, '–'));
    } else {
      const hgt = Math.max(d.value > 0 ? 2 : 0, (d.value / max) * plot);
      g.append(svgEl('rect', { x: cx - colW / 2, y: TOP + plot - hgt, width: colW, height: hgt, rx: 3, class: 'bar-fill' }));
      g.append(svgEl('text', { x: cx, y: TOP + plot - hgt - 6, class: 'chart-value', 'text-anchor': 'middle' }, format(d.value)));
    }
    if (i % every === 0) g.append(svgEl('text', { x: cx, y: H - 10, class: 'chart-label', 'text-anchor': 'middle' }, fit(d.label, 8)));
    svg.append(g);
  });
  return frame(text, svg, data, format);
}
