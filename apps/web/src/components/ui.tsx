import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem, type FieldError } from '../lib/api';
import { t, tMaybe } from '../lib/i18n';
import { liveVersion } from '../lib/live';
import { useStore } from '../lib/store';

/** Loads data; reloads when `deps` change or the read models announce new events. */
export function useQuery<T>(
  load: () => Promise<T>,
  deps: unknown[],
  /** `live: false`: not refetched when the live feed announces new events (a read that is itself recorded as an event). */
  options: { readonly live?: boolean } = {},
): { data: T | undefined; error: ApiProblem | undefined; loading: boolean } {
  const live = useStore(liveVersion);
  const version = options.live === false ? 0 : live;
  const [state, setState] = useState<{ data: T | undefined; error: ApiProblem | undefined; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => !cancelled && setState({ data, error: undefined, loading: false }),
      (e: unknown) => !cancelled && setState((s) => ({ data: s.data, error: e instanceof ApiProblem ? e : new ApiProblem(0, 'client.error', String(e)), loading: false })),
    );
    return () => {
      cancelled = true;
    };
  }, [...deps, version]);
  return state;
}

/** The translated message for a problem's stable code, else the API's own words. */
export function problemText(p: ApiProblem): string {
  return tMaybe(`error.${p.code}`) ?? t('error.unknown', { detail: p.detail });
}

const FIELD_MESSAGES: Array<[RegExp, string]> = [
  [/must be a date/i, 'val.date'],
  [/decimal string/i, 'val.decimal'],
  [/should not be empty|must be longer than or equal to 1|at least one/i, 'val.required'],
  [/must be an email/i, 'val.email'],
  [/unknown|not a known/i, 'val.unknownCode'],
  [/must be a string|must be an array|must be an object|must be a boolean|must be a number|must be an integer/i, 'val.type'],
  [/must not be greater|must be shorter|must contain no more/i, 'val.tooLong'],
];

/** A field-level message from the API, translated when its pattern is known. */
export function fieldMessage(e: FieldError): { text: string; lang?: string } {
  for (const [re, key] of FIELD_MESSAGES) if (re.test(e.message)) return { text: t(key) };
  return { text: e.message, lang: 'en' };
}

/**
 * Checks a form's required fields in the browser before the command is sent, so that every
 * blank one is reported at once beside its field (the API checks them again, one rule at a
 * time where a rule is the domain's): throws the problem the API would answer.
 */
export function requireFilled(values: Record<string, string>): void {
  const blank = Object.entries(values).filter(([, v]) => v.trim() === '');
  if (blank.length > 0) throw new ApiProblem(400, 'input.invalid', 'Some fields need attention', blank.map(([path]) => ({ path, message: `${path.slice(1)} should not be empty` })));
}

export interface CommandForm {
  busy: boolean;
  problem: ApiProblem | null;
  errorsAt(path: string): FieldError[];
  unplaced(): FieldError[];
  submit(run: () => Promise<void>): (e: Event) => void;
  register(path: string, id: string): void;
}

/** Submission state of a command form: busy, the problem, field errors mapped by JSON path. */
export function useCommandForm(): CommandForm {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const fields = useRef(new Map<string, string>());
  const at = (e: FieldError, path: string) => e.path === path || (e.path ?? '').startsWith(`${path}/`);
  return {
    busy,
    problem,
    errorsAt: (path) => problem?.errors.filter((e) => at(e, path)) ?? [],
    unplaced: () => problem?.errors.filter((e) => ![...fields.current.keys()].some((p) => at(e, p))) ?? [],
    register: (path, id) => void fields.current.set(path, id),
    submit: (run) => (e: Event) => {
      e.preventDefault();
      if (busy) return;
      setBusy(true);
      setProblem(null);
      run().then(
        () => setBusy(false),
        (err: unknown) => {
          setBusy(false);
          setProblem(err instanceof ApiProblem ? err : new ApiProblem(0, 'client.error', String(err)));
        },
      );
    },
  };
}

/** The problem at the top of a form, focused so that it is read out; each field error links to its field. */
export function ErrorSummary({ form, fieldIds }: { form: CommandForm; fieldIds?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (form.problem) ref.current?.focus();
  }, [form.problem]);
  if (!form.problem) return null;
  const p = form.problem;
  const idOf = (path?: string) => (path && fieldIds ? Object.entries(fieldIds).find(([k]) => path === k || path.startsWith(`${k}/`))?.[1] : undefined);
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} data-code={p.code}>
      <p class="error-title">{problemText(p)}</p>
      {p.errors.length > 0 && (
        <ul>
          {p.errors.map((e) => {
            const id = idOf(e.path);
            const m = fieldMessage(e);
            return (
              <li key={`${e.path}${e.message}`}>
                {id ? <a href={`#${id}`}>{m.text}</a> : <span lang={m.lang}>{m.text}</span>} {e.path ? <code>{e.path}</code> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** A labelled field with its hint and its errors from the API (by JSON path). */
export function Field(props: {
  form: CommandForm;
  id: string;
  path: string;
  label: string;
  hint?: string;
  children: (a: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ComponentChildren;
}) {
  props.form.register(props.path, props.id);
  const errors = props.form.errorsAt(props.path);
  const describedBy = [props.hint ? `${props.id}-hint` : '', errors.length ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${errors.length ? ' has-error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {errors.length > 0 && (
        <p class="field-error" id={`${props.id}-error`} data-path={props.path}>
          {errors.map((e) => {
            const m = fieldMessage(e);
            return (
              <span key={e.message} lang={m.lang}>
                {m.text}{' '}
              </span>
            );
          })}
        </p>
      )}
      {props.children({ id: props.id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(errors.length ? { 'aria-invalid': true } : {}) })}
    </div>
  );
}

/** Checkboxes as one group (fieldset + legend), with the group's API errors. */
export function CheckboxGroup(props: {
  form: CommandForm;
  id: string;
  path: string;
  legend: string;
  options: readonly string[];
  labelOf: (code: string) => string;
  value: string[];
  onChange: (v: string[]) => void;
  columns?: boolean;
  /** The language of an option's label, where it is not the reader's (names a codelist holds in English only). */
  langOf?: (code: string) => string | undefined;
  /** How deep an option sits in a hierarchy (a region, its sub-regions beneath it), shown indented. */
  depthOf?: (code: string) => number;
  hint?: string;
}) {
  props.form.register(props.path, props.id);
  const errors = props.form.errorsAt(props.path);
  return (
    <fieldset
      id={props.id}
      class={`checkboxes${errors.length ? ' has-error' : ''}${props.columns ? ' columns' : ''}`}
      aria-describedby={[props.hint ? `${props.id}-hint` : '', errors.length ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined}
      tabIndex={-1}
    >
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {errors.length > 0 && (
        <p class="field-error" id={`${props.id}-error`} data-path={props.path}>
          {errors.map((e) => {
            const m = fieldMessage(e);
            return (
              <span key={e.message} lang={m.lang}>
                {m.text}{' '}
              </span>
            );
          })}
        </p>
      )}
      {props.options.map((code) => (
        <label key={code} class="check" data-depth={props.depthOf?.(code)}>
          <input
            type="checkbox"
            name={props.id}
            value={code}
            checked={props.value.includes(code)}
            onChange={(e) => {
              const on = (e.currentTarget as HTMLInputElement).checked;
              props.onChange(on ? [...props.value, code] : props.value.filter((c) => c !== code));
            }}
          />{' '}
          {props.langOf?.(code) ? <bdi lang={props.langOf(code)}>{props.labelOf(code)}</bdi> : props.labelOf(code)}
        </label>
      ))}
    </fieldset>
  );
}

/** Radio buttons as one group (fieldset + legend), none chosen until the user chooses, with the group's API errors. */
export function RadioGroup(props: {
  form: CommandForm;
  id: string;
  path: string;
  legend: string;
  hint?: string;
  options: ReadonlyArray<readonly [value: string, label: string]>;
  value: string;
  onChange: (v: string) => void;
}) {
  props.form.register(props.path, props.id);
  const errors = props.form.errorsAt(props.path);
  const described = [props.hint ? `${props.id}-hint` : '', errors.length ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset id={props.id} class={`checkboxes${errors.length ? ' has-error' : ''}`} aria-describedby={described || undefined} tabIndex={-1}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {errors.length > 0 && (
        <p class="field-error" id={`${props.id}-error`} data-path={props.path}>
          {/* Missing or not one of the options: either way, the user has to choose. */}
          {t('val.choose')}
        </p>
      )}
      {props.options.map(([value, label]) => (
        <label key={value} class="check">
          <input type="radio" name={props.id} value={value} checked={props.value === value} onChange={() => props.onChange(value)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function ProblemNote({ problem }: { problem: ApiProblem }) {
  return (
    <p class="problem" role="alert" data-code={problem.code}>
      {problemText(problem)}
    </p>
  );
}

export function Section(props: { id: string; title: string; children: ComponentChildren; note?: string }) {
  return (
    <section aria-labelledby={`${props.id}-h`} class="panel" id={props.id}>
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.note && <p class="hint">{props.note}</p>}
      {props.children}
    </section>
  );
}

export function Badge({ kind, code }: { kind: string; code: string }) {
  return <span class={`badge badge-${code}`}>{t(`${kind}.${code}`)}</span>;
}

export function Button(props: JSX.ButtonHTMLAttributes<HTMLButtonElement> & { busy?: boolean; variant?: 'primary' | 'secondary' | 'danger' }) {
  const { busy, variant = 'primary', children, disabled, ...rest } = props;
  return (
    <button type="submit" class={`btn btn-${variant}`} disabled={Boolean(busy || disabled)} aria-busy={busy || undefined} {...rest}>
      {children}
    </button>
  );
}
