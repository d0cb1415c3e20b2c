import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

const KEY = (id: string) => `ta.fold.${id}`;

/**
 * A section that folds: its heading holds a button (`aria-expanded`, the disclosure pattern)
 * that shows or hides the rest. Open unless the reader folded it; the choice is kept in this
 * browser (`localStorage`), per section.
 */
export function FoldingSection(props: { id: string; title: string; children: ComponentChildren; note?: string }) {
  const [open, setOpen] = useState(() => localStorage.getItem(KEY(props.id)) !== 'closed');
  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next) localStorage.removeItem(KEY(props.id));
    else localStorage.setItem(KEY(props.id), 'closed');
  };
  return (
    <section aria-labelledby={`${props.id}-h`} class={`panel folding${open ? '' : ' folded'}`} id={props.id} data-open={open ? 'true' : 'false'}>
      <h2 id={`${props.id}-h`}>
        <button type="button" class="fold" aria-expanded={open} aria-controls={`${props.id}-body`} onClick={toggle}>
          <span class="fold-mark" aria-hidden="true" />
          {props.title}
        </button>
      </h2>
      <div id={`${props.id}-body`} hidden={!open}>
        {props.note && <p class="hint">{props.note}</p>}
        {props.children}
      </div>
    </section>
  );
}
