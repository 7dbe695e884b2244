import { describe, expect, it } from 'vitest';
import { decodeUploadedText, TextDecodingError } from './text-encoding';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeUploadedText', () => {
  it('reads Windows-1252 as German Excel writes it, including € „ “ – in 0x80-0x9F', () => {
    // "Grüße;Lösung „5 €“ – ok" in Windows-1252.
    const file = bytes(
      ...[0x47, 0x72, 0xfc, 0xdf, 0x65, 0x3b, 0x4c, 0xf6, 0x73, 0x75, 0x6e, 0x67, 0x20],
      ...[0x84, 0x35, 0x20, 0x80, 0x93, 0x20, 0x96, 0x20, 0x6f, 0x6b],
    );
    expect(decodeUploadedText(file)).toEqual({
      text: 'Grüße;Lösung „5 €“ – ok',
      encoding: 'windows-1252',
    });
  });

  it('reads valid UTF-8 with and without byte order mark, and strips the mark', () => {
    expect(decodeUploadedText(utf8('Zurückgestellt;Eigene Lösung'))).toEqual({
      text: 'Zurückgestellt;Eigene Lösung',
      encoding: 'utf-8',
    });
    expect(decodeUploadedText(bytes(0xef, 0xbb, 0xbf, ...utf8('Größe')))).toEqual({
      text: 'Größe',
      encoding: 'utf-8',
    });
  });

  it('refuses bytes that are neither UTF-8 nor Windows-1252, naming the line', () => {
    const file = bytes(...utf8('a;b\nc;d\n'), 0xfc, 0x81);
    expect(() => decodeUploadedText(file)).toThrow(TextDecodingError);
    expect(() => decodeUploadedText(file)).toThrow(/Zeile 3: .*0x81/);
  });

  it('refuses a UTF-8 file (with byte order mark) that breaks off, naming the line', () => {
    const file = bytes(0xef, 0xbb, 0xbf, ...utf8('a;b\nc;d\ne;'), 0xfc, 0x20);
    expect(() => decodeUploadedText(file)).toThrow(/Zeile 3: .*ungültige UTF-8/);
  });

  it('refuses UTF-16 ("Unicode-Text") with a hint how to save the file', () => {
    expect(() => decodeUploadedText(bytes(0xff, 0xfe, 0x61, 0x00))).toThrow(/UTF-16/);
  });
});
