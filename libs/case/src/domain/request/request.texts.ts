import { countNumbered, writtenLocalized, writtenPlain, type WrittenText } from '../texts/case-texts';
import type { RequestEvent } from './request.events';

/** The texts a request event writes; `existing` (keyed by path) numbers the clarifications. */
export function requestTextsWritten(event: RequestEvent, existing: Readonly<Record<string, unknown>>): WrittenText[] {
  switch (event.type) {
    case 'RequestSubmitted':
      return [
        writtenLocalized('title', 'state', event.data.title),
        writtenLocalized('description', 'state', event.data.description),
        writtenPlain('beneficiaryInstitution', 'state', event.data.beneficiaryInstitution),
      ];
    case 'RequestAmended': {
      // An amended text is written anew: its translations were of the old words.
      const d = event.data;
      return [
        ...(d.title ? [writtenLocalized('title', 'state', d.title)] : []),
        ...(d.description ? [writtenLocalized('description', 'state', d.description)] : []),
        ...(d.beneficiaryInstitution !== undefined ? [writtenPlain('beneficiaryInstitution', 'state', d.beneficiaryInstitution)] : []),
      ];
    }
    case 'RequestReturnedForClarification':
      return [writtenLocalized(`clarifications/${countNumbered(existing, 'clarifications/', '/question') + 1}/question`, 'secretariat', event.data.question)];
    case 'RequestClarificationProvided':
      return [writtenLocalized(`clarifications/${Math.max(1, countNumbered(existing, 'clarifications/', '/question'))}/answer`, 'state', event.data.answer)];
    case 'RequestDeclined':
      return [writtenPlain('declineReason', 'secretariat', event.data.reason)];
    case 'RequestWithdrawn':
      return [writtenPlain('withdrawalReason', 'state', event.data.reason)];
    case 'RequestFollowUpRecorded':
      return [writtenLocalized('followUpComment', 'state', event.data.comment)];
    case 'RequestAccessChanged':
      return [writtenPlain(`accessChanges/${countNumbered(existing, 'accessChanges/', '/reason') + 1}/reason`, 'state', event.data.reason)];
    default:
      return [];
  }
}
