import Foundation
import Testing

/// The bash completion script that `rebound --generate-completion-script bash` prints,
/// loaded into a real `bash` that asks for completions the way the shell does on Tab.
struct BashCompletion {
    let script: TemporaryDirectory

    init() throws {
        let generated = try ReboundProcess.run(["--generate-completion-script", "bash"])
        try #require(generated.status == 0, "\(generated.stderr)")
        script = try TemporaryDirectory()
        try script.write("rebound.bash", generated.stdout)
    }

    /// Sources the script, finds the function it registered for `rebound`, fills in
    /// `COMP_WORDS` and friends for the cursor at the end of the line, and prints `COMPREPLY`.
    static let driver = """
        source "$1" || exit 3
        function=$(complete -p rebound | awk '{ print $(NF - 1) }')
        line="$2"
        read -ra COMP_WORDS <<< "$line"
        [[ "$line" == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        COMP_LINE="$line"
        COMP_POINT=${#line}
        COMPREPLY=()
        "$function" rebound "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf '%s\\n' "${COMPREPLY[@]}"
        """

    /// What Tab offers at the end of `line` (words separated by single spaces; a trailing
    /// space starts a new word), with `rebound` found on `PATH` as an installed one would be.
    func candidates(
        _ line: String, in directory: URL = ReboundProcess.repositoryRoot, environment: [String: String] = [:]
    ) throws -> [String] {
        let path =
            ReboundProcess.executable.deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try ReboundProcess.run(
            ["--norc", "--noprofile", "-c", Self.driver, "bash", script.url.path + "/rebound.bash", line],
            in: directory, environment: environment.merging(["PATH": path]) { $1 }, executable: "/bin/bash")
        try #require(result.status == 0 && result.stderr.isEmpty, "bash: \(result.status) \(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init).sorted()
    }
}
