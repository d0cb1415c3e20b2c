import { evolveFacts, notificationsFor, type CaseFacts, type EventLike } from './notification-rules';
import { renderEmail, MESSAGE_LANGUAGES } from './templates';
import { NOTIFICATION_KINDS } from './notification-rules';
import { retryDelayMs, signPayload, verifySignature } from './signature';

const ref = (engagementId: string) => ({ engagementId, requestId: 'r1', offerId: 'o1', at: '2026-01-01T00:00:00Z' });
const submitted: EventLike = { type: 'RequestSubmitted', data: { requestId: 'r1', country: 'KE', restricted: true } };
const proposed: EventLike = { type: 'EngagementProposed', data: { ...ref('e1'), providerId: 'org-norad', implementerId: 'org-impl', country: 'KE' } };

function fold(events: readonly EventLike[]): CaseFacts | null {
  return events.reduce<CaseFacts | null>((f, e) => evolveFacts(f, e) ?? f, null);
}

describe('what is notified', () => {
  it('a completion contested by the State: the Secretariat (a dispute) and the provider', () => {
    const facts = fold([submitted, proposed]);
    expect(notificationsFor({ type: 'CompletionContested', data: { ...ref('e1'), reason: 'x' } }, facts)[0]).toEqual({
      kind: 'completion.contested',
      item: { type: 'engagement', id: 'e1' },
      requestId: 'r1',
      audiences: [{ role: 'secretariat' }, { organisation: 'org-norad' }, { organisation: 'org-impl' }],
    });
  });

  it('a new request: the Secretariat, to triage it', () => {
    const facts = fold([submitted]);
    expect(notificationsFor(submitted, facts)).toEqual([{ kind: 'request.submitted', item: { type: 'request', id: 'r1' }, requestId: 'r1', audiences: [{ role: 'secretariat' }] }]);
  });

  it('a proposed engagement: the State and the provider (and the implementer when another)', () => {
    const facts = fold([submitted, proposed]);
    expect(facts!.engagements['e1']).toEqual({ providerId: 'org-norad', implementerId: 'org-impl', status: 'proposed' });
    expect(notificationsFor(proposed, facts)[0]!.audiences).toEqual([{ country: 'KE' }, { organisation: 'org-norad' }, { organisation: 'org-impl' }]);
  });

  it('a milestone reported done: the State, to confirm; disputed: the Secretariat and the provider', () => {
    const facts = fold([submitted, proposed]);
    expect(notificationsFor({ type: 'MilestoneReported', data: { ...ref('e1'), milestoneId: 'm1' } }, facts)[0]).toMatchObject({
      kind: 'milestone.reported',
      item: { type: 'engagement', id: 'e1' },
      audiences: [{ country: 'KE' }],
    });
    expect(notificationsFor({ type: 'MilestoneDisputed', data: { ...ref('e1'), milestoneId: 'm1', reason: 'x' } }, facts)[0]!.audiences).toEqual([
      { role: 'secretariat' },
      { organisation: 'org-norad' },
      { organisation: 'org-impl' },
    ]);
  });

  it('follows the access facts: restriction changes, engagement statuses', () => {
    const cancelled: EventLike = { type: 'EngagementCancelled', data: { ...ref('e1'), reason: 'r', previousStatus: 'proposed' } };
    const facts = fold([submitted, proposed, { type: 'RequestAccessChanged', data: { requestId: 'r1', restricted: false } }, cancelled]);
    expect(facts).toMatchObject({ restricted: false, engagements: { e1: { status: 'cancelled' } } });
    expect(notificationsFor(cancelled, facts)[0]).toMatchObject({ kind: 'engagement.cancelled', audiences: [{ organisation: 'org-norad' }, { organisation: 'org-impl' }] });
  });

  it('nothing for an event of a request it never saw submitted, nor for events it does not notify', () => {
    expect(notificationsFor(proposed, null)).toEqual([]);
    expect(notificationsFor({ type: 'RequestTriaged', data: { requestId: 'r1' } }, fold([submitted]))).toEqual([]);
  });
});

describe('messages', () => {
  it('exist for every kind in the six languages, Arabic right to left; an unknown language falls back to English', () => {
    for (const language of MESSAGE_LANGUAGES) {
      for (const kind of NOTIFICATION_KINDS) {
        const m = renderEmail(kind, language, { item: 'https://x/app/requests/r1', unsubscribe: 'https://x/u?t=1' });
        expect(m.subject.length).toBeGreaterThan(5);
        expect(m.text).toContain('https://x/app/requests/r1');
        expect(m.html).toContain(`dir="${language === 'ar' ? 'rtl' : 'ltr'}"`);
      }
    }
    const subjects = MESSAGE_LANGUAGES.map((l) => renderEmail('engagement.proposed', l, { item: 'a', unsubscribe: 'b' }).subject);
    expect(new Set(subjects).size).toBe(6);
    expect(renderEmail('engagement.proposed', 'sw', { item: 'a', unsubscribe: 'b' }).language).toBe('en');
  });

  it('escapes links in HTML', () => {
    expect(renderEmail('request.submitted', 'en', { item: 'https://x/"><script>', unsubscribe: 'u' }).html).not.toContain('"><script>');
  });
});

describe('webhook signature and retry policy', () => {
  const body = '{"deliveryId":"d1"}';
  it('verifies with the secret, over the exact body, within the tolerance', () => {
    const header = signPayload('s3cret', body, 1_700_000_000);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', body, header, 1_700_000_100)).toBe(true);
    expect(verifySignature('other', body, header, 1_700_000_100)).toBe(false);
    expect(verifySignature('s3cret', `${body} `, header, 1_700_000_100)).toBe(false);
    expect(verifySignature('s3cret', body, header, 1_700_000_000 + 301)).toBe(false);
    expect(verifySignature('s3cret', body, 'garbage', 1_700_000_000)).toBe(false);
  });

  it('backs off exponentially, with jitter between half and all of the ceiling, capped', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 1000, 5000, () => 1))).toEqual([1000, 2000, 4000, 5000]);
    expect([1, 2, 3].map((a) => retryDelayMs(a, 1000, 5000, () => 0))).toEqual([500, 1000, 2000]);
  });
});
