import FuzzDriver
import ReboundLanguage
import ReboundChecker

/// The playbook parser and checks on any bytes; a playbook without errors must format
/// to text that checks clean and formats to itself.
func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    let (playbook, diagnostics) = Playbook.check(bytes)
    guard !diagnostics.contains(where: { $0.severity == .error }) else { return 0 }
    let formatted = Array(Playbook.format(bytes, playbook).utf8)
    let (again, second) = Playbook.check(formatted)
    precondition(!second.contains { $0.severity == .error }, "formatting made errors: \(second)")
    precondition(Array(Playbook.format(formatted, again).utf8) == formatted, "formatting is not idempotent")
    return 0
}

@_cdecl("FuzzPlaybook_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
