//! Searching on a worker thread, so the explorer keeps drawing and taking keys while a large
//! dataset is scanned. Every request gets a generation number; a scan gives up as soon as a
//! newer one exists, and only the newest result is ever handed back.

use super::Query;
use super::engine::{Engine, Found, Recent};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;

struct Request {
    generation: u64,
    query: Query,
    limit: usize,
}

/// A finished background search.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub generation: u64,
    pub query: Query,
    pub found: Found,
}

pub struct Worker {
    requests: Option<mpsc::Sender<Request>>,
    results: mpsc::Receiver<Outcome>,
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread; `None` if the system would not give us one.
    pub fn spawn(engine: Arc<Engine>) -> Option<Worker> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, results) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                // Earlier scans, to narrow from: owned by this thread alone.
                let mut recent = Recent::default();
                while let Ok(mut request) = inbox.recv() {
                    // Keys typed while the last scan ran: only the newest query matters.
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    let generation = request.generation;
                    let cancelled = || newest.load(Ordering::Relaxed) != generation;
                    if cancelled() {
                        continue;
                    }
                    let found = engine.scan(
                        &request.query,
                        request.limit,
                        false,
                        &mut recent,
                        &cancelled,
                    );
                    let found = match found {
                        Some(found) => found,
                        None if cancelled() => continue,
                        None => Found::default(),
                    };
                    let outcome = Outcome {
                        generation,
                        query: request.query,
                        found,
                    };
                    if outbox.send(outcome).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        Some(Worker {
            requests: Some(requests),
            results,
            latest,
            thread: Some(thread),
        })
    }

    /// Queues a search, overtaking any still running; returns its generation.
    pub fn request(&self, query: Query, limit: usize) -> u64 {
        let generation = self.latest.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(tx) = &self.requests {
            let _ = tx.send(Request {
                generation,
                query,
                limit,
            });
        }
        generation
    }

    /// The newest request's result if it is ready; results of older requests are dropped.
    pub fn poll(&self) -> Option<Outcome> {
        let latest = self.latest.load(Ordering::SeqCst);
        let mut newest = None;
        while let Ok(outcome) = self.results.try_recv() {
            if outcome.generation == latest {
                newest = Some(outcome);
            }
        }
        newest
    }

    /// Blocks until the newest request's result is ready (for tests and scripts).
    pub fn wait(&self) -> Option<Outcome> {
        let latest = self.latest.load(Ordering::SeqCst);
        loop {
            match self.results.recv() {
                Ok(outcome) if outcome.generation == latest => return Some(outcome),
                Ok(_) => {}
                Err(_) => return None,
            }
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Cancels a running scan, then closes the queue so the thread ends.
        self.latest.store(u64::MAX, Ordering::SeqCst);
        self.requests = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
