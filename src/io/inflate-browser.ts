/** Kept for callers of the two-inflater era: the browser inflates with the same fflate inflater as Node. */
export { inflateLimited as inflateBrowser } from './inflate';
