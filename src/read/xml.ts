/** The attributes of one start tag, by their names as written (prefix included: `r:id`), values decoded. */
export type XmlAttributes = Record<string, string>;

/** What scanXml reports, in document order. Element names are as written, prefix included (`w:p`). */
export interface XmlHandler {
  /** A start tag (or an empty-element tag, `selfClosing`, which is followed by its close). */
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): void;
  /** An end tag, or the end of an empty-element tag. */
  close(name: string): void;
  /** Character data between tags, references decoded; one run of text may come in several calls. */
  text(text: string): void;
  /** The content of a CDATA section, as it stands; ignored when absent. */
  cdata?(text: string): void;
}

/** Malformed XML: what is wrong and at which character offset. */
export class XmlError extends Error {}

/** The five entities XML predefines, by name: the only named references any reader here decodes. */
export const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Text with its references decoded: the five predefined entities and numeric character references, nothing else. */
export function decodeXmlText(raw: string, offset = 0): string {
  let text = raw.includes('\r') ? raw.replace(/\r\n?/gu, '\n') : raw;
  if (!text.includes('&')) return text;
  text = text.replace(/&([^;&]{0,12});?/gu, (whole, name: string, at: number) => {
    if (!whole.endsWith(';')) throw new XmlError(`a & that starts no reference at ${offset + at}`);
    const predefined = PREDEFINED_ENTITIES[name];
    if (predefined !== undefined) return predefined;
    const code = /^#x[0-9a-f]+$/iu.test(name)
      ? Number.parseInt(name.slice(2), 16)
      : /^#[0-9]+$/u.test(name)
        ? Number(name.slice(1))
        : -1;
    const valid =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!valid) throw new XmlError(`an unknown or invalid reference &${name.slice(0, 12)}; at ${offset + at}`);
    return String.fromCodePoint(code);
  });
  return text;
}

function isNameEnd(code: number): boolean {
  // White space, '/', '>', '='.
  return (
    code === 0x20 || code === 0x9 || code === 0xa || code === 0xd || code === 0x2f || code === 0x3e || code === 0x3d
  );
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x9 || code === 0xa || code === 0xd;
}

/**
 * Scans an XML document in one pass, calling the handler for each tag and run of text: linear in the input, no
 * recursion (open elements are kept on an array), and no entity beyond the five predefined ones and numeric character
 * references (a DTD is refused). Comments and processing instructions are skipped. Throws XmlError on malformed
 * input: an unclosed or mismatched tag, a bad attribute or reference, text outside the root element.
 */
export function scanXml(xml: string, handler: XmlHandler): void {
  const open: string[] = [];
  let rooted = false;
  let at = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (what: string, where: number): never => {
    throw new XmlError(`${what} at ${where}`);
  };
  const until = (token: string, from: number, what: string): number => {
    const end = xml.indexOf(token, from);
    return end < 0 ? fail(`${what} not closed`, from) : end;
  };
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const end = lt < 0 ? xml.length : lt;
    if (end > at) {
      const raw = xml.slice(at, end);
      if (open.length > 0) handler.text(decodeXmlText(raw, at));
      else if (/[^ \t\r\n]/u.test(raw)) fail('text outside the root element', at);
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x21) {
      // '!': a comment, a CDATA section, or a DTD (never in Office XML).
      if (xml.startsWith('<!--', lt)) at = until('-->', lt + 4, 'a comment') + 3;
      else if (xml.startsWith('<![CDATA[', lt)) {
        if (open.length === 0) fail('a CDATA section outside the root element', lt);
        const close = until(']]>', lt + 9, 'a CDATA section');
        handler.cdata?.(xml.slice(lt + 9, close));
        at = close + 3;
      } else fail('a document type declaration', lt);
    } else if (next === 0x3f) {
      at = until('?>', lt + 2, 'a processing instruction') + 2;
    } else if (next === 0x2f) {
      const gt = until('>', lt + 2, 'an end tag');
      const name = xml.slice(lt + 2, gt).trimEnd();
      const expected = open.pop();
      if (expected !== name) fail(`</${name.slice(0, 40)}> where </${(expected ?? '').slice(0, 40)}> was due`, lt);
      handler.close(name);
      at = gt + 1;
    } else {
      let cursor = lt + 1;
      while (cursor < xml.length && !isNameEnd(xml.charCodeAt(cursor))) cursor += 1;
      const name = xml.slice(lt + 1, cursor);
      if (name === '' || name.includes('<')) fail('a tag with no name', lt);
      if (open.length === 0 && rooted) fail('a second root element', lt);
      const attributes = Object.create(null) as XmlAttributes;
      let selfClosing = false;
      for (;;) {
        while (cursor < xml.length && isSpace(xml.charCodeAt(cursor))) cursor += 1;
        if (cursor >= xml.length) fail(`<${name.slice(0, 40)} not closed`, lt);
        const code = xml.charCodeAt(cursor);
        if (code === 0x3e) {
          cursor += 1;
          break;
        }
        if (code === 0x2f) {
          if (xml.charCodeAt(cursor + 1) !== 0x3e) fail('a / inside a tag', cursor);
          selfClosing = true;
          cursor += 2;
          break;
        }
        const nameStart = cursor;
        while (cursor < xml.length && !isNameEnd(xml.charCodeAt(cursor))) cursor += 1;
        const attribute = xml.slice(nameStart, cursor);
        while (cursor < xml.length && isSpace(xml.charCodeAt(cursor))) cursor += 1;
        if (attribute === '' || xml.charCodeAt(cursor) !== 0x3d) fail('an attribute with no value', nameStart);
        cursor += 1;
        while (cursor < xml.length && isSpace(xml.charCodeAt(cursor))) cursor += 1;
        const quote = xml[cursor];
        if (quote !== '"' && quote !== "'") fail('an attribute value not in quotes', cursor);
        const close = until(quote as string, cursor + 1, 'an attribute value');
        const raw = xml.slice(cursor + 1, close);
        if (raw.includes('<')) fail('a < in an attribute value', cursor);
        if (Object.hasOwn(attributes, attribute)) fail(`the attribute ${attribute.slice(0, 40)} twice`, nameStart);
        // Attribute-value normalisation: a literal line end or tab is a space; one written as a reference stays.
        attributes[attribute] = decodeXmlText(raw.replace(/\r\n?|[\t\n]/gu, ' '), cursor + 1);
        cursor = close + 1;
      }
      rooted = true;
      handler.open(name, attributes, selfClosing);
      if (selfClosing) handler.close(name);
      else open.push(name);
      at = cursor;
    }
  }
  if (open.length > 0) fail(`<${(open.at(-1) ?? '').slice(0, 40)}> not closed`, xml.length);
  if (!rooted) fail('no root element', 0);
}
