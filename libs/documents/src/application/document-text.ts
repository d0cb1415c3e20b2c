import type { AcceptedType } from '../domain';

/** The most text kept from one document for search (characters). */
export const DOCUMENT_TEXT_MAX_CHARS = 200_000;
const EXTRACTION_TIMEOUT_MS = 15_000;

/**
 * The text of a PDF (pdf-parse, on Mozilla's pdf.js) or of a Word document (mammoth), for
 * search; null for other types. Throws when the file is not readable as its type (a broken or
 * hostile file): the upload is then refused. Bounded in time and in the text kept.
 */
export async function extractDocumentText(content: Buffer, type: AcceptedType): Promise<string | null> {
  if (!type.textual) return null;
  const work = type.mediaType === 'application/pdf' ? pdfText(content) : type.extension === 'docx' ? docxText(content) : Promise.resolve(null);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`text extraction took longer than ${EXTRACTION_TIMEOUT_MS} ms`)), EXTRACTION_TIMEOUT_MS);
  });
  try {
    const text = await Promise.race([work, timeout]);
    return text === null ? null : normalise(text);
  } finally {
    clearTimeout(timer);
  }
}

async function pdfText(content: Buffer): Promise<string> {
  const { PDFParse } = await import('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(content) });
  try {
    const result = await parser.getText();
    return result.text.replace(/^-- \d+ of \d+ --$/gm, '');
  } finally {
    await parser.destroy();
  }
}

async function docxText(content: Buffer): Promise<string> {
  const mammoth = await import('mammoth');
  const result = await mammoth.extractRawText({ buffer: content });
  return result.value;
}

function normalise(text: string): string | null {
  // Control characters out (PostgreSQL text refuses NUL), white space folded.
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  return clean === '' ? null : [...clean].slice(0, DOCUMENT_TEXT_MAX_CHARS).join('');
}
