import { param, parameterSchema, parseQuery, toOpenApiParameters } from './query-parameters';

const TABLE = {
  country: param.enum(['KE', 'UG'], { list: 'countries' }),
  status: param.enum(['open', 'closed']),
  sort: param.enum(['at', '-at'], { default: '-at' }),
  limit: param.integer(1, 200, { default: 50 }),
  minPosition: param.integer(0, Number.MAX_SAFE_INTEGER),
  asAt: param.date(),
  donor: param.string(),
  withCapacity: param.boolean(),
};

describe('parseQuery', () => {
  it('parses every kind, and gives defaults for absent parameters', () => {
    const { values, problems } = parseQuery(
      { country: 'KE', status: 'open', limit: '7', minPosition: '0', asAt: '2025-03-01', donor: 'donor-giz', withCapacity: 'true' },
      TABLE,
    );
    expect(problems).toEqual([]);
    expect(values).toEqual({
      country: 'KE',
      status: 'open',
      sort: '-at',
      limit: 7,
      minPosition: 0,
      asAt: new Date('2025-03-01T00:00:00Z'),
      donor: 'donor-giz',
      withCapacity: true,
    });
  });

  it('absent parameters without a default are undefined', () => {
    const { values } = parseQuery({}, TABLE);
    expect(values.country).toBeUndefined();
    expect(values.limit).toBe(50);
  });

  it('reports one problem per bad parameter, an unknown one and a repeated one included', () => {
    const { problems } = parseQuery(
      { country: 'XX', status: 'nope', limit: '0', minPosition: '-1', asAt: '2025-3-1', donor: 'a b', withCapacity: 'yes', colour: 'red', sort: ['at', '-at'] },
      TABLE,
    );
    expect(Object.fromEntries(problems.map((p) => [p.path, p.message]))).toEqual({
      '/query/country': '"XX" is not a known countries code',
      '/query/status': 'must be one of open, closed',
      '/query/limit': 'must be an integer from 1 to 200',
      '/query/minPosition': 'must be an integer from 0 to 9007199254740991',
      '/query/asAt': 'must be a real date (2025-03-01) or an ISO 8601 timestamp with a time zone, years 0001-9999',
      '/query/donor': 'is not a valid identifier',
      '/query/withCapacity': 'must be true or false',
      '/query/colour': 'is not a parameter of this route',
      '/query/sort': 'must be given once',
    });
  });

  it('a parameter named like an Object.prototype member is unknown, not inherited', () => {
    expect(parseQuery({ constructor: 'x' }, { limit: param.integer(1, 2) }).problems).toEqual([{ path: '/query/constructor', message: 'is not a parameter of this route' }]);
    expect(parseQuery({}, { toString: param.string() }).values.toString).toBeUndefined();
  });
});

describe('a date that means the end of its day (dayEnd)', () => {
  const table = { asOf: param.date({ dayEnd: true }), at: param.date() };
  it('a calendar date is the last millisecond of that day (UTC); a timestamp is itself', () => {
    expect(parseQuery({ asOf: '2025-03-31', at: '2025-03-31' }, table).values).toEqual({ asOf: new Date('2025-03-31T23:59:59.999Z'), at: new Date('2025-03-31T00:00:00.000Z') });
    expect(parseQuery({ asOf: '2025-03-31T12:00:00Z' }, table).values.asOf).toEqual(new Date('2025-03-31T12:00:00.000Z'));
    expect(parseQuery({ asOf: '2024-12-31' }, table).values.asOf).toEqual(new Date('2024-12-31T23:59:59.999Z'));
  });
  it('a day that does not exist is refused, not rolled over', () => {
    expect(parseQuery({ asOf: '2026-02-29' }, table).problems).toEqual([{ path: '/query/asOf', message: expect.stringContaining('real date') }]);
  });
});

describe('the OpenAPI side of a table', () => {
  it('states the rules the parser applies', () => {
    expect(parameterSchema(TABLE.limit)).toEqual({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    expect(parameterSchema(TABLE.status)).toEqual({ type: 'string', enum: ['open', 'closed'] });
    expect(parameterSchema(TABLE.donor)).toEqual({ type: 'string', pattern: '^[A-Za-z0-9._:@/-]{1,200}$' });
    expect(parameterSchema(TABLE.withCapacity)).toEqual({ type: 'boolean' });
    const date = parameterSchema(TABLE.asAt);
    expect(new RegExp(date.pattern!).test('2025-03-01T12:00:00Z')).toBe(true);
  });

  it('every parameter is in the query and optional', () => {
    const params = toOpenApiParameters(TABLE);
    expect(params.map((p) => p.name)).toEqual(Object.keys(TABLE));
    expect(params.every((p) => p.in === 'query' && p.required === false)).toBe(true);
  });
});
