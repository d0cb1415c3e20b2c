import { isDatabaseUnavailable } from './unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('an error that means the database cannot serve now', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['every address of a host refused (AggregateError)', Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), { code: 'ECONNREFUSED' })],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that timed out connecting', new Error('timeout exceeded when trying to connect')],
    ['a server in recovery (57P03)', withCode('57P03', 'the database system is in recovery mode')],
    ['a server shut down under a session (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a connection exception (class 08)', withCode('08006', 'connection failure')],
    ['TypeORM wrapping the driver error', Object.assign(new Error('query failed'), { driverError: new Error('Connection terminated unexpectedly') })],
    ['a cause', new Error('could not load the stream', { cause: withCode('ECONNRESET') })],
  ])('%s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', withCode('42601', 'syntax error at or near "SELEC"')],
    ['a serialization failure', withCode('40001', 'could not serialize access')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection terminated'],
    ['null', null],
  ])('not %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('a cycle of causes ends', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = new Error('b', { cause: a });
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
