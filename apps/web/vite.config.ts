import { defaultClientConditions, defineConfig } from 'vite';

// Preact's automatic JSX runtime; no plugin is needed for a production build.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: {
    alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    // Our packages' TypeScript sources, not their compiled dist/: the bundle always matches the sources it is built from.
    conditions: ['notewave-source', ...defaultClientConditions],
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/uploads': 'http://127.0.0.1:3000', '/covers': 'http://127.0.0.1:3000', '/media': 'http://127.0.0.1:3000' } },
});
