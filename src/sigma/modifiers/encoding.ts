/**
 * Encoding modifiers (modifiers appendix §Encoding): `base64`, `base64offset`, `utf16le`/`wide`,
 * `utf16be`, `utf16`. Encoded values are byte strings; when matched against event text each
 * byte is one character (latin1), as pySigma renders them.
 * @module
 */

/** UTF-8 bytes of a string. */
export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** `utf16le` / `wide`: `cmd` → 63 00 6d 00 64 00. */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[i * 2] = unit & 0xff;
    out[i * 2 + 1] = unit >> 8;
  }
  return out;
}

/** `utf16be`: `cmd` → 00 63 00 6d 00 64. */
export function utf16be(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[i * 2] = unit >> 8;
    out[i * 2 + 1] = unit & 0xff;
  }
  return out;
}

/** `utf16`: byte order mark FF FE, then UTF-16LE. */
export function utf16(text: string): Uint8Array {
  const body = utf16le(text);
  const out = new Uint8Array(body.length + 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  out.set(body, 2);
  return out;
}

/** `base64`: the standard alphabet with padding. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/**
 * `base64offset`: the three encodings of the value shifted by 0, 1 and 2 bytes inside a longer
 * base64 text, with the characters that depend on the unknown neighbours cut off (the
 * algorithm of the Sigma reference implementation: start offsets 0, 2, 3; the end cut depends
 * on `(length + shift) % 3`).
 */
export function base64Offsets(bytes: Uint8Array): string[] {
  const startOffsets = [0, 2, 3];
  const endCuts = [0, 3, 2];
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.fill(0x20, 0, shift);
    padded.set(bytes, shift);
    const encoded = Buffer.from(padded).toString('base64');
    const cut = endCuts[(bytes.length + shift) % 3]!;
    out.push(
      encoded.slice(startOffsets[shift]!, cut === 0 ? encoded.length : encoded.length - cut),
    );
  }
  return out;
}

/** A byte string as text, one character per byte. */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}
