import { gql, type ResultOf, type VariablesOf } from "@/graphql-system";
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

// Typed end to end: the result and variables types come from the build (`npm run example`
// type-checks this with `tsc --strict`).
export type UserPageData = ResultOf<typeof GetUser>;
export type UserPageVariables = VariablesOf<typeof GetUser>;

/** A line of the user page: reads only fields the query selects. */
export function userHeadline(data: UserPageData): string {
  if (!data.user) return "no such user";
  const titles = data.user.posts.map((post) => post.title).join(", ");
  return `${data.user.name} <${data.user.email ?? "no email"}>: ${titles}`;
}

export const firstPage: UserPageVariables = { id: "1", postCount: 3 };
