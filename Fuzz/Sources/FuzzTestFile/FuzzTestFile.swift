import FuzzDriver
import ReboundChecker
import ReboundScenario

/// The playbook-test parser on any bytes.
func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let (file, _) = ScenarioParser.parse(Array(UnsafeBufferPointer(start: data, count: count)))
    _ = file.scenarios.count
    return 0
}

@_cdecl("FuzzTestFile_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
