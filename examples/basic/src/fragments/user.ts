import { gql } from "@/graphql-system";
import { postFields } from "./post";

export const userFields = gql.default(({ fragment }) =>
  fragment("UserFields", "User")`{
    id
    name
    avatarUrl(size: 128)
  }`(),
);

// Spreads a fragment of this file and one of another file.
export const userWithPosts = gql.default(({ fragment }) =>
  fragment("UserWithPosts", "User")`($postCount: Int = 5) {
    ...${userFields}
    posts(first: $postCount) {
      ...${postFields}
    }
  }`(),
);
