import Dispatch
import Synchronization

/// Takes what `value` holds, leaving `empty` in its place, and frees it on another thread. The
/// thread that takes a review's sessions in order, and then writes the report, need not free
/// them: freeing a large review's report was a fifth of what it did after the reading.
func freeInBackground<Value: Sendable>(_ value: inout Value, leaving empty: Value) {
    let held = Held(value)
    value = empty
    // Whichever lets go of `held` last, the value is freed here: `held` is emptied first.
    DispatchQueue.global().async { held.value.withLock { $0 = nil } }
}

/// A value on its way to be freed.
private final class Held<Value: Sendable>: Sendable {
    let value: Mutex<Value?>

    init(_ value: Value) {
        self.value = Mutex(value)
    }
}
