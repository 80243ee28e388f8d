import { Parser } from 'htmlparser2';

/** What scanXml reports, in document order: elements by their canonical names (see scanXml) and text. */
export interface XmlHandler {
  /** `attributes` is valid only during the call. */
  open(name: string, attributes: XmlAttributes): void;
  close(name: string): void;
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

/**
 * Scans an XML text once, linearly (htmlparser2's tokenizer in XML mode, no tree), reporting each element with its
 * name rewritten by namespace: a name whose prefix is bound to a URI of `namespaces` is reported with that URI's
 * prefix (`ns0:p` → `w:p` when ns0 is WordprocessingML), one bound to another URI as `{uri}local`, an unbound one
 * by its local name alone, as mammoth named them. Attributes are looked up the same way (an unprefixed attribute has
 * no namespace), only when asked for. Only the five predefined entities and numeric character references are decoded
 * (htmlparser2's XML mode); a DTD never reaches this (src/read/office.ts refuses one).
 */
export function scanXml(text: string, namespaces: NamespacePrefixes, handler: XmlHandler): void {
  // Outside every declaration, a prefixed name is unbound: reported by its local name.
  const scopes: Scope[] = [{ prefixes: new Map(), written: new Map(), names: new Map() }];
  let raw: Record<string, string> = {};
  let scope = scopes[0]!;
  const attributes: XmlAttributes = {
    get(name) {
      const colon = name.indexOf(':');
      if (colon < 0) return raw[name];
      const local = name.slice(colon + 1);
      for (const prefix of scope.written.get(name.slice(0, colon)) ?? []) {
        const value = raw[prefix === '' ? local : `${prefix}:${local}`];
        if (value !== undefined) return value;
      }
      return undefined;
    },
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        scope = scopes[scopes.length - 1]!;
        for (const key in attribs) {
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            scope = declaredScope(scope, attribs, namespaces);
            break;
          }
        }
        scopes.push(scope);
        raw = attribs;
        handler.open(elementName(scope, name), attributes);
      },
      onclosetag(name) {
        handler.close(elementName(scopes.pop()!, name));
      },
      ontext(data) {
        handler.text(data);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
}

function declaredScope(outer: Scope, attributes: Record<string, string>, namespaces: NamespacePrefixes): Scope {
  const prefixes = new Map(outer.prefixes);
  for (const key in attributes) {
    if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
    const prefix = key === 'xmlns' ? '' : key.slice(6);
    const uri = attributes[key] ?? '';
    // An empty URI undeclares the prefix; a URI of the map gets its canonical prefix.
    if (uri === '') prefixes.delete(prefix);
    else prefixes.set(prefix, Object.hasOwn(namespaces, uri) ? namespaces[uri]! : `{${uri}}`);
  }
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
