// The graphql-system module: the one place the `gql` composer comes from. At build time
// fizz-gql replaces every `gql.<schema>(…)` call, so this import is removed from the output.
export { gql } from "fizz-gql/runtime";
