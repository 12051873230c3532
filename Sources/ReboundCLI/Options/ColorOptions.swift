import ArgumentParser
import Foundation

/// `--color`, shared by every command that colours its output, so that the option is
/// declared, described and applied in one place.
struct ColorOptions: ParsableArguments {
    @Option(help: "Colour: auto, always or never.")
    var color: ColorMode = .auto

    /// The styles for text written to `descriptor`: coloured when `--color` says so, or
    /// with `auto` when it is a terminal that wants colour.
    func style(for descriptor: Int32, environment: [String: String]) -> Style {
        Style(enabled: color.enabled(for: descriptor, environment: environment))
    }
}

extension ColorMode: ExpressibleByArgument {}
