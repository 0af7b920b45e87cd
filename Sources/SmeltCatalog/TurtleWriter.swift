/// Writes an `RDFGraph` as Turtle (W3C RDF 1.1 Turtle): `@prefix` lines, then one block per
/// subject with `;`-separated predicates. Prefixed names are used only when the local part is
/// plain letters, digits, `_` and `-`; otherwise the full `<IRI>`.
public enum TurtleWriter {
    public static func write(_ graph: RDFGraph, comment: String? = nil) -> String {
        var out = ""
        if let c = comment { for line in c.split(separator: "\n", omittingEmptySubsequences: false) { out += "# \(line)\n" } }
        for (p, ns) in Vocabulary.prefixes { out += "@prefix \(p): <\(ns)> .\n" }
        for (subject, pairs) in graph.bySubject {
            out += "\n" + name(subject) + "\n"
            for (i, (p, o)) in pairs.enumerated() {
                let pred = p == Vocabulary.rdf + "type" ? "a" : name(p)
                out += "    \(pred) \(term(o))" + (i + 1 < pairs.count ? " ;\n" : " .\n")
            }
        }
        return out
    }

    /// `nn:Camera` or `<https://...>`.
    static func name(_ iri: String) -> String {
        for (p, ns) in Vocabulary.prefixes where iri.hasPrefix(ns) {
            let local = iri.dropFirst(ns.count)
            if let first = local.first, first.isLetter,
               local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                return "\(p):\(local)"
            }
        }
        return "<\(iri)>"
    }

    static func term(_ t: RDFGraph.Term) -> String {
        switch t {
        case .iri(let i): return name(i)
        case let .literal(s, datatype):
            let q = quote(s)
            if datatype == Vocabulary.xsd + "string" { return q }
            return "\(q)^^\(name(datatype))"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}

/// Writes an `RDFGraph` as flattened JSON-LD 1.1: a `@context` of prefixes and a `@graph` with one
/// node object per subject; IRIs as `{"@id"}`, literals as `{"@value", "@type"}`.
public enum JSONLDWriter {
    public static func write(_ graph: RDFGraph) -> String {
        let context = JSON.object(Vocabulary.prefixes.map { ($0.0, .string($0.1)) })
        let nodes = graph.bySubject.map { subject, pairs -> JSON in
            var members: [(String, JSON)] = [("@id", .string(TurtleWriter.name(subject).trimmingCharacters(in: ["<", ">"])))]
            var order: [String] = []
            var values: [String: [JSON]] = [:]
            for (p, o) in pairs {
                let key = p == Vocabulary.rdf + "type" ? "@type" : compact(p)
                if values[key] == nil { order.append(key) }
                let v: JSON
                switch o {
                case .iri(let i): v = key == "@type" ? .string(compact(i)) : .object([("@id", .string(compact(i)))])
                case let .literal(s, dt):
                    v = dt == Vocabulary.xsd + "string" ? .object([("@value", .string(s))])
                        : .object([("@value", .string(s)), ("@type", .string(compact(dt)))])
                }
                values[key, default: []].append(v)
            }
            for k in order { members.append((k, .array(values[k]!))) }
            return .object(members)
        }
        return JSON.object([("@context", context), ("@graph", .array(nodes))]).printed()
    }

    /// A compact IRI (`nn:Camera`) when a prefix matches and the local part is plain, else the IRI.
    static func compact(_ iri: String) -> String {
        let n = TurtleWriter.name(iri)
        return n.hasPrefix("<") ? iri : n
    }
}
