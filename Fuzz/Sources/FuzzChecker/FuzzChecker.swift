import FuzzDriver
import ReboundChecker

let checker = ReplyChecker()

/// The reply checker on any bytes: every finding's range lies inside the reply.
func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    for finding in checker.check(bytes) {
        precondition(finding.range.start.offset <= finding.range.end.offset, "reversed range \(finding)")
        precondition(finding.range.end.offset <= bytes.count, "range past the end \(finding)")
    }
    return 0
}

@_cdecl("FuzzChecker_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
