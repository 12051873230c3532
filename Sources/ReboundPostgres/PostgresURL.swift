import Foundation
import PostgresNIO

/// A libpq-style connection URL, `postgresql://user:password@host:port/database?sslmode=…`,
/// with libpq's fallbacks: `PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`,
/// `PGSSLMODE`, then `~/.pgpass` (or `PGPASSFILE`) for the password.
///
/// The password is kept apart from everything shown: `redacted` is the URL as it may
/// appear in messages, logs and help, never with a password.
public struct PostgresURL: Equatable, Sendable {
    public enum Endpoint: Equatable, Sendable {
        case tcp(host: String, port: Int)
        /// A Unix socket file, `DIRECTORY/.s.PGSQL.PORT` as libpq names it.
        case socket(path: String)
    }

    /// libpq's `sslmode`: whether to use TLS, and how much to check the server.
    public enum TLSMode: String, Equatable, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var endpoint: Endpoint
    public var user: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode
    /// Seconds to wait for the server to answer a connection (`connect_timeout`).
    public var connectTimeout: Int
    /// The URL without its password, for messages.
    public let redacted: String

    /// Whether `text` names a PostgreSQL server rather than a file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses `text`; a one-line error names the URL without its password.
    public init(_ text: String, environment: [String: String]) throws(PostgresURLError) {
        guard let schemeEnd = text.range(of: "://"), Self.isURL(text) else {
            throw PostgresURLError("'\(Self.redact(text))' is not a postgresql:// URL")
        }
        var rest = String(text[schemeEnd.upperBound...])
        var query: [String: String] = [:]
        if let mark = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: mark)...].split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.decode(String(parts[0]))
                guard Self.knownParameters.contains(key) else {
                    throw PostgresURLError(
                        "\(Self.redact(text)): unknown parameter '\(key)'; rebound reads "
                            + Self.knownParameters.sorted().joined(separator: ", "))
                }
                query[key] = parts.count > 1 ? Self.decode(String(parts[1])) : ""
            }
            rest = String(rest[..<mark])
        }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = Self.decode(String(rest[rest.index(after: slash)...]))
            rest = String(rest[..<slash])
        }
        var userInfo: String?
        if let at = rest.lastIndex(of: "@") {
            userInfo = String(rest[..<at])
            rest = String(rest[rest.index(after: at)...])
        }
        var urlUser: String?
        var urlPassword: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                urlUser = Self.decode(String(userInfo[..<colon]))
                urlPassword = Self.decode(String(userInfo[userInfo.index(after: colon)...]))
            } else {
                urlUser = Self.decode(userInfo)
            }
        }
        var urlHost: String?
        var urlPort: String?
        if rest.hasPrefix("[") {
            // An IPv6 literal: [::1]:5432.
            guard let close = rest.firstIndex(of: "]") else {
                throw PostgresURLError("\(Self.redact(text)): an IPv6 host needs its closing ']'")
            }
            urlHost = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { urlPort = String(after.dropFirst()) }
        } else if let colon = rest.lastIndex(of: ":") {
            urlHost = Self.decode(String(rest[..<colon]))
            urlPort = String(rest[rest.index(after: colon)...])
        } else if !rest.isEmpty {
            urlHost = Self.decode(rest)
        }
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }

        let portText = nonEmpty(query["port"]) ?? nonEmpty(urlPort) ?? nonEmpty(environment["PGPORT"]) ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw PostgresURLError("\(Self.redact(text)): '\(portText)' is not a port number")
        }
        let host =
            nonEmpty(query["host"]) ?? nonEmpty(urlHost) ?? nonEmpty(environment["PGHOST"]) ?? "/var/run/postgresql"
        user =
            nonEmpty(query["user"]) ?? nonEmpty(urlUser) ?? nonEmpty(environment["PGUSER"])
            ?? nonEmpty(environment["USER"]) ?? "postgres"
        database = nonEmpty(query["dbname"]) ?? nonEmpty(path) ?? nonEmpty(environment["PGDATABASE"]) ?? user
        if host.hasPrefix("/") {
            endpoint = .socket(path: host.hasSuffix("/") ? "\(host).s.PGSQL.\(port)" : "\(host)/.s.PGSQL.\(port)")
        } else {
            endpoint = .tcp(host: host, port: port)
        }
        let modeText = nonEmpty(query["sslmode"]) ?? nonEmpty(environment["PGSSLMODE"]) ?? "prefer"
        guard let mode = TLSMode(rawValue: modeText) else {
            throw PostgresURLError(
                "\(Self.redact(text)): sslmode '\(modeText)' is not one of "
                    + TLSMode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        tlsMode = mode
        let timeoutText = nonEmpty(query["connect_timeout"]) ?? nonEmpty(environment["PGCONNECT_TIMEOUT"]) ?? "10"
        guard let timeout = Int(timeoutText), timeout >= 0 else {
            throw PostgresURLError("\(Self.redact(text)): connect_timeout '\(timeoutText)' is not a number of seconds")
        }
        connectTimeout = timeout == 0 ? 10 : timeout
        redacted = Self.redact(text)
        password =
            urlPassword ?? query["password"] ?? environment["PGPASSWORD"]
            ?? Self.passwordFile(environment: environment, host: host, port: port, database: database, user: user)
    }

    static let knownParameters: Set<String> = [
        "host", "port", "user", "password", "dbname", "sslmode", "connect_timeout", "application_name",
    ]

    /// `text` without a password in its user part or its query.
    public static func redact(_ text: String) -> String {
        var text = text
        if let schemeEnd = text.range(of: "://") {
            let authorityEnd =
                text[schemeEnd.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? text.endIndex
            let authority = text[schemeEnd.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@"),
                let colon = authority[..<at].firstIndex(of: ":")
            {
                text.replaceSubrange(colon..<at, with: "")
            }
        }
        if let mark = text.firstIndex(of: "?") {
            let kept = text[text.index(after: mark)...].split(separator: "&").filter { !$0.hasPrefix("password=") }
            text = String(text[..<mark]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        }
        return text
    }

    private static func decode(_ text: String) -> String {
        text.removingPercentEncoding ?? text
    }

    /// The password `~/.pgpass` (or `PGPASSFILE`) gives for this server, database and
    /// user: `host:port:database:user:password` lines, `*` matching anything, `\:` and
    /// `\\` escaped. Like libpq, a file others can read is ignored.
    static func passwordFile(
        environment: [String: String], host: String, port: Int, database: String, user: String
    ) -> String? {
        guard let file = environment["PGPASSFILE"] ?? environment["HOME"].map({ $0 + "/.pgpass" }),
            let attributes = try? FileManager.default.attributesOfItem(atPath: file),
            let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
            let text = try? String(contentsOfFile: file, encoding: .utf8)
        else { return nil }
        // libpq matches a socket connection to "localhost" as well as to its directory.
        let hosts = host.hasPrefix("/") ? [host, "localhost"] : [host]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = []
            var field = ""
            var escaped = false
            for character in line {
                if escaped {
                    field.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":", fields.count < 4 {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            guard fields.count == 5 else { continue }
            func matches(_ pattern: String, _ values: [String]) -> Bool { pattern == "*" || values.contains(pattern) }
            if matches(fields[0], hosts), matches(fields[1], [String(port)]), matches(fields[2], [database]),
                matches(fields[3], [user])
            {
                return fields[4]
            }
        }
        return nil
    }
}

extension PostgresURL {
    /// The connection settings this URL names, TLS as its `sslmode` says.
    public func configuration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch endpoint {
        case .socket(let path):
            configuration = .init(
                unixSocketPath: path, username: user, password: password, database: database)
        case .tcp(let host, let port):
            configuration = .init(
                host: host, port: port, username: user, password: password, database: database,
                tls: try tls())
        }
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        configuration.options.additionalStartupParameters = [("application_name", "rebound")]
        return configuration
    }

    /// libpq's sslmode in NIOSSL's terms: `require` encrypts without checking the
    /// certificate, `verify-ca` checks it against the system's roots, `verify-full` also
    /// checks the host name.
    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch tlsMode {
        case .disable: return .disable
        case .allow, .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        let context = try NIOSSLContext(configuration: tls)
        return tlsMode == .allow || tlsMode == .prefer ? .prefer(context) : .require(context)
    }
}

/// A URL that cannot be used, in one line without its password.
public struct PostgresURLError: Error, CustomStringConvertible, Equatable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
