/**
 * Office parts read with saxes, a strict, namespace-aware SAX parser (the one exceljs and jsdom
 * use). It never processes a DTD, and we refuse any document that declares one (Office never
 * writes one): so external entities (XXE) and entity expansion ("billion laughs") cannot happen.
 * Only the five predefined entities and character references are decoded; an undeclared entity is
 * left as written, and an end tag closes what it skips; anything else not well-formed is refused.
 *
 * Namespaces are resolved here rather than by saxes: its resolver walks every ancestor for each
 * name (slow on hostile nesting), where Office parts declare their prefixes once, at the root.
 */
import { SaxesParser } from 'saxes';

export class XmlError extends Error {}

export interface XmlTag {
  /** The qualified name as written (w:p). */
  name: string;
  local: string;
  /** The namespace the prefix resolves to; '' when none. */
  uri: string;
  /** By qualified name, values decoded. */
  attributes: Record<string, string>;
  /** The prefixes in scope. */
  scope: ReadonlyMap<string, string>;
}

export interface XmlHandler {
  open(tag: XmlTag): void;
  close(tag: XmlTag): void;
  text(text: string): void;
}

export const DTD_REFUSED = '含有 DTD 或实体声明（DOCTYPE/ENTITY），Office 文件不会有，已拒绝读取';

/** Parses `xml`, calling the handler in document order. Throws XmlError on a DTD or XML that is not well-formed. */
export function parseXml(xml: string, handler: XmlHandler): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const open: XmlTag[] = [];
  const root: ReadonlyMap<string, string> = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);
  parser.on('doctype', () => {
    throw new XmlError(DTD_REFUSED);
  });
  parser.on('error', (e) => {
    // Without a DTD no entity but the five exists; saxes keeps an undeclared one as written. An
    // end tag that skips open elements closes them (saxes reports each): read on, as Word does.
    if (/undefined entity|unexpected close tag/.test(e.message)) return;
    throw new XmlError('XML 格式有误');
  });
  parser.on('opentag', ({ name, attributes }) => {
    const parent = open.length > 0 ? open[open.length - 1].scope : root;
    let scope = parent;
    for (const key in attributes) {
      if (key.charCodeAt(0) !== 120 /* x */ || (key !== 'xmlns' && !key.startsWith('xmlns:'))) continue;
      if (scope === parent) scope = new Map(parent);
      (scope as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), attributes[key]);
    }
    const colon = name.indexOf(':');
    const tag: XmlTag = { name, local: colon < 0 ? name : name.slice(colon + 1), uri: scope.get(colon < 0 ? '' : name.slice(0, colon)) ?? '', attributes, scope };
    open.push(tag);
    handler.open(tag);
  });
  parser.on('closetag', () => {
    const tag = open.pop();
    if (tag) handler.close(tag);
  });
  parser.on('text', (t) => handler.text(t));
  parser.on('cdata', (t) => handler.text(t));
  parser.write(xml).close();
}

/** The attribute `local` in no namespace or in one of `uris`: its value, or undefined. */
export function attrValue(tag: XmlTag, local: string, uris?: ReadonlySet<string>): string | undefined {
  for (const key in tag.attributes) {
    const colon = key.indexOf(':');
    if ((colon < 0 ? key : key.slice(colon + 1)) !== local) continue;
    if (colon < 0 || uris === undefined) return tag.attributes[key];
    const uri = tag.scope.get(key.slice(0, colon));
    if (uri !== undefined && uris.has(uri)) return tag.attributes[key];
  }
  return undefined;
}

/** The value of an attribute `local` in some namespace (r:id), whichever prefix it has. */
export function prefixedAttr(tag: XmlTag, local: string): string | undefined {
  for (const key in tag.attributes) if (key.endsWith(`:${local}`) && key.indexOf(':') === key.length - local.length - 1) return tag.attributes[key];
  return undefined;
}
