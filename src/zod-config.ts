/**
 * The add-in's pages may run under a strict Content-Security-Policy (the preview server sends
 * one: no eval). zod compiles object parsers with `new Function` unless told not to, and probes
 * for it as soon as a schema is built, which such a policy reports as a violation. This module
 * is the first of the first bundle (see webpack.config.js), so it runs before any schema exists.
 * The interpreted parser is fast enough for one report.
 */
import { config } from 'zod';

config({ jitless: true });
