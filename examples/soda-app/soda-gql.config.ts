// The app's soda-gql config, unchanged from soda-gql: fizz-gql reads it statically (nothing
// here runs, so `@soda-gql/config` need not be installed). `analyzer` and `inject` have no
// fizz-gql meaning and are reported as warnings; the `!` entry is an exclude.
import { defineConfig } from "@soda-gql/config";

export default defineConfig({
  outdir: "./src/graphql-system",
  include: ["./src/**/*.ts", "!./src/**/*.test.ts"],
  analyzer: "swc",
  schemas: {
    default: {
      schema: "./schema.graphql",
      inject: "./src/graphql-system/default.inject.ts",
    },
  },
});
