// Vite builds ui/dist, which the Tauri config embeds; Vitest runs the UI tests in jsdom.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
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
    // Mounting Element Plus pages in jsdom takes seconds on a busy two-core CI machine.
    testTimeout: 30000,
  },
})
