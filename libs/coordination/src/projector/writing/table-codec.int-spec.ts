import { createTestDatabase, type TestDatabase } from '../../../../../test/support/database';
import { arrayLiteral } from './table-codec';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 1 });
});
afterAll(() => db.drop());

describe('arrayLiteral', () => {
  it('PostgreSQL reads back every value exactly: quotes, backslashes, separators, braces, "NULL", empty, unicode, nulls, nested literals', async () => {
    const values = ['plain', 'with "quotes"', 'back\\slash', 'a,b', '{braces}', 'NULL', '', ' spaced ', 'ünïcödé ✓', null, 'line\nbreak', arrayLiteral(['x', 'y "z"', null])];
    const { rows } = await db.pool.query<{ v: Array<string | null> }>('SELECT $1::text[] AS v', [arrayLiteral(values)]);
    expect(rows[0]!.v).toEqual(values);
    const nested = await db.pool.query<{ v: Array<string | null> }>('SELECT ($1::text[])[12]::text[] AS v', [arrayLiteral(values)]);
    expect(nested.rows[0]!.v).toEqual(['x', 'y "z"', null]);
  });

  it('an empty list is an empty array', async () => {
    const { rows } = await db.pool.query<{ n: number }>('SELECT cardinality($1::text[]) AS n', [arrayLiteral([])]);
    expect(rows[0]!.n).toBe(0);
  });
});
