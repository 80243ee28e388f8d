import { PREDEFINED_ENTITIES } from './xml.js';
/** What scanXml reports, in document order: elements by their canonical names (see scanXml) and text. */
export interface XmlHandler {
  /** `attributes` is valid only during the call. */
  open(name: string, attributes: XmlAttributes): void;
  /** The element last opened and not closed ends. */
  close(): void;
  /** Character data (entities decoded) and CDATA sections, as they come. */
  text(text: string): void;
}

/** An element's attributes, looked up by canonical name (`w:val`; an unprefixed attribute by its plain name, `Target`). */
export interface XmlAttributes {
  get(name: string): string | undefined;
}

/** Maps namespace URIs to the prefix every name in that namespace is reported with. */
export type NamespacePrefixes = Readonly<Record<string, string>>;

interface Scope {
  /** Prefix as written ('' for the default namespace) → the prefix reported: canonical, or `{uri}` for an unknown one. */
  readonly prefixes: ReadonlyMap<string, string>;
  /** Reported prefix → the prefixes written for it, to look attributes up by their canonical names. */
  readonly written: ReadonlyMap<string, readonly string[]>;
  /** Names as written → as reported, filled as they are met (a part uses a few dozen names thousands of times). */
  readonly names: Map<string, string>;
}

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const SLASH = 0x2f;
const LESS_THAN = 0x3c;
const QUESTION_MARK = 0x3f;
const EXCLAMATION_MARK = 0x21;
/** What ends a tag's name. */
const NAME_END = /[\s/>]/gu;
/** What matters in the rest of a tag: a quote opening a value, a '<' that does not belong, the '>' that ends it. */
const TAG_SPECIAL = /["'<>]/gu;
/** One attribute: its name, and its value in either quotes. */
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gu;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([\da-fA-F]+));/gu;
const NO_HANDLER: XmlHandler = { open() {}, close() {}, text() {} };

/**
 * Checks an XML text and reports it to `handler` in one linear pass (no tree, no recursion), returning what is wrong
 * with it or undefined when it is well formed as far as such a scan tells: every element closed in order, one root,
 * nothing but white space outside it, no tag, comment, CDATA section or quoted value left open, no '<' inside a
 * tag. What came before a problem has been reported by then. Elements are reported with names rewritten by
 * namespace: a name whose prefix is bound to a URI of `namespaces` gets that URI's prefix (`ns0:p` → `w:p` when ns0
 * is WordprocessingML), one bound to another URI is `{uri}local`, an unbound one its local name alone, as mammoth
 * named them; attributes are looked up the same way (an unprefixed one has no namespace), and parsed only when asked
 * for. Only the five predefined entities and numeric character references are decoded (a DTD never reaches this:
 * src/read/office.ts refuses one); comments and processing instructions are skipped.
 */
export function scanXml(
  text: string,
  namespaces: NamespacePrefixes = {},
  handler: XmlHandler = NO_HANDLER,
): string | undefined {
  const open: string[] = [];
  // Outside every declaration, a prefixed name is unbound: reported by its local name.
  const scopes: Scope[] = [{ prefixes: new Map(), written: new Map(), names: new Map() }];
  let parsed: Map<string, string> | undefined;
  /** Where the attributes of the tag being reported are: from the end of its name to its '>' (or '/>'). */
  let tagStart = 0;
  let tagEnd = 0;
  /** The next 'xmlns' in the text, so that a tag declaring namespaces is told in linear time. */
  let nextXmlns = text.indexOf('xmlns');
  let scope = scopes[0]!;
  const attributes: XmlAttributes = {
    get(name) {
      parsed ??= parseAttributes(text.slice(tagStart, tagEnd));
      const colon = name.indexOf(':');
      if (colon < 0) return parsed.get(name);
      const local = name.slice(colon + 1);
      for (const prefix of scope.written.get(name.slice(0, colon)) ?? []) {
        const value = parsed.get(`${prefix}:${local}`);
        if (value !== undefined) return value;
      }
      return undefined;
    },
  };
  let roots = 0;
  let index = 0;
  while (index < text.length) {
    const lt = text.indexOf('<', index);
    const textEnd = lt < 0 ? text.length : lt;
    if (textEnd > index) {
      const data = text.slice(index, textEnd);
      if (open.length === 0) {
        if (data.trim() !== '') return `text outside the root element at offset ${index}`;
      } else {
        handler.text(data.includes('&') ? decodeEntities(data) : data);
      }
    }
    if (lt < 0) break;
    const at = lt;
    const next = text.charCodeAt(at + 1);
    if (next === QUESTION_MARK || next === EXCLAMATION_MARK) {
      const close = text.startsWith('<?', at)
        ? '?>'
        : text.startsWith('<!--', at)
          ? '-->'
          : text.startsWith('<![CDATA[', at)
            ? ']]>'
            : '>';
      const end = text.indexOf(close, at + 2);
      if (end < 0) return `unterminated markup at offset ${at}`;
      if (close === ']]>' && open.length > 0) handler.text(text.slice(at + 9, end));
      index = end + close.length;
      continue;
    }
    const closing = next === SLASH;
    const nameStart = closing ? at + 2 : at + 1;
    NAME_END.lastIndex = nameStart;
    const nameEnd = NAME_END.exec(text)?.index ?? text.length;
    if (nameEnd === nameStart) return `a tag without a name at offset ${at}`;
    // The rest of the tag: attributes, their quoted values skipped whole.
    let selfClosing = false;
    let end = -1;
    TAG_SPECIAL.lastIndex = nameEnd;
    for (let found = TAG_SPECIAL.exec(text); found !== null; found = TAG_SPECIAL.exec(text)) {
      const cursor = found.index;
      const code = text.charCodeAt(cursor);
      if (code === QUOTE || code === APOSTROPHE) {
        const quote = text.indexOf(code === QUOTE ? '"' : "'", cursor + 1);
        if (quote < 0) return `unterminated attribute value at offset ${cursor}`;
        TAG_SPECIAL.lastIndex = quote + 1;
        continue;
      }
      if (code === LESS_THAN) return `'<' inside a tag at offset ${cursor}`;
      end = cursor;
      selfClosing = text.charCodeAt(cursor - 1) === SLASH;
      break;
    }
    if (end < 0) return `the text ends inside a tag (offset ${at})`;
    if (closing) {
      const expected = open.pop();
      if (expected?.length !== nameEnd - nameStart || !text.startsWith(expected, nameStart)) {
        const name = text.slice(nameStart, nameEnd);
        return `</${name}> closes ${expected === undefined ? 'nothing' : `<${expected}>`} at offset ${at}`;
      }
      scopes.pop();
      handler.close();
    } else {
      if (open.length === 0) roots += 1;
      if (roots > 1) return `a second root element at offset ${at}`;
      const name = text.slice(nameStart, nameEnd);
      tagStart = nameEnd;
      tagEnd = selfClosing ? end - 1 : end;
      parsed = undefined;
      scope = scopes[scopes.length - 1]!;
      if (nextXmlns >= 0 && nextXmlns < nameEnd) nextXmlns = text.indexOf('xmlns', nameEnd);
      if (nextXmlns >= 0 && nextXmlns < tagEnd) {
        parsed = parseAttributes(text.slice(tagStart, tagEnd));
        scope = declaredScope(scope, parsed, namespaces);
      }
      handler.open(elementName(scope, name), attributes);
      if (selfClosing) {
        handler.close();
      } else {
        open.push(name);
        scopes.push(scope);
      }
    }
    index = end + 1;
  }
  if (open.length > 0) return `the text ends inside <${open[open.length - 1]!}>`;
  if (roots === 0) return 'no root element';
  return undefined;
}

function parseAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  for (let found = ATTRIBUTE.exec(tag); found !== null; found = ATTRIBUTE.exec(tag)) {
    const value = found[2] ?? found[3] ?? '';
    // The first of a repeated name stands (such a tag is not well formed XML).
    if (!attributes.has(found[1]!)) attributes.set(found[1]!, value.includes('&') ? decodeEntities(value) : value);
  }
  return attributes;
}

function decodeEntities(text: string): string {
  return text.replace(
    ENTITY,
    (whole, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (name !== undefined) return PREDEFINED_ENTITIES[name] ?? whole;
      const point = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16);
      return point > 0 && point <= 0x10ffff && (point < 0xd800 || point > 0xdfff)
        ? String.fromCodePoint(point)
        : '\ufffd';
    },
  );
}

function declaredScope(outer: Scope, attributes: ReadonlyMap<string, string>, namespaces: NamespacePrefixes): Scope {
  const prefixes = new Map(outer.prefixes);
  let declared = false;
  for (const [key, uri] of attributes) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    declared = true;
    const prefix = key === 'xmlns' ? '' : key.slice(6);
    // An empty URI undeclares the prefix; a URI of the map gets its canonical prefix.
    if (uri === '') prefixes.delete(prefix);
    else prefixes.set(prefix, Object.hasOwn(namespaces, uri) ? namespaces[uri]! : `{${uri}}`);
  }
  if (!declared) return outer;
  const written = new Map<string, string[]>();
  // An unprefixed attribute is in no namespace, whatever the default namespace is.
  for (const [prefix, reported] of prefixes)
    if (prefix !== '') written.set(reported, [...(written.get(reported) ?? []), prefix]);
  return { prefixes, written, names: new Map() };
}

function elementName(scope: Scope, name: string): string {
  let reported = scope.names.get(name);
  if (reported === undefined) {
    const colon = name.indexOf(':');
    const prefix = scope.prefixes.get(colon < 0 ? '' : name.slice(0, colon));
    const local = colon < 0 ? name : name.slice(colon + 1);
    reported = prefix === undefined ? local : prefix.startsWith('{') ? `${prefix}${local}` : `${prefix}:${local}`;
    scope.names.set(name, reported);
  }
  return reported;
}
