import { IllegalStateError, ValidationError } from '@ta/core';
import type { Actor } from '@ta/platform';
import { checkPracticeEngagements, type EngagementFacts } from './lesson-engagements';

const id = '0b8e3c1a-5d2f-4e6a-8b7c-9d0e1f2a3b4c';
const completed: EngagementFacts = { engagementId: id, status: 'completed', providerId: 'donor-giz', country: 'KE' };
const giz: Actor = { id: 'giz-1', role: 'donor', organisation: 'donor-giz' };
const kenya: Actor = { id: 'fp-ke', role: 'state', country: 'KE' };

function thrown(run: () => void): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('the engagements a practice names', () => {
  it('are ones its contributor took part in: the provider, the recipient State, or the Secretariat', () => {
    for (const actor of [giz, kenya, { id: 'u', role: 'secretariat' } as Actor, { id: 'old', role: 'donor', organisation: 'donor-x', providerIds: ['donor-giz'] } as Actor]) {
      expect(thrown(() => checkPracticeEngagements(actor, 'lesson_learned', [completed], [id]))).toBeUndefined();
    }
  });

  it('are unknown (400) to anyone else, as an engagement that does not exist', () => {
    for (const actor of [{ id: 'sida', role: 'donor', organisation: 'donor-sida' } as Actor, { id: 'fp-ug', role: 'state', country: 'UG' } as Actor]) {
      const e = thrown(() => checkPracticeEngagements(actor, 'good_practice', [completed], [id]));
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).code).toBe('practice.unknown_engagement');
    }
    expect((thrown(() => checkPracticeEngagements(giz, 'good_practice', [null], [id])) as ValidationError).code).toBe('practice.unknown_engagement');
  });

  it('are delivered before a lesson is recorded from them (a good practice may name one in delivery)', () => {
    for (const status of ['proposed', 'agreed', 'active', 'declined', 'cancelled']) {
      const e = thrown(() => checkPracticeEngagements(giz, 'lesson_learned', [{ ...completed, status }], [id]));
      expect(e).toBeInstanceOf(IllegalStateError);
      expect((e as IllegalStateError).code).toBe('practice.engagement_not_delivered');
    }
    expect(thrown(() => checkPracticeEngagements(giz, 'lesson_learned', [{ ...completed, status: 'acknowledged' }], [id]))).toBeUndefined();
    expect(thrown(() => checkPracticeEngagements(giz, 'good_practice', [{ ...completed, status: 'active' }], [id]))).toBeUndefined();
  });
});
