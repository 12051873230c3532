import ReboundText

/// The first line of a transcript: which session, agent and playbook it records.
public struct TranscriptHeader: Equatable, Sendable {
    public static let formatName = "rebound-transcript"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var session: String
    public var agent: String
    public var playbook: PlaybookReference
    public var tool: String
    /// ISO 8601 with offset.
    public var started: String
    /// The host's time zone identifier, such as `Europe/London`.
    public var timeZone: String

    /// Which playbook, exactly, the session followed.
    public struct PlaybookReference: Equatable, Sendable {
        public var id: String
        public var version: Int
        /// SHA-256 of the playbook file's bytes.
        public var sha256: String

        public init(id: String, version: Int, sha256: String) {
            self.id = id
            self.version = version
            self.sha256 = sha256
        }
    }

    public init(
        session: String, agent: String, playbook: PlaybookReference, tool: String, started: String, timeZone: String
    ) {
        format = Self.formatName
        version = Self.currentVersion
        self.session = session
        self.agent = agent
        self.playbook = playbook
        self.tool = tool
        self.started = started
        self.timeZone = timeZone
    }
}

extension TranscriptHeader {
    /// The header's keys, in the order written.
    public enum JSONKey: String, CaseIterable, Sendable {
        case format, version, session, agent, playbook, tool, started, timeZone
    }

    /// The keys of the `playbook` object.
    public enum PlaybookKey: String, CaseIterable, Sendable {
        case id, version, sha256
    }

    /// The header as one JSON object.
    public func write(to json: inout JSONWriter) {
        json.beginObject()
        json.field(JSONKey.format, format)
        json.field(JSONKey.version, version)
        json.field(JSONKey.session, session)
        json.field(JSONKey.agent, agent)
        json.key(JSONKey.playbook)
        json.beginObject()
        json.field(PlaybookKey.id, playbook.id)
        json.field(PlaybookKey.version, playbook.version)
        json.field(PlaybookKey.sha256, playbook.sha256)
        json.endObject()
        json.field(JSONKey.tool, tool)
        json.field(JSONKey.started, started)
        json.field(JSONKey.timeZone, timeZone)
        json.endObject()
    }

    /// A header from its JSON object. The format name and version are read as they are;
    /// `TranscriptCoding.decode` decides what to do with a foreign or newer file.
    public init(json value: JSON.Value) throws(JSON.SchemaError) {
        guard let playbook = value[JSONKey.playbook] else { throw JSON.SchemaError("\"playbook\" is missing") }
        self.init(
            session: try value.requiredString(JSONKey.session), agent: try value.requiredString(JSONKey.agent),
            playbook: PlaybookReference(
                id: try playbook.requiredString(PlaybookKey.id), version: try playbook.requiredInt(PlaybookKey.version),
                sha256: try playbook.requiredString(PlaybookKey.sha256)),
            tool: try value.requiredString(JSONKey.tool), started: try value.requiredString(JSONKey.started),
            timeZone: try value.requiredString(JSONKey.timeZone))
        format = try value.requiredString(JSONKey.format)
        version = try value.requiredInt(JSONKey.version)
    }
}
