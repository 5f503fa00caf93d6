//! Validation (dsl.md §5.5): every composed operation validated as graphql-js 16
//! `validate(schema, document, specifiedRules)` would validate it, with fizz's own
//! positions and fragment variables.
//!
//! Validation runs on the *template tree*, not on the printed document: a definition's
//! own template plus, at each interpolation, the template of the fragment it names (an
//! [`Origin`] per definition, kept with its composed form). Walking the tree visits exactly
//! the selections the composed document holds — an interpolated fragment's fields land in
//! its type condition's scope, wrapped or not — so verdicts equal graphql-js's on the
//! composed text, while every node still knows its file and template offset.
//!
//! Two halves, so that a fragment's error is reported once:
//! - [`check_local`] (run while preparing each definition): the rules that read only the
//!   definition's own template and the schema — arguments, values, directives, leaf and
//!   sub-selection rules, inline fragment type conditions, variable definitions.
//! - [`check_tree`] (run while composing, once every interpolated fragment is known to be
//!   valid on its own): the rules that read across fragments — overlapping fields,
//!   possible spreads of interpolated fragments, variable positions, introspection depth —
//!   and, for operations, undefined and unused variables and single-field subscriptions.
//!
//! A definition that reaches a soda-gql spread with bindings or a `$colocate` label is
//! validated on its inlined document instead ([`check_composed`]): those spreads rewrite
//! what they inline, so the tree would not show the document graphql-js would see.
//!
//! A fragment with an error never composes, so the operations that interpolate it are
//! held back silently: the fragment's diagnostic is the root cause.

mod composed;
mod directives;
mod introspection_depth;
mod local;
mod origin;
mod overlapping_fields;
mod subscriptions;
mod tree;
mod types;
mod values;
mod variables;

pub use composed::check_composed;
pub use local::check_local;
pub use origin::{Origin, Problem};
pub use overlapping_fields::same_arguments;
pub use tree::check_tree;
pub use values::Usage;
