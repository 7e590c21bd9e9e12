//! A view's data, built the first time the view is shown: at once on a small dataset, on a
//! thread of its own on a large one, so that the key that opens the view answers at once and
//! the view says it is getting ready meanwhile.

use crate::data::index::Index;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Datasets at least this large build a view's data in the background.
pub const BACKGROUND_FROM: usize = 5_000;

#[derive(Default)]
pub enum Lazy<T> {
    #[default]
    Idle,
    Building(Receiver<T>),
    Ready(Arc<T>),
}

impl<T: Send + Sync + 'static> Lazy<T> {
    /// Starts building, unless already built or building.
    pub fn start(&mut self, index: &Arc<Index>, build: impl FnOnce(&Index) -> T + Send + 'static) {
        if !matches!(self, Lazy::Idle) {
            return;
        }
        if index.len() < BACKGROUND_FROM {
            *self = Lazy::Ready(Arc::new(build(index)));
            return;
        }
        let (tx, rx) = channel();
        let index = Arc::clone(index);
        std::thread::spawn(move || {
            // The receiver may be gone if the explorer quit meanwhile; nothing to do then.
            let _ = tx.send(build(&index));
        });
        *self = Lazy::Building(rx);
    }

    /// Takes the result if it has arrived; true when it just did.
    pub fn poll(&mut self) -> bool {
        let Lazy::Building(rx) = self else {
            return false;
        };
        match rx.try_recv() {
            Ok(value) => {
                *self = Lazy::Ready(Arc::new(value));
                true
            }
            Err(TryRecvError::Empty) => false,
            // The builder panicked: start again next time the view is shown.
            Err(TryRecvError::Disconnected) => {
                *self = Lazy::Idle;
                false
            }
        }
    }

    /// Blocks until built (tests, and benchmarks that want the view ready).
    pub fn wait(&mut self) {
        if let Lazy::Building(rx) = self {
            *self = match rx.recv() {
                Ok(value) => Lazy::Ready(Arc::new(value)),
                Err(_) => Lazy::Idle,
            };
        }
    }

    pub fn get(&self) -> Option<&Arc<T>> {
        match self {
            Lazy::Ready(v) => Some(v),
            _ => None,
        }
    }

    pub fn building(&self) -> bool {
        matches!(self, Lazy::Building(_))
    }
}
