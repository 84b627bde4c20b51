/**
 * `npm run bench`: prints the figures behind the performance budgets in docs/performance.md.
 * Figures, not tests: nothing here fails a build. Run one section with `npm run bench -- engine`.
 */
import { benchCli } from './cli.bench';
import { benchEngine } from './engine.bench';
import { benchFunctions } from './functions.bench';
import { benchImport } from './import.bench';
import { benchLedger } from './ledger.bench';
import { benchLedgerBrowser } from './ledger-browser.bench';
import { benchPane } from './pane.bench';
import { benchPaneBrowser } from './pane-browser.bench';
import { benchPdf } from './pdf.bench';
import { benchReview } from './review.bench';
import { benchSize } from './size.bench';
import { machine } from './util';

const SECTIONS: Record<string, () => Promise<void>> = {
  engine: benchEngine,
  pane: benchPane,
  browser: benchPaneBrowser,
  functions: benchFunctions,
  size: benchSize,
  cli: benchCli,
  import: benchImport,
  review: benchReview,
  ledger: benchLedger,
  'ledger-pane': benchLedgerBrowser,
  pdf: benchPdf,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  console.log(`nianbao benchmark — ${new Date().toISOString().slice(0, 10)} — ${machine()}\n`);
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    await run();
    console.log('');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
