// The example app: a Vite dev server over examples/basic's sources. The fizz config lives in
// ../basic; the plugin serves and watches it from there.
import { fileURLToPath } from "node:url";

import { defineConfig } from "vite";
import fizz from "fizz-gql/vite";

const basic = fileURLToPath(new URL("../basic", import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [fizz({ root: basic })],
  // The same alias as examples/basic/tsconfig.json `paths`.
  resolve: { alias: { "@": `${basic}/src` } },
  build: { outDir: "dist", emptyOutDir: true },
});
