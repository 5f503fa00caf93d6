import { gql as g } from "@/graphql-system";
import { userFields } from "@/fragments/user";

export const UpdateUser = g.default((b) =>
  b.mutation("UpdateUser")`($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ...${userFields}
      email
    }
  }`(),
);
