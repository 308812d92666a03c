// The documentation site: every connector through the compiler (src/content.config.ts), plain
// Astro pages (src/pages), the package files as static endpoints. See README "Documentation site".
import { defineConfig } from 'astro/config';

export default defineConfig({
  outDir: process.env.PLUGBOARD_SITE_OUT ?? 'dist',
  site: process.env.PLUGBOARD_SITE_URL ?? 'https://plugboard.dev',
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  server: { host: '127.0.0.1' },
  devToolbar: { enabled: false },
  vite: {
    build: {
      rolldownOptions: {
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
