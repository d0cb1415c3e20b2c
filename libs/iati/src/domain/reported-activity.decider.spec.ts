import { ValidationError } from '@ta/core';
import { deciderSpec } from '@ta/testing';
import { reportedActivityDecider, type ReportActivity } from './reported-activity.decider';
import type { ReportedActivityEvent, ReportedActivityFields } from './reported-activity.events';

const spec = deciderSpec(reportedActivityDecider);
const at = '2026-12-07T10:00:00.000Z';
const later = '2026-12-20T10:00:00.000Z';
const activityId = '6f1c1d2e-8a7b-5c3d-9e4f-0a1b2c3d4e5f';
const fields: ReportedActivityFields = {
  activityStatus: '2',
  recipientCountries: ['KE'],
  title: { en: 'Support to the anti-corruption agency' },
  articles: ['art-6'],
  sectors: ['15113'],
  currency: 'EUR',
  commitment: 25_000_050,
  plannedStart: '2026-03-01',
  plannedEnd: '2028-02-28',
  actualStart: '2026-03-15',
  actualEnd: null,
};
const disbursement = { key: '2026-06-01|5000000|EUR|1', date: '2026-06-01', amount: 5_000_000, currency: 'EUR' };
const report = (over: Partial<ReportActivity> = {}): ReportActivity => ({
  type: 'ReportActivity',
  activityId,
  at,
  providerId: 'donor-giz',
  iatiIdentifier: 'XI-IATI-TEST-GIZ-1',
  fields,
  disbursements: [disbursement],
  ...over,
});
const recorded: ReportedActivityEvent = { type: 'ReportedActivityRecorded', data: { activityId, at, providerId: 'donor-giz', iatiIdentifier: 'XI-IATI-TEST-GIZ-1', ...fields } };
const disbursed: ReportedActivityEvent = { type: 'ReportedDisbursementRecorded', data: { activityId, at, ...disbursement } };

describe('reporting an activity', () => {
  it('the first time records it and each disbursement', () => {
    spec.given([]).when(report()).then([recorded, disbursed]);
  });

  it('again as it was decides nothing', () => {
    spec.given([recorded, disbursed]).when(report({ at: later })).then([]);
  });

  it('changed gives an update with the changed fields only, and the new disbursements', () => {
    const second = { key: '2026-09-01|2500000|EUR|1', date: '2026-09-01', amount: 2_500_000, currency: 'EUR' };
    spec
      .given([recorded, disbursed])
      .when(report({ at: later, fields: { ...fields, activityStatus: '3', actualEnd: '2027-12-31' }, disbursements: [disbursement, second] }))
      .then([
        { type: 'ReportedActivityUpdated', data: { activityId, at: later, activityStatus: '3', actualEnd: '2027-12-31' } },
        { type: 'ReportedDisbursementRecorded', data: { activityId, at: later, ...second } },
      ]);
  });

  it('folds the update into the state, so the same report afterwards decides nothing', () => {
    const changed = { ...fields, commitment: 30_000_000 };
    spec.given([recorded, disbursed, { type: 'ReportedActivityUpdated', data: { activityId, at: later, commitment: 30_000_000 } }]).when(report({ fields: changed })).then([]);
  });

  it('without a recipient country, or with an unknown code, is refused', () => {
    spec.given([]).when(report({ fields: { ...fields, recipientCountries: [] } })).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when(report({ fields: { ...fields, recipientCountries: ['XX'] } })).thenThrows(ValidationError, 'codelist.unknown_code');
    spec.given([]).when(report({ fields: { ...fields, currency: 'EURO' } })).thenThrows(ValidationError, 'codelist.unknown_code');
  });

  it('a commitment without a currency is refused', () => {
    spec.given([]).when(report({ fields: { ...fields, currency: null } })).thenThrows(ValidationError, 'input.invalid');
  });
});
