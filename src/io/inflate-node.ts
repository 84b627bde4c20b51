/** Kept for callers of the two-inflater era: Node now inflates with the same fflate inflater as the browser. */
export { inflateLimited as inflateNode } from './inflate';
