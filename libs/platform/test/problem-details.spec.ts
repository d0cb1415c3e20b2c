import { ConcurrencyError, IllegalStateError, NotFoundError, ValidationError } from '@ta/core';
import { problemFrom } from '../src/problem-details';

describe('problem details (RFC 9457)', () => {
  it.each([
    [new ValidationError('x.bad', 'bad', [{ path: '/a', message: 'm' }]), 400],
    [new NotFoundError('x.missing', 'missing'), 404],
    [new IllegalStateError('x.state', 'not now'), 409],
    [new ConcurrencyError('x.stale', 'stale'), 412],
  ])('maps %s to its status with the stable code as type', (error, status) => {
    const p = problemFrom(error, '/things/1');
    expect(p).toMatchObject({ status, code: error.code, detail: error.message, instance: '/things/1' });
    expect(p.type).toMatch(new RegExp(`/${error.code}$`));
  });

  it('an extension named like a standard member cannot shadow it', () => {
    const p = problemFrom(new IllegalStateError('engagement.already_cancelled', 'no', { status: 'cancelled', engagementId: 'e1' }));
    expect(p.status).toBe(409);
    expect(p.context).toEqual({ status: 'cancelled' });
    expect(p.engagementId).toBe('e1');
  });
});
