// Compiles the command line once before any test runs it (as `npm install` does), so test files
// running in parallel never write lib/ at the same time.
const buildCli = require('../../scripts/build-cli');

module.exports = async function () {
  buildCli();
};
