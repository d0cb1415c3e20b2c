import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';
import { language } from '../lib/i18n';

/** Attributes a row or cell may carry: a class and data-* hooks. */
export interface Attrs {
  readonly class?: string;
  readonly [data: `data-${string}`]: string | number | undefined;
}

/** One column, declared as data: its header, how a row's cell is drawn, and optionally how rows sort by it. */
export interface Column<T> {
  readonly key: string;
  readonly header: ComponentChildren;
  readonly cell: (row: T) => ComponentChildren;
  /** Figures: aligned to the end, tabular digits. */
  readonly numeric?: boolean;
  /** The cell names its row (`<th scope="row">`). */
  readonly rowHeader?: boolean;
  /** Offered as a sort when given (the header becomes a button; `aria-sort` tells the order). */
  readonly sort?: (a: T, b: T) => number;
  /** Extra attributes of the cell (data-* hooks). */
  readonly cellProps?: (row: T) => Attrs;
}

type Order = { key: string; dir: 'ascending' | 'descending' };

/**
 * A data table: a caption (visually hidden unless `showCaption`), column headers with
 * `scope="col"`, row headers with `scope="row"`, an empty state instead of an empty table, and
 * a wrapper that scrolls sideways inside a keyboard-focusable region named by the caption, so
 * that a wide table never makes the page scroll. Rows keep the API's order until a sortable
 * header is chosen.
 */
export function DataTable<T>(props: {
  caption: string;
  showCaption?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => Attrs;
  /** Shown instead of the table when there are no rows; without it, the table is shown with its headers. */
  empty?: string;
  class?: string;
  testId?: string;
}) {
  const captionId = `${useId()}-caption`;
  const [order, setOrder] = useState<Order | null>(null);
  if (props.rows.length === 0 && props.empty !== undefined) return <p class="empty">{props.empty}</p>;
  const sorting = order && props.columns.find((c) => c.key === order.key)?.sort;
  const rows = sorting ? [...props.rows].sort((a, b) => (order.dir === 'ascending' ? sorting(a, b) : sorting(b, a))) : props.rows;
  const toggle = (key: string) => setOrder(order?.key === key && order.dir === 'ascending' ? { key, dir: 'descending' } : { key, dir: 'ascending' });
  return (
    <div class="table-scroll" role="region" tabIndex={0} aria-labelledby={captionId}>
      <table class={props.class ? `data ${props.class}` : 'data'} data-testid={props.testId}>
        <caption id={captionId} class={props.showCaption ? undefined : 'sr-only'}>
          {props.caption}
        </caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} scope="col" class={c.numeric ? 'num' : undefined} aria-sort={order?.key === c.key ? order.dir : undefined}>
                {c.sort ? (
                  <button type="button" class="sort" data-column={c.key} onClick={() => toggle(c.key)}>
                    {c.header}
                  </button>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={props.rowKey(r)} {...props.rowProps?.(r)}>
              {props.columns.map((c) => {
                const attrs = { class: c.numeric ? 'num' : undefined, ...c.cellProps?.(r) };
                return c.rowHeader ? (
                  <th key={c.key} scope="row" {...attrs}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.key} {...attrs}>
                    {c.cell(r)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Sorts by text in the reader's language. */
export const byText =
  <T,>(of: (row: T) => string) =>
  (a: T, b: T) =>
    of(a).localeCompare(of(b), language.get());

/** Sorts by a number. */
export const byNumber =
  <T,>(of: (row: T) => number) =>
  (a: T, b: T) =>
    of(a) - of(b);
