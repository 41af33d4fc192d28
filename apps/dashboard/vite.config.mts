import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const libs = path.resolve(here, '../../libs');

export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    alias: {
      '@resonance/contracts': path.join(libs, 'contracts/src/index.ts'),
      '@resonance/analytics': path.join(libs, 'analytics/src/index.ts'),
    },
  },
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    reportCompressedSize: true,
  },
  server: {
    port: 4200,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
