// In a soda-gql app this folder (`outdir`) holds soda-gql's generated composer. fizz-gql
// replaces every `gql.<schema>(…)` call at build time and removes the imports of this
// module, so all it needs to be is where `gql` comes from.
export { gql } from "fizz-gql/runtime";
