//! Many certificates or CSRs checked on every core: the same check as one at a time, each
//! input its own report (or its own error), in input order. The work is spread by rayon on a
//! pool of the size asked for; a caller with an endless stream hands the inputs in chunks, so
//! memory holds one chunk.

use rayon::prelude::*;
use rustls_pki_types::UnixTime;

use crate::error::{Error, Result};
use crate::policy::IssuancePolicy;
use crate::report::Report;

/// What every input of a batch is checked for.
#[derive(Clone, Debug)]
pub enum BatchCheck {
    /// Issued certificates, against a product (`check_certificate`).
    Certificates(IssuancePolicy),
    /// Certificate requests, against a product at a time (`check_csr`).
    Csrs(IssuancePolicy, UnixTime),
}

impl BatchCheck {
    /// The check of one input.
    pub fn check(&self, input: &[u8]) -> Result<Report> {
        match self {
            BatchCheck::Certificates(policy) => crate::entry::check_certificate(input, policy),
            BatchCheck::Csrs(policy, time) => crate::entry::check_csr(input, policy, *time),
        }
    }
}

/// The most threads a batch runs on (`--jobs`, `jobs` of the C and Python calls); the default
/// is one per core.
pub const MAX_JOBS: usize = 1024;
const MAX_JOBS_PLUS_ONE: usize = MAX_JOBS + 1;

/// A pool of threads that checks batches. Build it once and give it chunk after chunk.
pub struct Batch {
    check: BatchCheck,
    pool: rayon::ThreadPool,
}

impl Batch {
    /// A batch checker on `jobs` threads (`None`: one per core).
    ///
    /// `jobs` is at most [`MAX_JOBS`]: a thread each costs a stack, and a mistaken or hostile
    /// count must not exhaust the process.
    pub fn new(check: BatchCheck, jobs: Option<usize>) -> Result<Batch> {
        if let Some(jobs @ (0 | MAX_JOBS_PLUS_ONE..)) = jobs {
            return Err(Error::InvalidArgument {
                name: "jobs",
                detail: format!("{jobs} threads: expected 1 to {MAX_JOBS}"),
            });
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.unwrap_or(0))
            .thread_name(|i| format!("sceau-batch-{i}"))
            .build()
            .map_err(|e| Error::InvalidArgument {
                name: "jobs",
                detail: format!("no thread pool: {e}"),
            })?;
        Ok(Batch { check, pool })
    }

    /// The number of threads checking.
    pub fn jobs(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Checks every input, one report or error each, in input order.
    pub fn run<T: AsRef<[u8]> + Sync>(&self, inputs: &[T]) -> Vec<Result<Report>> {
        self.map(inputs, |check, _, input| check.check(input.as_ref()))
    }

    /// Hands every item with its index and the check to `each` on the pool (which checks it
    /// and may render it there, in parallel too); the values come back in item order.
    pub fn map<T, V, F>(&self, items: &[T], each: F) -> Vec<V>
    where
        T: Sync,
        V: Send,
        F: Fn(&BatchCheck, usize, &T) -> V + Sync,
    {
        self.pool.install(|| {
            items
                .par_iter()
                // Items cost microseconds: hand them out in runs, not one by one, but short
                // runs, so that the last run of a chunk keeps the other threads waiting
                // little (16 items: about 0.1 ms).
                .with_min_len(16)
                .enumerate()
                .map(|(i, item)| each(&self.check, i, item))
                .collect()
        })
    }

    /// Hands every item of an endless stream to `each` on the pool, `chunk_len` at a time,
    /// and every value to `sink` on the calling thread, in item order.
    ///
    /// A thread of its own takes the items, so that a value never waits behind an item still
    /// to come (a pipe that pauses); it puts a chunk on the pool as soon as the calling thread
    /// takes the one before, so two chunks are in flight and a worker that finishes its share
    /// of one starts on the next instead of waiting for the slowest. Memory holds at most
    /// three chunks: one being taken, one checked, one being sunk. The first error of `sink`
    /// stops the stream: the reading thread stops once it has put on the pool the chunk it is
    /// taking (on a pipe, that waits for the chunk's items or the end), the chunks in flight
    /// finish unsunk, and the error is returned. `chunk_len` 0 counts as 1. A panic in `each`
    /// or in `items` is raised again here once the threads stop.
    pub fn stream<I, V, E, F, S>(
        &self,
        items: I,
        chunk_len: usize,
        each: F,
        mut sink: S,
    ) -> std::result::Result<(), E>
    where
        I: Iterator + Send,
        I::Item: Send + Sync,
        V: Send,
        F: Fn(&BatchCheck, &I::Item) -> V + Sync,
        S: FnMut(V) -> std::result::Result<(), E>,
    {
        let chunk_len = chunk_len.max(1);
        let check = &self.check;
        let each = &each;
        self.pool.in_place_scope(|pool| {
            std::thread::scope(|threads| {
                // No room: the reader hands a chunk over only when the sink wants it.
                let (queue, queued) = std::sync::mpsc::sync_channel(0);
                threads.spawn(move || {
                    let mut items = items.fuse();
                    loop {
                        let chunk: Vec<I::Item> = items.by_ref().take(chunk_len).collect();
                        if chunk.is_empty() {
                            return;
                        }
                        let (done, checked) = std::sync::mpsc::sync_channel(1);
                        pool.spawn(move |_| {
                            let values: Vec<V> = chunk
                                .par_iter()
                                .with_min_len(16)
                                .map(|item| each(check, item))
                                .collect();
                            // No receiver: the sink stopped; these values are not wanted.
                            let _ = done.send(values);
                        });
                        if queue.send(checked).is_err() {
                            return;
                        }
                    }
                });
                for checked in queued {
                    // A chunk that sent nothing panicked in `each`: the pool's scope raises
                    // the panic again when it closes.
                    let Ok(values) = checked.recv() else {
                        break;
                    };
                    values.into_iter().try_for_each(&mut sink)?;
                }
                Ok(())
            })
        })
    }
}

/// Checks every input on `jobs` threads (`None`: one per core): one report or error each, in
/// input order.
pub fn check_many<T: AsRef<[u8]> + Sync>(
    inputs: &[T],
    check: BatchCheck,
    jobs: Option<usize>,
) -> Result<Vec<Result<Report>>> {
    Ok(Batch::new(check, jobs)?.run(inputs))
}
