import { gql } from "@/graphql-system";

// A fragment with a fragment variable: `$withBody` becomes a variable of every operation
// that spreads it.
export const postFields = gql.default(({ fragment }) =>
  fragment("PostFields", "Post")`($withBody: Boolean = false) {
    id
    title
    body @include(if: $withBody)
    publishedAt
  }`(),
);
