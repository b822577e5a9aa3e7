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

    /// Hands every item of an endless stream to `each` on the pool, in chunks of at most
    /// `chunk_len`, and the values of each chunk to `sink` on the calling thread, in item
    /// order (a sink that writes can flush at the end of each).
    ///
    /// A thread of its own takes the items, so that reading never stops the checking; a
    /// chunk is what has been read when the pool can take one, up to `chunk_len` (a stream
    /// that pauses has the items it gave checked and sunk without waiting for more). A chunk
    /// goes to the pool as soon as the calling thread takes the one before, so two chunks are
    /// in flight and a worker that finishes its share of one starts on the next instead of
    /// waiting for the slowest. Memory holds at most four chunks: one read ahead, two in
    /// flight, one being sunk. The first error of `sink` stops the stream: the reading thread
    /// stops after the item it is taking (on a pipe, that waits for the item or the end), the
    /// chunks in flight finish unsunk, and the error is returned. `chunk_len` 0 counts as 1.
    /// A panic in `each` or in `items` is raised again here once the threads stop.
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
        S: FnMut(Vec<V>) -> std::result::Result<(), E>,
    {
        use std::sync::mpsc::{sync_channel, Receiver};
        let chunk_len = chunk_len.max(1);
        let check = &self.check;
        let each = &each;
        let ahead = Ahead::new(chunk_len);
        let ahead = &ahead;
        self.pool.in_place_scope(|pool| {
            std::thread::scope(|threads| {
                threads.spawn(move || {
                    // Whatever ends the reading (the end, a panic in `items`) says so.
                    let _finished = ahead.finish_on_drop();
                    for item in items {
                        if !ahead.push(item) {
                            return;
                        }
                    }
                });
                // No room: a chunk is made only when the sink wants the one before.
                let (queue, queued) = sync_channel::<Receiver<Vec<V>>>(0);
                threads.spawn(move || {
                    // Whatever ends the chunking (the sink gone) stops the reading.
                    let _stopped = ahead.stop_on_drop();
                    while let Some(chunk) = ahead.take() {
                        let (done, checked) = sync_channel(1);
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
                    sink(values)?;
                }
                Ok(())
            })
        })
    }
}

/// The items read and not yet chunked, between the reading thread and the chunking one:
/// the reader pushes one at a time and waits when `chunk_len` are there; the chunker takes
/// all there are at once, waiting only for the first.
struct Ahead<T> {
    state: std::sync::Mutex<AheadState<T>>,
    /// Signalled when an item arrives or the reading ends.
    ready: std::sync::Condvar,
    /// Signalled when the items are taken or the chunking stops.
    room: std::sync::Condvar,
    chunk_len: usize,
}

struct AheadState<T> {
    items: Vec<T>,
    finished: bool,
    stopped: bool,
}

impl<T> Ahead<T> {
    fn new(chunk_len: usize) -> Ahead<T> {
        Ahead {
            state: std::sync::Mutex::new(AheadState {
                items: Vec::with_capacity(chunk_len),
                finished: false,
                stopped: false,
            }),
            ready: std::sync::Condvar::new(),
            room: std::sync::Condvar::new(),
            chunk_len,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, AheadState<T>> {
        // Nothing panics while holding the lock; a poisoned state is still whole.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Adds an item, waiting for room; false when the chunking has stopped.
    fn push(&self, item: T) -> bool {
        let mut state = self.lock();
        while state.items.len() >= self.chunk_len && !state.stopped {
            state = self
                .room
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        if state.stopped {
            return false;
        }
        state.items.push(item);
        if state.items.len() == 1 {
            self.ready.notify_one();
        }
        true
    }

    /// Every item there (at least one, waiting for it), or `None` once the reading ended
    /// and nothing is left.
    fn take(&self) -> Option<Vec<T>> {
        let mut state = self.lock();
        while state.items.is_empty() && !state.finished {
            state = self
                .ready
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        if state.items.is_empty() {
            return None;
        }
        let chunk = std::mem::replace(&mut state.items, Vec::with_capacity(self.chunk_len));
        self.room.notify_one();
        Some(chunk)
    }

    /// A guard that marks the reading finished when dropped.
    fn finish_on_drop(&self) -> AheadGuard<'_, T> {
        AheadGuard(self, true)
    }

    /// A guard that marks the chunking stopped when dropped.
    fn stop_on_drop(&self) -> AheadGuard<'_, T> {
        AheadGuard(self, false)
    }
}

/// Marks the reading finished (`true`) or the chunking stopped (`false`) when dropped.
struct AheadGuard<'a, T>(&'a Ahead<T>, bool);

impl<T> Drop for AheadGuard<'_, T> {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        if self.1 {
            state.finished = true;
            self.0.ready.notify_one();
        } else {
            state.stopped = true;
            self.0.room.notify_one();
        }
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
