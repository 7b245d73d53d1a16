import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// The built UI is served by `gongkai serve` from web/dist; nothing is loaded from another host.
export default defineConfig({
  plugins: [vue()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': process.env.GONGKAI_API ?? 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.ts'],
  },
})
