/** The browser's inflater for the zip guard: fflate's, stopped at the limit (src/io/inflate.ts). */
export { inflateLimited as inflateBrowser } from './inflate';
