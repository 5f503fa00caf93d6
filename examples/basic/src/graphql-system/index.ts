// The graphql-system module: the one place the `gql` composer comes from. At build time
// fizz-gql replaces every `gql.<schema>(…)` call, so this import is removed from the output.
// The helper types read what the builder wrote into `./__generated__` (types.md): every
// built definition's result and variables, `unknown` before the first build.
export { gql } from "fizz-gql/runtime";
export type { FragmentOf, ResultOf, VariablesOf } from "fizz-gql/runtime";
