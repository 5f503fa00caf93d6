import { gql } from "@/graphql-system";
import { postFields } from "../fragments/post";

export const OnPostAdded = gql.default(({ subscription }) =>
  subscription("OnPostAdded")`($authorId: ID) {
    postAdded(authorId: $authorId) {
      ...${postFields} @include(if: true)
      author {
        id
      }
    }
  }`(),
);
