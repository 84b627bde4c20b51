/**
 * The zip guard's inflater, the same in Node and in the browser: fflate's streaming inflate, fed a
 * slice at a time so that output is counted as it grows and inflating stops just past the limit —
 * a bomb is refused after at most one slice's worth of output, never expanded.
 */
import { Inflate as Inflater } from 'fflate';
import type { Inflate } from './zip';

/** Compressed bytes pushed at a time: deflate expands at most ~1032×, so one slice yields ≤ ~16 MB. */
const SLICE = 16 * 1024;

export class InflateLimitError extends Error {}

export const inflateLimited: Inflate = (data, maxBytes) => {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflater((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new InflateLimitError(`inflated output exceeds the limit of ${maxBytes} bytes`);
    chunks.push(chunk);
  });
  if (data.length === 0) inflater.push(data, true);
  for (let p = 0; p < data.length; p += SLICE) inflater.push(data.subarray(p, p + SLICE), p + SLICE >= data.length);
  return concatBytes(chunks, total);
};

/** The chunks as one array of `length` bytes (their total), without a copy when there is one chunk. */
export function concatBytes(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
