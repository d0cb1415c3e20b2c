import { useState } from 'preact/hooks';
import { post } from '../lib/api';
import { language } from '../lib/i18n';
import { liveVersion } from '../lib/live';
import { Button, ErrorSummary, Field, useCommandForm } from './ui';

/** After a command: every query on the page reloads (waiting for the read models to include it). */
export function refresh(): void {
  liveVersion.set(liveVersion.get() + 1);
}

/** A command with no input: one button. */
export function CommandButton(props: { id: string; label: string; path: string; variant?: 'primary' | 'secondary' | 'danger'; onDone?: () => void }) {
  const form = useCommandForm();
  return (
    <form class="inline-action" onSubmit={form.submit(async () => {
      await post(props.path);
      refresh();
      props.onDone?.();
    })}>
      <ErrorSummary form={form} />
      <Button id={props.id} busy={form.busy} variant={props.variant ?? 'primary'}>
        {props.label}
      </Button>
    </form>
  );
}

/**
 * A command with one text input: a reason (`{reason}`) or a text in the chosen language
 * (`{question: {fr: ...}}`).
 */
export function TextCommand(props: {
  id: string;
  title: string;
  label: string;
  button: string;
  path: string;
  field: string;
  localized?: boolean;
  variant?: 'primary' | 'secondary' | 'danger';
  extra?: Record<string, unknown>;
  onDone?: () => void;
}) {
  const form = useCommandForm();
  const [text, setText] = useState('');
  return (
    <form
      class="action"
      noValidate
      aria-labelledby={`${props.id}-h`}
      onSubmit={form.submit(async () => {
        const value = props.localized ? (text.trim() ? { [language.get()]: text } : {}) : text;
        await post(props.path, { ...props.extra, [props.field]: value });
        setText('');
        refresh();
        props.onDone?.();
      })}
    >
      <h3 id={`${props.id}-h`}>{props.title}</h3>
      <ErrorSummary form={form} fieldIds={{ [`/${props.field}`]: props.id }} />
      <Field form={form} id={props.id} path={`/${props.field}`} label={props.label}>
        {(a) => <textarea {...a} rows={2} lang={language.get()} value={text} onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)} />}
      </Field>
      <Button busy={form.busy} variant={props.variant ?? 'primary'}>
        {props.button}
      </Button>
    </form>
  );
}

