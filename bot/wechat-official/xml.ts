/**
 * The XML WeChat posts to an Official Account's server and expects back: one `<xml>` element whose
 * children are fields, each text, a CDATA section or (for a few events) further elements.
 *
 * A small strict reader rather than a general XML library: the only XML library installed is
 * fast-xml-parser 3.x, present only as another package's dependency and affected by a prototype
 * pollution advisory fixed in 4.1.2, and this format needs none of XML's other features. Anything
 * outside it (a DOCTYPE or entity declaration, attributes, mismatched or unclosed tags, text after
 * the root) is refused as malformed, never guessed at.
 */

export class WechatXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatXmlError';
  }
}

/** The root's simple fields by name (elements with children are left out), e.g. `MsgType`. */
export type WechatFields = ReadonlyMap<string, string>;

const NAME = /[A-Za-z_][\w.-]*/y;
const MAX_DEPTH = 8;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&([^;]{0,10});?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new WechatXmlError('a bare & in text');
    if (Object.hasOwn(ENTITIES, name)) return ENTITIES[name] as string;
    const code = /^#x[0-9a-f]+$/i.test(name)
      ? Number.parseInt(name.slice(2), 16)
      : /^#\d+$/.test(name)
        ? Number.parseInt(name.slice(1), 10)
        : Number.NaN;
    if (!Number.isFinite(code) || code > 0x10ffff) throw new WechatXmlError(`unknown entity &${name};`);
    return String.fromCodePoint(code);
  });
}

interface Element {
  name: string;
  text: string;
  children: Element[];
}

export function parseWechatXml(xml: string): WechatFields {
  let at = 0;
  const skipSpace = () => {
    while (at < xml.length && /\s/.test(xml[at] as string)) at++;
  };
  const expect = (literal: string) => {
    if (!xml.startsWith(literal, at)) throw new WechatXmlError(`expected ${literal} at ${at}`);
    at += literal.length;
  };
  const name = () => {
    NAME.lastIndex = at;
    const match = NAME.exec(xml);
    if (!match) throw new WechatXmlError(`expected a tag name at ${at}`);
    at += match[0].length;
    return match[0];
  };

  function element(depth: number): Element {
    if (depth > MAX_DEPTH) throw new WechatXmlError('nested too deep');
    expect('<');
    const tag = name();
    skipSpace();
    if (xml.startsWith('/>', at)) {
      at += 2;
      return { name: tag, text: '', children: [] };
    }
    expect('>');
    let text = '';
    const children: Element[] = [];
    for (;;) {
      if (at >= xml.length) throw new WechatXmlError(`<${tag}> is not closed`);
      if (xml.startsWith('<![CDATA[', at)) {
        const end = xml.indexOf(']]>', at + 9);
        if (end < 0) throw new WechatXmlError('unclosed CDATA');
        text += xml.slice(at + 9, end);
        at = end + 3;
      } else if (xml.startsWith('<!--', at)) {
        const end = xml.indexOf('-->', at + 4);
        if (end < 0) throw new WechatXmlError('unclosed comment');
        at = end + 3;
      } else if (xml.startsWith('</', at)) {
        at += 2;
        if (name() !== tag) throw new WechatXmlError(`</…> does not close <${tag}>`);
        skipSpace();
        expect('>');
        return { name: tag, text, children };
      } else if (xml[at] === '<') {
        children.push(element(depth + 1));
      } else {
        const end = xml.indexOf('<', at);
        const raw = xml.slice(at, end < 0 ? xml.length : end);
        text += decodeEntities(raw);
        at += raw.length;
      }
    }
  }

  skipSpace();
  if (xml.startsWith('<?xml', at)) {
    const end = xml.indexOf('?>', at);
    if (end < 0) throw new WechatXmlError('unclosed XML declaration');
    at = end + 2;
    skipSpace();
  }
  const root = element(0);
  skipSpace();
  if (at !== xml.length) throw new WechatXmlError('text after the root element');
  if (root.name !== 'xml') throw new WechatXmlError('the root element is not <xml>');
  const fields = new Map<string, string>();
  for (const child of root.children) {
    if (child.children.length === 0 && !fields.has(child.name)) fields.set(child.name, child.text.trim());
  }
  return fields;
}

/** A CDATA section holding any text (a `]]>` inside is split across two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** An `<xml>` of the given fields; numbers as they are, strings in CDATA. */
export function buildWechatXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === 'number' ? String(value) : cdata(value)}</${name}>`)
    .join('');
  return `<xml>${body}</xml>`;
}
