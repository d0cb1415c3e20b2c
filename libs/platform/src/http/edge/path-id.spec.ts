import { NotFoundError } from '@ta/core';
import { pathId, type PathIdKind } from './path-id.pipe';

const malformed = (kind: PathIdKind, value: unknown) => {
  try {
    pathId(kind, value);
    return 'accepted';
  } catch (e) {
    return e instanceof NotFoundError ? e.code : String(e);
  }
};

describe('ids in a path', () => {
  it('a UUID, lowered; anything else names no resource', () => {
    expect(pathId('uuid', '0B7F9E2A-1C3D-4E5F-8A9B-0C1D2E3F4A5B')).toBe('0b7f9e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b');
    for (const v of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '0b7f9e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b0', 'x'.repeat(10_000), '', undefined, 42]) {
      expect(malformed('uuid', v)).toBe('request.malformed_id');
    }
  });

  it('a country: two letters, raised', () => {
    expect(pathId('country', 'ke')).toBe('KE');
    for (const v of ['K', 'KEN', 'K1', 'ß', '\nKE']) expect(malformed('country', v)).toBe('request.malformed_id');
  });

  it('an organisation: 1-100 characters on one line', () => {
    expect(pathId('organisation', 'donor-giz')).toBe('donor-giz');
    expect(pathId('organisation', 'Agence française de développement')).toBe('Agence française de développement');
    for (const v of ['', 'x'.repeat(101), 'a\nb', 'a\tb', 'a\u202eb', 'a\u0000b']) expect(malformed('organisation', v)).toBe('request.malformed_id');
  });

  it('gives one answer for a malformed id whatever the route', () => {
    const detail = (v: string) => {
      try {
        pathId('uuid', v);
      } catch (e) {
        return (e as Error).message;
      }
      return null;
    };
    expect(detail('abc')).toBe(detail('x'.repeat(500)));
  });
});
