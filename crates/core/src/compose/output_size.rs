//! How large a composed definition prints, known before it is inlined. A chain of
//! fragments each spreading the next inside a field prints a document whose size grows
//! with the square of the chain's length (every level is indented once more), so the
//! artifact of a long chain grows with its cube: 1,600 fragments made a string too large
//! for JavaScript. Each composed form carries its size; a definition whose selections,
//! with every spread replaced by its fragment, would print more than [`MAX_OUTPUT_BYTES`]
//! is `OUTPUT_TOO_LARGE` and is not inlined at all, so composition stays linear in the
//! size of what is written.

use std::sync::Arc;

use super::Composed;
use crate::graphql::ast::{Selection, SelectionSet, SpreadTarget};

/// The most one element's document may print (about 256 KiB of text).
pub const MAX_OUTPUT_BYTES: u64 = 256 << 10;

/// Printed lines and bytes of selections at depth 0 (an estimate of what `print` writes:
/// two spaces of indent per level, the name and alias, a little per argument).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutputSize {
    pub lines: u64,
    pub bytes: u64,
}

impl OutputSize {
    /// The same selections `depth` levels deeper.
    fn at_depth(self, depth: u64) -> Self {
        Self {
            lines: self.lines,
            bytes: self.bytes + 2 * depth * self.lines,
        }
    }

    fn add(&mut self, other: Self) {
        self.lines += other.lines;
        self.bytes = self.bytes.saturating_add(other.bytes);
    }

    /// The size of composed selections.
    pub fn of(selections: &[Selection]) -> Self {
        let mut size = Self::default();
        walk(selections, &mut |_, _, line| size.add(line));
        size
    }

    /// The size `set` would have with every interpolation spread replaced by its target's
    /// selections (before merging, so never less than the merged result).
    pub fn inlined(set: &SelectionSet, targets: &[Arc<Composed>]) -> Self {
        let mut size = Self::default();
        walk(&set.selections, &mut |selection, depth, line| {
            match selection {
                Selection::Spread(spread) => {
                    if let SpreadTarget::Interpolation(i) = spread.target {
                        if let Some(target) = targets.get(i) {
                            size.add(target.size.at_depth(depth + 1));
                            // The inline fragment around it, when one is needed.
                            size.add(OutputSize {
                                lines: 2,
                                bytes: 4 * (depth + 1) + 32,
                            });
                        }
                    }
                }
                _ => size.add(line),
            }
        });
        size
    }

    pub fn too_large(self) -> bool {
        self.bytes > MAX_OUTPUT_BYTES
    }
}

/// Calls `visit` with every selection, its depth and the size of its own printed lines
/// (nothing for a spread: its text is replaced by its fragment's).
fn walk<'a>(selections: &'a [Selection], visit: &mut impl FnMut(&'a Selection, u64, OutputSize)) {
    // An explicit stack: composed forms may nest as deep as the output limit allows.
    let mut stack: Vec<(&'a [Selection], u64)> = vec![(selections, 0)];
    while let Some((list, depth)) = stack.pop() {
        for selection in list {
            let indent = 2 * (depth + 1);
            match selection {
                Selection::Field(field) => {
                    let head = field.name.len()
                        + field.alias.as_ref().map_or(0, |a| a.len() + 2)
                        + 16 * (field.arguments.len() + field.directives.len());
                    let nested = field.selection_set.as_ref();
                    let lines = if nested.is_some() { 2 } else { 1 };
                    let bytes = head as u64 + lines * (indent + 3);
                    visit(selection, depth, OutputSize { lines, bytes });
                    if let Some(inner) = nested {
                        stack.push((&inner.selections, depth + 1));
                    }
                }
                Selection::InlineFragment(fragment) => {
                    let head = fragment.type_condition.as_ref().map_or(0, String::len)
                        + 16 * fragment.directives.len();
                    let bytes = head as u64 + 2 * (indent + 8);
                    visit(selection, depth, OutputSize { lines: 2, bytes });
                    stack.push((&fragment.selection_set.selections, depth + 1));
                }
                Selection::Spread(_) => visit(selection, depth, OutputSize::default()),
            }
        }
    }
}
