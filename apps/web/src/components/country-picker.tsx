import { useState } from 'preact/hooks';
import { countryEntries, fmt, t } from '../lib/i18n';
import { Field, type CommandForm } from './ui';

/**
 * Codes for what was typed: country names in the reader's language (case ignored) or ISO codes,
 * separated by commas or semicolons (codes also by spaces). An unknown word is kept as typed, in
 * capitals, for the API to refuse beside the field.
 */
export function countriesTyped(text: string): string[] {
  const byName = new Map(countryEntries().map(([code, name]) => [name.toLocaleLowerCase(), code] as const));
  return text
    .split(/[,;\u060c\uff0c\u3001]/)
    .map((x) => x.trim())
    .filter(Boolean)
    .flatMap((x) => {
      const code = byName.get(x.toLocaleLowerCase());
      return code ? [code] : x.split(/\s+/).map((c) => c.toUpperCase());
    });
}

/** Countries chosen by their names (a list to pick from), shown as removable chips; codes still work. */
export function CountryPicker(props: { form: CommandForm; id: string; path: string; label: string; hint: string; value: readonly string[]; text: string; onChange: (change: { picked?: string[]; text?: string }) => void }) {
  const [listId] = useState(() => `${props.id}-list`);
  const add = () => {
    const codes = countriesTyped(props.text);
    if (codes.length === 0) return;
    props.onChange({ picked: [...new Set([...props.value, ...codes])], text: '' });
  };
  return (
    <div class="country-picker">
      <Field form={props.form} id={props.id} path={props.path} label={props.label} hint={props.hint}>
        {(a) => (
          <span class="picker-row">
            <input
              {...a}
              type="text"
              list={listId}
              autocomplete="off"
              value={props.text}
              onInput={(e) => props.onChange({ text: (e.currentTarget as HTMLInputElement).value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" class="btn btn-secondary" onClick={add} data-testid={`${props.id}-add`}>
              {t('picker.add')}
            </button>
          </span>
        )}
      </Field>
      <datalist id={listId}>
        {countryEntries().map(([code, name]) => (
          <option key={code} value={name} />
        ))}
      </datalist>
      {props.value.length > 0 && (
        <ul class="chips" aria-label={props.label}>
          {props.value.map((code) => (
            <li key={code} data-code={code}>
              <bdi>{fmt.country(code)}</bdi>{' '}
              <button type="button" class="chip-remove" aria-label={t('picker.remove', { name: fmt.country(code) })} onClick={() => props.onChange({ picked: props.value.filter((c) => c !== code) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
