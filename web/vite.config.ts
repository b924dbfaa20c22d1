import { defineConfig } from 'vite';

// Everything is bundled and served by `ktpel serve` itself: no CDN (the office LAN may be offline).
export default defineConfig({
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
