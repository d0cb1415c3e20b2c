export { OfferExpiryScheduler, OFFER_EXPIRY_CONSUMER, type OfferExpirySchedulerOptions, type ExpiryRun } from './offer-expiry-scheduler';
export { caseProcessesHost, registerCaseProcesses, type CaseProcessesHost } from './case-processes';
export { processManagerMigrations, PROCESS_MANAGERS_CONSUMER, createProcessManagers, processManagerHandler } from './process-managers';
export { CaseCommands, type ProposeEngagementInput } from './case-command-service';
export {
  readContactPerson,
  listContactPersonReads,
  eraseContactPerson,
  contactPersonOf,
  type ContactPersonView,
  type ErasureView,
  type PersonalDataReadsView,
  type ReadAccess,
} from './contact-person';
export { personalDataVault, contactPersonSubject, isSealed } from './personal-data-vault';
export { actorFromDirectory, offerFromDirectory, PROVIDER_KIND_OF, IDENTITY_FORBIDDEN_CODES, type ProviderDirectory } from './provider-identity';
export { READ_ACCESS_POLICY, ACCESS_POLICY, forbiddenCodes, mayKnowRequest, type ReadRule, type RequestAccessFacts } from './access-policy';
export { poolReads, readRequest, engagementsOfRequest, requestAccessFacts, type AccessReads } from './request-access-facts';
export { requestNotFound } from './access-policy';
