//! Per-file bookkeeping of canonical-ID paths (docs/reference/dsl.md §3): the counters behind generated
//! segments (`_function_N`, `_arrow_N`, `_class_N`, `_anonymous_N`) and the `$N` suffixes
//! that keep every astPath of a file unique.

use rustc_hash::{FxHashMap, FxHashSet};

/// The kinds of generated segment, each with its own counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentKind {
    /// An anonymous function declaration or expression.
    Function,
    /// An arrow function.
    Arrow,
    /// An anonymous class.
    Class,
    /// A definition met with an empty scope stack.
    Anonymous,
}

impl SegmentKind {
    fn prefix(self) -> &'static str {
        match self {
            SegmentKind::Function => "_function_",
            SegmentKind::Arrow => "_arrow_",
            SegmentKind::Class => "_class_",
            SegmentKind::Anonymous => "_anonymous_",
        }
    }
}

/// One entry of the scope stack. Generated segments are kept as kind and number and only
/// spelled out when a definition needs its path, so walking code allocates nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    /// A name from the source: binding, function, class, member or key.
    Name(&'a str),
    /// A private class member `#name` (stored without the `#`).
    Private(&'a str),
    /// `_function_N`, `_arrow_N`, `_class_N`, `_anonymous_N`.
    Generated(SegmentKind, u32),
}

impl std::fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Segment::Name(name) => f.write_str(name),
            Segment::Private(name) => write!(f, "#{name}"),
            Segment::Generated(kind, n) => write!(f, "{}{n}", kind.prefix()),
        }
    }
}

/// Counters and used paths of one file.
#[derive(Debug, Default)]
pub struct AstPaths {
    counters: [u32; 4],
    used: FxHashSet<String>,
    /// Per base path, the first suffix not tried yet, so many repeats stay linear.
    next_suffix: FxHashMap<String, u32>,
}

impl AstPaths {
    /// The next generated segment of `kind` (`_arrow_0`, `_arrow_1`, …).
    pub fn generated<'a>(&mut self, kind: SegmentKind) -> Segment<'a> {
        let counter = &mut self.counters[kind as usize];
        let segment = Segment::Generated(kind, *counter);
        *counter += 1;
        segment
    }

    /// Claims `base` as an astPath, or `base$N` with the first free `N` when `base` (or an
    /// earlier suffix) is already taken.
    pub fn claim(&mut self, base: String) -> String {
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(1);
        loop {
            let candidate = format!("{base}${n}");
            n += 1;
            if self.used.insert(candidate.clone()) {
                self.next_suffix.insert(base, n);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{AstPaths, SegmentKind};

    #[test]
    fn counters_are_per_kind() {
        let mut paths = AstPaths::default();
        assert_eq!(paths.generated(SegmentKind::Arrow).to_string(), "_arrow_0");
        assert_eq!(
            paths.generated(SegmentKind::Function).to_string(),
            "_function_0"
        );
        assert_eq!(paths.generated(SegmentKind::Arrow).to_string(), "_arrow_1");
        assert_eq!(
            paths.generated(SegmentKind::Anonymous).to_string(),
            "_anonymous_0"
        );
    }

    #[test]
    fn suffixes_take_the_first_free_number() {
        let mut paths = AstPaths::default();
        assert_eq!(paths.claim("q$1".into()), "q$1");
        assert_eq!(paths.claim("q".into()), "q");
        assert_eq!(paths.claim("q".into()), "q$2");
        assert_eq!(paths.claim("q".into()), "q$3");
        assert_eq!(paths.claim("q$2".into()), "q$2$1");
    }
}
