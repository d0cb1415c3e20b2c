import { codelists } from '@ta/codelists';
import { CURRENCIES, REGIONS } from '../../apps/web/src/lib/codes';

// The offer form's pickers offer what the API accepts: the codes are checked against the
// generated API types by the type check; their names and the regions' hierarchy against the
// codelists here.

it('lists every M49 region of the codelist once, with its name', () => {
  const list = codelists.list('regions');
  expect(REGIONS.map((r) => r.code).sort()).toEqual(list.map((r) => r.code).sort());
  for (const r of REGIONS) expect({ code: r.code, name: r.name }).toEqual({ code: r.code, name: codelists.get('regions', r.code)!.name });
});

it('puts each region under the one it belongs to (its countries are among that region\'s)', () => {
  const countries = (code: string) => new Set(codelists.get('regions', code)!.countries);
  const parents: string[] = [];
  for (const r of REGIONS) {
    parents.length = r.depth;
    const parent = parents[r.depth - 1];
    if (parent) for (const c of countries(r.code)) expect({ region: r.code, parent, country: c, within: countries(parent).has(c) }).toMatchObject({ within: true });
    parents[r.depth] = r.code;
  }
  // Eastern Africa sits under Sub-Saharan Africa, under Africa, under the World.
  const at = (code: string) => REGIONS.findIndex((r) => r.code === code);
  expect(REGIONS[at('014')]!.depth).toBe(3);
  expect(REGIONS[at('202')]!.depth).toBe(2);
  expect(at('002')).toBeLessThan(at('202'));
  expect(at('202')).toBeLessThan(at('014'));
});

it('offers the currencies of the codelist, no other', () => {
  expect([...CURRENCIES].sort()).toEqual(codelists.list('currencies').map((c) => c.code).sort());
});
