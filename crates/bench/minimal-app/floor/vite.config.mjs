// The stack's floor page (crates/bench/minimal-app/floor): Vue 3 and Element Plus from ui/node_modules
// (the window's versions, no packages of its own), built by scripts/bench.sh into the minimal app's
// dist/floor/, which the app opens with GONGKAI_BENCH_PAGE=floor:
//   node ui/node_modules/vite/bin/vite.js build --config crates/bench/minimal-app/floor/vite.config.mjs
// Bare imports ('vue', 'element-plus') are aliased to ui/node_modules, as this folder has none.
import { fileURLToPath } from 'node:url'
import vue from '../../../../ui/node_modules/@vitejs/plugin-vue/dist/index.mjs'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))
const modules = here('../../../../ui/node_modules/')

export default {
  root: here('.'),
  // The page is served from tauri://localhost/floor/: its assets are found beside it.
  base: './',
  plugins: [vue()],
  logLevel: 'warn',
  clearScreen: false,
  resolve: {
    alias: [
      { find: /^vue$/, replacement: `${modules}vue/dist/vue.runtime.esm-bundler.js` },
      { find: /^element-plus\//, replacement: `${modules}element-plus/` },
      { find: /^element-plus$/, replacement: `${modules}element-plus/es/index.mjs` },
    ],
  },
  // As ui/vite.config.ts: no Options API in the page or the components it uses.
  define: { __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
  build: {
    target: 'safari15',
    outDir: here('../dist/floor'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
}
