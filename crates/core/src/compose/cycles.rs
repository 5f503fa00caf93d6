//! Fragment cycles (docs/reference/dsl.md §5.4), found on the whole definition graph at once (strongly
//! connected components) so the result does not depend on the order of composition.

use rustc_hash::{FxHashMap, FxHashSet};

/// The definitions on a cycle, each with the chain of canonical IDs that leads from it back
/// to itself (`[a, b, a]`).
pub fn find_cycles(edges: &FxHashMap<&str, Vec<&str>>) -> FxHashMap<String, Vec<String>> {
    let mut nodes: Vec<&str> = edges.keys().copied().collect();
    nodes.sort_unstable();
    let mut out = FxHashMap::default();
    for component in strongly_connected(&nodes, edges) {
        let members: FxHashSet<&str> = component.iter().copied().collect();
        let is_cycle = component.len() > 1
            || edges
                .get(component[0])
                .is_some_and(|e| e.contains(&component[0]));
        if !is_cycle {
            continue;
        }
        for &member in &component {
            out.insert(member.to_string(), chain_back(member, edges, &members));
        }
    }
    out
}

/// Shortest path member → … → member inside the component (breadth first, sorted edges).
fn chain_back(
    start: &str,
    edges: &FxHashMap<&str, Vec<&str>>,
    members: &FxHashSet<&str>,
) -> Vec<String> {
    let mut previous: FxHashMap<&str, &str> = FxHashMap::default();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let mut next: Vec<&str> = edges
            .get(node)
            .map(|e| e.iter().copied().filter(|n| members.contains(n)).collect())
            .unwrap_or_default();
        next.sort_unstable();
        for n in next {
            if n == start {
                let mut chain = vec![start.to_string(), node.to_string()];
                let mut at = node;
                while at != start {
                    at = previous[at];
                    chain.push(at.to_string());
                }
                chain.reverse();
                chain.dedup();
                if chain.len() == 1 {
                    chain.push(start.to_string());
                }
                return chain;
            }
            if n != start && !previous.contains_key(n) {
                previous.insert(n, node);
                queue.push_back(n);
            }
        }
    }
    vec![start.to_string(), start.to_string()]
}

/// Tarjan's algorithm, iterative (fragment chains can be long).
fn strongly_connected<'a>(
    nodes: &[&'a str],
    edges: &FxHashMap<&'a str, Vec<&'a str>>,
) -> Vec<Vec<&'a str>> {
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut low: FxHashMap<&str, usize> = FxHashMap::default();
    let mut on_stack: FxHashSet<&str> = FxHashSet::default();
    let mut stack: Vec<&str> = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    for &root in nodes {
        if index.contains_key(root) {
            continue;
        }
        let mut work: Vec<(&str, usize)> = vec![(root, 0)];
        while let Some((node, child)) = work.pop() {
            if child == 0 {
                index.insert(node, counter);
                low.insert(node, counter);
                counter += 1;
                stack.push(node);
                on_stack.insert(node);
            }
            let successors = edges.get(node).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(&next) = successors.get(child) {
                work.push((node, child + 1));
                if !edges.contains_key(next) {
                    continue;
                }
                if !index.contains_key(next) {
                    work.push((next, 0));
                } else if on_stack.contains(next) {
                    let l = low[node].min(index[next]);
                    low.insert(node, l);
                }
                continue;
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(top) = stack.pop() {
                    on_stack.remove(top);
                    component.push(top);
                    if top == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
            if let Some(&(parent, _)) = work.last() {
                let l = low[parent].min(low[node]);
                low.insert(parent, l);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph<'a>(pairs: &[(&'a str, &[&'a str])]) -> FxHashMap<&'a str, Vec<&'a str>> {
        pairs.iter().map(|(k, v)| (*k, v.to_vec())).collect()
    }

    #[test]
    fn finds_a_two_cycle_and_a_self_loop_but_not_a_chain() {
        let edges = graph(&[("a", &["b"]), ("b", &["a"]), ("c", &["c"]), ("d", &["a"])]);
        let cycles = find_cycles(&edges);
        assert_eq!(cycles["a"], ["a", "b", "a"]);
        assert_eq!(cycles["b"], ["b", "a", "b"]);
        assert_eq!(cycles["c"], ["c", "c"]);
        assert!(!cycles.contains_key("d"));
    }
}
