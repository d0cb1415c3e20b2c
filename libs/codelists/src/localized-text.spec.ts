import { ValidationError } from '@ta/core';
import { assertLocalizedText } from '@ta/codelists';

function detailsOf(value: unknown, maxLength = 10): unknown {
  try {
    assertLocalizedText(value, '/title', { maxLength });
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).code).toBe('text.invalid');
    return (e as ValidationError).details.map((d) => d.path);
  }
  throw new Error('expected text.invalid');
}

describe('LocalizedText', () => {
  it('accepts texts in UN languages and returns them trimmed', () => {
    expect(assertLocalizedText({ en: ' Audit ', ar: 'تدقيق' }, '/title', { maxLength: 10 })).toEqual({ en: 'Audit', ar: 'تدقيق' });
  });

  it('counts length in characters (code points), not UTF-16 units', () => {
    expect(() => assertLocalizedText({ zh: '𠀀𠀀𠀀' }, '/title', { maxLength: 3 })).not.toThrow();
  });

  it('rejects a non-object and an empty object', () => {
    expect(detailsOf('Audit')).toEqual(['/title']);
    expect(detailsOf(null)).toEqual(['/title']);
    expect(detailsOf(['en'])).toEqual(['/title']);
    expect(detailsOf({})).toEqual(['/title']);
  });

  it('rejects a language outside the six, a blank text, a non-string and a too long text, each at its path', () => {
    expect(detailsOf({ de: 'Prüfung', en: '   ', fr: 42, es: 'Una auditoría larga' })).toEqual(['/title/de', '/title/en', '/title/fr', '/title/es']);
  });
});
