// `node --import ./test/helpers/module-trace.mjs …` writes every package the program imports (the
// bare specifiers, one a line) to the file named by GONOGO_MODULE_TRACE: how the lazy-loading test
// sees which libraries a CLI command pulls in, without trusting the bundle's layout.
import { register } from 'node:module'

const file = process.env.GONOGO_MODULE_TRACE
if (file) register('./module-trace-hooks.mjs', { parentURL: import.meta.url, data: { file } })
