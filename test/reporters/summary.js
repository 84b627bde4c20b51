// Sums up a run in one plain line, "tests: N passed, N failed[, N skipped]", that any CI can read:
// kept in test-artifacts/test-summary.txt so .ci/run can print it last, after Jest's own summary.
const fs = require('fs');
const path = require('path');

class SummaryReporter {
  constructor(globalConfig) {
    this.file = path.join(globalConfig.rootDir, 'test-artifacts', 'test-summary.txt');
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `tests: ${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, line);
  }
}
module.exports = SummaryReporter;
