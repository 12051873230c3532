/// What the server asks of the machine it runs on: files the editor has not opened.
///
/// The server itself reads nothing, so it is tested with a dictionary of files; `rebound
/// lsp` answers from the file system.
public protocol LanguageServerHost {
    /// The files whose names end in `suffix` (`.test`, `.playbook`) in these folders and
    /// their subfolders, each named by its `file://` URI. Folders are URIs as the editor
    /// writes them.
    func files(endingIn suffix: String, in folders: [String]) -> [WorkspaceFile]
}

/// A file the host read, named by its URI.
public struct WorkspaceFile: Sendable {
    public let uri: String
    public let bytes: [UInt8]

    public init(uri: String, bytes: [UInt8]) {
        self.uri = uri
        self.bytes = bytes
    }
}
