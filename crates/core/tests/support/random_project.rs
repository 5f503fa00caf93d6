//! A small generated project and seeded random edits on it, for the differential test:
//! fragments spreading fragments (directly, through a barrel, through namespace imports), a
//! hub fragment used by most operations, plain modules, and edits that add, remove and
//! rename files, change templates and code around them, and break and fix syntax. Some
//! definitions are written in soda-gql's options-object form (`query("X")({ fields })()`,
//! with `frag.spread()`), the others as tagged templates; edits keep each file's form.

use std::collections::BTreeMap;
use std::path::Path;

/// xorshift64*: a tiny seeded generator, so a failing sequence can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub const SCHEMA: &str = "interface Node { id: ID! }
type User implements Node { id: ID! name: String! email: String friends: [User!]! posts: [Post!]! }
type Post implements Node { id: ID! title: String! body: String author: User! }
union Result = User | Post
type Query { node(id: ID!): Node users: [User!]! posts: [Post!]! search: [Result!]! }
";

// The last of each is an alias that conflicts with another field once merged (FIELD_CONFLICT).
const USER_FIELDS: [&str; 5] = ["id", "name", "email", "friends { id }", "name: email"];
const POST_FIELDS: [&str; 5] = ["id", "title", "body", "author { id }", "title: body"];

/// One file of the project, rendered from this description.
#[derive(Clone, Debug)]
pub enum Spec {
    /// A fragment file: `fragment F<n>` on User or Post, spreading other fragments.
    Fragment {
        n: usize,
        on_user: bool,
        fields: Vec<usize>,
        spreads: Vec<usize>,
        note: u32,
        broken: Broken,
    },
    /// An operation file spreading fragments in `users` / `posts` / `search`.
    Operation {
        n: usize,
        fields: Vec<usize>,
        spreads: Vec<usize>,
        via_barrel: bool,
        note: u32,
        broken: Broken,
    },
    /// A module with no GraphQL.
    Plain { note: u32 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Broken {
    No,
    GraphQl,
    TypeScript,
    /// Parses, but graphql-js validation rejects it (an unknown argument or an undeclared
    /// variable in a fragment, an unused variable in an operation).
    Invalid,
}

/// The project: root-relative path → spec.
pub struct Project {
    pub files: BTreeMap<String, Spec>,
    next_op: usize,
    last_mutated: Option<String>,
    /// Removed files, some of which come back.
    stash: BTreeMap<String, Spec>,
}

pub const FRAGMENTS: usize = 8;

impl Project {
    pub fn generate(rng: &mut Rng) -> Self {
        let mut files = BTreeMap::new();
        for n in 0..FRAGMENTS {
            let on_user = n % 3 != 2;
            // Fragments of the same type only, so that the first project is valid; edits
            // bring impossible spreads in and out (`set_spreads`).
            let same: Vec<usize> = (0..n).filter(|m| (m % 3 != 2) == on_user).collect();
            let spreads = if n > 1 && !same.is_empty() && rng.chance(60) {
                vec![same[rng.below(same.len())]]
            } else {
                vec![]
            };
            files.insert(
                frag_path(n),
                Spec::Fragment {
                    n,
                    on_user,
                    fields: pick_fields(rng),
                    spreads,
                    note: 0,
                    broken: Broken::No,
                },
            );
        }
        for n in 0..10 {
            let spreads = (0..1 + rng.below(3))
                .map(|_| {
                    if rng.chance(50) {
                        0
                    } else {
                        rng.below(FRAGMENTS)
                    }
                })
                .collect();
            files.insert(
                op_path(n),
                Spec::Operation {
                    n,
                    fields: pick_fields(rng),
                    spreads,
                    via_barrel: rng.chance(50),
                    note: 0,
                    broken: Broken::No,
                },
            );
        }
        for n in 0..4 {
            files.insert(format!("src/lib/util{n}.ts"), Spec::Plain { note: 0 });
        }
        Self {
            files,
            next_op: 10,
            last_mutated: None,
            stash: BTreeMap::new(),
        }
    }

    /// Writes every file (plus config, schema, composer module and barrel).
    pub fn write_all(&self, root: &Path) {
        write(
            root,
            "fizz.config.json",
            r#"{ "include": ["src/**/*.ts"], "graphqlSystem": { "path": "./src/gql.ts" }, "schemas": { "default": "./schema.graphql" } }"#,
        );
        write(root, "schema.graphql", SCHEMA);
        write(root, "src/gql.ts", "export const gql: any = {};\n");
        write(root, "src/frags/index.ts", &barrel());
        for (path, spec) in &self.files {
            write(root, path, &render(spec));
        }
    }

    /// Applies one random edit; returns (added, updated, removed) root-relative paths.
    pub fn edit(&mut self, rng: &mut Rng, root: &Path) -> (Vec<String>, Vec<String>, Vec<String>) {
        let (mut added, mut updated, mut removed) = (vec![], vec![], vec![]);
        let paths: Vec<String> = self.files.keys().cloned().collect();
        let path = paths[rng.below(paths.len())].clone();
        match rng.below(100) {
            0..=24 => self.mutate(&path, |spec, rng| set_fields(spec, pick_fields(rng)), rng),
            25..=37 => self.mutate(&path, |spec, _| bump_note(spec), rng),
            38..=47 => self.mutate(
                &frag_path(0),
                |spec, rng| set_fields(spec, pick_fields(rng)),
                rng,
            ),
            48..=55 => self.mutate(
                &path,
                |spec, rng| {
                    let to = match rng.below(3) {
                        0 => Broken::GraphQl,
                        1 => Broken::TypeScript,
                        _ => Broken::Invalid,
                    };
                    set_broken(spec, to)
                },
                rng,
            ),
            56..=67 => {
                let broken: Vec<String> = self
                    .files
                    .iter()
                    .filter(|(_, s)| is_broken(s))
                    .map(|(p, _)| p.clone())
                    .collect();
                let target = if broken.is_empty() {
                    path.clone()
                } else {
                    broken[rng.below(broken.len())].clone()
                };
                self.mutate(&target, |spec, _| set_broken(spec, Broken::No), rng)
            }
            68..=75 => self.mutate(&path, set_spreads, rng),
            76..=82 => {
                let n = self.next_op;
                self.next_op += 1;
                let spreads = vec![rng.below(FRAGMENTS)];
                self.files.insert(
                    op_path(n),
                    Spec::Operation {
                        n,
                        fields: pick_fields(rng),
                        spreads,
                        via_barrel: rng.chance(50),
                        note: 0,
                        broken: Broken::No,
                    },
                );
                added.push(op_path(n));
            }
            83..=87 => {
                if let Some(spec) = self.files.remove(&path) {
                    self.stash.insert(path.clone(), spec);
                    removed.push(path.clone());
                }
            }
            88..=92 => match self.stash.keys().next().cloned() {
                Some(back) => {
                    let spec = self.stash.remove(&back).unwrap();
                    self.files.insert(back.clone(), spec);
                    added.push(back);
                }
                None => self.mutate(&path, |spec, _| bump_note(spec), rng),
            },
            _ => {
                // Rename: same content under a new name (fragments keep their path: importers name it).
                if let Some(Spec::Operation { .. }) = self.files.get(&path) {
                    let spec = self.files.remove(&path).unwrap();
                    let new_path = format!("src/pages/renamed{}.ts", self.next_op);
                    self.next_op += 1;
                    self.files.insert(new_path.clone(), spec);
                    removed.push(path.clone());
                    added.push(new_path);
                }
            }
        }
        if added.is_empty() && removed.is_empty() {
            updated.push(self.last_mutated.take().unwrap_or(path));
        }
        for p in &removed {
            let _ = std::fs::remove_file(root.join(p));
        }
        for p in added.iter().chain(&updated) {
            if let Some(spec) = self.files.get(p) {
                write(root, p, &render(spec));
            }
        }
        (added, updated, removed)
    }

    fn mutate(&mut self, path: &str, f: impl FnOnce(&mut Spec, &mut Rng), rng: &mut Rng) {
        if let Some(spec) = self.files.get_mut(path) {
            f(spec, rng);
            self.last_mutated = Some(path.to_string());
        }
    }
}

fn frag_path(n: usize) -> String {
    format!("src/frags/f{n}.ts")
}

fn op_path(n: usize) -> String {
    format!("src/pages/op{n}.ts")
}

fn barrel() -> String {
    (0..FRAGMENTS)
        .map(|n| format!("export * from \"./f{n}\";\n"))
        .collect()
}

fn pick_fields(rng: &mut Rng) -> Vec<usize> {
    let mut fields: Vec<usize> = (0..5)
        .filter(|&i| rng.chance(if i == 4 { 15 } else { 50 }))
        .collect();
    if fields.is_empty() {
        fields.push(0);
    }
    fields
}

fn set_fields(spec: &mut Spec, new: Vec<usize>) {
    match spec {
        Spec::Fragment { fields, .. } | Spec::Operation { fields, .. } => *fields = new,
        Spec::Plain { .. } => bump_note(spec),
    }
}

fn is_broken(spec: &Spec) -> bool {
    matches!(spec, Spec::Fragment { broken, .. } | Spec::Operation { broken, .. } if *broken != Broken::No)
}

fn bump_note(spec: &mut Spec) {
    match spec {
        Spec::Fragment { note, .. } | Spec::Operation { note, .. } | Spec::Plain { note } => {
            *note += 1
        }
    }
}

fn set_broken(spec: &mut Spec, to: Broken) {
    match spec {
        Spec::Fragment { broken, .. } | Spec::Operation { broken, .. } => *broken = to,
        Spec::Plain { note } => *note += 1,
    }
}

fn set_spreads(spec: &mut Spec, rng: &mut Rng) {
    match spec {
        // Any fragment, itself included: cycles come and go.
        Spec::Fragment {
            spreads, on_user, ..
        } => {
            // Mostly fragments of the same type; sometimes any (an impossible spread).
            let same: Vec<usize> = (0..FRAGMENTS)
                .filter(|m| (m % 3 != 2) == *on_user)
                .collect();
            *spreads = if rng.chance(50) {
                vec![same[rng.below(same.len())]]
            } else if rng.chance(40) {
                vec![rng.below(FRAGMENTS)]
            } else {
                vec![]
            }
        }
        Spec::Operation { spreads, .. } => {
            *spreads = (0..1 + rng.below(3))
                .map(|_| rng.below(FRAGMENTS))
                .collect()
        }
        Spec::Plain { note } => *note += 1,
    }
}

/// The text of one file.
pub fn render(spec: &Spec) -> String {
    match spec {
        Spec::Fragment {
            n,
            on_user,
            fields,
            spreads,
            note,
            broken,
        } => {
            let (ty, names) = if *on_user {
                ("User", USER_FIELDS)
            } else {
                ("Post", POST_FIELDS)
            };
            let mut body: Vec<String> = fields.iter().map(|f| names[*f].to_string()).collect();
            if *broken == Broken::Invalid {
                // Even fragments are invalid on their own; odd ones use a variable no
                // operation declares, an error of each operation placed in this file.
                let invalid = match n % 2 {
                    0 => "id(bogus: 1)",
                    _ => "... @include(if: $undeclared) { id }",
                };
                body.insert(0, invalid.to_string());
            }
            let imports: String = spreads
                .iter()
                .filter(|s| **s != *n)
                .map(|s| format!("import {{ f{s} }} from \"./f{s}\";\n"))
                .collect();
            body.extend(spreads.iter().map(|s| format!("...${{f{s}}}")));
            let close = if *broken == Broken::GraphQl { "" } else { "}" };
            let end = if *broken == Broken::TypeScript {
                ""
            } else {
                ");"
            };
            // The note also moves the definition down a line or two: positions must follow.
            let pad = "\n".repeat(*note as usize % 3);
            if n % 4 == 3 {
                let mut entries: Vec<String> =
                    fields.iter().map(|f| options_field(names[*f])).collect();
                entries.extend(spreads.iter().map(|s| format!("...f{s}.spread()")));
                if *broken == Broken::GraphQl {
                    entries.push(options_field("missingField"));
                }
                return format!(
                    "import {{ gql }} from \"../gql\";\n{imports}// note {note}\n{pad}export const f{n} = gql.default(({{ fragment }}) => fragment(\"F{n}\", \"{ty}\")({{ fields: ({{ f }}) => ({{ {} }}) }})()\n{end}\n",
                    entries.join(", ")
                );
            }
            format!(
                "import {{ gql }} from \"../gql\";\n{imports}// note {note}\n{pad}export const f{n} = gql.default(({{ fragment }}) => fragment(\"F{n}\", \"{ty}\")`{{ {} {close}`()\n{end}\n",
                body.join(" ")
            )
        }
        Spec::Operation {
            n,
            fields,
            spreads,
            via_barrel,
            note,
            broken,
        } => {
            let import = if *via_barrel {
                "import * as frags from \"../frags\";\n".to_string()
            } else {
                let mut names: Vec<usize> = spreads.clone();
                names.sort();
                names.dedup();
                names
                    .iter()
                    .map(|s| format!("import {{ f{s} }} from \"../frags/f{s}\";\n"))
                    .collect()
            };
            let refs = |s: &usize| {
                if *via_barrel {
                    format!("frags.f{s}")
                } else {
                    format!("f{s}")
                }
            };
            // User fragments land in `users`, Post fragments in `posts`, and every fragment in `search` (a union).
            let spread_all: Vec<String> = spreads
                .iter()
                .map(|s| format!("...${{{}}}", refs(s)))
                .collect();
            let close = if *broken == Broken::GraphQl { "" } else { "}" };
            let end = if *broken == Broken::TypeScript {
                ""
            } else {
                ");"
            };
            if n % 2 == 1 {
                let users: Vec<String> = fields
                    .iter()
                    .map(|f| options_field(USER_FIELDS[*f]))
                    .collect();
                let mut search = vec![options_field("__typename")];
                search.extend(spreads.iter().map(|s| format!("...{}.spread()", refs(s))));
                if *broken == Broken::GraphQl {
                    search.push(options_field("missingField"));
                }
                let options_variables = if *broken == Broken::Invalid {
                    "variables: `($unused: Int)`, "
                } else {
                    ""
                };
                return format!(
                    "import {{ gql }} from \"../gql\";\n{import}export const note = {note};\nexport const Op{n} = gql.default(({{ query }}) => query(\"Op{n}\")({{ {options_variables}fields: ({{ f }}) => ({{ ...f(\"users\")(({{ f }}) => ({{ {} }})), ...f(\"search\")(() => ({{ {} }})) }}) }})()\n{end}\n",
                    users.join(", "),
                    search.join(", ")
                );
            }
            let variables = if *broken == Broken::Invalid {
                "($unused: Int) "
            } else {
                ""
            };
            format!(
                "import {{ gql }} from \"../gql\";\n{import}export const note = {note};\n{}export const Op{n} = gql.default(({{ query }}) => query(\"Op{n}\")`{variables}{{ users {{ {} }} search {{ __typename {} }} {close}`()\n{end}\n",
                "\n".repeat(*note as usize % 3),
                fields.iter().map(|f| USER_FIELDS[*f]).collect::<Vec<_>>().join(" "),
                spread_all.join(" ")
            )
        }
        Spec::Plain { note } => {
            format!("export function helper(x: number): number {{\n  return x + {note};\n}}\n")
        }
    }
}

/// A field of USER_FIELDS / POST_FIELDS as an options-object entry: `name` →
/// `...f("name")()`, `name { id }` → `...f("name")(({ f }) => ({ ...f("id")() }))`.
fn options_field(field: &str) -> String {
    match field.split_once(" { ") {
        Some((name, inner)) => format!(
            "...f(\"{name}\")(({{ f }}) => ({{ {} }}))",
            options_field(inner.trim_end_matches(" }"))
        ),
        None => format!("...f(\"{field}\")()"),
    }
}

fn write(root: &Path, path: &str, text: &str) {
    let target = root.join(path);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(target, text).unwrap();
}
