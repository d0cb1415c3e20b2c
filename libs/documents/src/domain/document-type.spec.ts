import { deflateRawSync } from 'node:zlib';
import { detectDocumentType } from './document-type';

/** A minimal ZIP archive (stored or deflated entries) with the given entries, as office files are. */
function zip(entries: ReadonlyArray<readonly [string, string]>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = name === 'mimetype' ? Buffer.from(text) : deflateRawSync(Buffer.from(text));
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(name === 'mimetype' ? 0 : 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(text.length, 22);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('the type of an uploaded file comes from its content', () => {
  it('knows PDF, PNG, JPEG and WebP by their signatures', () => {
    expect(detectDocumentType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'))?.mediaType).toBe('application/pdf');
    expect(detectDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))?.mediaType).toBe('image/png');
    expect(detectDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.mediaType).toBe('image/jpeg');
    expect(detectDocumentType(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'))?.mediaType).toBe('image/webp');
  });

  it('tells office documents apart by the entries of their archive', () => {
    expect(detectDocumentType(zip([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w:document/>']]))?.extension).toBe('docx');
    expect(detectDocumentType(zip([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<workbook/>']]))?.extension).toBe('xlsx');
    expect(detectDocumentType(zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<office:document-content/>']]))?.extension).toBe('odt');
  });

  it('refuses HTML, SVG, scripts, plain archives and a file that only claims to be a PDF', () => {
    for (const text of ['<!DOCTYPE html><html><script>alert(1)</script>', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', '#!/bin/sh\nrm -rf /', ' %PDF-1.7 but not at the start', '']) {
      expect(detectDocumentType(Buffer.from(text))).toBeNull();
    }
    expect(detectDocumentType(zip([['index.html', '<html></html>']]))).toBeNull();
    expect(detectDocumentType(zip([['mimetype', 'application/vnd.oasis.opendocument.text-template'], ['content.xml', '<x/>']]))).toBeNull();
    expect(detectDocumentType(Buffer.from('PK\x03\x04 truncated', 'latin1'))).toBeNull();
  });
});
