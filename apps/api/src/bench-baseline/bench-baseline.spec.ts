import { loadConfig } from '@ta/platform';
import { apiProcess } from '../api.process';

// bench:http's baseline route is a benchmark's: a production start with it refuses to start.
const env = { NODE_ENV: 'production', AUTH_JWT_KEYS: 'k1:a-production-like-secret-of-enough-length-0123456789', DATABASE_URL: 'postgres://ta@127.0.0.1:5432/ta' };

describe('BENCH_BASELINE_ROUTE', () => {
  it('stops a production start', () => {
    expect(() => apiProcess().checkConfig!(loadConfig({ ...env, BENCH_BASELINE_ROUTE: 'on' }))).toThrow('BENCH_BASELINE_ROUTE=on serves a benchmark');
  });

  it('is no obstacle to a production start when unset', () => {
    expect(() => apiProcess().checkConfig!(loadConfig(env))).not.toThrow();
  });
});
