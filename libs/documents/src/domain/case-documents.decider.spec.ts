import { ValidationError } from '@ta/core';
import { deciderSpec } from '@ta/testing';
import { caseDocumentsDecider, DOCUMENTS_PER_CASE, type AttachCaseDocument, type CaseDocumentEvent } from './case-documents.decider';

const spec = deciderSpec(caseDocumentsDecider);
const at = '2026-12-07T09:00:00Z';
const requestId = '6f1c7a52-0d4e-4b7a-9a43-2f0c1d2e3f40';
const document = {
  sha256: 'a'.repeat(64),
  fileName: 'terms-of-reference.pdf',
  mediaType: 'application/pdf',
  size: 2048,
  title: 'Terms of reference',
  engagementId: null,
  attachedBy: { role: 'state', country: 'KE', organisation: null },
};
const attach: AttachCaseDocument = { type: 'AttachCaseDocument', requestId, document, at };
const attached: CaseDocumentEvent = { type: 'CaseDocumentAttached', data: { requestId, document, at } };

describe('the documents of a case', () => {
  it('a document is attached to the request', () => spec.given([]).when(attach).then([attached]));

  it('the same file on the same record again changes nothing; on one of its engagements it is another attachment', () => {
    spec.given([attached]).when(attach).then([]);
    const onEngagement = { ...document, engagementId: '0b8e3c1a-5d2f-4e6a-8b7c-9d0e1f2a3b4c' };
    spec.given([attached]).when({ ...attach, document: onEngagement }).then([{ type: 'CaseDocumentAttached', data: { requestId, document: onEngagement, at } }]);
  });

  it('refuses a file name with a path or a title over several lines, and more than the documents a case carries', () => {
    spec.given([]).when({ ...attach, document: { ...document, fileName: '../etc/passwd' } }).thenThrows(ValidationError, 'input.invalid');
    spec.given([]).when({ ...attach, document: { ...document, title: 'Two\nlines' } }).thenThrows(ValidationError, 'input.invalid');
    const full = Array.from({ length: DOCUMENTS_PER_CASE }, (_, i): CaseDocumentEvent => ({ type: 'CaseDocumentAttached', data: { requestId, document: { ...document, sha256: i.toString(16).padStart(64, '0') }, at } }));
    spec.given(full).when(attach).thenThrows(ValidationError, 'document.too_many');
  });
});
