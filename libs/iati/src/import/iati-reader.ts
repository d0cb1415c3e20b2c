import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ValidationError } from '@ta/core';

/**
 * Reading a donor's `iati-activities` file as a stream (docs/iati.md, "Import"): the file is
 * fed to `saxes` (a maintained, non-validating streaming XML parser that processes no DTD) in
 * slices, and each `iati-activity` is handed out as a small element tree as soon as it closes,
 * then dropped. Memory is bounded by one activity, not by the file.
 *
 * Hostile or broken input is refused before anything is planned, with a stable code and where
 * it happened (the activity, the element path, the line):
 * - `iati.hostile_xml`: a DOCTYPE (IATI files have none; a DTD is how entity-expansion
 *   attacks, "billion laughs" and external entities, get in), an entity reference saxes does
 *   not know (only the five predefined ones and character references are expanded);
 * - `iati.limit_exceeded`: the file, an element's depth, an attribute or the number of them, a
 *   text, one activity or any single token beyond the limits below;
 * - `iati.malformed_xml`: not well-formed XML (saxes's error, with its line and column);
 * - `iati.not_iati`: a root other than `iati-activities`, or a version outside 2.01-2.03.
 */
export interface IatiReadLimits {
  /** The whole file, in bytes. */
  readonly maxFileBytes: number;
  /** Element nesting (IATI 2.03 needs 7 at most: `result/indicator/period/target/comment/narrative` under an activity). */
  readonly maxDepth: number;
  /** One attribute value, in characters. */
  readonly maxAttributeChars: number;
  /** Attributes of one element (IATI 2.03 elements have at most a dozen). */
  readonly maxAttributesPerElement: number;
  /** One element's text, in characters. */
  readonly maxTextChars: number;
  /** Elements in one activity. */
  readonly maxElementsPerActivity: number;
  /** Characters the parser may hold without giving anything back (a huge attribute or text is refused while it grows). */
  readonly maxPendingChars: number;
}

export const DEFAULT_IATI_READ_LIMITS: IatiReadLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxDepth: 16,
  maxAttributeChars: 4096,
  maxAttributesPerElement: 64,
  maxTextChars: 20_000,
  maxElementsPerActivity: 100_000,
  maxPendingChars: 256 * 1024,
};

export const SUPPORTED_IATI_VERSIONS = ['2.01', '2.02', '2.03'] as const;

/** An element of an activity: its name, attributes, own text (trimmed), children, and where it starts. */
export interface IatiElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: IatiElement[];
  text: string;
  readonly line: number;
}

/** The file's root attributes. */
export interface IatiFileHeader {
  readonly version: string;
  readonly generatedDatetime?: string;
}

export interface IatiActivityRead {
  /** 1-based position of the activity in the file. */
  readonly position: number;
  readonly activity: IatiElement;
}

/** Where a refusal happened: the activity (its identifier once read, else its position), the element path, the line. */
function where(activity: { position: number; identifier?: string } | null, path: readonly string[], line: number): Record<string, unknown> {
  return {
    ...(activity ? { activity: activity.identifier ?? `#${activity.position}` } : {}),
    ...(path.length ? { element: path.join('/') } : {}),
    line,
  };
}

function refuse(code: string, message: string, at: Record<string, unknown>): ValidationError {
  const place = [at['activity'] ? `activity ${String(at['activity'])}` : null, at['element'] ? `element ${String(at['element'])}` : null, `line ${String(at['line'])}`]
    .filter(Boolean)
    .join(', ');
  return new ValidationError(code, `${message} (${place})`, [{ path: String(at['element'] ?? ''), message }], at);
}

/**
 * The activities of an `iati-activities` file, one at a time, from a stream of bytes (a file
 * read stream, an HTTP request). `onHeader` is called once the root element is read. Throws a
 * `ValidationError` with one of the codes above at the first problem.
 */
export async function* readIatiActivities(
  source: AsyncIterable<Buffer | string>,
  options: { limits?: Partial<IatiReadLimits>; onHeader?: (header: IatiFileHeader) => void } = {},
): AsyncGenerator<IatiActivityRead> {
  const limits = { ...DEFAULT_IATI_READ_LIMITS, ...options.limits };
  const parser = new SaxesParser({ xmlns: false, position: true });
  const decoder = new StringDecoder('utf8');
  const ready: IatiActivityRead[] = [];
  const path: string[] = [];
  let failure: ValidationError | null = null;
  let rootSeen = false;
  let rootClosed = false;
  let positions = 0;
  let current: { position: number; identifier?: string; elements: number; stack: IatiElement[] } | null = null;
  /** Characters fed since the parser last gave an event: a growing attribute or text shows here. */
  let pending = 0;

  const fail = (e: ValidationError): void => {
    if (!failure) failure = e;
  };
  /** A tag whose name is read but not its attributes yet: where an attribute's problem is. */
  let opening: string | null = null;
  let attributes = 0;
  const here = (): Record<string, unknown> => where(current, opening ? [...path, opening] : path, parser.line);

  parser.on('doctype', () => {
    fail(refuse('iati.hostile_xml', 'A DOCTYPE is not allowed: IATI files have none, and entity declarations are refused', here()));
  });
  parser.on('xmldecl', (decl) => {
    pending = 0;
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) fail(refuse('iati.malformed_xml', `Only UTF-8 files are read, not ${decl.encoding}`, here()));
  });
  parser.on('opentagstart', (tag) => {
    pending = 0;
    opening = tag.name;
    attributes = 0;
    if (path.length + 1 > limits.maxDepth) fail(refuse('iati.limit_exceeded', `Elements nest deeper than ${limits.maxDepth} levels`, where(current, [...path, tag.name], parser.line)));
  });
  parser.on('attribute', (attribute) => {
    pending = 0;
    attributes += 1;
    if (attributes > limits.maxAttributesPerElement) fail(refuse('iati.limit_exceeded', `An element has more than ${limits.maxAttributesPerElement} attributes`, here()));
    if (attribute.value.length > limits.maxAttributeChars) {
      fail(refuse('iati.limit_exceeded', `The attribute ${attribute.name} is longer than ${limits.maxAttributeChars} characters`, here()));
    }
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    pending = 0;
    opening = null;
    if (failure) return;
    if (!rootSeen) {
      rootSeen = true;
      if (tag.name !== 'iati-activities') {
        fail(refuse('iati.not_iati', `Not an IATI activity file: the root element is ${tag.name}, not iati-activities`, where(null, [tag.name], parser.line)));
        return;
      }
      const version = tag.attributes['version'] ?? '';
      if (!(SUPPORTED_IATI_VERSIONS as readonly string[]).includes(version)) {
        fail(refuse('iati.not_iati', `IATI version ${version || '(none)'} is not read: versions ${SUPPORTED_IATI_VERSIONS.join(', ')} are`, where(null, ['iati-activities'], parser.line)));
        return;
      }
      options.onHeader?.({ version, ...(tag.attributes['generated-datetime'] ? { generatedDatetime: tag.attributes['generated-datetime'] } : {}) });
      path.push(tag.name);
      return;
    }
    if (rootClosed) return;
    if (!current && path.length === 1) {
      if (tag.name !== 'iati-activity') {
        // other children of the root (none in 2.03) are skipped with their content
        path.push(tag.name);
        return;
      }
      positions += 1;
      const element: IatiElement = { name: tag.name, attributes: { ...tag.attributes }, children: [], text: '', line: parser.line };
      current = { position: positions, elements: 1, stack: [element] };
      path.push(`iati-activity[${positions}]`);
      return;
    }
    path.push(tag.name);
    if (!current) return;
    current.elements += 1;
    if (current.elements > limits.maxElementsPerActivity) {
      fail(refuse('iati.limit_exceeded', `The activity has more than ${limits.maxElementsPerActivity} elements`, here()));
      return;
    }
    const element: IatiElement = { name: tag.name, attributes: { ...tag.attributes }, children: [], text: '', line: parser.line };
    current.stack[current.stack.length - 1]!.children.push(element);
    current.stack.push(element);
  });
  const onText = (text: string): void => {
    pending = 0;
    // white space between elements (a pretty-printed file) is not content: it would add up in the activity
    if (failure || !current || text.trim() === '') return;
    const top = current.stack[current.stack.length - 1]!;
    if (top.text.length + text.length > limits.maxTextChars) {
      fail(refuse('iati.limit_exceeded', `A text is longer than ${limits.maxTextChars} characters`, here()));
      return;
    }
    top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    pending = 0;
    if (failure) return;
    if (current) {
      const closed = current.stack.pop()!;
      closed.text = closed.text.trim();
      if (closed.name === 'iati-identifier' && current.stack.length === 1) current.identifier = closed.text;
      if (current.stack.length === 0) {
        ready.push({ position: current.position, activity: closed });
        current = null;
      }
    }
    path.pop();
    if (path.length === 0) rootClosed = true;
  });
  parser.on('error', (e) => {
    const message = e.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '');
    const hostile = /entity/i.test(message);
    fail(refuse(hostile ? 'iati.hostile_xml' : 'iati.malformed_xml', hostile ? `Entity references other than XML's five are refused: ${message}` : `Not well-formed XML: ${message}`, here()));
  });

  let bytes = 0;
  const SLICE = 16 * 1024;
  const feed = (text: string): void => {
    for (let i = 0; i < text.length && !failure; i += SLICE) {
      const slice = text.slice(i, i + SLICE);
      pending += slice.length;
      try {
        parser.write(slice);
      } catch (e) {
        fail(refuse('iati.malformed_xml', `Not well-formed XML: ${(e as Error).message}`, here()));
      }
      if (!failure && pending > limits.maxPendingChars) {
        fail(refuse('iati.limit_exceeded', `A single attribute, text or tag is longer than ${limits.maxPendingChars} characters`, here()));
      }
    }
  };
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      bytes += Buffer.byteLength(chunk);
    } else {
      bytes += chunk.length;
    }
    if (bytes > limits.maxFileBytes) fail(refuse('iati.limit_exceeded', `The file is larger than ${limits.maxFileBytes} bytes`, here()));
    if (!failure) feed(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (failure) throw failure;
    while (ready.length) yield ready.shift()!;
  }
  if (!failure) {
    feed(decoder.end());
    try {
      parser.close();
    } catch (e) {
      fail(refuse('iati.malformed_xml', `Not well-formed XML: ${(e as Error).message}`, here()));
    }
  }
  if (!failure && !rootSeen) fail(refuse('iati.not_iati', 'Not an IATI activity file: no root element', here()));
  if (failure) throw failure;
  while (ready.length) yield ready.shift()!;
}

/** The children of `element` named `name`. */
export function childrenNamed(element: IatiElement, name: string): IatiElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The first child named `name`. */
export function childNamed(element: IatiElement, name: string): IatiElement | undefined {
  return element.children.find((c) => c.name === name);
}
