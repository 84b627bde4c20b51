/**
 * Small PDFs written byte by byte for tests: a page of text or an image only, a stream that
 * inflates without bound, deep nesting, many pages, JavaScript, a fake password. Offsets in the
 * cross-reference table are exact, so pdf.js reads them as it reads any real file.
 */
import * as zlib from 'zlib';

export type PdfObject = string | { dict: string; stream: Buffer };

/** A PDF of the given objects (object 1 must be the catalog); `trailer` adds to the trailer dictionary. */
export function makePdf(objects: PdfObject[], trailer = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const body =
      typeof o === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1')
        : Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<<${o.dict} /Length ${o.stream.length}>>\nstream\n`, 'latin1'), o.stream, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
    parts.push(body);
    length += body.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** Pages each showing `text` lines (ASCII, Helvetica) and drawing `extra` content. */
export function textPdf(pages: string[][], options: { catalog?: string; extra?: string } = {}): Buffer {
  const objects: PdfObject[] = [`<< /Type /Catalog /Pages 2 0 R ${options.catalog ?? ''}>>`, ''];
  const kids: string[] = [];
  const font = 3;
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  for (const lines of pages) {
    const content = Buffer.from(`BT /F1 12 Tf 72 720 Td ${lines.map((l) => `(${l}) Tj 0 -16 Td`).join(' ')} ET ${options.extra ?? ''}`, 'latin1');
    objects.push({ dict: '', stream: content });
    const contentRef = objects.length;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contentRef} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  return makePdf(objects);
}

/** A scan: one page that only paints a grey image, as a scanner's PDF does. */
export function imageOnlyPdf(): Buffer {
  const pixels = zlib.deflateSync(Buffer.alloc(200 * 100, 0x80));
  return makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
    { dict: ' /Type /XObject /Subtype /Image /Width 200 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode', stream: pixels },
    { dict: '', stream: Buffer.from('q 500 0 0 250 50 500 cm /Im1 Do Q', 'latin1') },
  ]);
}

/** A page whose content stream inflates to `bytes` bytes of spaces. */
export function bombPdf(bytes: number): Buffer {
  const whole = zlib.deflateSync(Buffer.alloc(bytes, 0x20), { level: 9 });
  return makePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    { dict: ' /Filter /FlateDecode', stream: whole },
  ]);
}
