/// A minimal RDF graph: IRIs and typed literals (no blank nodes: every node the catalog
/// exports has an IRI), kept in insertion order so the output is deterministic.
public struct RDFGraph: Sendable {
    public enum Term: Sendable, Hashable {
        case iri(String)
        /// A literal with its lexical form and datatype IRI (`xsd:string` is written plain).
        case literal(String, datatype: String)

        public static func string(_ s: String) -> Term { .literal(s, datatype: Vocabulary.xsd + "string") }
        public static func integer(_ i: Int) -> Term { .literal(String(i), datatype: Vocabulary.xsd + "integer") }
        public static func double(_ d: Double) -> Term { .literal(JSON.format(d), datatype: Vocabulary.xsd + "double") }
        public static func boolean(_ b: Bool) -> Term { .literal(b ? "true" : "false", datatype: Vocabulary.xsd + "boolean") }
    }

    public struct Triple: Sendable, Hashable {
        public var subject: String
        public var predicate: String
        public var object: Term
    }

    public private(set) var triples: [Triple] = []
    private var seen: Set<Triple> = []

    public init() {}

    /// Adds `subject predicate object` once (a repeated triple is ignored).
    public mutating func add(_ subject: String, _ predicate: String, _ object: Term) {
        let t = Triple(subject: subject, predicate: predicate, object: object)
        if seen.insert(t).inserted { triples.append(t) }
    }

    /// Subjects in first-use order with their predicate/object pairs.
    var bySubject: [(String, [(String, Term)])] {
        var order: [String] = []
        var groups: [String: [(String, Term)]] = [:]
        for t in triples {
            if groups[t.subject] == nil { order.append(t.subject) }
            groups[t.subject, default: []].append((t.predicate, t.object))
        }
        return order.map { ($0, groups[$0]!) }
    }
}
