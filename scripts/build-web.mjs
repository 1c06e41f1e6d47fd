// Builds the web app (web/ → dist/web) with Vite and prints the gzip size of the JavaScript a first visit loads.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';
import { reportInitialSize } from './web-size.mjs';

// Vite keeps a NODE_ENV it finds (vitest sets "test"), which would ship React's development build.
process.env.NODE_ENV = 'production';

await build({ configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
await reportInitialSize();
