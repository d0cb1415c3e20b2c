// Hand-made SVG charts. Each one is a labelled image (role="img" with a title); the table
// beside it carries the same figures for screen readers and keyboard users.
import { isRtl, useLanguage } from '../lib/i18n';

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
  const width = props.width ?? 560;
  const rowH = 26;
  const labelW = 190;
  const valueW = 110;
  const height = Math.max(1, props.bars.length) * rowH + 8;
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const X = mirror(rtl, width);
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${props.id}-t`} style={{ maxWidth: `${width}px`, direction: 'ltr' }}>
      <title id={`${props.id}-t`}>{props.title}</title>
      {props.bars.map((b, i) => {
        const y = 4 + i * rowH;
        const w = Math.round(((width - labelW - valueW) * b.value) / max);
        return (
          <g key={b.key}>
            <text x={X(labelW - 8)} y={y + rowH / 2 + 4} text-anchor={rtl ? 'start' : 'end'} class="chart-label">
              {clip(b.label)}
            </text>
            <rect x={X(labelW, w)} y={y + 3} width={Math.max(w, b.value > 0 ? 2 : 0)} height={rowH - 8} rx="2" fill={props.color ?? 'var(--chart-1)'} />
            <text x={X(labelW + w + 6)} y={y + rowH / 2 + 4} text-anchor={rtl ? 'end' : 'start'} class="chart-value">
              {b.text ?? props.format(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
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
  const width = props.width ?? 560;
  const barH = 18;
  const labelW = 130;
  const valueW = 150;
  const X = mirror(rtl, width);
  let y = 4;
  const colors = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)'];
  const rows = props.groups.map((g) => {
    const top = y;
    y += 22 + g.values.length * (barH + 4) + 10;
    return { g, top };
  });
  return (
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
  return (
    <svg class="chart heatmap" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${props.id}-t`} style={{ maxWidth: `${width}px`, direction: 'ltr' }}>
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
  );
}
