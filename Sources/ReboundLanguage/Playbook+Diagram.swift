import ReboundText

/// A playbook as a flow diagram: steps as nodes, jumps as labelled edges, outcomes as
/// end nodes, with unreachable steps and dead ends (no way to `done`) marked.
public struct PlaybookDiagram: Sendable {
    public struct Node: Sendable {
        public let id: String
        public let title: String
        public let hasDraft: Bool
        public let followUps: Int
        public let hasRedCarpet: Bool
        public let unreachable: Bool
        public let deadEnd: Bool
    }

    public struct Edge: Sendable {
        public let from: String
        /// A step id, or `outcome:NAME` for an end.
        public let to: String
        public let label: String?
        /// The step has no exit and runs on into the next one: drawn dashed, so a missing
        /// `done` shows.
        public let fallsThrough: Bool

        init(from: String, to: String, label: String?, fallsThrough: Bool = false) {
            self.from = from
            self.to = to
            self.label = label
            self.fallsThrough = fallsThrough
        }
    }

    public let name: String
    public let title: String
    public let nodes: [Node]
    public let outcomes: [Outcome]
    public let edges: [Edge]

    public init(_ playbook: Playbook) {
        name = playbook.id?.value ?? "playbook"
        title = (playbook.title?.value.description ?? name) + (playbook.version.map { " (v\($0.value))" } ?? "")
        let steps = playbook.steps
        let index = Dictionary(steps.enumerated().map { ($1.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        var edges: [Edge] = []
        var successors = [[Int]](repeating: [], count: steps.count)
        var finishes = [Bool](repeating: false, count: steps.count)
        var outcomes: [Outcome] = []
        for (position, step) in steps.enumerated() {
            let from = step.id.value
            let branch = step.branch
            for option in branch?.options ?? [] {
                guard let target = option.target?.value else { continue }
                edges.append(Edge(from: from, to: target, label: option.id.value))
                if let next = index[target] { successors[position].append(next) }
            }
            let usesOwnExit = branch.map { $0.options.contains { $0.target == nil } } ?? true
            guard usesOwnExit else { continue }
            switch step.exit?.value {
            case .next(let target):
                edges.append(Edge(from: from, to: target.value, label: nil))
                if let next = index[target.value] { successors[position].append(next) }
            case .done(let outcome):
                edges.append(Edge(from: from, to: "outcome:\(outcome.rawValue)", label: nil))
                finishes[position] = true
                if !outcomes.contains(outcome) { outcomes.append(outcome) }
            case nil:
                if position + 1 < steps.count {
                    edges.append(Edge(from: from, to: steps[position + 1].id.value, label: nil, fallsThrough: true))
                    successors[position].append(position + 1)
                }
            }
        }
        let graph = StepGraph(successors: successors, finishes: finishes)
        nodes = steps.enumerated().map { position, step in
            Node(
                id: step.id.value, title: step.title.value.description,
                hasDraft: step.items.contains { if case .draft = $0 { true } else { false } },
                followUps: step.items.count { if case .followUp = $0 { true } else { false } },
                hasRedCarpet: step.items.contains { if case .redCarpet = $0 { true } else { false } },
                unreachable: !graph.reachable[position],
                deadEnd: graph.reachable[position] && !graph.canFinish[position])
        }
        self.outcomes = outcomes
        self.edges = edges
    }

    /// Graphviz DOT, for `dot -Tsvg`.
    public var dot: String {
        func quote(_ text: String) -> String { text.doubleQuoted }
        var lines = [
            "digraph \(quote(name)) {",
            "  graph [rankdir=TB, label=\(quote(title)), labelloc=t, fontname=\"Helvetica\"];",
            "  node [shape=box, style=rounded, fontname=\"Helvetica\"];",
            "  edge [fontname=\"Helvetica\", fontsize=10];",
        ]
        for node in nodes {
            var attributes = ["label=\(quote(label(node)))"]
            if node.unreachable { attributes.append("style=\"rounded,dashed\", color=gray50, fontcolor=gray50") }
            if node.deadEnd { attributes.append("color=red, fontcolor=red, penwidth=2") }
            lines.append("  \(quote("step:" + node.id)) [\(attributes.joined(separator: ", "))];")
        }
        for outcome in outcomes {
            lines.append(
                "  \(quote("outcome:" + outcome.rawValue)) [shape=doublecircle, label=\(quote(outcome.rawValue))];")
        }
        for edge in edges {
            let target = edge.to.hasPrefix("outcome:") ? edge.to : "step:" + edge.to
            let attributes =
                (edge.label.map { ["label=\(quote($0))"] } ?? []) + (edge.fallsThrough ? ["style=dashed"] : [])
            let list = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
            lines.append("  \(quote("step:" + edge.from)) -> \(quote(target))\(list);")
        }
        return (lines + ["}"]).joined(separator: "\n") + "\n"
    }

    /// A Mermaid `flowchart`, for Markdown renderers.
    public var mermaid: String {
        func escape(_ text: String) -> String {
            text.escaping(["\"": "#quot;", "<": "#lt;", ">": "#gt;", "|": "#124;", "#": "#35;", "\n": "<br/>"])
        }
        let ids = Dictionary(nodes.enumerated().map { ($1.id, "s\($0)") }, uniquingKeysWith: { first, _ in first })
        func id(_ target: String) -> String {
            target.hasPrefix("outcome:")
                ? "o_" + target.dropFirst(8) : ids[target] ?? "missing_\(target.filter(\.isLetter))"
        }
        var lines = ["flowchart TD"]
        for (index, node) in nodes.enumerated() {
            // A repeated step id names its first node, as the edges to it do.
            lines.append("  \(ids[node.id] ?? "s\(index)")[\"\(escape(label(node)))\"]")
        }
        for outcome in outcomes {
            lines.append("  o_\(outcome.rawValue)((\"\(outcome.rawValue)\"))")
        }
        for edge in edges {
            let label = edge.label.map { "|\(escape($0))|" } ?? ""
            lines.append("  \(id(edge.from)) \(edge.fallsThrough ? "-.->" : "-->")\(label) \(id(edge.to))")
        }
        let unreachable = nodes.filter(\.unreachable).compactMap { ids[$0.id] }
        let deadEnds = nodes.filter(\.deadEnd).compactMap { ids[$0.id] }
        if !unreachable.isEmpty {
            lines.append("  classDef unreachable stroke-dasharray: 5 5,color:#888")
            lines.append("  class \(unreachable.joined(separator: ",")) unreachable")
        }
        if !deadEnds.isEmpty {
            lines.append("  classDef deadEnd stroke:#d00,stroke-width:3px,color:#d00")
            lines.append("  class \(deadEnds.joined(separator: ",")) deadEnd")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "Title", the id, and marks for a draft and follow-ups, one per line.
    func label(_ node: Node) -> String {
        var parts = [node.title, "(\(node.id))"]
        var marks: [String] = []
        if node.hasDraft { marks.append("draft") }
        if node.followUps > 0 { marks.append(node.followUps == 1 ? "follow-up" : "\(node.followUps) follow-ups") }
        if node.hasRedCarpet { marks.append("red carpet") }
        if node.unreachable { marks.append("unreachable") }
        if node.deadEnd { marks.append("no way to done") }
        if !marks.isEmpty { parts.append(marks.joined(separator: " · ")) }
        return parts.joined(separator: "\n")
    }
}
