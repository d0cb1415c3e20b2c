// @ta/documents: files attached to records (practices, cases; issue 22 item 3): the accepted
// types detected from the content (domain/), the content-addressed store behind its port and the
// text extraction for search (application/). The HTTP face (`@ta/documents/http`) sends a stored
// file so that it never runs in the platform's origin, and serves the documents of cases.
export * from './domain';
export * from './application';
