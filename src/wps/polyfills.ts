/**
 * The few library functions newer than the WPS bundle's target (Chromium 69, see
 * webpack.wps.config.js) that our code calls, from core-js: the rest of the code keeps to what
 * Chromium 69 has, and test/wps/build.test.ts checks the built bundle for what is not here.
 */
import 'core-js/actual/object/from-entries';
import 'core-js/actual/string/match-all';
import 'core-js/actual/global-this';
// .at( on arrays and strings (Chromium 92): the register reader's own `at` method cannot be told from them in the built code.
import 'core-js/actual/array/at';
import 'core-js/actual/string/at';
