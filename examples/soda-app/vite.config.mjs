// A soda-gql app's Vite config with fizz-gql's plugin in place of soda-gql's: the plugin
// finds `soda-gql.config.ts` in Vite's root. The alias is the tsconfig `paths` one.
import { fileURLToPath } from "node:url";

import { defineConfig } from "vite";
import fizz from "fizz-gql/vite";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root,
  plugins: [fizz({ debug: false })],
  resolve: { alias: { "@": `${root}/src` } },
  build: { outDir: "dist", emptyOutDir: true },
});
