/// An error with one line of text for the user, naming the file, node or tensor at fault.
public struct SmeltError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// An error about a node: `node "conv2": input has 8 channels, weight expects 16`.
    public static func node(_ name: String, _ what: String) -> SmeltError {
        SmeltError("node \"\(name)\": \(what)")
    }

    /// Prefixes the message with a file path: `model.json: node "conv2": ...`.
    public func inFile(_ path: String) -> SmeltError {
        message.hasPrefix(path + ":") ? self : SmeltError("\(path): \(message)")
    }
}
