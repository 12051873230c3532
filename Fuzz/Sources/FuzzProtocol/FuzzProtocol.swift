import FuzzDriver
import ReboundText
import ReboundChecker
import ReboundSession

/// The JSON-lines protocol decoder on any bytes, and the other small readers of text
/// from outside: CSV files, amounts, customer keys, times.
func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    _ = ProtocolCommand.decode(bytes[...], number: 1)
    _ = try? CSV.parse(bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = MoneyAmount.parse(text)
    _ = CustomerKey(text)
    _ = Timestamp.parse(text)
    return 0
}

@_cdecl("FuzzProtocol_main")
func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
