import iconv from 'iconv-lite';

/** An uploaded text file that cannot be decoded; line is 1-based. */
export class TextDecodingError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`Zeile ${line}: ${problem}`);
    this.name = 'TextDecodingError';
  }
}

/** How the bytes were read: tells tests and summaries which path a file took. */
export type TextEncoding = 'utf-8' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

// Windows-1252 leaves these five bytes undefined; a file holding them is not Windows-1252 either.
const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

const lineOf = (bytes: Uint8Array, index: number) => {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
};

/**
 * The text of an uploaded CSV file, whatever the spreadsheet that wrote it:
 * UTF-8 (with or without byte order mark) when the bytes are valid UTF-8, else
 * Windows-1252, which German Excel writes for "CSV (Trennzeichen-getrennt)".
 * Valid UTF-8 is checked strictly (fatal), so a Windows-1252 "ü" (0xFC) never
 * turns into U+FFFD. Node's own TextDecoder('windows-1252') decodes 0x80-0x9F
 * as C1 controls instead of €, „, “ …, hence iconv-lite.
 */
export function decodeUploadedText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new TextDecodingError(
      1,
      'Die Datei ist UTF-16 („Unicode-Text“). Bitte als „CSV UTF-8“ oder „CSV (Trennzeichen-getrennt)“ speichern.',
    );
  }
  const hasBom = UTF8_BOM.every((byte, index) => bytes[index] === byte);
  const body = hasBom ? bytes.subarray(UTF8_BOM.length) : bytes;
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body),
      encoding: 'utf-8',
    };
  } catch {
    // Not UTF-8: Windows-1252 is the only other encoding a German spreadsheet writes as CSV.
  }
  if (hasBom) {
    const index = firstInvalidUtf8(body);
    throw new TextDecodingError(
      lineOf(body, index),
      'Die Datei beginnt als UTF-8, enthält aber ungültige UTF-8-Zeichen.',
    );
  }
  const undefinedAt = body.findIndex((byte) => UNDEFINED_IN_WINDOWS_1252.has(byte));
  if (undefinedAt !== -1) {
    throw new TextDecodingError(
      lineOf(body, undefinedAt),
      `Die Datei ist weder UTF-8 noch Windows-1252 (Byte 0x${(body[undefinedAt] as number).toString(16).toUpperCase()}).`,
    );
  }
  return {
    text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'windows-1252'),
    encoding: 'windows-1252',
  };
}

/** Index of the first byte at which strict UTF-8 decoding fails (for the line in the message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection; streaming mode accepts a prefix that ends inside a character.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle;
    }
  }
  return low;
}
