/**
 * A small, strict XML reader for event documents (Windows `<Event>` as exported by Event
 * Viewer or `wevtutil qe /f:xml`, Sysmon for Linux records). It covers what these documents
 * use — elements, attributes, text, the five predefined entities and character references,
 * CDATA, comments, processing instructions — and reports anything else with the offset where
 * it went wrong. No DTDs or external entities are read (nothing to resolve, nothing to fetch).
 * @module
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Concatenated text content directly inside this element. */
  readonly text: string;
}

export type XmlResult =
  | { readonly ok: true; readonly root: XmlElement }
  | { readonly ok: false; readonly offset: number; readonly reason: string };

interface MutableElement {
  name: string;
  attributes: Record<string, string>;
  children: MutableElement[];
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const SPACE = /\s*/y;
const ENTITY = /&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

class XmlSyntaxError extends Error {
  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(reason);
  }
}

function decodeEntities(text: string, offset: number): string {
  if (!text.includes('&')) return text;
  const bare = text.replace(ENTITY, '');
  const amp = bare.indexOf('&');
  if (amp !== -1) throw new XmlSyntaxError(offset, 'unknown or unterminated entity reference');
  return text.replace(ENTITY, (_, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return PREDEFINED[ref] ?? '';
  });
}

function readName(text: string, at: number): string {
  NAME.lastIndex = at;
  const m = NAME.exec(text);
  if (m === null) throw new XmlSyntaxError(at, 'expected an element or attribute name');
  return m[0];
}

function skipSpace(text: string, at: number): number {
  SPACE.lastIndex = at;
  SPACE.exec(text);
  return SPACE.lastIndex;
}

/** Skips `<?…?>`, `<!--…-->` and `<!DOCTYPE…>` at `at`; returns the offset after, or -1. */
function skipMarkup(text: string, at: number): number {
  const close = text.startsWith('<?', at)
    ? '?>'
    : text.startsWith('<!--', at)
      ? '-->'
      : text.startsWith('<!DOCTYPE', at)
        ? '>'
        : undefined;
  if (close === undefined) return -1;
  const end = text.indexOf(close, at + 2);
  if (end === -1) throw new XmlSyntaxError(at, 'unterminated comment or processing instruction');
  return end + close.length;
}

/** Parses one XML document holding a single root element. Never throws. */
export function parseXml(text: string): XmlResult {
  try {
    return { ok: true, root: parseDocument(text) };
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      return { ok: false, offset: error.offset, reason: error.message };
    }
    throw error;
  }
}

function parseDocument(text: string): XmlElement {
  let at = skipSpace(text, 0);
  for (;;) {
    const next = skipMarkup(text, at);
    if (next === -1) break;
    at = skipSpace(text, next);
  }
  if (text.charCodeAt(at) !== 60) throw new XmlSyntaxError(at, 'expected "<" starting an element');
  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const textEnd = lt === -1 ? text.length : lt;
    if (textEnd > at) {
      const chunk = text.slice(at, textEnd);
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (chunk.trim() !== '') throw new XmlSyntaxError(at, 'text after the root element');
      } else {
        top.text += decodeEntities(chunk, at);
      }
    }
    if (lt === -1) break;
    at = lt;
    const skipped = skipMarkup(text, at);
    if (skipped !== -1) {
      at = skipped;
      continue;
    }
    if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at);
      if (end === -1) throw new XmlSyntaxError(at, 'unterminated CDATA section');
      const top = stack[stack.length - 1];
      if (top === undefined) throw new XmlSyntaxError(at, 'CDATA outside the root element');
      top.text += text.slice(at + 9, end);
      at = end + 3;
      continue;
    }
    if (text.charCodeAt(at + 1) === 47) {
      const name = readName(text, at + 2);
      const top = stack.pop();
      if (top === undefined || top.name !== name) {
        throw new XmlSyntaxError(
          at,
          top === undefined
            ? `closing tag </${name}> without an open element`
            : `closing tag </${name}> does not match <${top.name}>`,
        );
      }
      at = skipSpace(text, at + 2 + name.length);
      if (text.charCodeAt(at) !== 62) throw new XmlSyntaxError(at, `expected ">" after </${name}`);
      at += 1;
      continue;
    }
    if (root !== undefined && stack.length === 0) {
      throw new XmlSyntaxError(at, 'a second root element');
    }
    const name = readName(text, at + 1);
    const element: MutableElement = { name, attributes: {}, children: [], text: '' };
    at += 1 + name.length;
    let isSelfClosing = false;
    for (;;) {
      at = skipSpace(text, at);
      const c = text.charCodeAt(at);
      if (c === 62) {
        at += 1;
        break;
      }
      if (c === 47 && text.charCodeAt(at + 1) === 62) {
        at += 2;
        isSelfClosing = true;
        break;
      }
      if (Number.isNaN(c)) throw new XmlSyntaxError(at, `unterminated start tag <${name}>`);
      const attribute = readName(text, at);
      at = skipSpace(text, at + attribute.length);
      if (text.charCodeAt(at) !== 61) {
        throw new XmlSyntaxError(at, `expected "=" after attribute ${attribute}`);
      }
      at = skipSpace(text, at + 1);
      const quote = text[at];
      if (quote !== '"' && quote !== "'") {
        throw new XmlSyntaxError(at, `attribute ${attribute} value must be quoted`);
      }
      const end = text.indexOf(quote, at + 1);
      if (end === -1) throw new XmlSyntaxError(at, `unterminated value of attribute ${attribute}`);
      element.attributes[attribute] = decodeEntities(text.slice(at + 1, end), at + 1);
      at = end + 1;
    }
    const parent = stack[stack.length - 1];
    if (parent !== undefined) parent.children.push(element);
    else root = element;
    if (!isSelfClosing) stack.push(element);
  }
  const open = stack[stack.length - 1];
  if (open !== undefined)
    throw new XmlSyntaxError(text.length, `element <${open.name}> is not closed`);
  if (root === undefined) throw new XmlSyntaxError(at, 'no root element');
  return root;
}

/** The first child named `name` (namespace prefixes ignored). */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (child.name === name || child.name.endsWith(`:${name}`)) return child;
  }
  return undefined;
}
