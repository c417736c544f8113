// `node --import ./test/helpers/module-trace.mjs …` writes, one a line, every package the program
// imports (its bare specifier) and every file it loads to the file named by GONOGO_MODULE_TRACE:
// how the lazy-loading test sees which libraries a CLI command pulls in.
import { register } from 'node:module'

const file = process.env.GONOGO_MODULE_TRACE
if (file) register('./module-trace-hooks.mjs', { parentURL: import.meta.url, data: { file } })
