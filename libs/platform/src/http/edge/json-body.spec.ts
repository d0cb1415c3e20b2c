import { inspectJsonBody, JSON_BODY_LIMITS } from './json-body';

const nested = (n: number, leaf: unknown = 1): unknown => {
  let v = leaf;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

describe('inspecting a parsed JSON body', () => {
  it('passes an ordinary body', () => {
    expect(inspectJsonBody({ title: { en: 'x', ar: 'ع' }, list: ['a', 1, true, null], n: 2 })).toBeUndefined();
  });

  it(`allows ${JSON_BODY_LIMITS.maxDepth} levels of objects and arrays, not one more`, () => {
    expect(inspectJsonBody(nested(JSON_BODY_LIMITS.maxDepth))).toBeUndefined();
    expect(inspectJsonBody(nested(JSON_BODY_LIMITS.maxDepth + 1))).toMatchObject({ code: 'request.too_complex' });
  });

  it('answers a body 100,000 levels deep without recursion', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(inspectJsonBody(deep)).toMatchObject({ code: 'request.too_complex', details: [{ path: `/${Array(JSON_BODY_LIMITS.maxDepth).fill(0).join('/')}` }] });
  });

  it(`allows ${JSON_BODY_LIMITS.maxMembers} members in an object or array, not one more`, () => {
    const object = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(inspectJsonBody({ list: Array(JSON_BODY_LIMITS.maxMembers).fill(0), map: object(JSON_BODY_LIMITS.maxMembers) })).toBeUndefined();
    expect(inspectJsonBody({ list: Array(JSON_BODY_LIMITS.maxMembers + 1).fill(0) })).toMatchObject({ code: 'request.too_complex', details: [{ path: '/list' }] });
    expect(inspectJsonBody({ map: object(JSON_BODY_LIMITS.maxMembers + 1) })).toMatchObject({ code: 'request.too_complex', details: [{ path: '/map' }] });
  });

  it.each([
    ['a value', { a: { b: ['ok', 'x\u0000'] } }, '/a/b/1'],
    ['a key', { a: { 'k\ud800': 1 } }, '/a/k\ufffd'],
    ['the whole body', 'x\udc00', '/'],
  ])('refuses unstorable text in %s, with its path', (_label, body, path) => {
    expect(inspectJsonBody(body)).toMatchObject({ code: 'request.unstorable_text', details: [{ path }] });
  });

  it.each([['__proto__'], ['constructor'], ['prototype']])('refuses a %s key as an unknown field, at any depth', (key) => {
    expect(inspectJsonBody(JSON.parse(`{"${key}":{"polluted":1}}`))).toMatchObject({ code: 'request.invalid_body', details: [{ path: `/${key}` }] });
    expect(inspectJsonBody(JSON.parse(`{"title":[{"${key}":1}]}`))).toMatchObject({ code: 'request.invalid_body', details: [{ path: `/title/0/${key}` }] });
  });

  it('escapes keys as JSON pointers', () => {
    expect(inspectJsonBody({ 'a/b~c': 'x\u0000' })).toMatchObject({ details: [{ path: '/a~1b~0c' }] });
  });
});
