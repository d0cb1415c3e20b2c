// The case context's pure domain: deciders, process managers, their commands, events and
// states. No framework, no clock, no ids made up here.
export * from './shared/time';
export * from './shared/process-manager';
export * from './shared/stream-ids';
export { REASON_MAX_LENGTH } from './shared/validation';
export * from './case.commands';

export * from './request/request.commands';
export * from './request/request.events';
export * from './request/request.state';
export * from './request/request.decider';
export * from './request/request.sources';
export * from './request/request.upcast';

export * from './offer/offer.commands';
export * from './offer/offer.events';
export * from './offer/offer.state';
export * from './offer/offer.decider';
export * from './offer/offer.eligibility';
export * from './offer/offer.money';
export * from './offer-expiry/offer-expiry.schedule';

export * from './engagement/engagement.commands';
export * from './engagement/engagement.events';
export * from './engagement/engagement.state';
export * from './engagement/engagement.decider';

export * from './texts/case-texts';
export * from './request/request.texts';
export * from './offer/offer.texts';
export * from './engagement/engagement.texts';

export * from './personal-data/personal-data-reads';

export * from './withdrawal/withdrawal.process';
export * from './engagement-flow/engagement-flow.process';
