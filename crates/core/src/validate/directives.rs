//! Directives at one location: known directives and their locations, one non-repeatable
//! directive per location, and their arguments (graphql-js `KnownDirectivesRule`,
//! `UniqueDirectivesPerLocationRule`, the directive halves of `KnownArgumentNamesRule` and
//! `ProvidedRequiredArgumentsRule`, and `UniqueArgumentNamesRule`).

use crate::graphql::ast::Directive;
use crate::graphql::print::print_type;
use crate::graphql::schema_inputs::InputValues;
use crate::graphql::suggest::{did_you_mean, suggestion_list};
use crate::validate::local::Local;
use crate::validate::values::Found;

impl Local<'_> {
    /// Checks `directives` written at `location` (`FIELD`, `INLINE_FRAGMENT`, …).
    pub(crate) fn directives(&mut self, directives: &[Directive], location: &str) {
        for (i, directive) in directives.iter().enumerate() {
            let len = directive.name.len() + 1;
            let schema = self.schema;
            let Some(def) = schema.inputs().directive(&directive.name) else {
                self.found.push(Found::new(
                    "UNKNOWN_DIRECTIVE",
                    format!("Unknown directive \"@{}\".", directive.name),
                    directive.offset,
                    len,
                ));
                // Its arguments are still values: their variables are used.
                for arg in &directive.arguments {
                    self.argument_value(arg, None);
                }
                continue;
            };
            if !def.locations.iter().any(|l| l == location) {
                self.found.push(Found::new(
                    "MISPLACED_DIRECTIVE",
                    format!(
                        "Directive \"@{}\" may not be used on {location}.",
                        directive.name
                    ),
                    directive.offset,
                    len,
                ));
            }
            if !def.repeatable {
                if let Some(first) = directives[..i].iter().find(|d| d.name == directive.name) {
                    let mut found = Found::new(
                        "DUPLICATE_DIRECTIVE",
                        format!(
                            "The directive \"@{}\" can only be used once at this location.",
                            directive.name
                        ),
                        directive.offset,
                        len,
                    );
                    found
                        .related
                        .push((first.offset, len, "first used here".into()));
                    self.found.push(found);
                }
            }
            let args = &def.args;
            self.arguments(&directive.arguments, Some(args), |_| {
                format!("on directive \"@{}\"", directive.name)
            });
            for (name, arg) in args {
                if arg.is_required() && !directive.arguments.iter().any(|a| &a.name == name) {
                    self.found.push(Found::new(
                        "MISSING_REQUIRED_ARGUMENT",
                        format!(
                            "Directive \"@{}\" argument \"{name}\" of type \"{}\" is required, but it was not provided.",
                            directive.name,
                            print_type(&arg.ty)
                        ),
                        directive.offset,
                        len,
                    ));
                }
            }
        }
    }

    /// Arguments against their definitions (`None`: unknown field or directive, nothing
    /// to check but the values' variables): unknown names with suggestions, duplicates,
    /// values. `on` names the owner for the message (`on field "User.posts"`).
    pub(crate) fn arguments(
        &mut self,
        args: &[crate::graphql::ast::Argument],
        defs: Option<&InputValues>,
        on: impl Fn(&str) -> String,
    ) {
        for (i, arg) in args.iter().enumerate() {
            if let Some(first) = args[..i].iter().find(|a| a.name == arg.name) {
                let mut found = Found::new(
                    "DUPLICATE_ARGUMENT",
                    format!("There can be only one argument named \"{}\".", arg.name),
                    arg.offset,
                    arg.name.len(),
                );
                found
                    .related
                    .push((first.offset, first.name.len(), "first used here".into()));
                self.found.push(found);
            }
            let def = defs.and_then(|d| d.get(&arg.name));
            if let (Some(defs), None) = (defs, def) {
                let names: Vec<&str> = defs.keys().map(String::as_str).collect();
                self.found.push(Found::new(
                    "UNKNOWN_ARGUMENT",
                    format!(
                        "Unknown argument \"{}\" {}.{}",
                        arg.name,
                        on(&arg.name),
                        did_you_mean(&suggestion_list(&arg.name, &names))
                    ),
                    arg.offset,
                    arg.name.len(),
                ));
            }
            self.argument_value(arg, def);
        }
    }
}
