// soda-gql's inject module (scalars and adapter). fizz-gql does not read it: the config
// reader reports `schemas.default.inject` as a warning.
export const scalar = {};
