import { gql } from "../graphql-system";
import { postFields } from "../fragments";

// Definitions nested in a function and in an object literal get canonical IDs from the
// scopes around them: `src/pages/feed.ts::loadFeed.q` and `src/pages/feed.ts::pages.home.viewer`.
export function loadFeed(first: number) {
  const q = gql.default(({ query }) =>
    query("Feed")`($first: Int, $withBody: Boolean = true) {
      feed(first: $first) {
        ...${postFields}
        author {
          name
        }
      }
    }`(),
  );
  return { query: q, variables: { first } };
}

export const pages = {
  home: {
    viewer: gql.default(({ query }) =>
      query("HomeViewer")`{
        viewer {
          id
          name
        }
      }`(),
    ),
  },
};
