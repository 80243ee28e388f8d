import { scanXml, XmlError, type XmlAttributes } from '../../src/read/xml.js';

/** The events of a document as short strings: <name a=b>, </name>, "text", [cdata]. */
function events(xml: string): string[] {
  const seen: string[] = [];
  scanXml(xml, {
    open: (name: string, attributes: XmlAttributes) =>
      seen.push(`<${[name, ...Object.entries(attributes).map(([key, value]) => `${key}=${value}`)].join(' ')}>`),
    close: (name: string) => seen.push(`</${name}>`),
    text: (text: string) => seen.push(JSON.stringify(text)),
    cdata: (text: string) => seen.push(`[${text}]`),
  });
  return seen;
}

describe('scanXml', () => {
  it('reports tags, attributes and text in order, decoding the five entities and character references only', () => {
    expect(
      events(
        '\ufeff<?xml version="1.0"?><!-- c --><a x="1 &amp; &#x4E00;" y=\'&quot;\'><b/>t &lt;&#20108;&gt;<![CDATA[&raw]]></a>',
      ),
    ).toEqual(['<a x=1 & 一 y=">', '<b>', '</b>', '"t <二>"', '[&raw]', '</a>']);
  });

  it.each([
    ['<a><b></a>', '</a> where </b>'],
    ['<a>&nbsp;</a>', 'unknown or invalid reference'],
    ['<a>&#0;</a>', 'unknown or invalid reference'],
    ['<a>AT&T</a>', 'reference'],
    ['<a x=1/>', 'not in quotes'],
    ['<a x="1" x="2"/>', 'twice'],
    ['<a>', 'not closed'],
    ['<a/>text', 'outside the root'],
    ['<!DOCTYPE a><a/>', 'document type'],
    ['', 'no root'],
  ])('refuses %j (%s)', (xml, message) => {
    expect(() => events(xml)).toThrow(XmlError);
    expect(() => events(xml)).toThrow(message);
  });

  it('nests 200,000 levels deep without recursion, in linear time', () => {
    const depth = 200_000;
    let opened = 0;
    const started = performance.now();
    scanXml(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`, { open: () => void (opened += 1), close() {}, text() {} });
    expect(opened).toBe(depth);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
