//! Where builds run: a thread pool whose threads have a large stack, so that the recursive
//! parts of a build (oxc's recursive-descent parser, the scope walk, composition,
//! printing) cannot overflow on any input the nesting limits let through. A native stack
//! overflow is a SIGSEGV that takes the host process (the user's dev server) down, so the
//! host's own threads (the JS thread has about 8 MiB, libuv and rayon workers 2 MiB) never
//! run these parts.
//!
//! The stack is reserved, not committed: an untouched page costs no memory, so a large
//! reservation is free until deep input actually uses it.
//!
//! Budget (measured on oxc 0.146, optimised build): one level of bracket nesting costs the
//! parser at most about 3 KiB of stack, other recursion (prefix operators, `a = b = …`,
//! `x => y => …`, conditional chains) at most about 1 KiB per byte of input. Brackets are
//! limited to [`crate::analysis::MAX_BRACKET_DEPTH`] levels before oxc runs; what is left
//! is bounded by the length of the file, see [`stack_for_input`].

use std::cell::Cell;
use std::sync::OnceLock;

/// The stack of every pool thread.
pub const POOL_STACK: usize = 256 << 20;

/// Stack a parse of `len` bytes may need: room for the bracket limit and the rest of a
/// build, plus the worst unbracketed recursion per input byte (measured at ~330 B, three
/// times that for margin).
pub fn stack_for_input(len: usize) -> usize {
    const BASE: usize = 16 << 20;
    const PER_BYTE: usize = 1 << 10;
    BASE.saturating_add(len.saturating_mul(PER_BYTE))
}

thread_local! {
    /// The stack of the current thread when it is one this module started (else 0).
    static STACK: Cell<usize> = const { Cell::new(0) };
}

/// The pool, built on first use; `None` when the system refused the threads.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(POOL_STACK)
            .thread_name(|i| format!("fizz-build-{i}"))
            .start_handler(|_| STACK.with(|s| s.set(POOL_STACK)))
            .build()
            .ok()
    })
    .as_ref()
}

/// Runs `f` on a pool thread (at once when already on one) and waits for it. Parallel
/// iterators inside `f` use the same pool, so every thread of the build has the large
/// stack.
pub fn run<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    if STACK.with(Cell::get) >= POOL_STACK {
        return f();
    }
    match pool() {
        Some(pool) => pool.install(f),
        None => with_stack(POOL_STACK, f).unwrap_or_else(|f| f()),
    }
}

/// Runs `f` on a thread with at least `stack` bytes of stack: the current one when it is
/// large enough, else a new one. `Err(f)` when no such thread can be started (the caller
/// decides what to do without one).
pub fn with_stack<R: Send, F: FnOnce() -> R + Send>(stack: usize, f: F) -> Result<R, F> {
    if STACK.with(Cell::get) >= stack {
        return Ok(f());
    }
    // The closure moves to the new thread only once the thread exists.
    let slot = std::sync::Mutex::new(Some(f));
    let outcome = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("fizz-deep".into())
            .stack_size(stack)
            .spawn_scoped(scope, || {
                STACK.with(|s| s.set(stack));
                let f = slot.lock().ok()?.take()?;
                Some(f())
            });
        spawned.ok().map(|handle| handle.join())
    });
    match outcome {
        Some(Ok(Some(result))) => Ok(result),
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        _ => match slot.into_inner().ok().flatten() {
            Some(f) => Err(f),
            None => unreachable!("the closure ran, so the thread returned its result"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_lands_on_a_large_stack_and_nests() {
        let inner = run(|| (STACK.with(Cell::get), run(|| STACK.with(Cell::get))));
        assert_eq!(inner, (POOL_STACK, POOL_STACK));
    }

    #[test]
    fn with_stack_starts_a_larger_thread_only_when_needed() {
        let small = run(|| with_stack(1 << 20, || STACK.with(Cell::get)).ok());
        assert_eq!(small, Some(POOL_STACK));
        let large = with_stack(POOL_STACK * 2, || STACK.with(Cell::get)).ok();
        assert_eq!(large, Some(POOL_STACK * 2));
    }
}
