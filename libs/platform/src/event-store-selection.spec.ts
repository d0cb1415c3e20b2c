import { loadConfig, loadEventStoreSelection } from './config';
import { KURRENTDB_NOT_WIRED, openInfrastructure } from './infrastructure';

describe('choosing the event store adapter (EVENT_STORE)', () => {
  it('is PostgreSQL when EVENT_STORE is unset, empty or postgres', () => {
    expect(loadEventStoreSelection({})).toEqual({ kind: 'postgres' });
    expect(loadEventStoreSelection({ EVENT_STORE: '' })).toEqual({ kind: 'postgres' });
    expect(loadEventStoreSelection({ EVENT_STORE: 'postgres', KURRENTDB_CONNECTION_STRING: 'kurrentdb://ignored:2113' })).toEqual({ kind: 'postgres' });
  });

  it('is KurrentDB with its connection string', () => {
    expect(loadEventStoreSelection({ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: ' kurrentdb://localhost:2113?tls=false ' })).toEqual({
      kind: 'kurrentdb',
      connectionString: 'kurrentdb://localhost:2113?tls=false',
    });
  });

  it('refuses KurrentDB without a connection string, and an unknown adapter', () => {
    expect(() => loadEventStoreSelection({ EVENT_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_CONNECTION_STRING/);
    expect(() => loadEventStoreSelection({ EVENT_STORE: 'eventstoredb' })).toThrow(/EVENT_STORE must be postgres or kurrentdb, got "eventstoredb"/);
  });

  it('the platform processes refuse to start on KurrentDB, naming what still needs PostgreSQL, before touching any database', async () => {
    const config = loadConfig({
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: 'kurrentdb://localhost:2113?tls=false',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      AUTH_JWT_KEYS: `k1:${'s'.repeat(32)}`,
    });
    await expect(openInfrastructure(config)).rejects.toThrow(KURRENTDB_NOT_WIRED);
    expect(KURRENTDB_NOT_WIRED).toMatch(/idempotency key.*durable consumers.*hash chain/);
  });
});
