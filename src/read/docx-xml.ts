import { Parser } from 'htmlparser2';

/** What scanXml reports, in document order: elements by their canonical names (see scanXml) and text. */
export interface XmlHandler {
  open(name: string, attributes: XmlAttributes): void;
  close(name: string): void;
  text(text: string): void;
}

/** An element's attributes by canonical name (`w:val`); unprefixed attributes keep their plain name (`Target`). */
export type XmlAttributes = Readonly<Record<string, string>>;

/** Maps namespace URIs to the prefix every name in that namespace is reported with. */
export type NamespacePrefixes = Readonly<Record<string, string>>;

interface Scope {
  /** Prefix as written ('' for the default namespace) → the prefix reported: canonical, or `{uri}` for an unknown one. */
  readonly prefixes: ReadonlyMap<string, string>;
  /** Names as written → as reported, filled as they are met (a part uses a few dozen names thousands of times). */
  readonly names: Map<string, string>;
  /** True when every prefix declared in scope is reported as written, so names need no rewriting. */
  readonly identity: boolean;
}

/**
 * Scans an XML text once, linearly (htmlparser2's tokenizer in XML mode, no tree), reporting each element with its
 * name rewritten by namespace: a name whose prefix is bound to a URI of `namespaces` is reported with that URI's
 * prefix (`ns0:p` → `w:p` when ns0 is WordprocessingML), one bound to another URI as `{uri}local`, an unbound one
 * by its local name alone, as mammoth named them. Attributes are renamed the same way, except that an unprefixed
 * attribute has no namespace. Only the five predefined entities and numeric character references are decoded
 * (htmlparser2's XML mode); a DTD never reaches this (src/read/office.ts refuses one).
 */
export function scanXml(text: string, namespaces: NamespacePrefixes, handler: XmlHandler): void {
  // Outside every declaration, a prefixed name is unbound: reported by its local name.
  const scopes: Scope[] = [{ prefixes: new Map(), names: new Map(), identity: false }];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        let scope = scopes[scopes.length - 1]!;
        let declares = false;
        for (const key in attributes) {
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            declares = true;
            break;
          }
        }
        if (declares) scope = declaredScope(scope, attributes, namespaces);
        scopes.push(scope);
        handler.open(scope.identity ? name : elementName(scope, name), renamedAttributes(scope, attributes));
      },
      onclosetag(name) {
        const scope = scopes.pop()!;
        handler.close(scope.identity ? name : elementName(scope, name));
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
    // An empty default namespace undeclares it; a URI of the map gets its canonical prefix.
    if (uri === '') prefixes.delete(prefix);
    else prefixes.set(prefix, Object.hasOwn(namespaces, uri) ? namespaces[uri]! : `{${uri}}`);
  }
  let identity = true;
  for (const [written, reported] of prefixes) if (written !== reported) identity = false;
  return { prefixes, names: new Map(), identity };
}

function elementName(scope: Scope, name: string): string {
  let renamed = scope.names.get(name);
  if (renamed === undefined) {
    renamed = qualified(scope, name, true);
    scope.names.set(name, renamed);
  }
  return renamed;
}

function qualified(scope: Scope, name: string, element: boolean): string {
  const colon = name.indexOf(':');
  const prefix = colon < 0 ? '' : name.slice(0, colon);
  const local = colon < 0 ? name : name.slice(colon + 1);
  if (colon < 0 && !element) return name;
  const reported = scope.prefixes.get(prefix);
  if (reported === undefined) return local;
  return reported.startsWith('{') ? `${reported}${local}` : `${reported}:${local}`;
}

function renamedAttributes(scope: Scope, attributes: Record<string, string>): XmlAttributes {
  if (scope.identity) return attributes;
  const renamed: Record<string, string> = {};
  for (const key in attributes) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
    renamed[qualified(scope, key, false)] = attributes[key]!;
  }
  return renamed;
}
