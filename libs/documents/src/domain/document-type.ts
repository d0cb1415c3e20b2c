/**
 * The type of an uploaded file, detected from its content (never from its name or the
 * client's Content-Type): the document and image types a practice or a case may carry.
 * Anything else (HTML, scripts, SVG, executables, archives of other kinds) is not accepted.
 */
export interface AcceptedType {
  readonly mediaType: string;
  /** The extension a download is named with. */
  readonly extension: string;
  /** Whether the text of the file can be indexed for search (PDF and office documents). */
  readonly textual: boolean;
}

export const ACCEPTED_DOCUMENT_TYPES: readonly AcceptedType[] = [
  { mediaType: 'application/pdf', extension: 'pdf', textual: true },
  { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', textual: true },
  { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', textual: false },
  { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx', textual: false },
  { mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt', textual: true },
  { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods', textual: false },
  { mediaType: 'image/png', extension: 'png', textual: false },
  { mediaType: 'image/jpeg', extension: 'jpg', textual: false },
  { mediaType: 'image/webp', extension: 'webp', textual: false },
];

const byType = new Map(ACCEPTED_DOCUMENT_TYPES.map((t) => [t.mediaType, t]));

export function acceptedType(mediaType: string): AcceptedType | undefined {
  return byType.get(mediaType);
}

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The accepted type of `content`, or null when it is none of them. */
export function detectDocumentType(content: Uint8Array): AcceptedType | null {
  if (startsWith(content, ascii('%PDF-'))) return byType.get('application/pdf')!;
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return byType.get('image/png')!;
  if (startsWith(content, [0xff, 0xd8, 0xff])) return byType.get('image/jpeg')!;
  if (startsWith(content, ascii('RIFF')) && startsWith(content, ascii('WEBP'), 8)) return byType.get('image/webp')!;
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return zipDocumentType(content);
  return null;
}

/** An office document is a ZIP archive: which one it is comes from the names of its entries. */
function zipDocumentType(content: Uint8Array): AcceptedType | null {
  const names = zipEntryNames(content);
  if (!names) return null;
  if (names.has('[Content_Types].xml')) {
    if ([...names].some((n) => n.startsWith('word/'))) return byType.get('application/vnd.openxmlformats-officedocument.wordprocessingml.document')!;
    if ([...names].some((n) => n.startsWith('xl/'))) return byType.get('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')!;
    if ([...names].some((n) => n.startsWith('ppt/'))) return byType.get('application/vnd.openxmlformats-officedocument.presentationml.presentation')!;
    return null;
  }
  // OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the media type.
  if (names.has('mimetype') && names.has('content.xml')) {
    const nameLength = view(content).getUint16(26, true);
    const extraLength = view(content).getUint16(28, true);
    const start = 30 + nameLength + extraLength;
    const declared = new TextDecoder().decode(content.subarray(start, start + 60));
    for (const type of ['application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet']) {
      if (declared.startsWith(type) && !declared.startsWith(`${type}-`)) return byType.get(type)!;
    }
  }
  return null;
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The entry names of a ZIP archive from its central directory, or null when it is not a readable one. */
function zipEntryNames(b: Uint8Array): Set<string> | null {
  const v = view(b);
  // The end-of-central-directory record: in the last 22 + 65,535 bytes (its comment's room).
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65_535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = v.getUint16(end + 10, true);
  let at = v.getUint32(end + 16, true);
  const names = new Set<string>();
  for (let n = 0; n < count && n < 10_000; n++) {
    if (at + 46 > b.length || v.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = v.getUint16(at + 28, true);
    const extra = v.getUint16(at + 30, true);
    const comment = v.getUint16(at + 32, true);
    if (at + 46 + nameLength > b.length) return null;
    names.add(new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}
