import { builtinCatalog } from '../../src/main/presets/preset-files'

// What main and the CLI do at startup: read resources/presets and install them as the default
// catalog, so shared code loading a plan in a test sees the same built-in presets.
builtinCatalog()
