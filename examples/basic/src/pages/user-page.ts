import { gql } from "@/graphql-system";
import * as fragments from "../fragments";

export const GetUser = gql.default(({ query }) =>
  query("GetUser")`($id: ID!) {
    user(id: $id) {
      ...${fragments.userWithPosts}
      email
    }
  }`(),
);

export const Search = gql.default(({ query }) =>
  query("Search")`($term: String!) {
    search(term: $term, first: 20) {
      ...${fragments.searchFields}
    }
  }`({ metadata: { cacheSeconds: 30 } }),
);
