import FuzzDriver
import ReboundTranscript
import ReboundReview

/// The transcript reader on any bytes, then what review and the ledger derive from it.
func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let (header, events, _) = TranscriptCoding.decode(Array(UnsafeBufferPointer(start: data, count: count)))
    guard let header else { return 0 }
    _ = SessionSummary(header: header, events: events, playbook: nil)
    _ = RecoveryRecord(header: header, events: events)
    return 0
}

@_cdecl("FuzzTranscript_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
