//! Importing many inputs at once: rebuilt on worker threads, stored in order on this one.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};

use jieba_rs::Jieba;

use super::{commit, prepare, Options, OwnedInput, Prepared, Report};
use crate::{Result, Store};

/// The most input (bytes) taken to be rebuilt and not yet stored, beyond two inputs.
pub const WAITING_BYTES: usize = 1 << 20;

/// The most threads rebuilding inputs.
const MOST_WORKERS: usize = 4;

/// Imports many inputs, each as one digest in its own transaction: worker threads (one a
/// core) read, decode and rebuild the next inputs while this one stores them in order. A
/// worker takes another input while fewer than two are taken and not yet stored, or they came
/// from less than [`WAITING_BYTES`] of input together: a folder of 31 MB files keeps at most
/// two in memory at once (a peak of 624 MiB at ten files when two more could wait), a folder
/// of pages keeps every core busy. `done` gets each input's name and result, in order.
pub fn import_stream<I>(
    store: &mut Store,
    jieba: &Jieba,
    inputs: I,
    opts: &Options,
    mut done: impl FnMut(&str, Result<Report>),
) where
    I: Iterator<Item = (String, Result<OwnedInput>)> + Send,
{
    let in_flight = &InFlight::default();
    let source = &Mutex::new((0usize, inputs));
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MOST_WORKERS);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<Rebuilt>();
        for _ in 0..workers {
            let tx = tx.clone();
            scope.spawn(move || {
                let _closed = in_flight.closed_on_drop(true);
                while let Some((seq, what, input)) = take(source, in_flight) {
                    let size = input.as_ref().map_or(0, |i| i.bytes.len());
                    let prepared = input.and_then(|i| prepare(jieba, &i.as_input(), opts));
                    if tx.send((seq, what, prepared, size)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // Even should `done` panic, the workers stop waiting.
        let _closed = in_flight.closed_on_drop(false);
        let mut ready = BTreeMap::new();
        let mut next = 0;
        for (seq, what, prepared, size) in rx {
            ready.insert(seq, (what, prepared, size));
            while let Some((what, prepared, size)) = ready.remove(&next) {
                done(&what, prepared.and_then(|p| commit(store, jieba, p, opts)));
                in_flight.stored(size);
                next += 1;
            }
        }
    });
}

/// An input rebuilt: its place among the inputs, name, result and size (bytes).
type Rebuilt = (usize, String, Result<Prepared>, usize);

/// The next input with its place among the inputs, once there is room for it; `None` when
/// the inputs are done or the storing thread has stopped.
fn take<I>(
    source: &Mutex<(usize, I)>,
    in_flight: &InFlight,
) -> Option<(usize, String, Result<OwnedInput>)>
where
    I: Iterator<Item = (String, Result<OwnedInput>)>,
{
    let mut source = source.lock().unwrap_or_else(|e| e.into_inner());
    if !in_flight.wait_for_room() {
        return None;
    }
    let (what, input) = source.1.next()?;
    in_flight.taken(input.as_ref().map_or(0, |i| i.bytes.len()));
    let seq = source.0;
    source.0 += 1;
    Some((seq, what, input))
}

/// The inputs taken to be rebuilt and not yet stored.
#[derive(Default)]
struct InFlight {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Default)]
struct State {
    inputs: usize,
    bytes: usize,
    /// Whether the storing thread has stopped taking inputs (or a worker panicked).
    closed: bool,
}

impl InFlight {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits until another input may be taken: fewer than two are in flight, or they came
    /// from less than [`WAITING_BYTES`]. False when the storing thread has stopped.
    fn wait_for_room(&self) -> bool {
        let state = self
            .changed
            .wait_while(self.lock(), |s| {
                !s.closed && s.inputs >= 2 && s.bytes >= WAITING_BYTES
            })
            .unwrap_or_else(|e| e.into_inner());
        !state.closed
    }

    /// Counts an input of `size` bytes taken.
    fn taken(&self, size: usize) {
        let mut state = self.lock();
        state.inputs += 1;
        state.bytes += size;
    }

    /// Counts an input of `size` bytes stored.
    fn stored(&self, size: usize) {
        let mut state = self.lock();
        state.inputs = state.inputs.saturating_sub(1);
        state.bytes = state.bytes.saturating_sub(size);
        self.changed.notify_all();
    }

    /// A guard that, when dropped (only while panicking if `on_panic_only`), tells the
    /// workers that no more inputs will be stored: they stop waiting.
    fn closed_on_drop(&self, on_panic_only: bool) -> impl Drop + '_ {
        struct Closed<'a>(&'a InFlight, bool);
        impl Drop for Closed<'_> {
            fn drop(&mut self) {
                if self.1 && !std::thread::panicking() {
                    return;
                }
                self.0.lock().closed = true;
                self.0.changed.notify_all();
            }
        }
        Closed(self, on_panic_only)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn two_inputs_however_large_or_many_within_the_byte_budget_are_in_flight() {
        let in_flight = &InFlight::default();
        // Two inputs however large may be in flight; the next waits until one is stored.
        assert!(in_flight.wait_for_room());
        in_flight.taken(3 * WAITING_BYTES);
        assert!(in_flight.wait_for_room());
        in_flight.taken(3 * WAITING_BYTES);
        let (tx, rx) = mpsc::channel();
        std::thread::scope(|s| {
            let tx = tx.clone();
            s.spawn(move || tx.send(in_flight.wait_for_room()).unwrap());
            assert!(rx.recv_timeout(Duration::from_millis(50)).is_err());
            in_flight.stored(3 * WAITING_BYTES);
            assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(true));
        });
        in_flight.stored(3 * WAITING_BYTES);
        // Small inputs: many, within the budget.
        for _ in 0..10 {
            assert!(in_flight.wait_for_room());
            in_flight.taken(WAITING_BYTES / 10 - 1);
        }
        // When the storing thread stops, a worker waiting is told so.
        in_flight.taken(WAITING_BYTES);
        std::thread::scope(|s| {
            s.spawn(move || tx.send(in_flight.wait_for_room()).unwrap());
            drop(in_flight.closed_on_drop(false));
            assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(false));
        });
    }

    #[test]
    fn a_workers_guard_closes_only_when_it_panics() {
        let in_flight = InFlight::default();
        drop(in_flight.closed_on_drop(true));
        assert!(!in_flight.lock().closed);
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _closed = in_flight.closed_on_drop(true);
            panic!("a worker fails");
        }));
        assert!(panicked.is_err());
        assert!(in_flight.lock().closed);
    }
}
