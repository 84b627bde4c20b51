// Compiles the command line once before any test runs it (as `npm install` does), so test files
// running in parallel never write lib/ at the same time.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async function buildCli() {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.cli.json')], { cwd: root, stdio: 'inherit' });
};
