/** Node's inflater for the zip guard: zlib with a hard output limit. */
import * as zlib from 'zlib';
import type { Inflate } from './zip';

export const inflateNode: Inflate = (data, maxBytes) => zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
