//! The builder session: what lives across builds (config, resolver, analysed files,
//! schemas, elements) and the cold build that fills it.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::artifact::{Artifact, Report, ReportStats, ARTIFACT_VERSION};
use crate::build_pass;
use crate::config::{ConfigError, ResolvedConfig};
use crate::diagnostic::{sort_diagnostics, Diagnostic};
use crate::discovery::Discovery;
use crate::element::Element;
use crate::file_loader::FileLoader;
use crate::resolver::ModuleResolver;
use crate::schema_set::SchemaSet;
use crate::source_file::SourceFile;

/// Canonical IDs that a build added, updated and removed, each sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Delta {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub removed: Vec<String>,
}

/// Counters of one build.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuildStats {
    /// Files whose fingerprint matched: not read.
    pub hits: u32,
    /// Files read because they were new or their stat changed.
    pub misses: u32,
    /// Files read whose content hash was unchanged: not re-analysed.
    pub skips: u32,
    /// Files parsed and analysed.
    pub parsed: u32,
    pub chunks_written: u32,
    pub chunks_reused: u32,
    pub duration_ms: f64,
    /// Milliseconds per phase (`discover`, `analyze`, `compose`, …).
    pub phases: BTreeMap<String, f64>,
}

/// What one build reports (api.md §2); the artifact is read separately, on demand.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuildResult {
    pub generation: u32,
    pub delta: Delta,
    pub affected_files: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: BuildStats,
}

/// A long-lived builder for one config root.
pub struct Session {
    pub config: ResolvedConfig,
    discovery: Discovery,
    resolver: ModuleResolver,
    files: FxHashMap<String, SourceFile>,
    /// Files that could not be read (diagnostics of the artifact).
    unreadable: Vec<Diagnostic>,
    schemas: Option<SchemaSet>,
    elements: Arc<BTreeMap<String, Arc<Element>>>,
    /// The artifact's diagnostics: the files as they are now.
    diagnostics: Vec<Diagnostic>,
    /// Number of resolved interpolation links between definitions.
    definition_edges: usize,
    generation: u32,
    report: Report,
}

impl Session {
    pub fn new(config: ResolvedConfig) -> Result<Self, ConfigError> {
        let discovery = Discovery::new(&config)?;
        let resolver = ModuleResolver::new(&config);
        Ok(Self {
            config,
            discovery,
            resolver,
            files: FxHashMap::default(),
            unreadable: Vec::new(),
            schemas: None,
            elements: Arc::default(),
            diagnostics: Vec::new(),
            definition_edges: 0,
            generation: 0,
            report: Report::default(),
        })
    }

    /// Builds everything from scratch.
    pub fn build_initial(&mut self) -> BuildResult {
        let started = Instant::now();
        let mut stats = BuildStats::default();
        let mut phase = Instant::now();
        let paths = self.discovery.walk();
        lap(&mut stats, "discover", &mut phase);
        self.schemas = Some(SchemaSet::load(&self.config));
        lap(&mut stats, "schemas", &mut phase);
        let loader = FileLoader { config: &self.config, discovery: &self.discovery, resolver: &self.resolver };
        let loaded: Vec<Result<SourceFile, Diagnostic>> = paths.par_iter().map(|p| loader.load(p)).collect();
        self.files.clear();
        self.unreadable.clear();
        for file in loaded {
            match file {
                Ok(file) => {
                    self.files.insert(file.path.clone(), file);
                }
                Err(diagnostic) => self.unreadable.push(diagnostic),
            }
        }
        stats.misses = self.files.len() as u32;
        stats.parsed = self.files.len() as u32;
        lap(&mut stats, "analyze", &mut phase);
        let previous = std::mem::take(&mut self.elements);
        self.rederive(&mut stats, &mut phase);
        let delta = delta(&previous, &self.elements);
        self.finish(started, stats, delta, Vec::new())
    }

    fn rederive(&mut self, stats: &mut BuildStats, phase: &mut Instant) {
        let schemas = self.schemas.as_ref().expect("schemas are loaded before derivation");
        let output = build_pass::run(&self.files, &schemas.schemas);
        lap(stats, "compose", phase);
        self.definition_edges = output.prepared.values().map(|p| p.links.iter().flatten().count()).sum();
        self.elements = Arc::new(output.elements);
        let mut diagnostics = output.diagnostics;
        diagnostics.extend(schemas.diagnostics.iter().cloned());
        diagnostics.extend(self.unreadable.iter().cloned());
        diagnostics.extend(self.files.values().flat_map(|f| f.diagnostics.iter().cloned()));
        sort_diagnostics(&mut diagnostics);
        self.diagnostics = diagnostics;
    }

    fn finish(&mut self, started: Instant, mut stats: BuildStats, delta: Delta, transient: Vec<Diagnostic>) -> BuildResult {
        let changed = !(delta.added.is_empty() && delta.updated.is_empty() && delta.removed.is_empty());
        if changed || self.generation == 0 {
            self.generation += 1;
        }
        stats.duration_ms = started.elapsed().as_secs_f64() * 1000.0;
        self.report = Report {
            duration_ms: round_ms(stats.duration_ms),
            stats: ReportStats { hits: stats.hits, misses: stats.misses, skips: stats.skips },
        };
        let mut diagnostics = self.diagnostics.clone();
        diagnostics.extend(transient);
        sort_diagnostics(&mut diagnostics);
        let affected_files = affected_files(&self.elements, &delta);
        BuildResult { generation: self.generation, delta, affected_files, diagnostics, stats }
    }

    /// The current artifact.
    pub fn artifact(&self) -> Artifact {
        Artifact { version: ARTIFACT_VERSION, elements: self.elements.clone(), diagnostics: self.diagnostics.clone(), report: self.report.clone() }
    }

    pub fn generation(&self) -> u32 {
        self.generation
    }

    pub fn files(&self) -> &FxHashMap<String, SourceFile> {
        &self.files
    }

    pub fn elements(&self) -> &Arc<BTreeMap<String, Arc<Element>>> {
        &self.elements
    }

    /// Schema label → hash of its SDL.
    pub fn schema_hashes(&self) -> BTreeMap<String, String> {
        self.schemas.as_ref().map(|s| s.hashes.clone()).unwrap_or_default()
    }

    /// Sizes of what the session holds.
    pub fn summary(&self) -> SessionSummary {
        use crate::source_file::Target;
        let module_edges = self.files.values().flat_map(|f| f.targets.values()).filter(|t| matches!(t, Target::File(_))).count();
        SessionSummary {
            generation: self.generation,
            files: self.files.len() as u32,
            definitions: self.files.values().map(|f| f.analysis.definitions.len() as u32).sum(),
            module_adjacency_size: module_edges as u32,
            definition_adjacency_size: self.definition_edges as u32,
        }
    }
}

/// Sizes of a session's state (`getSnapshot()`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionSummary {
    pub generation: u32,
    pub files: u32,
    pub definitions: u32,
    pub module_adjacency_size: u32,
    pub definition_adjacency_size: u32,
}

fn lap(stats: &mut BuildStats, name: &str, phase: &mut Instant) {
    stats.phases.insert(name.to_string(), round_ms(phase.elapsed().as_secs_f64() * 1000.0));
    *phase = Instant::now();
}

fn round_ms(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}

/// Added / updated (content hash changed) / removed canonical IDs between two element sets.
pub fn delta(before: &BTreeMap<String, Arc<Element>>, after: &BTreeMap<String, Arc<Element>>) -> Delta {
    let mut out = Delta::default();
    for (id, element) in after {
        match before.get(id) {
            None => out.added.push(id.clone()),
            Some(old) if old.metadata.content_hash != element.metadata.content_hash || old.dependencies != element.dependencies => {
                out.updated.push(id.clone())
            }
            Some(_) => {}
        }
    }
    out.removed = before.keys().filter(|id| !after.contains_key(*id)).cloned().collect();
    out
}

fn affected_files(elements: &BTreeMap<String, Arc<Element>>, delta: &Delta) -> Vec<String> {
    let mut files: Vec<String> = delta
        .added
        .iter()
        .chain(&delta.updated)
        .chain(&delta.removed)
        .map(|id| elements.get(id).map(|e| e.metadata.source_path.clone()).unwrap_or_else(|| id.split("::").next().unwrap_or_default().to_string()))
        .collect();
    files.sort();
    files.dedup();
    files
}
