/** The document store's injection token (DocumentStore is an interface). */
export const PRACTICES_DOCUMENTS = Symbol('practices.documents');
