// Vite builds ui/dist, which the Tauri config embeds; Vitest runs the UI tests in jsdom. Element
// Plus is imported per component (build/elementOnDemand.ts) and pages per route (src/router.ts),
// so the first page loads only what it shows.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { elementPlusOnDemand } from './build/elementOnDemand'
import { iconsOnDemand } from './build/iconsOnDemand'

export default defineConfig({
  plugins: [vue(), elementPlusOnDemand(), iconsOnDemand()],
  clearScreen: false,
  // No component here or in Element Plus's used components is written with the Options API
  // (data/methods/computed options): Vue leaves that code out of the first page (issue 22).
  define: { __VUE_OPTIONS_API__: 'false' },
  server: { port: 5173, strictPort: true },
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    // Mounting Element Plus forms in jsdom takes seconds on a busy 2-core CI machine.
    testTimeout: 30_000,
  },
})
