use crate::graphql::ast::*;
pub fn print_operation(_o: &OperationDefinition) -> String { todo!() }
pub fn print_fragment(_o: &FragmentDefinition) -> String { todo!() }
