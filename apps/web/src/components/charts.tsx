// Hand-made SVG charts. Each one is a labelled image (role="img" with a title); the table
// beside it carries the same figures for screen readers and keyboard users.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { isRtl, useLanguage } from '../lib/i18n';

/**
 * The width a chart is drawn at: its box's, up to `max`. A chart is laid out again at the
 * width it has (labels and figures keep their size and the bars get shorter) instead of being
 * scaled down as a picture: on a 390-pixel phone its 12-pixel labels stay 12 pixels.
 */
function useFitWidth(max: number): [RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(max);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const fit = () => setWidth(Math.max(240, Math.min(max, Math.floor(el.clientWidth))));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, [max]);
  return [ref, width];
}

export interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  /** Shown after the bar (formatted value by default). */
  readonly text?: string;
}

const clip = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Mirrors x positions for right-to-left languages. */
function mirror(rtl: boolean, width: number) {
  return (x: number, w = 0) => (rtl ? width - x - w : x);
}

export function BarChart(props: { id: string; title: string; bars: readonly Bar[]; format: (n: number) => string; width?: number; color?: string }) {
  const rtl = isRtl(useLanguage());
  const [box, width] = useFitWidth(props.width ?? 560);
  const rowH = 26;
  const labelW = Math.round(Math.min(190, width * 0.4));
  const valueW = Math.round(Math.min(110, width * 0.27));
  const chars = Math.max(12, Math.floor(labelW / 6.5));
  const height = Math.max(1, props.bars.length) * rowH + 8;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const X = mirror(rtl, width);
  return (
    <div class="chart-box" ref={box}>
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${props.id}-t`} style={{ maxWidth: `${width}px`, direction: 'ltr' }}>
      <title id={`${props.id}-t`}>{props.title}</title>
      {props.bars.map((b, i) => {
        const y = 4 + i * rowH;
        const w = Math.round(((width - labelW - valueW) * b.value) / max);
        return (
          <g key={b.key}>
            <text x={X(labelW - 8)} y={y + rowH / 2 + 4} text-anchor={rtl ? 'start' : 'end'} class="chart-label">
              {clip(b.label, chars)}
            </text>
            <rect x={X(labelW, w)} y={y + 3} width={Math.max(w, b.value > 0 ? 2 : 0)} height={rowH - 8} rx="2" fill={props.color ?? 'var(--chart-1)'} />
            <text x={X(labelW + w + 6)} y={y + rowH / 2 + 4} text-anchor={rtl ? 'end' : 'start'} class="chart-value">
              {b.text ?? props.format(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
    </div>
  );
}

export interface Group {
  readonly key: string;
  readonly label: string;
  readonly values: readonly { readonly key: string; readonly label: string; readonly value: number; readonly text: string }[];
}

/** Groups of bars, each group on its own scale (currencies are not comparable). */
export function GroupedBars(props: { id: string; title: string; groups: readonly Group[]; width?: number }) {
  const rtl = isRtl(useLanguage());
  const [box, width] = useFitWidth(props.width ?? 560);
  const barH = 18;
  const labelW = Math.round(Math.min(130, width * 0.3));
  const valueW = Math.round(Math.min(150, width * 0.36));
  const X = mirror(rtl, width);
  let y = 4;
  const colors = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)'];
  const rows = props.groups.map((g) => {
    const top = y;
    y += 22 + g.values.length * (barH + 4) + 10;
    return { g, top };
  });
  return (
    <div class="chart-box" ref={box}>
    <svg class="chart" viewBox={`0 0 ${width} ${Math.max(y, 10)}`} width="100%" role="img" aria-labelledby={`${props.id}-t`} style={{ maxWidth: `${width}px`, direction: 'ltr' }}>
      <title id={`${props.id}-t`}>{props.title}</title>
      {rows.map(({ g, top }) => {
        const max = Math.max(1, ...g.values.map((v) => v.value));
        return (
          <g key={g.key}>
            <text x={X(0)} y={top + 14} text-anchor="start" class="chart-group" style={rtl ? { textAnchor: 'end' } : undefined}>
              {g.label}
            </text>
            {g.values.map((v, i) => {
              const by = top + 22 + i * (barH + 4);
              const w = Math.round(((width - labelW - valueW) * v.value) / max);
              return (
                <g key={v.key}>
                  <text x={X(labelW - 8)} y={by + barH - 5} text-anchor={rtl ? 'start' : 'end'} class="chart-label">
                    {v.label}
                  </text>
                  <rect x={X(labelW, w)} y={by} width={Math.max(w, v.value > 0 ? 2 : 0)} height={barH} rx="2" fill={colors[i % 3]} />
                  <text x={X(labelW + w + 6)} y={by + barH - 5} text-anchor={rtl ? 'end' : 'start'} class="chart-value">
                    {v.text}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
    </div>
  );
}

export interface Cell {
  readonly row: string;
  readonly col: string;
  readonly text: string;
  readonly tone: 'uncovered' | 'covered' | 'quiet';
  readonly title: string;
}

/** A grid (UNCAC article x TA type): the tone says whether open needs have open offers. */
export function Heatmap(props: { id: string; title: string; rows: readonly { key: string; label: string }[]; cols: readonly { key: string; label: string }[]; cells: readonly Cell[] }) {
  const rtl = isRtl(useLanguage());
  const cellW = 54;
  const cellH = 30;
  const labelW = 170;
  const headH = 26;
  const width = labelW + props.cols.length * cellW + 4;
  const height = headH + props.rows.length * cellH + 4;
  const X = mirror(rtl, width);
  const byKey = new Map(props.cells.map((c) => [`${c.row}|${c.col}`, c]));
  // Drawn at its own size (never scaled down to unreadable cells) in a region that scrolls
  // sideways when the screen is narrower, by keyboard too.
  return (
    <div class="chart-scroll" role="region" tabIndex={0} aria-labelledby={`${props.id}-t`}>
    <svg class="chart heatmap" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-labelledby={`${props.id}-t`} style={{ direction: 'ltr' }}>
      <title id={`${props.id}-t`}>{props.title}</title>
      {props.cols.map((c, j) => (
        <text key={c.key} x={X(labelW + j * cellW + cellW / 2)} y={headH - 8} text-anchor="middle" class="chart-label">
          {c.label}
        </text>
      ))}
      {props.rows.map((r, i) => (
        <g key={r.key}>
          <text x={X(labelW - 8)} y={headH + i * cellH + cellH / 2 + 4} text-anchor={rtl ? 'start' : 'end'} class="chart-label">
            {clip(r.label, 24)}
          </text>
          {props.cols.map((c, j) => {
            const cell = byKey.get(`${r.key}|${c.key}`);
            return (
              <g key={c.key}>
                <rect x={X(labelW + j * cellW, cellW - 2)} y={headH + i * cellH} width={cellW - 2} height={cellH - 2} class={`cell cell-${cell?.tone ?? 'empty'}`}>
                  {cell && <title>{cell.title}</title>}
                </rect>
                {cell && (
                  <text x={X(labelW + j * cellW + (cellW - 2) / 2)} y={headH + i * cellH + cellH / 2 + 3} text-anchor="middle" class="cell-text">
                    {cell.text}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      ))}
    </svg>
    </div>
  );
}

export interface Series {
  readonly key: string;
  readonly label: string;
  /** One value per column, in the columns' order. */
  readonly values: readonly number[];
}

/**
 * Columns over time (calendar quarters): one group of columns per period, one column per series
 * on one scale, the periods' labels on two lines under them ("Q1" over "2026") so that eight
 * quarters fit a phone; the series named in a legend under the chart.
 */
export function ColumnChart(props: { id: string; title: string; columns: readonly { key: string; label: string; sub?: string }[]; series: readonly Series[]; format: (n: number) => string; width?: number }) {
  const rtl = isRtl(useLanguage());
  const [box, width] = useFitWidth(props.width ?? 560);
  const colors = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)'];
  const axisW = 8;
  const top = 18;
  const plotH = 140;
  const height = top + plotH + 36;
  const n = Math.max(1, props.columns.length);
  const groupW = (width - axisW) / n;
  const barW = Math.max(3, Math.min(22, (groupW - 6) / Math.max(1, props.series.length)));
  const max = Math.max(1, ...props.series.flatMap((s) => s.values));
  const X = mirror(rtl, width);
  return (
    <div class="chart-box" ref={box}>
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${props.id}-t`} style={{ maxWidth: `${width}px`, direction: 'ltr' }}>
        <title id={`${props.id}-t`}>{props.title}</title>
        <text x={X(axisW)} y={12} text-anchor={rtl ? 'end' : 'start'} class="chart-value">
          {props.format(max)}
        </text>
        <line x1={X(axisW)} x2={X(width)} y1={top + plotH} y2={top + plotH} stroke="var(--line)" />
        {props.columns.map((c, i) => {
          const gx = axisW + i * groupW;
          const used = barW * props.series.length;
          return (
            <g key={c.key}>
              {props.series.map((s, j) => {
                const v = s.values[i] ?? 0;
                const h = Math.round((plotH * v) / max);
                return <rect key={s.key} x={X(gx + (groupW - used) / 2 + j * barW, barW - 1)} y={top + plotH - h} width={barW - 1} height={Math.max(h, v > 0 ? 1 : 0)} fill={colors[j % 3]} />;
              })}
              <text x={X(gx + groupW / 2)} y={top + plotH + 15} text-anchor="middle" class="chart-label">
                {c.label}
              </text>
              {c.sub && (
                <text x={X(gx + groupW / 2)} y={top + plotH + 30} text-anchor="middle" class="chart-label">
                  {c.sub}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {props.series.length > 1 && (
        <ul class="legend chart-legend" aria-hidden="true">
          {props.series.map((s, j) => (
            <li key={s.key}>
              <span class="swatch" style={{ background: colors[j % 3] }} /> {s.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
