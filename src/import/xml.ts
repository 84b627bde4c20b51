/**
 * A small XML tokenizer for Office parts. It never processes a DTD: a document that declares one is
 * refused (Office never writes one), and only the five predefined entities and character references
 * are decoded — so external entities (XXE) and entity expansion ("billion laughs") cannot happen.
 * It yields start tags, end tags and text in one pass, without building a tree.
 */

export class XmlError extends Error {}

export interface XmlAttrs {
  [name: string]: string;
}

export interface XmlHandler {
  start(name: string, attrs: XmlAttrs, selfClosing: boolean): void;
  end(name: string): void;
  text(text: string): void;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references; anything else is left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function parseAttrs(s: string): XmlAttrs {
  const attrs: XmlAttrs = {};
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(s)) !== null) attrs[m[1]] = decodeEntities(m[2] ?? m[3] ?? '');
  return attrs;
}

/** Tokenizes `xml`, calling the handler in document order. Throws XmlError on a DTD or a broken tag. */
export function tokenize(xml: string, handler: XmlHandler): void {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      handler.text(decodeEntities(xml.slice(i)));
      break;
    }
    if (lt > i) handler.text(decodeEntities(xml.slice(i, lt)));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) throw new XmlError('注释未结束');
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) throw new XmlError('CDATA 未结束');
      handler.text(xml.slice(lt + 9, end));
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', lt)) throw new XmlError('含有 DTD 或实体声明（DOCTYPE/ENTITY），Office 文件不会有，已拒绝读取');
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) throw new XmlError('处理指令未结束');
      i = end + 2;
      continue;
    }
    const gt = findTagEnd(xml, lt + 1);
    if (gt < 0) throw new XmlError('标签未结束，文件被截断');
    const body = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (body[0] === '/') {
      handler.end(body.slice(1).trim());
      continue;
    }
    const selfClosing = body.endsWith('/');
    const inner = selfClosing ? body.slice(0, -1) : body;
    const space = inner.search(/\s/);
    const name = space < 0 ? inner : inner.slice(0, space);
    if (name === '') throw new XmlError('标签无名称');
    handler.start(name, space < 0 ? {} : parseAttrs(inner.slice(space)), selfClosing);
    if (selfClosing) handler.end(name);
  }
}

/** The closing ">" of a tag starting at `from`, skipping ">" inside quoted attribute values. */
function findTagEnd(xml: string, from: number): number {
  let quote = '';
  for (let j = from; j < xml.length; j++) {
    const ch = xml[j];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return j;
  }
  return -1;
}
