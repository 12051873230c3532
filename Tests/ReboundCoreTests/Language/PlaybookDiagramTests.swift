import ReboundChecker
import ReboundLanguage
import Testing

@Suite("playbook diagrams")
struct PlaybookDiagramTests {
    static let playbook = Playbook.check(
        demoHeader + """
            step a "Start \\"here\\""
              choose c "C?"
                option x "X" -> b
                option y "Y" -> loop
            step b "B <b>"
              draft "Write."
              follow-up in 2 days "Check."
              done resolved
            step loop "Loop"
              next loop2
            step loop2 "Loop 2"
              next loop
            step orphan "Orphan"
              done lost
            """
    ).playbook

    @Test("steps, labelled jumps, outcomes, and marks for drafts, follow-ups, unreachable steps and dead ends")
    func model() {
        let diagram = PlaybookDiagram(Self.playbook)
        #expect(diagram.nodes.map(\.id) == ["a", "b", "loop", "loop2", "orphan"])
        #expect(
            diagram.edges.map { "\($0.from)>\($0.to):\($0.label ?? "")" } == [
                "a>b:x", "a>loop:y", "b>outcome:resolved:", "loop>loop2:", "loop2>loop:", "orphan>outcome:lost:",
            ])
        #expect(diagram.nodes.filter(\.unreachable).map(\.id) == ["orphan"])
        #expect(diagram.nodes.filter(\.deadEnd).map(\.id) == ["loop", "loop2"])
        #expect(diagram.nodes[1].hasDraft && diagram.nodes[1].followUps == 1)
    }

    @Test("DOT escapes quotes and marks problem steps")
    func dot() {
        let dot = PlaybookDiagram(Self.playbook).dot
        #expect(dot.contains(#""step:a" [label="Start \"here\"\n(a)"];"#))
        #expect(
            dot.contains(#""step:loop" [label="Loop\n(loop)\nno way to done", color=red, fontcolor=red, penwidth=2];"#))
        #expect(dot.contains(#"style="rounded,dashed""#))
        #expect(dot.contains(#""step:a" -> "step:b" [label="x"];"#))
    }

    @Test("a step that runs on into the next is drawn with a dashed arrow in DOT and Mermaid")
    func fallThrough() {
        let playbook = Playbook.check(
            demoHeader + "step a \"A\"\n  say Hi\nstep b \"B\"\n  done resolved\n"
        ).playbook
        let diagram = PlaybookDiagram(playbook)
        #expect(diagram.edges.map(\.fallsThrough) == [true, false])
        #expect(diagram.dot.contains(#""step:a" -> "step:b" [style=dashed];"#))
        #expect(diagram.mermaid.contains("s0 -.-> s1"))
    }

    @Test("Mermaid escapes labels and classes problem steps")
    func mermaid() {
        let mermaid = PlaybookDiagram(Self.playbook).mermaid
        #expect(mermaid.hasPrefix("flowchart TD\n"))
        #expect(mermaid.contains(#"s0["Start #quot;here#quot;<br/>(a)"]"#))
        #expect(mermaid.contains(#"s1["B #lt;b#gt;<br/>(b)<br/>draft · follow-up"]"#))
        #expect(mermaid.contains("s0 -->|x| s1"))
        #expect(mermaid.contains("class s4 unreachable"))
        #expect(mermaid.contains("class s2,s3 deadEnd"))
    }
}
