import { gql } from "@/graphql-system";
import { userFields } from "./user";

// A fragment on a union: the User fragment lands in a SearchResult selection, so it is
// wrapped in `... on User { … }`.
export const searchResultFields = gql.default(({ fragment }) =>
  fragment("SearchResultFields", "SearchResult")`{
    __typename
    ...${userFields}
    ... on Post {
      id
      title
    }
  }`(),
);
